package mirroring_test

import (
	"database/sql"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// certHost is one instance of the docs' certificate walk-through ("Example:
// Setting Up Database Mirroring Using Certificates", reference §7.2).
type certHost struct {
	name string // HOST_A, HOST_B, HOST_W
	s    *harness.Server
	port int
}

// TestCertificateMirroring runs the docs' walk-through on three instances:
// outbound (master key, certificate, endpoint with AUTHENTICATION =
// CERTIFICATE and ENCRYPTION REQUIRED ALGORITHM AES, BACKUP CERTIFICATE) and
// inbound (login, user, certificate FROM FILE, GRANT CONNECT) on every host,
// then mirroring with a witness. HOST_B starts without granting HOST_A's
// login CONNECT: the principal's SET PARTNER gets 1418 and both error logs
// say why (28034, state 84). The connections report certificate
// authentication, AES, the mapped login and the peer's certificate.
func TestCertificateMirroring(t *testing.T) {
	c := &cluster{t: t, endpoint: map[*harness.Server]int{}, meta: map[*harness.Server]*sql.DB{}, backupDir: t.TempDir()}
	certDir := t.TempDir()
	hosts := []*certHost{{name: "HOST_A"}, {name: "HOST_B"}, {name: "HOST_W"}}
	for _, h := range hosts {
		h.s = harness.Start(t, harness.Options{Name: strings.ToLower(h.name)})
		h.port = harness.FreePort(t)
		c.endpoint[h.s] = h.port
	}
	a, b, w := hosts[0], hosts[1], hosts[2]
	c.principal, c.mirror, c.witness = a.s, b.s, w.s
	cerFile := func(h *certHost) string { return filepath.Join(certDir, h.name+"_cert.cer") }

	// Stage 1, outbound, on each host.
	for _, h := range hosts {
		c.mustExec(h.s, fmt.Sprintf(`CREATE MASTER KEY ENCRYPTION BY PASSWORD = '<1_Strong_Password!>'
GO
CREATE CERTIFICATE %[1]s_cert WITH SUBJECT = '%[1]s certificate for database mirroring', EXPIRY_DATE = '11/30/2035'
GO
CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED
   AS TCP (LISTENER_PORT = %[2]d, LISTENER_IP = ALL)
   FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE %[1]s_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL)
GO
BACKUP CERTIFICATE %[1]s_cert TO FILE = '%[3]s'`, h.name, h.port, cerFile(h)))
	}
	// Stage 2, inbound, on each host for every other host; HOST_B does not
	// grant HOST_A's login CONNECT yet.
	for _, h := range hosts {
		for _, o := range hosts {
			if o == h {
				continue
			}
			script := fmt.Sprintf(`CREATE LOGIN %[1]s_login WITH PASSWORD = '1Sample_Strong_Password!@#'
GO
CREATE USER %[1]s_user FOR LOGIN %[1]s_login
GO
CREATE CERTIFICATE %[1]s_cert AUTHORIZATION %[1]s_user FROM FILE = '%[2]s'`, o.name, cerFile(o))
			if !(h == b && o == a) {
				script += fmt.Sprintf("\nGO\nGRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [%s_login]", o.name)
			}
			c.mustExec(h.s, script)
		}
	}
	// Stage 3, the mirror database; stage 4, partners. Without CONNECT for
	// HOST_A's login on HOST_B the principal cannot reach the mirror.
	const noConnect = "Connection handshake failed. The login 'HOST_A_login' does not have CONNECT permission on the endpoint. State 84."
	c.refusedSetup(a.s, b.s, "Database Mirroring login attempt by user 'HOST_A_login.' failed with error: '"+noConnect+"'.", noConnect)
	c.mustExec(b.s, "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login]")
	c.mustExec(a.s, fmt.Sprintf("ALTER DATABASE %s SET PARTNER = '%s'", dbName, c.address(b.s)))
	c.waitState(a.s, "SYNCHRONIZED")
	c.mustExec(a.s, fmt.Sprintf("ALTER DATABASE %s SET WITNESS = '%s'", dbName, c.address(w.s)))
	c.waitFor("witness CONNECTED on both partners", 30*time.Second, func() (bool, error) {
		for _, s := range []*harness.Server{a.s, b.s} {
			r, err := c.row(s)
			if err != nil || r.WitnessState != "CONNECTED" {
				return false, err
			}
		}
		return true, nil
	})
	c.mustExec(a.s, fmt.Sprintf("USE %s; INSERT INTO dbo.kv (k, v) VALUES (1, 1)", dbName))

	// Every connection of the principal: certificate authentication over
	// AES, the peer's login and certificate as HOST_A's master maps them.
	rows, err := c.master(a.s).Query(`SELECT c.authentication_method, c.principal_name, c.encryption_algorithm, c.encryption_algorithm_desc,
       cert.name
FROM sys.dm_db_mirroring_connections AS c
LEFT JOIN sys.certificates AS cert ON cert.certificate_id = c.peer_certificate_id
ORDER BY c.principal_name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var method, principal, algDesc string
		var alg int
		var certName *string
		if err := rows.Scan(&method, &principal, &alg, &algDesc, &certName); err != nil {
			t.Fatal(err)
		}
		name := "NULL"
		if certName != nil {
			name = *certName
		}
		got = append(got, fmt.Sprintf("%s %s %d %s %s", method, principal, alg, algDesc, name))
	}
	want := []string{"CERTIFICATE HOST_B_login 2 AES HOST_B_cert", "CERTIFICATE HOST_W_login 2 AES HOST_W_cert"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("principal's mirroring connections:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEncryptionMismatch: an endpoint with ENCRYPTION = DISABLED cannot talk
// to one that requires encryption (SQL Server's default): SET PARTNER gets
// 1418 and both error logs have "There is no compatible encryption
// algorithm. State 22."; with ENCRYPTION = SUPPORTED the session starts and
// its connection is encrypted.
func TestEncryptionMismatch(t *testing.T) {
	c := &cluster{t: t, endpoint: map[*harness.Server]int{}, meta: map[*harness.Server]*sql.DB{}, backupDir: t.TempDir()}
	c.principal = harness.Start(t, harness.Options{Name: "principal"})
	c.mirror = harness.Start(t, harness.Options{Name: "mirror"})
	for _, s := range c.servers() {
		c.endpoint[s] = harness.FreePort(t)
	}
	c.mustExec(c.principal, fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED, ROLE = PARTNER)", c.endpoint[c.principal]))
	c.mustExec(c.mirror, fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = PARTNER)", c.endpoint[c.mirror]))
	const mismatch = "Connection handshake failed. There is no compatible encryption algorithm. State 22."
	c.refusedSetup(c.principal, c.mirror, "Database Mirroring login attempt failed with error: '"+mismatch+"'.", mismatch)
	c.mustExec(c.principal, "ALTER ENDPOINT Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = SUPPORTED, ROLE = PARTNER)")
	c.mustExec(c.principal, fmt.Sprintf("ALTER DATABASE %s SET PARTNER = '%s'", dbName, c.address(c.mirror)))
	c.waitState(c.principal, "SYNCHRONIZED")
	var method, alg string
	if err := c.master(c.principal).QueryRow("SELECT authentication_method, encryption_algorithm_desc FROM sys.dm_db_mirroring_connections").Scan(&method, &alg); err != nil {
		t.Fatal(err)
	}
	if method != "NEGOTIATE" || alg != "AES" {
		t.Fatalf("connection: %s %s, want NEGOTIATE AES", method, alg)
	}
}

// TestPlainHelloToRequiredEndpoint: a process that speaks the mirroring
// protocol's Hello in the clear to an endpoint that requires encryption is
// refused before it can act as a partner, and the refusal is logged.
func TestPlainHelloToRequiredEndpoint(t *testing.T) {
	s := harness.Start(t, harness.Options{Name: "target"})
	c := &cluster{t: t, meta: map[*harness.Server]*sql.DB{}}
	port := harness.FreePort(t)
	c.mustExec(s, fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = ALL)", port))
	nc, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	_ = nc.SetDeadline(time.Now().Add(30 * time.Second))
	pc := proto.NewConn(nc, 0)
	if err := pc.WriteMessage(&proto.Hello{InstanceName: "INTRUDER", InstanceID: uuid.New(), Role: proto.EndpointPartner,
		MinVersion: proto.Version, MaxVersion: proto.Version}); err != nil {
		t.Fatal(err)
	}
	if err := pc.Flush(); err != nil {
		t.Fatal(err)
	}
	m, err := pc.ReadMessage()
	if err != nil {
		t.Fatalf("answer: %v", err)
	}
	r, ok := m.(*proto.HelloReject)
	if !ok || r.Number != 28027 {
		t.Fatalf("answer %s %+v, want HelloReject 28027", m.Type(), m)
	}
	if _, err := pc.ReadMessage(); err == nil {
		t.Fatal("the connection stayed open after the refusal")
	}
	c.waitLogged(s, "There is no compatible encryption algorithm. State 22.'.  [CLIENT: 127.0.0.1]")
}

// waitLogged waits until s's error log has a row containing text: the
// refusal is logged before the dialer hears of it, the wait only absorbs a
// loaded machine's scheduling.
func (c *cluster) waitLogged(s *harness.Server, text string) {
	c.t.Helper()
	c.waitFor(s.Name+"'s error log to have "+text, 10*time.Second, func() (bool, error) { return c.errorLogHas(s, text), nil })
}

// refusedSetup seeds the mirror database on m from p (a full and a log backup
// restored WITH NORECOVERY), points m at p, and expects p's SET PARTNER to
// fail with 1418 because m's endpoint refuses p's connection: m's error log
// gets acceptorLine, p's the refusal.
func (c *cluster) refusedSetup(p, m *harness.Server, acceptorLine, refusal string) {
	c.t.Helper()
	c.seedMirror(p, m)
	err := c.exec(p, fmt.Sprintf("ALTER DATABASE %s SET PARTNER = '%s'", dbName, c.address(m)))
	if n := errNumber(err); n != 1418 {
		c.t.Fatalf("SET PARTNER refused by the mirror's endpoint: error %d (%v), want 1418", n, err)
	}
	c.waitLogged(m, acceptorLine)
	c.waitLogged(p, refusal)
}

// seedMirror creates dbName on p in FULL recovery with a table, restores its
// full and log backups on m WITH NORECOVERY and points m's SET PARTNER at p:
// what is left is p's SET PARTNER.
func (c *cluster) seedMirror(p, m *harness.Server) {
	c.t.Helper()
	bak, trn := filepath.Join(c.backupDir, dbName+".bak"), filepath.Join(c.backupDir, dbName+".trn")
	c.mustExec(p, fmt.Sprintf(`CREATE DATABASE %[1]s
GO
ALTER DATABASE %[1]s SET RECOVERY FULL
GO
USE %[1]s; CREATE TABLE dbo.kv (k int NOT NULL PRIMARY KEY, v int NOT NULL)
GO
BACKUP DATABASE %[1]s TO DISK = '%[2]s' WITH FORMAT, INIT
GO
BACKUP LOG %[1]s TO DISK = '%[3]s' WITH INIT`, dbName, bak, trn))
	c.mustExec(m, fmt.Sprintf("RESTORE DATABASE %[1]s FROM DISK = '%[2]s' WITH NORECOVERY\nGO\nRESTORE LOG %[1]s FROM DISK = '%[3]s' WITH NORECOVERY", dbName, bak, trn))
	c.mustExec(m, fmt.Sprintf("ALTER DATABASE %s SET PARTNER = '%s'", dbName, c.address(p)))
}
