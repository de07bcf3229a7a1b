package session

import (
	"context"
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tds"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// API server cursors: the RPCs sp_cursoropen, sp_cursorfetch,
// sp_cursorclose, sp_cursoroption, sp_cursorprepare, sp_cursorexecute,
// sp_cursorprepexec and sp_cursorunprepare (ids 2–9). ODBC drivers (FreeTDS,
// Microsoft's) use them for any statement run with a scrollable cursor type,
// the JDBC drivers for scrollable result sets, ADO for keyset and dynamic
// recordsets.
//
// A KEYSET or DYNAMIC request opens a T-SQL cursor (engine/exec,
// cursor_keyed.go) under a name no client writes: its members are fixed at
// open and each fetch reads their rows afresh (a row deleted since comes
// back with ROWSTAT 2, FETCH_MISSING), and sp_cursor changes them through
// `UPDATE … WHERE CURRENT OF` (apicursor_positioned.go). A DYNAMIC one
// also sees rows inserted since, each fetch walking the live rows from its
// buffer (engine/exec cursor_api_dynamic.go); a statement such a cursor
// cannot follow to its base rows is STATIC READ_ONLY, one with TOP a
// DYNAMIC request makes KEYSET; sp_cursoropen says so in its scrollopt
// and ccopt outputs, as SQL Server does when it downgrades (jTDS and Microsoft's JDBC
// driver read them). Every other request gets a STATIC read-only copy of
// the rows, read at open. A statement that is not a single SELECT runs
// directly, with SQL Server's informational 16954 and cursor handle 0, as
// FreeTDS expects when an application runs an INSERT on a statement that
// has a cursor type set.
//
// Fetches work on rowsets, as [MS-TDS] and the sp_cursorfetch reference
// describe: the cursor's position is the first row of its current fetch
// buffer, NEXT moves past the buffer, PREV before it (adjusting to the first
// row with return status 2), RELATIVE counts from the buffer's first row.
// Every row ends with the hidden ROWSTAT column (1, FETCH_SUCCEEDED).

// Scroll, concurrency and fetch options ([MS-TDS]; sp_cursoropen,
// sp_cursorfetch).
const (
	scrollKeyset      = 0x0001
	scrollDynamic     = 0x0002
	scrollForwardOnly = 0x0004
	scrollStatic      = 0x0008
	scrollFastForward = 0x0010
	scrollParams      = 0x1000 // PARAMETERIZED_STMT: @paramdef and values follow

	optCursorName = 0x0002 // sp_cursoroption code CURSOR_NAME

	ccReadOnly    = 0x0001
	ccScrollLocks = 0x0002
	ccOptimistic  = 0x0004

	fetchFirst        = 0x0001
	fetchNext         = 0x0002
	fetchPrev         = 0x0004
	fetchLast         = 0x0008
	fetchAbsolute     = 0x0010
	fetchRelative     = 0x0020
	fetchRefresh      = 0x0080
	fetchInfo         = 0x0100
	fetchPrevNoAdjust = 0x0200
	fetchSkipUpdtCncy = 0x0400

	// rpcNoMetadata is the RPC option fNoMetaData ([MS-TDS] 2.2.6.6):
	// the rows of the answer are sent without describing their columns.
	rpcNoMetadata = 0x0002

	rowstatSucceeded = 1
	rowstatMissing   = 2
	defaultFetchRows = 20
	firstCursorID    = 180150000 // the range SQL Server's handles fall in
)

// apiCursor is one open API cursor.
type apiCursor struct {
	cols []exec.ResultColumn // without ROWSTAT
	rows []exec.Row          // a STATIC cursor's rows
	// name is the T-SQL cursor behind a KEYSET cursor ("" for STATIC),
	// total its members.
	name    string
	total   int
	forward bool // FORWARD_ONLY or FAST_FORWARD: only NEXT fetches
	// dynamic: a DYNAMIC cursor, whose fetch buffer engine/exec keeps
	// (FetchDynamic); start is then 1 while the buffer has rows.
	dynamic bool
	// start is the 1-based first row of the current fetch buffer: 0 before
	// the result set, len(rows)+1 after it; size is the buffer's rows.
	start, size int
}

// preparedCursor is a statement prepared by sp_cursorprepare.
type preparedCursor struct {
	decls, stmt string
}

// apiCursors is a session's API cursors and prepared cursor statements.
type apiCursors struct {
	next     int32
	open     map[int32]*apiCursor
	prepared map[int32]preparedCursor
}

func (c *apiCursors) handle() int32 {
	if c.next == 0 {
		c.next = firstCursorID
	}
	c.next++
	return c.next
}

// Errors of the API cursor procedures (SQL Server's 169xx texts).
var (
	errCursorReadOnly = &exec.Error{Number: 16929, Severity: 16, State: 1, Message: "The cursor is READ ONLY."}
	errCursorPrepared = &exec.Error{Number: 8179, Severity: 16, State: 6, Message: "Could not find prepared statement with handle %d."}
)

// errCursorHandle is 16909 for a handle that names no open cursor.
func errCursorHandle(proc string, h int32) error {
	return &exec.Error{Number: 16909, Severity: 16, State: 1, Message: fmt.Sprintf("%s: The cursor identifier value provided (%x) is not valid.", proc, uint32(h))}
}

// errCursorParam is 16902 for an argument out of range.
func errCursorParam(proc, param string) error {
	return &exec.Error{Number: 16902, Severity: 16, State: 1, Message: fmt.Sprintf("%s: The value of the parameter '%s' is invalid.", proc, param)}
}

// isCursorProc reports whether req calls one of the API cursor procedures.
func isCursorProc(req *tds.RPCRequest) bool {
	for id := uint16(tds.ProcCursor); id <= tds.ProcCursorClose; id++ {
		if req.IsProc(id) {
			return true
		}
	}
	return false
}

// argAt is the argument at position pos or named name, or nil.
func argAt(args []*exec.ProcArg, pos int, name string) *exec.ProcArg {
	for _, a := range args {
		if strings.EqualFold(a.Name, name) {
			return a
		}
	}
	if pos < len(args) && args[pos].Name == "" {
		return args[pos]
	}
	return nil
}

// setOut stores an output parameter's value, when the caller passed it.
func setOut(args []*exec.ProcArg, pos int, name string, v int32) {
	if a := argAt(args, pos, name); a != nil {
		a.Result = types.NewInt(v)
	}
}

func argInt32(args []*exec.ProcArg, pos int, name string, def int32) int32 {
	if v, ok := exec.ArgInt(args, pos, name); ok {
		return int32(v)
	}
	return def
}

// cursorRPC runs one API cursor procedure call; it returns the procedure's
// return status. Output parameters are set in args for the RPC's answer.
func (s *session) cursorRPC(ctx context.Context, req *tds.RPCRequest, args []*exec.ProcArg, out *output) (int32, error) {
	if s.cursors.open == nil {
		s.cursors.open = map[int32]*apiCursor{}
		s.cursors.prepared = map[int32]preparedCursor{}
	}
	// An output the call does not set (an error, a direct execution) goes
	// back as it came in.
	for _, a := range args {
		if a.Output {
			a.Result = a.Value
		}
	}
	switch {
	case req.IsProc(tds.ProcCursorOpen):
		scroll := argInt32(args, 2, "@scrollopt", scrollKeyset)
		var decls string
		var vals []*exec.ProcArg
		if scroll&scrollParams != 0 && len(args) > 5 {
			decls, vals = exec.ArgString(args, 5, "@paramdef"), args[6:]
		}
		return s.cursorOpen(ctx, exec.ArgString(args, 1, "@stmt"), decls, vals, args, cursorOuts{cursor: 0, opts: 2}, scroll, out)
	case req.IsProc(tds.ProcCursorPrepare), req.IsProc(tds.ProcCursorPrepExec):
		h := s.cursors.handle()
		p := preparedCursor{decls: exec.ArgString(args, 1, "@params"), stmt: exec.ArgString(args, 2, "@stmt")}
		if req.IsProc(tds.ProcCursorPrepExec) {
			p = preparedCursor{decls: exec.ArgString(args, 2, "@params"), stmt: exec.ArgString(args, 3, "@stmt")}
		}
		s.cursors.prepared[h] = p
		setOut(args, 0, "@prepared_handle", h)
		if req.IsProc(tds.ProcCursorPrepare) {
			return 0, nil
		}
		scroll := argInt32(args, 4, "@scrollopt", scrollKeyset)
		return s.cursorOpen(ctx, p.stmt, p.decls, tail(args, 7), args, cursorOuts{cursor: 1, opts: 4}, scroll, out)
	case req.IsProc(tds.ProcCursorExecute):
		h := argInt32(args, 0, "@prepared_handle", 0)
		p, ok := s.cursors.prepared[h]
		if !ok {
			e := *errCursorPrepared
			e.Message = fmt.Sprintf(e.Message, h)
			return 1, &e
		}
		scroll := argInt32(args, 2, "@scrollopt", scrollKeyset)
		return s.cursorOpen(ctx, p.stmt, p.decls, tail(args, 5), args, cursorOuts{cursor: 1, opts: 2}, scroll, out)
	case req.IsProc(tds.ProcCursorUnprepare):
		delete(s.cursors.prepared, argInt32(args, 0, "@prepared_handle", 0))
		return 0, nil
	case req.IsProc(tds.ProcCursorFetch):
		return s.cursorFetch(ctx, req, args, out)
	case req.IsProc(tds.ProcCursorClose):
		h := argInt32(args, 0, "@cursor", 0)
		c, ok := s.cursors.open[h]
		if !ok {
			return 1, errCursorHandle("sp_cursorclose", h)
		}
		if c.name != "" {
			s.es.DropGlobalCursor(c.name)
		}
		delete(s.cursors.open, h)
		return 0, nil
	case req.IsProc(tds.ProcCursorOption):
		// A cursor name (code 2) names a KEYSET cursor's T-SQL cursor, so
		// that UPDATE … WHERE CURRENT OF name reaches it; text-pointer
		// options change nothing. The handle must be valid.
		h := argInt32(args, 0, "@cursor", 0)
		c := s.cursors.open[h]
		if c == nil {
			return 1, errCursorHandle("sp_cursoroption", h)
		}
		if name := exec.ArgString(args, 2, "@value"); argInt32(args, 1, "@code", 0) == optCursorName && c.name != "" && name != "" {
			if err := s.es.RenameGlobalCursor(c.name, name); err != nil {
				return 1, err
			}
			c.name = name
		}
		return 0, nil
	}
	return s.cursorOp(ctx, args, out) // sp_cursor: apicursor_positioned.go
}

func tail(args []*exec.ProcArg, n int) []*exec.ProcArg {
	if len(args) <= n {
		return nil
	}
	return args[n:]
}

// cursorOuts are the positions of a cursor-opening call's outputs for
// callers that send them unnamed (Microsoft's JDBC driver, FreeTDS): the
// cursor handle, and @scrollopt, followed by @ccopt and @rowcount.
//
//	sp_cursoropen     @cursor, @stmt, @scrollopt, @ccopt, @rowcount, …
//	sp_cursorexecute  @prepared_handle, @cursor, @scrollopt, @ccopt, @rowcount, …
//	sp_cursorprepexec @prepared_handle, @cursor, @params, @stmt, @scrollopt, @ccopt, @rowcount, …
type cursorOuts struct{ cursor, opts int }

// cursorOpen opens a cursor on stmt and answers with its column metadata
// (no rows), setting the outputs at the positions pos names (or by name).
func (s *session) cursorOpen(ctx context.Context, stmt, decls string, vals, args []*exec.ProcArg, pos cursorOuts, scroll int32, out *output) (int32, error) {
	if !cursorable(stmt) {
		setOut(args, pos.cursor, "@cursor", 0)
		setOut(args, pos.opts+2, "@rowcount", -1)
		if err := s.es.ExecuteSQL(ctx, stmt, decls, vals, out); err != nil {
			return 1, err
		}
		return 0, out.Message(&exec.Error{Number: 16954, Severity: 10, State: 1, Message: "Executing SQL directly; no cursor."})
	}
	if t := scroll & 0x1F; t == scrollKeyset || t == scrollDynamic {
		return s.cursorOpenKeyed(ctx, stmt, decls, vals, args, pos, t == scrollDynamic, out) // apicursor_positioned.go
	}
	capture := &cursorCapture{fwd: out}
	if err := s.es.ExecuteSQL(ctx, stmt, decls, vals, capture); err != nil {
		return 1, err
	}
	if capture.err != nil {
		// The rows could not all be read (a conversion or arithmetic
		// error part way): no cursor, as a STATIC cursor whose population
		// fails is not opened; the error ends the call.
		setOut(args, pos.cursor, "@cursor", 0)
		return 1, capture.err
	}
	c := &apiCursor{cols: capture.cols, rows: capture.rows, total: len(capture.rows)}
	typ := int32(scrollStatic)
	rowcount := int32(len(c.rows))
	switch scroll & 0x1F {
	case scrollForwardOnly, scrollFastForward:
		typ, rowcount, c.forward = scroll&0x1F, -1, true
	}
	h := s.cursors.handle()
	s.cursors.open[h] = c
	setOut(args, pos.cursor, "@cursor", h)
	setOut(args, pos.opts, "@scrollopt", typ)
	setOut(args, pos.opts+1, "@ccopt", ccReadOnly)
	setOut(args, pos.opts+2, "@rowcount", rowcount)
	return 0, sendCursorMeta(out, c.cols)
}

// sendCursorMeta answers a cursor-opening call with the cursor's column
// metadata (no rows).
func sendCursorMeta(out *output, cols []exec.ResultColumn) error {
	out.cursorMeta = true
	defer func() { out.cursorMeta = false }()
	return out.Columns(withRowstat(cols))
}

// cursorable reports whether stmt is one SELECT that can be a cursor (no
// INTO); anything else runs directly.
func cursorable(stmt string) bool {
	stmts, err := tsql.ParseBatch(stmt)
	if err != nil || len(stmts) != 1 {
		return false
	}
	sel, ok := stmts[0].(*ast.SelectStmt)
	if !ok || sel.Query == nil {
		return false
	}
	if core, ok := sel.Query.Body.(*ast.SelectCore); ok && core.Into != nil {
		return false
	}
	return true
}

// withRowstat is cols and the trailing ROWSTAT int column.
func withRowstat(cols []exec.ResultColumn) []exec.ResultColumn {
	return append(cols[:len(cols):len(cols)], exec.ResultColumn{Name: "ROWSTAT", Type: types.TypeInt, NotNull: true})
}

// cursorFetch answers sp_cursorfetch: the rows of the new fetch buffer, or
// with INFO the position and row count as outputs.
func (s *session) cursorFetch(ctx context.Context, req *tds.RPCRequest, args []*exec.ProcArg, out *output) (int32, error) {
	h := argInt32(args, 0, "@cursor", 0)
	c, ok := s.cursors.open[h]
	if !ok {
		return 1, errCursorHandle("sp_cursorfetch", h)
	}
	ft := argInt32(args, 1, "@fetchtype", fetchNext) &^ fetchSkipUpdtCncy
	rownum := int(argInt32(args, 2, "@rownum", 0))
	nrows := int(argInt32(args, 3, "@nrows", defaultFetchRows))
	total := c.total
	if ft == fetchInfo {
		pos, n := c.start, int32(total)
		if pos > total {
			pos = -1
		}
		setOut(args, 2, "@rownum", int32(pos))
		setOut(args, 3, "@nrows", n)
		return 0, nil
	}
	if c.dynamic {
		return s.cursorFetchDynamic(ctx, req, c, ft, rownum, nrows, args, out)
	}
	if c.forward && ft != fetchNext {
		return 1, &exec.Error{Number: 16911, Severity: 16, State: 1, Message: "sp_cursorfetch: The fetch type " + fetchName(ft) + " cannot be used with forward only cursors."}
	}
	if nrows < 0 || nrows == 0 && ft != fetchFirst && ft != fetchLast && ft != fetchRefresh {
		return 1, errCursorParam("sp_cursorfetch", "nrows")
	}
	var ret int32
	start := c.start
	switch ft {
	case fetchFirst:
		start = 1
	case fetchNext:
		start = max(c.start, 0) + c.size
		if c.start == 0 {
			start = 1
		}
	case fetchPrev, fetchPrevNoAdjust:
		start = c.start - nrows
		switch {
		case c.start <= 1:
			start = 0 // nothing before the first row
		case start < 1:
			// Adjusted to the first row (return status 2); NOADJUST
			// never returns the rows at or after the position.
			if ft == fetchPrevNoAdjust {
				nrows = c.start - 1
			}
			start, ret = 1, 2
		}
	case fetchLast:
		start = max(total-nrows+1, 1)
	case fetchAbsolute:
		switch {
		case rownum > 0:
			start = rownum
		case rownum < 0:
			start = max(total+rownum+1, 0)
		default:
			start = 0
		}
	case fetchRelative:
		start = max(c.start, 0) + rownum
		if c.start > total {
			start = total + 1 + rownum
		}
	case fetchRefresh:
		nrows = c.size
	default:
		return 1, errCursorParam("sp_cursorfetch", "fetchtype")
	}
	switch {
	case ft == fetchLast && nrows == 0:
		c.start, c.size = total+1, 0
	case start < 1:
		c.start, c.size = 0, 0
	case start > total:
		c.start, c.size = total+1, 0
	default:
		c.start, c.size = start, min(nrows, total-start+1)
	}
	if err := s.sendBufferMeta(req, c, out); err != nil {
		return 1, err
	}
	defer func() { out.cursorMeta, out.noMeta = false, false }()
	row := make(exec.Row, len(c.cols)+1)
	for i := max(c.start-1, 0); i < max(c.start-1, 0)+c.size; i++ {
		stat := int32(rowstatSucceeded)
		var cur exec.Row
		if c.name == "" {
			cur = c.rows[i]
		} else {
			m, ok, err := s.es.CursorMember(ctx, c.name, i)
			if err != nil {
				return 1, err
			}
			if !ok {
				stat = rowstatMissing // deleted since the cursor opened
			}
			cur = m
		}
		clear(row)
		copy(row, cur)
		row[len(c.cols)] = types.NewInt(stat)
		if err := out.Row(row); err != nil {
			return 1, err
		}
	}
	return ret, nil
}

// sendBufferMeta starts a fetch buffer's answer with the cursor's columns
// and ROWSTAT (described only when the call asks for metadata); the caller
// resets out's cursor flags when the answer is done.
func (s *session) sendBufferMeta(req *tds.RPCRequest, c *apiCursor, out *output) error {
	out.cursorMeta = true
	out.noMeta = req.OptionFlags&rpcNoMetadata != 0
	return out.Columns(withRowstat(c.cols))
}

// cursorFetchDynamic answers sp_cursorfetch on a DYNAMIC cursor: ABSOLUTE
// is refused (16925, as SQL Server does), INFO knows no row count (-1),
// and the other fetch types move the buffer engine/exec keeps.
func (s *session) cursorFetchDynamic(ctx context.Context, req *tds.RPCRequest, c *apiCursor, ft int32, rownum, nrows int, args []*exec.ProcArg, out *output) (int32, error) {
	var dir exec.APIFetch
	switch ft {
	case fetchInfo:
		setOut(args, 2, "@rownum", int32(min(c.start, 1)))
		setOut(args, 3, "@nrows", -1)
		return 0, nil
	case fetchAbsolute:
		return 1, &exec.Error{Number: 16925, Severity: 16, State: 1, Message: "The fetch type Absolute cannot be used with dynamic cursors."}
	case fetchFirst:
		dir = exec.APIFetchFirst
	case fetchNext:
		dir = exec.APIFetchNext
	case fetchPrev:
		dir = exec.APIFetchPrior
	case fetchPrevNoAdjust:
		dir = exec.APIFetchPriorNoAdjust
	case fetchLast:
		dir = exec.APIFetchLast
	case fetchRelative:
		dir = exec.APIFetchRelative
	case fetchRefresh:
		dir = exec.APIFetchRefresh
	default:
		return 1, errCursorParam("sp_cursorfetch", "fetchtype")
	}
	if nrows < 0 || nrows == 0 && ft != fetchFirst && ft != fetchLast && ft != fetchRefresh {
		return 1, errCursorParam("sp_cursorfetch", "nrows")
	}
	rows, adjusted, err := s.es.FetchDynamic(ctx, c.name, dir, rownum, nrows)
	if err != nil {
		return 1, err
	}
	c.start, c.size = min(len(rows), 1), len(rows)
	if err := s.sendBufferMeta(req, c, out); err != nil {
		return 1, err
	}
	defer func() { out.cursorMeta, out.noMeta = false, false }()
	row := make(exec.Row, len(c.cols)+1)
	for _, r := range rows {
		stat := int32(rowstatSucceeded)
		if r.Missing {
			stat = rowstatMissing
		}
		clear(row)
		copy(row, r.Row)
		row[len(c.cols)] = types.NewInt(stat)
		if err := out.Row(row); err != nil {
			return 1, err
		}
	}
	if adjusted {
		return 2, nil
	}
	return 0, nil
}

func fetchName(ft int32) string {
	switch ft {
	case fetchFirst:
		return "FIRST"
	case fetchPrev, fetchPrevNoAdjust:
		return "PRIOR"
	case fetchLast:
		return "LAST"
	case fetchAbsolute:
		return "ABSOLUTE"
	case fetchRelative:
		return "RELATIVE"
	case fetchRefresh:
		return "REFRESH"
	}
	return "NEXT"
}

// cursorCapture keeps the first result set of a cursor's statement; the
// statement's messages still reach the client. The first error it reports
// is kept in err (cursorOpen returns it, once) rather than passed on.
type cursorCapture struct {
	fwd  exec.Output
	cols []exec.ResultColumn
	rows []exec.Row
	sets int
	err  error
}

func (c *cursorCapture) Columns(cols []exec.ResultColumn) error {
	c.sets++
	if c.sets == 1 {
		c.cols = append([]exec.ResultColumn(nil), cols...)
	}
	return nil
}

func (c *cursorCapture) Row(r exec.Row) error {
	if c.sets == 1 {
		c.rows = append(c.rows, append(exec.Row(nil), r...))
	}
	return nil
}

func (c *cursorCapture) Done(exec.Cmd, int64, bool, bool, bool) error { return nil }
func (c *cursorCapture) Message(m *exec.Error) error                  { return c.fwd.Message(m) }
func (c *cursorCapture) Error(err error) error {
	if c.err == nil {
		c.err = err
		return nil
	}
	return c.fwd.Error(err)
}
func (c *cursorCapture) Transaction(k exec.TranEvent, d uint64) error {
	return c.fwd.Transaction(k, d)
}
func (c *cursorCapture) DatabaseChanged(n, o string) error { return c.fwd.DatabaseChanged(n, o) }
func (c *cursorCapture) ReturnStatus(int32) error          { return nil }
