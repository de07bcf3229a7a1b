package exec

import (
	"bytes"
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Database users and their logins. A user made FOR LOGIN records the
// login's SID; it maps to whichever login of this instance has that SID
// (catalog.Database.UserFor), so a database restored or failed over to an
// instance whose login of the same name has another SID has an orphaned
// user: the login cannot use the database (916, 4060 at login) until
// ALTER USER … WITH LOGIN or sp_change_users_login maps it again.

func errNotValidLogin(name string) error {
	return &Error{Number: 15007, Severity: 16, State: 1, Message: "'" + name + "' is not a valid login or you do not have permission."}
}

// errLoginHasUser is 15063: a login maps to one user per database, the
// owner's to dbo (SQL Server 2022's text names the user it has).
func errLoginHasUser(user string) error {
	return &Error{Number: 15063, Severity: 16, State: 1, Message: "The login already has an account with the user name '" + user + "'."}
}

// createUser records a database user (CREATE USER … FOR LOGIN / FROM
// CERTIFICATE / WITHOUT LOGIN; CREATE USER u alone is FOR LOGIN u).
func (s *Session) createUser(ctx context.Context, st *ast.CreateUserStmt) error {
	if st.Alter {
		return s.alterUser(ctx, st)
	}
	var login *catalog.Login
	if st.FromCertificate == nil && !st.WithoutLogin {
		name := st.Name.Name
		if st.Login != nil {
			name = st.Login.Name
		}
		if login = s.srv.ServerCatalog().Login(name); login == nil {
			return errNotValidLogin(name)
		}
	}
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return err
	}
	if _, ok := cat.PrincipalID(st.Name.Name); ok {
		return errPrincipalExists(st.Name.Name) // roles.go
	}
	u := &catalog.User{ID: cat.NextPrincipalID(), Name: st.Name.Name, Created: time.Now().UTC()}
	if login != nil {
		if other := cat.UserFor(login); other != nil {
			return errLoginHasUser(other.Name)
		}
		if bytes.Equal(login.SID, cat.DboSID()) { // the owner's login is dbo (owner.go)
			return errLoginHasUser("dbo")
		}
		u.SID = bytes.Clone(login.SID)
	}
	if st.WithoutLogin {
		u.SID = catalog.NewLoginlessSID() // sys.database_principals.sid, as SQL Server's
	}
	if st.FromCertificate != nil {
		u.Certificate = st.FromCertificate.Name
	}
	if sc, ok := defaultSchemaOption(st.Options); ok && !strings.EqualFold(sc, "dbo") { // principals_view.go
		u.DefaultSchema = sc
	}
	cat.Users = append(cat.Users, u)
	return nil
}

// alterUser runs ALTER USER u WITH LOGIN = l (maps the user to login l,
// the way to mend an orphaned user), NAME = n (renames the user and every
// reference to it by name: role memberships, permissions, owners) and
// DEFAULT_SCHEMA = s (sys.database_principals.default_schema_name).
func (s *Session) alterUser(ctx context.Context, st *ast.CreateUserStmt) error {
	var login *catalog.Login
	newName := ""
	for _, o := range st.Options {
		switch strings.ToUpper(o.Name) {
		case "NAME":
			newName = optionName(o)
		case "LOGIN":
			name := optionName(o)
			if login = s.srv.ServerCatalog().Login(name); login == nil {
				return errNotValidLogin(name)
			}
		case "DEFAULT_SCHEMA":
		default:
			return ErrNotSupported.New("ALTER USER … WITH " + strings.ToUpper(o.Name))
		}
	}
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return err
	}
	u := userNamed(cat, st.Name.Name)
	if u == nil {
		return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot alter the user '" + st.Name.Name + "', because it does not exist or you do not have permission."}
	}
	if newName != "" && !strings.EqualFold(newName, u.Name) {
		if _, ok := cat.PrincipalID(newName); ok {
			return errPrincipalExists(newName)
		}
	}
	if login != nil {
		if err := mapUser(cat, u, login); err != nil {
			return err
		}
	}
	if newName != "" {
		renamePrincipal(cat, u.Name, newName)
		u.Name = newName
	}
	if sc, ok := defaultSchemaOption(st.Options); ok { // principals_view.go
		u.DefaultSchema = sc
		if strings.EqualFold(sc, "dbo") {
			u.DefaultSchema = ""
		}
	}
	return nil
}

