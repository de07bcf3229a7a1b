package txn

// What the lock manager keeps for key-range locking besides the locks
// (issues #4 #5). The executor reads committed rows; a transaction's own
// writes stay in its write set until it commits. So a SERIALIZABLE scan
// cannot meet another transaction's uncommitted insert the way SQL Server's
// scan meets the new key in the index and waits for its X lock. Two things
// stand in for that:
//
//   - The held keys (heldkeys.go): an insert holds its new key X until its
//     transaction ends. A range reader, once it holds the range lock on a
//     key, asks for a key another owner holds against it in the gap before
//     it (HeldBetween) and locks that key too, waiting for the inserter as
//     SQL Server's scan would.
//   - The write epoch: a counter raised whenever an owner that wrote keys
//     releases them (commit or rollback), after its rows are visible. A
//     scan whose epoch has moved since it opened its view reads the gap
//     again: a commit between its read and its lock cannot slip past.
//
// Inserters test RangeI-N on the next key only where someone holds a range
// lock on the index (RangeHeld), so an INSERT into a table no SERIALIZABLE
// reader has locked costs one atomic load more than before.

// WriteEpoch is the write epoch (above): read it before opening a view of
// the rows and compare after locking what was read.
func (m *Manager) WriteEpoch() uint64 { return m.writeEpoch.Load() }

// RangeHeld reports whether any owner holds a key-range lock on index store
// of database db: only then must an insert into it test RangeI-N on the
// next key. While nobody holds one anywhere it does not take the mutex.
func (m *Manager) RangeHeld(db, store uint32) bool {
	if m.rangeGrants.Load() == 0 {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.ranged[indexID{db, store}] > 0
}

// noteKeyModeChange keeps the count of range grants per index, and marks an
// owner that holds a key X (it wrote the row), as g, a grant on a key, goes
// from mode before to its mode now. Caller holds mu.
func (m *Manager) noteKeyModeChange(g *grant, before Mode) {
	after := g.mode()
	if after == ModeX || after == ModeRangeXX || after == ModeRangeIX {
		g.owner.wroteKeys = true
	}
	was, is := readsRange(before), readsRange(after)
	if was == is {
		return
	}
	id := indexID{g.res.Database, g.res.Object}
	if is {
		if m.ranged == nil {
			m.ranged = make(map[indexID]int)
		}
		m.ranged[id]++
		m.rangeGrants.Add(1)
		return
	}
	m.rangeGrants.Add(-1)
	if m.ranged[id]--; m.ranged[id] <= 0 {
		delete(m.ranged, id)
	}
}

// readsRange reports whether mode keeps inserts out of the range before the
// key (RangeS or RangeX): the locks an insert must test.
func readsRange(mode Mode) bool {
	switch mode {
	case ModeRangeSS, ModeRangeSU, ModeRangeXS, ModeRangeXU, ModeRangeXX:
		return true
	}
	return false
}

// endWrites raises the write epoch if o wrote keys. Called by ReleaseAll,
// after the commit made o's rows visible. Caller holds mu.
func (m *Manager) endWrites(o *Owner) {
	if o.wroteKeys {
		o.wroteKeys = false
		m.writeEpoch.Add(1)
	}
}
