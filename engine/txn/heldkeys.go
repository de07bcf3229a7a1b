package txn

import "github.com/google/btree"

// The held keys of each index (issues #4 #5): every key of an index that
// has a lock head — granted holds with their modes and owners, waiters —
// kept in key order, one tree per index. Two kinds of reader ask it once
// per range instead of probing the lock table per row:
//
//   - A locking READ COMMITTED scan or seek must wait for the rows other
//     transactions hold, also rows they inserted and have not committed,
//     which are in no store it reads, only here as X-locked keys
//     (KeysHeld); so must a foreign key's parent delete, for its
//     children.
//   - A SERIALIZABLE range scan must wait for another transaction's
//     uncommitted insert into a gap it covers, as SQL Server's scan meets
//     the new key in the index and waits for its X lock (HeldBetween).
//
// An insert holds its new key X until its transaction ends, so the held
// keys include every uncommitted insert: no separate record of inserted
// keys is kept. The end of an index (the key "", the last range's
// resource) is no key of it and is not in the tree.

// indexID names one index (a storage object) of one database: the Object
// of its key resources.
type indexID struct{ db, store uint32 }

// keyTreeDegree is the held-key trees' B-tree degree: nodes of up to 31
// keys, searched by binary search.
const keyTreeDegree = 16

func headKeyLess(a, b *lockHead) bool { return a.key < b.key }

// noteKeyHead records h, the new lock head of key resource res, in its
// index's tree. Caller holds mu.
func (m *Manager) noteKeyHead(res Resource, h *lockHead) {
	if res.Kind != Key || res.Key == "" {
		return
	}
	id := indexID{res.Database, res.Object}
	t := m.keys[id]
	if t == nil {
		if m.keys == nil {
			m.keys = make(map[indexID]*btree.BTreeG[*lockHead])
			m.keyNodes = btree.NewFreeListG[*lockHead](btree.DefaultFreeListSize)
		}
		if len(m.keys) >= m.keysSweepAt {
			m.sweepKeyTrees()
		}
		t = btree.NewWithFreeListG(keyTreeDegree, headKeyLess, m.keyNodes)
		m.keys[id] = t
	}
	h.key = res.Key
	t.ReplaceOrInsert(h)
}

// minKeysSweep is the number of held-key trees below which empty ones are
// not swept.
const minKeysSweep = 256

// sweepKeyTrees drops the trees of indexes none of whose keys is locked.
// Indexes come and go — every #temp table is a new one in tempdb — and a
// tree kept for each index ever locked grew the lock manager without
// bound. The next sweep waits until the trees have doubled, so its cost
// is spread over the trees made meanwhile. Caller holds mu.
func (m *Manager) sweepKeyTrees() {
	for id, t := range m.keys {
		if t.Len() == 0 {
			delete(m.keys, id)
		}
	}
	m.keysSweepAt = max(minKeysSweep, 2*len(m.keys))
}

// forgetKeyHead undoes noteKeyHead when h, res's head, goes idle. The
// index's tree stays (empty) for its next lock: a table written row by
// row would otherwise make one per write; sweepKeyTrees drops it once
// there are many. Caller holds mu.
func (m *Manager) forgetKeyHead(res Resource, h *lockHead) {
	if res.Kind != Key || res.Key == "" {
		return
	}
	m.keys[indexID{res.Database, res.Object}].Delete(h)
	h.key = ""
}

// ascendKeys calls visit with the held keys of index (db, store) from
// lower on (in key order) until it returns false. Caller holds mu.
func (m *Manager) ascendKeys(db, store uint32, lower string, visit func(h *lockHead) bool) {
	t := m.keys[indexID{db, store}]
	if t == nil || t.Len() == 0 {
		return
	}
	if lower == "" {
		t.Ascend(visit)
		return
	}
	m.pivot.key = lower
	t.AscendGreaterOrEqual(&m.pivot, visit)
	m.pivot.key = ""
}

// KeysHeld returns, in ascending byte order, the keys of object obj of
// database db in [lower, upper) (nil: unbounded) that o (nil: an owner that
// holds nothing) could not take in mode now: some other owner holds them in
// a conflicting mode or waits for them. A key freed or locked after the
// call is not reflected.
func (m *Manager) KeysHeld(o *Owner, db, obj uint32, lower, upper []byte, mode Mode) []string {
	var out []string
	m.mu.Lock()
	m.ascendKeys(db, obj, string(lower), func(h *lockHead) bool {
		if upper != nil && h.key >= string(upper) {
			return false
		}
		if len(h.queue) > 0 || !h.compatible(o, mode) {
			out = append(out, h.key)
		}
		return true
	})
	m.mu.Unlock()
	return out
}

// HeldBetween returns the first key of index store of database db in
// [from, before) — before "": to the end of the index — that another owner
// holds in a mode conflicting with mode for o: for a range reader, a
// writer's key in a gap it read, an uncommitted insert among them.
func (m *Manager) HeldBetween(o *Owner, db, store uint32, from, before string, mode Mode) (key string, found bool) {
	m.mu.Lock()
	m.ascendKeys(db, store, from, func(h *lockHead) bool {
		if before != "" && h.key >= before {
			return false
		}
		if !h.compatible(o, mode) {
			key, found = h.key, true
			return false
		}
		return true
	})
	m.mu.Unlock()
	return key, found
}
