package mirroring

import (
	"context"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// Flush pacing under SAFETY FULL (docs/benchmarks-mirroring.md, session 9).
//
// Every flush of a SYNCHRONIZED SAFETY FULL principal's log costs the mirror
// one durable write, one frame read and one ack write (~260 µs of the
// mirror's CPU on this machine at 16 sessions, most of it ~10 thread switches
// and the Go runtime's sysmon polling through the write, session 11), and
// costs the principal the frame write, the ack read and the wake-ups around
// them (~160 µs). What the mirror spends is per frame, so fewer flushes are
// the lever; with this gate at most one frame is in flight, and the mirror
// never has two to harden together. The mirror hardens one flush at a
// time, and a commit is acknowledged only once the mirror has hardened it, so
// a flush that starts while the mirror has not yet acknowledged the previous
// one gains its committers little: its frame mostly waits for the mirror, and
// its commits for the previous ones' ack. So before a flush seals its batch the
// log calls flushGate, which waits until the mirror has acknowledged what was
// shipped so far; the commits that arrive meanwhile join that one flush.
//
// Measured (session 9, interleaved with the code before): at 16 committers
// in process the principal's flushes per commit fell from 0.11–0.15 to
// 0.067–0.072 and the process's CPU per commit to 0.49–0.85×; end to end
// (tests/bench -suite mirrorab) SAFETY FULL's rate relative to the same
// principal's unmirrored database rose in each of 6 rounds (median 1.20×). A
// lone committer never waits: its previous commit's ack came before it
// commits again.
//
// Safety: the gate only delays when a flush starts. Nothing is acknowledged,
// applied or shipped earlier than before; every commit still waits for local
// durability and (SAFETY FULL) the mirror's hardened ack.
//
// Liveness: the gate runs on the goroutine that leads the flush, with the
// log's flush lock held (txlog.Log.SetFlushGate), and only when that flush has
// something to write. It takes no lock that may be
// held while waiting for the log (never Manager.mu; commitWaits has its own
// lock) and waits at most paceMax, so an ack that cannot arrive — a lost
// connection, an ack reader stuck behind Manager.mu while its holder waits for
// this very flush (truncation, RevertTo) — delays a flush by paceMax, never
// longer. It does nothing unless the session is a SYNCHRONIZED SAFETY FULL
// principal (paced, updated under Manager.mu with every applied Ready).

// paceMax bounds how long a flush waits for the mirror's ack of the log
// shipped before it: far above a healthy ack (one fdatasync and a loopback
// round trip after the frame, ~0.1–0.3 ms here), far below anything a client
// notices, and while the mirror is that slow commits wait for it anyway.
const paceMax = time.Millisecond

// gatherMax bounds how long a flush, once the mirror has acknowledged what
// was shipped before it, waits for the committers of the last cycle to commit
// again (see gathering below): about one mirror round trip under load, the
// most a commit may wait that would not have.
const gatherMax = time.Millisecond

// maxGatherSkip caps how many flushes go ungathered after consecutive misses.
const maxGatherSkip = 64

// flushGate is the principal log's flush gate (see above). l is the log it
// paces.
//
// Gathering (session 12). Once the ack is in, the gate also waits, at most
// gatherMax, until as many committers wait for this flush as the log's last
// cycle had (txlog.Log.WaitGathered). Why: the ack releases the previous
// flush's committers all at once, and they need a client round trip before
// they commit again, so with the ack wait alone a population of n committers
// settles into two alternating flushes of n/2 — commits per flush were 8.0 at
// 16 sessions end to end (tests/bench -suite mirrorab), and the mirror paid a
// durable write, a frame and an ack per 8 commits. Gathered, the flush takes
// the whole population: 13.9 commits per flush, commits/s 1.30×, principal
// and mirror CPU per commit 0.83× and 0.75×, FULL's share of the unmirrored
// rate 0.71 → 0.95 (6 interleaved rounds; docs/benchmarks-mirroring.md,
// session 12). A lone committer never waits (it is the population), and a
// stable population waits only for its own members. What it costs: where
// committers do not come back (sessions that commit now and then), the last
// cycle's count is not a promise — a gathered flush serves the whole count,
// so the count sustains itself — and a flush may wait up to gatherMax for
// commits that would have joined the next one. A wait that reaches the bound
// with nobody joining it turns gathering off for the next 2, 4, … up to
// maxGatherSkip flushes; one that committers still joined does not (session
// 31: under load a slow client among 16 made 8–17 % of the waits miss, and each
// miss left the next 2 flushes to the first committers back). With
// 2 ms think times at 16 sessions the cost was within the harness's A/A noise
// (session 12); waiting only for the committers the ack released would need
// the engine to say whose commit is whose.
//
// gatherSkip and gatherMisses are touched only here, by the goroutine that
// leads the flush with the log's flush lock held: flushes never overlap.
func (s *session) flushGate(l *txlog.Log) {
	if !s.paced.Load() {
		return
	}
	mark(stGateStart)
	target := txlog.LSN(s.shipped.Load())
	if target != 0 && target > s.waits.releasedLSN() {
		ctx, cancel := context.WithTimeout(context.Background(), paceMax)
		// An error is the bound or a failed/shut wait (role change): either
		// way the flush goes ahead.
		_ = s.waits.wait(ctx, target)
		cancel()
	}
	mark(stGateAcked)
	if s.gatherSkip > 0 {
		s.gatherSkip--
		return
	}
	gathered, came := l.WaitGathered(gatherMax)
	mark(stGateGathered)
	if !gathered {
		mark(stGateMissed)
	}
	s.noteGather(gathered, came)
}

// noteGather keeps the gate's back-off after a gathering wait: a wait that
// gathered, or that reached its bound while committers still came (a
// population committing back to back, worth waiting for again: the rule of
// the log's own gather, txlog/gatherwait.go), ends it; a wait that nobody
// joined doubles it.
func (s *session) noteGather(gathered, came bool) {
	if gathered || came {
		s.gatherMisses = 0
		return
	}
	s.gatherMisses = min(s.gatherMisses+1, 6)
	s.gatherSkip = min(1<<s.gatherMisses, maxGatherSkip)
}

// updatePace records whether flushGate should pace the log: only for a
// SYNCHRONIZED SAFETY FULL principal, whose commits wait for the mirror's
// ack anyway. Caller holds Manager.mu.
func (s *session) updatePace() {
	st := s.m.Status()
	s.paced.Store(st.Role == partner.RolePrincipal && st.Safety == partner.SafetyFull &&
		st.State == partner.StateSynchronized && !s.removed)
	s.updateOffShip(st.Role == partner.RolePrincipal && st.Safety == partner.SafetyOff && !s.removed)
}
