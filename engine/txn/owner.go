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
	held    map[Resource]*grant
	stmt    []Resource // resources that may hold a statement-duration part
	waiting *request
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
type grant struct {
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
	if g := r.head.granted[r.owner]; g != nil {
		return Combine(g.mode(), r.mode)
	}
	return r.mode
}
