package exec

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// execStatement runs one simple (non-control-flow) statement.
func (s *Session) execStatement(ctx context.Context, st ast.Statement, out Output) error {
	if s.Opts.FmtOnly && !runsUnderFmtOnly(st) {
		// SET FMTONLY ON asks for metadata only: a statement that would
		// change data or objects changes nothing; one with an OUTPUT
		// clause describes its result (fmtonly.go).
		return s.fmtOnlyDML(st, out)
	}
	if err := checkTargetHints(st); err != nil { // lockhints.go
		return err
	}
	permDone, err := s.checkStatement(st) // perm_stmt.go
	if err != nil {
		return err
	}
	defer permDone()
	if ev := s.ddlTriggerEvent(st); ev.kind != "" { // ddl_trigger.go
		return s.runFiringDDL(ctx, st, ev, out)
	}
	defer s.endFromCost(s.fromCost) // fromlimit.go
	if s.Opts.Isolation == txn.ReadCommitted && findsTargetRows(st) {
		// Under READ_COMMITTED_SNAPSHOT an UPDATE, DELETE or MERGE still
		// finds its rows among the newest committed ones, as SQL Server's
		// (snapshot.go); the statement point is for reads alone.
		s.latestReads++
		defer func() { s.latestReads-- }()
	}
	switch st := st.(type) {
	case *ast.SelectStmt:
		return s.runSelect(ctx, st, out)
	case *ast.InsertStmt:
		return s.runBound(func() error { return s.runInsert(ctx, st, out) }) // dml_target_lock.go
	case *ast.UpdateStmt:
		return s.runBound(func() error { return s.runUpdate(ctx, st, out) })
	case *ast.DeleteStmt:
		return s.runBound(func() error { return s.runDelete(ctx, st, out) })
	case *ast.TruncateStmt:
		return s.runTruncate(ctx, st, out)
	case *ast.MergeStmt:
		return s.runBound(func() error { return s.runMerge(ctx, st, out) })
	case *ast.BulkInsertStmt:
		return s.runBound(func() error { return s.bulkInsert(ctx, st, out) }) // bulkinsert.go
	case *ast.CreateTableStmt:
		return s.createTable(ctx, st)
	case *ast.DropTableStmt:
		return s.dropTables(ctx, st)
	case *ast.AlterTableStmt:
		return s.alterTable(ctx, st)
	case *ast.TriggerStateStmt:
		return s.runTriggerState(ctx, st) // trigger_state.go
	case *ast.AlterSchemaStmt:
		return s.alterSchemaTransfer(ctx, st) // alter_schema.go
	case *ast.AlterAuthorizationStmt:
		return s.alterAuthorization(ctx, st) // alter_authorization.go
	case *ast.CreateStatisticsStmt:
		return s.createStatistics(ctx, st) // stats_user.go
	case *ast.DropStatisticsStmt:
		return s.dropStatistics(ctx, st)
	case *ast.CreateIndexStmt:
		return s.createIndex(ctx, st)
	case *ast.DropIndexStmt:
		return s.dropIndexes(ctx, st)
	case *ast.CreateViewStmt:
		return s.createView(ctx, st)
	case *ast.CreateProcStmt:
		return s.createProc(ctx, st)
	case *ast.CreateFunctionStmt:
		return s.createFunction(ctx, st)
	case *ast.DropStmt:
		if handled, err := s.partitionStmt(ctx, st, out); handled { // partition_ddl.go
			return err
		}
		if handled, err := s.srv.Admin(ctx, s, st, out); handled {
			return err
		}
		if isModuleDrop(st.Kind) {
			return s.dropModules(ctx, st) // module_ddl.go
		}
		if st.Kind == ast.ObjType {
			return s.dropTypes(ctx, st) // usertype.go
		}
		if st.Kind == ast.ObjUser || st.Kind == ast.ObjRole {
			return s.dropPrincipals(ctx, st) // roles.go
		}
		return s.dropObjects(ctx, st)
	case *ast.CreateSchemaStmt:
		if err := s.createSchema(ctx, st); err != nil {
			return err
		}
		// The schema's elements run in the statement, in order.
		for _, el := range st.Elements {
			if err := s.execStatement(ctx, el, out); err != nil {
				return err
			}
		}
		return nil
	case *ast.CreateUserStmt:
		return s.createUser(ctx, st)
	case *ast.CreateRoleStmt:
		return s.createRole(ctx, st) // roles.go
	case *ast.AlterIndexStmt:
		return s.alterIndex(ctx, st, out) // maintenance.go
	case *ast.UpdateStatisticsStmt:
		return s.updateStatistics(ctx, st)
	case *ast.AlterRoleStmt:
		if !st.Server {
			return s.alterRole(ctx, st)
		}
	case *ast.DeclareStmt:
		return s.runDeclare(ctx, st)
	case *ast.SetVariableStmt:
		return s.runSetVariable(ctx, st)
	case *ast.SetOptionStmt:
		if isSetLanguage(st) {
			return s.setLanguage(ctx, st, out) // language.go
		}
		return s.runSetOption(ctx, st)
	case *ast.PrintStmt:
		return s.runPrint(ctx, st, out)
	case *ast.RaiserrorStmt:
		return s.runRaiserror(ctx, st, out)
	case *ast.ThrowStmt:
		return s.runThrow(ctx, st)
	case *ast.WaitforStmt:
		return s.runWaitfor(ctx, st)
	case *ast.ExecStmt:
		return s.runExec(ctx, st, out)
	case *ast.UseStmt:
		return s.runUse(st, out)
	case *ast.TransactionStmt:
		return s.runTransaction(ctx, st, out)
	case *ast.GotoStmt:
		return ErrNotSupported.New("GOTO")
	case *ast.ExecuteAsStmt:
		return s.runExecuteAs(ctx, st) // perm_execas.go
	case *ast.RevertStmt:
		return s.runRevert(st)
	}
	if handled, err := s.partitionStmt(ctx, st, out); handled { // partition_ddl.go
		return err
	}
	if handled, err := s.moduleStmt(ctx, st, out); handled { // module_ddl.go
		return err
	}
	if handled, err := s.userTypeStmt(ctx, st); handled { // usertype.go
		return err
	}
	if handled, err := s.srv.Admin(ctx, s, st, out); handled {
		return err
	}
	return ErrNotSupported.New(strings.SplitN(st.SQL(), " ", 3)[0] + " " + firstWord(st.SQL(), 1))
}

