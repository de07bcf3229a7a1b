package exec

import (
	"context"
	"errors"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// procFrame is an executing procedure (for @@NESTLEVEL and error procedure names).
type procFrame struct {
	name string
	// schema is the module's schema, for ERROR_PROCEDURE() (empty for
	// sp_executesql and DDL triggers).
	schema string
	parent *procFrame
	// trigger is the AFTER trigger this frame runs (nil for procedures and
	// functions): runTrigger finds direct recursion through it.
	trigger *catalog.Module
	// dml is the DML trigger's firing (trigger_funcs.go): nil for DDL
	// triggers, procedures and functions.
	dml *dmlTriggerRun
	// event is the EVENTDATA() xml of the DDL trigger this frame runs
	// (ddl_trigger.go); "" elsewhere.
	event string
	// xactAbortOff: a SET XACT_ABORT OFF ran in this frame (triggerXactAbort).
	xactAbortOff bool
	// extra is the nesting levels this frame adds beyond its own one
	// (depth): the EXEC('…') levels its caller ran in (dynLevels), and one
	// more for sp_executesql, whose text runs a level below the procedure.
	extra int32
	// temps is the set of temporary tables (by object id) that existed when
	// the procedure started, and shadows the callers' tables its CREATE
	// TABLE #t set aside (proctemp.go); nil outside procedures.
	temps   map[int32]bool
	shadows []tempShadow
}

// triggerXactAbort reports whether the running statement is under the
// XACT_ABORT ON a trigger runs with (SET XACT_ABORT's page: "ON is the
// default setting in a trigger"): in the trigger or in a procedure it
// calls, which inherits it as it would a SET, unless a SET XACT_ABORT OFF
// in between turned it off. It is not an Options bit: @@OPTIONS does not
// show it, and plans kept under the session's options stay usable in the
// trigger. The trigger's own statements get it from triggerAbort
// (trigger_abort.go).
func (s *Session) triggerXactAbort() bool {
	for f := s.proc; f != nil; f = f.parent {
		if f.xactAbortOff {
			return false
		}
		if f.trigger != nil {
			return true
		}
	}
	return false
}

// ProcArg is one argument of a procedure call, from EXEC or from an RPC.
type ProcArg struct {
	Name    string // "@name" or "" (positional)
	Value   types.Value
	Type    types.Type
	Output  bool
	Default bool
	// Result receives an OUTPUT parameter's final value.
	Result types.Value
	// target is the caller's variable for EXEC … @v OUTPUT.
	target *variable
	// Table is a table-valued argument (a TVP, or a table variable passed to
	// EXEC); Value and Type are then unused (tvp.go).
	Table *TableArg
	// cursorVar is the caller's cursor variable (lower case) for EXEC …
	// @c OUTPUT; the procedure sets cursor, which the variable then holds
	// (cursor_describe.go).
	cursorVar, cursorName string
	cursor                *cursor
}

// isCursorParam reports a CURSOR VARYING OUTPUT parameter.
func isCursorParam(p *ast.ProcParam) bool {
	return p.Type != nil && strings.EqualFold(p.Type.Name, "cursor")
}

// maxNesting is SQL Server's limit of nested procedure calls.
const maxNesting = 32

func (s *Session) runExec(ctx context.Context, st *ast.ExecStmt, out Output) error {
	if st.Dynamic != nil {
		vt, err := s.evalScalar(ctx, st.Dynamic)
		if err != nil {
			return err
		}
		if st.As != nil {
			restore, err := s.executeAsFor(ctx, st.As) // perm_execas.go
			if err != nil {
				return err
			}
			defer restore()
		}
		rs, err := s.withResultSets(st.ResultSets, out) // result_sets.go
		if err != nil {
			return err
		}
		if rs == nil {
			return s.execDynamic(ctx, vt.v.Str(), nil, out)
		}
		if err := s.execDynamic(ctx, vt.v.Str(), nil, rs); err != nil {
			return err
		}
		return rs.finish()
	}
	name := st.Proc
	if st.ProcVar != nil {
		v := s.lookupVar(st.ProcVar.Name)
		if v == nil {
			return ErrMustDeclare.New(st.ProcVar.Name)
		}
		n, err := parseObjectName(v.val.Str())
		if err != nil {
			return err
		}
		name = n
	}
	if err := checkArgOrder(st.Args); err != nil { // sysprocs_params.go
		return err
	}
	if ok, err := s.execScalarFunction(ctx, st, name, out); ok || err != nil {
		return err
	}
	args := make([]*ProcArg, len(st.Args))
	for i, a := range st.Args {
		pa := &ProcArg{Name: a.Name, Output: a.Output}
		if _, ok := a.Value.(*ast.DefaultExpr); ok {
			pa.Default = true
		} else if tv, ok := s.isTableVar(a.Value); ok && !a.Output { // tvp.go
			ta, err := s.tableArgOf(ctx, tv)
			if err != nil {
				return err
			}
			pa.Table = ta
		} else if v, ok := a.Value.(*ast.Variable); ok && a.Output && s.isCursorVar(v.Name) {
			if err := s.takeCursorOutput(pa, v.Name); err != nil {
				return err
			}
		} else {
			if a.Output {
				if v, ok := a.Value.(*ast.Variable); ok {
					pa.target = s.lookupVar(v.Name)
					if pa.target == nil {
						return ErrMustDeclare.New(v.Name)
					}
				}
			}
			vt, err := s.evalScalar(ctx, a.Value)
			if err != nil {
				return err
			}
			pa.Value, pa.Type = vt.v, vt.t
		}
		args[i] = pa
	}
	callOut := out
	rs, err := s.withResultSets(st.ResultSets, out) // result_sets.go
	if err != nil {
		return err
	}
	if rs != nil {
		callOut = rs
	}
	ret, err := s.CallProcedure(ctx, name, args, callOut)
	if err != nil {
		return err
	}
	if rs != nil {
		if err := rs.finish(); err != nil {
			return err
		}
	}
	for _, a := range args {
		if a.cursor != nil {
			a.cursor.name, a.cursor.id = a.cursorName, s.nextCursorID()
			s.batch.cursors[a.cursorVar] = a.cursor
		}
		if a.Output && a.target != nil {
			if err := a.target.assign(a.Result); err != nil {
				return err
			}
		}
	}
	if st.Return != nil {
		v := s.lookupVar(st.Return.Name)
		if v == nil {
			return ErrMustDeclare.New(st.Return.Name)
		}
		if err := v.assign(types.NewInt(ret)); err != nil {
			return err
		}
	}
	return s.execDone(out, ret) // doneinproc.go
}

// CallProcedure runs a system or user procedure and returns its return status.
func (s *Session) CallProcedure(ctx context.Context, name *ast.Name, args []*ProcArg, out Output) (int32, error) {
	pname := strings.ToLower(name.Last())
	out = s.fmtOnlyOut(out, "")
	system := strings.HasPrefix(pname, "sp_") || strings.HasPrefix(pname, "xp_")
	if system && (!s.Opts.FmtOnly || fmtOnlySafeProc(pname)) {
		// A system procedure named with a database (otherdb..sp_pkeys,
		// FreeTDS's [db]..sp_stored_procedures, otherdb.sys.sp_executesql)
		// runs in that database's context, as in SQL Server; the session's
		// database is back when it returns.
		if dbName := name.Part(2); dbName != "" && !strings.EqualFold(dbName, s.db.Name()) {
			db, err := s.resolveDatabase(dbName)
			if err != nil {
				return 0, err
			}
			if err := s.CheckDatabaseAccess(db); err != nil {
				return 0, err
			}
			prev := s.db
			s.db = db
			defer func() { s.db = prev }()
		}
		if err := checkProcArgs(pname, args); err != nil { // sysprocs_params.go
			return 0, err
		}
		if ret, ok, err := s.systemProc(ctx, pname, name, args, out); ok {
			return s.builtinDone(ctx, pname, ret, err, out) // sysprocs_status.go
		}
	}
	var db Database = s.tempDB()
	if !strings.HasPrefix(name.Last(), "#") {
		var err error
		if db, err = s.resolveDatabase(name.Part(2)); err != nil {
			return 0, err
		}
	}
	schema := s.objectSchema(s.catalogFor(db), name.Part(1), name.Last()) // names.go
	p := s.catalogFor(db).Procedure(schema, name.Last())
	if p == nil {
		if base, syn, isSyn := s.synonymBase(name); isSyn { // synonym.go: EXEC syn runs its base
			if base == nil {
				return 0, errSynonymInvalid.New(synonymDisplay(syn))
			}
			if db, _ = s.resolveDatabase(base.Part(2)); db != nil {
				p = s.catalogFor(db).Procedure(base.Part(1), base.Last())
				schema = base.Part(1)
			}
			if p == nil {
				return 0, errSynonymInvalid.New(synonymDisplay(syn))
			}
		}
	}
	if p == nil {
		if system && s.Opts.FmtOnly {
			return 0, nil // a system procedure that changes something: not run (fmtonly.go)
		}
		return 0, ErrProcNotFound.New(nameText(name))
	}
	stmts, err := s.parseModule(p.Text, p.ModuleSets) // module_sets.go
	if err != nil {
		return 0, err
	}
	cp, ok := stmts[0].(*ast.CreateProcStmt)
	if !ok {
		return 0, ErrProcNotFound.New(nameText(name))
	}
	if err := s.checkObject(db, s.catalogFor(db), schema, p.Name, "EXECUTE"); err != nil { // perm.go
		return 0, err
	}
	defer s.enterModule(db, schema, cp.Options...)() // perm.go: ownership chain, WITH EXECUTE AS
	defer s.beginProcStat(db, p)()                   // querystats_proc.go
	s.invokeObject, s.invokeSets = p.ID, &p.ModuleSets
	return s.invoke(ctx, p.Name, schema, p.Text, db, cp.Params, cp.Body, args, out)
}

// invokeFrame is what one invoke allocates: its batch state, its frame and,
// for up to two parameters, their declarations and variables. Two, not
// more: a slot is 168 bytes, and with four the frame (896 bytes) was more
// memory than the three allocations it replaced for the usual statement of
// one or two parameters; more parameters get their own slice.
type invokeFrame struct {
	bs    batchState
	frame procFrame
	temps tempScope
	slots [2]paramSlot
}

// paramSlot is a parameter's declaration and variable (declareIn's slot).
type paramSlot struct {
	d ast.VarDecl
	v variable
}

// invoke runs a procedure body with its parameters bound to args.
func (s *Session) invoke(ctx context.Context, pname, schema, text string, db Database, params []*ast.ProcParam, body []ast.Statement, args []*ProcArg, out Output) (int32, error) {
	if lvl := s.depth() + 1; lvl > maxNesting || (pname == "sp_executesql" && lvl+1 > maxNesting) { // perm.go
		return 0, &Error{Number: 217, Severity: 16, State: 1, Message: "Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).", Abort: AbortBatch}
	}
	defer s.keepOptions()()
	defer s.enterText()() // request_statement.go: the caller's statement shows again
	// The batch state, the frame and the parameters' declarations and
	// variables in one allocation, not three (sp_executesql runs every
	// parameterized statement through here).
	fr := new(invokeFrame)
	bs := &fr.bs
	bs.init(nil, true)
	s.callScope(bs)
	bs.text = text
	bs.objectID, s.invokeObject = s.invokeObject, 0
	// sp_executesql's text was read under the session's setting, a
	// procedure's under its own, which it runs under (module_sets.go).
	bs.qiOff = !s.Opts.QuotedIdentifier
	if ms := s.invokeSets; ms != nil {
		s.invokeSets = nil
		s.runUnderSets(*ms)
		bs.qiOff, bs.module = ms.QuotedIdentifierOff, true
	}
	bound := make([]*variable, len(params))
	slots := fr.slots[:0]
	if len(params) > len(fr.slots) {
		slots = make([]paramSlot, 0, len(params))
	}
	slots = slots[:len(params)]
	positional := 0
	for i, p := range params {
		slots[i].d = ast.VarDecl{Name: p.Name, Type: p.Type}
		v, err := func() (*variable, error) {
			// Declared in the procedure's database: a string parameter
			// takes its collation (dbcollation.go).
			prev, prevDB := s.batch, s.db
			s.batch = bs
			if db != nil {
				s.db = db
			}
			defer func() { s.batch, s.db = prev, prevDB }()
			return s.declareIn(&slots[i].d, &slots[i].v)
		}()
		if err != nil {
			return 0, err
		}
		if err := bindParamTable(v, p); err != nil { // tvp.go: READONLY table-valued parameters
			return 0, err
		}
		bound[i] = v
	}
	// Binding errors name the procedure at line 0, as SQL Server's do;
	// sp_executesql's and sp_execute's are the caller's.
	bindErr := func(e *Error) (int32, error) {
		if strings.HasPrefix(pname, "sp_execute") {
			return 0, e
		}
		return 0, argError(e, pname)
	}
	assigned, seen := make([]bool, len(params)), make([]bool, len(params))
	for _, a := range args {
		idx := -1
		if a.Name != "" {
			for i, p := range params {
				if strings.EqualFold(p.Name, a.Name) {
					idx = i
				}
			}
			if idx < 0 {
				return bindErr(ErrProcNotParam.New(a.Name, pname))
			}
			if seen[idx] {
				return bindErr(ErrProcArgTwice.New(a.Name))
			}
		} else {
			idx = positional
			positional++
			if idx >= len(params) {
				return bindErr(ErrProcTooManyArgs.New(pname))
			}
		}
		seen[idx] = true
		if a.Output && !params[idx].Output {
			return bindErr(errNotOutputParam(params[idx].Name))
		}
		if a.Default {
			continue
		}
		if isCursorParam(params[idx]) {
			// A CURSOR VARYING OUTPUT parameter: the procedure's SET @p =
			// CURSOR … goes back to the caller's cursor variable below.
			assigned[idx] = true
			continue
		}
		if a.Table != nil || bound[idx].table != nil {
			if err := s.bindTableArg(ctx, bound[idx], a); err != nil { // tvp.go
				return 0, err
			}
			assigned[idx] = true
			continue
		}
		if err := bound[idx].assign(a.Value); err != nil {
			return 0, err
		}
		assigned[idx] = true
	}
	for i, p := range params {
		if assigned[i] || bound[i].table != nil { // a table-valued parameter not passed is empty
			continue
		}
		if p.Default == nil { // an OUTPUT parameter too: the caller must pass a variable
			if strings.HasPrefix(pname, "sp_execute") {
				return 0, &queryParamMissing{param: p.Name}
			}
			return bindErr(ErrProcMissingArg.New(pname, p.Name))
		}
		vt, err := s.evalScalar(ctx, p.Default)
		if err != nil {
			return 0, err
		}
		if err := bound[i].assign(vt.v); err != nil {
			return 0, err
		}
	}

	prevBatch, prevDB, prevProc := s.batch, s.db, s.proc
	fr.frame = procFrame{name: pname, schema: schema, parent: s.proc, extra: s.dynLevels()}
	if pname == "sp_executesql" {
		fr.frame.extra++
	}
	fr.temps.temps = s.tempTableIDs() // proctemp.go
	bs.temps = &fr.temps
	s.batch, s.db, s.proc = bs, db, &fr.frame
	tranCount := s.nest.TranCount()
	_, err := s.runList(ctx, body, out)
	used := s.db != db // a USE in sp_executesql's text: the client followed it
	s.batch, s.db, s.proc = prevBatch, prevDB, prevProc
	if used {
		s.databaseRestored(out, db)
	}
	s.dropScopeTemps(ctx, &fr.temps) // proctemp.go
	if errors.Is(err, errScopeAborted) {
		// A compile error ended the procedure only: the caller goes on.
		return bs.returnValue, nil
	}
	if err != nil && !errors.Is(err, errBatchAborted) {
		return 0, err
	}
	if err == nil && s.nest.TranCount() != tranCount && !errors.Is(err, errCaught) {
		_ = s.reportError(out, ErrTranCountMismatch.New(tranCount, s.nest.TranCount()), true)
	}
	for _, a := range args {
		if !a.Output {
			continue
		}
		for i, p := range params {
			if (a.Name != "" && strings.EqualFold(p.Name, a.Name)) || (a.Name == "" && i == indexOfArg(args, a)) {
				a.Result = bound[i].val
				if isCursorParam(p) && a.cursorVar != "" {
					a.cursor = bs.cursors[strings.ToLower(p.Name)] // runExec hands it to the caller's variable
				}
			}
		}
	}
	if errors.Is(err, errBatchAborted) {
		return bs.returnValue, errBatchAborted
	}
	return bs.returnValue, nil
}

// execScalarFunction runs EXECUTE [@rv =] function args for a scalar
// user-defined function (the EXECUTE page's example I): the arguments bind
// by position or @name = value as a procedure's do, an omitted or DEFAULT
// one takes the parameter's default, and @rv gets the function's value.
// ok is false when name is no scalar function.
func (s *Session) execScalarFunction(ctx context.Context, st *ast.ExecStmt, name *ast.Name, out Output) (ok bool, err error) {
	if strings.HasPrefix(strings.ToLower(name.Last()), "sp_") {
		return false, nil
	}
	fn, err := s.lookupFunction(name)
	if err != nil || fn == nil || fn.def.Returns == nil {
		return false, nil
	}
	params := fn.def.Params
	call := &ast.FuncCall{Name: name, Args: make([]ast.Expr, len(params))}
	positional := 0
	for _, a := range st.Args {
		idx := -1
		if a.Name != "" {
			for i, p := range params {
				if strings.EqualFold(p.Name, a.Name) {
					idx = i
				}
			}
			if idx < 0 {
				return true, ErrProcNotParam.New(a.Name, fn.mod.Name)
			}
		} else {
			idx = positional
			positional++
			if idx >= len(params) {
				return true, ErrProcTooManyArgs.New(fn.mod.Name)
			}
		}
		call.Args[idx] = a.Value
	}
	for i, a := range call.Args {
		if a == nil {
			if params[i].Default == nil {
				return true, ErrProcMissingArg.New(fn.mod.Name, params[i].Name)
			}
			call.Args[i] = &ast.DefaultExpr{}
		}
	}
	vt, err := s.evalScalar(ctx, call)
	if err != nil {
		return true, err
	}
	if st.Return != nil {
		v := s.lookupVar(st.Return.Name)
		if v == nil {
			return true, ErrMustDeclare.New(st.Return.Name)
		}
		if err := v.assign(vt.v); err != nil {
			return true, err
		}
	}
	return true, s.execDone(out, 0) // doneinproc.go
}

// errNotOutputParam is 8162: the caller asked for a parameter's value back
// (OUTPUT) that the procedure does not return.
func errNotOutputParam(name string) *Error {
	return &Error{Number: 8162, Severity: 16, State: 2, Message: "The formal parameter \"" + name + "\" was not declared as an OUTPUT parameter, but the actual parameter passed in requested output."}
}

func indexOfArg(args []*ProcArg, a *ProcArg) int {
	n := 0
	for _, x := range args {
		if x == a {
			return n
		}
		if x.Name == "" {
			n++
		}
	}
	return -1
}

// execDynamic runs EXEC('…') and sp_executesql: a batch of its own, with
// optional parameters, and no access to the caller's variables.
func (s *Session) execDynamic(ctx context.Context, text string, params []*ast.ProcParam, out Output, args ...*ProcArg) error {
	defer s.breakChain()() // perm.go: dynamic SQL is checked for the caller
	defer s.keepDatabase(out)()
	stmts, err := s.parse(text)
	if err != nil {
		return err
	}
	if params == nil && len(args) == 0 {
		reported := s.errsReported
		if err := s.runDynamic(ctx, text, stmts, out); err != nil {
			return err
		}
		return s.dynamicDone(out, s.errsReported != reported) // doneinproc.go
	}
	// A batch abort inside (245, XACT_ABORT) ends the caller's batch too.
	_, err = s.invoke(ctx, "sp_executesql", "", text, s.db, params, stmts, args, out)
	return err
}

// runDynamic runs the statements of EXEC('…') as a batch of their own: a
// nested frame whose statements complete with DONEINPROC, as a procedure's
// do, and whose SET options end with it.
func (s *Session) runDynamic(ctx context.Context, text string, stmts []ast.Statement, out Output) error {
	if s.depth() >= maxNesting { // perm.go: the string runs a level deeper
		return errNestingLimit
	}
	defer s.keepOptions()()
	prev := s.batch
	s.batch = s.callScope(newBatchState(nil, true))
	s.batch.text, s.batch.dynamic, s.batch.qiOff = text, true, !s.Opts.QuotedIdentifier
	if prev != nil {
		s.batch.dynLevel = prev.dynLevel + 1
	} else {
		s.batch.dynLevel = 1
	}
	temps := &tempScope{temps: s.tempTableIDs()} // proctemp.go: its #t go with it
	s.batch.temps = temps
	defer func() {
		s.batch = prev
		s.dropScopeTemps(ctx, temps)
	}()
	defer s.enterText()() // request_statement.go
	_, err := s.runList(ctx, stmts, out)
	if errors.Is(err, errScopeAborted) {
		return nil // a compile error ends the dynamic batch only
	}
	return err // a batch abort ends the caller's batch too
}

// keepDatabase makes a USE in EXEC('…') last only until the dynamic batch
// ends, as SQL Server's database context does: the caller's database is
// current again afterwards (sp_executesql's frame restores it in invoke).
func (s *Session) keepDatabase(out Output) func() {
	caller := s.db
	return func() {
		if s.db == caller || caller == nil {
			return
		}
		inner := s.db
		s.db = caller
		s.databaseRestored(out, inner)
	}
}

// databaseRestored tells the client, which followed a USE's ENVCHANGE inside
// dynamic SQL, that the caller's database is current again. If the caller's
// database was dropped or replaced meanwhile, the inner one stays current.
func (s *Session) databaseRestored(out Output, inner Database) {
	if s.srv.OpenDatabase(s.db.Name()) != s.db {
		s.db = inner
		return
	}
	s.Publish()
	_ = out.DatabaseChanged(s.db.Name(), inner.Name()) // the statement's outcome is the dynamic SQL's
}

// ParseParamDecls parses sp_executesql's parameter declarations
// ("@p1 int, @p2 nvarchar(10) OUTPUT") with the procedure parameter grammar.
// Drivers send the same declarations with every call, so successful parses
// are kept in a process-wide cache (plancache.go): the returned parameters
// are shared and must not be modified (invoke only reads them).
func ParseParamDecls(decls string) ([]*ast.ProcParam, error) {
	if strings.TrimSpace(decls) == "" {
		return nil, nil
	}
	if params, ok := sharedDecls.get(decls); ok {
		return params, nil
	}
	stmts, err := tsql.ParseBatch("CREATE PROCEDURE p__params " + decls + " AS RETURN")
	if err != nil {
		return nil, err
	}
	cp, ok := stmts[0].(*ast.CreateProcStmt)
	if !ok {
		return nil, &Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near '" + decls + "'."}
	}
	sharedDecls.add(decls, cp.Params, len(decls)*astBytesPerChar)
	return cp.Params, nil
}

// ExecuteSQL is sp_executesql: statement text, parameter declarations and
// arguments (RPC parameters or EXEC arguments after the first two).
func (s *Session) ExecuteSQL(ctx context.Context, stmt, decls string, args []*ProcArg, out Output) error {
	params, err := ParseParamDecls(decls)
	if err != nil {
		return err
	}
	if params == nil {
		params = []*ast.ProcParam{}
	}
	err = s.execDynamic(ctx, stmt, params, s.fmtOnlyOut(out, stmt), args...)
	return paramQueryMissing(err, decls, stmt)
}

// ErrParamQueryMissing is sp_executesql's and sp_execute's 201: a declared
// parameter without a value. SQL Server names the query as its
// declarations in parentheses and then its text ("(@P1 int)SELECT @P1"),
// what ADO.NET users see when a parameter's value was left null.
var ErrParamQueryMissing = errorKind{8178, 16, 1, "The parameterized query '%s' expects the parameter '%s', which was not supplied.", AbortStatement}

// queryParamMissing is invoke's error for a parameterized query's
// parameter without a value; its caller, which has the declarations,
// makes it 8178 (paramQueryMissing).
type queryParamMissing struct{ param string }

func (e *queryParamMissing) Error() string {
	return ErrParamQueryMissing.New("", e.param).Message
}

// SQLServerError is 8178's identity, should the error reach a client as is.
func (e *queryParamMissing) SQLServerError() (int32, uint8, uint8) {
	k := ErrParamQueryMissing
	return k.number, k.severity, k.state
}

// paramQueryMissing turns a queryParamMissing into 8178 naming the query.
func paramQueryMissing(err error, decls, stmt string) error {
	if err == nil { // the common case, without errors.As's allocation of e
		return nil
	}
	var e *queryParamMissing
	if !errors.As(err, &e) {
		return err
	}
	return ErrParamQueryMissing.New("("+decls+")"+stmt, e.param)
}

// captureOutput collects result rows instead of sending them (INSERT … EXEC).
type captureOutput struct {
	Output
	rows []Row
}

func (c *captureOutput) Columns([]ResultColumn) error { return nil }
func (c *captureOutput) Row(r Row) error {
	c.rows = append(c.rows, append(Row(nil), r...))
	return nil
}
func (c *captureOutput) Done(Cmd, int64, bool, bool, bool) error { return nil }

// execCapture runs an EXEC and returns the rows of its result sets.
func (s *Session) execCapture(ctx context.Context, st *ast.ExecStmt) ([]Row, error) {
	co := &captureOutput{Output: discardOutput{}}
	if err := s.runExec(ctx, st, co); err != nil {
		return nil, err
	}
	return co.rows, nil
}

// discardOutput drops everything.
type discardOutput struct{}

func (discardOutput) Columns([]ResultColumn) error            { return nil }
func (discardOutput) Row(Row) error                           { return nil }
func (discardOutput) Done(Cmd, int64, bool, bool, bool) error { return nil }
func (discardOutput) Message(*Error) error                    { return nil }
func (discardOutput) Error(error) error                       { return nil }
func (discardOutput) Transaction(TranEvent, uint64) error     { return nil }
func (discardOutput) DatabaseChanged(string, string) error    { return nil }
func (discardOutput) ReturnStatus(int32) error                { return nil }

// prepared is an sp_prepare handle.
type prepared struct {
	params []*ast.ProcParam
	stmts  []ast.Statement
	text   string
	decls  string // the parameter declarations, for 8178
	qiOff  bool   // the QUOTED_IDENTIFIER stmts were read under (OFF when set)
}

// Prepare is sp_prepare: it parses once, under the session's
// QUOTED_IDENTIFIER, and returns a handle.
func (s *Session) Prepare(decls, stmt string) (int32, error) {
	params, err := ParseParamDecls(decls)
	if err != nil {
		return 0, err
	}
	qiOff := !s.Opts.QuotedIdentifier
	pb, err := s.parseAs(stmt, qiOff)
	if err != nil {
		return 0, err
	}
	s.nextHandle++
	if s.prepared == nil {
		s.prepared = map[int32]*prepared{}
	}
	s.prepared[s.nextHandle] = &prepared{params: params, stmts: pb.stmts, text: stmt, decls: decls, qiOff: qiOff}
	return s.nextHandle, nil
}

// ExecutePrepared is sp_execute.
func (s *Session) ExecutePrepared(ctx context.Context, handle int32, args []*ProcArg, out Output) error {
	p := s.prepared[handle]
	if p == nil {
		return &Error{Number: 8179, Severity: 16, State: 2, Message: "Could not find prepared statement with handle " + itoa(int(handle)) + "."}
	}
	stmts := p.stmts
	if qiOff := !s.Opts.QuotedIdentifier; qiOff != p.qiOff {
		// SQL Server compiles it again under the options it now runs
		// under; QUOTED_IDENTIFIER changes how the text reads.
		pb, err := s.parseAs(p.text, qiOff)
		if err != nil {
			return err
		}
		stmts = pb.stmts
	}
	_, err := s.invoke(ctx, "sp_execute", "", p.text, s.db, p.params, stmts, args, s.fmtOnlyOut(out, p.text))
	if errors.Is(err, errBatchAborted) {
		return nil
	}
	return paramQueryMissing(err, p.decls, p.text)
}

// Unprepare is sp_unprepare.
func (s *Session) Unprepare(handle int32) { delete(s.prepared, handle) }
