// Package session serves TDS connections with the engine: it implements
// tds.Handler, turning logins into engine sessions and TDS requests (SQL
// batches, RPCs, transaction-manager requests) into executor calls, and the
// executor's output into TDS tokens. It is the only engine package that imports
// tds, so neither side knows the other's types.
package session

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tds"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Handler authenticates TDS logins against an instance.
type Handler struct {
	Inst *engine.Instance
	// Logger receives what SQL Server writes to its error log about
	// sessions: a failed login with its reason (nil: slog.Default()).
	Logger *slog.Logger
	// PartnerInstance, when set, names the failover partner of a mirrored
	// database for the ENVCHANGE 13 sent at login ("" when none).
	PartnerInstance func(db string) string
}

var _ tds.Handler = (*Handler)(nil)

// loginError is a login failure with SQL Server's identity.
type loginError struct {
	number   int32
	severity uint8
	state    uint8
	msg      string
}

func (e *loginError) Error() string { return e.msg }
func (e *loginError) SQLServerError() (int32, uint8, uint8) {
	return e.number, e.severity, e.state
}

// SQLServerLine is 1: SQL Server reports login errors at line 1 (sqlcmd
// prints "Msg 18456, Level 14, State 1, Server S, Line 1").
func (e *loginError) SQLServerLine() int32 { return 1 }

// asLoginErrors gives the errors in err (joined ones each) the identity of
// a login error, at line 1, as SQL Server sends 4060 and 924 at login.
func asLoginErrors(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, asLoginErrors(e))
		}
		return errors.Join(out...)
	}
	var se interface {
		error
		SQLServerError() (int32, uint8, uint8)
	}
	if errors.As(err, &se) {
		n, sev, st := se.SQLServerError()
		return &loginError{n, sev, st, se.Error()}
	}
	return err
}

// Login implements tds.Handler.
func (h *Handler) Login(ctx context.Context, req *tds.LoginRequest) (tds.Session, error) {
	login, ok := h.Inst.Authenticate(req.UserName, req.Password)
	if !ok {
		h.logLoginFailed(req)
		return nil, errLoginFailed(req.UserName)
	}
	if !h.Inst.MayConnect(login) { // DENY CONNECT SQL, or its grant revoked
		h.logLoginRefused(req, 12, "Login-based server access validation failed with an infrastructure error. Check for previous errors.")
		return nil, errLoginFailed(req.UserName)
	}
	dbName := req.Database
	if dbName == "" {
		dbName = login.DefaultDB
	}
	if dbName == "" {
		dbName = "master"
	}
	info := exec.SessionInfo{ConnInfo: exec.ConnInfo{Host: req.HostName, Program: req.AppName, ClientPID: req.ClientPID, Protocol: req.TDSVersion, Encrypted: req.Encryption == tds.ModeOn || req.Encryption == tds.ModeStrict}}
	if req.RemoteAddr != nil {
		info.ClientAddr = hostOf(req.RemoteAddr.String())
	}
	if req.LocalAddr != nil {
		info.LocalAddr = hostOf(req.LocalAddr.String())
	}
	es, err := h.Inst.NewSession(login.Name, dbName, info)
	if err != nil {
		// SQL Server answers a refused database (NewSession's 4060, after
		// 924 for a single-user one) with 18456 after it, in one response.
		return nil, errors.Join(asLoginErrors(err), errLoginFailed(req.UserName))
	}
	es.StartOptions(exec.LoginOptions(req.ODBC())) // ANSI options ON only for ODBC-style clients
	s := &session{h: h, es: es, disconnect: req.Disconnect}
	if req.ChangePassword != "" {
		if err := s.changePassword(ctx, login.Name, req.Password, req.ChangePassword); err != nil {
			h.Inst.EndSession(es)
			return nil, err
		}
	}
	h.Inst.RegisterKiller(es.SPID, s.kill)
	return s, nil
}