func firstWord(sql string, i int) string {
	f := strings.Fields(sql)
	if i < len(f) {
		return f[i]
	}
	return ""
}

// done reports a statement's completion with its row count.
func (s *Session) done(out Output, cmd Cmd, n int64, counts bool) error {
	s.rowcnt = n
	if err := s.flushWarnings(out, cmd); err != nil {
		return err
	}
	inProc := s.batch != nil && s.batch.inProc
	return s.sendDone(out, cmd, n, counts && !s.Opts.NoCount, inProc, false)
}

func (s *Session) runSelect(ctx context.Context, st *ast.SelectStmt, out Output) error {
	q := st.Query
	s.batch.maxRecursion = -1
	for _, o := range q.Options {
		if o.Name == "MAXRECURSION" && o.Value != nil {
			if vt, err := s.evalScalar(ctx, o.Value); err == nil {
				if n := vt.v.Int64(); n > 32767 {
					return &Error{Number: 310, Severity: 15, State: 1, Message: fmt.Sprintf("The value %d specified for the MAXRECURSION option exceeds the allowed maximum of 32767.", n)}
				}
				s.batch.maxRecursion = int(vt.v.Int64())
			}
		}
	}
	core, _ := q.Body.(*ast.SelectCore)
	assign := core != nil && len(core.Items) > 0 && core.Items[0].Var != nil
	ic := intoCore(q.Body)
	if q.For != nil && (ic != nil || assign) {
		stmt := "ASSIGNMENT"
		if ic != nil {
			stmt = "SELECT INTO"
		}
		return forClauseNotAllowed(q.For, assign, stmt) // forxml_opts.go
	}
	if ic != nil {
		return s.selectInto(ctx, st, ic, out)
	}
	// SET ROWCOUNT, like TOP, would take sequence values for rows never
	// returned (sequence.go; TOP and OFFSET are refused when the plan is built).
	if s.Opts.RowCount > 0 && core != nil && selectsNextValue(core) {
		return errNextValueRowLimit.New()
	}
	p, bp, err := s.selectPlan(q) // constplan.go, boundplan.go
	if err != nil {
		return err
	}
	defer bp.release()
	if !assign { // SELECT @v = … assigns a value of no collation
		if err := p.checkOutputCollations(); err != nil { // collation_conflict.go
			return err
		}
	}
	if s.Opts.FmtOnly && !assign {
		return s.fmtOnlySelect(out, p) // fmtonly.go: no row is read
	}
	if !assign {
		if cols, row, send, ok := s.constResult(ctx, q, p); ok { // select_const.go
			return s.sendConstResult(out, cols, row, send)
		}
	}
	ec := newEvalCtx(ctx, s)
	it, err := p.open(ec)
	if err != nil {
		// A run-time error while the first rows are computed (an aggregate,
		// a sort): SQL Server has sent the result's COLMETADATA by then.
		if !assign && isRunTimeError(err) {
			if cerr := out.Columns(p.sentColumns()); cerr != nil {
				return cerr
			}
		}
		return err
	}
	defer it.Close()
	if assign {
		return s.assignFromSelect(ec, it, core, p, out)
	}
	if err := out.Columns(p.sentColumns()); err != nil {
		return err
	}
	it = streamRows(it) // constplan.go
	n := int64(0)
	limit := s.Opts.RowCount
	for {
		r, err := it.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			// Rows already sent stay sent. Inside TRY the result set is ended
			// here, so a CATCH block's results are not read as more rows of this
			// one; otherwise the ERROR token and its DONE follow (reportError).
			if s.tryContext() != nil {
				_ = s.sendDone(out, CmdSelect, n, false, s.batch != nil && s.batch.inProc, false)
			}
			return err
		}
		if err := out.Row(r); err != nil {
			return err
		}
		n++
		if limit > 0 && n >= limit {
			break
		}
	}
	return s.done(out, CmdSelect, n, true)
}

