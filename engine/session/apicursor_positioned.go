package session

import (
	"context"
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// KEYSET API cursors and sp_cursor, the positioned UPDATE, DELETE and
// INSERT of ODBC's SQLSetPos, JDBC's updatable result sets and ADO's
// recordsets. The cursor is a T-SQL cursor of engine/exec; sp_cursor puts
// it on the fetch-buffer row rownum names and runs `UPDATE … WHERE CURRENT
// OF` or `DELETE … WHERE CURRENT OF` on it, so locks, constraints,
// triggers, the transaction log and the OPTIMISTIC and SCROLL_LOCKS checks
// are those of the T-SQL statements.

// sp_cursor operations ([MS-TDS] 2.2.6.6; sp_cursor).
const (
	opUpdate      = 0x01
	opDelete      = 0x02
	opInsert      = 0x04
	opRefresh     = 0x08
	opLock        = 0x10
	opSetPosition = 0x20
	opAbsolute    = 0x40
)

var (
	errCursorBufferRow = &exec.Error{Number: 16930, Severity: 16, State: 1, Message: "The requested row is not in the fetch buffer."}
	errCursorNoBuffer  = &exec.Error{Number: 16931, Severity: 16, State: 1, Message: "There are no rows in the current fetch buffer."}
)

// cursorOpenKeyed opens a KEYSET or (dynamic) DYNAMIC API cursor on the
// SELECT stmt: a GLOBAL T-SQL cursor named after the handle.
func (s *session) cursorOpenKeyed(ctx context.Context, stmt, decls string, vals, args []*exec.ProcArg, pos cursorOuts, dynamic bool, out *output) (int32, error) {
	cc := "OPTIMISTIC"
	switch argInt32(args, pos.opts+1, "@ccopt", ccOptimistic) & 0x0F {
	case ccReadOnly:
		cc = "READ_ONLY"
	case ccScrollLocks:
		cc = "SCROLL_LOCKS"
	}
	h := s.cursors.handle()
	name := fmt.Sprintf(" api cursor %d", h) // no client writes a leading space
	q := "[" + name + "]"
	capture := &cursorCapture{fwd: out}
	sens := "KEYSET "
	if dynamic {
		sens = "DYNAMIC "
	}
	batch := "DECLARE " + q + " CURSOR GLOBAL SCROLL " + sens + cc + " FOR " + strings.TrimRight(strings.TrimSpace(stmt), ";") + "\nOPEN " + q
	err := s.es.ExecuteSQL(ctx, batch, decls, vals, capture)
	if err == nil {
		err = capture.err
	}
	info, ok := s.es.GlobalCursorInfo(name)
	if err != nil || !ok {
		s.es.DropGlobalCursor(name)
		setOut(args, pos.cursor, "@cursor", 0)
		if err == nil {
			err = &exec.Error{Number: 16937, Severity: 16, State: 1, Message: "A server cursor cannot be opened on the given statement or statements. Use a default result set or client cursor."}
		}
		return 1, err
	}
	c := &apiCursor{cols: info.Columns, name: name, total: info.Members, dynamic: info.Dynamic}
	typ, ccOut := int32(scrollKeyset), argInt32(args, pos.opts+1, "@ccopt", ccOptimistic)
	rowcount := int32(c.total)
	switch {
	case !info.Keyed:
		typ = scrollStatic // a statement the cursor cannot follow to its base rows
	case info.Dynamic:
		typ, rowcount = scrollDynamic, -1 // rows come and go: no count
	}
	switch {
	case info.ReadOnly:
		ccOut = ccReadOnly
	case info.ScrollLocks:
		ccOut = ccScrollLocks
	}
	s.cursors.open[h] = c
	setOut(args, pos.cursor, "@cursor", h)
	setOut(args, pos.opts, "@scrollopt", typ)
	setOut(args, pos.opts+1, "@ccopt", ccOut)
	setOut(args, pos.opts+2, "@rowcount", rowcount)
	return 0, sendCursorMeta(out, c.cols)
}

// cursorOp answers sp_cursor @cursor, @optype, @rownum, @table [, value …].
func (s *session) cursorOp(ctx context.Context, args []*exec.ProcArg, out *output) (int32, error) {
	h := argInt32(args, 0, "@cursor", 0)
	c := s.cursors.open[h]
	if c == nil {
		return 1, errCursorHandle("sp_cursor", h)
	}
	info, ok := s.es.GlobalCursorInfo(c.name)
	if c.name == "" || !ok || info.ReadOnly {
		return 1, errCursorReadOnly
	}
	op := argInt32(args, 1, "@optype", 0)
	rownum := int(argInt32(args, 2, "@rownum", 0))
	table := exec.ArgString(args, 3, "@table")
	if table == "" {
		table = info.Table
	}
	vals := tail(args, 4)
	q := "[" + strings.ReplaceAll(c.name, "]", "]]") + "]"
	if op&opInsert != 0 {
		text, decls, pargs := insertText(table, info.Columns, vals)
		return s.cursorStatement(ctx, text, decls, pargs, out)
	}
	// The members the operation applies to.
	var members []int
	buf := func(i int) int { return c.start - 1 + i } // member of buffer row i (0-based)
	if c.dynamic {
		dyn := s.es.DynamicBuffer(c.name)
		buf = func(i int) int { return dyn[i] }
		c.size = min(c.size, len(dyn))
	}
	switch {
	case op&opAbsolute != 0:
		if rownum < 1 || rownum > c.total {
			return 1, errCursorBufferRow
		}
		members = []int{rownum - 1}
	case c.size == 0 || c.start < 1:
		return 1, errCursorNoBuffer
	case rownum == 0:
		for i := range c.size {
			members = append(members, buf(i))
		}
	case rownum < 0 || rownum > c.size:
		return 1, errCursorBufferRow
	default:
		members = []int{buf(rownum - 1)}
	}
	for _, m := range members {
		if err := s.es.PositionCursor(ctx, c.name, m); err != nil {
			return 1, err
		}
		var text, decls string
		var pargs []*exec.ProcArg
		switch {
		case op&opUpdate != 0:
			text, decls, pargs = updateText(table, info.Columns, vals)
			text += " WHERE CURRENT OF GLOBAL " + q
		case op&opDelete != 0:
			text = "DELETE " + table + " WHERE CURRENT OF GLOBAL " + q
		case op&(opRefresh|opLock|opSetPosition) != 0:
			continue // positioned (and a SCROLL_LOCKS cursor's row locked)
		default:
			return 1, errCursorParam("sp_cursor", "optype")
		}
		if ret, err := s.cursorStatement(ctx, text, decls, pargs, out); err != nil {
			return ret, err
		}
	}
	return 0, nil
}

// cursorStatement runs one statement of sp_cursor; its first error ends
// the call (return status 1).
func (s *session) cursorStatement(ctx context.Context, text, decls string, args []*exec.ProcArg, out *output) (int32, error) {
	capture := &cursorCapture{fwd: out}
	err := s.es.ExecuteSQL(ctx, text, decls, args, capture)
	if err == nil {
		err = capture.err
	}
	if err != nil {
		return 1, err
	}
	return 0, nil
}

// cursorValues turns sp_cursor's values into column names and parameters
// @p1…: named values (@column) name their columns, unnamed ones take the
// cursor's columns in order. One unnamed character value is the text of
// the statement itself (or of its SET or VALUES clause); text is then set.
func cursorValues(cols []exec.ResultColumn, vals []*exec.ProcArg) (names []string, decls string, args []*exec.ProcArg, text string) {
	if len(vals) == 1 && vals[0].Name == "" && vals[0].Type.ID.IsString() {
		t := vals[0].Value.String()
		return nil, "", nil, strings.TrimSpace(t)
	}
	var d []string
	for i, v := range vals {
		name := strings.TrimPrefix(v.Name, "@")
		if name == "" && i < len(cols) {
			name = cols[i].Name
		}
		p := fmt.Sprintf("@p%d", i+1)
		typ := v.Type.String()
		if strings.HasSuffix(typ, "(0)") {
			typ = strings.TrimSuffix(typ, "(0)") + "(1)"
		}
		names = append(names, "["+strings.ReplaceAll(name, "]", "]]")+"]")
		d = append(d, p+" "+typ)
		args = append(args, &exec.ProcArg{Value: v.Value, Type: v.Type})
	}
	return names, strings.Join(d, ", "), args, ""
}

// updateText is the UPDATE of sp_cursor's values, before its WHERE.
func updateText(table string, cols []exec.ResultColumn, vals []*exec.ProcArg) (string, string, []*exec.ProcArg) {
	names, decls, args, text := cursorValues(cols, vals)
	if names == nil {
		switch u := strings.ToUpper(text); {
		case strings.HasPrefix(u, "UPDATE"):
			return text, "", nil
		case strings.HasPrefix(u, "SET"):
			return "UPDATE " + table + " " + text, "", nil
		}
		return "UPDATE " + table + " SET " + text, "", nil
	}
	set := make([]string, len(names))
	for i, n := range names {
		set[i] = fmt.Sprintf("%s = @p%d", n, i+1)
	}
	return "UPDATE " + table + " SET " + strings.Join(set, ", "), decls, args
}

// insertText is the INSERT of sp_cursor's values.
func insertText(table string, cols []exec.ResultColumn, vals []*exec.ProcArg) (string, string, []*exec.ProcArg) {
	names, decls, args, text := cursorValues(cols, vals)
	if names == nil {
		switch u := strings.ToUpper(text); {
		case strings.HasPrefix(u, "INSERT"):
			return text, "", nil
		case strings.HasPrefix(u, "VALUES"):
			return "INSERT " + table + " " + text, "", nil
		}
		return "INSERT " + table + " VALUES (" + text + ")", "", nil
	}
	ps := make([]string, len(names))
	for i := range names {
		ps[i] = fmt.Sprintf("@p%d", i+1)
	}
	return "INSERT " + table + " (" + strings.Join(names, ", ") + ") VALUES (" + strings.Join(ps, ", ") + ")", decls, args
}