// logLoginFailed writes SQL Server's error log entry for a refused login:
// the client only ever gets state 1, the log says why, with the state SQL
// Server gives that reason (5 no such login, 7 disabled, 8 wrong password).
func (h *Handler) logLoginFailed(req *tds.LoginRequest) {
	state, reason := 8, "Password did not match that for the login provided."
	switch l := h.Inst.Server().Login(req.UserName); {
	case l == nil:
		state, reason = 5, "Could not find a login matching the name provided."
	case l.Disabled:
		state, reason = 7, "The account is disabled."
	}
	h.logLoginRefused(req, state, reason)
}

// logLoginRefused writes the error log entry of a refused login with the
// state and reason SQL Server gives.
func (h *Handler) logLoginRefused(req *tds.LoginRequest, state int, reason string) {
	client := ""
	if req.RemoteAddr != nil {
		client = " [CLIENT: " + hostOf(req.RemoteAddr.String()) + "]"
	}
	logger := h.Logger
	if logger == nil {
		logger = slog.Default()
	}
	logger.Info(fmt.Sprintf("Login failed for user '%s'. Reason: %s%s", req.UserName, reason, client),
		"error", 18456, "severity", 14, "state", state)
}

// errLoginFailed is 18456, the error that ends every failed login.
func errLoginFailed(user string) error {
	return &loginError{18456, 14, 1, fmt.Sprintf("Login failed for user '%s'.", user)}
}

func hostOf(addr string) string {
	if i := strings.LastIndex(addr, ":"); i > 0 {
		return strings.Trim(addr[:i], "[]")
	}
	return addr
}

// session is one connection's engine session.
type session struct {
	h      *Handler
	es     *exec.Session
	killed atomic.Bool
	// disconnect ends the client connection (tds.LoginRequest.Disconnect); safe
	// from any goroutine.
	disconnect func()
	// bulk is the INSERT BULK target awaiting its BULKLOAD message (bulk.go).
	bulk *bulkTarget
	// out is the output of the running request, reused (output.reset).
	out output
	// cursors are the session's API server cursors (apicursor.go).
	cursors apiCursors
	// deferred holds the store writes of the request's commits, started once
	// its response is sent (AfterResponse; engine.DeferredApply).
	deferred engine.DeferredApply
	// argv and args are the arguments of the running sp_executesql or
	// sp_execute call, and the pointers to them, reused (rpcArgs).
	argv []exec.ProcArg
	args []*exec.ProcArg
}

var _ tds.ResponseFollower = (*session)(nil)

// AfterResponse implements tds.ResponseFollower: the store writes of the
// commits the response acknowledged start now, while the client reads it
// (engine.DeferredApply).
func (s *session) AfterResponse() { s.deferred.Start() }

var _ tds.BaseContexter = (*session)(nil)

// BaseContext implements tds.BaseContexter: every request's context carries
// the session's DeferredApply, so Batch, RPC, Transaction and BulkLoad find
// it there instead of adding it to each request's context.
func (s *session) BaseContext() context.Context {
	return engine.WithDeferredApply(context.Background(), &s.deferred)
}

// output returns the session's output, reset for a request written to w.
func (s *session) output(w tds.ResultWriter, rpc bool) *output {
	s.out.reset(w, s.es, rpc)
	return &s.out
}

// kill marks the session killed and drops its connection (KILL, failover).
func (s *session) kill() {
	s.killed.Store(true)
	if s.disconnect != nil {
		s.disconnect()
	}
}

// LoginInfo implements tds.Session.
func (s *session) LoginInfo() tds.LoginAck {
	ack := tds.LoginAck{Database: s.es.Database().Name(), SPID: uint16(s.es.SPID)}
	if s.h.PartnerInstance != nil {
		ack.MirrorPartner = s.h.PartnerInstance(ack.Database)
	}
	return ack
}

// Close implements tds.Session.
func (s *session) Close() {
	s.deferred.Start()
	s.h.Inst.UnregisterKiller(s.es.SPID)
	s.h.Inst.EndSession(s.es)
}

