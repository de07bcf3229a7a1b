//go:build linux

package engine

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkOnePartLookup is a point SELECT and a single-row UPDATE by key
// through a one-part table name (issue #5: a one-part name looks in the
// user's default schema before dbo, engine/exec/names.go). "sa" is dbo,
// "plain" a user without a default schema (so dbo), "sch" a user whose
// default schema holds no table of the name (one miss, then dbo). Compare
// with the tree before the change for what the default schema costs per
// statement (process CPU, cpu-ns/op).
func BenchmarkOnePartLookup(b *testing.B) {
	inst := openTestInstance(b, b.TempDir())
	b.Cleanup(func() { _ = inst.Close() })
	admin, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	benchExec(b, admin, "CREATE DATABASE nbench")
	benchExec(b, admin, "CREATE LOGIN nplain WITH PASSWORD = 'Passw0rd!np'")
	benchExec(b, admin, "CREATE LOGIN nsch WITH PASSWORD = 'Passw0rd!ns'")
	sa, err := inst.NewSession("sa", "nbench", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	benchExec(b, sa, `CREATE TABLE dbo.kv (id int NOT NULL PRIMARY KEY, v int NOT NULL)
INSERT dbo.kv VALUES (1, 0), (2, 0), (3, 0)`)
	benchExec(b, sa, "CREATE SCHEMA sch")
	benchExec(b, sa, `CREATE USER nplain FOR LOGIN nplain
CREATE USER nsch FOR LOGIN nsch WITH DEFAULT_SCHEMA = sch
GRANT SELECT, UPDATE ON dbo.kv TO public`)
	plain, err := inst.NewSession("nplain", "nbench", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	sch, err := inst.NewSession("nsch", "nbench", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	benchStatementsAs(b, []benchStatement{
		{"select", "SELECT v FROM kv WHERE id = @p1"},
		{"update", "UPDATE kv SET v = v + 1 WHERE id = @p1"},
	}, []benchSession{{"sa", sa}, {"plain", plain}, {"sch", sch}})
}
