package exec

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// Reads that lock (issues #4 #5): what a read of a table in FROM locks,
// decided when the read opens from the session's isolation level and the
// table's locking hints (lockhints.go).
//
//   - READ UNCOMMITTED, NOLOCK, SNAPSHOT and READ COMMITTED under
//     READ_COMMITTED_SNAPSHOT read committed row versions and lock nothing
//     (snapshot.go decides their read points), unless UPDLOCK, XLOCK,
//     READCOMMITTEDLOCK or a table hint asks for locks.
//   - READ COMMITTED (locking) takes instant S locks: a row another
//     transaction holds X (changed, not committed) is waited for, nothing
//     is held afterwards (a point read reads the row once the lock is
//     free; a scan, see lockedIterator). To keep the
//     default read cheap, a scan first asks whether anyone other than the
//     session holds the table in a mode a writer holds (IX, SIX, UIX, X); when
//     no one does, no row is checked. Otherwise it asks the lock manager
//     once for the keys of its range others hold (txn.KeysHeld) and waits
//     for those as it passes their place — rows another transaction
//     inserted and has not committed among them, which are in no store and
//     known only by their X locks (a READPAST scan skips them, LOCK_TIMEOUT
//     gives 1222). A writer that starts after that holds rows the scan
//     then reads as last committed — the result a reader that had passed
//     those rows before the writer locked them gets, which READ COMMITTED
//     allows. A point lookup checks its one key, present or not.
//   - REPEATABLE READ holds S on every row read until the transaction ends;
//     a point read that finds no row holds nothing (lookupLocked).
//   - SERIALIZABLE (or HOLDLOCK) holds what REPEATABLE READ does and keeps
//     phantoms out: an equality seek on the whole unique clustered key locks
//     that key whether or not the row exists (an INSERT of it takes the key's
//     X lock and waits); a range of an index, clustered or not, takes
//     key-range locks on its keys (keyrange.go; a nonclustered seek S on the
//     rows it looks up too); any other read takes S on the table for the
//     transaction (an INSERT takes IX there and waits).
//   - UPDLOCK takes U, XLOCK X, on the rows read, held to the transaction's
//     end; TABLOCK takes S on the table instead of row locks (for the
//     statement under READ COMMITTED, else for the transaction), TABLOCKX X
//     for the transaction; NOWAIT fails a lock that would wait with 1222 at
//     once; READPAST skips rows another transaction holds.
//
// Row locks are taken on the row store key, the resource writers lock
// (lockRowKey); table locks on the table's object, where writers take IX.
// Temp tables and table variables are the session's and take none.

// readLocks is the locking of one open read of a table.
type readLocks struct {
	s       *Session
	db, obj uint32   // database id and the row store's id: the key resources
	table   uint32   // the table's object id: its lock covers every key (escalation)
	mode    txn.Mode // S, U or X
	instant bool     // READ COMMITTED: wait, hold nothing
	dur     txn.Duration
	timeout time.Duration
	skip    bool // READPAST
	// latest: the read must see the newest committed rows (a locking read
	// under READ_COMMITTED_SNAPSHOT).
	latest bool
	// ranged: SERIALIZABLE over a range of an index, read by a
	// rangeIterator (keyrange.go).
	ranged bool
	// keepMissing: SERIALIZABLE keeps the lock of a key it found no row
	// under (lookupLocked).
	keepMissing bool
}

// readLocksFor takes the table-level locks of a read of tr and sets *l to
// how its rows are locked, reporting whether they are (point says the read
// is an equality seek on the whole unique clustered key, ranged that it
// reads a range of an index). l is the caller's, so the default
// read allocates nothing (heldLocks).
func (s *Session) readLocksFor(ctx context.Context, tr *tableRef, point, ranged bool, l *readLocks) (bool, error) {
	ok, err := s.planReadLocks(ctx, tr, point, ranged, l)
	if err != nil || !ok {
		*l = readLocks{}
		return false, err
	}
	return true, nil
}

// heldLocks is a copy of l on the heap for an iterator to keep, or nil
// when on is false.
func heldLocks(on bool, l *readLocks) *readLocks {
	if !on {
		return nil
	}
	c := *l
	return &c
}

