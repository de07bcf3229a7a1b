package storage

// HasFlatView reports whether cached object obj of s holds a flat view
// (cache_iter.go), failing the caller's check by also reporting one that is
// not of the object's current snapshot: such a view must have been dropped.
func HasFlatView(s *Badger, obj uint32) bool {
	if s.cache == nil {
		return false
	}
	o := s.cache.object(obj)
	if o == nil {
		return false
	}
	f := o.flat.Load()
	return f != nil && f.ents != nil
}

// FlatEntBytes is what a flat view counts per entry against the budget.
const FlatEntBytes = flatEntBytes
