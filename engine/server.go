package engine

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// execServer adapts the Instance to what the executor needs (exec.Server).
type execServer struct{ inst *Instance }

var _ exec.Server = execServer{}

func (e execServer) ServerName() string             { return e.inst.cfg.ServerName }
func (e execServer) Version() string                { return e.inst.cfg.Version }
func (e execServer) ServerCatalog() *catalog.Server { return e.inst.Server() }
func (e execServer) StartTime() time.Time           { return e.inst.started }
func (e execServer) UpdateServer(fn func(*catalog.Server) error) error {
	return e.inst.UpdateServer(fn)
}

func (e execServer) Locks() *txn.Manager { return e.inst.locks }

func (e execServer) OpenDatabase(name string) exec.Database {
	if db := e.inst.Database(name); db != nil {
		return db
	}
	if snap := e.inst.snapshot(name); snap != nil {
		return snap
	}
	return nil
}

func (e execServer) DatabaseList() []exec.DatabaseInfo {
	var out []exec.DatabaseInfo
	srv := e.inst.Server()
	for _, entry := range srv.Databases {
		info := exec.DatabaseInfo{Entry: entry, State: entry.State, LogReuseWait: "NOTHING"}
		if e.inst.unrecoveredDatabase(entry.Name) {
			info.State = StateSuspect
		}
		if db := e.inst.Database(entry.Name); db != nil {
			info.Open = db
			info.State = db.ShownState()
			info.LogReuseWait = db.LogReuseWait()
		} else if snap := e.inst.snapshot(entry.Name); snap != nil {
			info.Open = snap
		}
		info.Owner, info.OwnerSID = exec.DatabaseOwner(srv, entry) // master's record, by SID
		out = append(out, info)
	}
	return out
}

func (e execServer) SessionList() []exec.SessionInfo {
	var out []exec.SessionInfo
	e.inst.sessions.Range(func(_, v any) bool {
		s := v.(*Session)
		info := exec.SessionInfo{ConnInfo: s.Info, Status: "sleeping"}
		pub := s.Published()
		info.Database, info.OpenTrans, info.Isolation, info.Request, info.Tran, info.Temp = pub.Database, pub.TranCount, pub.Isolation, pub.Request, pub.Tran, pub.Temp
		info.Opts = pub.Opts
		info.OriginalLogin = info.Login
		if pub.ExecLogin != "" { // EXECUTE AS (engine/exec/perm_execas.go)
			info.Login = pub.ExecLogin
		}
		out = append(out, info)
		return true
	})
	sortSessions(out)
	return out
}

func (e execServer) Admin(ctx context.Context, s *exec.Session, stmt ast.Statement, out exec.Output) (bool, error) {
	return e.inst.admin(ctx, s, stmt, out)
}

// LogReuseWait is sys.databases.log_reuse_wait_desc: what keeps the log from
// being truncated.
func (db *Database) LogReuseWait() string {
	e := db.inst.Entry(db.name)
	if e == nil {
		return "NOTHING"
	}
	if (e.Mirroring != nil || db.inst.mirroringStatus(db.name)) && !db.inst.mirrorCaughtUp(db.name) {
		return "DATABASE_MIRRORING"
	}
	if e.RecoveryModel != "SIMPLE" && db.hasFullBackup() {
		return "LOG_BACKUP"
	}
	if _, active := db.logHolds.limit(0); active {
		return "ACTIVE_BACKUP_OR_RESTORE"
	}
	return "NOTHING"
}

// hasFullBackup reports whether a full backup started the log chain (until then
// a FULL-recovery database behaves like SIMPLE, as in SQL Server).
func (db *Database) hasFullBackup() bool { return db.backupChainStarted.Load() }

// mirrorCaughtUp reports whether database name's mirroring session is
// SYNCHRONIZED: the mirror has hardened the log as it is written, so
// mirroring keeps none of it from being reused. SUSPENDED, DISCONNECTED and
// SYNCHRONIZING (a lagging or asynchronous mirror) keep the log the mirror
// has not received: log_reuse_wait_desc DATABASE_MIRRORING.
func (inst *Instance) mirrorCaughtUp(name string) bool {
	m := inst.mirroring.Load()
	if m == nil {
		return false
	}
	st, ok := (*m).Status(name)
	return ok && !st.Suspended && st.StateDesc == "SYNCHRONIZED"
}