func (s *Session) planReadLocks(ctx context.Context, tr *tableRef, point, ranged bool, l *readLocks) (bool, error) {
	if t, temp := tr.db.(*tempDatabase); temp && !t.shared {
		return false, nil
	}
	h := tr.hints
	if h == nil {
		h = &lockHints{}
	}
	iso := h.isolation(s.Opts.Isolation)
	latest := false
	hinted := h.mode != txn.ModeNone || h.tableLock || h.tableX
	switch iso {
	case txn.ReadUncommitted, txn.Snapshot:
		if !hinted {
			return false, nil
		}
	case txn.ReadCommitted:
		if vd, ok := tr.db.(versionedDatabase); ok {
			if _, rcsi := vd.ReadVersioning(); rcsi && s.Opts.Isolation == txn.ReadCommitted {
				if !hinted && !h.rcLock {
					return false, nil
				}
				latest = true
			}
		}
	}
	timeout := txn.LockTimeout(s.Opts.LockTimeout)
	if h.noWait {
		timeout = 0
	}
	*l = readLocks{s: s, db: uint32(tr.db.ID()), obj: tr.t.RowStore().StoreID, mode: txn.ModeS,
		dur: txn.ForTransaction, timeout: timeout, skip: h.readPast, latest: latest, table: uint32(tr.t.ID)}
	if h.mode != txn.ModeNone {
		l.mode = h.mode
	} else if tr.dmlTarget && (iso == txn.RepeatableRead || iso == txn.Serializable) {
		// An UPDATE or DELETE reads its target in update mode, as SQL
		// Server does: U on the rows it reads (RangeS-U on the keys of a
		// SERIALIZABLE range), converted to X on those it changes. S let
		// two of them read one row or gap and deadlock at their writes.
		l.mode = txn.ModeU
	}
	holds := l.mode != txn.ModeS || iso == txn.RepeatableRead || iso == txn.Serializable
	if tr.dmlTarget && !tr.viaFrom && !holds && !h.tableLock && !h.tableX {
		// READ COMMITTED: the UPDATE or DELETE takes each target row's X
		// lock and reads it again under it (collectTargets); a check
		// before would only wait twice. Through FROM the row is judged by
		// ON as read, so the read waits as any other.
		return false, nil
	}
	table := txn.ObjectResource(l.db, uint32(tr.t.ID))
	locks := s.srv.Locks()

	// Table locks instead of row locks: TABLOCK(X), and SERIALIZABLE reads
	// that no key bounds (a lock on the whole range at once).
	if h.tableX || h.tableLock || iso == txn.Serializable && !point && !ranged {
		mode, dur := l.mode, txn.ForTransaction
		if h.tableX {
			mode = txn.ModeX
		} else if !holds {
			dur = txn.ForStatement
		}
		return false, l.lockTable(ctx, table, mode, dur)
	}
	if !holds {
		// READ COMMITTED: wait out a table lock that keeps readers out
		// (TABLOCKX, DDL), then check rows only if a writer could hold one.
		if !locks.Free(s.txOwner(), table, txn.ModeIS) {
			if err := l.lockTable(ctx, table, txn.ModeIS, txn.ForStatement); err != nil {
				return false, err
			}
		}
		if !point && locks.Free(s.txOwner(), table, txn.ModeS) {
			return false, nil
		}
		l.instant = true
		return true, nil
	}
	intent := txn.ModeIS
	if l.mode != txn.ModeS {
		intent = txn.ModeIX
	}
	if err := l.lockTable(ctx, table, intent, txn.ForTransaction); err != nil {
		return false, err
	}
	l.ranged = iso == txn.Serializable && ranged
	l.keepMissing = iso == txn.Serializable
	return true, nil
}

// txOwner is the open transaction's lock owner, or nil.
func (s *Session) txOwner() *txn.Owner {
	if s.tx == nil {
		return nil
	}
	return s.tx.owner
}

// lockTable takes the read's table lock.
func (l *readLocks) lockTable(ctx context.Context, res txn.Resource, mode txn.Mode, dur txn.Duration) error {
	t := l.s.beginTx(true)
	return l.s.srv.Locks().Lock(ctx, t.owner, res, mode, dur, l.timeout)
}

