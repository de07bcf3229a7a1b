package exec_test

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkOrderByClusteredKey measures ORDER BY on a clustered key (issue
// #5): 100,000 rows clustered by a non-unique k; top10 is TOP (10) in key
// order, all reads every row in key order, other orders by another column
// (always sorted). cpu-ns/op is process CPU per statement.
//
//	go test ./engine/exec -run '^$' -bench OrderByClusteredKey -count 5
func BenchmarkOrderByClusteredKey(b *testing.B) {
	s := benchSession(b, "obk",
		"CREATE DATABASE obk", "USE obk",
		"CREATE TABLE dbo.t (k int NOT NULL, v int NOT NULL, INDEX cx CLUSTERED (k))",
		"INSERT dbo.t SELECT value % 1000, value FROM GENERATE_SERIES(1, 100000)",
	)
	benchQueries(b, s, []benchQuery{
		{"top10", "SELECT TOP (10) k, v FROM dbo.t ORDER BY k", 10},
		{"all", "SELECT k, v FROM dbo.t ORDER BY k", 100000},
		{"other", "SELECT TOP (10) k, v FROM dbo.t ORDER BY v", 10},
	})
}

// benchQuery is a query a benchmark runs and the row count it must return.
type benchQuery struct {
	name, sql string
	want      int64
}

// benchQueries runs each query in a sub-benchmark on s, checking its row
// count, and reports the process's CPU per run.
func benchQueries(b *testing.B, s *exec.Session, qs []benchQuery) {
	ctx := context.Background()
	for _, c := range qs {
		b.Run(c.name, func(b *testing.B) {
			var cpu int64
			for range b.N {
				cpu0 := cpuTime()
				out := &countOutput{}
				if err := s.ExecBatch(ctx, c.sql, out); err != nil {
					b.Fatal(err)
				}
				cpu += int64(cpuTime() - cpu0)
				if out.rows != c.want {
					b.Fatalf("%s: %d rows, want %d", c.sql, out.rows, c.want)
				}
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
