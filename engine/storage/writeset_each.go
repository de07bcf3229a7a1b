package storage

// EachEntry calls fn for every key of objectID the write set holds an entry
// for, in key order (the key without the object prefix, the put's value, or
// deleted), until fn returns false. It reads the set in place, as LastKey
// does. A session adds its own uncommitted rows to the committed row counts
// with it (engine/exec/rowcount.go). fn must not write to the set.
func (w *WriteSet) EachEntry(objectID uint32, fn func(key, value []byte, deleted bool) bool) {
	lo, hi := rangeKeys(objectID, nil, nil)
	visit := func(e wsEntry) bool {
		if hi != nil && e.key >= string(hi) {
			return false
		}
		return fn(e.keyBytes()[len(lo):], e.value, e.deleted)
	}
	if w.tree != nil {
		w.tree.AscendGreaterOrEqual(wsEntry{key: string(lo)}, visit)
		return
	}
	i, _ := w.smallIndex(string(lo))
	for _, e := range w.small[i:] {
		if !visit(e) {
			return
		}
	}
}
