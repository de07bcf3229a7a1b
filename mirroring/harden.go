package mirroring

import (
	"context"
	"sync"
)

// The mirror hardens received log on a goroutine of its own (one per session), so
// that an fsync never holds the manager's lock: pings, acks and the other
// databases keep flowing while the disk is slow, and a slow disk does not look like
// a dead partner (§1.4 "false failures"). Batches received meanwhile are
// concatenated into one AppendBlocks call (one fsync).
//
// Ordering: batches are appended in the order the machine accepted them
// (Ready.AppendLog), and the machine hears Hardened only afterwards — harden
// before acknowledging. Before a truncation or a role change the session waits for
// the append in flight and discards the queue (quiesce), since the machine has
// already discounted everything it had not been told was hardened.
type hardener struct {
	queue [][]byte // raw blocks accepted by the machine, not yet appended
	gen   uint64   // bumped by quiesce; appends of an older generation are not reported
	wake  chan struct{}
	io    sync.Mutex // held during AppendBlocks; quiesce takes it to wait for it
}

// enqueue adds received blocks for hardening. Caller holds Manager.mu.
func (s *session) enqueue(raw []byte) {
	s.h.queue = append(s.h.queue, raw)
	select {
	case s.h.wake <- struct{}{}:
	default:
	}
}

// quiesce waits for the append in flight and drops the queue. Caller holds
// Manager.mu (lock order: Manager.mu, then hardener.io).
func (s *session) quiesce() {
	s.h.gen++
	s.h.queue = nil
	s.h.io.Lock()
	s.h.io.Unlock() //nolint:staticcheck // waiting for the holder is the point
}

// hardenLoop appends queued blocks and reports them to the machine.
func (s *session) hardenLoop(ctx context.Context) {
	defer s.mgr.wg.Done()
	l := s.db.Log()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.h.wake:
		}
		for {
			s.mgr.mu.Lock()
			if len(s.h.queue) == 0 || s.removed {
				s.mgr.mu.Unlock()
				break
			}
			raw := s.h.queue[0] // the frame's own bytes (proto decodes into a fresh slice)
			if len(s.h.queue) > 1 {
				n := 0
				for _, b := range s.h.queue {
					n += len(b)
				}
				raw = make([]byte, 0, n)
				for _, b := range s.h.queue {
					raw = append(raw, b...)
				}
			}
			s.h.queue = nil
			gen := s.h.gen
			s.h.io.Lock()
			s.mgr.mu.Unlock()

			err := l.AppendBlocks(raw)
			s.h.io.Unlock()

			s.mgr.mu.Lock()
			if gen == s.h.gen && !s.removed && !s.mgr.closed {
				if err != nil {
					s.mgr.log.Error("harden received log", "database", s.name, "err", err)
					s.h.queue = nil
					s.mgr.restartMachine(s)
				} else {
					s.m.Hardened(logPos(l))
				}
				s.mgr.applyLocked(s, nil)
			}
			s.mgr.mu.Unlock()
		}
	}
}
