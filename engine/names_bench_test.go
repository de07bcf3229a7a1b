//go:build linux

package engine

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
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
	ctx := context.Background()
	args := []*exec.ProcArg{{Name: "@p1", Value: types.NewInt(2), Type: types.TypeInt}}
	for _, st := range []struct{ name, sql string }{
		{"select", "SELECT v FROM kv WHERE id = @p1"},
		{"update", "UPDATE kv SET v = v + 1 WHERE id = @p1"},
	} {
		for _, who := range []struct {
			name string
			s    *Session
		}{{"sa", sa}, {"plain", plain}, {"sch", sch}} {
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
