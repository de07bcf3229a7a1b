package exec

import "github.com/mirrorsql/mirrorsql/engine/txn"

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
// and returns it as committed now, nil when it is gone.
func (s *Session) mergeRelock(ec *evalCtx, tr *tableRef, trow Row) (Row, error) {
	k := trow[len(trow)-1].Str()
	if err := s.lockRowKey(ec.ctx, tr, tr.t.RowStore().StoreID, k); err != nil {
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
// Server's versioned read finds too; the other levels keep their own
// reads (REPEATABLE READ and SERIALIZABLE through the seek, readlock.go).
func (m *merger) catchUp() error {
	s, tr := m.s, m.tr
	if t, temp := tr.db.(*tempDatabase); temp && !t.shared {
		return nil
	}
	h := tr.hints
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
