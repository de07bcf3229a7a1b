package engine

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// applyGroup combines the store writes of concurrent commits: one committer,
// the leader, writes the rows of every commit queued at that moment with one
// storage.Badger.ApplyGroup call, each at its own version, and then wakes the
// others. There is no applier goroutine: the leader is a committer, and when
// it is done it hands the lead to the first commit that queued meanwhile.
//
// Why: one flush of the log releases every commit it made durable at once
// (group commit), and each used to apply on its own: one badger transaction,
// one hand-off to badger's writer goroutine and one applied-LSN write per
// commit, all serialized by Badger.applyMu, so sixteen commits of one flush
// paid sixteen round trips to badger's writer one after the other. Combined,
// they pay one (docs/benchmarks-storage.md, "group apply, applied LSN, Latest
// reads").
//
// The rules of Database.Commit still hold for every commit in a group: its
// log is durable before the leader writes anything (it queues only after
// WaitDurable), and it returns, so its caller releases its locks and answers
// the client, only once the group's write is in the store and visible.
type applyGroup struct {
	store *storage.Badger

	mu      sync.Mutex
	leading bool        // a leader is writing; new requests queue
	queue   []*applyReq // requests waiting for the next write
	spare   []*applyReq // the previous queue's array, reused
	group   []storage.Versioned

	// writes and applied count store writes and the commits they carried
	// (BenchmarkInsertCommit reports their ratio).
	writes, applied atomic.Uint64
}

// applyReq is one commit's rows waiting to be written at version at.
type applyReq struct {
	batch *storage.Batch
	at    txlog.LSN
	// done receives the outcome: the write's error, or lead = true when the
	// request is to lead the next write itself.
	done chan applyResult
}

type applyResult struct {
	err  error
	lead bool
}

var applyReqPool = sync.Pool{New: func() any { return &applyReq{done: make(chan applyResult, 1)} }}

// apply writes b at version at, combined with the writes of concurrent
// callers, and returns once they are in the store. b must not be empty.
func (g *applyGroup) apply(b *storage.Batch, at txlog.LSN) error {
	req := applyReqPool.Get().(*applyReq)
	req.batch, req.at = b, at
	defer func() {
		req.batch = nil
		applyReqPool.Put(req)
	}()
	g.mu.Lock()
	g.queue = append(g.queue, req)
	if g.leading {
		g.mu.Unlock()
		res := <-req.done
		if !res.lead {
			return res.err
		}
		// The previous leader handed over; g.leading stayed true.
	} else {
		g.leading = true
		g.mu.Unlock()
	}
	return g.lead(req)
}

// lead takes every queued request (own included), writes them, wakes the
// others with the outcome and hands the lead to a request queued meanwhile.
//
// Before taking the queue the leader yields the processor once: the commits
// one log flush released are all runnable at that moment, and letting them
// queue first is what makes the group. Measured with BenchmarkInsertCommit at 16
// sessions: without the yield the leader of nearly every group was alone
// (1.37 commits per store write), with it a group carries what the flush
// released (9.0 commits per store write, 8.6 per flush) and CPU per commit fell
// ~15% (docs/benchmarks-storage.md). A lone committer's yield returns at once
// when nothing else is runnable; under a saturated CPU it waits its turn, as
// every runnable goroutine does.
//
// The yield stays even for a commit that is alone. Skipping it when no other
// commit was between log append and apply (2236fbc) was measured, 1 session
// through TDS on the loaded 2-core machine, against the same tree with the
// yield: 3 of 3 interleaved rounds were 2-3x slower (median request cycle
// 0.86-1.66 ms vs 0.45-0.56 ms; the next request's exec + log append went from
// ~70 us to ~1 ms), so it was reverted (docs/benchmarks-txlog.md, 2026-11-26
// h3). Why is not established: the likely cause is that the yield lets the
// goroutines woken during the fdatasync (badger's, the log's) run now rather
// than inside the next request's critical path.
func (g *applyGroup) lead(own *applyReq) error {
	runtime.Gosched()
	g.mu.Lock()
	reqs := g.queue
	g.queue = g.spare[:0]
	g.mu.Unlock()

	err := g.write(reqs)

	var ownErr error
	for i, r := range reqs {
		if r == own {
			ownErr = err
		} else {
			r.done <- applyResult{err: err}
		}
		reqs[i] = nil
	}
	g.mu.Lock()
	g.spare = reqs[:0]
	if len(g.queue) > 0 {
		g.queue[0].done <- applyResult{lead: true}
	} else {
		g.leading = false
	}
	g.mu.Unlock()
	return ownErr
}

// write applies reqs: alone through Apply (one atomic badger commit),
// several through ApplyGroup (one badger write). Only the leader calls it, so
// g.group needs no lock.
func (g *applyGroup) write(reqs []*applyReq) error {
	g.writes.Add(1)
	g.applied.Add(uint64(len(reqs)))
	if len(reqs) == 1 {
		return g.store.Apply(reqs[0].batch, reqs[0].at)
	}
	grp := g.group[:0]
	for _, r := range reqs {
		grp = append(grp, storage.Versioned{Batch: r.batch, At: r.at})
	}
	err := g.store.ApplyGroup(grp)
	clear(grp)
	g.group = grp[:0]
	return err
}
