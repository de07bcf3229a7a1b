package engine

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ALTER DATABASE … SET of an option that needs the database to itself
// (SINGLE_USER, RESTRICTED_USER, READ_ONLY/READ_WRITE, OFFLINE, EMERGENCY)
// first waits for the sessions that may not stay under the new setting to
// leave, as its termination clause says:
//
//	(none)              wait; LOCK_TIMEOUT ends the wait with 5061, attention too
//	WITH NO_WAIT        fail at once with 5070 if any is there
//	WITH ROLLBACK IMMEDIATE
//	                    end their connections (their transactions roll back:
//	                    KILL's way), then change; 5060 says so
//	WITH ROLLBACK AFTER n [SECONDS]
//	                    wait up to n seconds, then as ROLLBACK IMMEDIATE
//
// A session is in the database when it is its current database or its open
// transaction wrote there. A database another session holds in SINGLE_USER
// refuses the change with 5064, whatever the clause. The change itself runs
// under the user-access gates' lock with no such session left, so none can
// enter between the count and the change (useraccess.go). A change of the
// database's options (user access, READ_ONLY) is written into the
// statement's transaction there and takes effect when it commits, just
// after the lock is released; a user-access change is held for newcomers
// until then (holdAccessChange), so none enters between the change and its
// commit. What takes long (SET ONLINE's recovery) runs after the lock is
// released, with the database closed to newcomers: under it every USE and
// login, to any database, would wait.

// exclusiveChange is the request to change database e so that only the
// sessions stay lets (nil: none but the issuer) remain in it.
type exclusiveChange struct {
	e    *catalog.DatabaseEntry
	stay func(s *Session) bool
	// mode is the user-access mode newcomers meet while the change waits
	// ("" when the change is not one of user access).
	mode string
	// change applies the new setting; it runs under gates.mu.
	change func() error
	// access is the new user-access mode of a user-access change (""
	// otherwise), held for newcomers until the statement's transaction
	// ends (holdAccessChange).
	access string
	// after, when set, completes a change that succeeded, once gates.mu is
	// released.
	after func() error
	// prepare, when set, takes what change would wait for (the database's
	// catalog lock, which a session that stays may hold in its open
	// transaction). It runs once nobody is in the way, outside gates.mu:
	// waiting under it would keep every USE and login waiting, that
	// session's too — a deadlock no lock monitor sees.
	prepare func() error
}

// pollInterval is how often a waiting ALTER DATABASE looks again at the
// sessions in the database: waits are rare and short, a loop costs less
// than a notification path through every session's exit.
const pollInterval = 10 * time.Millisecond

