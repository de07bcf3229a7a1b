package exec_test

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkUncorrelatedSubquery runs statements whose subquery reads
// nothing of the outer row over n outer rows: a scalar subquery in WHERE,
// IN, EXISTS, a scalar in UPDATE's SET, and a correlated subquery (a seek
// per row) for comparison. Each uncorrelated subquery used to run once per
// outer row (n × n rows read); it now runs once per statement.
func BenchmarkUncorrelatedSubquery(b *testing.B) {
	queries := []struct{ name, q string }{
		{"scalar", "SELECT COUNT(*) FROM dbo.o WHERE v >= (SELECT MAX(v) FROM dbo.i)"},
		{"in", "SELECT COUNT(*) FROM dbo.o WHERE k IN (SELECT k FROM dbo.i WHERE v = 3)"},
		{"exists", "SELECT COUNT(*) FROM dbo.o WHERE EXISTS (SELECT 1 FROM dbo.i WHERE v = 500)"},
		{"update_set", "UPDATE dbo.o SET w = (SELECT MAX(v) FROM dbo.i)"},
		{"correlated", "SELECT COUNT(*) FROM dbo.o WHERE EXISTS (SELECT 1 FROM dbo.i WHERE i.k = o.k)"},
	}
	for _, n := range []int{1000, 4000} {
		s := benchSession(b, "bench",
			"CREATE TABLE dbo.o (k int PRIMARY KEY, v int NOT NULL, w int NULL)",
			"CREATE TABLE dbo.i (k int PRIMARY KEY, v int NOT NULL)",
			fmt.Sprintf(`INSERT dbo.o (k, v) SELECT value, value %% 97 FROM GENERATE_SERIES(1, %d)
INSERT dbo.i SELECT k, v FROM dbo.o`, n))
		for _, q := range queries {
			b.Run(fmt.Sprintf("%s/rows=%d", q.name, n), func(b *testing.B) {
				ctx := context.Background()
				b.ReportAllocs()
				for range b.N {
					if err := s.ExecBatch(ctx, q.q, &countOutput{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
