package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// CREATE and ALTER PROCEDURE compile the body's statements whose tables
// all exist (Microsoft's "Deferred name resolution and compilation"):
// only a statement naming a table that does not exist yet waits for the
// procedure's run, where it is 208. So a column the existing table does
// not have is 207 when the procedure is created, and no procedure is
// created; that is, a typo does not wait for the first EXEC to show.
//
// procBindCheck binds the body's SELECT statements (in IF, WHILE, blocks
// and TRY/CATCH too), in the order of the text, with the parameters and
// the variables DECLAREd before each (declareSkipped) in a scope of their
// own. It leaves alone what binds only when the procedure runs: SELECT …
// INTO, temporary tables, table variables and table-valued parameters,
// and any statement that names something other than an existing table
// (a view, a CTE, a missing table). Only a binding error (isBindError:
// 207, 209, 4104, grouping) refuses the procedure; any other error of
// this early binding is left for run time.
func (s *Session) procBindCheck(st *ast.CreateProcStmt) error {
	prev := s.batch
	bs := newBatchState(nil, true)
	bs.body = st.Body
	s.batch = bs
	defer func() { s.batch = prev }()
	for _, p := range st.Params {
		if p.Type == nil {
			continue
		}
		if _, ut, err := s.declTypeOf(p.Type); err != nil || ut != nil && ut.IsTable() {
			continue // statements reading it are not bound (137 is not a bind error)
		}
		if _, err := s.declare(&ast.VarDecl{Name: p.Name, Type: p.Type}); err != nil {
			return nil
		}
	}
	var found error
	var walk func(list ...ast.Statement)
	walk = func(list ...ast.Statement) {
		for _, st := range list {
			if found != nil || st == nil {
				return
			}
			switch st := st.(type) {
			case *ast.BlockStmt:
				walk(st.Body...)
			case *ast.IfStmt:
				walk(st.Then, st.Else)
			case *ast.WhileStmt:
				walk(st.Body)
			case *ast.TryCatchStmt:
				walk(st.Try...)
				walk(st.Catch...)
			case *ast.SelectStmt:
				if !s.bindableAtCreate(st) {
					continue
				}
				bs.cur = st
				if _, err := s.buildQuery(st.Query, nil, nil); err != nil && isBindError(err) {
					found = err
				}
			}
		}
	}
	walk(st.Body...)
	return found
}

// bindableAtCreate reports whether a procedure's SELECT binds when the
// procedure is created: no INTO, table variables or temporary tables, and
// every table it names exists now.
func (s *Session) bindableAtCreate(st *ast.SelectStmt) bool {
	if intoCore(st.Query.Body) != nil {
		return false
	}
	ok := true
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.VariableTable:
			ok = false
		case *ast.TableName:
			if n.Name == nil || strings.HasPrefix(n.Name.Last(), "#") {
				ok = false
			} else if _, exists, err := s.resolveTable(n.Name); err != nil || !exists {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// procVarCheck is compileCheck's 137 (1087 for a table variable) for a
// procedure's body, which SQL Server also finds at CREATE PROCEDURE: a
// variable used where neither a parameter nor a DECLARE earlier in the
// body's text declares it. The procedure is not created.
func procVarCheck(st *ast.CreateProcStmt) error {
	params := map[string]bool{}
	for _, p := range st.Params {
		params[strings.ToLower(p.Name)] = true
	}
	decls := map[string][]int{}
	for _, b := range st.Body {
		ast.Inspect(b, func(n ast.Node) bool {
			if d, ok := n.(*ast.VarDecl); ok && d.Pos().IsValid() {
				name := strings.ToLower(d.Name)
				decls[name] = append(decls[name], d.Pos().Offset())
			}
			return true
		})
	}
	declared := func(v *ast.Variable) bool {
		name := strings.ToLower(v.Name)
		if params[name] || !v.Pos().IsValid() {
			return true
		}
		for _, off := range decls[name] {
			if off < v.Pos().Offset() {
				return true
			}
		}
		return false
	}
	var first *Error
	at := 0
	note := func(n ast.Node, e *Error) {
		if off := n.Pos().Offset(); first == nil || off < at {
			first, at = e, off
		}
	}
	for _, b := range st.Body {
		ast.Inspect(b, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.VariableTable:
				if n.Var != nil && !declared(n.Var) {
					note(n.Var, errMustDeclareTable(n.Var.Name))
				}
				return false
			case *ast.Variable:
				if !declared(n) {
					note(n, ErrMustDeclare.New(n.Name))
				}
			}
			return true
		})
	}
	if first == nil {
		return nil
	}
	return first
}
