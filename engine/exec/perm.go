package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Permission checks (issues #2 and #5): SQL Server's permission model for
// the statements applications and DBAs rely on. The rules, in the order a
// check applies them:
//
//  1. A sysadmin (sa, members of sysadmin, holders of CONTROL SERVER) skips
//     every check. sa's test is a string compare (it cannot leave sysadmin,
//     15405), so the common case costs nothing; other logins' answer is
//     cached per server-catalog snapshot (the catalog is copied on write, so
//     a new pointer means a GRANT, DENY or role change happened).
//  2. A login reaches a database through the user mapped to it, as dbo (the
//     database's owner), or as guest where guest is enabled (master, msdb,
//     tempdb, or GRANT CONNECT TO guest); otherwise 916.
//  3. In a database, dbo may do everything. Otherwise a permission is held
//     when it (or CONTROL) is granted on the object, its schema or the
//     database to the user, to public or to a role the user belongs to, or
//     implied by a fixed database role (db_owner everything; db_datareader
//     SELECT; db_datawriter INSERT, UPDATE, DELETE; db_ddladmin DDL), and no
//     DENY at any of those levels, and no db_denydatareader/-writer,
//     applies. The owner of an object's schema holds every permission on it.
//  4. Ownership chaining: inside a view, procedure, function or trigger, an
//     object of the same database whose schema has the module's owner is
//     used without a check. Dynamic SQL (EXEC of a string, sp_executesql)
//     breaks the chain: its statements are checked for the caller.
//
// Checks happen where SQL Server makes them: at statement dispatch for the
// target of DML and DDL (checkStatement, perm_stmt.go), when FROM resolves a
// table or view (checkTable, checkView) and when EXEC resolves a procedure.

// permState is a session's cached permission facts. It belongs to the
// session's goroutine.
type permState struct {
	srv      *catalog.Server // the server-catalog snapshot sysadmin was computed from
	sysadmin bool
	inModule bool        // next to sysadmin: the two share a word (TestSessionSizeBudget)
	chain    *chainFrame // the innermost module's ownership chain, nil outside modules
	blind    *blindTarget
	// exec is the execution context stack's top (perm_execas.go), nil when
	// the session runs as its own login; original is then "" and otherwise
	// the session's own login. caller is the context the innermost module
	// was called in (EXECUTE AS CALLER), inModule whether one runs.
	exec     *execContext
	original string
	caller   *execContext
	dropFn   func() // dropModuleContexts bound to the session
	// names is the innermost module's active default schema (names.go),
	// nil outside modules and in dynamic SQL.
	names *nameFrame
}

// blindTarget is the target of the running UPDATE or DELETE that reads
// none of its columns: its scan needs no SELECT (perm_stmt.go). depth is
// the module nesting it belongs to, so a trigger or function run by the
// statement does not inherit the exemption.
type blindTarget struct {
	db    string
	id    int32
	depth int
}

// depth is the nesting level, @@NESTLEVEL: one for each module running
// (procFrame links), plus the levels of dynamic SQL — EXEC of a string is a
// level of its own and sp_executesql two (the procedure and the batch it
// runs), as @@NESTLEVEL's page shows — which the 217 limit counts too.
func (s *Session) depth() int {
	n := 0
	if s.batch != nil {
		n = int(s.batch.dynLevel)
	}
	for f := s.proc; f != nil; f = f.parent {
		n += 1 + int(f.extra)
	}
	return n
}

// dynLevels is the number of EXEC('…') levels the running statement is in
// since the innermost module: a frame pushed now records it (procFrame.extra)
// so that depth still counts them while the frame's own batch state, which
// starts at zero, is current.
func (s *Session) dynLevels() int32 {
	if s.batch == nil {
		return 0
	}
	return s.batch.dynLevel
}

// chainFrame is the ownership chain of a running module.
type chainFrame struct {
	db     string // the module's database (chains do not cross databases)
	owner  string // the owner of the module's schema
	broken bool   // dynamic SQL: nothing is chained
}

// Sysadmin reports whether the session's login skips every permission
// check: sa, a member of sysadmin, or a holder of CONTROL SERVER not denied.
func (s *Session) Sysadmin() bool {
	if s.isSA() {
		return true
	}
	if s.userScoped() { // a user context holds no server permission
		return false
	}
	srv := s.srv.ServerCatalog()
	if srv != s.perm.srv {
		s.perm.srv = srv
		l := srv.Login(s.Login)
		s.perm.sysadmin = l != nil && (l.Sysadmin || serverGranted(srv, l, "CONTROL SERVER"))
	}
	return s.perm.sysadmin
}

// fixedServerRolePerms are the server permissions the fixed server roles
// imply (sysadmin implies all).
var fixedServerRolePerms = map[string][]string{
	"dbcreator":     {"CREATE ANY DATABASE", "ALTER ANY DATABASE"},
	"securityadmin": {"ALTER ANY LOGIN"},
	"serveradmin":   {"SHUTDOWN", "ALTER SETTINGS", "ALTER ANY ENDPOINT", "ALTER SERVER STATE", "VIEW SERVER STATE"},
	"processadmin":  {"ALTER ANY CONNECTION", "ALTER SERVER STATE", "VIEW SERVER STATE"},
	"setupadmin":    {"ALTER ANY LINKED SERVER"},
	"diskadmin":     {"ALTER RESOURCES"},
	"bulkadmin":     {"ADMINISTER BULK OPERATIONS"},
}

// serverImplied lists, for a server permission, the others that imply it
// besides CONTROL SERVER.
var serverImplied = map[string][]string{
	"CREATE ANY DATABASE": {"ALTER ANY DATABASE"},
	"CREATE ENDPOINT":     {"ALTER ANY ENDPOINT"},
	"VIEW SERVER STATE":   {"ALTER SERVER STATE"},
	"CONNECT SQL":         {},
}

// serverGranted reports whether login l holds perm at server scope through
// a fixed server role or a GRANT, and no DENY of it (or of what implies
// it) applies.
func serverGranted(srv *catalog.Server, l *catalog.Login, perm string) bool {
	perms := append([]string{perm}, serverImplied[perm]...)
	if perm != "CONTROL SERVER" {
		perms = append(perms, "CONTROL SERVER")
	}
	granted := false
	for _, role := range l.ServerRoles {
		for _, p := range fixedServerRolePerms[strings.ToLower(role)] {
			for _, want := range perms {
				granted = granted || p == want
			}
		}
	}
	for _, p := range srv.Permissions {
		if !strings.EqualFold(p.Principal, l.Name) && !strings.EqualFold(p.Principal, "public") && !l.ServerRoleMember(p.Principal) {
			continue
		}
		for _, want := range perms {
			if !strings.EqualFold(p.Permission, want) {
				continue
			}
			if p.State == catalog.StateDeny {
				return false
			}
			granted = true
		}
	}
	return granted
}

// ServerPermission reports whether login l holds the server permission
// perm outside any session (a sysadmin holds them all): the login's
// CONNECT SQL is checked with it before a session exists.
func ServerPermission(srv *catalog.Server, l *catalog.Login, perm string) bool {
	return l.Sysadmin || serverGranted(srv, l, perm)
}

// HasServerPermission reports whether the session's login holds the server
// permission perm (upper case, e.g. "ALTER ANY LOGIN", "SHUTDOWN").
func (s *Session) HasServerPermission(perm string) bool {
	if s.Sysadmin() {
		return true
	}
	if s.userScoped() {
		return false
	}
	srv := s.srv.ServerCatalog()
	l := srv.Login(s.Login)
	return l != nil && serverGranted(srv, l, perm)
}

// IsServerRole reports whether the session's login is a member of the
// fixed server role (sysadmin included).
func (s *Session) IsServerRole(role string) bool {
	if s.Sysadmin() {
		return true
	}
	if s.userScoped() {
		return strings.EqualFold(role, "public")
	}
	l := s.srv.ServerCatalog().Login(s.Login)
	return l != nil && l.ServerRoleMember(role)
}

// guestDatabases are the databases whose guest user is enabled from the
// start, as in SQL Server (a login without a user may USE them).
var guestDatabases = map[string]bool{"master": true, "msdb": true, "tempdb": true}

// dbUser returns the database user the session's login is in cat (dbo for
// a sysadmin and the database's owner) and whether the login may use the
// database at all (error 916 when not). A user context is its user in its
// database and guest elsewhere, unless its database is TRUSTWORTHY.
func (s *Session) dbUser(dbName string, cat *catalog.Database) (string, bool) {
	if c := s.perm.exec; c != nil && c.db != "" {
		if strings.EqualFold(c.db, dbName) {
			return c.user, true
		}
		if !c.mapped || !s.trustworthy(c.db) {
			if guestEnabled(dbName, cat) {
				return "guest", true
			}
			return "", false
		}
	}
	if s.Sysadmin() {
		return "dbo", true
	}
	srv := s.srv.ServerCatalog()
	l := srv.Login(s.Login)
	if IsDatabaseOwner(srv, l, dbName, cat) { // owner.go
		return "dbo", true
	}
	if u := cat.UserFor(l); u != nil { // by SID: users.go
		return u.Name, !connectDenied(cat, u.Name)
	}
	if guestEnabled(dbName, cat) {
		return "guest", true
	}
	return "", false
}

// guestEnabled reports whether guest may connect to the database: granted
// CONNECT, or a system database where it is enabled from the start and not
// revoked (a REVOKE leaves a DENY-less, GRANT-less state, which we record
// as a DENY row so it persists).
func guestEnabled(dbName string, cat *catalog.Database) bool {
	for _, p := range cat.Permissions {
		if p.Class == catalog.ClassDatabase && strings.EqualFold(p.Permission, "CONNECT") && strings.EqualFold(p.Principal, "guest") {
			return p.IsGrant()
		}
	}
	return guestDatabases[strings.ToLower(dbName)]
}

func connectDenied(cat *catalog.Database, user string) bool {
	for _, p := range cat.Permissions {
		if p.Class == catalog.ClassDatabase && p.State == catalog.StateDeny && strings.EqualFold(p.Permission, "CONNECT") && strings.EqualFold(p.Principal, user) {
			return true
		}
	}
	return false
}

// errNoDatabaseAccess is SQL Server's 916.
func errNoDatabaseAccess(login, db string) error {
	return &Error{Number: 916, Severity: 14, State: 2, Message: "The server principal \"" + login + "\" is not able to access the database \"" + db + "\" under the current security context."}
}

// errObjectDenied is SQL Server's 229.
func errObjectDenied(perm, object, db, schema string) error {
	return &Error{Number: 229, Severity: 14, State: 5, Message: "The " + perm + " permission was denied on the object '" + object + "', database '" + db + "', schema '" + schema + "'."}
}

// errDatabaseDenied is SQL Server's 262 ("CREATE TABLE permission denied in
// database 'd'.").
func errDatabaseDenied(perm, db string) error {
	return &Error{Number: 262, Severity: 14, State: 1, Message: perm + " permission denied in database '" + db + "'."}
}

// errNoPermission is SQL Server's 15247.
var errNoPermission = &Error{Number: 15247, Severity: 16, State: 1, Message: "User does not have permission to perform this action."}

// CheckDatabaseAccess returns 916 when the session's login may not use db.
func (s *Session) CheckDatabaseAccess(db Database) error {
	if s.Sysadmin() || db == nil {
		return nil
	}
	if _, temp := db.(*tempDatabase); temp {
		return nil
	}
	if _, ok := s.dbUser(db.Name(), s.catalogFor(db)); !ok {
		return errNoDatabaseAccess(s.Login, db.Name())
	}
	return nil
}

// schemaOwner is the owner of the schema named schema in cat (dbo when
// none is recorded).
func schemaOwner(cat *catalog.Database, schema string) string {
	for _, sc := range cat.Schemas {
		if strings.EqualFold(sc.Name, schema) && sc.Owner != "" {
			return sc.Owner
		}
	}
	return "dbo"
}

// fixedRoleVerdict is what the fixed database roles the user belongs to say
// about perm: granted, denied.
func fixedRoleVerdict(cat *catalog.Database, user, perm string) (granted, denied bool) {
	if cat.IsRoleMember("db_owner", user) {
		granted = true
	}
	switch perm {
	case "SELECT":
		granted = granted || cat.IsRoleMember("db_datareader", user)
		denied = cat.IsRoleMember("db_denydatareader", user)
	case "INSERT", "UPDATE", "DELETE":
		granted = granted || cat.IsRoleMember("db_datawriter", user)
		denied = cat.IsRoleMember("db_denydatawriter", user)
	case "ALTER", "REFERENCES", "VIEW DEFINITION",
		"CREATE TABLE", "CREATE VIEW", "CREATE PROCEDURE", "CREATE FUNCTION", "CREATE SCHEMA", "CREATE SEQUENCE",
		"CREATE TYPE", "CREATE SYNONYM", "ALTER ANY SCHEMA", "ALTER ANY DATASPACE":
		granted = granted || cat.IsRoleMember("db_ddladmin", user)
	case "ALTER ANY USER":
		granted = granted || cat.IsRoleMember("db_accessadmin", user) || cat.IsRoleMember("db_securityadmin", user)
	case "ALTER ANY ROLE", "ALTER ANY APPLICATION ROLE":
		granted = granted || cat.IsRoleMember("db_securityadmin", user)
	case "BACKUP DATABASE", "BACKUP LOG", "CHECKPOINT":
		granted = granted || cat.IsRoleMember("db_backupoperator", user)
	}
	return granted, denied
}

// appliesTo reports whether a permission row's grantee covers user: the
// user itself, public, or a role the user is a member of.
func appliesTo(cat *catalog.Database, p *catalog.Permission, user string) bool {
	return strings.EqualFold(p.Principal, user) || strings.EqualFold(p.Principal, "public") || cat.IsRoleMember(p.Principal, user)
}

// verdict is user's permission perm on a securable: schema and object
// ("" for a database-level permission). DENY at any level wins over GRANT;
// the schema's owner and dbo hold everything.
func verdict(cat *catalog.Database, user, perm, schema, object string) bool {
	if strings.EqualFold(user, "dbo") {
		return true
	}
	if schema != "" {
		owner := schemaOwner(cat, schema)
		if strings.EqualFold(owner, user) || !strings.EqualFold(owner, "dbo") && cat.IsRoleMember(owner, user) {
			return true
		}
	}
	granted, denied := fixedRoleVerdict(cat, user, perm)
	if denied {
		return false
	}
	id := int32(0)
	if object != "" {
		id = objectIDOf(cat, schema, object)
	}
	for _, p := range cat.Permissions {
		if p.ColumnID != 0 {
			continue // a column's row: colperm.go decides columns
		}
		if !strings.EqualFold(p.Permission, perm) && !strings.EqualFold(p.Permission, "CONTROL") {
			continue
		}
		switch p.Class {
		case catalog.ClassDatabase:
		case catalog.ClassSchema:
			if schema == "" || !strings.EqualFold(p.Object, schema) {
				continue
			}
		case catalog.ClassObject:
			if id == 0 || p.ObjectID != id {
				continue
			}
		default:
			continue
		}
		if !appliesTo(cat, p, user) {
			continue
		}
		if p.State == catalog.StateDeny {
			return false
		}
		granted = true
	}
	return granted
}

// chained reports whether the innermost module's ownership chain covers an
// object of schema in the database named db.
func (s *Session) chained(db string, cat *catalog.Database, schema string) bool {
	c := s.perm.chain
	return c != nil && !c.broken && strings.EqualFold(c.db, db) && strings.EqualFold(c.owner, schemaOwner(cat, schema))
}

// checkObject returns SQL Server's error when the session may not use perm
// (SELECT, INSERT, UPDATE, DELETE, EXECUTE, ALTER …) on the object
// schema.name of db: 916 without access to the database, else 229.
func (s *Session) checkObject(db Database, cat *catalog.Database, schema, name, perm string) error {
	if s.Sysadmin() {
		return nil
	}
	if _, temp := db.(*tempDatabase); temp {
		return nil
	}
	if s.chained(db.Name(), cat, schema) {
		return nil
	}
	user, ok := s.dbUser(db.Name(), cat)
	if !ok {
		return errNoDatabaseAccess(s.Login, db.Name())
	}
	if verdict(cat, user, perm, schema, name) {
		return nil
	}
	return errObjectDenied(perm, name, db.Name(), schema)
}

// checkTable is checkObject for a resolved table.
func (s *Session) checkTable(tr *tableRef, perm string) error {
	if s.isSA() {
		return nil
	}
	if b := s.perm.blind; b != nil && perm == "SELECT" && b.id == tr.t.ID && strings.EqualFold(b.db, tr.db.Name()) && b.depth == s.depth() {
		return nil
	}
	return s.checkObject(tr.db, tr.cat, tr.t.Schema, tr.t.Name, perm)
}

// hasDatabasePerm reports whether the session holds the database-level
// permission perm in cat (CREATE TABLE, ALTER ANY USER …).
func (s *Session) hasDatabasePerm(db Database, cat *catalog.Database, perm string) bool {
	if s.Sysadmin() {
		return true
	}
	user, ok := s.dbUser(db.Name(), cat)
	return ok && verdict(cat, user, perm, "", "")
}

// mayAlterSchemaObjects reports whether the session may create, alter or
// drop objects in schema: ALTER (or CONTROL) on the schema or the database,
// ALTER ANY SCHEMA, db_ddladmin, db_owner, or the schema's ownership.
func (s *Session) mayAlterSchemaObjects(db Database, cat *catalog.Database, schema string) bool {
	if s.Sysadmin() {
		return true
	}
	if _, temp := db.(*tempDatabase); temp {
		return true
	}
	user, ok := s.dbUser(db.Name(), cat)
	return ok && (verdict(cat, user, "ALTER", schema, "") || verdict(cat, user, "ALTER ANY SCHEMA", "", ""))
}

// mayAlterObject reports whether the session may alter or drop the object
// schema.name: ALTER or CONTROL on it, or what mayAlterSchemaObjects needs.
func (s *Session) mayAlterObject(db Database, cat *catalog.Database, schema, name string) bool {
	if s.mayAlterSchemaObjects(db, cat, schema) {
		return true
	}
	user, ok := s.dbUser(db.Name(), cat)
	return ok && verdict(cat, user, "ALTER", schema, name)
}

var noRestore = func() {}

// enterModule starts the ownership chain of a module (view, procedure,
// function, trigger) of schema in db and, when its WITH EXECUTE AS clause
// (among opts) names a principal, its execution context
// (perm_execas.go); the returned func restores the caller's chain and
// context, and undoes any EXECUTE AS the module's statements left.
func (s *Session) enterModule(db Database, schema string, opts ...string) func() {
	prevExec, prevCaller, prevIn := s.perm.exec, s.perm.caller, s.perm.inModule
	prevNames, pushed := s.pushNames(schema) // names.go
	if s.isSA() && prevExec == nil && !hasExecuteAs(opts) {
		if s.perm.dropFn == nil { // bound once: sa's fast path allocates nothing per call
			s.perm.dropFn = s.dropModuleContexts
		}
		if pushed { // a module outside dbo: its schema is looked in first
			return func() {
				s.perm.names = prevNames
				s.dropModuleContexts()
			}
		}
		return s.perm.dropFn // nothing to chain; an EXECUTE AS in the body ends here
	}
	prev := s.perm.chain
	s.perm.chain = &chainFrame{db: db.Name(), owner: schemaOwner(s.catalogFor(db), schema)}
	s.perm.caller, s.perm.inModule = prevExec, true
	if c := s.moduleContext(db, schema, opts, ""); c != nil {
		s.pushContext(c)
	}
	return func() {
		s.perm.chain, s.perm.caller, s.perm.inModule = prev, prevCaller, prevIn
		s.perm.names = prevNames
		if s.perm.exec != prevExec {
			s.setContext(prevExec)
		}
	}
}

// dropModuleContexts ends the contexts an EXECUTE AS in the body of a
// module called by sa left (sa's own context is the session's).
func (s *Session) dropModuleContexts() {
	if s.perm.exec != nil {
		s.setContext(nil)
	}
}

// hasExecuteAs reports a WITH EXECUTE AS clause other than CALLER.
func hasExecuteAs(opts []string) bool {
	for _, o := range opts {
		if strings.HasPrefix(o, "EXECUTE AS ") && o != "EXECUTE AS CALLER" {
			return true
		}
	}
	return false
}

// breakChain runs dynamic SQL outside any ownership chain; the returned
// func restores the caller's.
func (s *Session) breakChain() func() {
	prevNames := s.perm.names
	if s.perm.chain == nil {
		if prevNames == nil {
			return noRestore
		}
		s.perm.names = nil // dynamic SQL resolves by the user's default schema (names.go)
		return func() { s.perm.names = prevNames }
	}
	prev := s.perm.chain
	s.perm.chain, s.perm.names = &chainFrame{broken: true}, nil
	return func() { s.perm.chain, s.perm.names = prev, prevNames }
}

// checkFunction checks the use of a user function: EXECUTE for a scalar
// function, SELECT for a table-valued one.
func (s *Session) checkFunction(db Database, m *catalog.Module, def *ast.CreateFunctionStmt) error {
	if s.isSA() {
		return nil
	}
	perm := "SELECT"
	if def.ReturnTable == nil && def.Returns != nil {
		perm = "EXECUTE"
	}
	return s.checkObject(db, s.catalogFor(db), m.Schema, m.Name, perm)
}

// HasDatabasePermission reports whether the session holds the
// database-level permission perm in db (for the instance's statements:
// BACKUP DATABASE, CHECKPOINT, ALTER …); db_owner holds them all.
func (s *Session) HasDatabasePermission(db Database, perm string) bool {
	return s.hasDatabasePerm(db, s.catalogFor(db), perm)
}

// DatabaseUser is the user the session's login is in db ("" without
// access), as error messages name it (2571).
func (s *Session) DatabaseUser(db Database) string {
	u, _ := s.dbUser(db.Name(), s.catalogFor(db))
	return u
}