// renamePrincipal rewrites the catalog's references to database principal
// old (a user or role), which are by name, to name new: role memberships,
// permissions granted to it or by it, and the roles and schemas it owns —
// so a renamed principal keeps them, as SQL Server's (by id) do.
func renamePrincipal(cat *catalog.Database, old, new string) {
	for i := range cat.RoleMembers {
		if strings.EqualFold(cat.RoleMembers[i].Role, old) {
			cat.RoleMembers[i].Role = new
		}
		if strings.EqualFold(cat.RoleMembers[i].Member, old) {
			cat.RoleMembers[i].Member = new
		}
	}
	for _, p := range cat.Permissions {
		if strings.EqualFold(p.Principal, old) {
			p.Principal = new
		}
		if strings.EqualFold(p.Grantor, old) {
			p.Grantor = new
		}
	}
	for _, r := range cat.Roles {
		if strings.EqualFold(r.Owner, old) {
			r.Owner = new
		}
	}
	for _, sc := range cat.Schemas {
		if strings.EqualFold(sc.Owner, old) {
			sc.Owner = new
		}
	}
	for id, o := range cat.ObjectOwners {
		if strings.EqualFold(o, old) {
			cat.ObjectOwners[id] = new
		}
	}
}

// mapUser makes u the user of login l in cat.
func mapUser(cat *catalog.Database, u *catalog.User, l *catalog.Login) error {
	if other := cat.UserFor(l); other != nil && other != u {
		return errLoginHasUser(other.Name)
	}
	if u.Certificate != "" || !u.MapsToLogin() {
		return &Error{Number: 33016, Severity: 16, State: 1, Message: "The user cannot be remapped to a login. Remapping can only be done for users that were mapped to Windows or SQL logins."}
	}
	u.SID, u.Login = bytes.Clone(l.SID), ""
	return nil
}

func userNamed(cat *catalog.Database, name string) *catalog.User {
	for _, u := range cat.Users {
		if strings.EqualFold(u.Name, name) {
			return u
		}
	}
	return nil
}

// optionName is an option's value that names something: = name, = [name]
// or = 'name'.
func optionName(o *ast.Option) string {
	switch v := o.Value.(type) {
	case *ast.ColumnRef:
		return v.Name.Last()
	case *ast.Literal:
		return v.Value
	}
	return o.Word
}

// orphaned reports whether u was made for a login that this instance does
// not have (by SID).
func orphaned(srv *catalog.Server, u *catalog.User) bool {
	return u.Certificate == "" && u.MapsToLogin() && srv.UserLogin(u) == nil
}

