package exec

import (
	"context"
	"errors"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SET FMTONLY ON asks for the format of the response without running the
// query: "No rows are processed or sent to the client" (SET FMTONLY, SQL
// Server documentation). Tools that learn a statement's or a procedure's
// columns so (SSIS and SSRS data sources, Crystal Reports, older OLE DB and
// ADO code, go-mssqldb's CopyIn) send `SET FMTONLY ON <statement> SET
// FMTONLY OFF` and must change nothing. While it is on:
//
//   - a SELECT (FOR XML and FOR JSON ones too) sends its COLMETADATA and a
//     DONE without a row count, its plan built but never opened
//     (fmtOnlySelect); so does the OUTPUT clause of an INSERT, UPDATE,
//     DELETE or MERGE, the statement itself not run (fmtOnlyDML); other
//     result sets (procedures', DBCC's) are produced and fmtOnlyOutput
//     drops their rows and counts;
//   - statements that change data or objects do not run (runsUnderFmtOnly):
//     INSERT, UPDATE, DELETE, MERGE, TRUNCATE, SELECT … INTO, BULK INSERT,
//     every CREATE/ALTER/DROP — a #table created under FMTONLY does not
//     exist afterwards, so a later SELECT from it fails with 208, SQL
//     Server's well-known "Invalid object name '#t'" of SSIS data sources —,
//     cursors, WAITFOR, BACKUP, DBCC …; declarations, SET, PRINT, RAISERROR,
//     transactions and EXEC do run, so a procedure's or a dynamic batch's
//     SELECTs report their metadata;
//   - control flow is walked, not followed, as SQL Server does: both
//     branches of an IF run whatever the condition, a WHILE's body runs once,
//     BREAK, CONTINUE, RETURN and GOTO are passed over. A procedure therefore
//     reports the metadata of every SELECT it may return, and the common
//     `IF 1 = 0 SET FMTONLY OFF` in procedures written for such tools turns
//     FMTONLY off as on SQL Server;
//   - system procedures implemented here run only when they only read
//     (fmtOnlySafeProc), their rows dropped.
//
// The option applies to batches and to RPC requests (sp_executesql,
// prepared statements, procedures called by name) alike: each entry point
// wraps its Output with fmtOnlyOut.

// fmtOnlyOutput drops rows and DONE row counts while FMTONLY is on. The flag
// is read per call, so `SET FMTONLY ON; SELECT …; SET FMTONLY OFF` in one
// batch works.
type fmtOnlyOutput struct {
	Output
	s *Session
}

// Row drops r while FMTONLY is on.
func (o fmtOnlyOutput) Row(r Row) error {
	if o.s.Opts.FmtOnly {
		return nil
	}
	return o.Output.Row(r)
}

// Done sends a statement's completion without its count while FMTONLY is
// on: no rows were processed.
func (o fmtOnlyOutput) Done(cmd Cmd, count int64, hasCount bool, inProc bool, failed bool) error {
	if o.s.Opts.FmtOnly {
		count, hasCount = 0, false
	}
	return o.Output.Done(cmd, count, hasCount, inProc, failed)
}

// fmtOnlyOut wraps out for a request that starts under FMTONLY or whose
// text may turn it on; other requests keep the row path one interface call.
func (s *Session) fmtOnlyOut(out Output, text string) Output {
	if _, ok := out.(fmtOnlyOutput); ok {
		return out
	}
	if s.Opts.FmtOnly || hasFmtOnly(text) {
		return fmtOnlyOutput{Output: out, s: s}
	}
	return out
}

// runsUnderFmtOnly reports the statements that run while FMTONLY is on;
// every other one is skipped and completes with an empty DONE.
func runsUnderFmtOnly(st ast.Statement) bool {
	switch st := st.(type) {
	case *ast.SelectStmt:
		return st.Query == nil || !selectsInto(st)
	case *ast.DeclareStmt, *ast.SetVariableStmt, *ast.SetOptionStmt, *ast.PrintStmt,
		*ast.RaiserrorStmt, *ast.ThrowStmt, *ast.ExecStmt, *ast.UseStmt,
		*ast.TransactionStmt, *ast.ExecuteAsStmt, *ast.RevertStmt:
		return true
	}
	return false
}

// fmtOnlySafeProc reports the system procedures that run under FMTONLY:
// sp_executesql (its statements are walked like a batch's) and those that
// only return result sets. Others (sp_rename, sp_configure, sp_addlogin …)
// change something and are skipped, as their data changes would be in SQL
// Server, where they are T-SQL procedures.
func fmtOnlySafeProc(name string) bool {
	if strings.HasPrefix(name, "sp_help") || strings.HasPrefix(name, "sp_describe_") {
		return true
	}
	switch name {
	case "sp_executesql", "sp_tables", "sp_columns", "sp_columns_100", "sp_who", "sp_who2",
		"sp_databases", "sp_server_info", "sp_stored_procedures", "sp_sproc_columns",
		"sp_sproc_columns_100", "sp_pkeys", "sp_fkeys", "sp_statistics", "sp_statistics_100",
		"sp_special_columns", "sp_special_columns_100", "sp_datatype_info",
		"sp_datatype_info_100", "sp_table_privileges", "sp_column_privileges",
		"sp_spaceused", "sp_lock", "sp_dbmmonitorresults", "sp_tables_ex":
		return true
	}
	return false
}

// fmtOnlySelect answers a SELECT under FMTONLY with its columns and an
// empty DONE, its plan never opened: no row is read, so a query over a big
// table answers at once and an expression that would fail on some row
// (1/0) does not.
func (s *Session) fmtOnlySelect(out Output, p *plan) error {
	if err := out.Columns(p.resultColumns()); err != nil {
		return err
	}
	return s.done(out, CmdSelect, 0, true)
}

// fmtOnlyDML answers a data-changing statement skipped under FMTONLY: one
// whose OUTPUT clause returns rows to the client (no INTO) sends the
// clause's columns and an empty DONE, as SQL Server describes it; nothing
// is read or changed. An OUTPUT clause that reads a FROM or MERGE source
// (which is not bound here) sends nothing, as any other skipped statement.
func (s *Session) fmtOnlyDML(st ast.Statement, out Output) error {
	var target ast.TableExpr
	var oc *ast.OutputClause
	var kind string
	var cmd Cmd
	switch st := st.(type) {
	case *ast.InsertStmt:
		target, oc, kind, cmd = st.Target, st.Output, "INSERT", CmdInsert
	case *ast.UpdateStmt:
		target, oc, kind, cmd = st.Target, st.Output, "UPDATE", CmdUpdate
	case *ast.DeleteStmt:
		target, oc, kind, cmd = st.Target, st.Output, "DELETE", CmdDelete
	case *ast.MergeStmt:
		target, oc, kind, cmd = st.Target, st.Output, "MERGE", CmdMerge
	}
	if oc == nil || oc.Into != nil && oc.Then == nil {
		return nil
	}
	tr, _, err := s.target(target)
	if err != nil || tr == nil {
		return nil
	}
	o, err := s.newOutput(oc, tr, out, kind)
	if err != nil {
		if e := (*Error)(nil); errors.As(err, &e) && e.Number == ErrOutputTriggers.number {
			return err // 334: SQL Server refuses the statement when it compiles it
		}
		return nil
	}
	cols := o.cols
	if o.then != nil {
		cols = o.then.cols // OUTPUT … INTO … OUTPUT …: the second returns rows
	}
	if err := out.Columns(cols); err != nil {
		return err
	}
	return s.done(out, cmd, 0, true)
}

// walkIf runs both branches of an IF under FMTONLY, its condition unread.
func (s *Session) walkIf(ctx context.Context, st *ast.IfStmt, out Output) (flow, error) {
	if _, err := s.runStatement(ctx, st.Then, out); err != nil || st.Else == nil {
		return flowNext, err
	}
	_, err := s.runStatement(ctx, st.Else, out)
	return flowNext, err
}

// walkWhile runs a WHILE's body once under FMTONLY, its condition unread.
func (s *Session) walkWhile(ctx context.Context, st *ast.WhileStmt, out Output) (flow, error) {
	_, err := s.runStatement(ctx, st.Body, out)
	return flowNext, err
}

// hasFmtOnly reports whether a batch may turn FMTONLY on (so batches that
// cannot are not wrapped: the row path stays one interface call). Every
// batch and sp_executesql text is scanned, so the scan jumps from one 'f'
// or 'F' to the next with strings.IndexByte instead of testing each byte.
func hasFmtOnly(text string) bool {
	return hasFmtOnlyAt(text, 'f') || hasFmtOnlyAt(text, 'F')
}

// hasFmtOnlyAt looks for "fmtonly" in any case at each occurrence of first.
func hasFmtOnlyAt(text string, first byte) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(text[i:], first)
		if j < 0 {
			return false
		}
		if i += j; i+7 <= len(text) && equalFoldASCII(text[i:i+7], "fmtonly") {
			return true
		}
	}
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
