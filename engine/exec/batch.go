package exec

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// flow is how a statement list ends: normally, or by BREAK/CONTINUE/RETURN.
type flow uint8

const (
	flowNext flow = iota
	flowBreak
	flowContinue
	flowReturn
)

// errBatchAborted stops the rest of a batch after an error that was already
// reported to the client.
var errBatchAborted = errors.New("batch aborted")

// Reported reports whether err only says that the request ended at an error
// already sent to the client (a batch abort: 1205, 245, THROW, XACT_ABORT):
// an RPC's caller marks its DONEPROC with the error and sends nothing more.
func Reported(err error) bool { return errors.Is(err, errBatchAborted) }

// errScopeAborted ends a procedure's or dynamic batch's statements after a
// compile-time error (208 deferred name resolution, 207, 4104…): SQL Server's
// scope-abortion, where the caller goes on with its next statement. It wraps
// errBatchAborted so every statement between the error and the scope's
// boundary (invoke, runDynamic) unwinds as for a batch abort; a runtime
// batch abort (245, THROW, XACT_ABORT) is plain errBatchAborted and ends the
// caller's batch too.
var errScopeAborted = fmt.Errorf("scope aborted: %w", errBatchAborted)

// ExecBatch parses and runs one batch of T-SQL. Errors are reported through out
// as SQL Server reports them; the returned error is only for failures of out
// itself or of the connection (severity 20+).
func (s *Session) ExecBatch(ctx context.Context, text string, out Output) error {
	qiOff := !s.Opts.QuotedIdentifier
	pb, err := s.parseAs(text, qiOff)
	if err != nil {
		return s.reportError(out, err, false)
	}
	// QUOTED_IDENTIFIER is set when the batch is parsed: the last SET
	// QUOTED_IDENTIFIER of a batch the client sent holds for the session
	// afterwards, whether or not it ran (tsql.ParseOptions). While the
	// batch runs, each SET takes effect as it runs, so the statements after
	// it (CREATE INDEX, INSERT, xml methods: quoted_ident_required.go) see
	// the setting they were read under.
	out = s.fmtOnlyOut(out, text) // fmtonly.go
	if pb.refused != nil {
		// Refused when compiled (137, 119 …): nothing in the batch runs.
		err = s.reportError(out, pb.refused, false)
	} else {
		err = s.runBatch(ctx, text, pb.stmts, qiOff, out)
	}
	s.Opts.QuotedIdentifier = !pb.qiOffAt
	return err
}

// parseCacheSize bounds the per-session cache of parsed batches.
const parseCacheSize = 64

// parse parses a batch through the session's cache, read from its start
// under the session's QUOTED_IDENTIFIER (a module's inside one, proc.go).
func (s *Session) parse(text string) ([]ast.Statement, error) {
	pb, err := s.parseAs(text, !s.Opts.QuotedIdentifier)
	return pb.stmts, err
}

// parseAs parses a batch read from its start under QUOTED_IDENTIFIER OFF
// when qiOff, through the session's cache: applications send the same
// statements again and again (sp_executesql, prepared statements), and
// re-parsing them was a visible share of a point lookup. Behind it is the
// process-wide cache of read-only batches (plancache.go), so a new
// connection does not parse what others already did; batches whose AST the
// executor may annotate (SELECT … INTO, DDL) stay private to the session.
// The same text read under the other setting is another batch: each
// setting has its own map.
func (s *Session) parseAs(text string, qiOff bool) (parsedBatch, error) {
	cache := s.parsed
	if qiOff {
		if s.parsedQIOff == nil {
			s.parsedQIOff = map[string]parsedBatch{}
		}
		cache = s.parsedQIOff
	}
	if pb, ok := cache[text]; ok {
		return pb, nil
	}
	pb, err := parseShared(text, qiOff)
	if err != nil {
		return parsedBatch{}, err
	}
	if len(cache) >= parseCacheSize {
		for k := range cache { // evict an arbitrary entry
			delete(cache, k)
			break
		}
	}
	cache[text] = pb
	return pb, nil
}

