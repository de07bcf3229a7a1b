package mirroring

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// The state file is written off Manager.mu. Before, every save (pwrite +
// fdatasync, ~3 ms, but hundreds of ms or seconds when the device is flushing
// under load) ran under the lock, and every session's pings, acks and received
// messages waited for it: with a PARTNER TIMEOUT of a few seconds, a slow flush
// was a false failure (docs/ci-flakes.md).
//
// How it works:
//
//   - Under the lock a state change only updates the in-memory record (m.st) and
//     asks for a save (requestSaveLocked), which returns the change's save
//     sequence number. One goroutine (saveLoop) writes: it snapshots m.st under
//     the lock (a JSON encode), writes and syncs it without the lock, and
//     reports the outcome under the lock. A snapshot holds every change asked
//     for before it was taken, so one write completes every pending request
//     (a newer save supersedes the older ones waiting behind a write), and
//     writes happen one at a time, in sequence order: when the save of sequence
//     n is durable, so is everything asked for up to n.
//   - A partner session whose Ready carries Persist closes its gate
//     (persistGate) on that save: the rest of that Ready and every later Ready
//     of the session are queued, whole and in order, instead of applied. The
//     machine meanwhile steps received messages, ticks and log flushes as usual
//     (its input is never lost); only its effects — messages, pings, commit
//     releases, role changes, command results, the published status — wait.
//     When the save is durable, the queue is applied in order under the lock
//     (openGate); a queued Ready that persists again closes the gate again
//     behind its own save, and the rest of the queue stays behind it.
//   - Other sessions, witness sessions and pings go on meanwhile: nothing under
//     the lock waits for the disk.
//
// Why ordering and durability hold: a session's Readys are applied in the
// order the machine produced them, exactly as before (the queue is FIFO and is
// the only way a Ready is applied while the gate is closed; the ship hook
// defers to the watcher while it is, ship.go); the only difference is when.
// Nothing after a Persist in the machine's output — in particular no message
// revealing the new role sequence, safety, suspension or witness, no commit
// release and no reply to the DBA's ALTER DATABASE — is applied before the
// save holding that state is durable (partner/doc.go step 2). A failed save
// releases nothing: the session goes back to its last saved record and its
// machine is rebuilt from it (persistFailed), the queued Readys are dropped
// (their machine no longer exists; the rebuilt one asks again for what it
// needs), and the commands answered in them fail. A manager closed while a
// save is in flight releases nothing either: Close waits for the write (one
// writer per state file) and pending commands fail.
//
// The engine's part of a role change and the I/O before a truncation run off
// the lock behind the same gate (apply.go).
//
// A witness session gates its messages the same way (witnessGate), and so do
// the few callers that need a save before they return (SET PARTNER arming a
// mirror: waitSaved, without the lock).

// saver is the state-file writer's bookkeeping; guarded by Manager.mu.
type saver struct {
	req    uint64 // sequence of the newest requested save
	taken  uint64 // sequence of the newest snapshot handed to the writer
	done   uint64 // every request up to done is durable
	failed uint64 // the newest write that failed covered requests up to failed
	err    error  // that failure
	// fresh: the last write failed. What the state file reads back may then be
	// a write that never reached the disk, so the next save writes a new file
	// (temp → fsync → rename) rather than overwrite the other slot, which may
	// be the only durable one.
	fresh   bool
	kick    chan struct{} // wakes saveLoop (capacity 1, coalescing)
	changed chan struct{} // closed and replaced when a write completes
	// hook, when set (tests), runs before each write without Manager.mu; an
	// error it returns fails the write as a disk error would.
	hook func() error
}

// requestSaveLocked asks for m.st to be saved and returns the request's
// sequence number: the change is durable once m.save.done reaches it. Caller
// holds Manager.mu and has already updated m.st.
func (m *Manager) requestSaveLocked() uint64 {
	m.save.req++
	select {
	case m.save.kick <- struct{}{}:
	default:
	}
	return m.save.req
}

// saveRetryDelay is the pause after a failed write before the next one. A
// session whose change failed is rebuilt from its last saved state and may ask
// again at once (partner.Machine marks a rebuilt state dirty); without a pause a
// refusing disk is retried in a busy loop.
const saveRetryDelay = 100 * time.Millisecond

// saveLoop is the one writer of the state file (see the top of this file).
func (m *Manager) saveLoop() {
	defer m.wg.Done()
	for {
		select {
		case <-m.ctx.Done():
			return
		case <-m.save.kick:
		}
		for {
			wrote, failed := m.saveOnce()
			if !wrote {
				break
			}
			if failed {
				select {
				case <-m.ctx.Done():
					return
				case <-time.After(saveRetryDelay):
				}
			}
		}
	}
}

