package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The statement a request runs now (sys.dm_exec_requests.command and
// statement_start_offset/statement_end_offset, sp_who2's Command): a
// statement of the request's own text (the client's batch, or the statement
// of sp_executesql) publishes where it is in that text as it starts. A
// statement of a procedure or dynamic batch the request calls leaves the
// calling statement published, whose text the request's sql_handle holds.

// requestStatement packs a statement's byte range in the request text as
// (start+1)<<32 | end, 0 for none, for an atomic store per statement.
func requestStatement(start, end int) uint64 {
	return uint64(start+1)<<32 | uint64(uint32(end))
}

// noteStatement publishes st as the request's running statement when it is
// a statement of the request's text. The session's goroutine calls it as
// each statement starts; the cost is a string comparison (the same string:
// one pointer test) and an atomic store.
func (s *Session) noteStatement(st ast.Statement) {
	if s.batch == nil || s.batch.text != s.reqText || s.reqText == "" {
		return
	}
	start, end := st.Pos().Offset(), st.End().Offset()
	if start < 0 || end < start || end > len(s.reqText) {
		return
	}
	s.pub.stmt.Store(requestStatement(start, end))
}

// StatementRange returns the request's running statement as SQL Server
// shows it: the statement's start and end as byte offsets into the text's
// UTF-16 (nvarchar) form, the end the offset of its last character (so
// SUBSTRING(text, start/2+1, (end-start)/2+1) is the statement) or -1 when
// nothing but blanks and semicolons follows it; ok false when no statement
// of the text is running (0, -1: the whole text).
func (r Request) StatementRange() (start, end int, ok bool) {
	bs, be, ok := r.statementBytes()
	if !ok {
		return 0, -1, false
	}
	start = 2 * types.TextLength(r.Text[:bs], true)
	if strings.Trim(r.Text[be:], " \t\r\n;") == "" {
		return start, -1, true
	}
	n := types.TextLength(r.Text[bs:be], true)
	if n == 0 {
		return start, start, true
	}
	return start, start + 2*(n-1), true
}

// Statement is the text of the request's running statement ("" when none).
func (r Request) Statement() string {
	bs, be, ok := r.statementBytes()
	if !ok {
		return ""
	}
	return r.Text[bs:be]
}

// statementBytes unpacks requestStatement's byte range of the running
// statement in r.Text; ok false when none is published or it does not fit.
func (r Request) statementBytes() (start, end int, ok bool) {
	if r.stmt == 0 {
		return 0, 0, false
	}
	start, end = int(r.stmt>>32)-1, int(uint32(r.stmt))
	if start < 0 || end < start || end > len(r.Text) {
		return 0, 0, false
	}
	return start, end, true
}
