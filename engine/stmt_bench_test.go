//go:build linux

package engine

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkStatementCPU is the executor's share of tests/bench's 1-session
// writes without the commit: the parameterized single-row INSERT and UPDATE
// by key (sp_executesql, as go-mssqldb sends them) run inside one explicit
// transaction that is rolled back at the end, so ns/op and allocs/op are the
// statement's own cost, reported as process CPU per statement (cpu-ns/op) (parameter binding, resolution, locks, row encoding,
// write set) with no log flush or store apply in them. A/B comparisons of
// executor changes use it; BenchmarkInsertCommit measures the whole commit.
func BenchmarkStatementCPU(b *testing.B) {
	cases := []struct {
		name, stmt, decls string
		args              func(i int) []*exec.ProcArg
	}{
		{
			name: "insert", stmt: "INSERT INTO dbo.ins (id, v) VALUES (@p1, @p2)", decls: "@p1 bigint, @p2 varchar(50)",
			args: func(i int) []*exec.ProcArg {
				return []*exec.ProcArg{
					{Name: "@p1", Value: types.NewBigInt(int64(i)), Type: types.TypeBigInt},
					{Name: "@p2", Value: types.NewVarChar("bench row"), Type: types.VarCharType(50)},
				}
			},
		},
		{
			name: "update", stmt: "UPDATE dbo.kv SET v = v + 1 WHERE id = @p1", decls: "@p1 int",
			args: func(i int) []*exec.ProcArg {
				return []*exec.ProcArg{{Name: "@p1", Value: types.NewInt(int32(i * 7919 % 10000)), Type: types.TypeInt}}
			},
		},
		{
			// The point read every READ COMMITTED statement makes: it asks
			// for the session's read point (exec/snapshot.go) and gets none.
			name: "lookup", stmt: "SELECT v FROM dbo.kv WHERE id = @p1", decls: "@p1 int",
			args: func(i int) []*exec.ProcArg {
				return []*exec.ProcArg{{Name: "@p1", Value: types.NewInt(int32(i * 7919 % 10000)), Type: types.TypeInt}}
			},
		},
		{
			// A READ COMMITTED range scan of 100 rows by the clustered
			// key: the table-level check of exec/readlock.go, once.
			name: "scan100", stmt: "SELECT SUM(v) FROM dbo.kv WHERE id >= @p1 AND id < @p1 + 100", decls: "@p1 int",
			args: func(i int) []*exec.ProcArg {
				return []*exec.ProcArg{{Name: "@p1", Value: types.NewInt(int32(i * 7919 % 9900)), Type: types.TypeInt}}
			},
		},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			inst := openTestInstance(b, b.TempDir())
			b.Cleanup(func() { _ = inst.Close() })
			admin, err := inst.NewSession("sa", "master", exec.SessionInfo{})
			if err != nil {
				b.Fatal(err)
			}
			benchExec(b, admin, "CREATE DATABASE bench")
			s, err := inst.NewSession("sa", "bench", exec.SessionInfo{})
			if err != nil {
				b.Fatal(err)
			}
			benchExec(b, s, `CREATE TABLE dbo.ins (id bigint NOT NULL PRIMARY KEY, v varchar(50) NOT NULL)
CREATE TABLE dbo.kv (id int NOT NULL PRIMARY KEY, v int NOT NULL)
CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)
INSERT INTO dbo.d VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)`)
			benchExec(b, s, "INSERT INTO dbo.kv (id, v) SELECT a.n*1000+b.n*100+c.n*10+e.n, 0 FROM dbo.d a CROSS JOIN dbo.d b CROSS JOIN dbo.d c CROSS JOIN dbo.d e")
			ctx := context.Background()
			out := &collect{}
			// Warm the parse and declaration caches outside the transaction.
			if err := s.ExecuteSQL(ctx, tc.stmt, tc.decls, tc.args(-1), out); err != nil || len(out.errs) > 0 {
				b.Fatalf("warm-up: %v %v", err, out.errs)
			}
			benchExec(b, s, "BEGIN TRANSACTION")
			// Let the background preparation of the new database's next log
			// segment (8 MiB of zeros) finish outside the timed loop.
			time.Sleep(time.Second)
			b.ReportAllocs()
			cpu0 := cpuTime(b)
			b.ResetTimer()
			for i := range b.N {
				if err := s.ExecuteSQL(ctx, tc.stmt, tc.decls, tc.args(i), out); err != nil {
					b.Fatal(err)
				}
				if len(out.errs) > 0 {
					b.Fatal(out.errs[0])
				}
				if i%5000 == 4999 { // bound the write set (and repeated keys)
					b.StopTimer()
					benchExec(b, s, "ROLLBACK")
					benchExec(b, s, "BEGIN TRANSACTION")
					b.StartTimer()
				}
			}
			b.StopTimer()
			// Process CPU (getrusage) is steadier than ns/op on a shared
			// machine; it includes the rollbacks every 5,000 statements.
			b.ReportMetric(float64((cpuTime(b)-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
			benchExec(b, s, "ROLLBACK")
		})
	}
}