// runBatch runs parsed statements of text, read under QUOTED_IDENTIFIER
// OFF when qiOff, as one batch.
func (s *Session) runBatch(ctx context.Context, text string, stmts []ast.Statement, qiOff bool, out Output) error {
	prev := s.batch
	bs := batchStateUnder(prev)
	bs.text, bs.qiOff = text, qiOff
	s.batch = bs
	defer func() {
		s.batch = prev
		if prev == nil {
			releaseTopBatch(bs)
		}
	}()
	// Reads outside any statement (a RETURN's expression) end with the batch.
	defer s.endStatementReads(s.statementReads()) // snapshot.go
	var t0 time.Time
	if s.Opts.StatisticsTime {
		t0 = time.Now()
	}
	if st, err := s.precompile(stmts); err != nil {
		// A compile error: nothing in the batch runs (compile.go).
		return s.reportError(out, s.withLine(err, st), false)
	}
	if s.Opts.StatisticsTime {
		if err := out.Message(compileTimeMessage(time.Since(t0))); err != nil {
			return err
		}
	}
	_, err := s.runList(ctx, stmts, out)
	if errors.Is(err, errBatchAborted) {
		err = nil
	}
	if err == nil && s.nest.XactState() < 0 {
		// "When a batch finishes running, the Database Engine
		// automatically rolls back any active uncommittable transactions"
		// (XACT_STATE's page), telling the client so.
		s.rollbackAll(ctx, out)
		err = s.reportError(out, errUncommittableAtEnd.New(), false)
	}
	return err
}

// topBatches keeps the states of the batches clients sent, for the next
// ones (batchStateUnder): that state was the one allocation of a repeated
// `SELECT 1` (issue #2). A pool, not a field of Session, whose size is
// budgeted (idle connections).
var topBatches = sync.Pool{New: func() any { return new(batchState) }}

// batchStateUnder returns a new state for a batch that starts while prev
// runs. A batch the client sent (prev nil) takes a kept one, which
// releaseTopBatch returns when it ends. Nothing keeps a batch's state once
// the batch returns — the procedures, triggers, functions and TRY frames
// that point at it end with it, and what outlives a statement (the
// running text, plans, variables' slots) does not point at it —, so
// another batch may take it over.
func batchStateUnder(prev *batchState) *batchState {
	if prev != nil {
		return newBatchState(nil, false)
	}
	bs := topBatches.Get().(*batchState)
	bs.init(nil, false)
	return bs
}

// releaseTopBatch returns the state of a batch a client sent to the pool,
// cleared so that it keeps no variable, text or cursor alive.
func releaseTopBatch(bs *batchState) {
	*bs = batchState{}
	topBatches.Put(bs)
}

var errUncommittableAtEnd = errorKind{3998, 16, 1, "Uncommittable transaction is detected at the end of the batch. The transaction is rolled back.", AbortBatch}

// EndRPC ends an RPC request (sp_executesql, sp_execute, a procedure
// called by name) as runBatch ends a SQL batch: a transaction left
// uncommittable is rolled back and the client told so with 3998, which
// SQL Server raises at the end of any batch, an RPC's included. It
// reports whether it did.
func (s *Session) EndRPC(ctx context.Context, out Output) (bool, error) {
	if s.nest.XactState() >= 0 {
		return false, nil
	}
	s.rollbackAll(ctx, out)
	return true, s.reportError(out, errUncommittableAtEnd.New(), false)
}

// runList runs statements in order, handling control flow.
func (s *Session) runList(ctx context.Context, stmts []ast.Statement, out Output) (flow, error) {
	if b := s.batch; b != nil && b.body == nil {
		b.body = stmts // the batch's or module's whole text (declareSkipped)
	}
	for i := 0; i < len(stmts); i++ {
		if err := ctx.Err(); err != nil {
			return flowNext, err
		}
		f, err := s.runStatement(ctx, stmts[i], out)
		if j := resumeAt(err, stmts); j >= 0 { // GOTO a label of this list (goto.go)
			i = j
			continue
		}
		if err != nil || f != flowNext {
			return f, err
		}
	}
	return flowNext, nil
}

