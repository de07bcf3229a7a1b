package storage

// HoldLater makes the applier of s call hold before each write it makes for
// ApplyLater; an error from hold fails that write.
func HoldLater(s *Badger, hold func() error) {
	s.later.mu.Lock()
	s.later.beforeWrite = hold
	s.later.mu.Unlock()
}

// OnLaterWait makes every read or write of s that starts waiting for a queued
// ApplyLater write call f first. f runs with the queue's lock held: it must
// not use s.
func OnLaterWait(s *Badger, f func()) {
	s.later.mu.Lock()
	s.later.waiting = f
	s.later.mu.Unlock()
}