var errKilled = &exec.Error{Number: 596, Severity: 21, State: 1, Message: "Cannot continue the execution because the session is in the kill state."}

// reset restores a pooled connection's session when the request asks it
// (RESETCONNECTION), then checks that the session may go on. A reset the
// login database refuses (4060) fails the request.
func (s *session) reset(ctx context.Context, reset bool, out *output, w tds.ResultWriter) error {
	if reset {
		err := s.es.Reset(ctx, out)
		s.cursors = apiCursors{} // a pooled connection's cursors end with it
		_ = w.EnvChange(tds.EnvChangeResetAck())
		if err != nil {
			return err
		}
	}
	return s.check()
}

// check ends a request on a database that became unusable (failover:
// the old principal's clients are disconnected).
func (s *session) check() error {
	if s.killed.Load() {
		return errKilled
	}
	if err := s.es.Database().CheckAccess(); err != nil {
		return err
	}
	return nil
}

// Batch implements tds.Session.
func (s *session) Batch(ctx context.Context, req *tds.BatchRequest, w tds.ResultWriter) error {
	ctx = engine.EnsureDeferredApply(ctx, &s.deferred)
	defer s.es.Publish() // for sys.dm_exec_sessions and the in-use checks
	out := s.output(w, false)
	if err := s.reset(ctx, req.Reset, out, w); err != nil {
		return err
	}
	if bt, ok, err := parseInsertBulk(req.Text); ok {
		if err != nil {
			return err
		}
		return s.insertBulk(bt, w)
	}
	s.es.BeginRequest(req.Text) // sys.dm_exec_requests
	err := s.es.ExecBatch(ctx, req.Text, out)
	s.es.EndRequest()
	if err = s.finish(ctx, err); err != nil {
		return err
	}
	// A batch always ends with DONE: errors reported inside procedures
	// (DONEINPROC) attach to it, as go-mssqldb expects. When the last
	// statement's DONE is the last token, it is that final DONE, as in
	// SQL Server's `SELECT 1` answer (COLMETADATA, ROW, DONE): one token
	// less for every client to parse.
	if out.endsWithDone {
		return nil
	}
	return w.Done(tds.Done, 0, 0, 0)
}

// finish maps what the executor returned for the request to the TDS answer.
func (s *session) finish(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		// Attention: the transaction, if any, is left as it is (SQL Server keeps
		// it open unless XACT_ABORT is on).
		return ctx.Err()
	}
	return err
}

