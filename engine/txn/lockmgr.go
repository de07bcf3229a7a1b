package txn

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/btree"
)

// Duration says when a lock is released.
type Duration uint8

const (
	// ForTransaction locks are released by ReleaseAll (commit, rollback) or Release.
	ForTransaction Duration = iota
	// ForStatement locks are released by ReleaseStatement at the end of the
	// statement, or earlier by Unlock (READ COMMITTED releases S row locks after the
	// row is read).
	ForStatement
)

// WaitForever is the lock timeout of SET LOCK_TIMEOUT -1 (the default).
const WaitForever time.Duration = -1

// LockTimeout converts a SET LOCK_TIMEOUT value in milliseconds (-1 forever, 0 no
// wait) to the timeout Lock takes.
func LockTimeout(ms int32) time.Duration {
	if ms < 0 {
		return WaitForever
	}
	return time.Duration(ms) * time.Millisecond
}

// Manager is a lock manager: one per instance (resources carry the database id).
// All methods are safe for concurrent use.
//
// Waiting is strictly FIFO per resource: a request that conflicts with a granted lock
// or with any earlier waiter waits behind it, except a conversion (an owner raising
// the mode it already holds), which is granted at once if compatible with the other
// holders and otherwise waits ahead of new requests. Deadlocks are detected when a
// request blocks: the waits-for graph is searched from the new waiter and, while a
// cycle remains, one victim in it gets error 1205. Every cycle is closed by some
// request blocking, so no periodic monitor is needed.
type Manager struct {
	mu        sync.Mutex
	heads     map[Resource]*lockHead
	headsPeak int         // the most entries heads has had since it was made (shrinkHeads)
	free      []*lockHead // idle heads for reuse (bounded by maxFreeHeads)
	nextOwner uint64

	// The held keys of each index, in key order (heldkeys.go).
	keys     map[indexID]*btree.BTreeG[*lockHead]
	keyNodes *btree.FreeListG[*lockHead] // the trees' spare nodes
	// keysSweepAt is the number of trees at which sweepKeyTrees runs
	// before another is made.
	keysSweepAt int
	pivot       lockHead // a search key for the trees

	// testHookBlocked, if set, is called (under mu) when a request starts waiting.
	testHookBlocked func(o *Owner, r Resource)

	waits     waitCounters  // waitstats.go; written only by requests that queue
	deadlocks atomic.Uint64 // victims chosen (deadlock.go): "Number of Deadlocks/sec"

	// Key-range locking's bookkeeping (rangelocks.go).
	ranged      map[indexID]int // range grants held, per index; entries > 0
	rangeGrants atomic.Int64    // the sum of ranged: 0 lets RangeHeld skip mu
	writeEpoch  atomic.Uint64
}

// lockHead is the state of one locked resource.
//
// Why slices and an embedded grant instead of maps: a single-row autocommit
// write takes two or three locks that nobody else holds or waits for, and the
// maps (a map per head, a map per owner, a grant each) were most of the lock
// manager's cost — 12 allocations and a dozen hashes of the resource per
// transaction (docs/benchmarks-txlog.md, session 7). Holders are few per
// head (the table's IX by the sessions writing it) and an owner indexes its
// holds once it has many (heldScan).
type lockHead struct {
	holders   []*grant   // granted holds, unordered (grant.hpos is the index)
	queue     []*request // waiting requests: conversions first, then FIFO
	first     grant      // storage for one holder's grant, so a lone lock allocates none
	firstUsed bool
	inline    [1]*grant // holders' first backing array
	key       string    // a key resource's key while in its index's tree (heldkeys.go)
}

// maxFreeHeads bounds the idle lock heads kept for reuse.
const maxFreeHeads = 256

// NewManager returns an empty lock manager.
func NewManager() *Manager {
	return &Manager{heads: make(map[Resource]*lockHead)}
}

// NewOwner returns a new lock owner for session spid. Owners created later are
// younger.
func (m *Manager) NewOwner(spid int32) *Owner {
	o := new(Owner)
	m.InitOwner(o, spid)
	return o
}

// InitOwner makes *o a new lock owner for session spid, as NewOwner does, in
// memory the caller allocated with something else (exec's transaction: one
// allocation for both on every autocommit). o must be unused or released
// (it holds and waits for nothing), and is not to be copied afterwards.
func (m *Manager) InitOwner(o *Owner, spid int32) {
	*o = Owner{spid: spid}
	m.mu.Lock()
	m.nextOwner++
	o.id = m.nextOwner
	m.mu.Unlock()
}

// headFor returns res's lock head, creating (or reusing) one. Caller holds mu.
func (m *Manager) headFor(res Resource) *lockHead {
	if h := m.heads[res]; h != nil {
		return h
	}
	var h *lockHead
	if n := len(m.free); n > 0 {
		h = m.free[n-1]
		m.free[n-1] = nil
		m.free = m.free[:n-1]
	} else {
		h = &lockHead{}
		h.holders = h.inline[:0]
	}
	m.heads[res] = h
	m.headsPeak = max(m.headsPeak, len(m.heads))
	m.noteKeyHead(res, h)
	return h
}

