package exec

import (
	"errors"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// GOTO label. A jump unwinds, as an error value, out of the statements
// between the GOTO and the statement list that holds the label (the
// batch's or procedure's top level, or an enclosing BEGIN…END, IF or WHILE
// body); that list's runList resumes after the label. Jumping into a block
// that does not enclose the GOTO is not supported (40508); a label that is
// not declared in the batch is error 133.

// gotoJump is a GOTO unwinding toward the list that declares its label.
type gotoJump struct{ label string }

func (g *gotoJump) Error() string { return "GOTO " + g.label }

// resumeAt returns the index of the label err jumps to in stmts, or -1.
func resumeAt(err error, stmts []ast.Statement) int {
	if err == nil { // most statements: errors.As would allocate g on the heap
		return -1
	}
	var g *gotoJump
	if !errors.As(err, &g) {
		return -1
	}
	for i, st := range stmts {
		if l, ok := st.(*ast.LabelStmt); ok && strings.EqualFold(l.Label.Name, g.label) {
			return i
		}
	}
	return -1
}

// runGoto checks that st's label is declared in a statement list enclosing
// st and returns the jump.
func (s *Session) runGoto(st *ast.GotoStmt) error {
	label := st.Label.Name
	var top []ast.Statement
	if s.batch != nil {
		if pb, err := s.parseAs(s.batch.text, s.batch.qiOff); err == nil {
			stmts := pb.stmts
			top = stmts
			if len(stmts) == 1 {
				if cp, ok := stmts[0].(*ast.CreateProcStmt); ok {
					top = cp.Body
				}
			}
		}
	}
	declared := false
	var walk func(list []ast.Statement, encloses bool) bool
	walk = func(list []ast.Statement, encloses bool) bool {
		for _, x := range list {
			if l, ok := x.(*ast.LabelStmt); ok && strings.EqualFold(l.Label.Name, label) {
				if encloses {
					return true
				}
				declared = true
			}
		}
		for _, x := range list {
			in := encloses && x.Pos().Offset() <= st.Pos().Offset() && st.Pos().Offset() < x.End().Offset()
			for _, child := range childLists(x) {
				if walk(child, in) {
					return true
				}
			}
		}
		return false
	}
	if walk(top, true) {
		return &gotoJump{label: label}
	}
	if declared {
		return ErrNotSupported.New("GOTO into a statement block")
	}
	return errGotoNoLabel(label)
}

// errGotoNoLabel is 133, a GOTO to a label its batch or module does not
// declare: compileCheck refuses the batch for it before anything runs.
func errGotoNoLabel(label string) *Error {
	return &Error{Number: 133, Severity: 15, State: 1, Message: "A GOTO statement references the label '" + label + "' but the label has not been declared.", Abort: AbortBatch}
}

// childLists are the statement lists directly inside a control-flow statement.
func childLists(st ast.Statement) [][]ast.Statement {
	switch st := st.(type) {
	case *ast.BlockStmt:
		return [][]ast.Statement{st.Body}
	case *ast.IfStmt:
		out := [][]ast.Statement{{st.Then}}
		if st.Else != nil {
			out = append(out, []ast.Statement{st.Else})
		}
		return out
	case *ast.WhileStmt:
		return [][]ast.Statement{{st.Body}}
	case *ast.TryCatchStmt:
		return [][]ast.Statement{st.Try, st.Catch}
	}
	return nil
}
