package storage

import "time"

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

// SetDeferGroup sets how many batches ApplyDeferred leaves queued at most
// (group), the age past which StartDeferred starts fewer (age) and the idle
// timer's delay (idle) for s; zero keeps a default. Set it before the first
// ApplyDeferred.
func SetDeferGroup(s *Badger, group int, age, idle time.Duration) {
	s.later.mu.Lock()
	s.later.deferred.group, s.later.deferred.age, s.later.deferred.idleAfter = group, age, idle
	s.later.mu.Unlock()
}

// LaterRunning reports whether an applier goroutine of s is running (it
// may still be, briefly, after Sync has seen its last write).
func LaterRunning(s *Badger) bool {
	s.later.mu.Lock()
	defer s.later.mu.Unlock()
	return s.later.running
}