// shrinkHeadsAt is the size of the lock table from which, once it has
// emptied to an eighth of that, it is made anew (shrinkHeads).
const shrinkHeadsAt = 16384

// shrinkHeads makes the lock table anew when it holds an eighth or less of
// its peak, a peak of shrinkHeadsAt entries or more. A Go map keeps the
// buckets of its largest size: one transaction that held a lock per row of
// a 100,000-row UPDATE (there is no lock escalation for writes) left about
// 120 bytes a lock — 12 MB — in the table until the server stopped
// (BenchmarkHoldKeyLocks, kept-B/lock). Copying the live entries costs
// O(live), once per such shrink. Caller holds mu.
func (m *Manager) shrinkHeads() {
	if m.headsPeak < shrinkHeadsAt || len(m.heads) > m.headsPeak/8 {
		return
	}
	heads := make(map[Resource]*lockHead, len(m.heads))
	for res, h := range m.heads {
		heads[res] = h
	}
	m.heads, m.headsPeak = heads, len(heads)
}

// Lock acquires res in mode for o with duration dur, waiting up to timeout
// (WaitForever, 0 for no wait, or a positive duration) while it conflicts. If o
// already holds res, the held mode is raised to Combine(held, mode).
//
// It returns nil once granted; ErrLockTimeout (1222) when the timeout passes; a
// deadlock error (1205, errors.Is(err, ErrDeadlockVictim)) when o is chosen as a
// deadlock victim, after which the caller rolls o's transaction back and calls
// ReleaseAll; or ctx.Err() when ctx ends first (attention). On error nothing is
// granted.
func (m *Manager) Lock(ctx context.Context, o *Owner, res Resource, mode Mode, dur Duration, timeout time.Duration) error {
	_, err := m.LockWaited(ctx, o, res, mode, dur, timeout)
	return err
}

// LockWaited is Lock reporting whether the request had to wait (or failed
// because it would have): a reader that waited reads its row again.
func (m *Manager) LockWaited(ctx context.Context, o *Owner, res Resource, mode Mode, dur Duration, timeout time.Duration) (waited bool, err error) {
	waited, _, err = m.LockFresh(ctx, o, res, mode, dur, timeout)
	return waited, err
}

// LockFresh is LockWaited reporting also whether o held nothing on res
// before: a lock it may give back at once when it finds it took it too
// early (a key-range scan that must lock a lower key first).
func (m *Manager) LockFresh(ctx context.Context, o *Owner, res Resource, mode Mode, dur Duration, timeout time.Duration) (waited, fresh bool, err error) {
	m.mu.Lock()
	h := m.headFor(res)
	g := o.find(res)
	fresh = g == nil
	if g != nil {
		want := Combine(g.mode(), mode)
		if want == g.mode() || h.compatible(o, want) {
			m.hold(o, res, h, g, mode, dur)
			m.mu.Unlock()
			return false, fresh, nil
		}
	} else if (len(h.queue) == 0 || h.heldByKin(o)) && h.compatible(o, mode) {
		m.hold(o, res, h, nil, mode, dur)
		m.mu.Unlock()
		return false, fresh, nil
	}
	if timeout == 0 {
		m.dropIfIdle(res, h)
		m.mu.Unlock()
		return true, fresh, ErrLockTimeout
	}
	r := &request{owner: o, res: res, head: h, mode: mode, dur: dur, conversion: g != nil, ready: make(chan struct{})}
	if r.conversion {
		at := 0
		for at < len(h.queue) && h.queue[at].conversion {
			at++
		}
		h.queue = slices.Insert(h.queue, at, r)
	} else {
		h.queue = append(h.queue, r)
	}
	o.waiting = r
	if m.testHookBlocked != nil {
		m.testHookBlocked(o, res)
	}
	m.resolveDeadlocks(o)
	if r.done { // o itself was the victim
		m.mu.Unlock()
		return true, fresh, r.err
	}
	m.mu.Unlock()
	defer m.waits.record(mode, time.Now()) // waitstats.go

	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		expired = t.C
	}
	select {
	case <-r.ready:
		return true, fresh, r.err
	case <-expired:
		return true, fresh, m.abandon(r, ErrLockTimeout)
	case <-ctx.Done():
		return true, fresh, m.abandon(r, ctx.Err())
	}
}

// abandon ends a wait that timed out or was cancelled, unless it completed first.
func (m *Manager) abandon(r *request, err error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r.done {
		return r.err
	}
	m.fail(r, err)
	return err
}

// fail removes waiting request r and completes it with err. Requests behind it may
// now be grantable.
func (m *Manager) fail(r *request, err error) {
	h := r.head
	if i := slices.Index(h.queue, r); i >= 0 {
		h.queue = slices.Delete(h.queue, i, i+1)
	}
	r.complete(err)
	m.grantWaiters(r.res, h)
}

func (r *request) complete(err error) {
	r.done, r.err = true, err
	r.owner.waiting = nil
	close(r.ready)
}

