package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// Key-range locking (issues #4 #5): how SERIALIZABLE (or HOLDLOCK) keeps
// phantoms out of a range it read without locking the table, as SQL Server
// does (the locking guide's "Key-range locking").
//
//   - A range read of an index (clustered, or nonclustered: access.go
//     indexSeek) locks each key it reads in a
//     key-range mode — RangeS-S, RangeS-U under UPDLOCK, RangeX-X under
//     XLOCK — and then the first key past the range, or the end of the index
//     (the key "", shown as (ffffffffffff)). A key's range lock covers the
//     gap before it, so the locks cover the whole range. The table gets an
//     intent lock only.
//   - An INSERT, after locking its new key, tests RangeI-N on the key after
//     it (instant: nothing is held) when some transaction holds a range lock
//     on the index, and waits while a reader's range covers the gap. Where
//     nobody does, it skips the search for the next key.
//   - A DELETE under SERIALIZABLE takes RangeX-X on the key it removes,
//     in every index.
//
// Rows another transaction inserted and has not committed are not in the
// store the scan reads (readlock.go), and rows may commit between the scan
// reading a gap and locking the key after it. rangeIterator covers both
// with the lock manager's bookkeeping (engine/txn heldkeys.go,
// rangelocks.go): it locks the keys other transactions hold X in each gap
// — their uncommitted inserts — waiting for them as SQL Server's scan waits
// on the new key, and reads the gap again when any writer has ended since
// it last read.
//
// Reads without a range (no index bounds them) keep taking S on the table,
// which is a lock on the whole range at once; equality on the whole unique
// clustered key keeps locking that one key (lookupLocked).

// rangeMode is the key-range mode a read in row mode mode takes.
func rangeMode(mode txn.Mode) txn.Mode {
	switch mode {
	case txn.ModeU:
		return txn.ModeRangeSU
	case txn.ModeX:
		return txn.ModeRangeXX
	}
	return txn.ModeRangeSS
}

// rangeIterator reads index store in [lo, hi) (hi nil: to the end) taking
// key-range locks: each key it returns, then the key past the range.
type rangeIterator struct {
	ctx    context.Context
	l      *readLocks
	r      storage.Reader
	store  uint32
	lo, hi []byte

	it    storage.Iterator // the view read: from just after last, unbounded
	epoch uint64           // the write epoch before it was opened
	last  []byte           // the key returned last; nil before the first
	err   error
	done  bool
	n     int  // keys locked
	table bool // escalated: the table lock covers the rest
	// prov is the key lock taken for the key being read, if the transaction
	// did not hold it before, until the key is returned: given back if a
	// lower key turns up first.
	prov *txn.Resource
}

func (s *Session) newRangeIterator(ctx context.Context, r storage.Reader, store uint32, lo, hi []byte, l *readLocks) (*rangeIterator, error) {
	ri := &rangeIterator{ctx: ctx, l: l, r: r, store: store, lo: lo, hi: hi}
	if err := ri.open(); err != nil {
		return nil, err
	}
	return ri, nil
}

// from is where the rest of the range starts: lo, or just after last.
func (ri *rangeIterator) from() []byte {
	if ri.last == nil {
		return ri.lo
	}
	return append(ri.last[:len(ri.last):len(ri.last)], 0)
}

// open (re)opens the view at from, noting the write epoch first: a writer
// that ends after this read of the epoch is seen by the next comparison.
func (ri *rangeIterator) open() error {
	if ri.it != nil {
		ri.it.Close()
		ri.it = nil
	}
	ri.epoch = ri.l.s.srv.Locks().WriteEpoch()
	it, err := ri.r.NewIterator(ri.store, ri.from(), nil, false, storage.Latest)
	if err != nil {
		return err
	}
	ri.it = it
	return nil
}

