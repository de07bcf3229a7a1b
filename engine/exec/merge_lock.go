package exec

import (
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// MERGE's read-modify-write under READ COMMITTED (issue #5). MERGE read
// its target without locks — the seek as a DML target (merge_seek.go),
// the scan instantly — and wrote what it had computed from those rows once
// updateRow had the row's X lock. A transaction that changed the row in
// between and committed while the MERGE waited for the lock lost its
// change: SET n = n + 1 wrote the n read before the wait, and a row that
// no longer satisfied ON was updated or deleted all the same. As UPDATE
// and DELETE do (collectTargets, dml_source.go), a target row that ON
// matches — or that WHEN NOT MATCHED BY SOURCE would update or delete — is
// locked X first and read again under the lock; ON, the view's WHERE for
// a view target and the WHEN conditions then judge the row as committed.
// A row deleted meanwhile is no longer a target. Under SNAPSHOT a row
// changed since the snapshot is 3960, as for UPDATE.
//
// SQL Server takes U locks on the target rows it reads and converts the
// ones it changes to X; here the rows ON matches are locked X at once,
// as UPDATE locks the rows its WHERE selects, including matched rows no
// WHEN MATCHED condition then selects.

// mergeRelock locks target row trow (its store key last) for the write
// and returns it as committed now, nil when it is gone. The lock is X, or
// RangeX-X in a clustered index under SERIALIZABLE or HOLDLOCK, as an
// UPDATE's (targetRowMode).
func (s *Session) mergeRelock(ec *evalCtx, tr *tableRef, hints *lockHints, trow Row) (Row, error) {
	k := trow[len(trow)-1].Str()
	mode := txn.ModeX
	if hints.isolation(s.Opts.Isolation) == txn.Serializable && !tr.t.RowStore().IsHeap() {
		mode = txn.ModeRangeXX
	}
	if err := s.lockRowKeyIn(ec.ctx, tr, tr.t.RowStore().StoreID, k, mode); err != nil {
		return nil, err
	}
	if s.snapshotPoint(tr.db) != nil {
		if err := s.checkUpdateConflict(ec.ctx, tr, []byte(k)); err != nil {
			return nil, err
		}
	}
	return s.lookupLockedRow(ec.ctx, tr, []byte(k))
}

// catchUp brings a scanned target up to date under locking READ
// COMMITTED. The scan read the rows as last committed without waiting
// (runMerge's s.scan takes no read locks), so a row another transaction
// holds was read as it was before that transaction's change: ON and the
// WHEN conditions would judge — and WHEN NOT MATCHED BY SOURCE change —
// the old row. SQL Server's scan waits for such a row and reads it as
// committed. Here the keys others hold are asked for once (as a READ
// COMMITTED scan does, readlock.go) and each is waited for and read again:
// a changed row replaces the one read, a deleted one leaves the target, a
// committed insert joins it. When no other transaction holds the table in
// a writer's mode nothing is asked. Rows MERGE then changes are still
// locked X and read again (refresh): a writer may come in between.
//
// Under READ_COMMITTED_SNAPSHOT the scan's committed rows are what SQL
// Server's versioned read finds too; REPEATABLE READ, SERIALIZABLE and
// UPDLOCK read the target under their own locks (mergeScan, and the seek
// through readlock.go).
func (m *merger) catchUp() error {
	s, tr := m.s, m.tr
	if t, temp := tr.db.(*tempDatabase); temp && !t.shared {
		return nil
	}
	h := m.hints
	if h == nil {
		h = &lockHints{}
	}
	iso := h.isolation(s.Opts.Isolation)
	if iso != txn.ReadCommitted || h.mode != txn.ModeNone || h.tableLock || h.tableX || h.readPast {
		return nil
	}
	if vd, ok := tr.db.(versionedDatabase); ok && !h.rcLock {
		if _, rcsi := vd.ReadVersioning(); rcsi {
			return nil
		}
	}
	db, obj := uint32(tr.db.ID()), tr.t.RowStore().StoreID
	locks := s.srv.Locks()
	if locks.Free(s.txOwner(), txn.ObjectResource(db, uint32(tr.t.ID)), txn.ModeS) {
		return nil
	}
	held := locks.KeysHeld(s.txOwner(), db, obj, nil, nil, txn.ModeS)
	if len(held) == 0 {
		return nil
	}
	at := make(map[string]int, len(m.targets))
	for i, r := range m.targets {
		at[r[m.tw-1].Str()] = i
	}
	owner := s.beginTx(true).owner
	timeout := txn.LockTimeout(s.Opts.LockTimeout)
	for _, k := range held {
		res := txn.Resource{Kind: txn.Key, Database: db, Object: obj, Key: k}
		if _, err := locks.LockInstant(m.ec.ctx, owner, res, txn.ModeS, timeout); err != nil {
			return err
		}
		row, err := s.lookupRow(m.ec.ctx, tr, []byte(k))
		if err != nil {
			return err
		}
		if row != nil && m.inView != nil {
			if ok, err := m.holds(m.inView, row); err != nil || !ok {
				row = nil
				if err != nil {
					return err
				}
			}
		}
		i, had := at[k]
		switch {
		case had && row == nil:
			m.state[i] |= targetGone
		case had:
			m.targets[i] = row
		case row != nil:
			m.targets = append(m.targets, row)
			m.state = append(m.state, 0)
		}
	}
	return nil
}

// MERGE's reads under REPEATABLE READ, SERIALIZABLE (HOLDLOCK) and UPDLOCK
// (issue #5). SQL Server reads a MERGE's target in update mode, as UPDATE
// reads its rows: U locks on the rows it reads, held to the transaction's
// end at those levels, and under SERIALIZABLE key-range locks — RangeS-U
// on each key read and on the key after the last — so that no other
// transaction inserts a key into what it read until it ends. That is what
// makes the HOLDLOCK upsert (MERGE … WITH (HOLDLOCK) … WHEN MATCHED THEN
// UPDATE … WHEN NOT MATCHED THEN INSERT) safe from many sessions at once:
// a second upsert of a missing key waits at the first one's range lock
// and then finds the row it inserted, instead of inserting it again
// (2627) or updating a row it read before the other changed it. Update
// mode, not shared: two upserts of one key queue instead of both reading
// it and then deadlocking at their writes.
//
// The seek (merge_seek.go) takes these locks through readlock.go. The
// scan reads the whole target: under SERIALIZABLE a clustered index is
// read by a rangeIterator over all of it (RangeS-U on every key and on the
// end of the index, escalating to the table's U lock past escalateAt
// keys), a heap is locked whole (U on the table: SQL Server has no key
// ranges on a heap); under REPEATABLE READ each row read is held U. Under
// READ COMMITTED without UPDLOCK the scan reads without locks and catches
// up (catchUp above); SQL Server's documented answer to a concurrent
// insert there is 2627, and that stays.

// mergeTargetHints are the locking hints on MERGE's target — on a view,
// those of the view, which apply to its base table. The target's tableRef
// does not carry them (hints are read where a table is read), so the
// merger keeps them.
func mergeTargetHints(st *ast.MergeStmt, iso txn.Isolation) (*lockHints, error) {
	tn, ok := st.Target.(*ast.TableName)
	if !ok {
		return nil, nil
	}
	return parseLockHints(tn.Hints, iso) // lockhints.go
}

// mergeReadHints are the hints a locking read of MERGE's target runs
// under: h with the update mode MERGE reads in where no UPDLOCK or XLOCK
// says otherwise, and whether the read holds locks at all (REPEATABLE
// READ, SERIALIZABLE, UPDLOCK or XLOCK); ok is false for READ COMMITTED,
// READ UNCOMMITTED and SNAPSHOT without a mode hint.
func mergeReadHints(h *lockHints, session txn.Isolation) (u lockHints, ok bool) {
	if h != nil {
		u = *h
	}
	iso := u.isolation(session)
	if u.mode == txn.ModeNone {
		if iso != txn.RepeatableRead && iso != txn.Serializable {
			return u, false
		}
		u.mode = txn.ModeU
	}
	return u, true
}

// mergeTableLock is the table lock MERGE takes on its target before it
// reads it (lockTargetIn): IX, as every writer, but UIX where it will
// lock the whole table for its read — a heap scanned under SERIALIZABLE.
// Taken as IX first, the U lock of that read would then wait for every
// other writer's IX, and two such MERGEs for each other's: a deadlock
// on every concurrent pair. UIX (U and IX together; X under XLOCK) is
// taken at once or waited for before the first row is read.
//
// TABLOCK or TABLOCKX on the target is X on the table, as for an INSERT,
// UPDATE or DELETE target (targetTableMode): MERGE writes it. TABLOCK
// read the target under READ COMMITTED without any lock (its statement S
// was not taken, the scan reading as for no hint), so another session's
// uncommitted change was read as before it.
func (s *Session) mergeTableLock(tr *tableRef, hints *lockHints, scan bool) txn.Mode {
	if hints != nil && (hints.tableLock || hints.tableX) {
		return txn.ModeX
	}
	u, holds := mergeReadHints(hints, s.Opts.Isolation)
	if scan && holds && u.isolation(s.Opts.Isolation) == txn.Serializable && tr.t.RowStore().IsHeap() {
		return txn.Combine(txn.ModeIX, u.mode)
	}
	return txn.ModeIX
}

// mergeScan reads the whole of MERGE's target tr, locked as hints and the
// session's isolation level say (above), and returns its rows.
func (s *Session) mergeScan(ec *evalCtx, tr *tableRef, hints *lockHints) ([]Row, error) {
	u, holds := mergeReadHints(hints, s.Opts.Isolation)
	if t, temp := tr.db.(*tempDatabase); !holds || temp && !t.shared {
		it, err := s.scan(ec, tr, nil, nil, false)
		if err != nil {
			return nil, err
		}
		return drain(it)
	}
	ltr := *tr
	ltr.hints, ltr.dmlTarget = &u, true
	ranged := u.isolation(s.Opts.Isolation) == txn.Serializable && !tr.t.RowStore().IsHeap()
	var rl readLocks
	on, err := s.readLocksFor(ec.ctx, &ltr, false, ranged, &rl) // readlock.go
	if err != nil {
		return nil, err
	}
	if rl.latest {
		defer s.readLatest()()
	}
	it, err := s.scanLocked(ec, &ltr, nil, nil, nil, heldLocks(on, &rl))
	if err != nil {
		return nil, err
	}
	return drain(it)
}
