package clients

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestNodeORMs runs the Node.js ORM scripts in node/ (Sequelize 6, TypeORM,
// Knex; each over tedious, see tds-clients.md §10.4) against the server and
// compares every step's JSON result with testdata/orm_<name>.golden (-update
// rewrites them from the output; check the diff against what SQL Server
// returns). Each script owns a database named after the test, so the ORMs'
// drop-and-create synchronisation touches nothing else.
func TestNodeORMs(t *testing.T) {
	for _, tc := range []struct {
		name    string // script node/<name>.js and golden testdata/orm_<name>.golden
		modules []string
	}{
		{"sequelize", []string{"sequelize", "tedious"}},
		{"typeorm", []string{"typeorm", "reflect-metadata", "mssql"}},
		{"knex", []string{"knex", "tedious"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			node, dir := needNode(t, tc.modules...)
			env := []string{"MIRRORSQL_HOST=" + serverHost, "MIRRORSQL_PORT=" + serverPort,
				"MIRRORSQL_PASSWORD=" + saPassword, "MIRRORSQL_TABLE=" + uniqueName(t, "orm"), "NODE_NO_WARNINGS=1"}
			r := runClient(t, "", env, node, filepath.Join(dir, tc.name+".js"))
			golden := filepath.Join("testdata", "orm_"+tc.name+".golden")
			if *updateGolden && r.code == 0 {
				if err := os.WriteFile(golden, []byte(r.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if r.code != 0 {
				t.Fatalf("node exit code %d", r.code)
			}
			compareSteps(t, r.stdout, golden)
		})
	}
}

// compareSteps reports each step of the script's output whose value differs
// from the golden file's, and each step missing from either.
func compareSteps(t *testing.T, out, golden string) {
	t.Helper()
	wantText, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	var got, want map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("decode node output: %v\n%s", err, out)
	}
	if err := json.Unmarshal(wantText, &want); err != nil {
		t.Fatalf("decode %s: %v", golden, err)
	}
	for step, w := range want {
		g, ok := got[step]
		if !ok {
			t.Errorf("%s: missing from the output", step)
		} else if !jsonEqual(t, g, string(w)) {
			t.Errorf("%s:\n got %s\nwant %s", step, g, w)
		}
	}
	for step, g := range got {
		if _, ok := want[step]; !ok {
			t.Errorf("%s: not in %s (got %s)", step, golden, g)
		}
	}
}
