package txn

import "sync/atomic"

// Owner is whoever holds locks: a transaction, or a session for its database lock.
// Create owners with Manager.NewOwner. An owner waits for at most one lock at a time
// (one goroutine acts for it); its other methods are safe for concurrent use.
type Owner struct {
	id       uint64
	spid     int32
	priority atomic.Int32
	logUsed  atomic.Int64

	// Guarded by Manager.mu.
	held    []*grant         // every resource o holds, unordered (grant.opos is the index)
	heldIdx map[Resource]int // index into held by resource, once held outgrows heldScan
	inline  [4]*grant        // held's first backing array: most transactions hold ≤ 4 locks
	stmt    []Resource       // resources that may hold a statement-duration part
	waiting *request

	// Key-range locking (rangelocks.go), guarded by Manager.mu.
	wroteKeys bool // holds or held a key X since the last ReleaseAll

	// kin groups the owners of one session's lock workspace (its
	// transactions and the locks its cursors hold between fetches): they
	// never block one another, as a SQL Server session's transaction and
	// cursor lock owners do not. 0 is kin to no one. Set by SetKin before
	// o takes any lock.
	kin uint64
}

// SetKin puts o in the lock workspace k (non-zero; see Owner.kin). Call it
// before o takes any lock.
func (o *Owner) SetKin(k uint64) { o.kin = k }

// sameWorkspace reports whether a lock of p never blocks o: p is o or kin
// to it. A nil o (an owner that holds nothing) has no kin.
func (o *Owner) sameWorkspace(p *Owner) bool {
	return o == p || o != nil && o.kin != 0 && o.kin == p.kin
}

// heldScan is how many holds an owner looks up by scanning before it keeps an
// index: a single-row write holds 2–3 locks, a large transaction thousands.
const heldScan = 8

// find returns o's grant on res, or nil. Caller holds Manager.mu.
func (o *Owner) find(res Resource) *grant {
	if o.heldIdx != nil {
		if i, ok := o.heldIdx[res]; ok {
			return o.held[i]
		}
		return nil
	}
	for _, g := range o.held {
		if g.res == res {
			return g
		}
	}
	return nil
}

// addHeld records g as held by o. Caller holds Manager.mu.
func (o *Owner) addHeld(g *grant) {
	if o.held == nil {
		o.held = o.inline[:0]
	}
	g.opos = len(o.held)
	o.held = append(o.held, g)
	switch {
	case o.heldIdx != nil:
		o.heldIdx[g.res] = g.opos
	case len(o.held) > heldScan:
		o.heldIdx = make(map[Resource]int, 2*len(o.held))
		for i, h := range o.held {
			o.heldIdx[h.res] = i
		}
	}
}

// removeHeld forgets g (held by o). Caller holds Manager.mu.
func (o *Owner) removeHeld(g *grant) {
	last := len(o.held) - 1
	if g.opos != last {
		moved := o.held[last]
		o.held[g.opos] = moved
		moved.opos = g.opos
		if o.heldIdx != nil {
			o.heldIdx[moved.res] = g.opos
		}
	}
	o.held[last] = nil
	o.held = o.held[:last]
	if o.heldIdx != nil {
		delete(o.heldIdx, g.res)
	}
}

// ID is the owner's number, unique within its Manager and increasing with age.
func (o *Owner) ID() uint64 { return o.id }

// SPID is the session id reported in error 1205.
func (o *Owner) SPID() int32 { return o.spid }

// SetDeadlockPriority sets SET DEADLOCK_PRIORITY (-10 … 10; LOW = -5, NORMAL = 0,
// HIGH = 5). The owner with the lowest priority in a deadlock is the victim.
func (o *Owner) SetDeadlockPriority(p int) {
	o.priority.Store(int32(max(-10, min(10, p))))
}

// AddLogUsed records n more bytes of log written by the owner's transaction. Among
// equal priorities, the owner that has written the least log (cheapest to roll back)
// is the deadlock victim.
func (o *Owner) AddLogUsed(n int64) { o.logUsed.Add(n) }

// grant is what one owner holds on one resource, split by duration.
//
// One grant is shared by the resource's lock head (head.holders[hpos]) and the
// owner (owner.held[opos]); both lists drop it when its mode falls to ModeNone.
type grant struct {
	owner    *Owner
	res      Resource
	head     *lockHead
	hpos     int  // index in head.holders
	opos     int  // index in owner.held
	txnMode  Mode // released by ReleaseAll / Release
	stmtMode Mode // released by ReleaseStatement / Unlock
}

func (g *grant) mode() Mode { return Combine(g.txnMode, g.stmtMode) }

// request is a lock request that is waiting.
type request struct {
	owner      *Owner
	res        Resource
	head       *lockHead
	mode       Mode // mode requested
	dur        Duration
	conversion bool // the owner already holds res and asks for a stronger mode

	done  bool // guarded by Manager.mu
	err   error
	ready chan struct{} // closed when done
}

// want is the mode the owner would hold on res once the request is granted.
func (r *request) want() Mode {
	if g := r.owner.find(r.res); g != nil {
		return Combine(g.mode(), r.mode)
	}
	return r.mode
}