// runStatement runs one statement, with statement-level atomicity and the
// autocommit transaction when no explicit transaction is open. Errors are
// reported here; what it returns tells the caller whether to go on.
func (s *Session) runStatement(ctx context.Context, st ast.Statement, out Output) (flow, error) {
	s.noteStatement(st) // request_statement.go: sys.dm_exec_requests
	if b := s.batch; b != nil {
		b.cur = st // vars.go: declareSkipped
	}

	if s.compileOnly() { // SET NOEXEC, PARSEONLY, SHOWPLAN_* (noexec.go)
		if handled, err := s.runCompileOnly(ctx, st, out); handled {
			if err != nil {
				return flowNext, s.handleError(ctx, st, err, out)
			}
			return flowNext, nil
		}
	}
	if s.Opts.FmtOnly { // fmtonly.go: control flow is walked, not followed
		switch st := st.(type) {
		case *ast.IfStmt:
			return s.walkIf(ctx, st, out)
		case *ast.WhileStmt:
			return s.walkWhile(ctx, st, out)
		case *ast.BreakStmt, *ast.ContinueStmt, *ast.ReturnStmt, *ast.GotoStmt:
			return flowNext, nil
		}
	}
	switch st := st.(type) {
	case *ast.IfStmt:
		return s.runIf(ctx, st, out)
	case *ast.WhileStmt:
		return s.runWhile(ctx, st, out)
	case *ast.BlockStmt:
		return s.runList(ctx, st.Body, out)
	case *ast.TryCatchStmt:
		return s.runTryCatch(ctx, st, out)
	case *ast.BreakStmt:
		return flowBreak, nil
	case *ast.ContinueStmt:
		return flowContinue, nil
	case *ast.ReturnStmt:
		return s.runReturn(ctx, st, out)
	case *ast.LabelStmt:
		return flowNext, nil
	case *ast.GotoStmt:
		err := s.runGoto(st)
		if !errors.As(err, new(*gotoJump)) {
			err = s.handleError(ctx, st, err, out)
		}
		return flowNext, err
	}
	s.nullEliminated = false // a failed statement's warnings are not sent
	s.dupKeyIgnored = false
	s.arith = arithWarnings{}
	if s.Opts.StatisticsTime { // statstime.go
		defer s.statementTimer()(out)
	}
	if s.Opts.StatisticsIO { // statsio.go; reported before the times, as in SQL Server
		defer s.startIOStats()(out)
	}
	defer s.endStatementReads(s.statementReads()) // snapshot.go: the statement's read points
	sets, dones := s.errSets, s.dones
	restoreNames := s.userNames(st) // ddl_names.go: DDL in a module resolves by the user
	var err error
	if hasQueryStats(st) { // querystats.go
		qs := s.beginQueryStat()
		err = s.atomic(ctx, st, out)
		s.endQueryStat(qs, st)
	} else {
		err = s.atomic(ctx, st, out)
	}
	restoreNames()
	if err == nil && s.Opts.StatisticsXML { // statsxml.go: the actual plan, after the results
		err = s.sendStatisticsXML(st, out)
	}
	if err == nil {
		s.noteStatementRowCount(st) // rowcount_stmt.go
		// After EXEC, @@ERROR is what the last statement the procedure or
		// dynamic batch ran left (the error of a failed BACKUP in
		// sp_executesql, say), as in SQL Server; a call that ran no
		// statement (a system procedure) succeeded: 0.
		if (!runsInnerStatements(st) || s.errSets == sets) && !raiseSetsError(st) {
			s.errNum = 0
		}
		s.errSets++
		if s.dones == dones {
			// SET @v = 1/0, DECLARE @v int = 1/0: no DONE carried the
			// statement's arithmetic warnings (arithabort.go).
			if err := s.flushArithWarnings(out, CmdSet); err != nil {
				return flowNext, err
			}
		}
		if s.dones == dones && !declaresOnly(st) { // doneinproc.go
			return flowNext, s.silentDone(out, silentCmd(st))
		}
		return flowNext, nil
	}
	if errors.Is(err, errBatchAborted) || ctx.Err() != nil {
		return flowNext, err
	}
	// The NULL of 1/0 failing a NOT NULL column: the warning, then 515.
	if werr := s.flushArithWarnings(out, dmlCmd(st)); werr != nil {
		return flowNext, werr
	}
	if !runsInnerStatements(st) {
		s.rowcnt = 0 // a failed statement affected no rows (rowcount_stmt.go)
	}
	return flowNext, s.handleError(ctx, st, err, out)
}

