package engine

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

func literalText(e ast.Expr) string {
	if l, ok := e.(*ast.Literal); ok {
		return l.Value
	}
	return ""
}

func optionText(opts []*ast.Option, name string) string {
	for _, o := range opts {
		if strings.EqualFold(o.Name, name) {
			if o.Value != nil {
				return literalText(o.Value)
			}
			return o.Word
		}
	}
	return ""
}

// createCertificate makes a certificate: generated (WITH SUBJECT) or loaded
// from a PEM or DER file (FROM FILE), kept in the server catalog.
func (inst *Instance) createCertificate(ctx context.Context, s *exec.Session, st *ast.CreateCertificateStmt) error {
	c := &catalog.Certificate{Name: st.Name.Name, Created: time.Now().UTC()}
	if st.Authorization != nil {
		c.Owner = st.Authorization.Name
	}
	if st.FromFile != nil {
		path := literalText(st.FromFile)
		b, err := os.ReadFile(path)
		if err != nil {
			return &exec.Error{Number: 15208, Severity: 16, State: 6, Message: "The certificate, asymmetric key, or private key file is not valid or does not exist; or you do not have permissions for it."}
		}
		if blk, _ := pem.Decode(b); blk != nil {
			b = blk.Bytes
		}
		cert, err := x509.ParseCertificate(b)
		if err != nil {
			return &exec.Error{Number: 15208, Severity: 16, State: 6, Message: "The certificate, asymmetric key, or private key file is not valid or does not exist; or you do not have permissions for it."}
		}
		c.Subject, c.Expiry = cert.Subject.CommonName, cert.NotAfter
		c.CertPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})
		if st.PrivateKeyFile != nil {
			if kb, err := os.ReadFile(literalText(st.PrivateKeyFile)); err == nil {
				c.KeyPEM = kb
			}
		}
	} else {
		subject := optionText(st.Options, "SUBJECT")
		expiry := time.Now().AddDate(1, 0, 0)
		if e := optionText(st.Options, "EXPIRY_DATE"); e != "" {
			for _, layout := range []string{"2006-01-02", "01/02/2006", "20060102", "2006-01-02T15:04:05"} {
				if t, err := time.Parse(layout, e); err == nil {
					expiry = t
					break
				}
			}
		}
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return err
		}
		serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 63))
		tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: subject}, NotBefore: time.Now().Add(-time.Hour), NotAfter: expiry}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			return err
		}
		kder, err := x509.MarshalECPrivateKey(key)
		if err != nil {
			return err
		}
		c.Subject, c.Expiry = subject, expiry
		c.CertPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
		c.KeyPEM = pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder})
	}
	return inst.UpdateServer(func(srv *catalog.Server) error {
		for _, x := range srv.Certificates {
			if strings.EqualFold(x.Name, c.Name) {
				return &exec.Error{Number: 15232, Severity: 16, State: 1, Message: "A certificate with name '" + c.Name + "' already exists or this certificate already has been added to the database."}
			}
		}
		c.ID = int32(256 + len(srv.Certificates))
		srv.Certificates = append(srv.Certificates, c)
		return nil
	})
}

// backupCertificate writes a certificate (and optionally its private key) to files.
func (inst *Instance) backupCertificate(ctx context.Context, s *exec.Session, st *ast.BackupCertificateStmt) error {
	c := inst.Server().Certificate(st.Name.Name)
	if c == nil {
		return errNoCertificate(st.Name.Name)
	}
	if err := writeFileAtomic(literalText(st.File), c.CertPEM); err != nil {
		return &exec.Error{Number: 15240, Severity: 16, State: 1, Message: "Cannot write into file '" + literalText(st.File) + "'. Verify that you have write permissions, that the file path is valid, and that the file does not already exist."}
	}
	if st.PrivateKeyFile != nil && c.KeyPEM != nil {
		return writeFileAtomic(literalText(st.PrivateKeyFile), c.KeyPEM)
	}
	return nil
}

// errNoCertificate is SQL Server's 15151 for a certificate master does not have.
func errNoCertificate(name string) *exec.Error {
	return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the certificate '" + name + "', because it does not exist or you do not have permission."}
}

// endpointCertificateError is SQL Server's refusal of a certificate that
// cannot authenticate an endpoint (28055): no private key, or the current
// UTC date outside its validity.
func endpointCertificateError(name string) *exec.Error {
	return &exec.Error{Number: 28055, Severity: 16, State: 1, Message: "The certificate '" + name + "' is not valid for endpoint authentication. The certificate must have a private key encrypted with the database master key and current UTC date has to be between the certificate start date and the certificate expiration date."}
}

// endpointCertificate is the certificate AUTHENTICATION = CERTIFICATE name
// names, with its private key, as the endpoint's TLS shows it: 15151 when
// there is no such certificate in master, 28055 when it cannot authenticate.
func endpointCertificate(srv *catalog.Server, name string) (*tls.Certificate, error) {
	c := srv.Certificate(name)
	if c == nil {
		return nil, errNoCertificate(name)
	}
	if len(c.KeyPEM) == 0 {
		return nil, endpointCertificateError(c.Name)
	}
	tc, err := tls.X509KeyPair(c.CertPEM, c.KeyPEM)
	if err != nil {
		return nil, endpointCertificateError(c.Name)
	}
	if x, err := x509.ParseCertificate(tc.Certificate[0]); err != nil || !validNow(x) {
		return nil, endpointCertificateError(c.Name)
	}
	return &tc, nil
}

func validNow(x *x509.Certificate) bool {
	now := time.Now()
	return !now.Before(x.NotBefore) && !now.After(x.NotAfter)
}

// authorizePeer is the acceptor's (and the dialer's) check of a peer endpoint's
// certificate under certificate authentication, as the docs' inbound setup
// arranges it: the same certificate must be in master (CREATE CERTIFICATE …
// AUTHORIZATION user FROM FILE), its owner a user of master whose login has
// CONNECT on the endpoint (GRANT CONNECT ON ENDPOINT::e TO login) or is a
// sysadmin. It reads the catalog as it is now, so a GRANT or REVOKE applies
// to the next connection.
func (inst *Instance) authorizePeer(cert *x509.Certificate) PeerLogin {
	srv := inst.Server()
	var c *catalog.Certificate
	for _, x := range srv.Certificates {
		if blk, _ := pem.Decode(x.CertPEM); blk != nil && bytes.Equal(blk.Bytes, cert.Raw) {
			c = x
			break
		}
	}
	if c == nil {
		return PeerLogin{Invalid: "Certificate not found"}
	}
	if !validNow(cert) {
		return PeerLogin{Invalid: "Certificate expired"}
	}
	login := c.Owner
	if master := inst.Database("master"); master != nil && c.Owner != "" {
		for _, u := range master.Catalog().Users {
			if l := srv.UserLogin(u); strings.EqualFold(u.Name, c.Owner) && l != nil {
				login = l.Name
			}
		}
	}
	out := PeerLogin{Login: login, CertificateID: c.ID}
	l := srv.Login(login)
	if l == nil || l.Disabled {
		out.NoConnect = true
		return out
	}
	if l.Sysadmin {
		return out
	}
	ep := srv.Endpoint()
	out.NoConnect = ep == nil || !slices.ContainsFunc(ep.ConnectGrants, func(g string) bool { return strings.EqualFold(g, l.Name) })
	return out
}
