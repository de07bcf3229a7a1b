package storage

// Quiesce waits for badger's running compactions and then compacts every table
// into one level, so no background compaction allocates while a test measures
// the heap (badger has no "wait until idle" call; Flatten stops the compactors,
// waits for them and leaves nothing to compact).
func Quiesce(s *Badger) error { return s.db.Flatten(1) }

// EagerCache returns o with the buffer pool on (budget bytes) and every
// object loaded on its first read or write, synchronously.
func EagerCache(o Options, budget int64) Options {
	o.CacheBytes = budget
	o.cacheEager = true
	return o
}

// CacheAfter returns o with the buffer pool on (budget bytes), loading an
// object in the background after rows rows have been read from badger.
func CacheAfter(o Options, budget, rows int64) Options {
	o.CacheBytes = budget
	o.cacheLoadAfter = rows
	return o
}

// WaitCacheLoads waits for the background loads running now.
func WaitCacheLoads(s *Badger) {
	if s.cache == nil {
		return
	}
	s.cache.loadMu <- struct{}{}
	<-s.cache.loadMu
	s.cache.wg.Wait()
}

// CacheFloor is the floor of a cached object (0 when it is not cached).
func CacheFloor(s *Badger, obj uint32) uint64 {
	if s.cache == nil {
		return 0
	}
	o := s.cache.object(obj)
	if o == nil {
		return 0
	}
	o.mu.RLock()
	defer o.mu.RUnlock()
	return uint64(o.floor)
}
