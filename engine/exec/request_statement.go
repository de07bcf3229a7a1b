package exec

import (
	"strings"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The statement a request runs now (sys.dm_exec_requests.command,
// sql_handle and statement_start_offset/statement_end_offset, sp_who2's
// Command). As in SQL Server, that is the innermost text running: a
// statement of the request's own text (the client's batch, or the
// statement of sp_executesql) while the batch runs it, a statement of a
// procedure's module text (and sql_handle that module's, so
// dm_exec_sql_text(sql_handle) gives its dbid, objectid and CREATE text)
// while the procedure runs, of an EXEC('…') string while that runs. The
// request's text (DBCC INPUTBUFFER) stays the client's.

// runningText is one text whose statements a request runs: the request's
// own, or a procedure's or dynamic batch's it calls. Its statement is
// stored with it, so a reader never pairs one text with another's offsets.
type runningText struct {
	text     string
	dbID     int32 // the module's database (0: the request's own or dynamic text)
	objectID int32 // the procedure's object id, 0 otherwise
	// stmt packs the running statement's byte range in text as
	// (start+1)<<32 | end, 0 for none, for an atomic store per statement.
	stmt atomic.Uint64
}

// runningStatement is a request's running statement as a reader saw it:
// its text and, read once, the statement's range there.
type runningStatement struct {
	rt   *runningText
	stmt uint64
}

// noteStatement publishes st as the request's running statement. The
// session's goroutine calls it as each statement starts; the cost is a
// pointer test and an atomic store (the first statement of a text also
// allocates its runningText, unless it is the text last run).
func (s *Session) noteStatement(st ast.Statement) {
	b := s.batch
	if b == nil || s.reqText == "" {
		return
	}
	rt := b.running
	if rt == nil {
		if b.text == "" || b.text != s.reqText && !b.inProc && !b.dynamic {
			return
		}
		// The request's own text (its batch, sp_executesql's statement),
		// or a procedure's or EXEC('…')'s.
		if p := s.lastRunning; b.objectID == 0 && p != nil && p.objectID == 0 && p.text == b.text {
			// The same text as the last time: its runningText again (only
			// its atomic stmt changes, so a reader holding it from then
			// reads no torn fields) — no allocation for a repeated batch.
			rt = p
		} else {
			rt = &runningText{text: b.text, objectID: b.objectID}
			if b.objectID != 0 && s.db != nil {
				rt.dbID = s.db.ID()
			}
			if b.objectID == 0 {
				s.lastRunning = rt
			}
		}
		b.running = rt
	}
	start, end := st.Pos().Offset(), st.End().Offset()
	if start < 0 || end < start || end > len(rt.text) {
		return
	}
	rt.stmt.Store(uint64(start+1)<<32 | uint64(uint32(end)))
	if s.pub.scope.Load() != rt {
		s.pub.scope.Store(rt)
	}
}

// enterText returns what restores the running text published now: a
// procedure or dynamic batch defers it, so that once it returns the
// request shows its caller's statement again.
func (s *Session) enterText() func() {
	prev := s.pub.scope.Load()
	return func() {
		if prev != nil {
			s.pub.scope.Store(prev)
		}
	}
}

// RunningText is the text the request runs a statement of now, with the
// database and object id of the procedure it belongs to (0, 0 for the
// request's own text or dynamic SQL).
func (r Request) RunningText() (text string, dbID, objectID int32) {
	if !r.InModule() {
		return r.Text, 0, 0
	}
	return r.run.rt.text, r.run.rt.dbID, r.run.rt.objectID
}

// InModule reports whether the running statement belongs to a procedure or
// dynamic batch the request called, not to the request's own text.
func (r Request) InModule() bool { return r.run != nil && r.run.rt.text != r.Text }

// StatementRange returns the request's running statement as SQL Server
// shows it: the statement's start and end as byte offsets into the running
// text's UTF-16 (nvarchar) form, the end the offset of its last character
// (so SUBSTRING(text, start/2+1, (end-start)/2+1) is the statement) or -1
// when nothing but blanks and semicolons follows it; ok false when no
// statement is running (0, -1: the whole text).
func (r Request) StatementRange() (start, end int, ok bool) {
	text, bs, be, ok := r.statementBytes()
	if !ok {
		return 0, -1, false
	}
	start = 2 * types.TextLength(text[:bs], true)
	if strings.Trim(text[be:], " \t\r\n;") == "" {
		return start, -1, true
	}
	n := types.TextLength(text[bs:be], true)
	if n == 0 {
		return start, start, true
	}
	return start, start + 2*(n-1), true
}

// Statement is the text of the request's running statement ("" when none).
func (r Request) Statement() string {
	text, bs, be, ok := r.statementBytes()
	if !ok {
		return ""
	}
	return text[bs:be]
}

// statementBytes unpacks the byte range of the running statement in its
// text; ok false when none is published or it does not fit.
func (r Request) statementBytes() (text string, start, end int, ok bool) {
	if r.run == nil || r.run.stmt == 0 {
		return "", 0, 0, false
	}
	p := r.run.stmt
	text = r.run.rt.text
	start, end = int(p>>32)-1, int(uint32(p))
	if start < 0 || end < start || end > len(text) {
		return "", 0, 0, false
	}
	return text, start, end, true
}
