package exec

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// User-defined functions: CREATE FUNCTION stores the statement's text in the
// database catalog (so it is logged and reaches the mirror); a call re-parses
// it (through the session's parse cache) and runs it:
//   - scalar functions (FN) run their body once per evaluation, per row in a
//     SELECT or WHERE, in a batch scope of their own;
//   - inline table-valued functions (IF) compile like a parameterized view:
//     the parameters are variables of the function's scope, assigned from the
//     arguments each time the source is opened (per outer row under APPLY);
//   - multi-statement table-valued functions (TF) run their body into the
//     RETURNS @table variable and the caller scans it.
//
// A function body never commits or reports: its statements run inside the
// caller's statement (no autocommit of their own) and their errors end the
// calling statement.

// Errors of user-defined functions.
var (
	errSideEffect      = errorKind{443, 16, 15, "Invalid use of a side-effecting operator '%s' within a function.", AbortStatement}
	errFuncTooFewArgs  = errorKind{313, 16, 3, "An insufficient number of arguments were supplied for the procedure or function %s.", AbortStatement}
	errFuncTooManyArgs = errorKind{8144, 16, 3, "Procedure or function %s has too many arguments specified.", AbortStatement}
	errNoUserFunction  = errorKind{4121, 16, 1, "Cannot find either column \"%s\" or the user-defined function or aggregate \"%s\", or the name is ambiguous.", AbortStatement}
	errNestingLimit    = &Error{Number: 217, Severity: 16, State: 1, Message: "Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).", Abort: AbortBatch}
)

// userFunc is a resolved user-defined function: its catalog entry, parsed
// definition and database.
type userFunc struct {
	mod *catalog.Module
	def *ast.CreateFunctionStmt
	db  Database
}

// displayName is schema.name, as SQL Server names functions in messages.
func (f *userFunc) displayName() string { return f.mod.Schema + "." + f.mod.Name }

func (s *Session) createFunction(ctx context.Context, st *ast.CreateFunctionStmt) error {
	if err := checkFunctionBody(st.Body); err != nil {
		return err
	}
	_, cat, schema, err := s.ddlFor(ctx, st.Name, st.Mode) // names.go
	if err != nil {
		return err
	}
	key := cat.Key(schema, st.Name.Last())
	existing := cat.Functions[key]
	if err := checkModuleMode(cat, schema, st.Name.Last(), st.Mode, existing != nil); err != nil {
		return err
	}
	if hasOption(st.Options, "SCHEMABINDING") {
		if err := checkBindable("function", st.Name.Last(), st); err != nil { // indexed_view.go
			return err
		}
		if err := checkBoundRefs(cat, "function", nameText(st.Name), st); err != nil { // schemabind.go
			return err
		}
	}
	typ := "FN"
	switch {
	case st.Query != nil:
		typ = "IF"
		// Inline functions are bound at CREATE time, like views.
		db, err := s.resolveDatabase(st.Name.Part(2))
		if err != nil {
			return err
		}
		if _, _, err := s.inlinePlan(&userFunc{def: st, db: db, mod: &catalog.Module{Name: st.Name.Last(), ModuleSets: s.moduleSets()}}); err != nil {
			return err
		}
	case st.ReturnTable != nil:
		typ = "TF"
	}
	now := time.Now().UTC()
	m := &catalog.Module{Schema: schema, Name: st.Name.Last(), Type: typ, Text: s.moduleDefinition(st), Encrypted: encrypted(st.Options),
		ModuleSets: s.moduleSets(), Created: now, Modified: now} // module_source.go, module_sets.go
	if existing != nil {
		m.ID, m.Created = existing.ID, existing.Created
	} else {
		m.ID = cat.NewObjectID()
	}
	cat.Functions[key] = m
	return nil
}