// lockKey locks the row with store key key before it is read. waited
// reports that the lock had to wait (the row may have changed since it was
// found: read it again); skip that READPAST passes it by.
func (l *readLocks) lockKey(ctx context.Context, key []byte) (waited, skip bool, err error) {
	locks := l.s.srv.Locks()
	if l.instant && locks.KeyFree(l.s.txOwner(), l.db, l.obj, key, l.mode) {
		return false, false, nil
	}
	owner, res, timeout := l.keyRequest(key)
	if l.instant {
		waited, err = locks.LockInstant(ctx, owner, res, l.mode, timeout)
	} else {
		waited, err = locks.LockWaited(ctx, owner, res, l.mode, l.dur, timeout)
	}
	if l.skip && errors.Is(err, txn.ErrLockTimeout) {
		return false, true, nil
	}
	return waited, false, err
}

// keyRequest is what a lock on the row with store key key asks for: the
// transaction (begun if none is), the resource, and the wait (none for
// READPAST, which passes a locked row by).
func (l *readLocks) keyRequest(key []byte) (*txn.Owner, txn.Resource, time.Duration) {
	timeout := l.timeout
	if l.skip {
		timeout = 0
	}
	return l.s.beginTx(true).owner, txn.Resource{Kind: txn.Key, Database: l.db, Object: l.obj, Key: string(key)}, timeout
}

// lockKeyFresh is lockKey for a held lock (not instant) reporting whether
// the transaction held nothing on the key before: a lock it may give back
// (release) without dropping one it had.
func (l *readLocks) lockKeyFresh(ctx context.Context, key []byte) (fresh, skip bool, err error) {
	if l.instant {
		_, skip, err = l.lockKey(ctx, key)
		return false, skip, err
	}
	owner, res, timeout := l.keyRequest(key)
	_, fresh, err = l.s.srv.Locks().LockFresh(ctx, owner, res, l.mode, l.dur, timeout)
	if l.skip && errors.Is(err, txn.ErrLockTimeout) {
		return false, true, nil
	}
	return fresh, false, err
}

// release gives back the lock lockKeyFresh took on key.
func (l *readLocks) release(key []byte) {
	l.s.srv.Locks().Release(l.s.txOwner(), txn.Resource{Kind: txn.Key, Database: l.db, Object: l.obj, Key: string(key)})
}

// lockedIterator locks each row an iterator over a row store yields
// before handing it on; a row READPAST passes is skipped. A row whose held
// lock (REPEATABLE READ, SERIALIZABLE, UPDLOCK, XLOCK) had to wait is read
// again, as it is now: it may have changed or gone, and the lock now
// protects that version. A READ COMMITTED scan that waited keeps the
// version its iterator read, committed when the scan began: the statement
// still reads one committed state (TestReviewScansUnderConcurrentWrites),
// which locking READ COMMITTED on SQL Server does not promise, and waiting
// keeps SQL Server's blocking — lock timeouts, deadlocks — for it.
//
// A READ COMMITTED (instant) scan checks only the keys others held when it
// opened (held, in scan order), merged with the rows as it goes: one call
// of the lock manager per scan, not one per row. A held key the store does
// not have — an uncommitted insert — is waited for at its place and, the
// scan reading the rows committed when it began, not shown.
type lockedIterator struct {
	storage.Iterator
	ctx     context.Context
	l       *readLocks
	r       storage.Reader
	value   []byte // the row read again, nil: the iterator's
	err     error
	n       int      // row locks held by this read
	table   bool     // escalated: the table lock covers the rest
	held    []string // instant: keys others held at the start, not yet passed
	reverse bool
	// recheck: a READ COMMITTED entry this read waited for is read again
	// and skipped when gone — set for a covering read (covering.go), which
	// builds its row from the entry instead of looking the row up.
	recheck bool
}

func newLockedIterator(ctx context.Context, it storage.Iterator, l *readLocks, r storage.Reader, lower, upper []byte, reverse bool) *lockedIterator {
	li := &lockedIterator{Iterator: it, ctx: ctx, l: l, r: r, reverse: reverse}
	if l.instant {
		li.held = l.s.srv.Locks().KeysHeld(l.s.txOwner(), l.db, l.obj, lower, upper, l.mode)
		if reverse {
			slices.Reverse(li.held)
		}
	}
	return li
}