// assignFromSelect runs SELECT @a = x, @b = y …: every row assigns, the last wins.
func (s *Session) assignFromSelect(ec *evalCtx, it rowIter, core *ast.SelectCore, p *plan, out Output) error {
	vars := make([]*variable, len(core.Items))
	for i, item := range core.Items {
		if item.Var == nil {
			return &Error{Number: 141, Severity: 15, State: 1, Message: "A SELECT statement that assigns a value to a variable must not be combined with data-retrieval operations."}
		}
		if vars[i] = s.lookupVar(item.Var.Name); vars[i] == nil {
			return ErrMustDeclare.New(item.Var.Name)
		}
	}
	n := int64(0)
	for {
		r, err := it.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		for i, v := range vars {
			val := r[i]
			if op := core.Items[i].Op; op != ast.AssignEq && op != 0 {
				if val, err = compound(op, v.val, val); err != nil {
					return err
				}
			}
			if err := v.assign(val); err != nil {
				return err
			}
		}
		n++
	}
	return s.done(out, CmdSelect, n, true)
}

var compoundOps = map[ast.AssignOp]types.ArithOp{
	ast.AssignAdd: types.OpAdd, ast.AssignSub: types.OpSub, ast.AssignMul: types.OpMul, ast.AssignDiv: types.OpDiv,
	ast.AssignMod: types.OpMod, ast.AssignBitAnd: types.OpBitAnd, ast.AssignBitOr: types.OpBitOr, ast.AssignBitXor: types.OpBitXor,
}

func compound(op ast.AssignOp, cur, v types.Value) (types.Value, error) {
	a, ok := compoundOps[op]
	if !ok {
		return v, nil
	}
	return types.Arith(a, cur, v)
}

