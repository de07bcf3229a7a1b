package tsql

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

func TestQueryHintsAndOldStyleTableHints(t *testing.T) {
	tests := []struct {
		name  string
		sql   string
		ok    bool
		hints int // table hints on the first FROM table, when ok
	}{
		{"optimize for unknown", "SELECT a FROM t OPTION (OPTIMIZE FOR UNKNOWN)", true, 0},
		{"optimize for vars", "SELECT a FROM t WHERE a = @a OPTION (OPTIMIZE FOR (@a UNKNOWN, @b = 5), MAXDOP 1)", true, 0},
		{"use hint", "SELECT a FROM t OPTION (USE HINT ('DISABLE_PARAMETER_SNIFFING', N'FORCE_LEGACY_CARDINALITY_ESTIMATION'), RECOMPILE)", true, 0},
		{"optimize for missing paren", "SELECT a FROM t OPTION (OPTIMIZE FOR @a UNKNOWN)", false, 0},
		{"use hint not a string", "SELECT a FROM t OPTION (USE HINT (x))", false, 0},
		{"optimize for no value", "SELECT a FROM t OPTION (OPTIMIZE FOR (@a))", false, 0},
		{"nolock without with", "SELECT a FROM t (NOLOCK)", true, 1},
		{"two hints without with", "SELECT a FROM dbo.t (UPDLOCK, ROWLOCK) WHERE a = 1", true, 2},
		{"after alias", "SELECT x.a FROM t x (NOLOCK)", true, 1},
		{"function call stays a function", "SELECT value FROM STRING_SPLIT('a,b', ',')", true, 0},
		{"unknown word is a function argument", "SELECT a FROM dbo.f(nolocks)", true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := ParseBatch(tc.sql)
			if (err == nil) != tc.ok {
				t.Fatalf("ParseBatch(%q) error = %v, want ok=%v", tc.sql, err, tc.ok)
			}
			if !tc.ok {
				return
			}
			canon := ast.FormatBatch(stmts)
			again, err := ParseBatch(canon)
			if err != nil {
				t.Fatalf("canonical SQL %q does not parse: %v", canon, err)
			}
			if c := ast.FormatBatch(again); c != canon {
				t.Errorf("format not stable: %q vs %q", canon, c)
			}
			var hints int
			ast.Inspect(stmts[0], func(n ast.Node) bool {
				if tn, ok := n.(*ast.TableName); ok {
					hints = len(tn.Hints)
					return false
				}
				return true
			})
			if hints != tc.hints {
				t.Errorf("ParseBatch(%q): %d table hints, want %d", tc.sql, hints, tc.hints)
			}
		})
	}
}
