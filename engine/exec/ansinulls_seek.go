package exec

import "github.com/mirrorsql/mirrorsql/tsql/ast"

// Seeks under SET ANSI_NULLS OFF (issue #5: UPDATE and DELETE by key,
// SELECT, joins).
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
// WHERE). So the seek is allowed only for a table whose conditions are
// applied where its rows are never NULL-extended: the target of an UPDATE
// or DELETE without FROM (targetSource), and any table the FROM compiler
// reads while Session.push.preserved holds (seekNullSafe: a WHERE above
// inner joins and LEFT JOINs' preserved sides, an ON for its own right
// side), and only for the one seekBounds call that chooses the table's
// access path (it takes s.dml.seekNullFree; a subquery it plans meanwhile
// does not see it). innerIfNullRejected asks seekBounds without it.

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

// seekNullSafe reports whether the base table about to be read directly
// (buildNamedSource) may seek a NOT NULL column compared with a variable or
// NULL under ANSI_NULLS OFF: the conjuncts it is given are applied where
// its rows are never NULL-extended (Session.push.preserved: a WHERE above
// it and the inner joins around it, a LEFT JOIN's preserved side, the ON
// of the join whose right side it is), so no row that the comparison would
// keep for being NULL is a row of its own. That makes SELECT and joins seek
// as SQL Server does, as UPDATE and DELETE without FROM did already.
func (s *Session) seekNullSafe() bool {
	return !s.Opts.AnsiNulls && s.push.preserved
}

// nullSafeBounds is seekBounds for a table read directly by conds applied
// where its rows are never NULL-extended (seekNullSafe), for the planners
// that compare access paths before building one (join_drive.go,
// join_small.go, hashjoin.go).
func (s *Session) nullSafeBounds(sc *scope, conds []ast.Expr) []bound {
	s.dml.seekNullFree = s.seekNullSafe()
	return s.seekBounds(sc, conds)
}
