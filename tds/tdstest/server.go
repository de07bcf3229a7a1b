package tdstest

import (
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tds"
)

// Server is a tds.Server listening on 127.0.0.1:0 with a self-signed
// certificate (so every encryption mode works), stopped by t.Cleanup.
type Server struct {
	*tds.Server
	Addr     string // host:port
	CertFile string // PEM certificate, for go-mssqldb's certificate= key
}

// StartServer serves h until the test ends.
func StartServer(t testing.TB, h tds.Handler) *Server {
	t.Helper()
	dir := t.TempDir()
	s := &Server{CertFile: filepath.Join(dir, "cert.pem")}
	cert, err := tds.LoadOrCreateCertificate(s.CertFile, filepath.Join(dir, "key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = l.Addr().String()
	s.Server = &tds.Server{Handler: h, ServerName: "tdstest",
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}},
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil))}
	done := make(chan error, 1)
	go func() { done <- s.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Shutdown(ctx)
		<-done
	})
	return s
}

// DSN returns a go-mssqldb URL for user/password with extra query parameters
// (e.g. "encrypt=disable&database=db1").
func (s *Server) DSN(user, password, params string) string {
	u := url.URL{Scheme: "sqlserver", User: url.UserPassword(user, password), Host: s.Addr, RawQuery: params}
	return u.String()
}
