package exec

import (
	"bytes"
	"context"
	"crypto/rand"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Execution contexts (issue #2): EXECUTE AS LOGIN | USER, REVERT and the
// WITH EXECUTE AS clause of procedures, functions and triggers. A session
// runs as a stack of contexts; every permission check of perm.go asks the
// top one, so a cached DML plan (dmlplan.go), dynamic SQL and a module's
// statements are checked for whoever the session runs as now.
//
//   - A login context (EXECUTE AS LOGIN) replaces the session's login:
//     server permissions, database users and SUSER_SNAME() are the
//     impersonated login's.
//   - A user context (EXECUTE AS USER, or a module's SELF, OWNER or
//     'user') is confined to its database, as SQL Server's is: there the
//     session is that user; in another database only as guest (916 where
//     guest has no access) unless the context's database is TRUSTWORTHY;
//     no server permission or role is held (IS_SRVROLEMEMBER is 0, a
//     sysadmin's user is not sysadmin).
//
// Session.Login always names the top context's login (SUSER_SNAME()), and
// ORIGINAL_LOGIN() the session's own. REVERT pops the top context when it
// was set at the same module depth (inside a module, REVERT only undoes
// that module's EXECUTE AS); a module's contexts, and statement contexts
// set inside it, are undone when the module returns — by the deferred
// restore of enterModule, so errors, CATCH blocks and early RETURNs all
// restore the caller.

// execContext is one entry of a session's context stack. Entries are
// immutable once pushed; a pop restores the parent pointer.
type execContext struct {
	login string // SUSER_SNAME(): the context's login ("" for a user without one)
	user  string // a user context's database user
	db    string // a user context's database; "" for a login context
	// noRevert (WITH NO REVERT) and cookie (WITH COOKIE INTO) keep REVERT
	// from popping it (15196) unless the cookie is given back.
	noRevert bool
	cookie   []byte
	// mapped: a user context's login is the real login its user maps to,
	// which TRUSTWORTHY lets it act as in other databases.
	mapped bool
	depth  int  // module nesting when it was pushed (Session.depth)
	module bool // pushed by a module's EXECUTE AS clause
	parent *execContext
}

// OriginalLogin is ORIGINAL_LOGIN(): the login the session connected as,
// whatever context it runs in now.
func (s *Session) OriginalLogin() string {
	if s.perm.original != "" {
		return s.perm.original
	}
	return s.Login
}

// userScoped reports whether the session runs in a user context (no
// server permissions; one database).
func (s *Session) userScoped() bool { return s.perm.exec != nil && s.perm.exec.db != "" }

// isSA is the fast path of every check: the sa login outside a user
// context (EXECUTE AS USER = 'dbo' in a database sa owns is dbo there, and
// nothing elsewhere).
func (s *Session) isSA() bool { return s.Login == "sa" && !s.userScoped() }

// pushContext makes c the session's context.
func (s *Session) pushContext(c *execContext) {
	if s.perm.exec == nil {
		s.perm.original = s.Login
	}
	c.parent = s.perm.exec
	s.setContext(c)
}

// setContext makes c (nil: the session's own) the current context and
// drops the facts cached for the previous one.
func (s *Session) setContext(c *execContext) {
	s.perm.exec = c
	s.perm.srv = nil // Sysadmin() is recomputed for the new login
	if c == nil {
		if s.perm.original != "" {
			s.Login = s.perm.original
		}
		s.perm.original = ""
	} else {
		s.Login = c.login
	}
	s.pub.mu.Lock()
	s.pub.execLogin = ""
	if c != nil {
		s.pub.execLogin = c.login
	}
	s.pub.mu.Unlock()
}

// resetContext drops every context (sp_reset_connection: a pooled
// connection starts again as its login).
func (s *Session) resetContext() {
	if s.perm.exec != nil {
		s.setContext(nil)
	}
}

func errExecAsLogin(name string) error {
	return &Error{Number: 15406, Severity: 16, State: 1, Message: "Cannot execute as the server principal because the principal \"" + name + "\" does not exist, this type of principal cannot be impersonated, or you do not have permission."}
}

func errExecAsUser(name string) error {
	return &Error{Number: 15517, Severity: 16, State: 1, Message: "Cannot execute as the database principal because the principal \"" + name + "\" does not exist, this type of principal cannot be impersonated, or you do not have permission."}
}

var errNonRevertible = &Error{Number: 15196, Severity: 16, State: 1, Message: "The current security context is non-revertible. The \"Revert\" statement failed."}

var errRevertOtherDatabase = &Error{Number: 15199, Severity: 16, State: 1, Message: "The current security context cannot be reverted. Please switch to the original database where 'Execute As' was called and try it again."}

// executeAsFor switches to the context of EXECUTE ('…') AS LOGIN | USER =
// name for the dynamic batch's run; restore switches back, whatever the
// batch did (a REVERT in it cannot leave the caller in another context).
func (s *Session) executeAsFor(ctx context.Context, st *ast.ExecuteAsStmt) (restore func(), err error) {
	vals, err := s.evalScalars(ctx, st.Name)
	if err != nil {
		return nil, err
	}
	name, _ := asText(vals[0].v)
	var c *execContext
	if st.Kind == "LOGIN" {
		c, err = s.loginContext(name)
	} else {
		c, err = s.userContext(s.db, name)
	}
	if err != nil {
		return nil, err
	}
	prev := s.perm.exec
	c.depth = s.depth()
	s.pushContext(c)
	return func() { s.setContext(prev) }, nil
}

// runExecuteAs runs EXECUTE AS LOGIN | USER = 'name' [WITH NO REVERT |
// COOKIE INTO @v] and EXECUTE AS CALLER.
func (s *Session) runExecuteAs(ctx context.Context, st *ast.ExecuteAsStmt) error {
	if st.Kind == "CALLER" {
		return s.executeAsCaller()
	}
	vals, err := s.evalScalars(ctx, st.Name)
	if err != nil {
		return err
	}
	name, _ := asText(vals[0].v)
	var c *execContext
	if st.Kind == "LOGIN" {
		c, err = s.loginContext(name)
	} else {
		c, err = s.userContext(s.db, name)
	}
	if err != nil {
		return err
	}
	c.noRevert, c.depth = st.NoRevert, s.depth()
	if st.Cookie != "" {
		v := s.lookupVar(st.Cookie)
		if v == nil {
			return ErrMustDeclare.New(st.Cookie)
		}
		c.cookie = make([]byte, 36)
		_, _ = rand.Read(c.cookie)
		if err := v.assign(types.NewBinaryString(types.VarBinary, string(c.cookie))); err != nil {
			return err
		}
	}
	s.pushContext(c)
	return nil
}

// loginContext checks EXECUTE AS LOGIN = name: the login exists and the
// session may impersonate it (sysadmin, CONTROL SERVER, IMPERSONATE ANY
// LOGIN, or IMPERSONATE / CONTROL ON LOGIN::name), else 15406. A user
// context has no server identity to vouch for a login, its own included:
// dbo's login is the database owner (sa), so the own-login shortcut below
// would make a db_owner sysadmin (TestReviewExecuteAsLoginFromUserContext).
func (s *Session) loginContext(name string) (*execContext, error) {
	srv := s.srv.ServerCatalog()
	l := srv.Login(name)
	if l == nil || l.Disabled || s.userScoped() {
		return nil, errExecAsLogin(name)
	}
	if !strings.EqualFold(l.Name, s.Login) && !s.HasServerPermission("IMPERSONATE ANY LOGIN") && !s.loginImpersonationGranted(srv, l.Name) {
		return nil, errExecAsLogin(name)
	}
	return &execContext{login: l.Name}, nil
}

// loginImpersonationGranted reports IMPERSONATE or CONTROL ON LOGIN::target
// granted (and not denied) to the session's login or a server role of it.
func (s *Session) loginImpersonationGranted(srv *catalog.Server, target string) bool {
	me := srv.Login(s.Login)
	if me == nil || s.userScoped() {
		return false
	}
	granted := false
	for _, p := range srv.Permissions {
		if p.Class != "LOGIN" || !strings.EqualFold(p.Object, target) ||
			!strings.EqualFold(p.Permission, "IMPERSONATE") && !strings.EqualFold(p.Permission, "CONTROL") {
			continue
		}
		if !strings.EqualFold(p.Principal, me.Name) && !me.ServerRoleMember(p.Principal) {
			continue
		}
		if p.State == catalog.StateDeny {
			return false
		}
		granted = true
	}
	return granted
}

// userContext checks EXECUTE AS USER = name in db: a user (not a role, not
// sys or INFORMATION_SCHEMA, not orphaned) the session may impersonate
// (sysadmin, db_owner, CONTROL on the database, IMPERSONATE or CONTROL ON
// USER::name), else 15517.
func (s *Session) userContext(db Database, name string) (*execContext, error) {
	if db == nil {
		return nil, errExecAsUser(name)
	}
	if _, temp := db.(*tempDatabase); temp {
		return nil, errExecAsUser(name)
	}
	cat := s.catalogFor(db)
	user, login, mapped, ok := impersonableUser(s.srv.ServerCatalog(), db.Name(), cat, name)
	if !ok {
		return nil, errExecAsUser(name)
	}
	if !s.mayImpersonateUser(db, cat, user) {
		return nil, errExecAsUser(name)
	}
	return &execContext{login: login, user: user, db: db.Name(), mapped: mapped}, nil
}

// impersonableUser resolves name to a user of cat and the login it maps to
// (dbo maps to the database's owner, sa by default). A user without a
// login has a SID-like login name, as SUSER_SNAME() shows it; mapped is
// true only when login is a real login the user belongs to (a login may be
// named like a SID or "guest", and must not lend its rights).
func impersonableUser(srv *catalog.Server, dbName string, cat *catalog.Database, name string) (user, login string, mapped, ok bool) {
	switch {
	case strings.EqualFold(name, "dbo"):
		owner := dboLogin(srv, cat) // owner.go
		if owner == nil {           // its SID is no login's here: as an orphaned user
			return "", "", false, false
		}
		return "dbo", owner.Name, true, true
	case strings.EqualFold(name, "guest"):
		if !guestEnabled(dbName, cat) {
			return "", "", false, false
		}
		return "guest", "guest", false, true
	}
	for _, u := range cat.Users {
		if !strings.EqualFold(u.Name, name) {
			continue
		}
		switch {
		case u.Certificate != "":
			return "", "", false, false
		case !u.MapsToLogin():
			return u.Name, "S-1-9-3-" + strconv.Itoa(int(cat.ID)) + "-" + strconv.Itoa(int(u.ID)), false, true
		case srv.UserLogin(u) == nil: // orphaned
			return "", "", false, false
		}
		return u.Name, srv.UserLogin(u).Name, true, true
	}
	return "", "", false, false
}

// mayImpersonateUser: the session's own user, or IMPERSONATE (implied by
// CONTROL on the user or the database, db_owner, dbo) on user.
func (s *Session) mayImpersonateUser(db Database, cat *catalog.Database, user string) bool {
	if s.Sysadmin() {
		return true
	}
	me, ok := s.dbUser(db.Name(), cat)
	if !ok {
		return false
	}
	if strings.EqualFold(me, user) || verdict(cat, me, "IMPERSONATE", "", "") {
		return true
	}
	granted := false
	for _, p := range cat.Permissions {
		if p.Class != "DATABASE_PRINCIPAL" || !strings.EqualFold(p.Object, user) ||
			!strings.EqualFold(p.Permission, "IMPERSONATE") && !strings.EqualFold(p.Permission, "CONTROL") || !appliesTo(cat, p, me) {
			continue
		}
		if p.State == catalog.StateDeny {
			return false
		}
		granted = true
	}
	return granted
}

// executeAsCaller is EXECUTE AS CALLER inside a module: the statements
// that follow run as the module's caller until REVERT or the module ends.
// Outside a module there is no caller to return to, and it does nothing.
func (s *Session) executeAsCaller() error {
	if s.proc == nil || !s.perm.inModule {
		return nil
	}
	caller := s.perm.caller
	c := &execContext{depth: s.depth()}
	if caller != nil {
		c.login, c.user, c.db = caller.login, caller.user, caller.db
	} else {
		c.login = s.OriginalLogin()
	}
	s.pushContext(c)
	return nil
}

// runRevert is REVERT [WITH COOKIE = @v]: it pops the context the last
// EXECUTE AS of this module (or of the session, outside modules) pushed.
func (s *Session) runRevert(st *ast.RevertStmt) error {
	c := s.perm.exec
	if c == nil || c.module || c.depth != s.depth() {
		return nil // nothing set at this level: REVERT has no effect
	}
	if c.noRevert {
		return errNonRevertible
	}
	if c.cookie != nil {
		if st.Cookie == "" {
			return errNonRevertible
		}
		v := s.lookupVar(st.Cookie)
		if v == nil {
			return ErrMustDeclare.New(st.Cookie)
		}
		if v.val.IsNull() || !bytes.Equal(v.val.Bytes(), c.cookie) {
			return errNonRevertible
		}
	}
	if c.db != "" && s.db != nil && !strings.EqualFold(c.db, s.db.Name()) {
		return errRevertOtherDatabase
	}
	s.setContext(c.parent)
	return nil
}

// moduleContext returns the context a module's WITH EXECUTE AS clause
// (opts, as the parser keeps them: "EXECUTE AS OWNER", "EXECUTE AS
// 'name'") asks for, or nil for CALLER (the default). SELF is the module's
// creator when recorded (creator), else its owner.
func (s *Session) moduleContext(db Database, schema string, opts []string, creator string) *execContext {
	as := ""
	for _, o := range opts {
		if rest, ok := strings.CutPrefix(o, "EXECUTE AS "); ok {
			as = rest
		}
	}
	if as == "" || as == "CALLER" {
		return nil // the default: nothing to look up
	}
	cat := s.catalogFor(db)
	var user string
	switch {
	case as == "SELF" && creator != "":
		user = creator
	case as == "OWNER" || as == "SELF":
		user = schemaOwner(cat, schema)
	default:
		user = unquoteOption(as)
	}
	u, login, mapped, ok := impersonableUser(s.srv.ServerCatalog(), db.Name(), cat, user)
	if !ok {
		// The principal was dropped after the module was created: it runs
		// as nobody, so every check beyond the chain fails.
		u, login, mapped = user, "", false
	}
	return &execContext{login: login, user: u, db: db.Name(), mapped: mapped, module: true, depth: s.depth()}
}

// checkModuleExecuteAs checks a module's WITH EXECUTE AS 'user' against its
// creator (a sysadmin is not checked): "you must have IMPERSONATE
// permissions on the specified principal … You can always impersonate
// yourself" (EXECUTE AS Clause), else 15151 — without it any user who may
// create a procedure could run one as dbo. SELF, OWNER and CALLER name no
// one else to impersonate.
func (s *Session) checkModuleExecuteAs(opts []string) error {
	as := ""
	for _, o := range opts {
		if rest, ok := strings.CutPrefix(o, "EXECUTE AS "); ok {
			as = rest
		}
	}
	if as == "" || as == "CALLER" || as == "SELF" || as == "OWNER" || s.db == nil {
		return nil
	}
	name := unquoteOption(as)
	cat := s.catalogFor(s.db)
	if user, _, _, ok := impersonableUser(s.srv.ServerCatalog(), s.db.Name(), cat, name); !ok || !s.mayImpersonateUser(s.db, cat, user) {
		return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot execute as the user '" + name + "', because it does not exist or you do not have permission."}
	}
	return nil
}

// unquoteOption turns the parser's 'name' / N'name' back into name.
func unquoteOption(q string) string {
	q = strings.TrimPrefix(q, "N")
	if len(q) >= 2 && q[0] == '\'' && q[len(q)-1] == '\'' {
		q = strings.ReplaceAll(q[1:len(q)-1], "''", "'")
	}
	return q
}

// userNameByID is USER_NAME(id): the database principal with that id in
// the current database, NULL if none.
func (s *Session) userNameByID(id int64) types.Value {
	cat := s.catalogFor(s.db)
	for _, name := range principalNames(cat) {
		if pid, ok := cat.PrincipalID(name); ok && int64(pid) == id {
			return nvarchar(name)
		}
	}
	return types.Null(types.NVarChar)
}

// principalNames lists the database principals of cat by name.
func principalNames(cat *catalog.Database) []string {
	names := []string{"public", "dbo", "guest", "INFORMATION_SCHEMA", "sys"}
	for _, r := range catalog.FixedDatabaseRoles {
		names = append(names, r.Name)
	}
	for _, u := range cat.Users {
		names = append(names, u.Name)
	}
	for _, r := range cat.Roles {
		names = append(names, r.Name)
	}
	return names
}

// trustworthy reports whether the database named db has TRUSTWORTHY ON
// (msdb by default): a user context of it may reach other databases as
// its login.
func (s *Session) trustworthy(db string) bool {
	e := s.srv.ServerCatalog().Database(db)
	if e == nil {
		return false
	}
	v, ok := e.Options["TRUSTWORTHY"]
	if !ok {
		return strings.EqualFold(db, "msdb")
	}
	return v == "ON"
}

// principalFunc answers SUSER_SNAME(), SUSER_NAME(), SYSTEM_USER,
// ORIGINAL_LOGIN(), USER_NAME([id]), CURRENT_USER, SESSION_USER and USER
// for the current execution context: the login and the database user the
// session runs as now (ORIGINAL_LOGIN: the login it connected as).
func (s *Session) principalFunc(name string, args []types.Value) types.Value {
	switch name {
	case "ORIGINAL_LOGIN":
		return nvarchar(s.OriginalLogin())
	case "SUSER_SNAME", "SUSER_NAME", "SYSTEM_USER":
		return nvarchar(s.Login) // with an argument: loginFunc
	}
	if len(args) > 0 {
		if args[0].IsNull() || !args[0].TypeID().IsInteger() {
			return types.Null(types.NVarChar)
		}
		return s.userNameByID(args[0].Int64())
	}
	return nvarchar(s.currentUser(s.catalogFor(s.db)))
}

// userID is USER_ID([name]): the principal id of name in the current
// database (NULL if none), of the context's user without an argument.
func (s *Session) userID(args []types.Value) types.Value {
	cat := s.catalogFor(s.db)
	name := s.currentUser(cat)
	if len(args) > 0 {
		if args[0].IsNull() {
			return types.Null(types.Int)
		}
		name, _ = asText(args[0])
	}
	if id, ok := cat.PrincipalID(name); ok {
		return types.NewInt(id)
	}
	return types.Null(types.Int)
}