// runsInnerStatements reports whether st runs other statements whose
// @@ERROR outlives it: EXEC and INSERT … EXEC.
func runsInnerStatements(st ast.Statement) bool {
	switch st := st.(type) {
	case *ast.ExecStmt:
		return true
	case *ast.InsertStmt:
		return st.Exec != nil
	}
	return false
}

// atomic runs a simple statement so that it either completes or leaves nothing
// behind, inside the open transaction or its own autocommit transaction.
func (s *Session) atomic(ctx context.Context, st ast.Statement, out Output) error {
	if t, ok := st.(*ast.TransactionStmt); ok {
		if t.Kind == ast.BeginTran && s.Opts.ImplicitTransactions && !s.nest.Active() {
			// BEGIN TRANSACTION is one of the statements that open the
			// implicit transaction, and then nests in it: @@TRANCOUNT 2
			// (SET IMPLICIT_TRANSACTIONS's page).
			s.nest.Begin("")
			s.beginTx(false)
			if err := out.Transaction(TranBegan, s.tx.desc); err != nil {
				return err
			}
		}
		return s.execStatement(ctx, st, out)
	}
	explicit := s.nest.Active()
	if !explicit && s.Opts.ImplicitTransactions && startsImplicitTransaction(st) {
		s.nest.Begin("")
		s.beginTx(false)
		_ = out.Transaction(TranBegan, s.tx.desc)
		explicit = true
	}
	if explicit {
		t := s.beginTx(false)
		if s.nest.XactState() < 0 && writesData(st) {
			return ErrUncommittable.New()
		}
		sp := t.mark()
		err := s.execStatement(ctx, st, out)
		if s.tx != t {
			// The statement itself ended the transaction (COMMIT inside EXEC …).
			return err
		}
		if err != nil {
			t.rollbackTo(sp)
		}
		t.release(sp)
		if err == nil {
			err = s.flushTableVariables(ctx, t)
		}
		s.srv.Locks().ReleaseStatement(t.owner)
		if s.stmtEnd != nil {
			s.runStatementEnd() // stmt_end.go
		}
		return err
	}
	err := s.execStatement(ctx, st, out)
	if s.nest.Active() {
		// The statement began a transaction (BEGIN TRAN inside a procedure).
		if s.stmtEnd != nil {
			s.runStatementEnd()
		}
		return err
	}
	if err != nil {
		s.abortTx()
		if s.stmtEnd != nil {
			s.runStatementEnd()
		}
		return err
	}
	if t := s.tx; t != nil && len(t.dbs) > 0 {
		t0 := time.Now()
		err = s.commitTx(ctx)
		s.commitWaited += time.Since(t0) // querystats.go: not the statement's worker time
	} else {
		// No database joined the transaction (SELECT 1, SET, a variable's
		// assignment): its commit writes and waits for nothing, so there
		// is no wait to time (two clock reads, clock.go).
		err = s.commitTx(ctx)
	}
	if s.stmtEnd != nil {
		s.runStatementEnd()
	}
	return err
}

