package exec

import (
	"errors"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SQL Server compiles a whole batch before running any of it: a statement
// that names an existing table but a column it does not have (207), or
// otherwise fails to bind, stops the batch before its first statement runs.
// Only a missing object is deferred to the statement (deferred name
// resolution, 208 at run time).
//
// mirrorsql plans statements as it runs them, so precompile binds the
// batch's leading plain SELECT statements up front to find such errors.
// It stops at the first statement that may change what later statements
// bind against (DDL, EXEC, USE, control flow …), and it skips SELECTs that
// use variables, temporary tables or SELECT … INTO, whose binding depends
// on statements that have not run yet. A 208 or any error other than a
// binding error is left for run time.

// precompile returns the first leading statement of a batch with a
// compile-time binding error, and that error.
//
// The first statement is not bound ahead: if it fails, nothing has run
// before it anyway, so a single-statement batch (the common case, and the
// hot path of point queries) is compiled once, as before.
func (s *Session) precompile(stmts []ast.Statement) (ast.Statement, error) {
	for i, st := range stmts {
		switch st := st.(type) {
		case *ast.SelectStmt:
			if i == 0 || !bindableAlone(st) {
				continue
			}
			if _, err := s.buildQuery(st.Query, nil, nil); err != nil && isBindError(err) {
				return st, err
			}
		case *ast.InsertStmt, *ast.UpdateStmt, *ast.DeleteStmt, *ast.MergeStmt:
			// They do not change the schema. An OUTPUT clause without INTO
			// on a table with an AFTER trigger for the action is refused
			// when the batch compiles (334), not when the statement runs.
			if i > 0 {
				if err := s.outputTriggerConflict(st); err != nil {
					return st, err
				}
			}
		case *ast.PrintStmt, *ast.DeclareStmt, *ast.SetOptionStmt, *ast.SetVariableStmt:
			// Not checked, but they do not change the schema.
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// outputTriggerConflict is SQL Server's compile-time 334 for a DML
// statement whose OUTPUT clause returns rows (no INTO, or OUTPUT … INTO …
// OUTPUT …) to a target that already has an AFTER trigger for the
// statement's action. A target that does not exist yet (created earlier in
// the batch) is left for run time, where the same check is made.
func (s *Session) outputTriggerConflict(st ast.Statement) error {
	var target ast.TableExpr
	var oc *ast.OutputClause
	var kind string
	switch st := st.(type) {
	case *ast.InsertStmt:
		target, oc, kind = st.Target, st.Output, "INSERT"
	case *ast.UpdateStmt:
		target, oc, kind = st.Target, st.Output, "UPDATE"
	case *ast.DeleteStmt:
		target, oc, kind = st.Target, st.Output, "DELETE"
	case *ast.MergeStmt:
		target, oc, kind = st.Target, st.Output, "MERGE"
	}
	if oc == nil || oc.Into != nil && oc.Then == nil {
		return nil
	}
	tr, _, err := s.target(target)
	if err != nil || tr == nil {
		return nil
	}
	if m, ok := st.(*ast.MergeStmt); ok {
		return s.checkMergeOutputTriggers(m, tr)
	}
	if trig := s.triggersFor(tr, kind); trig != nil && s.hasAfterTrigger(trig, kind) {
		return ErrOutputTriggers.New(tr.displayName())
	}
	return nil
}

// bindableAlone reports whether a SELECT binds the same before the batch
// runs as when it is reached: no variables, temporary tables or INTO.
func bindableAlone(st *ast.SelectStmt) bool {
	if intoCore(st.Query.Body) != nil { // also SELECT … INTO … UNION …
		return false
	}
	ok := true
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Variable, *ast.VariableTable:
			ok = false
		case *ast.TableName:
			if strings.HasPrefix(n.Name.Last(), "#") {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// isBindError reports the compile-time errors of binding names and
// grouping that end a batch before it runs.
func isBindError(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Number {
	case 207, 209, 4104, 8118, 8119, 8120, 8121, 8126, 8127:
		return true
	}
	return false
}