// checkFunctionBody refuses statements with side effects outside the
// function (443): writes to anything but a table variable, PRINT, RAISERROR,
// EXEC, transactions and DDL.
func checkFunctionBody(body []ast.Statement) error {
	for _, st := range body {
		op := ""
		switch st := st.(type) {
		case *ast.IfStmt:
			if err := checkFunctionBody([]ast.Statement{st.Then}); err != nil {
				return err
			}
			if st.Else != nil {
				if err := checkFunctionBody([]ast.Statement{st.Else}); err != nil {
					return err
				}
			}
		case *ast.WhileStmt:
			if err := checkFunctionBody([]ast.Statement{st.Body}); err != nil {
				return err
			}
		case *ast.BlockStmt:
			if err := checkFunctionBody(st.Body); err != nil {
				return err
			}
		case *ast.InsertStmt:
			if _, ok := st.Target.(*ast.VariableTable); !ok {
				op = "INSERT"
			}
		case *ast.UpdateStmt:
			if _, ok := st.Target.(*ast.VariableTable); !ok {
				op = "UPDATE"
			}
		case *ast.DeleteStmt:
			if _, ok := st.Target.(*ast.VariableTable); !ok {
				op = "DELETE"
			}
		case *ast.MergeStmt:
			op = "MERGE"
		case *ast.PrintStmt:
			op = "PRINT"
		case *ast.RaiserrorStmt:
			op = "RAISERROR"
		case *ast.TryCatchStmt:
			op = "BEGIN TRY"
		case *ast.ThrowStmt:
			op = "THROW"
		case *ast.ExecStmt:
			op = "EXECUTE"
		case *ast.TransactionStmt:
			op = strings.Fields(st.SQL())[0] + " TRANSACTION"
		case *ast.CreateTableStmt, *ast.DropTableStmt, *ast.AlterTableStmt, *ast.TruncateStmt, *ast.CreateIndexStmt,
			*ast.CreateViewStmt, *ast.CreateProcStmt, *ast.CreateFunctionStmt, *ast.DropStmt:
			op = strings.ToUpper(strings.Join(strings.Fields(st.SQL())[:2], " "))
		}
		if op != "" {
			return errSideEffect.New(op)
		}
	}
	return nil
}

// lookupFunction finds a user-defined function by name; a one-part name is
// looked up in dbo. It returns nil, nil when there is none.
func (s *Session) lookupFunction(n *ast.Name) (*userFunc, error) {
	if len(n.Parts) > 3 || strings.HasPrefix(n.Last(), "#") {
		return nil, nil
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return nil, err
	}
	schema := s.objectSchema(s.catalogFor(db), n.Part(1), n.Last()) // names.go
	m := s.catalogFor(db).Function(schema, n.Last())
	if m == nil {
		// A synonym may name a function (synonym.go); its base is never
		// another synonym, so one step resolves it.
		if base, _, isSyn := s.synonymBase(n); isSyn && base != nil {
			if _, _, again := s.synonymBase(base); !again {
				return s.lookupFunction(base)
			}
		}
		return nil, nil
	}
	stmts, err := s.parseModule(m.Text, m.ModuleSets)
	if err != nil {
		return nil, err
	}
	def, ok := stmts[0].(*ast.CreateFunctionStmt)
	if !ok {
		return nil, nil
	}
	if err := s.checkFunction(db, m, def); err != nil { // perm.go
		return nil, err
	}
	return &userFunc{mod: m, def: def, db: db}, nil
}

