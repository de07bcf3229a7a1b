package partner

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestResumeRacesStaleSessionAccept (issue #6): after forced service the old
// principal returns as a SUSPENDED mirror whose tail after the fork point was
// written under the old role sequence, longer than the fork-point window
// (mirroring/fork.go tailWindow). While both are SUSPENDED it answers the new
// principal's session start without cutting that tail (it is kept until
// RESUME, §1.9.3). When the DBA's RESUME on the new principal crosses that
// SessionAccept, the principal judges the accept after resuming. The accept
// must then describe only the log the mirror shares with the new timeline (up
// to ForkLSN), so that the principal finds the common point instead of
// reporting 1412 and suspending again; the RESUME's own session start then
// cuts the tail and the log after the fork is shipped from there.
//
// owner plays the principal's owner (mirroring/fork.go checkFork): a mirror
// reporting log past the fork on the old timeline has, with a tail longer than
// the window, no comparable block in common (NoCommonPoint).
func TestResumeRacesStaleSessionAccept(t *testing.T) {
	lsn := txlog.MakeLSN
	fork := lsn(0x2000, 3)     // where the forced principal's timeline began
	oldTail := lsn(0x90000, 2) // the old principal's divergent end, far past the window
	newEnd := lsn(0x5000, 4)   // the forced principal's own log since
	const window = txlog.LSN(64 << 16 * 512)
	owner := func(principalSuspended bool, accept *Message) {
		if principalSuspended || accept.Hardened <= fork {
			return
		}
		if accept.Hardened-fork > window {
			accept.NoCommonPoint = true
		} else {
			accept.CutAfter = fork
		}
	}

	b := New(Config{Database: "db", Self: "b", Partner: "a", EndOfLog: newEnd, Redone: newEnd,
		State: HardState{Role: RolePrincipal, RoleSeq: 2, LogSeq: 2, ForkLSN: fork, Safety: SafetyOff,
			SafetySeq: 1, Suspended: true, SuspendSeq: 1}})
	a := New(Config{Database: "db", Self: "a", Partner: "b", EndOfLog: oldTail, Redone: oldTail,
		State: HardState{Role: RoleMirror, RoleSeq: 2, LogSeq: 1, Safety: SafetyOff, SafetySeq: 1,
			Suspended: true, SuspendSeq: 1}})
	b.Ready()
	a.Ready()
	var toA, toB []Message
	collect := func(m *Machine, out *[]Message) Ready {
		rd := m.Ready()
		*out = append(*out, rd.Messages...)
		return rd
	}
	// Pings both ways: each sees the other alive.
	b.Tick()
	a.Tick()
	collect(b, &toA)
	collect(a, &toB)
	deliver := func(m *Machine, msgs *[]Message, owned bool) {
		for _, msg := range *msgs {
			if owned && msg.Type == MsgSessionAccept {
				owner(m.HardState().Suspended, &msg)
			}
			m.Step(msg)
		}
		*msgs = nil
	}
	// The SUSPENDED handshake: a asks for a session, b starts one, a accepts
	// it without cutting its tail — that accept is still on its way to b.
	deliver(b, &toB, true) // a's ping
	collect(b, &toA)
	deliver(a, &toA, false) // b's ping: a asks for a session
	collect(a, &toB)
	deliver(b, &toB, true) // b starts it
	collect(b, &toA)
	deliver(a, &toA, false)
	if rd := collect(a, &toB); rd.Truncate {
		t.Fatalf("a SUSPENDED mirror cut its tail after %s before RESUME", rd.TruncateAfter)
	}
	if len(toB) != 1 || toB[0].Type != MsgSessionAccept {
		t.Fatalf("a's answer to the SUSPENDED session start is %+v, want one SessionAccept", toB)
	}
	// RESUME on b crosses the accept.
	if err := b.Resume(); err != nil {
		t.Fatal(err)
	}
	collect(b, &toA)
	deliver(b, &toB, true)
	collect(b, &toA)
	if hs := b.HardState(); hs.Suspended {
		t.Fatalf("b SUSPENDED again after RESUME: the stale SessionAccept was judged as having no common point")
	}
	// Everything in flight is delivered until quiet; a hardens what it receives.
	truncatedAt := txlog.LSN(0)
	for range 10 {
		deliver(a, &toA, false)
		rd := collect(a, &toB)
		if rd.Truncate {
			truncatedAt = rd.TruncateAfter
		}
		for _, r := range rd.AppendLog {
			a.Hardened(r.End)
		}
		collect(a, &toB)
		deliver(b, &toB, true)
		collect(b, &toA)
		if len(toA) == 0 && len(toB) == 0 {
			break
		}
	}
	if truncatedAt != fork {
		t.Errorf("a cut its log after %s, want after the fork point %s", truncatedAt, fork)
	}
	if got := b.Status(); got.State != StateSynchronized || b.HardState().Suspended {
		t.Errorf("b is %v (suspended=%v) at the end, want SYNCHRONIZED", got.State, b.HardState().Suspended)
	}
	if got := a.Status().EndOfLog; got != newEnd {
		t.Errorf("a's log ends at %s, want the new principal's %s", got, newEnd)
	}
}
