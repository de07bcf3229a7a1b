package clients

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestTediousAndMssql runs node/client.js (tedious 19 and mssql 12 on
// Node.js, see tds-clients.md §10.4) against the server with encrypt false and
// true, and compares each step's JSON result.
func TestTediousAndMssql(t *testing.T) {
	node, dir := needNode(t, "tedious", "mssql")
	prefix := uniqueName(t, "node")
	env := []string{"MIRRORSQL_HOST=" + serverHost, "MIRRORSQL_PORT=" + serverPort,
		"MIRRORSQL_PASSWORD=" + saPassword, "MIRRORSQL_TABLE=" + prefix, "NODE_NO_WARNINGS=1"}
	r := runClient(t, "", env, node, filepath.Join(dir, "client.js"))
	if r.code != 0 {
		t.Fatalf("node exit code %d", r.code)
	}
	// TDS 7.3 logins (tedious sets fExtension in OptionFlags3 even below 7.4,
	// with cbExtension 0).
	for _, v := range []string{"7_3_B", "7_3_A"} {
		t.Run("tedious/tdsVersion="+v, func(t *testing.T) {
			var got struct {
				TediousVersions map[string]map[string]json.RawMessage `json:"tediousVersions"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatalf("decode node output: %v", err)
			}
			res := got.TediousVersions[v]
			for step, w := range map[string]string{"connect": `true`, "query": `[["2024-01-02T00:00:00.000Z",1]]`} {
				if !jsonEqual(t, res[step], w) {
					t.Errorf("%s: got %s, want %s", step, res[step], w)
				}
			}
		})
	}
	var got map[string]map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("decode node output: %v\n%s", err, r.stdout)
	}
	invalid := `{"error":"Invalid object name 'no_such_table'.","number":208}`
	want := map[string]map[string]string{
		"tedious": {
			"connect":  `true`,
			"query":    `[[1,"héllo"]]`,
			"params":   `[[42,"ünï"]]`,
			"create":   `[]`,
			"commit":   `[[1,"kept"]]`,
			"rollback": `{"inside":2,"after":1}`,
			"error":    invalid,
		},
		"mssql": {
			"connect":  `true`,
			"query":    `[{"one":1,"two":2}]`,
			"params":   `[{"v":42,"s":"abc"}]`,
			"create":   `[]`,
			"commit":   `[{"id":10}]`,
			"rollback": `[{"n":1}]`,
			"error":    invalid,
		},
	}
	for lib, steps := range want {
		for _, enc := range []string{"encrypt=false", "encrypt=true"} {
			t.Run(lib+"/"+enc, func(t *testing.T) {
				res := got[lib][enc]
				encrypted := map[string]string{"tedious": `[["%s"]]`, "mssql": `[{"encrypt_option":"%s"}]`}[lib]
				wantEnc := fmt.Sprintf(encrypted, map[string]string{"encrypt=false": "FALSE", "encrypt=true": "TRUE"}[enc])
				if !jsonEqual(t, res["encrypted"], wantEnc) {
					t.Errorf("encrypted: got %s, want %s", res["encrypted"], wantEnc)
				}
				for step, w := range steps {
					if !jsonEqual(t, res[step], w) {
						t.Errorf("%s: got %s, want %s", step, res[step], w)
					}
				}
			})
		}
	}
}

// needNode returns node's path and the folder tests/clients/node when node
// and the given packages of that folder are installed; without them the test
// skips, except under CI (CI set, as .ci/run does), where .ci/run installed
// them and their absence is a failure.
func needNode(t *testing.T, modules ...string) (node, dir string) {
	t.Helper()
	missing := t.Skipf
	if os.Getenv("CI") != "" {
		missing = t.Fatalf
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node not installed (install the nodejs package; .ci/run does)")
	}
	if dir, err = filepath.Abs("node"); err != nil {
		t.Fatal(err)
	}
	for _, mod := range modules {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", mod, "package.json")); err != nil {
			missing("node module %s not installed (run `npm ci` in tests/clients/node; .ci/run does)", mod)
		}
	}
	return node, dir
}

// jsonEqual compares a raw JSON value with the expected JSON text.
func jsonEqual(t *testing.T, got json.RawMessage, want string) bool {
	t.Helper()
	var g, w bytes.Buffer
	if err := json.Compact(&g, got); err != nil {
		return false
	}
	if err := json.Compact(&w, []byte(want)); err != nil {
		t.Fatalf("bad expected JSON %s: %v", want, err)
	}
	var gv, wv any
	_ = json.Unmarshal(g.Bytes(), &gv)
	_ = json.Unmarshal(w.Bytes(), &wv)
	gb, _ := json.Marshal(gv)
	wb, _ := json.Marshal(wv)
	return bytes.Equal(gb, wb)
}