// startsImplicitTransaction lists the statements that open a transaction under
// SET IMPLICIT_TRANSACTIONS ON.
func startsImplicitTransaction(st ast.Statement) bool {
	switch st := st.(type) {
	case *ast.SelectStmt:
		return selectsFromTable(st)
	case *ast.InsertStmt, *ast.UpdateStmt, *ast.DeleteStmt, *ast.MergeStmt,
		*ast.CreateTableStmt, *ast.DropTableStmt, *ast.AlterTableStmt, *ast.TruncateStmt:
		return true
	}
	return false
}

// selectsFromTable reports whether a SELECT reads a table: one that does
// not (SELECT 1, 'ABC', SELECT GETDATE(), SELECT @v = 1) starts no implicit
// transaction (SET IMPLICIT_TRANSACTIONS's page). A FROM, an INTO or a
// common table expression anywhere in it counts as reading one.
func selectsFromTable(st *ast.SelectStmt) bool {
	reads := false
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectCore:
			reads = reads || len(n.From) > 0 || n.Into != nil
		case *ast.WithClause:
			reads = true
		}
		return !reads
	})
	return reads
}

func writesData(st ast.Statement) bool {
	switch st.(type) {
	case *ast.InsertStmt, *ast.UpdateStmt, *ast.DeleteStmt, *ast.MergeStmt, *ast.CreateTableStmt,
		*ast.DropTableStmt, *ast.AlterTableStmt, *ast.TruncateStmt, *ast.CreateIndexStmt:
		return true
	}
	return false
}

func (s *Session) runIf(ctx context.Context, st *ast.IfStmt, out Output) (flow, error) {
	b, err := s.evalCondition(ctx, st.Cond)
	if err != nil {
		return flowNext, s.handleError(ctx, st, err, out)
	}
	if err := s.doneInProc(out); err != nil {
		return flowNext, err
	}
	if b {
		return s.runStatement(ctx, st.Then, out)
	}
	if st.Else != nil {
		return s.runStatement(ctx, st.Else, out)
	}
	return flowNext, nil
}

func (s *Session) runWhile(ctx context.Context, st *ast.WhileStmt, out Output) (flow, error) {
	for {
		if err := ctx.Err(); err != nil {
			return flowNext, err
		}
		b, err := s.evalCondition(ctx, st.Cond)
		if err != nil {
			return flowNext, s.handleError(ctx, st, err, out)
		}
		if err := s.doneInProc(out); err != nil {
			return flowNext, err
		}
		if !b {
			return flowNext, nil
		}
		f, err := s.runStatement(ctx, st.Body, out)
		if err != nil {
			return flowNext, err
		}
		switch f {
		case flowBreak:
			return flowNext, nil
		case flowReturn:
			return flowReturn, nil
		}
	}
}

// evalCondition evaluates an IF/WHILE condition (no FROM; subqueries allowed).
func (s *Session) evalCondition(ctx context.Context, cond ast.Expr) (bool, error) {
	defer s.endStatementReads(s.statementReads()) // snapshot.go: each evaluation reads anew
	defer s.endFromCost(s.fromCost)               // fromlimit.go: the condition's plan ends here
	c := &compiler{s: s, sc: &scope{}}
	p, err := c.pred(cond)
	if err != nil {
		return false, err
	}
	b, err := p(newEvalCtx(ctx, s), Row{})
	return b.IsTrue(), err
}

// evalScalar evaluates an expression without a row.
func (s *Session) evalScalar(ctx context.Context, e ast.Expr) (valueAndType, error) {
	c := &compiler{s: s, sc: &scope{}}
	x, err := c.expr(e)
	if err != nil {
		return valueAndType{}, err
	}
	v, err := x.eval(newEvalCtx(ctx, s), Row{})
	return valueAndType{v: v, t: x.typ}, err
}

// returnedNull is the warning RETURN NULL in a procedure raises (message 282).
var returnedNull = Error{Number: 282, Severity: 10, State: 1, Message: "The '%s' procedure attempted to return a status of NULL, which is not allowed. A status of 0 will be returned instead."}

