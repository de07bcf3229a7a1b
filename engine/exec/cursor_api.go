package exec

import (
	"context"
	"strings"
)

// What the API server cursors of engine/session (sp_cursoropen …) use of
// a T-SQL cursor: they declare and open a GLOBAL cursor under a name no
// client writes, read its members by position for their fetch buffers,
// and run `UPDATE … WHERE CURRENT OF` on it for sp_cursor.

// CursorInfo describes an open global cursor.
type CursorInfo struct {
	Columns []ResultColumn
	Members int
	// Keyed: a KEYSET or DYNAMIC cursor, whose rows are read afresh;
	// false for a STATIC one (a copy).
	Keyed    bool
	Dynamic  bool
	ReadOnly bool
	// ScrollLocks: the cursor's concurrency is SCROLL_LOCKS.
	ScrollLocks bool
	// Table is the first base table of a keyed cursor, schema.name.
	Table string
}

// GlobalCursorInfo describes the open global cursor name; ok is false when
// there is none.
func (s *Session) GlobalCursorInfo(name string) (CursorInfo, bool) {
	c := s.cursorState().global[strings.ToLower(name)]
	if c == nil || !c.open {
		return CursorInfo{}, false
	}
	in := CursorInfo{Columns: c.cols, Members: c.members(), Keyed: c.keyed != nil, Dynamic: c.sens == sensDynamic, ReadOnly: c.readOnly, ScrollLocks: c.cc == ccScrollLocks}
	if c.keyed != nil && len(c.keyed.bases) > 0 {
		t := c.keyed.bases[0].tr.t
		in.Table = quoteIdent(t.Schema) + "." + quoteIdent(t.Name)
	}
	return in, true
}

// CursorMember reads member i (0-based) of the open global cursor name;
// ok is false when its row is gone (a keyed cursor's member deleted since
// OPEN) or i is out of range.
func (s *Session) CursorMember(ctx context.Context, name string, i int) (Row, bool, error) {
	c := s.cursorState().global[strings.ToLower(name)]
	if c == nil || !c.open || i < 0 || i >= c.members() {
		return nil, false, nil
	}
	if c.keyed == nil {
		return c.rows[i], true, nil
	}
	row, bases, ok, err := s.readMember(ctx, c, i)
	if err == nil && ok {
		// What an OPTIMISTIC positioned change of this row compares with.
		if c.keyed.seen == nil {
			c.keyed.seen = map[int][][]byte{}
		}
		c.keyed.seen[i] = bases
	}
	return row, ok, err
}

// PositionCursor puts the open global cursor name on member i (0-based),
// as a FETCH that lands there does, so that a following WHERE CURRENT OF
// changes that row.
func (s *Session) PositionCursor(ctx context.Context, name string, i int) error {
	c := s.cursorState().global[strings.ToLower(name)]
	if c == nil || !c.open || i < 0 || i >= c.members() {
		return errCursorNoRows.New()
	}
	c.pos, c.hole = i, false
	if c.keyed == nil {
		return nil
	}
	_, bases, ok, err := s.readMember(ctx, c, i)
	if err != nil {
		return err
	}
	if seen, fetched := c.keyed.seen[i]; fetched {
		bases = seen // the row as the client's fetch buffer holds it
	}
	c.hole, c.keyed.cur = !ok, bases
	if !ok {
		return nil
	}
	return s.scrollLock(ctx, c)
}

// RenameGlobalCursor gives the global cursor old the name name (an API
// cursor's sp_cursoroption CURSOR_NAME); 16915 when name is taken.
func (s *Session) RenameGlobalCursor(old, name string) error {
	g := s.cursorState().global
	c := g[strings.ToLower(old)]
	if c == nil {
		return errCursorMissing.New(old)
	}
	if g[strings.ToLower(name)] != nil {
		return errCursorExists.New(name)
	}
	delete(g, strings.ToLower(old))
	c.name = name
	g[strings.ToLower(name)] = c
	return nil
}

// DropGlobalCursor closes and deallocates the global cursor name, if any.
func (s *Session) DropGlobalCursor(name string) {
	g := s.cursorState().global
	key := strings.ToLower(name)
	if c := g[key]; c != nil && c.open {
		s.closeCursor(c)
	}
	delete(g, key)
}