// heldByKin reports whether an owner kin to o holds h: o's request then
// goes ahead of those queued, as a conversion does, since they may be
// waiting for that owner.
func (h *lockHead) heldByKin(o *Owner) bool {
	if o == nil || o.kin == 0 {
		return false
	}
	for _, g := range h.holders {
		if g.owner != o && o.sameWorkspace(g.owner) {
			return true
		}
	}
	return false
}

// compatible reports whether o may hold mode on h given every other owner's
// grant (its kin's do not count).
func (h *lockHead) compatible(o *Owner, mode Mode) bool {
	for _, g := range h.holders {
		if !o.sameWorkspace(g.owner) && !Compatible(g.mode(), mode) {
			return false
		}
	}
	return true
}

// hold records that o holds res in (at least) mode for dur; g is o's existing grant
// or nil.
func (m *Manager) hold(o *Owner, res Resource, h *lockHead, g *grant, mode Mode, dur Duration) {
	if g == nil {
		if !h.firstUsed {
			h.firstUsed = true
			g = &h.first
		} else {
			g = &grant{}
		}
		g.owner, g.res, g.head = o, res, h
		g.hpos = len(h.holders)
		h.holders = append(h.holders, g)
		o.addHeld(g)
	}
	before := g.mode()
	if dur == ForStatement {
		if g.stmtMode == ModeNone {
			o.stmt = append(o.stmt, res)
		}
		g.stmtMode = Combine(g.stmtMode, mode)
	} else {
		g.txnMode = Combine(g.txnMode, mode)
	}
	if res.Kind == Key {
		m.noteKeyModeChange(g, before) // rangelocks.go
	}
}

// grantWaiters grants waiting requests from the front of h's queue while they are
// compatible with the granted locks.
func (m *Manager) grantWaiters(res Resource, h *lockHead) {
	for len(h.queue) > 0 {
		r := h.queue[0]
		if !h.compatible(r.owner, r.want()) {
			break
		}
		h.queue = slices.Delete(h.queue, 0, 1)
		m.hold(r.owner, res, h, r.owner.find(res), r.mode, r.dur)
		r.complete(nil)
	}
	m.dropIfIdle(res, h)
}

// dropIfIdle forgets h once nothing holds or waits for res, keeping it for
// reuse: no grant or request refers to an idle head.
func (m *Manager) dropIfIdle(res Resource, h *lockHead) {
	if len(h.holders) == 0 && len(h.queue) == 0 {
		delete(m.heads, res)
		m.forgetKeyHead(res, h)
		if len(m.free) < maxFreeHeads && cap(h.holders) <= 4 && cap(h.queue) <= 4 {
			h.first = grant{}
			h.firstUsed = false
			h.queue = h.queue[:0]
			m.free = append(m.free, h)
		}
	}
}

// release drops o's statement-duration part of res (stmtOnly) or all of it.
func (m *Manager) release(o *Owner, res Resource, stmtOnly bool) {
	if g := o.find(res); g != nil {
		m.releaseGrant(g, stmtOnly)
	}
}

// releaseGrant drops g's statement-duration part (stmtOnly) or all of it,
// forgetting g once it holds nothing and granting waiters it no longer blocks.
func (m *Manager) releaseGrant(g *grant, stmtOnly bool) {
	h, res := g.head, g.res
	before := g.mode()
	g.stmtMode = ModeNone
	if !stmtOnly {
		g.txnMode = ModeNone
	}
	if res.Kind == Key {
		m.noteKeyModeChange(g, before)
	}
	if g.mode() == ModeNone {
		last := len(h.holders) - 1
		if g.hpos != last {
			moved := h.holders[last]
			h.holders[g.hpos] = moved
			moved.hpos = g.hpos
		}
		h.holders[last] = nil
		h.holders = h.holders[:last]
		g.owner.removeHeld(g)
		if g == &h.first {
			h.firstUsed = false
		}
		g.head = nil
	}
	if g.mode() != before {
		m.grantWaiters(res, h)
	}
}

// Unlock releases o's statement-duration hold on res (a transaction-duration hold
// stays).
func (m *Manager) Unlock(o *Owner, res Resource) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.release(o, res, true)
}

// Release releases every hold o has on res (a session leaving a database).
func (m *Manager) Release(o *Owner, res Resource) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.release(o, res, false)
}

// ReleaseStatement releases every statement-duration hold of o (end of statement).
func (m *Manager) ReleaseStatement(o *Owner) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, res := range o.stmt {
		m.release(o, res, true)
	}
	clear(o.stmt)
	o.stmt = o.stmt[:0]
}

// ReleaseAll releases every lock o holds (commit, rollback, session end).
func (m *Manager) ReleaseAll(o *Owner) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for len(o.held) > 0 {
		m.releaseGrant(o.held[len(o.held)-1], false)
	}
	m.endWrites(o) // rangelocks.go
	o.heldIdx = nil
	o.stmt = nil
	m.shrinkHeads()
}

// Held returns the mode o holds on res (ModeNone if none).
func (m *Manager) Held(o *Owner, res Resource) Mode {
	m.mu.Lock()
	defer m.mu.Unlock()
	if g := o.find(res); g != nil {
		return g.mode()
	}
	return ModeNone
}
