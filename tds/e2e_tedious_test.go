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
				`{"q":"lob","rows":[["text","ntéxt",{"type":"Buffer","data":[1,2]}]]}`,
				// NOT NULL columns of the fixed-length types beside nullable
				// INTN ones; the first row is an NBCROW.
				`{"q":"fixed","types":["Bit:0","TinyInt:0","SmallInt:0","Int:0","BigInt:0","Real:0","Float:0","SmallMoney:0","Money:0","SmallDateTime:0","DateTime:0","IntN:1","IntN:1","IntN:1"],` +
					`"rows":[[false,0,-32768,-2147483648,"-9007199254740991",-1.5,-1.25e+300,-214748.3648,-922337203685477.6,"1900-01-01T00:00:00.000Z","1753-01-01T00:00:00.000Z",null,null,null],` +
					`[true,255,32767,2147483647,"9007199254740991",3.5,2.5,214748.3647,922337203685477.6,"2079-06-06T23:59:00.000Z","9999-12-31T23:59:59.990Z",1,2,3]]}`} {
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
