package exec_test

import (
	"context"
	"testing"
)

// BenchmarkUDF measures a scalar user function called once per row over
// 2,000 rows, next to the same arithmetic written inline: "return" is a
// one-RETURN function (compiled into its caller, udf.go: returnOnly),
// "body" a function whose body declares, sets and returns (runFunction:
// its statements run per call, each published as the running statement
// and counted in the query stats). The per-row cost is what a change to
// a call's scope (its batch state, @@PROCID, statement bookkeeping)
// multiplies by the row count. cpu-ns/row is process CPU per outer row.
//
//	go test ./engine/exec -run '^$' -bench 'UDF$' -benchtime 100x -count 5
func BenchmarkUDF(b *testing.B) {
	s := benchSession(b, "bench",
		"CREATE TABLE dbo.n (k int PRIMARY KEY, v int NOT NULL)",
		"INSERT dbo.n SELECT value, value % 97 FROM GENERATE_SERIES(1, 2000)",
		"CREATE FUNCTION dbo.twice (@x int) RETURNS int AS BEGIN RETURN @x * 2 END",
		`CREATE FUNCTION dbo.twiceb (@x int) RETURNS int AS
BEGIN
	DECLARE @y int = @x
	SET @y = @y * 2
	RETURN @y
END`)
	for _, q := range []struct{ name, q string }{
		{"inline", "SELECT SUM(v * 2) FROM dbo.n"},
		{"return", "SELECT SUM(dbo.twice(v)) FROM dbo.n"},
		{"body", "SELECT SUM(dbo.twiceb(v)) FROM dbo.n"},
	} {
		b.Run(q.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			cpu0 := cpuTime() // readahead_cache_bench_test.go: process CPU
			for range b.N {
				if err := s.ExecBatch(ctx, q.q, &countOutput{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/2000, "cpu-ns/row")
		})
	}
}
