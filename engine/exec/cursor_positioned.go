package exec

import (
	"bytes"
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Positioned UPDATE and DELETE: `UPDATE t SET … WHERE CURRENT OF c` and
// `DELETE FROM t WHERE CURRENT OF c` change the row of t the cursor's
// current member came from, found by the store key the cursor keeps
// (cursor_keyed.go). The statement then runs as any UPDATE or DELETE of
// that one row: locks, constraints, triggers, OUTPUT and the transaction
// log are the ordinary path's.
//
// Concurrency: a SCROLL_LOCKS cursor holds a U lock on the row it fetched
// (to the end of the transaction; in autocommit mode to the cursor's next
// FETCH or CLOSE, cursor_scrolllocks.go), so no one else can change it; an
// OPTIMISTIC one (the default for an updatable cursor) keeps the stored
// row its FETCH read, and a positioned change of a row changed since by
// someone else fails with 16934 and 16947, as SQL Server's. A SCROLL_LOCKS
// cursor whose lock has ended (fetched in a transaction that has since
// committed) is checked as an OPTIMISTIC one, so that no update is lost. Fetches of KEYSET and DYNAMIC cursors lock as a point read of
// the row does at the session's isolation level (readlock.go): REPEATABLE
// READ and SERIALIZABLE hold S to the end of the transaction.

// Errors of positioned updates (SQL Server's texts).
var (
	errCursorReadOnly    = errorKind{16929, 16, 1, "The cursor is READ ONLY.", AbortStatement}
	errCursorNoRows      = errorKind{16931, 16, 1, "There are no rows in the current fetch buffer.", AbortStatement}
	errCursorColumn      = errorKind{16932, 16, 1, "The cursor has a FOR UPDATE list and the requested column to be updated is not in this list.", AbortStatement}
	errCursorTable       = errorKind{16933, 16, 1, "The cursor does not include the table being modified or the table is not updatable through the cursor.", AbortStatement}
	errCursorNoneChanged = errorKind{16947, 16, 1, "No rows were updated or deleted.", AbortStatement}
	warnCursorConflict   = &Error{Number: 16934, Severity: 10, State: 1, Message: "Optimistic concurrency check failed. The row was modified outside of this cursor."}
)

// positionedSource resolves a WHERE CURRENT OF: the target table, a source
// yielding the one row the cursor is on (with from, the FROM clause's rows
// that carry it), the target's offset in a source row, and what to run
// once the statement has changed the row.
func (s *Session) positionedSource(ctx context.Context, target ast.TableExpr, from []ast.TableExpr, ref *ast.CursorRef, set []*ast.SetClause, out Output) (*tableRef, *source, int, func(), error) {
	c, err := s.findCursor(ref)
	if err != nil {
		return nil, nil, 0, nil, err
	}
	if !c.open {
		return nil, nil, 0, nil, errCursorNotOpen.New()
	}
	if c.readOnly || c.keyed == nil {
		return nil, nil, 0, nil, errCursorReadOnly.New()
	}
	tr, alias, err := s.target(target)
	if err != nil {
		return nil, nil, 0, nil, err
	}
	if tr == nil {
		return nil, nil, 0, nil, ErrInvalidObject.New(target.SQL())
	}
	k := c.keyed
	j := -1
	for i, b := range k.bases {
		if b.tr.t.ID == tr.t.ID && b.tr.db.ID() == tr.db.ID() && forUpdateReaches(c.decl, b.tr) {
			j = i
			break
		}
	}
	if j < 0 {
		return nil, nil, 0, nil, errCursorTable.New()
	}
	if c.pos < 0 || c.pos >= c.members() {
		return nil, nil, 0, nil, errCursorNoRows.New()
	}
	key := k.keys[c.pos][j]
	if c.hole || key == "" {
		return nil, nil, 0, nil, errCursorNoneChanged.New()
	}
	if cols := c.decl.UpdateColumns; len(cols) > 0 {
		for _, sc := range set {
			if sc.Column != nil && !identListHas(cols, sc.Column.Last()) {
				return nil, nil, 0, nil, errCursorColumn.New()
			}
		}
	}
	stored, found, err := s.storedRow(ctx, tr, key)
	if err != nil {
		return nil, nil, 0, nil, err
	}
	fetched := k.cur != nil && k.cur[j] != nil
	if !found || fetched && !s.scrollLockHeld(c, tr, key) && !bytes.Equal(stored, k.cur[j]) {
		if err := out.Message(warnCursorConflict); err != nil {
			return nil, nil, 0, nil, err
		}
		return nil, nil, 0, nil, errCursorNoneChanged.New()
	}
	// After the change the cursor's view of the row is its own change.
	pos := c.pos
	after := func() {
		if b, ok, err := s.storedRow(ctx, tr, key); err == nil && c.keyed == k {
			if !ok {
				b = nil
			}
			if k.cur != nil {
				k.cur[j] = b
			}
			if seen := k.seen[pos]; seen != nil {
				seen[j] = b
			}
		}
	}
	if len(from) > 0 {
		tr2, src, off, err := s.dmlSource(target, from, nil)
		if err != nil {
			return nil, nil, 0, nil, err
		}
		n := len(tr2.t.Columns)
		in := src.open
		src.open = func(ec *evalCtx) (rowIter, error) {
			it, err := in(ec)
			if err != nil {
				return nil, err
			}
			return &funcIter{next: func() (Row, error) {
				for {
					r, err := it.Next()
					if err != nil {
						return nil, err
					}
					if v := r[off+n]; !v.IsNull() && v.Str() == key {
						return r, nil
					}
				}
			}, close: it.Close}, nil
		}
		return tr2, src, off, after, nil
	}
	src := &source{sc: tableScope(tr, alias, nil), open: func(ec *evalCtx) (rowIter, error) {
		r, err := s.lookupRow(ec.ctx, tr, []byte(key))
		if err != nil || r == nil {
			return &sliceIter{}, err
		}
		return &sliceIter{rows: []Row{r}}, nil
	}}
	return tr, src, 0, after, nil
}

// forUpdateReaches reports whether a cursor's FOR UPDATE OF list (if any)
// names a column of tr: the tables it names none of cannot be changed
// through the cursor (16933).
func forUpdateReaches(d *ast.DeclareCursorStmt, tr *tableRef) bool {
	if len(d.UpdateColumns) == 0 {
		return true
	}
	for _, id := range d.UpdateColumns {
		if _, c := tr.t.Column(id.Name); c != nil {
			return true
		}
	}
	return false
}

func identListHas(ids []*ast.Ident, name string) bool {
	for _, id := range ids {
		if strings.EqualFold(id.Name, name) {
			return true
		}
	}
	return false
}

// storedRow is the row of tr stored under key as the session reads it (a
// copy of its bytes); found is false when there is none.
func (s *Session) storedRow(ctx context.Context, tr *tableRef, key string) ([]byte, bool, error) {
	b, ok, err := s.reader(tr.db).Get(ctx, tr.t.RowStore().StoreID, []byte(key), storage.Latest)
	if err != nil || !ok {
		return nil, false, err
	}
	return append([]byte(nil), b...), true, nil
}

// scrollLockHeld reports whether a SCROLL_LOCKS cursor's lock on the row
// of tr stored under key is still held by the running transaction: no one
// else can have changed the row since the FETCH, and a change the session
// made itself is no conflict. A lock that ended with the transaction that
// took it — a FETCH in autocommit mode — protects nothing, so the change is
// checked as an OPTIMISTIC cursor's is rather than lose another session's
// update.
func (s *Session) scrollLockHeld(c *cursor, tr *tableRef, key string) bool {
	if c.cc != ccScrollLocks {
		return false
	}
	res := txn.Resource{Kind: txn.Key, Database: uint32(tr.db.ID()), Object: tr.t.RowStore().StoreID, Key: key}
	if c.scrollOwner != nil && s.srv.Locks().Held(c.scrollOwner, res) != txn.ModeNone {
		return true // held since a FETCH outside a transaction (cursor_scrolllocks.go)
	}
	return s.tx != nil && s.srv.Locks().Held(s.tx.owner, res) != txn.ModeNone
}

// scrollLock takes a SCROLL_LOCKS cursor's U lock on the rows it has just
// fetched.
func (s *Session) scrollLock(ctx context.Context, c *cursor) error {
	if c.cc != ccScrollLocks || c.readOnly {
		return nil
	}
	s.releaseScrollLocks(c) // the previous FETCH's, held outside a transaction
	lock := s.lock
	if !s.nest.Active() {
		lock = s.scrollLocker(c) // cursor_scrolllocks.go
	}
	for j, b := range c.keyed.bases {
		key := c.keyed.keys[c.pos][j]
		if key == "" {
			continue
		}
		dbid := uint32(b.tr.db.ID())
		if err := lock(ctx, txn.ObjectResource(dbid, uint32(b.tr.t.ID)), txn.ModeIX, txn.ForTransaction); err != nil {
			return err
		}
		res := txn.Resource{Kind: txn.Key, Database: dbid, Object: b.tr.t.RowStore().StoreID, Key: key}
		if err := lock(ctx, res, txn.ModeU, txn.ForTransaction); err != nil {
			return err
		}
	}
	return nil
}
