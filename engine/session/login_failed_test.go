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
