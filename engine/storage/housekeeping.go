package storage

import (
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Pin registers a reader as of asOf and returns the function that unregisters it.
// While a pin is held, versions that a read as of asOf needs are not collected:
// housekeeping never moves badger's discard timestamp above the lowest pinned LSN
// (nor above AppliedLSN). A snapshot transaction, a database snapshot or a backup
// pins its LSN for its whole life; Get and NewIterator pin for their own duration
// when they read badger (a read the buffer pool answers needs no pin: cache.go).
//
// Pin fails with ErrSnapshotTooOld when asOf is already below the discard point.
//
// A read as of Latest needs no pin and takes none: it wants the newest version of
// each key, which discarding never removes (badger keeps the newest version at
// or below the discard point, and everything above it), and a pin on Latest
// could never lower the discard point anyway. Skipping it keeps pinMu and the
// pin map off the path of every point read and commit (the commit's
// before-image read and the executor's row reads are as of Latest).
func (s *Badger) Pin(asOf txlog.LSN) (release func(), err error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	if asOf == Latest {
		return noRelease, nil
	}
	s.pinMu.Lock()
	defer s.pinMu.Unlock()
	if asOf < s.discardTs {
		return nil, ErrSnapshotTooOld
	}
	s.pins[asOf]++
	var done bool
	return func() {
		s.pinMu.Lock()
		defer s.pinMu.Unlock()
		if done {
			return
		}
		done = true
		if s.pins[asOf]--; s.pins[asOf] == 0 {
			delete(s.pins, asOf)
		}
	}, nil
}

// noRelease is the release of a pin that was not taken (Pin of Latest).
func noRelease() {}

// advanceDiscard moves badger's discard timestamp up to the lowest of AppliedLSN
// and the pinned read LSNs. For versions at or below it badger keeps only the newest
// version of each key (and drops deleted keys), which is all a reader at or above the
// discard point can see.
func (s *Badger) advanceDiscard() {
	s.pinMu.Lock()
	defer s.pinMu.Unlock()
	ts := s.AppliedLSN()
	for l := range s.pins {
		ts = min(ts, l)
	}
	if ts > s.discardTs {
		s.discardTs = ts
		s.db.SetDiscardTs(uint64(ts))
	}
}

// DiscardLSN is the current discard point: reads as of a lower LSN fail with
// ErrSnapshotTooOld.
func (s *Badger) DiscardLSN() txlog.LSN {
	s.pinMu.Lock()
	defer s.pinMu.Unlock()
	return s.discardTs
}

// CollectGarbage runs one housekeeping pass now: advance the discard timestamp, then
// value-log GC until badger reports there is nothing to rewrite.
func (s *Badger) CollectGarbage() error {
	if s.closed.Load() {
		return ErrClosed
	}
	s.advanceDiscard()
	for {
		err := s.db.RunValueLogGC(s.opts.discardRatio())
		switch {
		case err == nil:
			continue
		case errors.Is(err, badger.ErrNoRewrite), errors.Is(err, badger.ErrRejected),
			errors.Is(err, badger.ErrGCInMemoryMode):
			return nil
		default:
			return fmt.Errorf("value log gc: %w", err)
		}
	}
}

// housekeeping runs CollectGarbage every HousekeepingInterval until Close.
func (s *Badger) housekeeping() {
	defer close(s.done)
	every := s.opts.housekeepingInterval()
	if every < 0 {
		<-s.stop
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			if err := s.CollectGarbage(); err != nil {
				s.opts.logger().Warn("storage housekeeping", "dir", s.opts.Dir, "err", err)
			}
		}
	}
}
