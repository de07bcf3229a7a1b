package exec

import "github.com/mirrorsql/mirrorsql/tsql/ast"

// Seeks under SET ANSI_NULLS OFF (issue #5, UPDATE and DELETE by key).
//
// Under ANSI_NULLS OFF, c = @v with @v NULL finds the rows whose c is NULL
// (ansinulls.go), which a seek for @v cannot find, so seekBounds leaves such
// comparisons to the filter and the statement reads the whole table. Clients
// that log in without the ODBC flag start with ANSI_NULLS OFF (FreeTDS
// dblib, so pymssql; tds/login7.go), and a procedure created under it runs
// under it (module_sets.go): each `UPDATE t SET … WHERE id = @id` of theirs
// read every row of t.
//
// When c is declared NOT NULL no row has a NULL c: c = NULL is false for
// every row under ANSI_NULLS OFF, and a seek for NULL finds nothing
// (seekRange), so the seek is exact. That holds for the table read
// directly. It does not hold once the comparison is applied above an outer
// join whose NULL-extended side holds c: there c = NULL keeps the
// NULL-extended rows, and a seek bound would remove them (seekBounds'
// callers assume no NULL satisfies a bound: innerIfNullRejected turns a LEFT
// JOIN into an inner one on it; a RIGHT JOIN's left table is sought by the
// WHERE). So the seek is allowed only where no join can be: the WHERE of an
// UPDATE or DELETE without FROM whose target is a table by name
// (targetSource), and only for the one seekBounds call that chooses the
// target's access path (it takes s.dml.seekNullFree; a subquery it plans
// meanwhile does not see it).

// ansiNullsSeek reports whether the access path of an UPDATE or DELETE
// target without FROM may seek a NOT NULL column compared with a variable or
// NULL: ANSI_NULLS is OFF and target names a table (no CTE of its name,
// whose query may join).
func (s *Session) ansiNullsSeek(target ast.TableExpr) bool {
	if s.Opts.AnsiNulls {
		return false
	}
	tn, ok := target.(*ast.TableName)
	return ok && !s.cteShadows(tn.Name)
}

// columnNotNull reports whether the column at row position col of a table's
// scope (tableScope) is declared NOT NULL.
func (sc *scope) columnNotNull(col int) bool {
	return col < len(sc.cols) && sc.cols[col].idx == col && !sc.cols[col].hidden && sc.cols[col].notNull
}
