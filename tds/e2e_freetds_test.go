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
			cmd.Stdin = strings.NewReader("select 1\ngo\nselect types\ngo\nselect fixed\ngo\nquit\n")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("tsql: %v\n%s", err, out)
			}
			s := string(out)
			if !strings.Contains(s, "(1 row affected)") || !strings.Contains(s, "(2 rows affected)") || !strings.Contains(s, "héllo wörld €") {
				t.Fatalf("tsql output:\n%s", s)
			}
			// NOT NULL fixed-length columns (INT4TYPE, FLT8TYPE, MONEYTYPE,
			// DATETIMETYPE, …) at their extremes, beside nullable INTN
			// columns: NULL (an NBCROW) and values (a ROW).
			for _, want := range []string{
				"0\t0\t-32768\t-2147483648\t-9007199254740991\t-1.5\t-1.2500000000000001e+300\t-214748.3648\t-922337203685477.5808\tJan  1 1900 12:00AM\tJan  1 1753 12:00AM\tNULL\tNULL\tNULL\n",
				"1\t255\t32767\t2147483647\t9007199254740991\t3.5\t2.5\t214748.3647\t922337203685477.5807\tJun  6 2079 11:59PM\tDec 31 9999 11:59PM\t1\t2\t3\n",
			} {
				if !strings.Contains(s, want) {
					t.Fatalf("tsql output lacks %q", want)
				}
			}
			if got := tt.ts.h.lastMode.Load(); got != tt.wantMode {
				t.Fatalf("negotiated %v, want %s", got, tt.wantMode)
			}
		})
	}
}
