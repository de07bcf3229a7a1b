package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// errNotCursorValue answers any other value given to a cursor variable as
// the engine did before cursor assignment existed: the variable is not a
// scalar one (137). SQL Server rejects such a SET when it parses it.
func errNotCursorValue(name string) error { return ErrMustDeclare.New(name) }

// assignCursorVar runs SET @cursor_variable = cursor_name or
// = @other_cursor_variable (SET @local_variable's cursor forms, the
// DEALLOCATE page's @MyCrsrRef1 = abc): the variable then refers to the
// same cursor, which lives until its last reference is deallocated or goes
// out of scope.
func (s *Session) assignCursorVar(st *ast.SetVariableStmt) error {
	if st.Op != ast.AssignEq {
		return errNotCursorValue(st.Var.Name)
	}
	ref := &ast.CursorRef{}
	switch x := st.Value.(type) {
	case *ast.Variable:
		if !s.isCursorVar(x.Name) {
			return errNotCursorValue(st.Var.Name)
		}
		ref.Var = x
	case *ast.ColumnRef:
		if len(x.Name.Parts) != 1 {
			return errNotCursorValue(st.Var.Name)
		}
		ref.Name = &ast.Ident{Name: x.Name.Last()}
	default:
		return errNotCursorValue(st.Var.Name)
	}
	c, err := s.findCursor(ref)
	if err != nil {
		return err
	}
	key := strings.ToLower(st.Var.Name)
	if old := s.batch.cursors[key]; old == c {
		return nil
	}
	c.refs++
	s.batch.cursors[key] = c
	return nil
}
