package exec

import (
	"strings"
	"unicode/utf8"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SQL Server compiles a batch before it runs any of it, and some errors of
// that compilation refuse the whole batch, as a syntax error does: nothing
// runs, a PRINT before the error included. The parser finds the syntax
// errors; compileCheck finds the others that need no catalog:
//
//   - a variable used where no DECLARE of it comes earlier in the batch's
//     text (137 for a scalar, 1087 for a table variable). Variables are
//     scoped to the batch by text, not by control flow: a DECLARE inside an
//     IF that does not run still declares the variable for what follows.
//   - an EXEC argument passed by position after one passed as @name =
//     value (119).
//   - a transaction or savepoint name longer than 32 characters (103).
//   - an INSERT … VALUES of more than 1000 rows (10738, the Table Value
//     Constructor's limit; runInsert checks it too, for plans kept).
//
// A procedure's, function's or trigger's body declares its parameters
// too; its variables are checked when it runs, as before, so 137 is not
// looked for inside CREATE PROCEDURE, FUNCTION or TRIGGER. 119 is, as
// SQL Server refuses such a CREATE PROCEDURE.

// compileCheck returns the first such error of a parsed batch (in the order
// of the text), with its line, or nil.
func compileCheck(text string, stmts []ast.Statement) *Error {
	decls := map[string][]int{} // lower-case name → offsets of its declarations
	for _, st := range stmts {
		if definesModule(st) {
			continue
		}
		ast.Inspect(st, func(n ast.Node) bool {
			if d, ok := n.(*ast.VarDecl); ok && d.Pos().IsValid() {
				name := strings.ToLower(d.Name)
				decls[name] = append(decls[name], d.Pos().Offset())
			}
			return true
		})
	}
	declared := func(v *ast.Variable) bool {
		if !v.Pos().IsValid() {
			return true
		}
		for _, off := range decls[strings.ToLower(v.Name)] {
			if off < v.Pos().Offset() {
				return true
			}
		}
		return false
	}
	first, at := (*Error)(nil), 0
	note := func(n ast.Node, e *Error) {
		if off := n.Pos().Offset(); first == nil || off < at {
			first, at = e, off
		}
	}
	for _, st := range stmts {
		module := definesModule(st)
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ExecStmt:
				named := false
				for i, a := range n.Args {
					if a.Name != "" {
						named = true
					} else if named && a.Pos().IsValid() {
						note(a, errNamedThenPlain.New(i+1))
						break
					}
				}
			case *ast.InsertStmt:
				if len(n.Values) > maxInsertValues && n.Pos().IsValid() {
					note(n, errTooManyInsertValues())
				}
			case *ast.TransactionStmt:
				if n.Name != nil && utf8.RuneCountInString(n.Name.Name) > maxTranName {
					note(n.Name, errTranNameTooLong(n.Name.Name))
				}
			case *ast.VariableTable:
				if !module && n.Var != nil && !declared(n.Var) {
					note(n.Var, errMustDeclareTable(n.Var.Name))
				}
				return false
			case *ast.Variable:
				if !module && !declared(n) {
					note(n, ErrMustDeclare.New(n.Name))
				}
			}
			return true
		})
	}
	flowCheck(stmts, true, note)
	for _, st := range stmts {
		switch st := st.(type) {
		case *ast.CreateProcStmt:
			flowCheck(st.Body, false, note)
		case *ast.CreateFunctionStmt:
			flowCheck(st.Body, false, note)
		case *ast.CreateTriggerStmt:
			flowCheck(st.Body, false, note)
		}
	}
	if first != nil {
		first.Line = int32(strings.Count(text[:min(at, len(text))], "\n") + 1)
	}
	return first
}

