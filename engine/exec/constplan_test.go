package exec

import (
	"io"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

func TestConstantQuery(t *testing.T) {
	tests := []struct {
		sql  string
		want bool
	}{
		{"SELECT 1", true},
		{"SELECT 1 AS a, 'x' AS [b c], N'y', NULL, -2.5, (3 + 4) * 2, 0x0A", true},
		{"SELECT 1 AS a OPTION (MAXRECURSION 10)", false},
		{"SELECT DISTINCT 1", false},
		{"SELECT TOP 1 1", false},
		{"SELECT 1 ORDER BY 1", false},
		{"SELECT 1 FROM t", false},
		{"SELECT 1 WHERE 1 = 1", false},
		{"SELECT a", false},
		{"SELECT @x", false},
		{"SELECT @@SPID", false},
		{"SELECT GETDATE()", false},
		{"SELECT NOT 1", false},
		{"SELECT (SELECT 1)", false},
		{"SELECT CAST(1 AS bigint)", false},
		{"SELECT 1 UNION SELECT 2", false},
		{"WITH c AS (SELECT 1 AS a) SELECT 1", false},
		{"SELECT 1 FOR JSON PATH", false},
		{"SELECT 1 INTO #t", false},
	}
	for _, tc := range tests {
		t.Run(tc.sql, func(t *testing.T) {
			stmts, err := tsql.ParseBatch(tc.sql)
			if err != nil {
				t.Fatal(err)
			}
			sel, ok := stmts[0].(*ast.SelectStmt)
			if !ok {
				t.Fatalf("parsed as %T", stmts[0])
			}
			if got := constantQuery(sel.Query); got != tc.want {
				t.Errorf("constantQuery = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestStreamRows(t *testing.T) {
	col := func(i int) *expr {
		return &expr{typ: types.TypeInt, col: i, eval: func(_ *evalCtx, r Row) (types.Value, error) { return r[i], nil }}
	}
	in := func() rowIter {
		return &sliceIter{rows: []Row{
			{types.NewInt(1), types.NewInt(10)},
			{types.NewInt(2), types.NewInt(20)},
		}}
	}
	tests := []struct {
		name   string
		it     rowIter
		reused bool
		want   [][]int64
	}{
		{"projection reuses its row", &projectIter{in: in(), exprs: []*expr{col(1), col(0)}, keep: &projectKeep{}}, true, [][]int64{{10, 1}, {20, 2}}},
		{"other iterators unchanged", in(), false, [][]int64{{1, 10}, {2, 20}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			it := streamRows(tc.it)
			defer it.Close()
			if _, ok := it.(*reusingProjectIter); ok != tc.reused {
				t.Fatalf("streamRows returned %T", it)
			}
			var first Row
			for i, want := range tc.want {
				r, err := it.Next()
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					first = r
				} else if same := &r[0] == &first[0]; same != tc.reused {
					t.Errorf("row %d shares the first row's buffer: %v, want %v", i, same, tc.reused)
				}
				for j, w := range want {
					if got := r[j].Int64(); got != w {
						t.Errorf("row %d col %d = %d, want %d", i, j, got, w)
					}
				}
			}
			if _, err := it.Next(); err != io.EOF {
				t.Errorf("after the rows: %v, want io.EOF", err)
			}
		})
	}
	// Every open of one plan shares its projectKeep: a kept plan's later
	// runs make no row and no column map (issues #2 and #5).
	t.Run("later opens of the plan reuse its row", func(t *testing.T) {
		keep := &projectKeep{}
		exprs := []*expr{col(1), col(0)}
		first := streamRows(&projectIter{in: in(), exprs: exprs, keep: keep})
		r1, _ := first.Next()
		first.Close()
		p := &projectIter{in: in(), exprs: exprs, keep: keep}
		if n := testing.AllocsPerRun(10, func() { streamRows(p) }); n != 0 {
			t.Errorf("streamRows of a later open: %v allocations, want 0", n)
		}
		r2, _ := streamRows(&projectIter{in: in(), exprs: exprs, keep: keep}).Next()
		if &r1[0] != &r2[0] {
			t.Errorf("a later open fills another row")
		}
	})
}
