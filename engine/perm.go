package engine

import (
	"bytes"
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Server-level permission checks for the statements the instance runs
// (admin.go), with SQL Server's errors; engine/exec/perm.go has the model.
// A sysadmin returns at once.
//
//	CREATE DATABASE, RESTORE           CREATE ANY DATABASE (dbcreator)       262 / 3110
//	ALTER/DROP DATABASE, SET PARTNER   ALTER ANY DATABASE or the owner        5011 / 3701
//	CREATE/ALTER/DROP LOGIN            ALTER ANY LOGIN (securityadmin)        15247 / 15151
//	ALTER SERVER ROLE                  a member of the role (not sysadmin)    15151
//	endpoints                          CREATE ENDPOINT / ALTER ANY ENDPOINT   15247
//	RECONFIGURE                        ALTER SETTINGS (serveradmin)           5812
//	KILL                               ALTER ANY CONNECTION (processadmin)    6102
//	SHUTDOWN                           SHUTDOWN (serveradmin)                 6004
//	BACKUP DATABASE/LOG, CHECKPOINT    db_owner, db_backupoperator            262
//	DBCC                               sysadmin; db_owner for the checks      2571
//	certificates, master key           CONTROL on the database                15247
//	server GRANT/DENY/REVOKE           CONTROL SERVER                         15247
//	GRANT … ON ENDPOINT::              ALTER ANY ENDPOINT (serveradmin)       15247
func (inst *Instance) checkAdmin(s *exec.Session, stmt ast.Statement) error {
	if s.Sysadmin() {
		return nil
	}
	switch st := stmt.(type) {
	case *ast.CreateDatabaseStmt:
		if !s.HasServerPermission("CREATE ANY DATABASE") {
			return &exec.Error{Number: 262, Severity: 14, State: 1, Message: "CREATE DATABASE permission denied in database 'master'."}
		}
		if st.SnapshotOf != nil && !s.Sysadmin() {
			// A snapshot is its source's owner's to take, and a mirror's
			// only a sysadmin's.
			if db := inst.Database(st.SnapshotOf.Name); db != nil {
				srv := inst.Server()
				if cat := db.Catalog(); db.State() == StateRestoring || cat == nil || !exec.IsDatabaseOwner(srv, srv.Login(s.Login), db.Name(), cat) {
					return &exec.Error{Number: 1817, Severity: 16, State: 1, Message: "Only the owner of database \"" + db.Name() + "\" or the system administrator can create a database snapshot on it."}
				}
			}
		}
	case *ast.DropDatabaseStmt:
		for _, n := range st.Names {
			if !inst.mayAlterDatabase(s, n.Name) {
				return &exec.Error{Number: 3701, Severity: 14, State: 1, Message: "Cannot drop the database '" + n.Name + "', because it does not exist or you do not have permission."}
			}
		}
	case *ast.AlterDatabaseStmt:
		name := s.Database().Name()
		if st.Name != nil {
			name = st.Name.Name
		}
		if !inst.mayAlterDatabase(s, name) {
			return &exec.Error{Number: 5011, Severity: 14, State: 9, Message: "User does not have permission to alter database '" + name + "', the database does not exist, or the database is not in a state that allows access checks."}
		}
	case *ast.CreateLoginStmt:
		if !s.HasServerPermission("ALTER ANY LOGIN") && !ownPasswordChange(s, st) {
			if st.Alter {
				return errCannotAlterLogin(st.Name.Name) // logins.go: SQL Server's answer, also to a missing OLD_PASSWORD
			}
			return &exec.Error{Number: 15247, Severity: 16, State: 1, Message: "User does not have permission to perform this action."}
		}
	case *ast.DropStmt:
		return inst.checkDropServerObject(s, st)
	case *ast.AlterRoleStmt:
		if st.Server && !mayAlterServerRole(s, st.Name.Name) {
			return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot alter the server role '" + st.Name.Name + "', because it does not exist or you do not have permission."}
		}
	case *ast.CreateEndpointStmt:
		if !s.HasServerPermission("CREATE ENDPOINT") {
			return errNoPermission()
		}
	case *ast.ReconfigureStmt:
		if !s.HasServerPermission("ALTER SETTINGS") {
			return &exec.Error{Number: 5812, Severity: 14, State: 1, Message: "You do not have permission to run the RECONFIGURE statement."}
		}
	case *ast.KillStmt:
		if !s.HasServerPermission("ALTER ANY CONNECTION") {
			return &exec.Error{Number: 6102, Severity: 14, State: 2, Message: "User does not have permission to use the KILL statement."}
		}
	case *ast.ShutdownStmt:
		if !s.HasServerPermission("SHUTDOWN") {
			return &exec.Error{Number: 6004, Severity: 14, State: 1, Message: "User does not have permission to perform this action."}
		}
	case *ast.BackupStmt:
		db := inst.Database(backupDatabaseName(s, st.Database))
		perm := "BACKUP DATABASE"
		if st.Log {
			perm = "BACKUP LOG"
		}
		if db != nil && !s.HasDatabasePermission(db, perm) {
			return &exec.Error{Number: 262, Severity: 14, State: 1, Message: perm + " permission denied in database '" + db.Name() + "'."}
		}
	case *ast.RestoreStmt:
		if st.Database != nil && !s.HasServerPermission("CREATE ANY DATABASE") {
			name := backupDatabaseName(s, st.Database)
			return &exec.Error{Number: 3110, Severity: 14, State: 1, Message: "User does not have permission to RESTORE database '" + name + "'."}
		}
	case *ast.CheckpointStmt:
		if db := inst.Database(s.Database().Name()); db != nil && !s.HasDatabasePermission(db, "CHECKPOINT") {
			return &exec.Error{Number: 262, Severity: 14, State: 1, Message: "CHECKPOINT permission denied in database '" + db.Name() + "'."}
		}
	case *ast.DbccStmt:
		return inst.checkDbcc(s, st)
	case *ast.CreateCertificateStmt, *ast.BackupCertificateStmt, *ast.CreateMasterKeyStmt:
		if db := inst.Database(s.Database().Name()); db == nil || !s.HasDatabasePermission(db, "CONTROL") {
			return errNoPermission()
		}
	case *ast.GrantStmt:
		if isServerGrant(st) && !s.HasServerPermission("CONTROL SERVER") {
			return errNoPermission()
		}
		if strings.EqualFold(st.Class, "ENDPOINT") && !s.HasServerPermission("ALTER ANY ENDPOINT") {
			return errNoPermission()
		}
	}
	return nil
}

func errNoPermission() error {
	return &exec.Error{Number: 15247, Severity: 16, State: 1, Message: "User does not have permission to perform this action."}
}

// ownPasswordChange reports ALTER LOGIN of the session's own login that
// only sets a password and gives the old one (OLD_PASSWORD), which every
// login may do; without ALTER ANY LOGIN, a change that does not give it
// is refused as SQL Server refuses it (15151), and a wrong one too
// (createLogin checks it).
func ownPasswordChange(s *exec.Session, st *ast.CreateLoginStmt) bool {
	return st.Alter && strings.EqualFold(st.Name.Name, s.Login) && st.Password != nil && st.OldPassword != nil &&
		!st.Enable && !st.Disable && len(st.Options) == 0
}

// mayAlterDatabase: ALTER ANY DATABASE, the database's owner, or ALTER
// (CONTROL) granted in it.
func (inst *Instance) mayAlterDatabase(s *exec.Session, name string) bool {
	if s.HasServerPermission("ALTER ANY DATABASE") {
		return true
	}
	db := inst.Database(name)
	return db != nil && s.HasDatabasePermission(db, "ALTER")
}

// mayAlterServerRole: a member of a fixed server role other than sysadmin
// may add and drop its members; securityadmin may for every role but
// sysadmin.
func mayAlterServerRole(s *exec.Session, role string) bool {
	if strings.EqualFold(role, "sysadmin") {
		return false
	}
	return s.IsServerRole(role) || s.IsServerRole("securityadmin")
}

func (inst *Instance) checkDropServerObject(s *exec.Session, st *ast.DropStmt) error {
	switch st.Kind {
	case ast.ObjLogin:
		if !s.HasServerPermission("ALTER ANY LOGIN") {
			return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot drop the login '" + st.Names[0].Last() + "', because it does not exist or you do not have permission."}
		}
	case ast.ObjEndpoint:
		if !s.HasServerPermission("ALTER ANY ENDPOINT") {
			return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot drop the endpoint '" + st.Names[0].Last() + "', because it does not exist or you do not have permission."}
		}
	case ast.ObjCertificate, ast.ObjMasterKey:
		if db := inst.Database(s.Database().Name()); db == nil || !s.HasDatabasePermission(db, "CONTROL") {
			return errNoPermission()
		}
	}
	return nil
}

// dbccForDbOwner are the DBCC commands db_owner may run in its database;
// dbccForAll any user may run. Every other DBCC is sysadmin's.
var (
	dbccForDbOwner = map[string]bool{"CHECKDB": true, "CHECKTABLE": true, "CHECKALLOC": true, "CHECKCATALOG": true,
		"CHECKIDENT": true, "SHRINKDATABASE": true, "SHRINKFILE": true, "UPDATEUSAGE": true, "CHECKCONSTRAINTS": true,
		"CLEANTABLE": true, "OPENTRAN": true, "DBREINDEX": true}
	dbccForAll = map[string]bool{"USEROPTIONS": true, "INPUTBUFFER": true, "SHOW_STATISTICS": true, "TRACESTATUS": true, "HELP": true}
)

func (inst *Instance) checkDbcc(s *exec.Session, st *ast.DbccStmt) error {
	cmd := strings.ToUpper(st.Command)
	if dbccForAll[cmd] {
		return nil
	}
	db := inst.Database(s.Database().Name())
	if dbccForDbOwner[cmd] && db != nil && s.HasDatabasePermission(db, "CONTROL") {
		return nil
	}
	user := s.Login
	if db != nil {
		if u := s.DatabaseUser(db); u != "" {
			user = u
		}
	}
	return &exec.Error{Number: 2571, Severity: 14, State: 3, Message: "User '" + user + "' does not have permission to run DBCC " + strings.ToLower(st.Command) + "."}
}

// serverPermissions are the permissions granted at server scope (to
// logins); a GRANT of one of them is recorded in the server catalog.
var serverPermissions = map[string]bool{
	"CONTROL SERVER": true, "ALTER ANY DATABASE": true, "CREATE ANY DATABASE": true, "VIEW SERVER STATE": true,
	"ALTER SERVER STATE": true, "CONNECT SQL": true, "ALTER ANY LOGIN": true, "ALTER ANY CONNECTION": true,
	"ALTER SETTINGS": true, "SHUTDOWN": true, "ALTER ANY ENDPOINT": true, "CREATE ENDPOINT": true,
	"VIEW ANY DATABASE": true, "VIEW ANY DEFINITION": true, "ADMINISTER BULK OPERATIONS": true,
	"ALTER ANY SERVER ROLE": true, "IMPERSONATE ANY LOGIN": true, "AUTHENTICATE SERVER": true, "ALTER TRACE": true,
}

// isServerGrant reports whether a GRANT/DENY/REVOKE is of server
// permissions (no ON clause, or ON SERVER::, and server permission names).
func isServerGrant(st *ast.GrantStmt) bool {
	switch strings.ToUpper(st.Class) {
	case "SERVER", "LOGIN", "SERVER ROLE", "AVAILABILITY GROUP":
		return true
	}
	if st.On != nil || len(st.Permissions) == 0 {
		return false
	}
	for _, p := range st.Permissions {
		if !serverPermissions[p] {
			return false
		}
	}
	return true
}

// grantServer records a server-level GRANT, DENY or REVOKE for logins. It
// is made in master only (4621, as SQL Server refuses it elsewhere); AS
// names the login or server role recorded as the grantor.
func (inst *Instance) grantServer(s *exec.Session, st *ast.GrantStmt) error {
	if !strings.EqualFold(s.Database().Name(), "master") {
		return errServerScopeGrant()
	}
	return inst.UpdateServer(func(srv *catalog.Server) error {
		grantor, err := serverGrantor(s, srv, st.As)
		if err != nil {
			return err
		}
		for _, who := range st.Principals {
			l := srv.Login(who.Name)
			_, role := catalog.FixedServerRole(who.Name)
			if l == nil && !role {
				return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the login '" + who.Name + "', because it does not exist or you do not have permission."}
			}
			if strings.EqualFold(who.Name, "sa") || strings.EqualFold(who.Name, "sysadmin") {
				return &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot grant, deny, or revoke permissions to sa, dbo, entity owner, information_schema, sys, or yourself."}
			}
			for _, perm := range st.Permissions {
				row := &catalog.Permission{Permission: perm, Class: catalog.ClassServer, Principal: who.Name, Grantor: grantor}
				if st.On != nil && !strings.EqualFold(st.Class, "SERVER") { // IMPERSONATE ON LOGIN::x …: recorded
					row.Class, row.Object = strings.ReplaceAll(strings.ToUpper(st.Class), " ", "_"), st.On.Last()
				}
				switch st.Kind {
				case ast.Grant:
					row.State = catalog.StateGrant
					if st.WithGrantOption {
						row.State = catalog.StateGrantWithGrant
					}
					srv.Permissions = catalog.SetPermission(srv.Permissions, row)
				case ast.Deny:
					row.State = catalog.StateDeny
					srv.Permissions = catalog.SetPermission(srv.Permissions, row)
				default:
					if st.GrantOptionFor {
						if old := catalog.FindPermission(srv.Permissions, row); old != nil && old.State == catalog.StateGrantWithGrant {
							kept := *old
							kept.State = catalog.StateGrant
							srv.Permissions = catalog.SetPermission(catalog.CascadeGrants(srv.Permissions, row), &kept)
						}
						continue
					}
					srv.Permissions, _ = catalog.RevokePermission(srv.Permissions, row, st.Cascade)
				}
			}
		}
		return nil
	})
}

func errServerScopeGrant() error {
	return &exec.Error{Number: 4621, Severity: 16, State: 10, Message: "Permissions at the server scope can only be granted when the current database is master"}
}

// serverGrantor is the grantor a server-level GRANT records: the session's
// login, or the AS login or server role, which a caller other than a
// sysadmin may name only as itself or a role it belongs to (4618); one
// that does not exist is 15151.
func serverGrantor(s *exec.Session, srv *catalog.Server, as *ast.Ident) (string, error) {
	if as == nil {
		return s.Login, nil
	}
	name := ""
	if l := srv.Login(as.Name); l != nil {
		name = l.Name
	} else if r, ok := catalog.FixedServerRole(as.Name); ok {
		name = r.Name
	} else {
		return "", &exec.Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot find the login '" + as.Name + "', because it does not exist or you do not have permission."}
	}
	if !s.Sysadmin() && !strings.EqualFold(name, s.Login) && !s.IsServerRole(name) {
		return "", &exec.Error{Number: 4618, Severity: 16, State: 1, Message: "You do not have permission to use " + name + " in the AS clause."}
	}
	return name, nil
}

// setOwner makes the login that created a database its owner (dbo there),
// sysadmin or not, as SQL Server records owner_sid: a new entry says sa
// (CreateDatabase), so sa's own databases need no change.
func (inst *Instance) setOwner(ctx context.Context, s *exec.Session, name string) error {
	db := inst.Database(name)
	l := inst.Server().Login(s.Login)
	if db == nil || l == nil || bytes.Equal(l.SID, catalog.SASID) {
		return nil
	}
	return s.SetDatabaseOwner(ctx, db, l.SID)
}

func init() {
	exec.RegisterView("sys.server_permissions", []exec.ViewColumn{col("class", tInt), col("class_desc", tName),
		col("major_id", tInt), col("minor_id", tInt), col("grantee_principal_id", tInt), col("grantor_principal_id", tInt),
		col("type", tName), col("permission_name", tName), col("state", tName), col("state_desc", tName)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			srv := s.Server().ServerCatalog()
			var out []exec.Row
			for _, p := range srv.Permissions {
				grantee, grantor := serverPrincipalID(srv, p.Principal), serverPrincipalID(srv, p.Grantor)
				class, desc, major := int64(100), "SERVER", int64(0)
				if p.Class != catalog.ClassServer { // ON LOGIN::x, SERVER ROLE::x
					class, desc, major = 101, "SERVER_PRINCIPAL", int64(serverPrincipalID(srv, p.Object))
				}
				out = append(out, exec.Row{in(class), nv(desc), in(major), in(0), in(int64(grantee)), in(int64(grantor)),
					nv(permissionType(p.Permission)), nv(p.Permission), nv(p.State[:1]), nv(p.State)})
			}
			if ep := srv.Endpoint(); ep != nil {
				for _, who := range ep.ConnectGrants {
					out = append(out, exec.Row{in(105), nv("ENDPOINT"), in(int64(ep.ID)), in(0), in(int64(serverPrincipalID(srv, who))),
						in(1), nv("CO"), nv("CONNECT"), nv("G"), nv("GRANT")})
				}
			}
			return out, nil
		})
}

func serverPrincipalID(srv *catalog.Server, name string) int32 {
	if l := srv.Login(name); l != nil {
		return l.ID
	}
	if r, ok := catalog.FixedServerRole(name); ok {
		return r.ID
	}
	return 0
}

// permissionType is sys.*_permissions.type: SQL Server's short code of a
// permission name (the initials of its words for the common ones).
func permissionType(perm string) string {
	switch perm {
	case "SELECT":
		return "SL"
	case "INSERT":
		return "IN"
	case "UPDATE":
		return "UP"
	case "DELETE":
		return "DL"
	case "EXECUTE":
		return "EX"
	case "CONNECT":
		return "CO"
	case "CONNECT SQL":
		return "COSQ"
	case "CONTROL SERVER":
		return "CL"
	case "CONTROL":
		return "CL"
	case "REFERENCES":
		return "RF"
	case "ALTER":
		return "AL"
	case "VIEW DEFINITION":
		return "VW"
	}
	if t, ok := serverPermissionTypes[perm]; ok {
		return t
	}
	var b strings.Builder
	for _, w := range strings.Fields(perm) {
		b.WriteByte(w[0])
	}
	return b.String()
}

// serverPermissionTypes are sys.server_permissions.type codes of server
// permissions that are not their words' initials (the view's permission
// type table).
var serverPermissionTypes = map[string]string{
	"ADMINISTER BULK OPERATIONS": "ADBO", "ALTER ANY CREDENTIAL": "ALCD", "ALTER ANY CONNECTION": "ALCO",
	"ALTER ANY DATABASE": "ALDB", "ALTER ANY EVENT NOTIFICATION": "ALES", "ALTER ANY ENDPOINT": "ALHE",
	"ALTER ANY LOGIN": "ALLG", "ALTER ANY LINKED SERVER": "ALLS", "ALTER RESOURCES": "ALRS",
	"ALTER ANY SERVER ROLE": "ALSR", "ALTER SERVER STATE": "ALSS", "ALTER SETTINGS": "ALST", "ALTER TRACE": "ALTR",
	"AUTHENTICATE SERVER": "AUTH", "CREATE ANY DATABASE": "CRDB", "CREATE DDL EVENT NOTIFICATION": "CRDE",
	"CREATE ENDPOINT": "CRHE", "CREATE SERVER ROLE": "CRSR", "IMPERSONATE ANY LOGIN": "IAL", "IMPERSONATE": "IM",
	"SHUTDOWN": "SHDN", "TAKE OWNERSHIP": "TO", "VIEW ANY DATABASE": "VWDB", "VIEW ANY DEFINITION": "VWAD",
	"VIEW SERVER STATE": "VWSS",
}