// runExclusive applies c for session s as st's termination clause says.
func (inst *Instance) runExclusive(ctx context.Context, s *exec.Session, st *ast.AlterDatabaseStmt, c exclusiveChange, out exec.Output) error {
	g := &inst.access
	db := inst.Database(c.e.Name)
	if c.mode != "" {
		g.limited.Store(true) // before the lock: see admit
	}
	start := time.Now()
	var waitUntil time.Time // the end of a wait before giving up (none) or rolling back (AFTER)
	switch st.Termination {
	case ast.TermRollbackAfter:
		waitUntil = start.Add(time.Duration(st.RollbackAfter) * time.Second)
	case ast.TermNone:
		if s.Opts.LockTimeout >= 0 {
			waitUntil = start.Add(time.Duration(s.Opts.LockTimeout) * time.Millisecond)
		}
	}
	held := false // the pending mode stays until the statement's transaction ends
	defer func() {
		if !held {
			inst.clearPending(c.e.ID, s.SPID)
		}
	}()
	killed := false
	for {
		g.mu.Lock()
		if db != nil && inst.userAccess(c.e.Name) == accessSingle {
			if h, ok := inst.holder(db); ok && h.spid != s.SPID {
				g.mu.Unlock()
				return alterFailed(&exec.Error{Number: 5064, Severity: 16, State: 1, Message: "Changes to the state or options of database '" + c.e.Name + "' cannot be made at this time. The database is in single-user mode, and a user is currently connected to it."})
			}
		}
		others := inst.sessionsIn(c.e, s.SPID, c.stay)
		if (len(others) == 0 || killed) && c.prepare != nil {
			g.mu.Unlock()
			if err := c.prepare(); err != nil {
				return err
			}
			c.prepare = nil
			continue // count again: a session may have entered meanwhile
		}
		if len(others) == 0 || killed {
			err := c.change()
			if err == nil && c.access != "" {
				inst.holdAccessChange(s, c.e, c.access) // useraccess.go
				held = true
			}
			g.mu.Unlock()
			if err == nil && c.after != nil {
				err = c.after()
			}
			if err == nil && killed {
				err = out.Message(msgRollingBack(1, 100))
			}
			return err
		}
		if c.mode != "" {
			if g.pending == nil {
				g.pending = map[int32]pendingAccess{}
			}
			g.pending[c.e.ID] = pendingAccess{mode: c.mode, spid: s.SPID}
		}
		g.mu.Unlock()
		now := time.Now()
		switch {
		case st.Termination == ast.TermNoWait:
			return alterFailed(&exec.Error{Number: 5070, Severity: 16, State: 2, Message: "Database state cannot be changed while other users are using the database '" + c.e.Name + "'"})
		case st.Termination == ast.TermRollbackImmediate, st.Termination == ast.TermRollbackAfter && !now.Before(waitUntil):
			if err := out.Message(msgRollingBack(2, 0)); err != nil {
				return err
			}
			if err := inst.endSessions(ctx, others); err != nil {
				return err
			}
			killed = true
			continue
		case st.Termination == ast.TermNone && !waitUntil.IsZero() && !now.Before(waitUntil):
			return alterFailed(&exec.Error{Number: 5061, Severity: 16, State: 1, Message: "ALTER DATABASE failed because a lock could not be placed on database '" + c.e.Name + "'. Try again later."})
		}
		select {
		case <-ctx.Done(): // attention
			return ctx.Err()
		case <-time.After(pollInterval):
		}
	}
}

// clearPending forgets the user-access change session spid was waiting to
// make in database id.
func (inst *Instance) clearPending(id, spid int32) {
	g := &inst.access
	g.mu.Lock()
	if p, ok := g.pending[id]; ok && p.spid == spid {
		delete(g.pending, id)
	}
	g.mu.Unlock()
}

// sessionsIn lists the sessions other than except in database e (its
// current database, or their open transaction wrote there) that stay does
// not let remain (nil: all of them).
func (inst *Instance) sessionsIn(e *catalog.DatabaseEntry, except int32, stay func(*Session) bool) []*Session {
	var out []*Session
	inst.sessions.Range(func(_, v any) bool {
		s := v.(*Session)
		if s.SPID == except {
			return true
		}
		pub := s.Published()
		if !strings.EqualFold(pub.Database, e.Name) && !slices.Contains(pub.Tran.Databases, e.ID) {
			return true
		}
		if stay == nil || !stay(s) {
			out = append(out, s)
		}
		return true
	})
	return out
}

// endSessions ends the sessions' connections as KILL does and waits until
// they are gone (their transactions rolled back by EndSession). A session
// without a connection (an in-process one) cannot be ended and is left.
func (inst *Instance) endSessions(ctx context.Context, victims []*Session) error {
	var wait []int32
	for _, v := range victims {
		if k, ok := inst.killers.Load(v.SPID); ok {
			k.(func())()
			wait = append(wait, v.SPID)
		}
	}
	for _, spid := range wait {
		for {
			if _, ok := inst.sessions.Load(spid); !ok {
				break
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(pollInterval):
			}
		}
	}
	return nil
}

// msgRollingBack is 5060, the message a termination clause that ends other
// sessions sends: state 2 at 0% before, state 1 at 100% after.
func msgRollingBack(state uint8, pct int) *exec.Error {
	text := "Nonqualified transactions are being rolled back. Estimated rollback completion: 0%."
	if pct == 100 {
		text = "Nonqualified transactions are being rolled back. Estimated rollback completion: 100%."
	}
	return &exec.Error{Number: 5060, Severity: 10, State: state, Message: text}
}

// alterFailed chains err with 5069, as SQL Server ends a failed ALTER
// DATABASE.
func alterFailed(err error) error {
	return exec.ChainErrors([]error{err}, &exec.Error{Number: 5069, Severity: 16, State: 1, Message: "ALTER DATABASE statement failed."})
}
