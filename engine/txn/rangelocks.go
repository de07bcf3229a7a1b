package txn

import "slices"

// What the lock manager keeps for key-range locking besides the locks
// (issues #4 #5). The executor reads committed rows; a transaction's own
// writes stay in its write set until it commits. So a SERIALIZABLE scan
// cannot meet another transaction's uncommitted insert the way SQL Server's
// scan meets the new key in the index and waits for its X lock. Two things
// stand in for that:
//
//   - Inserted keys: each owner's keys inserted and not yet committed, per
//     index (NoteInsert). A range reader, once it holds the range lock on a
//     key, asks for any other owner's inserted key in the gap before it
//     (InsertedBetween) and locks that key too, waiting for the inserter
//     as SQL Server's scan would.
//   - The write epoch: a counter raised whenever an owner that wrote keys
//     releases them (commit or rollback), after its rows are visible. A
//     scan whose epoch has moved since it opened its view reads the gap
//     again: a commit between its read and its lock cannot slip past.
//
// Inserters test RangeI-N on the next key only where someone holds a range
// lock on the index (RangeHeld), so an INSERT into a table no SERIALIZABLE
// reader has locked costs one map lookup more than before.

// indexID names one index (a storage object) of one database.
type indexID struct{ db, store uint32 }

// insertedKeys are an owner's uncommitted inserted keys of one index. An
// owner keeps them in a slice searched in order — a transaction inserts
// into few indexes — whose first element, and its first key, live in the
// Owner: a single-row INSERT records its key without allocating.
type insertedKeys struct {
	id     indexID
	keys   []string
	sorted bool
	inline [1]string // keys' first backing array
}

// insertedIn returns o's inserted keys of index id, or nil. Caller holds mu.
func (o *Owner) insertedIn(id indexID) *insertedKeys {
	for i := range o.inserted {
		if o.inserted[i].id == id {
			return &o.inserted[i]
		}
	}
	return nil
}

// WriteEpoch is the write epoch (above): read it before opening a view of
// the rows and compare after locking what was read.
func (m *Manager) WriteEpoch() uint64 { return m.writeEpoch.Load() }

// NoteInsert records that o inserted key into index store of database db
// (o holds its X lock; key is best the string its lock resource holds, which
// the record then shares) and reports whether any owner holds a key-range lock
// on that index now: only then must the insert test RangeI-N on the next
// key.
func (m *Manager) NoteInsert(o *Owner, db, store uint32, key string) (rangeHeld bool) {
	id := indexID{db, store}
	m.mu.Lock()
	ik := o.insertedIn(id)
	if ik == nil {
		if o.inserted == nil {
			o.inserted = o.insInline[:0]
		}
		o.inserted = append(o.inserted, insertedKeys{id: id, sorted: true})
		ik = &o.inserted[len(o.inserted)-1]
		ik.keys = ik.inline[:0]
	}
	if n := len(ik.keys); n > 0 && ik.keys[n-1] >= key {
		ik.sorted = false
	}
	ik.keys = append(ik.keys, key)
	o.wroteKeys = true
	rangeHeld = len(m.ranged) > 0 && m.ranged[id] > 0
	m.mu.Unlock()
	return rangeHeld
}

// InsertedBetween returns the first key in [from, before) — before "" to the
// end of the index — that an owner other than o
// holding table (the index's table object) in an intent-exclusive or
// stronger mode has inserted into index store and not yet committed.
func (m *Manager) InsertedBetween(o *Owner, db, table, store uint32, from, before string) (string, bool) {
	id := indexID{db, store}
	m.mu.Lock()
	defer m.mu.Unlock()
	h := m.heads[ObjectResource(db, table)]
	if h == nil {
		return "", false
	}
	first, found := "", false
	for _, g := range h.holders {
		if g.owner == o {
			continue
		}
		ik := g.owner.insertedIn(id)
		if ik == nil {
			continue
		}
		if !ik.sorted {
			slices.Sort(ik.keys)
			ik.keys = slices.Compact(ik.keys)
			ik.sorted = true
		}
		i, _ := slices.BinarySearch(ik.keys, from)
		if i < len(ik.keys) && (before == "" || ik.keys[i] < before) && (!found || ik.keys[i] < first) {
			first, found = ik.keys[i], true
		}
	}
	return first, found
}

// RangeHeld reports whether any owner holds a key-range lock on index store
// of database db.
func (m *Manager) RangeHeld(db, store uint32) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.ranged) > 0 && m.ranged[indexID{db, store}] > 0
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
		return
	}
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

// endWrites forgets o's inserted keys and, if o wrote keys, raises the write
// epoch. Called by ReleaseAll, after the commit made o's rows visible. Caller
// holds mu.
func (m *Manager) endWrites(o *Owner) {
	clear(o.insInline[0].inline[:])
	o.insInline[0] = insertedKeys{}
	o.inserted = nil
	if o.wroteKeys {
		o.wroteKeys = false
		m.writeEpoch.Add(1)
	}
}
