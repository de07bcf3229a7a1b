package exec_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkCascadeDelete deletes every row of a parent table whose rows
// each have one child by ON DELETE CASCADE, in a database with some other
// tables besides (each parent row's cascade looks for the keys that
// reference its table). The rows are put back, untimed, between rounds.
func BenchmarkCascadeDelete(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		for _, others := range []int{0, 100} {
			b.Run(fmt.Sprintf("rows=%d/tables=%d", n, others+2), func(b *testing.B) {
				setup := []string{
					"CREATE TABLE dbo.parent (id int NOT NULL PRIMARY KEY)",
					"CREATE TABLE dbo.child (id int NOT NULL PRIMARY KEY, parent_id int NOT NULL REFERENCES dbo.parent (id) ON DELETE CASCADE)",
				}
				var ddl strings.Builder
				for i := range others {
					fmt.Fprintf(&ddl, "CREATE TABLE dbo.other%d (id int NOT NULL PRIMARY KEY)\n", i)
				}
				if others > 0 {
					setup = append(setup, ddl.String())
				}
				s := benchSession(b, "bench", setup...)
				fill := fmt.Sprintf(`INSERT dbo.parent (id) SELECT value FROM GENERATE_SERIES(1, %d)
INSERT dbo.child (id, parent_id) SELECT value, value FROM GENERATE_SERIES(1, %d)`, n, n)
				refilledDeletes(b, s, fill)
			})
		}
	}
}

// BenchmarkCascadeDeleteLevels deletes every row of a parent table whose
// rows each have one child, and each child one grandchild, by ON DELETE
// CASCADE, with no index on either key's column: the grandchildren are
// found from the children, a cascade's second level. The rows are put
// back, untimed, between rounds.
func BenchmarkCascadeDeleteLevels(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("rows=%d/levels=3", n), func(b *testing.B) {
			s := benchSession(b, "bench",
				"CREATE TABLE dbo.parent (id int NOT NULL PRIMARY KEY)",
				"CREATE TABLE dbo.child (id int NOT NULL PRIMARY KEY, parent_id int NOT NULL REFERENCES dbo.parent (id) ON DELETE CASCADE)",
				"CREATE TABLE dbo.grandchild (id int NOT NULL PRIMARY KEY, child_id int NOT NULL REFERENCES dbo.child (id) ON DELETE CASCADE)")
			fill := fmt.Sprintf(`INSERT dbo.parent (id) SELECT value FROM GENERATE_SERIES(1, %d)
INSERT dbo.child (id, parent_id) SELECT value, value FROM GENERATE_SERIES(1, %d)
INSERT dbo.grandchild (id, child_id) SELECT value, value FROM GENERATE_SERIES(1, %d)`, n, n, n)
			refilledDeletes(b, s, fill)
		})
	}
}

// refilledDeletes times DELETE FROM dbo.parent b.N times, running fill
// untimed before each.
func refilledDeletes(b *testing.B, s *exec.Session, fill string) {
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		if err := s.ExecBatch(ctx, fill, &countOutput{}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.ExecBatch(ctx, "DELETE FROM dbo.parent", &countOutput{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNoActionDelete deletes n parent rows that no child references,
// under a NO ACTION key whose child table holds n rows referencing other
// parents: each deleted row's 547 check looks for children (with an index
// on the key's column, or without one: the child table read). The rows are
// put back, untimed, between rounds.
func BenchmarkNoActionDelete(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		for _, indexed := range []bool{false, true} {
			b.Run(fmt.Sprintf("rows=%d/indexed=%t", n, indexed), func(b *testing.B) {
				setup := []string{
					"CREATE TABLE dbo.parent (id int NOT NULL PRIMARY KEY)",
					"CREATE TABLE dbo.child (id int NOT NULL PRIMARY KEY, parent_id int NOT NULL REFERENCES dbo.parent (id))",
				}
				if indexed {
					setup = append(setup, "CREATE INDEX ix_child_parent ON dbo.child (parent_id)")
				}
				s := benchSession(b, "bench", setup...)
				ctx := context.Background()
				fill := fmt.Sprintf(`INSERT dbo.parent (id) SELECT value FROM GENERATE_SERIES(%d, %d)
INSERT dbo.child (id, parent_id) SELECT value, value FROM GENERATE_SERIES(%d, %d)`, n+1, 2*n, n+1, 2*n)
				if err := s.ExecBatch(ctx, fill, &countOutput{}); err != nil {
					b.Fatal(err)
				}
				refill := fmt.Sprintf("INSERT dbo.parent (id) SELECT value FROM GENERATE_SERIES(1, %d)", n)
				b.ResetTimer()
				for range b.N {
					b.StopTimer()
					if err := s.ExecBatch(ctx, refill, &countOutput{}); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					if err := s.ExecBatch(ctx, fmt.Sprintf("DELETE FROM dbo.parent WHERE id <= %d", n), &countOutput{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
