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

// TestE2ETedious runs testdata/tedious_probe.js with Node and tedious 19 when
// TDS_TEDIOUS_DIR names a directory holding node_modules/tedious
// (npm install tedious@19). Plaintext and full TLS (tedious never does
// login-only TLS).
func TestE2ETedious(t *testing.T) {
	dir := os.Getenv("TDS_TEDIOUS_DIR")
	node, err := exec.LookPath("node")
	if dir == "" || err != nil {
		t.Skip("set TDS_TEDIOUS_DIR to a directory with node_modules/tedious (and install node)")
	}
	probe, err := filepath.Abs("testdata/tedious_probe.js")
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, &fakeHandler{}, true)
	_, port, _ := net.SplitHostPort(ts.addr)
	for _, tt := range []struct{ encrypt, mode string }{{"false", tds.ModeOff}, {"true", tds.ModeOn}} {
		t.Run("encrypt="+tt.encrypt, func(t *testing.T) {
			cmd := exec.Command(node, probe, port, tt.encrypt)
			cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(dir, "node_modules"))
			out, err := cmd.CombinedOutput()
			s := string(out)
			if err != nil || !strings.Contains(s, `"done":true`) {
				t.Fatalf("node: %v\n%s", err, s)
			}
			for _, want := range []string{`{"q":"select 1","rows":[[1]]}`, `{"q":"param","rows":[[42,"héllo"]]}`, `{"q":"in tx","rows":[[1]]}`,
				`{"q":"lob","rows":[["text","ntéxt",{"type":"Buffer","data":[1,2]}]]}`} {
				if !strings.Contains(s, want) {
					t.Fatalf("missing %s in\n%s", want, s)
				}
			}
			if got := ts.h.lastMode.Load(); got != tt.mode {
				t.Fatalf("negotiated %v, want %s", got, tt.mode)
			}
		})
	}
}