// saveOnce writes the current state if a save was requested since the last
// write; it reports whether it wrote (more may have been requested meanwhile)
// and whether the write failed.
func (m *Manager) saveOnce() (wrote, failed bool) {
	m.mu.Lock()
	if m.closed || m.save.req == m.save.taken {
		m.mu.Unlock()
		return false, false
	}
	target := m.save.req
	m.save.taken = target
	b, err := json.Marshal(m.st)
	fresh, hook := m.save.fresh, m.save.hook
	m.mu.Unlock()

	if err != nil {
		err = fmt.Errorf("encode mirroring state: %w", err)
	} else {
		if hook != nil {
			if err = hook(); err != nil {
				err = fmt.Errorf("save mirroring state: %w", err)
			}
		}
		if err == nil {
			err = writeState(m.cfg.DataDir, b, fresh)
		}
	}

	m.mu.Lock()
	defer m.mu.Unlock()
	m.save.fresh = err != nil
	if m.closed {
		// Whatever the write did, nothing that depends on it is released now:
		// the process is going away, as after a crash during the write.
		return false, false
	}
	if err != nil {
		m.log.Error("persist mirroring state", "err", err)
		m.save.failed, m.save.err = target, err
	} else {
		m.save.done = target
	}
	close(m.save.changed)
	m.save.changed = make(chan struct{})
	for _, s := range m.sessions {
		if s.gate.seq != 0 && s.gate.seq <= target {
			if err != nil {
				m.gateFailed(s, err)
			} else {
				m.openGate(s)
			}
		}
	}
	for _, w := range m.witnessed {
		if w.gateSeq != 0 && w.gateSeq <= target {
			if err != nil {
				// The machine and m.st keep the new state (a grant, a role
				// sequence): its messages, and every later one, which may
				// reveal it (WitnessState pings), wait until a retry of the
				// save is durable. Dropping them let the next pings announce
				// a grant a restart would forget.
				w.gateSeq = m.requestSaveLocked()
				continue
			}
			msgs := w.queued
			w.gateSeq, w.queued = 0, nil
			m.sendWitness(w, msgs)
		}
	}
	return true, err != nil
}

// waitSaved waits, without Manager.mu, until the save of sequence seq is
// durable, and returns the error of the write that failed it.
func (m *Manager) waitSaved(ctx context.Context, seq uint64) error {
	for {
		m.mu.Lock()
		switch {
		case m.save.done >= seq:
			m.mu.Unlock()
			return nil
		case m.save.failed >= seq:
			err := m.save.err
			m.mu.Unlock()
			return err
		case m.closed:
			m.mu.Unlock()
			return errManagerClosed
		}
		ch := m.save.changed
		m.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-m.ctx.Done():
		}
	}
}

var errManagerClosed = errors.New("mirroring: manager closed")

// persistGate holds a partner session's Readys while a state change it asked
// to persist is not yet durable (see the top of this file). Guarded by
// Manager.mu.
type persistGate struct {
	seq   uint64         // the save the gate waits for; 0: none
	io    bool           // an off-lock job of a role change runs (apply.go offLock)
	prev  *sessionRecord // the record before the change (restored if the save fails)
	queue []gatedReady   // the head is the Ready that closed the gate
}

// gatedReady is a Ready waiting behind the gate, applied up to stage
// (apply.go); revertFailed is what its Truncate step found.
type gatedReady struct {
	rd           partner.Ready
	raw          []byte
	stage        applyStage
	revertFailed bool
}

// closed reports whether the session's effects wait for a save or a job.
func (g *persistGate) closed() bool { return g.seq != 0 || g.io }

// openGate applies, in order, the Readys that waited behind the gate, until
// one of them closes it again (it then goes back to the queue's head). Caller
// holds Manager.mu.
func (m *Manager) openGate(s *session) {
	s.gate.seq, s.gate.io, s.gate.prev = 0, false, nil
	for len(s.gate.queue) > 0 && !s.gate.closed() && !s.removed {
		g := s.gate.queue[0]
		s.gate.queue = s.gate.queue[1:]
		m.resume(s, g)
	}
	if s.removed {
		s.gate.queue = nil
	}
	m.applyLocked(s, nil)
	if len(s.h.queue) > 0 && !s.h.busy && !s.removed {
		// Received log that waited behind the gate: the reading goroutine
		// that received it has moved on; the hardener appends it.
		s.wakeHardener()
	}
	s.kickWatcher() // log written meanwhile may wait to be shipped (ship.go)
}

// gateFailed handles a failed save of the session's state change: nothing
// queued behind it is applied, the change is undone (persistFailed) and the
// commands answered in the queued Readys fail with err. Caller holds
// Manager.mu.
func (m *Manager) gateFailed(s *session, err error) {
	var done []partner.CommandResult
	for _, g := range s.gate.queue {
		done = append(done, g.rd.Done...)
	}
	prev := s.gate.prev
	s.gate = persistGate{}
	m.persistFailed(s, prev, done, err)
	m.applyLocked(s, nil)
}
