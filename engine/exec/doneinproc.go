package exec

import "github.com/mirrorsql/mirrorsql/tsql/ast"

// Statements inside a procedure report their completion. With SET NOCOUNT
// OFF, SQL Server sends a DONEINPROC for every statement a procedure body
// executes ([MS-TDS] 2.2.7.7), including those that return nothing: a
// variable assignment, a cursor statement, the condition of an IF or of each
// WHILE iteration (the SET NOCOUNT documentation: NOCOUNT ON "prevents the
// sending of DONEINPROC messages to the client for each statement in a
// stored procedure", which is why it pays off in procedures "that contain
// Transact-SQL loops").
// Message-queue clients count them: go-mssqldb (sqlexp) turns each into a
// result set boundary, and its TestSprocWithCursorNoResult expects 13 of them
// for a two-row cursor loop with PRINT (12 DONEINPROC + the final DONE).
//
// A statement that sent no done token of its own (SELECT, DML, PRINT,
// FETCH without INTO, EXEC and result-returning DBCC and system procedures
// send theirs; a failed statement its DONE(ERROR)) gets this one: DDL of
// every kind, SET, USE, GRANT, transactions, cursor statements, BACKUP,
// CHECKPOINT, DBCC that only prints … The session counts the done tokens
// the executor sends (Session.dones), so no list of statement kinds has to
// follow the executor. A DECLARE without an initial value runs nothing and
// reports nothing. The token carries no row count and does not change
// @@ROWCOUNT.
//
// At the top of a batch the same statements, and each evaluation of an IF
// or WHILE condition, complete with a DONE: [MS-TDS] 2.2.7.6 has "a DONE
// token ... for each SQL statement in the SQL batch except variable
// declarations". SET NOCOUNT ON does not remove these (it removes the
// count; the DONEINPROC it suppresses are a procedure's). CurCmd is 0xB9
// for a SET option, as in a SQL Server trace of five SET statements
// (FreeTDS issue 192: five DONEs, CurCmd 0x00B9 but one 0x00BE), else 0.
// Babelfish's TDS layer sends the same (a DONE with command type unknown for
// every top-level statement but GOTO/RETURN/DECLARE TABLE), and a SQL Server
// trace in r2dbc-mssql's issue 84 shows `IF @@TRANCOUNT > 0 ROLLBACK` as
// DONE(MORE, 0), ENVCHANGE, DONE(0). Clients skip a DONE without count and
// columns: go-mssqldb's Query, FreeTDS, tedious, ODBC (SQLMoreResults);
// go-mssqldb's message queue (sqlexp) reports each as a result set
// boundary, as it would against SQL Server.

// EXEC of a procedure ends as SQL Server ends it (execDone): at the top of
// a batch with the procedure's RETURNSTATUS and a DONEPROC (CurCmd 0xE0,
// [MS-TDS] 2.2.7.8: DONEPROC "is also generated for stored procedures
// executed through SQL statements"), which is the response's final token
// when nothing follows (so go-mssqldb's message queue still sees 13 done
// tokens for its cursor-loop procedure: 12 DONEINPROC and the DONEPROC);
// inside a procedure with a DONEINPROC, like any other statement. Not
// verified against a SQL Server packet trace; Babelfish's TDS layer does
// the same (RETURNSTATUS, then DONEPROC for an EXEC at the top level), and
// FreeTDS's tsql prints the RETURNSTATUS ("(return status = 0)").

// declaresOnly reports whether st is a declaration of variables without
// initial values (table variables included), which completes with no done
// token at all.
func declaresOnly(st ast.Statement) bool {
	d, ok := st.(*ast.DeclareStmt)
	if !ok {
		return false
	}
	for _, v := range d.Vars {
		if v.Value != nil {
			return false
		}
	}
	return true
}

// doneInProc sends the completion of a silent statement or of an IF/WHILE
// condition: a DONEINPROC inside a procedure with SET NOCOUNT OFF, a DONE at
// the top of a batch.
func (s *Session) doneInProc(out Output) error {
	return s.silentDone(out, CmdNone)
}

// silentDone sends doneInProc's token with CurCmd cmd.
func (s *Session) silentDone(out Output, cmd Cmd) error {
	if s.batch == nil || s.batch.inProc && s.Opts.NoCount {
		return nil
	}
	return s.sendDone(out, cmd, 0, false, s.batch.inProc, false)
}

// silentCmd is the CurCmd of a silent statement's completion.
func silentCmd(st ast.Statement) Cmd {
	if _, ok := st.(*ast.SetOptionStmt); ok {
		return CmdSet
	}
	return CmdNone
}

// execDone reports the end of an EXEC of a procedure that returned ret (see
// the comment at the top of this file): inside a procedure a DONEINPROC
// under SET NOCOUNT OFF; at the top of a batch the RETURNSTATUS and a Done
// with CmdExecute outside a procedure, which the session sends as DONEPROC
// (and as DONEINPROC inside an RPC request, where the batch is itself a
// procedure's body).
func (s *Session) execDone(out Output, ret int32) error {
	if s.batch != nil && s.batch.inProc {
		if s.Opts.NoCount {
			return nil
		}
		return s.sendDone(out, CmdExecute, 0, false, true, false)
	}
	if err := out.ReturnStatus(ret); err != nil {
		return err
	}
	return s.sendDone(out, CmdExecute, 0, false, false, false)
}

// dynamicDone ends an EXEC('…') as execDone ends an EXEC of a procedure:
// at the top of a batch with RETURNSTATUS 0 (none when the dynamic batch
// reported an error) and a DONEPROC, inside a procedure with a DONEINPROC.
// Babelfish's TDS layer ends a top-level EXEC of a string the same way
// (StatementEnd_Internal: "For EXEC batch ... we just have to return 0"),
// with the dynamic batch's statements as DONEINPROC below it. It used to
// end with the last inner statement's DONE.
func (s *Session) dynamicDone(out Output, failed bool) error {
	if s.batch != nil && s.batch.inProc || !failed {
		return s.execDone(out, 0)
	}
	return s.sendDone(out, CmdExecute, 0, false, false, false)
}

// sendDone sends a done token and counts it (Session.dones): every done
// token of the executor goes through here.
func (s *Session) sendDone(out Output, cmd Cmd, count int64, hasCount, inProc, failed bool) error {
	s.dones++
	return out.Done(cmd, count, hasCount, inProc, failed)
}