func (inst *Instance) mirroringStatus(name string) bool {
	m := inst.mirroring.Load()
	if m == nil {
		return false
	}
	_, ok := (*m).Status(name)
	return ok
}

// Session is a client session of the instance.
type Session = exec.Session

// NewSession starts a session for an authenticated login in database dbName and
// registers it for DMVs. The caller closes it with EndSession. A refusal is
// 4060, joined after 924 when another session holds a single-user database
// and after 954 (955) when the database is a mirror copy (a principal without
// quorum): the first error is why, and never the 18456 that would stop a
// failover-partner client from trying the other partner.
func (inst *Instance) NewSession(login, dbName string, info exec.SessionInfo) (*Session, error) {
	db := execServer{inst}.OpenDatabase(dbName) // a database or a database snapshot
	if db == nil {
		return nil, errCannotOpenDatabase(dbName)
	}
	if err := db.CheckAccess(); err != nil {
		if isMirroringRefusal(err) { // SQL Server says why first: 954 or 955, then 4060
			return nil, errors.Join(err, errCannotOpenDatabase(dbName))
		}
		return nil, errCannotOpenDatabase(dbName)
	}
	spid := inst.nextSPID.Add(1)
	s := exec.NewSession(execServer{inst}, spid, login, db)
	if err := s.CheckDatabaseAccess(db); err != nil { // perm.go: a login without a user there
		return nil, errCannotOpenDatabase(dbName)
	}
	info.SPID, info.Login, info.LoginTime = spid, login, time.Now()
	s.Info = info.ConnInfo
	if d, ok := db.(*Database); ok { // useraccess.go: SINGLE_USER, RESTRICTED_USER
		if err := inst.admit(s, d, func() { inst.sessions.Store(spid, s) }); err != nil {
			if isSingleUserRefusal(err) { // SQL Server says why first: 924, then 4060
				return nil, errors.Join(err, errCannotOpenDatabase(dbName))
			}
			return nil, errCannotOpenDatabase(dbName)
		}
		return s, nil
	}
	inst.sessions.Store(spid, s)
	return s, nil
}

// MayConnect reports whether login l may open a session: it holds CONNECT
// SQL (every login is granted it at creation; DENY CONNECT SQL or REVOKE
// takes it away) or is a sysadmin, whom no DENY stops.
func (inst *Instance) MayConnect(l *catalog.Login) bool {
	return exec.ServerPermission(inst.Server(), l, "CONNECT SQL")
}

// EndSession closes a session and unregisters it.
func (inst *Instance) EndSession(s *Session) {
	s.Close()
	inst.sessions.Delete(s.SPID)
}

// Authenticate checks a SQL login's password.
func (inst *Instance) Authenticate(user, password string) (*catalog.Login, bool) {
	l := inst.Server().Login(user)
	if l == nil || l.Disabled || l.Windows || !l.CheckPassword(password) {
		return nil, false
	}
	if password == "" && strings.ContainsRune(l.Name, '\\') {
		// A CREATE LOGIN [domain\user] FROM WINDOWS made before
		// catalog.Login.Windows existed was stored with the empty password;
		// SQL Server never lets a Windows login in by SQL authentication.
		return nil, false
	}
	inst.migratePassword(l, password) // logins.go: a hash from before SQL Server's form
	return l, true
}

func sortSessions(s []exec.SessionInfo) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].SPID < s[j-1].SPID; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// isMirroringRefusal reports whether err is 954 (the database is a mirror
// copy) or 955 (a principal without quorum), which a login is told before its
// 4060.
// mirroring's errors (partner package) number themselves as exec.Error does.
func isMirroringRefusal(err error) bool {
	var numbered interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if !errors.As(err, &numbered) {
		return false
	}
	n, _, _ := numbered.SQLServerError()
	return n == 954 || n == 955
}

// errCannotOpenDatabase is 4060, a login refused by its database; the TDS
// login adds 18456 after it (engine/session).
func errCannotOpenDatabase(name string) error {
	return &exec.Error{Number: 4060, Severity: 11, State: 1, Message: "Cannot open database \"" + name + "\" requested by the login. The login failed."}
}

func lower(s string) string { return strings.ToLower(s) }
