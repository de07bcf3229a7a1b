//go:build unix

package exec_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"
)

// BenchmarkCascadeUpdate moves every key of a parent table whose rows each
// have one child by ON UPDATE CASCADE (UPDATE dbo.parent SET id = id ± n),
// with an index on the child's key column or without one: each parent
// row's children are found, and the children written and checked when the
// statement ends (fk_cascade_writes.go). Rounds alternate the direction.
func BenchmarkCascadeUpdate(b *testing.B) {
	for _, tc := range []struct {
		n       int
		indexed bool
	}{{1000, false}, {1000, true}, {10000, true}} {
		b.Run(fmt.Sprintf("rows=%d/indexed=%t", tc.n, tc.indexed), func(b *testing.B) {
			setup := []string{
				"CREATE TABLE dbo.parent (id int NOT NULL PRIMARY KEY)",
				"CREATE TABLE dbo.child (id int NOT NULL PRIMARY KEY, parent_id int NOT NULL REFERENCES dbo.parent (id) ON UPDATE CASCADE)",
			}
			if tc.indexed {
				setup = append(setup, "CREATE INDEX ix_child_parent ON dbo.child (parent_id)")
			}
			s := benchSession(b, "bench", setup...)
			ctx := context.Background()
			fill := fmt.Sprintf(`INSERT dbo.parent (id) SELECT value FROM GENERATE_SERIES(1, %d)
INSERT dbo.child (id, parent_id) SELECT value, value FROM GENERATE_SERIES(1, %d)`, tc.n, tc.n)
			if err := s.ExecBatch(ctx, fill, &countOutput{}); err != nil {
				b.Fatal(err)
			}
			stmts := [2]string{
				fmt.Sprintf("UPDATE dbo.parent SET id = id + %d", tc.n),
				fmt.Sprintf("UPDATE dbo.parent SET id = id - %d", tc.n),
			}
			b.ResetTimer()
			cpu := processCPU()
			for i := range b.N {
				o := &countOutput{}
				if err := s.ExecBatch(ctx, stmts[i%2], o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// processCPU is the process's user and system CPU time so far: on a
// loaded machine CPU per operation compares two builds better than time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
