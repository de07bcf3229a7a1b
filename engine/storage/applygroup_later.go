package storage

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// ApplyLater queues b to be written at version at by the store's applier and
// returns without waiting for the write (issues #4 and #5: a lone commit's
// store write, with badger's goroutine hand-offs, was ~25 µs of its critical
// path, docs/benchmarks-txlog.md). The caller must already have made b
// durable in the log: the log is the truth, and the queue is not.
//
// Visibility contract — once ApplyLater has returned, every read of the store
// that starts afterwards sees b, exactly as if Apply had returned:
//   - Get of a key b writes waits until b is in the store (only a read of a
//     queued key waits; others go ahead);
//   - NewIterator of an object b writes waits likewise;
//   - Apply, ApplyGroup, DropObject, Load, Present, Sync and Close wait for everything queued before them, so
//     writes stay in queue order, a drop never precedes a queued write of its
//     object, and a checkpoint (which syncs the store before it moves the
//     redo start) never passes a queued commit.
//
// AppliedLSN moves when the write is in, as with Apply. Writes are taken from
// the queue in order, and everything queued while one write runs goes into
// the next one (ApplyGroup: one badger write for many commits).
//
// b must not be modified afterwards; the store keeps it until written.
//
// Failure: if a queued write fails, the store stops applying — the writes
// still queued are dropped, ApplyLater, every waiting read and every later
// read, Apply and Sync return the error (wrapped in ErrApplyFailed), and the
// hook given to OnApplyFailure runs once. The commits are in the log, and
// recovery redoes them after a restart.
//
// Pin does not wait (the buffer pool pins under applyMu, which the applier
// needs); a pinned reader reads through Get or NewIterator, which do.
func (s *Badger) ApplyLater(b *Batch, at txlog.LSN) error {
	_, err := s.enqueueLater(b, at, false)
	return err
}

// enqueueLater is ApplyLater (lazy false) and ApplyDeferred (lazy true).
func (s *Badger) enqueueLater(b *Batch, at txlog.LSN, lazy bool) (deferred bool, err error) {
	if at == 0 {
		return false, ErrZeroLSN
	}
	if err := b.normalize(); err != nil {
		return false, err
	}
	q := &s.later
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return false, ErrClosed
	}
	if q.err != nil {
		err := q.err
		q.mu.Unlock()
		return false, err
	}
	if q.keys == nil {
		q.keys = make(map[string]uint64)
		q.objects = make(map[uint32]uint64)
		q.whole = make(map[uint32]uint64)
		q.cond = sync.NewCond(&q.mu)
		q.start = s.runLater
	}
	q.enq++
	t := q.enq
	// The map keys need their own strings; the stored key they are made
	// from need not be on the heap (a longer key moves buf there).
	var arr [64]byte
	buf := arr[:0]
	for _, op := range b.ops {
		q.objects[op.ObjectID] = t
		if b.Len() > laterKeyLimit {
			q.whole[op.ObjectID] = t
			continue
		}
		buf = AppendObjectKey(buf[:0], op.ObjectID, op.Key)
		q.keys[string(buf)] = t
	}
	q.peak = max(q.peak, len(q.keys))
	q.queue = append(q.queue, laterReq{Versioned: Versioned{Batch: b, At: at}, ticket: t})
	q.pending.Add(1)
	if q.running {
		q.mu.Unlock()
		return false, nil // the running applier loops until the queue is empty
	}
	if lazy && q.deferLocked() { // applydeferred.go
		q.mu.Unlock()
		return true, nil
	}
	q.running = true
	q.mu.Unlock()
	go s.runLater()
	return false, nil
}

// ErrApplyFailed wraps the error of a write ApplyLater queued and the store
// could not make; the store applies nothing more (see ApplyLater).
var ErrApplyFailed = errors.New("a committed write could not be applied to the store")

