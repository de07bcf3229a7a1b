package exec

import (
	"context"
	"errors"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// Application locks: sp_getapplock, sp_releaseapplock, APPLOCK_MODE and
// APPLOCK_TEST, which applications and migration tools use as named
// mutexes. They are locks of the instance's lock manager on a resource of
// kind Application (database, principal, name), so they wait in the same
// FIFO queues, honour the same deadlock detection and show in
// sys.dm_tran_locks. A Transaction-owned lock belongs to the session's
// transaction and ends with it; a Session-owned one to an owner the session
// keeps until it releases it or logs out. Each sp_getapplock must be matched
// by one sp_releaseapplock (counted per owner and resource); the mode held is
// the union of the modes asked for until the last release, as in SQL Server.
// The resource name compares as binary (case-sensitive), whatever the
// collation.

// appLocks is a session's application-lock bookkeeping.
type appLocks struct {
	session *txn.Owner // Session-owned locks (made on first use)
	counts  map[appLockKey]int
	tx      *Transaction // the transaction the Transaction-owned counts belong to
}

type appLockKey struct {
	session bool
	res     txn.Resource
}

var appLockModes = map[string]txn.Mode{
	"shared": txn.ModeS, "update": txn.ModeU, "intentshared": txn.ModeIS,
	"intentexclusive": txn.ModeIX, "exclusive": txn.ModeX,
}

var appLockModeNames = map[txn.Mode]string{
	txn.ModeNone: "NoLock", txn.ModeS: "Shared", txn.ModeU: "Update", txn.ModeIS: "IntentShared",
	txn.ModeIX: "IntentExclusive", txn.ModeSIX: "SharedIntentExclusive", txn.ModeUIX: "UpdateIntentExclusive",
	txn.ModeX: "Exclusive",
}

func appLockInfo(proc string, number int32, msg string) *Error {
	return &Error{Number: number, Severity: 10, State: 1, Proc: proc, Message: msg}
}

// appLockOwnerArg reads @LockOwner at position pos (Transaction when
// omitted); an unknown value is message 15625, which the procedures send
// before returning -999.
func appLockOwnerArg(proc string, args []*ProcArg, pos int) (string, *Error) {
	owner := ArgString(args, pos, "@LockOwner")
	if owner == "" {
		owner = "Transaction"
	}
	if !strings.EqualFold(owner, "transaction") && !strings.EqualFold(owner, "session") {
		return "", appLockInfo(proc, 15625, "Option '"+owner+"' not recognized for '@LockOwner' parameter.")
	}
	return owner, nil
}

// appLockResource names principal's resource in the session's database.
func (s *Session) appLockResource(principal, resource string) txn.Resource {
	if principal == "" {
		principal = "public"
	}
	if len([]rune(resource)) > 255 {
		resource = string([]rune(resource)[:255])
	}
	return txn.Resource{Kind: txn.Application, Database: uint32(s.db.ID()), Key: strings.ToLower(principal) + "\x00" + resource}
}

// appLockOwner returns the lock owner for lockOwner ("Transaction" or
// "Session", any case) and whether it is the session's; ok is false when a
// Transaction owner is asked for outside a transaction.
func (s *Session) appLockOwner(lockOwner string) (o *txn.Owner, session, ok bool) {
	if strings.EqualFold(lockOwner, "session") {
		if s.apps.session == nil {
			s.apps.session = s.srv.Locks().NewOwner(s.SPID)
		}
		return s.apps.session, true, true
	}
	if s.tx == nil || !s.nest.Active() {
		return nil, false, false
	}
	if s.apps.tx != s.tx { // counts of an ended transaction's locks are gone with it
		for k := range s.apps.counts {
			if !k.session {
				delete(s.apps.counts, k)
			}
		}
		s.apps.tx = s.tx
	}
	return s.tx.owner, false, true
}

// spGetAppLock runs sp_getapplock and returns its return code.
func (s *Session) spGetAppLock(ctx context.Context, args []*ProcArg, out Output) (int32, error) {
	const proc = "sp_getapplock"
	resource, modeText := ArgString(args, 0, "@Resource"), ArgString(args, 1, "@LockMode")
	ownerText, bad := appLockOwnerArg(proc, args, 2)
	if bad != nil {
		return -999, out.Message(bad)
	}
	mode, okMode := appLockModes[strings.ToLower(modeText)]
	if !okMode {
		return -999, out.Message(appLockInfo(proc, 15625, "Option '"+modeText+"' not recognized for '@LockMode' parameter."))
	}
	timeout := txn.LockTimeout(s.Opts.LockTimeout)
	if v, ok := ArgInt(args, 3, "@LockTimeout"); ok {
		timeout = txn.LockTimeout(int32(v))
	}
	owner, session, ok := s.appLockOwner(ownerText)
	if !ok {
		return -999, out.Message(appLockInfo(proc, 15626, "You attempted to acquire a transactional application lock without an active transaction."))
	}
	res := s.appLockResource(ArgString(args, 4, "@DbPrincipal"), resource)
	locks := s.srv.Locks()
	code := int32(0)
	if err := locks.Lock(ctx, owner, res, mode, txn.ForTransaction, 0); err != nil {
		if !errors.Is(err, txn.ErrLockTimeout) {
			return -999, err
		}
		if timeout == 0 {
			return -1, nil
		}
		switch err := locks.Lock(ctx, owner, res, mode, txn.ForTransaction, timeout); {
		case err == nil:
			code = 1
		case errors.Is(err, txn.ErrLockTimeout):
			return -1, nil
		case errors.Is(err, txn.ErrDeadlockVictim):
			return -3, nil // the transaction is not rolled back (the docs' remark)
		case ctx.Err() != nil:
			return -2, ctx.Err()
		default:
			return -999, err
		}
	}
	if s.apps.counts == nil {
		s.apps.counts = map[appLockKey]int{}
	}
	s.apps.counts[appLockKey{session, res}]++
	return code, nil
}

// spReleaseAppLock runs sp_releaseapplock: 0, or -999 with error 1223 when
// the lock is not held by that owner.
func (s *Session) spReleaseAppLock(args []*ProcArg, out Output) (int32, error) {
	const proc = "sp_releaseapplock"
	resource := ArgString(args, 0, "@Resource")
	ownerText, bad := appLockOwnerArg(proc, args, 1)
	if bad != nil {
		return -999, out.Message(bad)
	}
	principal := ArgString(args, 2, "@DbPrincipal")
	if principal == "" {
		principal = "public"
	}
	res := s.appLockResource(principal, resource)
	owner, session, ok := s.appLockOwner(ownerText)
	key := appLockKey{session, res}
	if !ok || s.apps.counts[key] == 0 {
		return -999, &Error{Number: 1223, Severity: 16, State: 1, Proc: proc,
			Message: "Cannot release the application lock (Database Principal: '" + principal + "', Resource: '" + resource + "') because it is not currently held."}
	}
	if s.apps.counts[key]--; s.apps.counts[key] == 0 {
		delete(s.apps.counts, key)
		s.srv.Locks().Release(owner, res)
	}
	return 0, nil
}

// appLockMode is APPLOCK_MODE(principal, resource, owner).
func (s *Session) appLockMode(principal, resource, ownerText string) types.Value {
	owner, _, ok := s.appLockOwner(ownerText)
	mode := txn.ModeNone
	if ok {
		mode = s.srv.Locks().Held(owner, s.appLockResource(principal, resource))
	}
	return types.NewNVarChar(appLockModeNames[mode])
}

// appLockTest is APPLOCK_TEST(principal, resource, mode, owner): 1 when the
// lock could be granted now, else 0. It asks with a scratch owner, so a lock
// this session already holds counts as a conflict.
func (s *Session) appLockTest(principal, resource, modeText, ownerText string) (types.Value, error) {
	mode, ok := appLockModes[strings.ToLower(modeText)]
	if !ok {
		return types.Value{}, &Error{Number: 15625, Severity: 16, State: 1, Message: "Option '" + modeText + "' not recognized for '@LockMode' parameter."}
	}
	if _, _, ok := s.appLockOwner(ownerText); !ok {
		return types.Value{}, &Error{Number: 15626, Severity: 16, State: 1, Message: "You attempted to acquire a transactional application lock without an active transaction."}
	}
	locks := s.srv.Locks()
	probe := locks.NewOwner(s.SPID)
	defer locks.ReleaseAll(probe)
	if err := locks.Lock(context.Background(), probe, s.appLockResource(principal, resource), mode, txn.ForTransaction, 0); err != nil {
		return types.NewInt(0), nil
	}
	return types.NewInt(1), nil
}

// releaseSessionAppLocks ends the session's Session-owned locks (logout,
// connection reset).
func (s *Session) releaseSessionAppLocks() {
	if s.apps.session != nil {
		s.srv.Locks().ReleaseAll(s.apps.session)
	}
	for k := range s.apps.counts {
		if k.session {
			delete(s.apps.counts, k)
		}
	}
}
