package exec

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Database roles: CREATE ROLE, ALTER ROLE … ADD/DROP MEMBER | WITH NAME,
// DROP ROLE, DROP USER, sp_addrolemember / sp_droprolemember, and the views
// and functions that show membership (catalog/roles.go says why they are
// enforced by perm.go). Errors are SQL Server's.

func errPrincipalExists(name string) error {
	return &Error{Number: 15023, Severity: 16, State: 1, Message: "User, group, or role '" + name + "' already exists in the current database."}
}

func errSpecialPrincipal(name string) error {
	return &Error{Number: 15405, Severity: 11, State: 1, Message: "Cannot use the special principal '" + name + "'."}
}

// createRole runs CREATE ROLE name [AUTHORIZATION owner].
func (s *Session) createRole(ctx context.Context, st *ast.CreateRoleStmt) error {
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return err
	}
	name := st.Name.Name
	if _, ok := cat.PrincipalID(name); ok {
		return errPrincipalExists(name)
	}
	owner := "dbo"
	if st.Authorization != nil {
		if _, ok := cat.PrincipalID(st.Authorization.Name); !ok {
			return &Error{Number: 15410, Severity: 11, State: 1, Message: "User or role '" + st.Authorization.Name + "' does not exist in this database."}
		}
		owner = st.Authorization.Name
	}
	cat.Roles = append(cat.Roles, &catalog.Role{ID: cat.NextPrincipalID(), Name: name, Owner: owner, Created: time.Now().UTC()})
	return nil
}

// alterRole runs ALTER ROLE (database roles; ALTER SERVER ROLE is the
// instance's).
func (s *Session) alterRole(ctx context.Context, st *ast.AlterRoleStmt) error {
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return err
	}
	role := st.Name.Name
	isRole, fixed := cat.IsRole(role)
	if !isRole || strings.EqualFold(role, "public") && st.NewName == nil {
		return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot alter the role '" + role + "', because it does not exist or you do not have permission."}
	}
	switch {
	case st.NewName != nil:
		if fixed {
			return errSpecialPrincipal(role)
		}
		if _, ok := cat.PrincipalID(st.NewName.Name); ok {
			return errPrincipalExists(st.NewName.Name)
		}
		for _, r := range cat.Roles {
			if strings.EqualFold(r.Name, role) {
				r.Name = st.NewName.Name
			}
		}
		renamePrincipal(cat, role, st.NewName.Name)
	case st.AddMember != nil:
		m := st.AddMember.Name
		if _, ok := cat.PrincipalID(m); !ok || strings.EqualFold(m, "public") {
			return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot add the principal '" + m + "', because it does not exist or you do not have permission."}
		}
		if strings.EqualFold(m, "dbo") || strings.EqualFold(m, role) {
			return errSpecialPrincipal(m)
		}
		if cat.IsRoleMember(m, role) { // role is already (through) a member of m: a cycle
			return &Error{Number: 15413, Severity: 11, State: 1, Message: "Cannot make a role a member of itself or one of its members."}
		}
		if !directMember(cat, role, m) {
			cat.RoleMembers = append(cat.RoleMembers, catalog.RoleMember{Role: role, Member: m})
		}
	case st.DropMember != nil:
		m := st.DropMember.Name
		if _, ok := cat.PrincipalID(m); !ok {
			return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot drop the principal '" + m + "', because it does not exist or you do not have permission."}
		}
		kept := cat.RoleMembers[:0]
		for _, rm := range cat.RoleMembers {
			if !strings.EqualFold(rm.Role, role) || !strings.EqualFold(rm.Member, m) {
				kept = append(kept, rm)
			}
		}
		cat.RoleMembers = kept
	}
	return nil
}

func directMember(cat *catalog.Database, role, member string) bool {
	for _, rm := range cat.RoleMembers {
		if strings.EqualFold(rm.Role, role) && strings.EqualFold(rm.Member, member) {
			return true
		}
	}
	return false
}

// dropPrincipals runs DROP USER and DROP ROLE.
func (s *Session) dropPrincipals(ctx context.Context, st *ast.DropStmt) error {
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return err
	}
	what := strings.ToLower(st.Kind.String())
	for _, n := range st.Names {
		name := n.Last()
		isRole, fixed := cat.IsRole(name)
		if st.Kind == ast.ObjRole && fixed || st.Kind == ast.ObjUser && isBuiltinUser(name) {
			return errSpecialPrincipal(name)
		}
		if err := ownsSomething(cat, name); err != nil && (isRole || userNamed(cat, name) != nil) {
			return err
		}
		found := false
		if st.Kind == ast.ObjRole && isRole {
			for _, rm := range cat.RoleMembers {
				if strings.EqualFold(rm.Role, name) {
					return &Error{Number: 15144, Severity: 16, State: 1, Message: "The role has members. It must be empty before it can be dropped."}
				}
			}
			for i, r := range cat.Roles {
				if strings.EqualFold(r.Name, name) {
					cat.Roles = append(cat.Roles[:i], cat.Roles[i+1:]...)
					found = true
					break
				}
			}
		}
		if st.Kind == ast.ObjUser {
			for i, u := range cat.Users {
				if strings.EqualFold(u.Name, name) {
					cat.Users = append(cat.Users[:i], cat.Users[i+1:]...)
					found = true
					break
				}
			}
		}
		if !found {
			if st.IfExists {
				continue
			}
			return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot drop the " + what + " '" + name + "', because it does not exist or you do not have permission."}
		}
		cat.RemovePrincipal(name)
		cat.Permissions = catalog.DropPermissionsOf(cat.Permissions, name)
	}
	return nil
}