func (s *Session) runReturn(ctx context.Context, st *ast.ReturnStmt, out Output) (flow, error) {
	if st.X != nil {
		vt, err := s.evalScalar(ctx, st.X)
		if err != nil {
			return flowNext, s.handleError(ctx, st, err, out)
		}
		if !vt.v.IsNull() {
			s.batch.returnValue = int32(vt.v.Int64())
		} else if s.batch.inProc && s.proc != nil {
			// The RETURN page: a procedure cannot return NULL; SQL Server
			// warns (282, class 10, so an INFO token) and returns 0.
			s.batch.returnValue = 0
			m := returnedNull
			m.Message = fmt.Sprintf(m.Message, s.proc.name)
			m.Line = s.lineOf(st)
			m.Proc = s.messageProc()
			if err := out.Message(&m); err != nil {
				return flowReturn, err
			}
		}
	}
	return flowReturn, s.doneInProc(out) // a procedure's RETURN completes as a statement
}

// tryFrame is an active BEGIN TRY block.
type tryFrame struct {
	err    error
	line   int32
	parent *tryFrame
	// level is the batch or procedure the TRY block belongs to: a name
	// resolution error raised at that same level is not caught.
	level *batchState
}

// uncatchableHere reports errors TRY … CATCH does not catch at the level
// they are raised at: deferred name resolution (208) and the binding errors
// of statements compiled when reached (207, 4104). A TRY in a calling
// batch or procedure catches them.
func uncatchableHere(num int32) bool {
	switch num {
	case 208, 207, 4104:
		return true
	}
	return false
}

var errCaught = errors.New("error caught by TRY")

func (s *Session) tryContext() *tryFrame { return s.curTry }

func (s *Session) runTryCatch(ctx context.Context, st *ast.TryCatchStmt, out Output) (flow, error) {
	tf := &tryFrame{parent: s.curTry, level: s.batch}
	s.curTry = tf
	f, err := s.runList(ctx, st.Try, out)
	s.curTry = tf.parent
	if !errors.Is(err, errCaught) {
		return f, err
	}
	num, sev, state := errorIdentity(tf.err)
	ce := &caughtError{number: num, severity: sev, state: state, message: tf.err.Error(), line: tf.line}
	var e *Error
	if errors.As(tf.err, &e) {
		ce.proc, ce.procSchema = e.Proc, e.procSchema
		if e.Line != 0 {
			ce.line = e.Line
		}
	}
	prev := s.batch.caught
	s.batch.caught = ce
	defer func() { s.batch.caught = prev }()
	return s.runList(ctx, st.Catch, out)
}

// valueAndType is an evaluated expression with its static type.
type valueAndType struct {
	v types.Value
	t types.Type
}

// flushTableVariables applies a finished statement's writes to table variables
// at once: they belong to no transaction, so a later ROLLBACK keeps them.
func (s *Session) flushTableVariables(ctx context.Context, t *Transaction) error {
	for i := 0; i < len(t.dbs); i++ {
		d := t.dbs[i]
		td, ok := d.db.(*tempDatabase)
		if !ok || !td.volatile {
			continue
		}
		if err := td.Commit(ctx, d.writes); err != nil {
			return err
		}
		t.dbs = append(t.dbs[:i], t.dbs[i+1:]...)
		i--
	}
	return nil
}

// EvalValue evaluates an expression without a row (a literal, a
// variable) to its value, for statements the instance runs (CREATE LOGIN
// … SID = 0x…).
func (s *Session) EvalValue(ctx context.Context, e ast.Expr) (types.Value, error) {
	vt, err := s.evalScalar(ctx, e)
	if err != nil {
		return types.Value{}, err
	}
	return vt.v, nil
}

// EvalString evaluates an expression without a row (a variable, a literal, a
// concatenation) to text, for statements the instance runs (BACKUP TO DISK = @p).
func (s *Session) EvalString(ctx context.Context, e ast.Expr) (string, error) {
	vt, err := s.evalScalar(ctx, e)
	if err != nil {
		return "", err
	}
	if vt.v.IsNull() {
		return "", nil
	}
	return asText(vt.v)
}
