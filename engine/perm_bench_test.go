//go:build linux

package engine

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkPermissionCheck compares a point SELECT and a single-row UPDATE
// by key run by sa (who skips every check) and by a login whose user
// reads through db_datareader and updates through a GRANT to a role: the
// difference is what the permission checks of a non-sysadmin cost per
// statement (process CPU, cpu-ns/op). "col" is a login holding column
// permissions only (SELECT (id, v), UPDATE (v)): its reads are checked
// column by column (engine/exec/colperm.go).
func BenchmarkPermissionCheck(b *testing.B) {
	inst := openTestInstance(b, b.TempDir())
	b.Cleanup(func() { _ = inst.Close() })
	admin, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	benchExec(b, admin, "CREATE DATABASE pbench")
	benchExec(b, admin, "CREATE LOGIN app WITH PASSWORD = 'Passw0rd!app'")
	benchExec(b, admin, "CREATE LOGIN col WITH PASSWORD = 'Passw0rd!col'")
	sa, err := inst.NewSession("sa", "pbench", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	benchExec(b, sa, `CREATE TABLE dbo.kv (id int NOT NULL PRIMARY KEY, v int NOT NULL)
INSERT dbo.kv VALUES (1, 0), (2, 0), (3, 0)
CREATE USER app FOR LOGIN app
CREATE ROLE writers
ALTER ROLE writers ADD MEMBER app
ALTER ROLE db_datareader ADD MEMBER app
GRANT UPDATE ON dbo.kv TO writers
GRANT SELECT ON dbo.kv TO public
CREATE USER col FOR LOGIN col
DENY SELECT ON dbo.kv TO col
GRANT SELECT (id, v), UPDATE (v) ON dbo.kv TO col`)
	app, err := inst.NewSession("app", "pbench", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	col, err := inst.NewSession("col", "pbench", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	benchStatementsAs(b, []benchStatement{
		{"select", "SELECT v FROM dbo.kv WHERE id = @p1"},
		{"update", "UPDATE dbo.kv SET v = v + 1 WHERE id = @p1"},
	}, []benchSession{{"sa", sa}, {"app", app}, {"col", col}})
}

// benchStatement is a statement the permission and name benchmarks run
// through sp_executesql with @p1 int = 2.
type benchStatement struct{ name, sql string }

// benchSession is a session those benchmarks run the statements as.
type benchSession struct {
	name string
	s    *Session
}

// benchStatementsAs runs each statement as each session, one sub-benchmark
// per pair, reporting allocations and the process's CPU per call.
func benchStatementsAs(b *testing.B, stmts []benchStatement, whos []benchSession) {
	ctx := context.Background()
	args := []*exec.ProcArg{{Name: "@p1", Value: types.NewInt(2), Type: types.TypeInt}}
	for _, st := range stmts {
		for _, who := range whos {
			b.Run(st.name+"/"+who.name, func(b *testing.B) {
				out := &collect{}
				if err := who.s.ExecuteSQL(ctx, st.sql, "@p1 int", args, out); err != nil || len(out.errs) > 0 {
					b.Fatalf("warm-up: %v %v", err, out.errs)
				}
				b.ReportAllocs()
				cpu0 := cpuTime(b)
				b.ResetTimer()
				for range b.N {
					out.errs = out.errs[:0]
					if err := who.s.ExecuteSQL(ctx, st.sql, "@p1 int", args, out); err != nil || len(out.errs) > 0 {
						b.Fatal(err, out.errs)
					}
				}
				b.StopTimer()
				b.ReportMetric(float64((cpuTime(b)-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