// compileArgs compiles a call's arguments against the function's parameters:
// DEFAULT takes the parameter's default, and the count must match (313, 8144).
func (c *compiler) compileArgs(fn *userFunc, args []ast.Expr) ([]*expr, error) {
	params := fn.def.Params
	if len(args) > len(params) {
		return nil, errFuncTooManyArgs.New(fn.mod.Name)
	}
	if len(args) < len(params) {
		return nil, errFuncTooFewArgs.New(fn.displayName())
	}
	out := make([]*expr, len(params))
	for i, a := range args {
		if _, ok := a.(*ast.DefaultExpr); ok {
			if params[i].Default == nil {
				return nil, errFuncTooFewArgs.New(fn.displayName())
			}
			a = params[i].Default
		}
		x, err := c.expr(a)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

// userScalar compiles a call of a schema-qualified name: a user-defined scalar
// function, or error 4121.
func (c *compiler) userScalar(f *ast.FuncCall) (*expr, error) {
	if x, ok, err := c.columnXMLMethod(f); ok { // xmlmethod.go
		return x, err
	}
	fn, err := c.s.lookupFunction(f.Name)
	if err != nil {
		return nil, err
	}
	if fn == nil || fn.def.Returns == nil {
		return nil, errNoUserFunction.New(f.Name.Parts[0].Name, nameText(f.Name))
	}
	args, err := c.compileArgs(fn, f.Args)
	if err != nil {
		return nil, err
	}
	rt, err := declType(fn.def.Returns)
	if err != nil {
		return nil, err
	}
	nullOnNull := false
	for _, o := range fn.def.Options {
		if o == "RETURNS NULL ON NULL INPUT" {
			nullOnNull = true
		}
	}
	if x, err := c.returnOnly(fn, args, rt, nullOnNull); x != nil || err != nil {
		return x, err
	}
	return &expr{typ: rt, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		vals, err := evalArgs(ec, row, args)
		if err != nil {
			return types.Value{}, err
		}
		if nullOnNull {
			for _, v := range vals {
				if v.IsNull() {
					return types.Value{}, nil
				}
			}
		}
		ctx := context.Background()
		if ec != nil {
			ctx = ec.ctx
		}
		var ret types.Value
		err = c.s.runFunction(ctx, fn, vals, func(fr *funcRun) error {
			if !fr.returned {
				return nil
			}
			v, err := convertTo(fr.ret, rt)
			ret = v
			return err
		})
		return ret, err
	}}, nil
}

// returnOnly compiles a call of a function whose body is one RETURN expr
// (the common "expression macro" UDF) once: its parameters become variables
// of a scope made here, the expression is compiled against them, and each
// evaluation only assigns the arguments and evaluates it. Other bodies, and
// a function met again while its own RETURN is being compiled (recursion),
// return nil and take the general path (runFunction).
func (c *compiler) returnOnly(fn *userFunc, args []*expr, rt types.Type, nullOnNull bool) (*expr, error) {
	ret, ok := singleReturn(fn.def.Body)
	s := c.s
	ps := s.cursorState()
	if !ok || ps.compiling[fn.mod.ID] || hasExecuteAs(fn.def.Options) { // perm.go: a context must hold while it runs, not while it compiles
		return nil, nil
	}
	bs := s.callScope(newBatchState(nil, true))
	bs.text, bs.qiOff, bs.module = fn.mod.Text, fn.mod.QuotedIdentifierOff, true
	bs.objectID = fn.mod.ID // @@PROCID
	prevBatch, prevDB := s.batch, s.db
	s.batch, s.db = bs, fn.db
	defer s.underSets(fn.mod.ModuleSets)()                         // module_sets.go: the body compiles under its ANSI_NULLS
	defer s.enterModule(fn.db, fn.mod.Schema, fn.def.Options...)() // perm.go: ownership chain, WITH EXECUTE AS
	ps.compiling[fn.mod.ID] = true
	defer func() { s.batch, s.db = prevBatch, prevDB; delete(ps.compiling, fn.mod.ID) }()
	if err := s.bindParams(fn, nil); err != nil {
		return nil, err
	}
	vars := make([]*variable, len(fn.def.Params))
	for i, p := range fn.def.Params {
		vars[i] = s.lookupVar(p.Name)
		vars[i].perCall = true // subquery_once.go
	}
	body, err := (&compiler{s: s, sc: &scope{}}).expr(ret)
	if err != nil {
		return nil, err
	}
	return &expr{typ: rt, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		vals, err := evalArgs(ec, row, args)
		if err != nil {
			return types.Value{}, err
		}
		if nullOnNull {
			for _, v := range vals {
				if v.IsNull() {
					return types.Value{}, nil
				}
			}
		}
		if s.depth() >= maxNesting { // perm.go
			return types.Value{}, errNestingLimit
		}
		for i, v := range vars {
			if err := v.assign(vals[i]); err != nil {
				return types.Value{}, err
			}
		}
		prevBatch, prevDB, prevProc := s.batch, s.db, s.proc
		s.batch, s.db, s.proc = bs, fn.db, &procFrame{name: fn.mod.Name, schema: fn.mod.Schema, parent: s.proc, extra: s.dynLevels()}
		v, err := body.eval(ec, nil)
		if err != nil {
			err = s.moduleError(err, ret) // the function's name and line, as runFuncStmt gives them
		}
		s.batch, s.db, s.proc = prevBatch, prevDB, prevProc
		if err != nil {
			return v, err
		}
		return convertTo(v, rt)
	}}, nil
}

