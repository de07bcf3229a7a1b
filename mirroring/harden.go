package mirroring

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// The mirror hardens received log without holding the manager's lock, so that an
// fsync never holds up pings, acks and the other databases (§1.4 "false
// failures"). Who runs the append:
//
//   - the connection's reading goroutine, right after it stepped the frame
//     (hardenAfterRecv), when no append is running and the last one was quick:
//     no goroutine hand-off between receiving a frame and its fsync, and the ack
//     is written by the same goroutine (docs/benchmarks-mirroring.md, "one
//     commit's path"). While it appends, that connection is not read: its next
//     frames (pings included) wait for one fsync.
//   - the session's hardener goroutine (hardenLoop) otherwise: frames that
//     arrive while an append runs, and every frame while appends are slow
//     (the last took over inlineMax). A slow disk then delays acks but never
//     the reading of pings, so it does not look like a dead partner.
//
// Frames queued meanwhile are concatenated into one AppendBlocks call (one
// fsync). At most one append runs at a time (busy), which keeps them in the
// order the machine accepted the frames.
//
// Cost: per received frame this path (read, harden, ack) costs what the
// smallest Go loop doing the same costs on this project's VM — ~10 thread
// switches and 170–260 µs of CPU, about twice a C loop's, most of it the Go
// runtime's idle/busy transitions and the write's two device waits, not this
// code (docs/benchmarks-mirroring.md, session 11). The lever is fewer frames
// per commit (pace.go), not a leaner receive path.
//
// Ordering: batches are appended in the order the machine accepted them
// (Ready.AppendLog), and the machine hears Hardened only afterwards — harden
// before acknowledging. Before a truncation or a role change the session discards
// the queue and, off Manager.mu while its persist gate holds its effects, waits
// for the append in flight (apply.go prepare), since the machine has already
// discounted everything it had not been told was hardened.
type hardener struct {
	queue [][]byte // raw blocks accepted by the machine, not yet appended
	gen   uint64   // bumped before a truncation or role change (apply.go prepare); older appends are not reported
	busy  bool     // an append was taken and has not reported yet
	slow  bool     // the last append took longer than inlineMax
	wake  chan struct{}
	io    sync.Mutex // held during AppendBlocks; prepare takes it (off Manager.mu) to wait for it
}

// inlineMax is the append time above which the reading goroutine stops
// hardening inline (see hardener): far above a healthy fdatasync (~0.1 ms
// here), far below a partner time-out (seconds).
const inlineMax = 20 * time.Millisecond

// enqueue adds received blocks for hardening. Caller holds Manager.mu and, after
// the machine's Ready is applied, calls hardenAfterRecv (handle does).
func (s *session) enqueue(raw []byte) {
	s.h.queue = append(s.h.queue, raw)
}

// hardenAfterRecv decides who appends what enqueue queued: it returns the
// append for the calling (reading) goroutine to run once it has released
// Manager.mu, or nil when the hardener goroutine will (it is woken) or an append
// is running (its owner hands the queue on when it finishes). Caller holds
// Manager.mu.
func (s *session) hardenAfterRecv() func() {
	if len(s.h.queue) == 0 || s.h.busy || s.removed {
		return nil
	}
	if s.h.slow {
		s.wakeHardener()
		return nil
	}
	raw, gen := s.takeLocked()
	return func() { s.appendTaken(raw, gen) }
}

func (s *session) wakeHardener() {
	select {
	case s.h.wake <- struct{}{}:
	default:
	}
}

// takeLocked takes the whole queue for one append and marks it running. Caller
// holds Manager.mu (lock order: Manager.mu, then hardener.io), has checked that
// the queue is not empty and no append is running, and then calls appendTaken
// without Manager.mu.
func (s *session) takeLocked() ([]byte, uint64) {
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
	s.h.busy = true
	s.h.io.Lock()
	return raw, s.h.gen
}

// appendTaken hardens raw and reports it to the machine (which acknowledges it),
// unless prepare (apply.go) discarded it meanwhile. It hands what was queued meanwhile to
// the hardener goroutine. Called without Manager.mu.
func (s *session) appendTaken(raw []byte, gen uint64) {
	l := s.db.Log()
	mark(stAppendStart)
	start := time.Now()
	var err, noRoom error
	if sc, ok := s.db.(SpaceChecker); ok {
		// A full disk: harden nothing (and acknowledge nothing) that redo
		// could not apply.
		noRoom = sc.CheckSpace()
	}
	if noRoom == nil {
		err = l.AppendBlocks(raw)
		if errors.Is(err, txlog.ErrLogFull) || errors.Is(err, txlog.ErrFailed) {
			noRoom = err
		}
	}
	took := time.Since(start)
	mark(stAppendDone)
	s.h.io.Unlock()

	s.mgr.mu.Lock()
	defer s.mgr.mu.Unlock()
	s.h.busy = false
	s.h.slow = took > inlineMax
	if gen == s.h.gen && !s.removed && !s.mgr.closed {
		switch {
		case noRoom != nil:
			// The mirror cannot harden (no disk space, or a log write
			// failed, which is sticky until restart): as SQL Server does
			// on such an error, the session is SUSPENDED (1454) rather
			// than retried — the principal then runs exposed and says so,
			// instead of holding its SAFETY FULL commits on a mirror that
			// refuses every frame, and RESUME resynchronizes once the
			// disk has room. Suspend persists and tells the principal.
			// The error it names is SQL Server's for the cause: 9001
			// (log unavailable), 9002 (log full), 1105 (no room for
			// the data).
			num, state, sev := 1105, 2, 17
			switch {
			case errors.Is(noRoom, txlog.ErrFailed):
				num, state, sev = 9001, 1, 21
			case errors.Is(noRoom, txlog.ErrLogFull):
				num = 9002
			}
			s.mgr.log.Error(msgSuspendedOnError(s.mgr.self, s.name, num, state, sev), "error", 1454, "database", s.name, "err", noRoom)
			s.h.queue = nil
			// The received log this append and the queue held is dropped: the
			// machine is rebuilt from the log on disk, so it no longer counts
			// it as received. Otherwise its SessionAccept after RESUME claims
			// it, and a principal with nothing newer never sends it again
			// (both stay SYNCHRONIZING).
			s.mgr.restartMachine(s)
			if serr := s.m.Suspend(); serr != nil {
				s.mgr.restartMachine(s)
			}
		case err != nil:
			s.mgr.log.Error("harden received log", "database", s.name, "err", err)
			s.h.queue = nil
			s.mgr.restartMachine(s)
		default:
			s.m.Hardened(l.FlushedEnd())
		}
		s.mgr.applyLocked(s, nil)
	}
	if len(s.h.queue) > 0 && !s.removed {
		s.wakeHardener()
	}
}

// hardenLoop appends what the reading goroutine left queued (hardener).
func (s *session) hardenLoop(ctx context.Context) {
	defer s.mgr.wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.h.wake:
			mark(stHardenerWoke)
		}
		for {
			s.mgr.mu.Lock()
			if len(s.h.queue) == 0 || s.h.busy || s.removed {
				s.mgr.mu.Unlock()
				break
			}
			raw, gen := s.takeLocked()
			s.mgr.mu.Unlock()
			s.appendTaken(raw, gen)
		}
	}
}
