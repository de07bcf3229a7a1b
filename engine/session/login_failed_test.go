package session

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/tds"
)

// TestLoginFailedReason: a refused login gets 18456 state 1, as the client
// always does, and the error log says why with SQL Server's state and
// reason and the client's address.
func TestLoginFailedReason(t *testing.T) {
	inst, err := engine.Open(engine.Config{DataDir: t.TempDir(), ServerName: "loginlog", SAPassword: "Test!Passw0rd", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Close() })
	var log bytes.Buffer
	h := &Handler{Inst: inst, Logger: slog.New(slog.NewTextHandler(&log, nil))}
	client := &net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 50000}
	tests := []struct {
		user, password string
		want           string
	}{
		{"sa", "wrong", `"Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: 10.1.2.3]" error=18456 severity=14 state=8`},
		{"nobody", "x", `"Login failed for user 'nobody'. Reason: Could not find a login matching the name provided. [CLIENT: 10.1.2.3]" error=18456 severity=14 state=5`},
	}
	for _, tt := range tests {
		t.Run(tt.user, func(t *testing.T) {
			log.Reset()
			_, err := h.Login(context.Background(), &tds.LoginRequest{UserName: tt.user, Password: tt.password, RemoteAddr: client})
			le, ok := err.(*loginError)
			if !ok || le.number != 18456 || le.state != 1 || le.SQLServerLine() != 1 {
				t.Fatalf("login error %#v, want 18456 state 1 at line 1", err)
			}
			if !strings.Contains(log.String(), tt.want) {
				t.Errorf("error log %q, want %q", log.String(), tt.want)
			}
		})
	}
}

// errWriter is a nopWriter that keeps the errors a batch sends.
type errWriter struct {
	nopWriter
	errs []error
}

func (w *errWriter) Error(err error) error { w.errs = append(w.errs, err); return nil }

// TestLoginConnectSQL: every login is granted CONNECT SQL when it is made;
// DENY CONNECT SQL refuses its logins (18456, state 12 in the error log),
// and so does REVOKE, which leaves it without the grant, until GRANT
// CONNECT SQL gives it back. A sysadmin is not stopped by a DENY. Before,
// CONNECT SQL was not recorded and nothing refused the login.
func TestLoginConnectSQL(t *testing.T) {
	inst, err := engine.Open(engine.Config{DataDir: t.TempDir(), ServerName: "connectsql", SAPassword: "Test!Passw0rd", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Close() })
	var log bytes.Buffer
	h := &Handler{Inst: inst, Logger: slog.New(slog.NewTextHandler(&log, nil))}
	sa, err := h.Login(context.Background(), &tds.LoginRequest{UserName: "sa", Password: "Test!Passw0rd"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sa.Close)
	run := func(sql string) {
		t.Helper()
		w := &errWriter{}
		if err := sa.Batch(sa.(tds.BaseContexter).BaseContext(), &tds.BatchRequest{Text: sql}, w); err != nil || len(w.errs) > 0 {
			t.Fatalf("%s: %v %v", sql, err, w.errs)
		}
	}
	run("CREATE LOGIN cs_user WITH PASSWORD = 'Cs!Passw0rd', CHECK_POLICY = OFF")
	run("CREATE LOGIN cs_admin WITH PASSWORD = 'Cs!Passw0rd', CHECK_POLICY = OFF")
	run("ALTER SERVER ROLE sysadmin ADD MEMBER cs_admin")
	login := func(user string) error {
		s, err := h.Login(context.Background(), &tds.LoginRequest{UserName: user, Password: "Cs!Passw0rd"})
		if err == nil {
			s.Close()
		}
		return err
	}
	steps := []struct {
		sql     string
		user    string
		refused bool
	}{
		{"", "cs_user", false},
		{"DENY CONNECT SQL TO cs_user", "cs_user", true},
		{"REVOKE CONNECT SQL FROM cs_user", "cs_user", true},
		{"GRANT CONNECT SQL TO cs_user", "cs_user", false},
		{"DENY CONNECT SQL TO cs_admin", "cs_admin", false},
	}
	for _, st := range steps {
		if st.sql != "" {
			run(st.sql)
		}
		log.Reset()
		err := login(st.user)
		if !st.refused {
			if err != nil {
				t.Fatalf("after %q: %s refused: %v", st.sql, st.user, err)
			}
			continue
		}
		le, ok := err.(*loginError)
		if !ok || le.number != 18456 || le.state != 1 || le.Error() != "Login failed for user '"+st.user+"'." {
			t.Fatalf("after %q: login error %#v, want 18456 state 1", st.sql, err)
		}
		if want := "Reason: Login-based server access validation failed with an infrastructure error. Check for previous errors.\" error=18456 severity=14 state=12"; !strings.Contains(log.String(), want) {
			t.Errorf("after %q: error log %q, want %q", st.sql, log.String(), want)
		}
	}
}
