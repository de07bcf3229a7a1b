package exec_test

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkPartitionedUpdateSubquery updates every row of a two-member
// partitioned view with a WHERE that has a subquery (a point lookup): such a
// WHERE used to be turned, member by member, into rowkey IN (each row's
// key), compared linearly for every row — quadratic in the rows updated.
// The members now find their rows before any writes (runMembers), with no
// key list.
func BenchmarkPartitionedUpdateSubquery(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			s := benchSession(b, "bench",
				"CREATE TABLE dbo.m1 (k int PRIMARY KEY CHECK (k <= 1000000), v int NOT NULL)",
				"CREATE TABLE dbo.m2 (k int PRIMARY KEY CHECK (k > 1000000), v int NOT NULL)",
				"CREATE VIEW dbo.pv AS SELECT k, v FROM dbo.m1 UNION ALL SELECT k, v FROM dbo.m2",
				fmt.Sprintf(`INSERT dbo.m1 (k, v) SELECT value, 0 FROM GENERATE_SERIES(1, %d)
INSERT dbo.m2 (k, v) SELECT 1000000 + value, 0 FROM GENERATE_SERIES(1, %d)`, n/2, n/2))
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				out := &countOutput{}
				if err := s.ExecBatch(ctx, "UPDATE dbo.pv SET v = v + 1 WHERE v >= (SELECT v FROM dbo.m1 WHERE k = 1)", out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
