package tds_test

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tds"
)

// TestE2EFreeTDS runs FreeTDS's tsql (Debian freetds-bin) against the server, when
// it is installed: plaintext, login-only TLS (FreeTDS's default "request") and
// full TLS ("require", TLS 1.2 inside PRELOGIN).
func TestE2EFreeTDS(t *testing.T) {
	tsql, err := exec.LookPath("tsql")
	if err != nil {
		t.Skip("FreeTDS tsql not installed")
	}
	plain := startServer(t, &fakeHandler{}, false)
	secure := startServer(t, &fakeHandler{}, true)
	tests := []struct {
		name       string
		ts         *testServer
		encryption string
		wantMode   string
	}{
		{"plaintext", plain, "off", tds.ModeOff},
		{"login-only TLS", secure, "request", tds.ModeLoginOnly},
		{"full TLS", secure, "require", tds.ModeOn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			host, port, _ := net.SplitHostPort(tt.ts.addr)
			conf := filepath.Join(t.TempDir(), "freetds.conf")
			body := "[srv]\nhost = " + host + "\nport = " + port + "\ntds version = 7.4\nencryption = " + tt.encryption + "\n"
			if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(tsql, "-S", "srv", "-U", "sa", "-P", "secret")
			cmd.Env = append(os.Environ(), "FREETDSCONF="+conf)
			cmd.Stdin = strings.NewReader("select 1\ngo\nselect types\ngo\nquit\n")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("tsql: %v\n%s", err, out)
			}
			s := string(out)
			if !strings.Contains(s, "(1 row affected)") || !strings.Contains(s, "(2 rows affected)") || !strings.Contains(s, "héllo wörld €") {
				t.Fatalf("tsql output:\n%s", s)
			}
			if got := tt.ts.h.lastMode.Load(); got != tt.wantMode {
				t.Fatalf("negotiated %v, want %s", got, tt.wantMode)
			}
		})
	}
}
