package mirroring

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
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
// SAFETY OFF (lazy hardening): no commit waits for the mirror's ack, so a
// mirror whose session runs SAFETY OFF hardens what it received at most every
// offHardenEvery, or sooner once offHardenBytes are queued, instead of once
// per frame, and acknowledges once per append. The principal ships a frame
// per log flush (one per commit at one session); per frame the mirror wrote
// an ack the principal read, woke up for and stepped, and made one
// fdatasync competing with the principal's on the one disk: every block a
// principal's flush seals claims (its synced field, txlog/block.go) that the
// log before it was durable, so AppendBlocks syncs before each. The lazy
// batch goes through AppendBlocksLazy instead: one fdatasync for the batch
// plus one for the marker that lets recovery tell a torn batch from
// corruption (txlog/lazytail.go). PostgreSQL's walreceiver flushes once per
// drained receive buffer (walreceiver.c: XLogWalRcvFlush after its
// non-blocking read loop) and replies after each flush; its WAL pages carry
// no such claim.
// What does not move: the mirror acknowledges only what AppendBlocks made
// durable, redo reads only the durable log, and a forced failover uses the
// hardened log only (prepare drops the queue, as before) — the frames a lazy
// mirror still holds are part of SAFETY OFF's accepted data-loss window,
// which grows by at most offHardenEvery. The principal's send queue (log not
// yet hardened on the mirror) shows up to that much log more. A mirror that
// has not yet heard of a switch to FULL (the principal's next ping brings
// it) delays those acks by at most offHardenEvery too. When the connection
// to the principal goes down or is replaced the queue is hardened at once
// (hardenNow).
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
	// last is when the last append was taken; timer wakes the hardener
	// goroutine when a lazy (SAFETY OFF) mirror's queue falls due, armed
	// while it is pending.
	last   time.Time
	timer  *time.Timer
	armed  bool
	urgent bool // the partner's connection went down or was replaced: harden the queue now (hardenNow)
	// now is time.Now; a test stops the clock to hold a lazy mirror's queue.
	now func() time.Time
}

// A SAFETY OFF mirror hardens at most every offHardenEvery, or once this
// many bytes are queued (see hardener, "SAFETY OFF"). 5 ms: about 200 acks
// a second whatever the principal's commit rate (a frame per commit at one
// session: 5,000 a second here), and a window well inside the seconds a
// partner time-out allows; 1 MiB keeps a catching-up mirror's queue, and
// its appends, bounded.
const (
	offHardenEvery = 5 * time.Millisecond
	offHardenBytes = 1 << 20
)

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
	if len(s.h.queue) == 0 || s.h.busy || s.removed || s.deferHarden() {
		return nil
	}
	if s.h.slow {
		s.wakeHardener()
		return nil
	}
	raw, gen := s.takeLocked()
	lazy := s.lazy()
	return func() { s.appendTaken(raw, gen, lazy) }
}

// lazy reports whether the session runs SAFETY OFF as the mirror: nothing
// waits for its acks (hardener, "SAFETY OFF"). Caller holds Manager.mu.
func (s *session) lazy() bool {
	hs := s.m.HardState()
	return hs.Safety == partner.SafetyOff && hs.Role == partner.RoleMirror
}

// deferHarden reports whether the queue may wait (a SAFETY OFF mirror whose
// last append is recent and whose queue is small: hardener, "SAFETY OFF"),
// and if so arms the timer that wakes the hardener goroutine when it falls
// due. Caller holds Manager.mu and has checked that the queue is not empty.
func (s *session) deferHarden() bool {
	if !s.lazy() {
		return false
	}
	n := 0
	for _, b := range s.h.queue {
		n += len(b)
	}
	wait := offHardenEvery - s.h.clock().Sub(s.h.last)
	if s.h.urgent || n >= offHardenBytes || wait <= 0 {
		return false
	}
	if !s.h.armed {
		s.h.armed = true
		if s.h.timer == nil {
			s.h.timer = time.AfterFunc(wait, s.wakeHardener)
		} else {
			s.h.timer.Reset(wait)
		}
	}
	return true
}

func (h *hardener) clock() time.Time {
	if h.now != nil {
		return h.now()
	}
	return time.Now()
}

// hardenNow ends a lazy mirror's wait when the partner's connection goes
// down or is replaced: the SessionAccept of the next connection reports
// everything received as hardened (partner acceptSession), so what the
// queue holds must be durable by then — within one append, as for a frame
// in flight, not offHardenEvery. Caller holds Manager.mu.
func (s *session) hardenNow() {
	if len(s.h.queue) == 0 {
		return
	}
	s.h.urgent = true
	if !s.h.busy {
		s.wakeHardener()
	}
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
	s.h.last = s.h.clock()
	s.h.urgent = false
	s.h.io.Lock()
	return raw, s.h.gen
}

// appendTaken hardens raw and reports it to the machine (which acknowledges it),
// unless prepare (apply.go) discarded it meanwhile. It hands what was queued meanwhile to
// the hardener goroutine. Called without Manager.mu.
func (s *session) appendTaken(raw []byte, gen uint64, lazy bool) {
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
		if lazy {
			err = l.AppendBlocksLazy(raw) // one fdatasync for the batch (txlog/lazytail.go)
		} else {
			err = l.AppendBlocks(raw)
		}
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
	if len(s.h.queue) > 0 && !s.removed && !s.deferHarden() {
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
			s.h.armed = false // a timer that fired, or one that may as well fire again
			if len(s.h.queue) == 0 || s.h.busy || s.removed || s.deferHarden() {
				s.mgr.mu.Unlock()
				break
			}
			raw, gen := s.takeLocked()
			lazy := s.lazy()
			s.mgr.mu.Unlock()
			s.appendTaken(raw, gen, lazy)
		}
	}
}
