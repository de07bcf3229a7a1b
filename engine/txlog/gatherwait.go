package txlog

import "time"

// WaitGathered blocks until as many committers wait for the next flush as the
// last flush cycle had (the population gatherLocked waits for, a few
// scheduler rounds at most), or for at most max. It returns at once when no
// more are expected (a lone committer never waits) or the log failed or
// closed. gathered is false when max passed first; came then reports whether
// any committer registered for the flush while it waited (the population is
// still committing back to back: a near miss, not a population that is gone).
//
// Why: a mirrored SAFETY FULL principal's flush gate (mirroring/pace.go)
// holds each flush until the mirror has acknowledged the previous one, and
// the committers that ack releases need a client round trip before they
// commit again — far longer than gatherLocked's bound. Without a longer wait
// the committer population settles into two alternating flushes of half its
// size, and the mirror pays its per-flush cost (a durable write, a frame, an
// ack) twice per cycle. Waiting here, on a channel rather than by polling,
// lets the gate seal one flush for the whole population. The flush that
// follows does not gather again (gatherLocked): the gate has waited for the
// same committers already, and a second, shorter wait after a gate's miss only
// delayed the committers that had come (session 31).
//
// Contract: for a flush gate (SetFlushGate), on the goroutine leading the
// flush with the flush lock held and no other log lock; max bounds the wait
// (committers of this flush wait for it too).
func (l *Log) WaitGathered(max time.Duration) (gathered, came bool) {
	l.mu.Lock()
	if l.nextWaiters >= l.active || l.err != nil || l.closed {
		l.mu.Unlock()
		return true, false
	}
	if l.gathered == nil {
		l.gathered = make(chan struct{})
	}
	ch := l.gathered
	waiting := l.nextWaiters
	l.gateGathered = true
	l.mu.Unlock()
	t := time.NewTimer(max)
	defer t.Stop()
	select {
	case <-ch:
		return true, true
	case <-t.C:
	}
	l.mu.Lock()
	came = l.nextWaiters > waiting
	l.mu.Unlock()
	return false, came
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

// Gathering before a flush seals (session 30). A population of committers
// that a flush releases all at once needs a round trip to its clients before
// it commits again, while the committers that arrived during that flush are
// already waiting: without a wait the next flush seals with those alone, and
// the population settles into two alternating flushes of half its size
// (7.5 commits per flush at 16 sessions through TDS, session 29). Each flush
// costs its O_DIRECT write's CPU (~55 µs here) however many commits it
// carries, so the halves pay it twice per cycle. gatherLocked waits, on a
// channel rather than by yielding the processor (yields burned the CPU the
// returning committers need: session 29), until the last cycle's population
// has registered, for at most gatherSpan flushes' write time. What it may
// cost: where sessions commit now and then instead of back to back, the
// last cycle's count is not a promise, and a flush may wait up to its bound
// for commits that would have joined the next flush (the mirroring flush
// gate's WaitGathered makes the same trade with a 1 ms bound, session 12).
const (
	// gatherSpan: a wait lasts at most gatherSpan times the last flush's
	// write time, never less than gatherMin nor more than gatherMax. The
	// committers a flush released come back after a round trip to their
	// clients and their next statement. Measured (session 30, load ~26):
	// in process (BenchmarkInsertCommit, 16 sessions) a span of ½ gathered
	// 12.9 commits per flush, 1 gathered 14.1 and 2 gathered 15.3 (the
	// yields: 10.9); through TDS (tests/bench -suite writes, 16
	// connections) 2 gathered ~10 and 4 gathered 13.7 INSERTs per flush
	// (the yields: 7.7), server CPU per INSERT 0.81×.
	gatherSpan = 4
	gatherMin  = 30 * time.Microsecond
	gatherMax  = 500 * time.Microsecond
	// maxGatherSkip caps how many flushes go ungathered after consecutive
	// misses (2, 4, … as the mirroring flush gate backs off).
	maxGatherSkip = 64
)

// gatherLocked waits, before the flush seals its batch, until as many
// committers wait for it as the last flush cycle had (nextWaiters reaches
// active; WaitDurable's registration wakes it, countGatheredLocked), or for
// gatherBound. It returns at once when nobody waits for this flush (a
// flusher looking for more work after a flush), or when no more are expected: a lone
// committer is the whole population (active 1), so it never waits, and a
// committer alone after a busier cycle waits once, for the bound, after
// which the population is counted again. A wait that reaches its bound
// with nobody registering meanwhile turns gathering off for the next 2, 4,
// … maxGatherSkip flushes, so committers that do not come back (sessions
// committing now and then) cost a wait only now and then. Caller holds mu
// and flushMu; mu is released while waiting.
func (l *Log) gatherLocked() {
	if l.gateGathered {
		l.gateGathered = false // the flush gate waited for them (WaitGathered)
		return
	}
	if l.nextWaiters == 0 || l.nextWaiters >= l.active || l.err != nil || l.closed {
		return
	}
	if l.gatherSkip > 0 {
		l.gatherSkip--
		return
	}
	if l.gathered == nil {
		l.gathered = make(chan struct{})
	}
	ch := l.gathered
	waiting := l.nextWaiters
	bound := l.gatherBound()
	l.gathers.Add(1)
	l.mu.Unlock()
	if l.gatherTimer == nil {
		l.gatherTimer = time.NewTimer(bound)
	} else {
		l.gatherTimer.Reset(bound)
	}
	missed := false
	select {
	case <-ch:
	case <-l.gatherTimer.C:
		missed = true
	}
	l.gatherTimer.Stop()
	l.mu.Lock()
	if missed {
		l.gatherMissed.Add(1)
	}
	if !missed || l.nextWaiters > waiting {
		// Gathered, or committers still came while it waited: a population
		// that commits back to back, worth waiting for again.
		l.gatherMisses = 0
		return
	}
	l.gatherMisses = min(l.gatherMisses+1, 6)
	l.gatherSkip = min(1<<l.gatherMisses, maxGatherSkip)
}

// gatherBound is how long gatherLocked may wait: gatherSpan times the last
// flush's write time, within [gatherMin, gatherMax]. Caller holds flushMu.
func (l *Log) gatherBound() time.Duration {
	if l.gatherFor > 0 {
		return l.gatherFor
	}
	return min(max(l.lastWrite*gatherSpan, gatherMin), gatherMax)
}
