package exec

import (
	"context"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// A SCROLL_LOCKS cursor's FETCH in autocommit mode locks the row it reads
// until the cursor's next FETCH or its CLOSE, as SQL Server's does, not
// only to the end of the FETCH's own transaction: the lock is held by a lock
// owner of the cursor's (cursor.scrollOwner), not by the transaction. That
// owner and every transaction of the session share one lock workspace
// (txn.Owner.SetKin), so the session's own positioned UPDATE or DELETE of
// the row — or any other statement of it — is not blocked by its cursor's
// lock, while other sessions are. Inside a user transaction the FETCH's lock
// is the transaction's, to its end, as before.
//
// The locks end with the cursor: at its next FETCH, at CLOSE and DEALLOCATE
// (closeCursor), at the end of the request for a cursor no longer reachable
// (a LOCAL cursor whose batch or procedure ended while it was open), and
// when the session closes.

// scrollHolds is a session's lock workspace and its cursors' held locks.
type scrollHolds struct {
	kin     uint64
	holding map[*cursor]bool // cursors whose scrollOwner may hold locks
}

// kinCounter numbers the sessions' lock workspaces.
var kinCounter atomic.Uint64

// lockKin is the session's lock workspace (txn.Owner.SetKin); 0, none,
// for a session that has used no cursor, whose transactions have no kin.
func (s *Session) lockKin() uint64 {
	if s.cursors == nil {
		return 0
	}
	sc := &s.cursors.scroll
	if sc.kin == 0 {
		sc.kin = kinCounter.Add(1)
	}
	return sc.kin
}

// scrollLocker returns the lock function of a FETCH of c outside a
// transaction: its locks go to c's own owner.
func (s *Session) scrollLocker(c *cursor) func(context.Context, txn.Resource, txn.Mode, txn.Duration) error {
	return func(ctx context.Context, res txn.Resource, mode txn.Mode, dur txn.Duration) error {
		locks := s.srv.Locks()
		if c.scrollOwner == nil {
			c.scrollOwner = locks.NewOwner(s.SPID)
			c.scrollOwner.SetKin(s.lockKin())
		}
		sc := &s.cursorState().scroll
		if sc.holding == nil {
			sc.holding = map[*cursor]bool{}
		}
		sc.holding[c] = true
		return locks.Lock(ctx, c.scrollOwner, res, mode, dur, txn.LockTimeout(s.Opts.LockTimeout))
	}
}

// releaseScrollLocks ends the locks c holds outside a transaction.
func (s *Session) releaseScrollLocks(c *cursor) {
	if c.scrollOwner == nil || s.cursors == nil || !s.cursors.scroll.holding[c] {
		return
	}
	s.srv.Locks().ReleaseAll(c.scrollOwner)
	delete(s.cursors.scroll.holding, c)
}

// sweepScrollLocks releases, at the end of a request, the locks of cursors
// that are closed or can no longer be named: only global cursors (API
// cursors among them) outlive the batch that opened them.
func (s *Session) sweepScrollLocks() {
	if s.cursors == nil || len(s.cursors.scroll.holding) == 0 {
		return
	}
	live := map[*cursor]bool{}
	for _, c := range s.cursorState().global {
		live[c] = true
	}
	for c := range s.cursors.scroll.holding {
		if !c.open || !live[c] {
			s.releaseScrollLocks(c)
		}
	}
}

// releaseAllScrollLocks releases every cursor's locks (the session ends).
func (s *Session) releaseAllScrollLocks() {
	if s.cursors == nil {
		return
	}
	for c := range s.cursors.scroll.holding {
		s.releaseScrollLocks(c)
	}
}
