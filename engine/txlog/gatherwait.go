package txlog

import "time"

// WaitGathered blocks until as many committers wait for the next flush as the
// last flush cycle had (the population gatherLocked waits for, a few
// scheduler rounds at most), or for at most max. It returns at once when no
// more are expected (a lone committer never waits) or the log failed or
// closed. It reports false when max passed first.
//
// Why: a mirrored SAFETY FULL principal's flush gate (mirroring/pace.go)
// holds each flush until the mirror has acknowledged the previous one, and
// the committers that ack releases need a client round trip before they
// commit again — far longer than gatherLocked's bound. Without a longer wait
// the committer population settles into two alternating flushes of half its
// size, and the mirror pays its per-flush cost (a durable write, a frame, an
// ack) twice per cycle. Waiting here, on a channel rather than by polling,
// lets the gate seal one flush for the whole population.
//
// Contract: for a flush gate (SetFlushGate), on the goroutine leading the
// flush with the flush lock held and no other log lock; max bounds the wait
// (committers of this flush wait for it too).
func (l *Log) WaitGathered(max time.Duration) bool {
	l.mu.Lock()
	if l.nextWaiters >= l.active || l.err != nil || l.closed {
		l.mu.Unlock()
		return true
	}
	if l.gathered == nil {
		l.gathered = make(chan struct{})
	}
	ch := l.gathered
	l.mu.Unlock()
	t := time.NewTimer(max)
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
		return false
	}
}

// countGatheredLocked wakes WaitGathered once the committers registered for
// the next flush reach the last cycle's population. Caller holds mu, right
// after a committer registered (nextWaiters++).
func (l *Log) countGatheredLocked() {
	if l.gathered != nil && l.nextWaiters >= l.active {
		close(l.gathered)
		l.gathered = nil
	}
}