func (ri *rangeIterator) Next() bool {
	if ri.done || ri.err != nil {
		return false
	}
	if ri.table {
		return ri.nextCovered()
	}
	locks := ri.l.s.srv.Locks()
	owner := ri.l.s.beginTx(true).owner
	mode := rangeMode(ri.l.mode)
	for {
		var key []byte // nil: the end of the index, whose resource is the key ""
		if ri.it.Next() {
			key = ri.it.Key()
		} else if ri.err = ri.it.Err(); ri.err != nil {
			return false
		}
		res := txn.Resource{Kind: txn.Key, Database: ri.l.db, Object: ri.store, Key: string(key)}
		if ri.prov != nil && *ri.prov != res {
			// Reading again found a lower key than the one locked: give that
			// lock back and take the lower one first, so that scans lock in
			// key order and do not deadlock each other.
			locks.Release(owner, *ri.prov)
			ri.prov = nil
		}
		if ri.prov == nil {
			waited, err := ri.lockKey(owner, res, mode)
			if err != nil {
				ri.err = err
				return false
			}
			if waited {
				// The gap or the key may have changed while it waited.
				if ri.err = ri.open(); ri.err != nil {
					return false
				}
				continue
			}
		}
		past := key == nil || ri.hi != nil && string(key) >= string(ri.hi)
		before := string(key)
		if past && ri.hi != nil {
			before = string(ri.hi) // inserts beyond the range cannot be phantoms of it
		}
		if k, found := locks.HeldBetween(owner, ri.l.db, ri.store, string(ri.from()), before, mode); found {
			// Another transaction's key in the gap — its uncommitted
			// insert: lock it as SQL Server's scan locks the new key it
			// meets (waiting for the inserter), then read again.
			if ri.prov != nil {
				locks.Release(owner, *ri.prov)
				ri.prov = nil
			}
			if _, ri.err = ri.lockKey(owner, txn.Resource{Kind: txn.Key, Database: ri.l.db, Object: ri.store, Key: k}, mode); ri.err != nil {
				return false
			}
			if ri.err = ri.open(); ri.err != nil {
				return false
			}
			continue
		}
		if locks.WriteEpoch() != ri.epoch {
			// A writer ended since the view was read: read the gap again.
			if ri.err = ri.open(); ri.err != nil {
				return false
			}
			continue
		}
		ri.prov = nil
		if past {
			ri.done = true
			return false
		}
		ri.last = append(ri.last[:0], key...)
		if ri.n++; ri.n%escalateAt == 0 {
			ri.table = ri.l.escalate(ri.ctx)
		}
		return true
	}
}

// lockKey locks res in mode for the transaction; a lock the transaction did
// not hold before becomes prov.
func (ri *rangeIterator) lockKey(owner *txn.Owner, res txn.Resource, mode txn.Mode) (waited bool, err error) {
	waited, fresh, err := ri.l.s.srv.Locks().LockFresh(ri.ctx, owner, res, mode, txn.ForTransaction, ri.l.timeout)
	if err == nil && fresh {
		ri.prov = &res
	}
	return waited, err
}

// nextCovered is Next once the table lock covers the range: no key locks,
// the range's end checked here (the view runs past it).
func (ri *rangeIterator) nextCovered() bool {
	if !ri.it.Next() {
		return false
	}
	if ri.hi != nil && string(ri.it.Key()) >= string(ri.hi) {
		ri.done = true
		return false
	}
	return true
}

func (ri *rangeIterator) Key() []byte   { return ri.it.Key() }
func (ri *rangeIterator) Value() []byte { return ri.it.Value() }

func (ri *rangeIterator) Err() error {
	if ri.err != nil {
		return ri.err
	}
	return ri.it.Err()
}

func (ri *rangeIterator) Close() error {
	if ri.it == nil {
		return nil
	}
	return ri.it.Close()
}

// testInsertRange is SQL Server's test of an INSERT's range before it
// writes its key ("Insert operation" in the locking guide: RangeI-N on the
// next key, and only then the new key's X): where some transaction holds
// a range lock on index store, wait until RangeI-N on the key after key
// could be granted (instant; 1222, 1205 as any lock). While it waits the
// INSERT holds nothing on its new key, so a range reader that reads its
// range again meanwhile finds nothing of it to wait for; had it held the
// key X (as noteInsert's order alone has it), a SERIALIZABLE transaction
// reading its range twice and the INSERT waiting on it were a deadlock
// SQL Server does not have. A key already in the index is left to the
// duplicate check.
func (s *Session) testInsertRange(ctx context.Context, tr *tableRef, store uint32, key string) error {
	return s.insertRangeTest(ctx, tr, store, key, true)
}

// noteInsert is what an INSERT does for key-range locking once it holds the
// X lock on key, its new key in index store (the X lock is what range
// readers find of the uncommitted key): where some transaction holds a
// range lock on the index, test RangeI-N on the next key (instant; 1222,
// 1205 as any lock). A reader that locked the range between
// testInsertRange and the X lock is waited for here.
func (s *Session) noteInsert(ctx context.Context, tr *tableRef, store uint32, key string) error {
	return s.insertRangeTest(ctx, tr, store, key, false)
}

// insertRangeTest tests RangeI-N on the key after key in store; before:
// the key is not locked yet (testInsertRange).
func (s *Session) insertRangeTest(ctx context.Context, tr *tableRef, store uint32, key string, before bool) error {
	locks := s.srv.Locks()
	db := uint32(tr.db.ID())
	if !locks.RangeHeld(db, store) {
		return nil
	}
	owner := s.beginTx(true).owner
	from := append([]byte(key), 0)
	if before {
		from = from[:len(key)] // the key itself, if it is there
	}
	it, err := s.latestReader(tr.db).NewIterator(store, from, nil, false, storage.Latest)
	if err != nil {
		return err
	}
	var next string // "": the end of the index
	found := it.Next()
	if found {
		next = string(it.Key())
	}
	err = it.Err()
	it.Close()
	if err != nil || before && found && next == key {
		return err
	}
	_, err = locks.LockInstant(ctx, owner, txn.Resource{Kind: txn.Key, Database: db, Object: store, Key: next}, txn.ModeRangeIN, txn.LockTimeout(s.Opts.LockTimeout))
	return err
}
