package engine

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
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
	var c *catalog.Certificate
	for _, x := range inst.Server().Certificates {
		if strings.EqualFold(x.Name, st.Name.Name) {
			c = x
		}
	}
	if c == nil {
		return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the certificate '" + st.Name.Name + "', because it does not exist or you do not have permission."}
	}
	if err := writeFileAtomic(literalText(st.File), c.CertPEM); err != nil {
		return &exec.Error{Number: 15240, Severity: 16, State: 1, Message: "Cannot write into file '" + literalText(st.File) + "'. Verify that you have write permissions, that the file path is valid, and that the file does not already exist."}
	}
	if st.PrivateKeyFile != nil && c.KeyPEM != nil {
		return writeFileAtomic(literalText(st.PrivateKeyFile), c.KeyPEM)
	}
	return nil
}
