package storage

// SetCacheAfterRead makes every later buffer pool load of s call fn between
// its badger read and its merge of the writes recorded meanwhile (fn may
// block, holding the load there). Set it before any load starts.
func SetCacheAfterRead(s *Badger, fn func(obj uint32)) {
	if s.cache != nil {
		s.cache.afterRead = fn
	}
}