// singleReturn finds a body that is RETURN expr, possibly inside BEGIN…END.
func singleReturn(body []ast.Statement) (ast.Expr, bool) {
	for len(body) == 1 {
		switch st := body[0].(type) {
		case *ast.ReturnStmt:
			return st.X, st.X != nil
		case *ast.BlockStmt:
			body = st.Body
			continue
		}
		break
	}
	return nil, false
}

// funcRun is the state of one function execution.
type funcRun struct {
	ret      types.Value
	returned bool
	result   *variable // a TF's RETURNS @table
	// out receives a trigger body's results and messages; nil discards
	// them (functions produce none).
	out Output
	// doomed: a trigger's TRY caught an error that dooms its transaction
	// (trycatch_module.go); writes fail with 3930 and the trigger with 3616.
	doomed bool
	last   ast.Statement // the simple statement run last (which one raised)
	// trigger marks a trigger's body; tries counts the body's TRY blocks
	// the running statement is in (trycatch_module.go).
	trigger bool
	tries   int
}

// runFunction runs fn's body with its parameters bound to args, in a scope of
// its own, and calls done with the result while that scope is still current
// (a TF's table variable is scanned there).
func (s *Session) runFunction(ctx context.Context, fn *userFunc, args []types.Value, done func(*funcRun) error) error {
	if s.depth() >= maxNesting { // perm.go
		return errNestingLimit
	}
	bs := s.callScope(newBatchState(nil, true))
	bs.text, bs.qiOff, bs.module = fn.mod.Text, fn.mod.QuotedIdentifierOff, true
	bs.objectID = fn.mod.ID // @@PROCID
	prevBatch, prevDB, prevProc, prevCount := s.batch, s.db, s.proc, s.rowcnt
	s.batch, s.db, s.proc = bs, fn.db, &procFrame{name: fn.mod.Name, schema: fn.mod.Schema, parent: s.proc, extra: s.dynLevels()}
	defer func() { s.batch, s.db, s.proc, s.rowcnt = prevBatch, prevDB, prevProc, prevCount }()
	defer s.underSets(fn.mod.ModuleSets)()                         // module_sets.go
	defer s.enterModule(fn.db, fn.mod.Schema, fn.def.Options...)() // perm.go: ownership chain, WITH EXECUTE AS
	if err := s.bindParams(fn, args); err != nil {
		return err
	}
	fr := &funcRun{}
	if fn.def.ReturnTable != nil {
		v, err := s.declare(&ast.VarDecl{Name: fn.def.ReturnVar, Table: fn.def.ReturnTable})
		if err != nil {
			return err
		}
		fr.result = v
	}
	if _, err := s.runFuncList(ctx, fn.def.Body, fr); err != nil {
		return err
	}
	return done(fr)
}

