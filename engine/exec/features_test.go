package exec

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

func TestXMLName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"id", "id"},
		{"full name", "full_x0020_name"},
		{"2023", "_x0032_023"},
		{"a-b.c_d", "a-b.c_d"},
		{"é", "é"},
		{"a<b", "a_x003C_b"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := xmlName(tt.in); got != tt.want {
				t.Fatalf("xmlName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAnsiNullsOperand(t *testing.T) {
	tests := []struct {
		name string
		e    ast.Expr
		want bool
	}{
		{"NULL", &ast.NullLit{}, true},
		{"variable", &ast.Variable{Name: "@v"}, true},
		{"parenthesized NULL", &ast.ParenExpr{X: &ast.ParenExpr{X: &ast.NullLit{}}}, true},
		{"column", &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{{Name: "c"}}}}, false},
		{"literal", &ast.Literal{Kind: ast.LitInt, Text: "1", Value: "1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ansiNullsOperand(tt.e); got != tt.want {
				t.Fatalf("ansiNullsOperand = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSeqRowGroup: the calls of one sequence in a select list share a
// value per row, whatever order they run in, and a new row (another input
// slice, or a call asking again) takes a new value.
func TestSeqRowGroup(t *testing.T) {
	type call struct {
		slot int
		row  int // index into rows; -1 for a nil row
		want int64
	}
	tests := []struct {
		name  string
		calls int
		seq   []call
	}{
		{"two calls, three rows", 2, []call{{0, 0, 1}, {1, 0, 1}, {0, 1, 2}, {1, 1, 2}, {0, 2, 3}, {1, 2, 3}}},
		{"second call first", 2, []call{{1, 0, 1}, {0, 0, 1}, {1, 1, 2}, {0, 1, 2}}},
		{"no input rows: a call asking again", 2, []call{{0, -1, 1}, {1, -1, 1}, {0, -1, 2}, {1, -1, 2}}},
		{"reused buffer, same order", 2, []call{{0, 0, 1}, {1, 0, 1}, {0, 0, 2}, {1, 0, 2}}},
		{"one call skipped in a row", 2, []call{{0, 0, 1}, {0, 1, 2}, {1, 1, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := &scope{}
			g, _ := sc.seqGroup("dbo.s")
			for i := 1; i < tt.calls; i++ {
				sc.seqGroup("dbo.s")
			}
			rows := []Row{make(Row, 1), make(Row, 1), make(Row, 1)}
			next := int64(0)
			take := func() (types.Value, error) { next++; return types.NewBigInt(next), nil }
			for i, c := range tt.seq {
				var r Row
				if c.row >= 0 {
					r = rows[c.row]
				}
				v, err := g.value(c.slot, r, take)
				if err != nil || v.Int64() != c.want {
					t.Fatalf("call %d (slot %d): %v %v, want %d", i, c.slot, v, err, c.want)
				}
			}
		})
	}
}