// OnApplyFailure sets the hook that runs, once, when a write queued by
// ApplyLater fails. It runs on the applier's goroutine; it must not wait for
// the store. Set it before the first ApplyLater.
func (s *Badger) OnApplyFailure(f func(error)) {
	s.later.mu.Lock()
	s.later.onFail = f
	s.later.mu.Unlock()
}

// LaterStats reports how many store writes ApplyLater's applier has made and
// how many queued batches they carried (their ratio is the grouping).
func (s *Badger) LaterStats() (writes, batches uint64) {
	return s.later.writes.Load(), s.later.batches.Load()
}

// ApplierRunning reports whether ApplyLater's applier is running. It goes
// on for a moment after the write a Sync waited for (it looks at the queue
// once more before it ends), and while it runs ApplyDeferred defers nothing
// (the applier takes the batch): a test of deferral waits for false.
func (s *Badger) ApplierRunning() bool {
	s.later.mu.Lock()
	defer s.later.mu.Unlock()
	return s.later.running
}

// laterKeyLimit is the largest batch whose keys ApplyLater tracks one by one;
// a larger one (a bulk load) makes every Get of its objects wait, which
// saves a map entry per row.
const laterKeyLimit = 256

// laterShrink is the number of tracked keys above which the key map is
// replaced once it empties: a Go map keeps its peak size.
const laterShrink = 4096

// laterQueue is ApplyLater's state.
type laterQueue struct {
	// pending counts the batches queued and not yet written; 0 (and not
	// failed) is the readers' fast path. It drops only after the write is in.
	pending atomic.Int64
	failed  atomic.Bool // err is set
	// writes and batches are LaterStats.
	writes, batches atomic.Uint64

	mu      sync.Mutex
	cond    *sync.Cond // signalled (Broadcast) when done or err moves
	queue   []laterReq
	spare   []laterReq
	group   []Versioned
	running bool // an applier goroutine is running
	// start is s.runLater, for a wait that finds a deferred batch and no
	// applier (ApplyDeferred); set with the maps.
	start func()
	// deferred is ApplyDeferred's state (applydeferred.go).
	deferred deferredGroup
	closed   bool   // shut: ApplyLater refuses
	enq      uint64 // the last ticket handed out
	done     uint64 // every ticket up to done is written
	// keys and objects map each queued key (AppendObjectKey form) and object
	// to the last ticket that writes it.
	// whole maps the objects of batches larger than laterKeyLimit (keys not
	// tracked) to the last such ticket; peak is the key map's largest size.
	keys    map[string]uint64
	objects map[uint32]uint64
	whole   map[uint32]uint64
	peak    int
	err     error // the first failed write, wrapped in ErrApplyFailed
	onFail  func(error)

	// Test hooks: beforeWrite runs on the applier before each write (an error
	// fails it), waiting when a read starts to wait.
	beforeWrite func() error
	waiting     func()
}

// laterReq is one queued batch and its ticket.
type laterReq struct {
	Versioned
	ticket uint64
}

