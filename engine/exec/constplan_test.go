package exec

import (
	"testing"

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
