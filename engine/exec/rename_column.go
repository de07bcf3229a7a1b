package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// renameColumnRefs makes the T-SQL texts t keeps — CHECK constraints,
// computed columns, filtered indexes' and statistics' WHERE clauses — name
// column oldName by newName, as SQL Server's sp_rename does (it stores them
// bound to the column, so sys.check_constraints and sys.indexes show the new
// name). Kept as text, they would name a column that no longer exists: Knex
// makes every nullable unique column a filtered index (WHERE col IS NOT
// NULL), and after renameColumn each INSERT failed with 207.
func renameColumnRefs(t *catalog.Table, oldName, newName string) {
	rename := func(text string) string {
		if text == "" || !strings.Contains(strings.ToLower(text), strings.ToLower(oldName)) {
			return text
		}
		e, err := tsql.ParseExpr(text)
		if err != nil {
			return text
		}
		changed := false
		ast.Inspect(e, func(n ast.Node) bool {
			if cr, ok := n.(*ast.ColumnRef); ok && cr.Name != nil && len(cr.Name.Parts) > 0 {
				if last := cr.Name.Parts[len(cr.Name.Parts)-1]; strings.EqualFold(last.Name, oldName) {
					last.Name, changed = newName, true
				}
			}
			return true
		})
		if !changed {
			return text
		}
		return e.SQL()
	}
	for _, ck := range t.Checks {
		ck.Expr = rename(ck.Expr)
	}
	for _, c := range t.Columns {
		c.Computed = rename(c.Computed)
	}
	for _, ix := range t.Indexes {
		ix.Filter = rename(ix.Filter)
	}
	for _, st := range t.Statistics {
		st.Filter = rename(st.Filter)
	}
}