func (s *Session) runDeclare(ctx context.Context, st *ast.DeclareStmt) error {
	for _, d := range st.Vars {
		v, err := s.declare(d)
		if err != nil {
			return err
		}
		if d.Value != nil {
			vt, err := s.evalScalar(ctx, d.Value)
			if err != nil {
				return err
			}
			if err := v.assign(vt.v); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Session) runSetVariable(ctx context.Context, st *ast.SetVariableStmt) error {
	if s.isCursorVar(st.Var.Name) { // cursor_describe.go
		return s.assignCursorVar(st) // cursor_assign.go
	}
	v := s.lookupVar(st.Var.Name)
	if v == nil {
		return ErrMustDeclare.New(st.Var.Name)
	}
	vt, err := s.evalScalar(ctx, st.Value)
	if err != nil {
		return err
	}
	val := vt.v
	if st.Op != ast.AssignEq && st.Op != 0 {
		if val, err = compound(st.Op, v.val, val); err != nil {
			return err
		}
	}
	return v.assign(val)
}

func (s *Session) runSetOption(ctx context.Context, st *ast.SetOptionStmt) error {
	for _, opt := range st.Options {
		switch strings.ToUpper(opt) {
		case "NOCOUNT":
			s.Opts.NoCount = st.On
		case "XACT_ABORT":
			s.Opts.XactAbort = st.On
			if s.proc != nil {
				s.proc.xactAbortOff = !st.On // proc.go: triggerXactAbort
			}
		case "ANSI_NULLS", "QUOTED_IDENTIFIER":
			if s.moduleBody() { // a module keeps what it captured (module_sets.go)
				continue
			}
			if strings.EqualFold(opt, "ANSI_NULLS") {
				s.Opts.AnsiNulls = st.On
			} else {
				s.Opts.QuotedIdentifier = st.On
			}
		case "CONCAT_NULL_YIELDS_NULL":
			s.Opts.ConcatNullYieldsNull = st.On
		case "IMPLICIT_TRANSACTIONS":
			s.Opts.ImplicitTransactions = st.On
		case "IDENTITY_INSERT":
			if st.Table == nil {
				continue
			}
			tr, ok, err := s.resolveTable(st.Table)
			if err != nil {
				return err
			}
			if !ok {
				return ErrInvalidObject.New(nameText(st.Table))
			}
			// SQL Server wants ALTER on the table (1088 without it), also
			// inside a procedure: no ownership chain covers it.
			if !s.Sysadmin() {
				if err := s.checkAlter(st.Table, func() error { return errCannotFind(st.Table) }); err != nil {
					return err
				}
			}
			if st.On {
				if tr.t.IdentityColumn() < 0 {
					return &Error{Number: 8106, Severity: 16, State: 1, Message: "Table '" + tr.displayName() + "' does not have the identity property. Cannot perform SET operation."}
				}
				s.Opts.IdentityInsert = identityKey(tr)
			} else if s.Opts.IdentityInsert == identityKey(tr) {
				s.Opts.IdentityInsert = ""
			}
		case "TRANSACTION ISOLATION LEVEL", "TRANSACTION":
			if iso, ok := txn.ParseIsolation(st.Word); ok {
				s.Opts.Isolation = iso
			}
		case "LOCK_TIMEOUT", "ROWCOUNT", "TEXTSIZE", "DATEFIRST", "DEADLOCK_PRIORITY":
			if st.Arg == nil {
				continue
			}
			vt, err := s.evalScalar(ctx, st.Arg)
			if err != nil {
				return err
			}
			n := vt.v.Int64()
			switch strings.ToUpper(opt) {
			case "LOCK_TIMEOUT":
				s.Opts.LockTimeout = int32(n)
			case "ROWCOUNT":
				s.Opts.RowCount = n
			case "TEXTSIZE":
				s.Opts.TextSize = int32(n)
			case "DATEFIRST":
				s.Opts.DateFirst = int(n)
			case "DEADLOCK_PRIORITY":
				s.Opts.DeadlockPriority = int(n)
			}
		case "DATEFORMAT":
			word := st.Word
			if st.Arg != nil {
				if vt, err := s.evalScalar(ctx, st.Arg); err == nil {
					word = vt.v.Str()
				}
			}
			if df, ok := types.ParseDateFormat(word); ok {
				s.Opts.DateFormat = df
			}
		case "FMTONLY":
			if st.Kind == ast.SetOnOff {
				s.Opts.FmtOnly = st.On
			}
		case "STATISTICS TIME", "TIME": // SET STATISTICS IO, TIME ON names TIME alone
			if st.Kind == ast.SetOnOff {
				s.Opts.StatisticsTime = st.On
			}
		case "STATISTICS IO", "IO":
			if st.Kind == ast.SetOnOff {
				s.Opts.StatisticsIO = st.On
			}
		case "STATISTICS XML", "XML":
			if st.Kind == ast.SetOnOff {
				s.Opts.StatisticsXML = st.On
			}
		case "NOEXEC", "PARSEONLY", "SHOWPLAN_TEXT", "SHOWPLAN_ALL", "SHOWPLAN_XML":
			if st.Kind == ast.SetOnOff {
				s.setCompileOnly(opt, st.On) // noexec.go
			}
		case "CONTEXT_INFO":
			if err := s.setContextInfo(ctx, st.Arg); err != nil { // sessioncontext.go
				return err
			}
		default:
			if bit, ok := optionBit[strings.ToUpper(opt)]; ok && st.Kind == ast.SetOnOff {
				if bit == ansiNullDfltOn || bit == ansiNullDfltOff {
					s.setAnsiNullDflt(bit, st.On) // ansi_null_default.go
				} else if st.On {
					s.Opts.Flags |= bit
				} else {
					s.Opts.Flags &^= bit
				}
			}
			// Other options (STATISTICS …) are accepted and ignored.
		}
	}
	return nil
}

func identityKey(tr *tableRef) string {
	return strconv.FormatInt(int64(tr.db.ID()), 10) + "." + strconv.FormatInt(int64(tr.t.ID), 10)
}

func (s *Session) runWaitfor(ctx context.Context, st *ast.WaitforStmt) error {
	vt, err := s.evalScalar(ctx, st.X)
	if err != nil {
		return err
	}
	t, err := types.Convert(vt.v, types.TypeDateTime, 0)
	if err != nil {
		if vt.v.TypeID().IsString() {
			// A string that is no time of day is WAITFOR's own error.
			return &Error{Number: 148, Severity: 15, State: 1, Message: "Incorrect time syntax in time string '" + vt.v.Str() + "' used with WAITFOR."}
		}
		return err
	}
	tm := t.Time()
	var d time.Duration
	if st.Delay {
		d = time.Duration(tm.Hour())*time.Hour + time.Duration(tm.Minute())*time.Minute +
			time.Duration(tm.Second())*time.Second + time.Duration(tm.Nanosecond())
	} else {
		now := time.Now()
		at := time.Date(now.Year(), now.Month(), now.Day(), tm.Hour(), tm.Minute(), tm.Second(), tm.Nanosecond(), now.Location())
		if at.Before(now) {
			at = at.Add(24 * time.Hour)
		}
		d = time.Until(at)
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// suspectUnopened reports whether name is a database the server knows but
// could not open because its recovery failed (SUSPECT): USE of it is 926, not
// 911. Only asked on USE's failure path.
func (s *Session) suspectUnopened(name string) bool {
	for _, d := range s.srv.DatabaseList() {
		if d.Open == nil && d.State == "SUSPECT" && d.Entry != nil && strings.EqualFold(d.Entry.Name, name) {
			return true
		}
	}
	return false
}

func (s *Session) runUse(st *ast.UseStmt, out Output) error {
	db := s.srv.OpenDatabase(st.Database.Name)
	if db == nil && s.suspectUnopened(st.Database.Name) {
		return &Error{Number: 926, Severity: 14, State: 1, Message: "Database '" + st.Database.Name + "' cannot be opened. It has been marked SUSPECT by recovery. See the SQL Server errorlog for more information.", Abort: AbortBatch}
	}
	if db == nil {
		return &Error{Number: 911, Severity: 16, State: 1, Message: "Database '" + st.Database.Name + "' does not exist. Make sure that the name is entered correctly.", Abort: AbortBatch}
	}
	if err := db.CheckAccess(); err != nil {
		return err
	}
	if err := s.CheckDatabaseAccess(db); err != nil { // perm.go
		return err
	}
	old := s.db.Name()
	if err := s.enterDatabase(db, func() { s.db = db; s.Publish() }); err != nil { // useraccess.go
		return err
	}
	return out.DatabaseChanged(db.Name(), old)
}

// evalScalars evaluates several row-less expressions in order.
func (s *Session) evalScalars(ctx context.Context, es ...ast.Expr) ([]valueAndType, error) {
	out := make([]valueAndType, len(es))
	for i, e := range es {
		vt, err := s.evalScalar(ctx, e)
		if err != nil {
			return nil, err
		}
		out[i] = vt
	}
	return out, nil
}
