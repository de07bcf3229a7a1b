package tests

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// In-process benchmarks of the statements whose cost is mostly parse, bind
// and plan (issues #2 and #5): a SELECT 1 batch and a point lookup sent as
// sp_executesql with a typed parameter, the way go-mssqldb sends it. A small
// table keeps storage out of the picture. Method and figures:
// docs/benchmarks-tsql.md ("Parse and plan caches").
//
//	go test ./tests -run '^$' -bench 'Cached' -count 6

// cachedBenchSession opens an instance with a 1,000-row table kv(id int PK, v).
func cachedBenchSession(b *testing.B) *exec.Session {
	b.Helper()
	dir := b.TempDir()
	inst, err := engine.Open(engine.Config{DataDir: dir, ServerName: "pc", SAPassword: "Bench!Passw0rd", Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = inst.Close() })
	s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.ExecBatch(context.Background(), `CREATE TABLE dbo.kv (id int PRIMARY KEY, v varchar(50))
DECLARE @i int = 0
BEGIN TRAN
WHILE @i < 1000
BEGIN
	INSERT dbo.kv VALUES (@i, 'value ' + CAST(@i AS varchar(10)))
	SET @i += 1
END
COMMIT`, &countingOutput{}); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkCachedSelect1(b *testing.B) {
	s := cachedBenchSession(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := &countingOutput{}
		if err := s.ExecBatch(ctx, "SELECT 1", out); err != nil {
			b.Fatal(err)
		}
		if out.rows != 1 {
			b.Fatalf("%d rows", out.rows)
		}
	}
}

func BenchmarkCachedExecuteSQLLookup(b *testing.B) {
	s := cachedBenchSession(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := &countingOutput{}
		args := []*exec.ProcArg{{Name: "@p1", Value: types.NewInt(int32(i * 7919 % 1000)), Type: types.TypeInt}}
		if err := s.ExecuteSQL(ctx, "SELECT v FROM kv WHERE id = @p1", "@p1 int", args, out); err != nil {
			b.Fatal(err)
		}
		if out.rows != 1 {
			b.Fatalf("%d rows", out.rows)
		}
	}
}
