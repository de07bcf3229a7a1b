package engine

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// Who may use a database, as SQL Server admits sessions (ALTER DATABASE …
// SET SINGLE_USER | RESTRICTED_USER | MULTI_USER, and the EMERGENCY state):
//
//   - SINGLE_USER: one session holds the database. The session that set it
//     holds it, even from master, until it ends; otherwise the next session
//     to enter takes it and holds it while it stays there. Any other gets 924
//     at USE or a multi-part name, 4060 at login.
//   - RESTRICTED_USER: members of sysadmin and dbcreator and of the
//     database's db_owner role (its owner too) only; others get 916, 4060 at
//     login.
//   - EMERGENCY: sysadmin only (emergency.go).
//
// Sessions enter through Database.Enter (exec.DatabaseGate: USE, multi-part
// names) and NewSession (login) holding gates.mu; a state change counts who is
// in the database and records the holder holding it too (termination.go), so
// that no session slips in between its count and the change. While nothing
// is limited, entering costs a shared lock and an atomic load.
type accessGates struct {
	mu sync.RWMutex
	// limited is set once any database is or was limited (found at the
	// first entry, or set by ALTER DATABASE): until then Enter takes the
	// shared lock only.
	limited atomic.Bool
	scan    sync.Once
	// holders are the single-user databases' holders and pending the
	// user-access changes waiting for sessions to leave, by database id;
	// guarded by mu.
	holders map[int32]accessHolder
	pending map[int32]pendingAccess
}

// accessHolder is the session holding a single-user database; issuer when
// it set SINGLE_USER (it holds the database wherever it is).
type accessHolder struct {
	spid   int32
	issuer bool
}

// pendingAccess is a user-access mode an ALTER DATABASE by session spid is
// waiting to set: newcomers other than spid already meet it.
type pendingAccess struct {
	mode string
	spid int32
}

// User-access modes (sys.databases.user_access_desc).
const (
	accessMulti      = "MULTI_USER"
	accessSingle     = "SINGLE_USER"
	accessRestricted = "RESTRICTED_USER"
)

// userAccess is database name's user-access mode (the database's own
// option, dboptions.go).
func (inst *Instance) userAccess(name string) string {
	if db := inst.Database(name); db != nil {
		if m := db.options().UserAccess; m != "" {
			return m
		}
	}
	return accessMulti
}

// setUserAccess records database e's user-access mode for session s.
func (inst *Instance) setUserAccess(ctx context.Context, s *exec.Session, e *catalog.DatabaseEntry, mode string) error {
	return inst.changeOptions(ctx, s, e, func(o *catalog.DatabaseOptions) { o.UserAccess = mode }) // dboptions.go
}

// holdAccessChange keeps database e's new user-access mode, just written
// into session s's statement transaction (setUserAccess), in force for
// newcomers until that transaction has ended: they meet mode (pending),
// and a new SINGLE_USER is held by s — so no session enters between the
// change and its commit, which happens after gates.mu is released. A
// change to MULTI_USER lets the old mode (and holder) stand until then.
// Once the transaction ended, settleAccessChange makes the database's
// committed mode the truth. Callers hold gates.mu.
func (inst *Instance) holdAccessChange(s *exec.Session, e *catalog.DatabaseEntry, mode string) {
	g := &inst.access
	meet := mode
	if mode == accessMulti {
		meet = inst.userAccess(e.Name) // the committed, old one
	}
	if g.pending == nil {
		g.pending = map[int32]pendingAccess{}
	}
	g.pending[e.ID] = pendingAccess{mode: meet, spid: s.SPID}
	if mode == accessSingle {
		if g.holders == nil {
			g.holders = map[int32]accessHolder{}
		}
		g.holders[e.ID] = accessHolder{spid: s.SPID, issuer: true}
	}
	spid := s.SPID
	s.OnStatementEnd(func() { inst.settleAccessChange(e, spid) })
}

// settleAccessChange ends session spid's user-access change of database e
// once its transaction ended: newcomers meet the mode the database has
// (its catalog's: the change's when it committed, the old one when the
// commit failed), and a database that is not SINGLE_USER has no holder —
// a failed SINGLE_USER leaves none behind, a failed change away from it
// leaves the holder it had.
func (inst *Instance) settleAccessChange(e *catalog.DatabaseEntry, spid int32) {
	g := &inst.access
	g.mu.Lock()
	defer g.mu.Unlock()
	if p, ok := g.pending[e.ID]; ok && p.spid == spid {
		delete(g.pending, e.ID)
	}
	if inst.userAccess(e.Name) != accessSingle {
		delete(g.holders, e.ID)
	}
}