func isBuiltinUser(name string) bool {
	for _, b := range []string{"dbo", "guest", "INFORMATION_SCHEMA", "sys", "public"} {
		if strings.EqualFold(b, name) {
			return true
		}
	}
	return false
}

// currentUser is the database user the session acts as in cat: dbo for a
// sysadmin login (sa) and the database's owner, else the user mapped to its
// login, else guest (perm.go).
func (s *Session) currentUser(cat *catalog.Database) string {
	if u, ok := s.dbUser(cat.Name, cat); ok {
		return u
	}
	return "guest"
}

// isRoleMember is IS_ROLEMEMBER(role [, principal]) and IS_MEMBER(role):
// 1 or 0, NULL when role is not a database role or principal not a
// principal of the current database.
func (s *Session) isRoleMember(role string, principal *string) types.Value {
	cat := s.catalogFor(s.db)
	if isRole, _ := cat.IsRole(role); !isRole {
		return types.Null(types.Int)
	}
	who := s.currentUser(cat)
	if principal != nil {
		if _, ok := cat.PrincipalID(*principal); !ok {
			return types.Null(types.Int)
		}
		who = *principal
	}
	if cat.IsRoleMember(role, who) {
		return types.NewInt(1)
	}
	return types.NewInt(0)
}

// isServerRoleMember is IS_SRVROLEMEMBER(role [, login]): 1 or 0, NULL
// when role is not a fixed server role or login not a login.
func (s *Session) isServerRoleMember(role string, login *string) types.Value {
	r, ok := catalog.FixedServerRole(role)
	if !ok {
		return types.Null(types.Int)
	}
	name := s.Login
	if login != nil {
		name = *login
	} else if s.userScoped() && r.Name != "public" { // perm_execas.go: a user context holds no server role
		return types.NewInt(0)
	}
	l := s.srv.ServerCatalog().Login(name)
	if l == nil {
		return types.Null(types.Int)
	}
	member := r.Name == "public" || r.Name == "sysadmin" && l.Sysadmin
	for _, sr := range l.ServerRoles {
		member = member || sr == r.Name
	}
	if member {
		return types.NewInt(1)
	}
	return types.NewInt(0)
}

// spRoleMember runs sp_addrolemember / sp_droprolemember (@rolename,
// @membername) as the ALTER ROLE they are documented to equal.
func (s *Session) spRoleMember(ctx context.Context, add bool, args []*ProcArg) error {
	role, member := ArgString(args, 0, "@rolename"), ArgString(args, 1, "@membername")
	st := &ast.AlterRoleStmt{Name: &ast.Ident{Name: role}}
	if add {
		st.AddMember = &ast.Ident{Name: member}
	} else {
		st.DropMember = &ast.Ident{Name: member}
	}
	done, err := s.checkStatement(st) // perm_stmt.go: the same right as ALTER ROLE
	defer done()
	if err != nil {
		return err
	}
	return s.alterRole(ctx, st)
}

func init() {
	systemViews["sys.database_role_members"] = &virtualTable{cols: []vcol{{"role_principal_id", vInt}, {"member_principal_id", vInt}},
		rows: func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			out := []Row{{i32(16384), i32(1)}} // dbo in db_owner
			for _, rm := range cat.RoleMembers {
				r, ok1 := cat.PrincipalID(rm.Role)
				m, ok2 := cat.PrincipalID(rm.Member)
				if ok1 && ok2 {
					out = append(out, Row{i32(r), i32(m)})
				}
			}
			return out, nil
		}}
}

// ownsSomething is 15138 when database principal name owns a schema or a
// role: dropping it would leave them with an owner that does not exist.
func ownsSomething(cat *catalog.Database, name string) error {
	for _, sc := range cat.Schemas {
		if strings.EqualFold(sc.Owner, name) && !strings.EqualFold(sc.Name, name) {
			return errOwnsSecurable("schema")
		}
	}
	for _, r := range cat.Roles {
		if strings.EqualFold(r.Owner, name) && !strings.EqualFold(r.Name, name) {
			return errOwnsSecurable("database role")
		}
	}
	for id, o := range cat.ObjectOwners {
		if _, live := objectOwnerID(cat, id); live && strings.EqualFold(o, name) && objectIDLive(cat, id) {
			return &Error{Number: 15183, Severity: 16, State: 1, Message: "The database principal owns objects in the database and cannot be dropped."}
		}
	}
	return nil
}

// objectIDLive reports whether object id still exists (ObjectOwners keeps
// the entries of dropped objects; they own nothing).
func objectIDLive(cat *catalog.Database, id int32) bool {
	for _, r := range objectRows(cat, "") {
		if int32(r[1].Int64()) == id {
			return true
		}
	}
	return false
}

func errOwnsSecurable(what string) error {
	return &Error{Number: 15138, Severity: 16, State: 1, Message: "The database principal owns a " + what + " in the database, and cannot be dropped."}
}