// runLater is the applier: it writes the queue, group by group, until it is
// empty. One runs at a time (running); whoever sets running starts it.
//
// It yields once before each group: the commits one log flush released are
// runnable together, and letting them queue first makes one write of them
// (the group apply's measured ~9 commits per store write at 16 sessions,
// docs/benchmarks-storage.md). The yield is on no commit's critical path.
func (s *Badger) runLater() {
	q := &s.later
	for {
		runtime.Gosched()
		q.mu.Lock()
		reqs := q.queue
		if len(reqs) == 0 || q.err != nil {
			q.running = false
			q.mu.Unlock()
			return
		}
		q.queue = q.spare[:0]
		hook := q.beforeWrite
		q.mu.Unlock()

		err := s.writeLater(reqs, hook)

		q.mu.Lock()
		var onFail func(error)
		if err != nil {
			q.err = fmt.Errorf("%w: %w", ErrApplyFailed, err)
			q.failed.Store(true)
			onFail, q.onFail = q.onFail, nil
			err = q.err
			// Nothing queued will be written; waiters get the error.
			q.pending.Add(-int64(len(q.queue)))
			q.queue = nil
		}
		last := reqs[len(reqs)-1].ticket
		q.done = last
		var arr [64]byte // as in enqueueLater: no heap buffer for short keys
		buf := arr[:0]
		for i := range reqs {
			for _, op := range reqs[i].Batch.ops {
				if q.objects[op.ObjectID] <= last {
					delete(q.objects, op.ObjectID)
				}
				if q.whole[op.ObjectID] <= last {
					delete(q.whole, op.ObjectID)
				}
				if reqs[i].Batch.Len() > laterKeyLimit {
					continue
				}
				buf = AppendObjectKey(buf[:0], op.ObjectID, op.Key)
				if q.keys[string(buf)] <= last {
					delete(q.keys, string(buf))
				}
			}
			reqs[i] = laterReq{}
		}
		if len(q.keys) == 0 && q.peak > laterShrink {
			q.keys, q.peak = make(map[string]uint64), 0
		}
		q.spare = reqs[:0]
		q.pending.Add(-int64(len(reqs)))
		q.cond.Broadcast()
		q.mu.Unlock()
		if onFail != nil {
			onFail(err)
		}
	}
}

// writeLater writes reqs: alone through apply (one atomic badger commit),
// several through applyGroup (one badger write). Only the applier calls it, so
// q.group needs no lock.
func (s *Badger) writeLater(reqs []laterReq, hook func() error) error {
	q := &s.later
	if hook != nil {
		if err := hook(); err != nil {
			return err
		}
	}
	q.writes.Add(1)
	q.batches.Add(uint64(len(reqs)))
	if len(reqs) == 1 {
		return s.apply(reqs[0].Batch, reqs[0].At)
	}
	g := q.group[:0]
	for _, r := range reqs {
		g = append(g, r.Versioned)
	}
	err := s.applyGroup(g)
	clear(g)
	q.group = g[:0]
	return err
}

// waitKey waits until no queued write of (objectID, key) is pending.
func (q *laterQueue) waitKey(objectID uint32, key []byte) error {
	if q.idle() {
		return nil
	}
	var arr [64]byte
	k := AppendObjectKey(arr[:0], objectID, key)
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.waitLocked(max(q.keys[string(k)], q.whole[objectID]))
}

// waitObject waits until no queued write of objectID is pending.
func (q *laterQueue) waitObject(objectID uint32) error {
	if q.idle() {
		return nil
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.waitLocked(q.objects[objectID])
}

// waitAll waits until everything queued so far is written.
func (q *laterQueue) waitAll() error {
	if q.idle() {
		return nil
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.waitLocked(q.enq)
}

// idle reports that nothing is queued and nothing failed: a read need not
// take q.mu. A batch queued after the check was not acknowledged before the
// read started, so the read need not see it.
func (q *laterQueue) idle() bool { return q.pending.Load() == 0 && !q.failed.Load() }

// shut makes ApplyLater refuse new writes and waits for the queued ones.
func (q *laterQueue) shut() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	if q.deferred.idle != nil {
		q.deferred.idle.Stop()
	}
	_ = q.waitLocked(q.enq)
}

// waitLocked waits, with q.mu held, until ticket t is written (0: nothing to
// wait for) or the applier failed.
func (q *laterQueue) waitLocked(t uint64) error {
	if q.cond == nil {
		q.cond = sync.NewCond(&q.mu)
	}
	if t > q.done && q.err == nil && q.waiting != nil {
		q.waiting()
	}
	for t > q.done && q.err == nil {
		if !q.running && len(q.queue) > 0 {
			// A deferred batch (ApplyDeferred) whose caller has not called
			// StartDeferred yet: the wait does not depend on that caller.
			q.running = true
			go q.start()
		}
		q.cond.Wait()
	}
	return q.err
}