// flowCheck finds the control-of-flow errors for which SQL Server's
// compilation refuses a batch or a module: BREAK (135) or CONTINUE (136)
// outside a WHILE, a label declared twice (132), a GOTO to a label the
// batch or module does not declare (133) and, in a batch, RETURN with a
// value (178). Module bodies inside the batch are checked on their own.
func flowCheck(stmts []ast.Statement, batch bool, note func(ast.Node, *Error)) {
	labels := map[string]bool{}
	var gotos []*ast.GotoStmt
	var walk func(st ast.Statement, loops int)
	walk = func(st ast.Statement, loops int) {
		switch st := st.(type) {
		case *ast.BreakStmt:
			if loops == 0 && st.Pos().IsValid() {
				note(st, &Error{Number: 135, Severity: 15, State: 1, Message: "Cannot use a BREAK statement outside the scope of a WHILE statement.", Abort: AbortBatch})
			}
		case *ast.ContinueStmt:
			if loops == 0 && st.Pos().IsValid() {
				note(st, &Error{Number: 136, Severity: 15, State: 1, Message: "Cannot use a CONTINUE statement outside the scope of a WHILE statement.", Abort: AbortBatch})
			}
		case *ast.ReturnStmt:
			if batch && st.X != nil && st.Pos().IsValid() {
				note(st, &Error{Number: 178, Severity: 15, State: 1, Message: "A RETURN statement with a return value cannot be used in this context.", Abort: AbortBatch})
			}
		case *ast.LabelStmt:
			name := strings.ToLower(st.Label.Name)
			if labels[name] && st.Pos().IsValid() {
				note(st, &Error{Number: 132, Severity: 15, State: 1, Message: "The label '" + st.Label.Name + "' has already been declared. Label names must be unique within a query batch or stored procedure.", Abort: AbortBatch})
			}
			labels[name] = true
		case *ast.GotoStmt:
			gotos = append(gotos, st)
		case *ast.IfStmt:
			walk(st.Then, loops)
			walk(st.Else, loops)
		case *ast.WhileStmt:
			walk(st.Body, loops+1)
		case *ast.BlockStmt:
			for _, x := range st.Body {
				walk(x, loops)
			}
		case *ast.TryCatchStmt:
			for _, x := range st.Try {
				walk(x, loops)
			}
			for _, x := range st.Catch {
				walk(x, loops)
			}
		}
	}
	for _, st := range stmts {
		walk(st, 0)
	}
	for _, g := range gotos {
		if !labels[strings.ToLower(g.Label.Name)] && g.Pos().IsValid() {
			note(g, errGotoNoLabel(g.Label.Name))
		}
	}
}

// definesModule reports the statements whose body is a module's, compiled
// with its parameters declared.
func definesModule(st ast.Statement) bool {
	switch st.(type) {
	case *ast.CreateProcStmt, *ast.CreateFunctionStmt, *ast.CreateTriggerStmt, *ast.CreateViewStmt:
		return true
	}
	return false
}

// errMustDeclareTable is 1087, a table variable used but not declared.
func errMustDeclareTable(name string) *Error {
	return &Error{Number: 1087, Severity: 15, State: 2, Message: "Must declare the table variable \"" + name + "\".", Abort: AbortBatch}
}

// errTranNameTooLong is 103 for a BEGIN, COMMIT, ROLLBACK or SAVE TRAN
// name longer than 32 characters written in the batch (one from a variable
// is cut to 32 when it runs: stmt_tran.go).
func errTranNameTooLong(name string) *Error {
	if r := []rune(name); len(r) > 128 {
		name = string(r[:128])
	}
	return &Error{Number: 103, Severity: 15, State: 2, Message: "The identifier that starts with '" + name + "' is too long. Maximum length is 32.", Abort: AbortBatch}
}

// maxInsertValues is how many rows one INSERT … VALUES may give (a derived
// table's VALUES has no limit).
const maxInsertValues = 1000

// errTooManyInsertValues is 10738, refusing the batch when it compiles.
func errTooManyInsertValues() *Error {
	return &Error{Number: 10738, Severity: 15, State: 1, Message: "The number of row value expressions in the INSERT statement exceeds the maximum allowed number of 1000 row values.", Abort: AbortBatch}
}