// bindParams declares fn's parameters in the current scope and assigns args.
func (s *Session) bindParams(fn *userFunc, args []types.Value) error {
	for i, p := range fn.def.Params {
		v, err := s.declare(&ast.VarDecl{Name: p.Name, Type: p.Type})
		if err != nil {
			return err
		}
		if i < len(args) {
			if err := v.assign(args[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// runFuncList runs a function body: control flow here, simple statements
// straight through execStatement (inside the caller's statement, so no
// autocommit), errors returned to the caller unreported.
func (s *Session) runFuncList(ctx context.Context, stmts []ast.Statement, fr *funcRun) (flow, error) {
	if b := s.batch; b != nil && b.body == nil {
		b.body = stmts // the module's whole text (vars.go: declareSkipped)
	}
	for _, st := range stmts {
		if err := ctx.Err(); err != nil {
			return flowNext, err
		}
		f, err := s.runFuncStmt(ctx, st, fr)
		if err != nil || f != flowNext {
			return f, err
		}
	}
	return flowNext, nil
}

func (s *Session) runFuncStmt(ctx context.Context, st ast.Statement, fr *funcRun) (flow, error) {
	if b := s.batch; b != nil {
		b.cur = st // vars.go: declareSkipped
	}
	switch st := st.(type) {
	case *ast.IfStmt:
		b, err := s.evalCondition(ctx, st.Cond)
		if err != nil {
			return flowNext, s.moduleError(err, st)
		}
		if b {
			return s.runFuncStmt(ctx, st.Then, fr)
		}
		if st.Else != nil {
			return s.runFuncStmt(ctx, st.Else, fr)
		}
		return flowNext, nil
	case *ast.WhileStmt:
		for {
			if err := ctx.Err(); err != nil {
				return flowNext, err
			}
			b, err := s.evalCondition(ctx, st.Cond)
			if err != nil || !b {
				return flowNext, s.moduleError(err, st)
			}
			f, err := s.runFuncStmt(ctx, st.Body, fr)
			if err != nil || f == flowReturn {
				return f, err
			}
			if f == flowBreak {
				return flowNext, nil
			}
		}
	case *ast.BlockStmt:
		return s.runFuncList(ctx, st.Body, fr)
	case *ast.BreakStmt:
		return flowBreak, nil
	case *ast.ContinueStmt:
		return flowContinue, nil
	case *ast.LabelStmt:
		return flowNext, nil
	case *ast.TryCatchStmt:
		return s.runModuleTryCatch(ctx, st, fr) // trycatch_module.go
	case *ast.ReturnStmt:
		if st.X != nil {
			vt, err := s.evalScalar(ctx, st.X)
			if err != nil {
				return flowNext, s.moduleError(err, st)
			}
			fr.ret = vt.v
		}
		fr.returned = true
		return flowReturn, nil
	}
	var out Output = discardOutput{}
	if fr.out != nil {
		out = fr.out
	}
	if fr.doomed && writesData(st) {
		return flowNext, s.moduleError(ErrUncommittable.New(), st)
	}
	fr.last = st
	var err error
	if fr.trigger && s.tx == nil && !s.nest.Active() {
		// A ROLLBACK (or COMMIT) ended the trigger's transaction: the rest
		// of the trigger runs in autocommit mode, each statement committing
		// on its own, as SQL Server runs it (ROLLBACK TRANSACTION's page:
		// the statements after it in the trigger are not rolled back); the
		// batch then ends with 3609 (trigger_abort.go).
		err = s.atomic(ctx, st, out)
	} else {
		err = s.execStatement(ctx, st, out)
	}
	if _, raised := st.(*ast.RaiserrorStmt); raised && err != nil && fr.trigger && fr.tries == 0 && s.tryContext() == nil {
		// The trigger's XACT_ABORT ON does not apply to RAISERROR (SET
		// XACT_ABORT's page): with no TRY to go to, the error is sent and
		// the trigger goes on; the firing statement stands unless the
		// trigger rolls back (trigger_abort.go).
		if _, sev, _ := errorIdentity(err); sev > 10 && sev < 20 {
			return flowNext, s.handleError(ctx, st, err, out)
		}
	}
	return flowNext, s.moduleError(err, st)
}

// inlinePlan compiles an inline function's query with its parameters as
// variables of a scope of its own; the caller assigns them before each open.
func (s *Session) inlinePlan(fn *userFunc) (*plan, []*variable, error) {
	ps := s.cursorState()
	if fn.mod.ID != 0 {
		// An inline function that reaches itself (through ALTER) would expand
		// forever; SQL Server stops such nesting at 32 levels.
		if ps.compiling[fn.mod.ID] {
			return nil, nil, errNestingLimit
		}
		ps.compiling[fn.mod.ID] = true
		defer delete(ps.compiling, fn.mod.ID)
	}
	bs := s.callScope(newBatchState(nil, true))
	bs.text, bs.qiOff, bs.module = fn.mod.Text, fn.mod.QuotedIdentifierOff, true
	prevBatch, prevDB := s.batch, s.db
	s.batch, s.db = bs, fn.db
	defer func() { s.batch, s.db = prevBatch, prevDB }()
	defer s.underSets(fn.mod.ModuleSets)() // module_sets.go
	vars := make([]*variable, len(fn.def.Params))
	for i, p := range fn.def.Params {
		v, err := s.declare(&ast.VarDecl{Name: p.Name, Type: p.Type})
		if err != nil {
			return nil, nil, err
		}
		v.perCall = true // subquery_once.go
		vars[i] = v
	}
	p, err := s.buildQuery(fn.def.Query, nil, nil)
	return p, vars, err
}

// userTableFunc compiles FROM fn(args): an inline or multi-statement
// table-valued function. ok is false when no such function exists.
func (s *Session) userTableFunc(t *ast.TableFunc, outer *scope) (src *source, ok bool, err error) {
	fn, err := s.lookupFunction(t.Call.Name)
	if err != nil || fn == nil {
		return nil, false, err
	}
	if fn.def.Returns != nil {
		return nil, true, &Error{Number: 208, Severity: 16, State: 1, Message: "Invalid object name '" + nameText(t.Call.Name) + "'."}
	}
	c := &compiler{s: s, sc: &scope{outer: outer}}
	args, err := c.compileArgs(fn, t.Call.Args)
	if err != nil {
		return nil, true, err
	}
	alias := identName(t.Alias)
	if alias == "" {
		alias = fn.mod.Name
	}
	if fn.def.Query != nil {
		p, vars, err := s.inlinePlan(fn)
		if err != nil {
			return nil, true, err
		}
		src, err := derivedSource(p, alias, t.Columns, outer)
		if err != nil {
			return nil, true, err
		}
		open := src.open
		src.open = func(ec *evalCtx) (rowIter, error) {
			vals, err := evalArgs(ec, nil, args)
			if err != nil {
				return nil, err
			}
			for i, v := range vars {
				if err := v.assign(vals[i]); err != nil {
					return nil, err
				}
			}
			return open(ec)
		}
		return src, true, nil
	}
	// Multi-statement: the scope is the RETURNS table's, declared once here
	// for its shape; each open runs the body into a fresh table variable.
	shape, err := s.tableVarShape(fn)
	if err != nil {
		return nil, true, err
	}
	sc := tableScope(shape, alias, outer)
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		vals, err := evalArgs(ec, nil, args)
		if err != nil {
			return nil, err
		}
		var rows []Row
		err = s.runFunction(ec.ctx, fn, vals, func(fr *funcRun) error {
			it, err := s.scan(ec, fr.result.table, nil, nil, false)
			if err != nil {
				return err
			}
			rows, err = drain(it)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &sliceIter{rows: rows}, nil
	}}, true, nil
}

// tableVarShape declares a TF's RETURNS table in a throwaway scope, for the
// columns a caller's query binds to.
func (s *Session) tableVarShape(fn *userFunc) (*tableRef, error) {
	prev := s.batch
	s.batch = newBatchState(nil, true)
	defer func() { s.batch = prev }()
	v, err := s.declare(&ast.VarDecl{Name: fn.def.ReturnVar, Table: fn.def.ReturnTable})
	if err != nil {
		return nil, err
	}
	return v.table, nil
}