// RPC implements tds.Session.
func (s *session) RPC(ctx context.Context, req *tds.RPCRequest, w tds.ResultWriter) error {
	ctx = engine.EnsureDeferredApply(ctx, &s.deferred)
	defer s.es.Publish() // for sys.dm_exec_sessions and the in-use checks
	out := s.output(w, true)
	if err := s.reset(ctx, req.Reset, out, w); err != nil {
		return err
	}
	argv, args := s.rpcArgs(req)
	defer clear(argv) // the values are the request's; hold none past it
	for _, p := range req.Params {
		if tv, ok := p.Value.(*tds.TVP); ok { // tvp.go
			ta, err := tableArg(tv)
			if err != nil {
				return &exec.Error{Number: 8016, Severity: 16, State: 1, Message: fmt.Sprintf("The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect. Parameter %d (\"%s\"): %v.", len(args)+1, p.Name, err)}
			}
			a := &argv[len(args)]
			*a = exec.ProcArg{Name: p.Name, Table: ta}
			args = append(args, a)
			continue
		}
		v, t, err := paramValue(p)
		if err != nil {
			return &exec.Error{Number: 8016, Severity: 16, State: 1, Message: fmt.Sprintf("The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect. Parameter %d (\"%s\"): %v.", len(args)+1, p.Name, err)}
		}
		a := &argv[len(args)]
		*a = exec.ProcArg{Name: p.Name, Value: v, Type: t, Output: p.Output(), Default: p.Status&tds.ParamDefault != 0}
		args = append(args, a)
	}
	var ret int32
	var err error
	s.es.BeginRequest(rpcText(req, args)) // sys.dm_exec_requests
	defer s.es.EndRequest()
	switch {
	case req.IsProc(tds.ProcExecuteSQL):
		if len(args) == 0 {
			return &exec.Error{Number: 201, Severity: 16, State: 4, Message: "Procedure or function 'sp_executesql' expects parameter '@statement', which was not supplied."}
		}
		stmt := exec.ArgString(args, 0, "@statement")
		decls := ""
		rest := args[1:]
		if len(args) > 1 && (args[1].Name == "" || strings.EqualFold(args[1].Name, "@params")) {
			decls = exec.ArgString(args, 1, "@params")
			rest = args[2:]
		}
		err = s.es.ExecuteSQL(ctx, stmt, decls, rest, out)
		args = rest
	case req.IsProc(tds.ProcPrepare), req.IsProc(tds.ProcPrepExec):
		decls, stmt := exec.ArgString(args, 1, "@params"), exec.ArgString(args, 2, "@stmt")
		var h int32
		if h, err = s.es.Prepare(decls, stmt); err == nil {
			args[0].Result = types.NewInt(h)
			if req.IsProc(tds.ProcPrepExec) {
				err = s.es.ExecutePrepared(ctx, h, args[3:], out)
			}
		}
	case req.IsProc(tds.ProcExecute):
		if len(args) == 0 {
			return &exec.Error{Number: 8179, Severity: 16, State: 2, Message: "Could not find prepared statement with handle 0."}
		}
		h, _ := exec.ArgInt(args, 0, "@handle")
		err = s.es.ExecutePrepared(ctx, int32(h), args[1:], out)
		args = args[1:]
	case req.IsProc(tds.ProcUnprepare):
		h, _ := exec.ArgInt(args, 0, "@handle")
		s.es.Unprepare(int32(h))
	case isCursorProc(req):
		ret, err = s.cursorRPC(ctx, req, args, out) // apicursor.go
	default:
		name := req.Name()
		n, perr := procName(name)
		if perr != nil {
			return perr
		}
		ret, err = s.es.CallProcedure(ctx, n, args, out)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// A batch abort inside the call (1205, 245, THROW, XACT_ABORT) was
		// reported where it happened: sending it again showed clients a
		// second error, "batch aborted" (50000), which go-mssqldb returns
		// as the request's error, so a retry on 1205 never saw its 1205.
		if !exec.Reported(err) {
			if rerr := out.Error(err); rerr != nil {
				return rerr
			}
		}
	}
	// A transaction the call left uncommittable ends with the request, as
	// with a SQL batch (3998).
	if doomed, rerr := s.es.EndRPC(ctx, out); rerr != nil {
		return rerr
	} else if doomed && err == nil {
		err = errDoomedAtEnd
	}
	// RETURNSTATUS, then a RETURNVALUE per output parameter, then DONEPROC:
	// FreeTDS's Client-Library (DBD::Sybase) reports the return status of
	// an RPC only when RETURNVALUE follows it, as SQL Server sends them.
	if err := w.ReturnStatus(ret); err != nil {
		return err
	}
	for i, a := range args {
		if !a.Output {
			continue
		}
		// The value goes back in the type the caller declared for it.
		t := a.Type
		res := a.Result
		if !res.IsNull() && res.TypeID() != t.ID {
			if cv, err := types.ImplicitConvert(res, t); err == nil {
				res = cv
			} else {
				t = types.Type{ID: res.TypeID(), Length: t.Length, Precision: res.Precision(), Scale: res.Scale()}
			}
		}
		val, err := wireValue(res)
		if err != nil {
			return err
		}
		if err := w.ReturnValue(tds.ReturnValue{Ordinal: uint16(i), Name: a.Name, Status: tds.ReturnOutputParam, Type: typeInfo(t), Value: val}); err != nil {
			return err
		}
	}
	status := uint16(0)
	if err != nil {
		status = tds.DoneError
	}
	return w.Done(tds.DoneProc, status, 0, 0)
}

