package storage

// Quiesce waits for badger's running compactions and then compacts every table
// into one level, so no background compaction allocates while a test measures
// the heap (badger has no "wait until idle" call; Flatten stops the compactors,
// waits for them and leaves nothing to compact).
func Quiesce(s *Badger) error { return s.db.Flatten(1) }
