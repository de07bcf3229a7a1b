package txn

import "slices"

// Keys locked on one object (issues #4 #5). A locking READ COMMITTED scan
// must wait for the rows other transactions hold — also rows they inserted
// and have not committed, which are in no store the scan reads, only here
// as X-locked keys — and a foreign key's parent delete must wait for
// children inserted and not committed. Both ask once, when they open, which
// keys of the object they read are held against them: a range of one map of
// the object's locked keys, instead of a probe of the lock table per row
// read under the manager's mutex.

// objectKeys names the keys of one object in Manager.objKeys.
type objectKeys struct{ db, obj uint32 }

// noteKeyHead records that key resource res has a lock head. Caller holds mu.
func (m *Manager) noteKeyHead(res Resource) {
	if res.Kind != Key {
		return
	}
	ok := objectKeys{res.Database, res.Object}
	keys := m.objKeys[ok]
	if keys == nil {
		if m.objKeys == nil {
			m.objKeys = make(map[objectKeys]map[string]struct{})
		}
		keys = make(map[string]struct{})
		m.objKeys[ok] = keys
	}
	keys[res.Key] = struct{}{}
}

// forgetKeyHead undoes noteKeyHead when res's head goes idle. The object's
// map stays (empty) for its next lock: a table written row by row would
// otherwise make one per write. Caller holds mu.
func (m *Manager) forgetKeyHead(res Resource) {
	if res.Kind != Key {
		return
	}
	delete(m.objKeys[objectKeys{res.Database, res.Object}], res.Key)
}

// KeysHeld returns, in ascending byte order, the keys of object obj of
// database db in [lower, upper) (nil: unbounded) that o (nil: an owner that
// holds nothing) could not take in mode now: some other owner holds them in
// a conflicting mode or waits for them. A key freed or locked after the
// call is not reflected.
func (m *Manager) KeysHeld(o *Owner, db, obj uint32, lower, upper []byte, mode Mode) []string {
	var out []string
	m.mu.Lock()
	for k := range m.objKeys[objectKeys{db, obj}] {
		if lower != nil && k < string(lower) || upper != nil && k >= string(upper) {
			continue
		}
		h := m.heads[Resource{Kind: Key, Database: db, Object: obj, Key: k}]
		if h != nil && (len(h.queue) > 0 || !h.compatible(o, mode)) {
			out = append(out, k)
		}
	}
	m.mu.Unlock()
	slices.Sort(out)
	return out
}