// rpcArgs returns the storage for req's arguments: argv for the arguments
// and args, empty, for the pointers to them. The parameterized calls
// drivers repeat — sp_executesql, sp_execute, sp_prepexec — use the
// session's, which exec keeps nothing of once the call returns (it binds
// the values to the call's variables); any other call gets its own, two
// allocations rather than one per parameter. Reusing them was two of the
// allocations of every parameterized request (issues #2 and #5).
func (s *session) rpcArgs(req *tds.RPCRequest) ([]exec.ProcArg, []*exec.ProcArg) {
	n := len(req.Params)
	if !req.IsProc(tds.ProcExecuteSQL) && !req.IsProc(tds.ProcExecute) && !req.IsProc(tds.ProcPrepExec) {
		return make([]exec.ProcArg, n), make([]*exec.ProcArg, 0, n)
	}
	if cap(s.argv) < n {
		s.argv = make([]exec.ProcArg, n)
		s.args = make([]*exec.ProcArg, 0, n)
	}
	return s.argv[:n], s.args[:0]
}

// errDoomedAtEnd marks an RPC whose transaction EndRPC rolled back: its
// DONEPROC carries DONE_ERROR.
var errDoomedAtEnd = errors.New("uncommittable transaction at the end of the request")

// procName parses an RPC's procedure name. Empty leading parts name the
// current database and default schema: FreeTDS's SQLProcedures calls
// "..sp_stored_procedures", which SQL Server accepts.
func procName(text string) (*ast.Name, error) {
	e, err := tsql.ParseExpr(strings.TrimLeft(text, "."))
	if err != nil {
		return nil, err
	}
	if cr, ok := e.(*ast.ColumnRef); ok {
		return cr.Name, nil
	}
	return nil, &exec.Error{Number: 2812, Severity: 16, State: 62, Message: "Could not find stored procedure '" + text + "'."}
}

// Transaction implements tds.Session (database/sql BeginTx, Commit, Rollback).
func (s *session) Transaction(ctx context.Context, req *tds.TMRequest, w tds.ResultWriter) error {
	ctx = engine.EnsureDeferredApply(ctx, &s.deferred)
	defer s.es.Publish() // for sys.dm_exec_sessions and the in-use checks
	out := s.output(w, false)
	if err := s.reset(ctx, req.Reset, out, w); err != nil {
		return err
	}
	switch req.Type {
	case tds.TMBeginXact:
		if req.Isolation != 0 {
			s.es.Opts.Isolation = txn.Isolation(req.Isolation)
		}
		return s.es.BeginTransaction(req.Name, out)
	case tds.TMCommitXact:
		if err := s.es.CommitTransaction(ctx, out); err != nil {
			return err
		}
		if req.BeginNew {
			return s.es.BeginTransaction(req.NewName, out)
		}
		return nil
	case tds.TMRollbackXact:
		if err := s.es.RollbackTransaction(ctx, req.Name, out); err != nil {
			return err
		}
		if req.BeginNew {
			return s.es.BeginTransaction(req.NewName, out)
		}
		return nil
	case tds.TMSaveXact:
		return s.es.ExecBatch(ctx, "SAVE TRANSACTION "+quoteName(req.Name), out)
	}
	return &exec.Error{Number: 8009, Severity: 16, State: 1, Message: "The transaction manager request is not supported."}
}

func quoteName(s string) string { return "[" + strings.ReplaceAll(s, "]", "]]") + "]" }

// rpcText is how sys.dm_exec_sql_text shows an RPC: the statement of
// sp_executesql and sp_prepexec, else the procedure called.
func rpcText(req *tds.RPCRequest, args []*exec.ProcArg) string {
	switch {
	case req.IsProc(tds.ProcExecuteSQL):
		return exec.ArgString(args, 0, "@statement")
	case req.IsProc(tds.ProcPrepExec), req.IsProc(tds.ProcPrepare):
		return exec.ArgString(args, 2, "@stmt")
	}
	return req.Name()
}