// sp_change_users_login @Action [, @UserNamePattern [, @LoginName [,
// @Password]]]: 'Report' lists the current database's orphaned users,
// 'Update_One' maps a user to a login, 'Auto_Fix' maps a user to the login
// of its name (made with @Password, and the user's SID, when there is none).
func spChangeUsersLogin(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
	action := strings.ToLower(ArgString(args, 0, "@Action"))
	user, login, password := ArgString(args, 1, "@UserNamePattern"), ArgString(args, 2, "@LoginName"), ArgString(args, 3, "@Password")
	absent := func(what, name string) error {
		return &Error{Number: 15291, Severity: 16, State: 1, Message: "Terminating this procedure. The " + what + " name '" + name + "' is absent or invalid."}
	}
	badCall := &Error{Number: 15600, Severity: 15, State: 1, Message: "An invalid parameter or option was specified for procedure 'sys.sp_change_users_login'."}
	switch action {
	case "report":
		if user != "" || login != "" {
			return 1, badCall
		}
		srv := s.srv.ServerCatalog()
		var rows []Row
		for _, u := range s.catalogFor(s.db).Users {
			if orphaned(srv, u) {
				sid := types.Null(types.VarBinary)
				if u.SID != nil {
					sid = types.NewVarBinary(bytes.Clone(u.SID))
				}
				rows = append(rows, Row{str(u.Name), sid})
			}
		}
		return 0, SendRows(s, out, []ResultColumn{{Name: "UserName", Type: sysname}, {Name: "UserSID", Type: sidType}}, rows)
	case "update_one":
		if user == "" {
			return 1, absent("User", user)
		}
		l := s.srv.ServerCatalog().Login(login)
		if l == nil || l.Certificate != "" {
			return 1, absent("Login", login)
		}
		if !s.hasDatabasePerm(s.db, s.catalogFor(s.db), "ALTER ANY USER") {
			return 1, errNoPermission
		}
		cat, err := s.mutableCatalog(ctx, s.db)
		if err != nil {
			return 1, err
		}
		u := userNamed(cat, user)
		if u == nil || u.Certificate != "" || !u.MapsToLogin() {
			return 1, absent("User", user)
		}
		if err := mapUser(cat, u, l); err != nil {
			return 1, err
		}
		return 0, nil
	case "auto_fix":
		return s.autoFixUser(ctx, user, login, password, out)
	}
	return 1, badCall
}

// autoFixUser is sp_change_users_login 'Auto_Fix': user maps to the login
// of its name, made first (with password, and the user's SID) when there
// is none.
func (s *Session) autoFixUser(ctx context.Context, user, login, password string, out Output) (int32, error) {
	if !s.Sysadmin() {
		return 1, errNoPermission
	}
	if user == "" || login != "" {
		return 1, &Error{Number: 15600, Severity: 15, State: 1, Message: "An invalid parameter or option was specified for procedure 'sys.sp_change_users_login'."}
	}
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return 1, err
	}
	u := userNamed(cat, user)
	if u == nil || u.Certificate != "" || !u.MapsToLogin() {
		return 1, &Error{Number: 15291, Severity: 16, State: 1, Message: "Terminating this procedure. The User name '" + user + "' is absent or invalid."}
	}
	l := s.srv.ServerCatalog().Login(user)
	fixed, added := 0, 0
	switch {
	case l != nil:
		if err := out.Message(&Error{Severity: 0, State: 1, Message: "The row for user '" + u.Name + "' will be fixed by updating its login link to a login already in existence."}); err != nil {
			return 1, err
		}
		fixed = 1
	case password == "":
		return 1, &Error{Number: 15291, Severity: 16, State: 1, Message: "Terminating this procedure. The Login name '" + user + "' is absent or invalid."}
	default:
		err := s.srv.UpdateServer(func(srv *catalog.Server) error {
			sid := u.SID
			if sid != nil && srv.LoginBySID(sid) != nil {
				sid = nil
			}
			nl := srv.AddLogin(u.Name, sid, time.Now().UTC())
			nl.SetPassword(password, nl.Created)
			l = nl
			return nil
		})
		if err != nil {
			return 1, err
		}
		added = 1
	}
	if err := mapUser(cat, u, l); err != nil {
		return 1, err
	}
	for _, m := range []string{
		"The number of orphaned users fixed by updating users was " + itoa(fixed) + ".",
		"The number of orphaned users fixed by adding new logins and then updating users was " + itoa(added) + ".",
	} {
		if err := out.Message(&Error{Severity: 0, State: 1, Message: m}); err != nil {
			return 1, err
		}
	}
	return 0, nil
}

func init() { RegisterProc("sp_change_users_login", spChangeUsersLogin) }
