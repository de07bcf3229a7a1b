package txlog

import (
	"context"
	"time"
)

// A CommitParker parks the committers of WaitCommit on behalf of the log
// (SetCommitParker): a commit that must also wait for something else before it
// is acknowledged (database mirroring's SAFETY FULL ack) waits for both in one
// place and is woken once, by whichever of the two comes last.
//
// Why: such a committer parked twice — on the log's flush channel until its
// block was durable, then in the mirror's commit wait until the mirror's ack —
// whenever the local write finished first (about two commits in three at 16
// sessions, docs/benchmarks-mirroring.md session 18): two goroutine park/wake
// cycles per commit, each a scheduler round trip and often a thread wake-up on
// this project's two cores. The log only knows its own half, so it reports
// every change of its durable end to the parker, which knows the other half.
//
// Contract. DurableChanged and Detach run with the log's lock held: they must
// be short, never block, and never call the log. Park runs without the log's
// locks; it blocks until
//   - DurableChanged has reported an end beyond lsn's block (and the parker's
//     own condition holds), or
//   - DurableChanged was called with lookAgain (the log was cut, failed or
//     closed: the committer must look at the log again), or Detach was called
//     (also before Park began), or
//   - tick is closed (it then returns ticked; tick is nil when the log has no
//     recheck clock),
//
// and reports in after how long of its wait came after the block was durable
// (waiting for its own condition: a commit's WRITELOG wait excludes it),
// and it may return early at any time (the committer looks again and parks
// again). The log never trusts the parker about durability: after every Park
// it checks its own state, so a parker can delay a commit but never
// acknowledge one early.
type CommitParker interface {
	Park(lsn LSN, tick <-chan struct{}) (ticked bool, after time.Duration)
	DurableChanged(end uint64, lookAgain bool)
	Detach()
}

// SetCommitParker installs p (nil removes the current one), which then parks
// the committers of WaitCommit. The parker being replaced is detached first,
// and p learns the log's durable end at once.
func (l *Log) SetCommitParker(p CommitParker) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.parker != nil {
		l.parker.Detach()
	}
	l.parker = p
	if p != nil {
		p.DurableChanged(l.durable, true)
	}
}

// WaitCommit is WaitDurable for a commit's own record: the same registration,
// flush leading and recheck, but while a commit parker is installed
// (SetCommitParker) a committer that has to wait parks in it rather than on
// the log's flush channel, so it may return only once the parker's condition
// holds too. Without a parker it is WaitDurable(context.Background(), lsn).
// It does not end early: a commit, once appended, runs to completion. after is
// how much of the wait the parker spent on its own condition once the block
// was durable (Park).
func (l *Log) WaitCommit(lsn LSN) (after time.Duration, err error) {
	return l.waitDurable(context.Background(), lsn, true)
}

// durableChangedLocked reports the durable end to the commit parker, if any.
// Caller holds l.mu.
func (l *Log) durableChangedLocked(lookAgain bool) {
	if l.parker != nil {
		l.parker.DurableChanged(l.durable, lookAgain)
	}
}