// Enter implements exec.DatabaseGate.
func (db *Database) Enter(s *exec.Session, enter func()) error {
	return db.inst.admit(s, db, enter)
}

// admit runs enter if session s may use db now (the package comment);
// errors are 924 and 916.
func (inst *Instance) admit(s *exec.Session, db *Database, enter func()) error {
	g := &inst.access
	g.scan.Do(func() { inst.findLimited() })
	if !g.limited.Load() {
		g.mu.RLock()
		if !g.limited.Load() { // a change that began meanwhile counts this entry or is seen
			if enter != nil {
				enter()
			}
			g.mu.RUnlock()
			return nil
		}
		g.mu.RUnlock()
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if err := inst.mayEnter(s, db, enter != nil); err != nil {
		return err
	}
	if enter != nil {
		enter()
	}
	return nil
}

// findLimited sets gates.limited when a database is limited at start.
func (inst *Instance) findLimited() {
	for _, e := range inst.Server().Databases {
		if (e.UserAccess != "" && e.UserAccess != accessMulti) || e.State == StateEmergency {
			inst.access.limited.Store(true)
		}
	}
}

// mayEnter decides admit under gates.mu; a session that enters (take) a
// single-user database nobody holds becomes its holder.
func (inst *Instance) mayEnter(s *exec.Session, db *Database, take bool) error {
	g := &inst.access
	if err := db.CheckAccess(); err != nil { // RECOVERING since the caller looked (emergency.go)
		return err
	}
	if db.State() == StateEmergency && !inst.sysadminLogin(s.Login) {
		return errNoDatabaseAccess(s.Login, db.name)
	}
	mode := inst.userAccess(db.name)
	if p, ok := g.pending[db.id]; ok && p.spid != s.SPID {
		mode = p.mode
	}
	switch mode {
	case accessRestricted:
		if !inst.restrictedQualified(s.Login, db) {
			return errNoDatabaseAccess(s.Login, db.name)
		}
	case accessSingle:
		if h, ok := inst.holder(db); ok {
			if h.spid != s.SPID {
				return errSingleUser(db.name)
			}
			return nil
		}
		if take {
			if g.holders == nil {
				g.holders = map[int32]accessHolder{}
			}
			g.holders[db.id] = accessHolder{spid: s.SPID}
		}
	}
	return nil
}

// holder is the session holding single-user database db, if any still
// does: it exists and set SINGLE_USER or is in the database. Callers hold
// gates.mu.
func (inst *Instance) holder(db *Database) (accessHolder, bool) {
	h, ok := inst.access.holders[db.id]
	if !ok {
		return h, false
	}
	v, ok := inst.sessions.Load(h.spid)
	if !ok {
		return h, false
	}
	if h.issuer || strings.EqualFold(v.(*Session).Published().Database, db.name) {
		return h, true
	}
	return h, false
}

// sysadminLogin reports whether login is sa or a member of sysadmin.
func (inst *Instance) sysadminLogin(login string) bool {
	if login == "sa" {
		return true
	}
	l := inst.Server().Login(login)
	return l != nil && l.Sysadmin
}

// restrictedQualified reports whether login may use db in RESTRICTED_USER:
// sysadmin, dbcreator, the database's owner or a db_owner member.
func (inst *Instance) restrictedQualified(login string, db *Database) bool {
	if inst.sysadminLogin(login) {
		return true
	}
	if l := inst.Server().Login(login); l != nil && l.ServerRoleMember("dbcreator") {
		return true
	}
	cat := db.Catalog()
	if cat == nil {
		return false
	}
	srv := inst.Server()
	l := srv.Login(login)
	if exec.IsDatabaseOwner(srv, l, db.Name(), cat) {
		return true
	}
	u := cat.UserFor(l)
	return u != nil && cat.IsRoleMember("db_owner", u.Name)
}

// errSingleUser is 924: another session holds the single-user database.
func errSingleUser(name string) error {
	return &exec.Error{Number: 924, Severity: 14, State: 1, Message: "Database '" + name + "' is already open and can only have one user at a time.", Abort: exec.AbortBatch}
}

// isSingleUserRefusal reports whether err is admit's 924.
func isSingleUserRefusal(err error) bool {
	var xe *exec.Error
	return errors.As(err, &xe) && xe.Number == 924
}

// errNoDatabaseAccess is 916, what a session the database's user access
// (RESTRICTED_USER, EMERGENCY) leaves out gets.
func errNoDatabaseAccess(login, name string) error {
	return &exec.Error{Number: 916, Severity: 14, State: 1, Message: "The server principal \"" + login + "\" is not able to access the database \"" + name + "\" under the current security context.", Abort: exec.AbortBatch}
}
