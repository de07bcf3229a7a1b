package storage

// LastKey returns the largest key in [lower, upper) of objectID that the
// write set holds an entry for — a put or a delete — without the object
// prefix, and whether there is one. It reads the set in place (no clone,
// unlike NewIterator, whose clone makes the next writes copy B-tree
// nodes): for a caller that wants a bound, not the rows, such as the
// next uniquifier of a clustered key value (engine/exec/uniquifier.go).
func (w *WriteSet) LastKey(objectID uint32, lower, upper []byte) ([]byte, bool) {
	lo, hi := rangeKeys(objectID, lower, upper)
	var found string
	ok := false
	if w.tree != nil {
		w.tree.DescendLessOrEqual(wsEntry{key: string(hi)}, func(e wsEntry) bool {
			if e.key == string(hi) {
				return true // upper is exclusive
			}
			if e.key >= string(lo) {
				found, ok = e.key, true
			}
			return false
		})
	} else {
		i, _ := w.smallIndex(string(hi)) // the first entry at or after hi
		if i > 0 && w.small[i-1].key >= string(lo) {
			found, ok = w.small[i-1].key, true
		}
	}
	if !ok {
		return nil, false
	}
	return []byte(found[len(lo)-len(lower):]), true
}