// escalateAt is the number of row locks one read holds before it tries to
// lock the whole table instead, as SQL Server escalates at about 5,000: a
// REPEATABLE READ scan of a million rows would otherwise keep a million
// lock entries. The attempt does not wait; it is tried again every
// escalateAt rows more while another transaction's lock is in the way.
const escalateAt = 5000

func (it *lockedIterator) Next() bool {
	if it.l.instant {
		return it.nextInstant()
	}
	for it.Iterator.Next() {
		it.value = nil
		if it.table {
			return true
		}
		key := it.Iterator.Key()
		waited, skip, err := it.l.lockKey(it.ctx, key)
		if err != nil {
			it.err = err
			return false
		}
		if skip {
			continue
		}
		if waited && !it.l.instant {
			if found, ok := it.reread(key); !ok {
				return false
			} else if !found {
				continue
			}
		}
		if !it.l.instant {
			if it.n++; it.n%escalateAt == 0 {
				it.table = it.l.escalate(it.ctx)
			}
		}
		return true
	}
	return false
}

// nextInstant is Next of a READ COMMITTED scan: it waits for the held keys
// up to and including the next row's, skipping a row READPAST passes.
func (it *lockedIterator) nextInstant() bool {
	for it.Iterator.Next() {
		it.value = nil
		key := it.Iterator.Key()
		for len(it.held) > 0 && it.before(it.held[0], key) {
			if !it.waitHeld([]byte(it.held[0])) {
				return false
			}
		}
		if len(it.held) == 0 || it.held[0] != string(key) {
			return true
		}
		waited, skip, err := it.l.lockKey(it.ctx, key)
		it.held = it.held[1:]
		if err != nil {
			it.err = err
			return false
		}
		if skip {
			continue
		}
		if waited && it.recheck {
			// The iterator's entry is as it was before the writer we waited
			// for committed: read it again. A covering read builds its row
			// from the entry alone, so an index entry the writer's update or
			// delete removed must not come back (a lookup would have read
			// the row as committed and the WHERE judged that). Scans keep
			// the entry as it was: with the inserts they pass over, that is
			// one committed state.
			if found, ok := it.reread(key); !ok {
				return false
			} else if !found {
				continue
			}
		}
		return true
	}
	for len(it.held) > 0 { // held keys after the last row
		if !it.waitHeld([]byte(it.held[0])) {
			return false
		}
	}
	return false
}

// reread reads key again as committed now, after a wait for the
// transaction that held it: found is false when it is gone; ok is false on
// an error, kept in it.err.
func (it *lockedIterator) reread(key []byte) (found, ok bool) {
	v, found, err := it.r.Get(it.ctx, it.l.obj, key, storage.Latest)
	if err != nil {
		it.err = err
		return false, false
	}
	if found {
		it.value = v
	}
	return found, true
}

// before reports whether held key h comes before key in scan order.
func (it *lockedIterator) before(h string, key []byte) bool {
	if it.reverse {
		return h > string(key)
	}
	return h < string(key)
}

// waitHeld waits for held key h that no row of the scan has (an insert not
// committed when the scan began) and moves past it.
func (it *lockedIterator) waitHeld(h []byte) bool {
	it.held = it.held[1:]
	if _, _, err := it.l.lockKey(it.ctx, h); err != nil {
		it.err = err
		return false
	}
	return true
}

// escalate tries to lock the read's table in its row mode for the
// transaction, without waiting, and on success frees the row locks it
// covers.
func (l *readLocks) escalate(ctx context.Context) bool {
	owner := l.s.beginTx(true).owner
	locks := l.s.srv.Locks()
	if err := locks.Lock(ctx, owner, txn.ObjectResource(l.db, l.table), l.mode, txn.ForTransaction, 0); err != nil {
		return false
	}
	locks.ReleaseKeysCovered(owner, l.db, l.obj, l.mode)
	return true
}

func (it *lockedIterator) Value() []byte {
	if it.value != nil {
		return it.value
	}
	return it.Iterator.Value()
}

func (it *lockedIterator) Err() error {
	if it.err != nil {
		return it.err
	}
	return it.Iterator.Err()
}
