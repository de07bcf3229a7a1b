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
//
// "min" is issue #5's case: the subquery reads the view itself (MIN over
// both members), with no outer reference, so it runs once per statement
// (subquery_once.go), not once per row of each member.
func BenchmarkPartitionedUpdateSubquery(b *testing.B) {
	for _, c := range []struct{ name, q string }{
		{"point", "UPDATE dbo.pv SET v = v + 1 WHERE v >= (SELECT v FROM dbo.m1 WHERE k = 1)"},
		{"min", "UPDATE dbo.pv SET v = v + 1 WHERE v >= (SELECT MIN(v) FROM dbo.pv)"},
	} {
		for _, n := range []int{1000, 4000} {
			benchPartitionedUpdate(b, c.name, c.q, n)
		}
	}
}

func benchPartitionedUpdate(b *testing.B, name, q string, n int) {
	b.Run(fmt.Sprintf("%s/rows=%d", name, n), func(b *testing.B) {
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
			if err := s.ExecBatch(ctx, q, out); err != nil {
				b.Fatal(err)
			}
		}
	})
}
