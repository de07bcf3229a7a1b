package engine

import (
	"context"
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// peerCertificate makes a certificate on a separate instance as HOST_A does in
// the docs' walk-through, backs it up to a file and returns the file and the
// certificate as its endpoint would show it.
func peerCertificate(t *testing.T, name, expiry string) (string, *x509.Certificate) {
	t.Helper()
	host := openTestInstance(t, t.TempDir())
	t.Cleanup(func() { host.Close() })
	s := newTestSession(t, host, "master")
	file := filepath.Join(t.TempDir(), name+".cer")
	mustExec(t, s, "CREATE CERTIFICATE "+name+" WITH SUBJECT = 'peer', EXPIRY_DATE = '"+expiry+"'")
	mustExec(t, s, "BACKUP CERTIFICATE "+name+" TO FILE = '"+file+"'")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil {
		t.Fatal("backup is not PEM")
	}
	x, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return file, x
}

// TestAuthorizePeer: a peer endpoint's certificate maps through the
// certificate in master and its owner to a login, which needs CONNECT on the
// endpoint; unknown and expired certificates are refused with SQL Server's
// reasons.
func TestAuthorizePeer(t *testing.T) {
	inst := openTestInstance(t, t.TempDir())
	defer inst.Close()
	s := newTestSession(t, inst, "master")
	mustExec(t, s, `CREATE CERTIFICATE HOST_B_cert WITH SUBJECT = 'HOST_B'`)
	mustExec(t, s, `CREATE ENDPOINT Endpoint_Mirroring STATE = STOPPED AS TCP (LISTENER_PORT = 7024)
FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE HOST_B_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL)`)
	aFile, aCert := peerCertificate(t, "HOST_A_cert", "12/31/2099")
	oldFile, oldCert := peerCertificate(t, "OLD_cert", "01/01/2020")
	_, strangerCert := peerCertificate(t, "STRANGER_cert", "12/31/2099")
	mustExec(t, s, `CREATE LOGIN HOST_A_login WITH PASSWORD = '1Sample_Strong_Password!@#'
CREATE USER HOST_A_user FOR LOGIN HOST_A_login
CREATE CERTIFICATE HOST_A_cert AUTHORIZATION HOST_A_user FROM FILE = '`+aFile+`'
CREATE LOGIN OLD_login WITH PASSWORD = '1Sample_Strong_Password!@#'
CREATE USER OLD_user FOR LOGIN OLD_login
CREATE CERTIFICATE OLD_cert AUTHORIZATION OLD_user FROM FILE = '`+oldFile+`'
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [OLD_login]`)
	var aID int32
	for _, c := range inst.Server().Certificates {
		if c.Name == "HOST_A_cert" {
			aID = c.ID
		}
	}
	tests := []struct {
		name  string
		grant string
		cert  *x509.Certificate
		want  PeerLogin
	}{
		{"no-connect", "", aCert, PeerLogin{Login: "HOST_A_login", CertificateID: aID, NoConnect: true}},
		{"granted", "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login]", aCert, PeerLogin{Login: "HOST_A_login", CertificateID: aID}},
		{"revoked", "REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login]", aCert, PeerLogin{Login: "HOST_A_login", CertificateID: aID, NoConnect: true}},
		{"unknown", "", strangerCert, PeerLogin{Invalid: "Certificate not found"}},
		{"expired", "", oldCert, PeerLogin{Invalid: "Certificate expired"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.grant != "" {
				mustExec(t, s, tc.grant)
			}
			if got := inst.authorizePeer(tc.cert); got != tc.want {
				t.Fatalf("authorizePeer = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestEndpointCertificateChecked: AUTHENTICATION = CERTIFICATE names a
// certificate of master that can authenticate (15151 when there is none,
// 28055 when it has expired or has no private key), as CREATE and ALTER
// ENDPOINT check it.
func TestEndpointCertificateChecked(t *testing.T) {
	inst := openTestInstance(t, t.TempDir())
	defer inst.Close()
	s := newTestSession(t, inst, "master")
	peerFile, _ := peerCertificate(t, "PEER_cert", "12/31/2099")
	mustExec(t, s, "CREATE CERTIFICATE old_cert WITH SUBJECT = 'old', EXPIRY_DATE = '01/01/2020'")
	mustExec(t, s, "CREATE CERTIFICATE PEER_cert FROM FILE = '"+peerFile+"'")
	for _, tc := range []struct {
		cert   string
		number int32
	}{{"missing_cert", 15151}, {"old_cert", 28055}, {"PEER_cert", 28055}} {
		t.Run(tc.cert, func(t *testing.T) {
			out := &collect{}
			err := s.ExecBatch(context.Background(), "CREATE ENDPOINT ep STATE = STOPPED AS TCP (LISTENER_PORT = 7024) FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE "+tc.cert+", ROLE = ALL)", out)
			if err == nil && len(out.errs) > 0 {
				err = out.errs[0]
			}
			var e *exec.Error
			if !errors.As(err, &e) || e.Number != tc.number {
				t.Fatalf("CREATE ENDPOINT with %s: %v, want %d", tc.cert, err, tc.number)
			}
		})
	}
}

// TestCertificatesView: sys.certificates has SQL Server's columns, and for
// the certificate example's two kinds of certificate — one made here WITH
// SUBJECT (its private key encrypted by the master key, owned by dbo) and a
// partner's loaded FROM FILE with AUTHORIZATION (no private key, owned by
// that user) — the owner, key, issuer, serial number, validity and SHA-1
// thumbprint of the certificate file. It had name, certificate_id, subject
// and expiry_date only: a DBA's check of who owns the partner's certificate
// got 207.
func TestCertificatesView(t *testing.T) {
	file, peer := peerCertificate(t, "HOST_B_cert", "11/30/2035")
	inst := openTestInstance(t, t.TempDir())
	defer inst.Close()
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE MASTER KEY ENCRYPTION BY PASSWORD = '<1_Strong_Password!>'")
	mustExec(t, s, "CREATE CERTIFICATE HOST_A_cert WITH SUBJECT = 'HOST_A certificate'")
	mustExec(t, s, "CREATE LOGIN HOST_B_login WITH PASSWORD = '1Sample_Strong_Password!@#'")
	mustExec(t, s, "CREATE USER HOST_B_user FOR LOGIN HOST_B_login")
	mustExec(t, s, "CREATE CERTIFICATE HOST_B_cert AUTHORIZATION HOST_B_user FROM FILE = '"+file+"'")
	sum := sha1.Sum(peer.Raw)
	got := mustExec(t, s, `SELECT c.name, USER_NAME(c.principal_id), c.pvt_key_encryption_type, c.pvt_key_encryption_type_desc,
       c.is_active_for_begin_dialog, c.issuer_name, c.subject, c.sid, c.string_sid, c.attested_by, c.pvt_key_last_backup_date,
       CASE WHEN c.start_date < c.expiry_date THEN 'valid' END,
       CONVERT(varchar(64), c.thumbprint, 2), c.cert_serial_number
FROM sys.certificates AS c ORDER BY c.name`)
	want := []string{
		"HOST_A_cert,dbo,MK,ENCRYPTED_BY_MASTER_KEY,1,HOST_A certificate,HOST_A certificate,NULL,NULL,NULL,NULL,valid,",
		"HOST_B_cert,HOST_B_user,NA,NO_PRIVATE_KEY,1,peer,peer,NULL,NULL,NULL,NULL,valid," + strings.ToUpper(hex.EncodeToString(sum[:])) + "," + serialText(peer.SerialNumber.Bytes()),
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], want[0]) || got[1] != want[1] {
		t.Fatalf("sys.certificates:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := strings.Count(mustExec(t, s, "SELECT serial FROM (SELECT cert_serial_number AS serial FROM sys.certificates WHERE name = 'HOST_A_cert') AS x")[0], " "); n == 0 {
		t.Errorf("HOST_A_cert's serial number is not bytes apart")
	}
}
