package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sys.database_principals in SQL Server's column order. modify_date is
// create_date (principals keep no modification time); owning_principal_id
// is a role's owner (CREATE ROLE … AUTHORIZATION, ALTER AUTHORIZATION ON
// ROLE::), dbo for the fixed roles and public, NULL for a user;
// authentication_type is how the user authenticates: INSTANCE for a user
// of a SQL login (dbo too), WINDOWS for a Windows login's, NONE for a user
// without login, a certificate-mapped user, guest, sys, INFORMATION_SCHEMA
// and the roles. Users are not contained, so the default language columns
// are NULL.
var databasePrincipalsCols = []vcol{{"name", vName}, {"principal_id", vInt}, {"type", types.Type{ID: types.Char, Length: 1}},
	{"type_desc", vDesc}, {"default_schema_name", vName}, {"create_date", vDateTime}, {"modify_date", vDateTime},
	{"owning_principal_id", vInt}, {"sid", types.Type{ID: types.VarBinary, Length: 85}}, {"is_fixed_role", vBit},
	{"authentication_type", vInt}, {"authentication_type_desc", vDesc}, {"default_language_name", vName},
	{"default_language_lcid", vInt}, {"allow_encrypted_value_modifications", vBit}}

var authenticationTypeDesc = [...]string{"NONE", "INSTANCE", "DATABASE", "WINDOWS"}

func databasePrincipalsRows(s *Session, db Database) ([]Row, error) {
	cat := s.catalogFor(db)
	row := func(name string, id int32, typ, desc string, schema, owner, sid types.Value, created types.Value, fixed bool, auth int) Row {
		return Row{str(name), i32(id), types.NewString(types.Char, typ), str(desc), schema, created, created, owner, sid,
			bit(fixed), i32(int32(auth)), str(authenticationTypeDesc[auth]), null, null, bit(false)}
	}
	created := dt(cat.Created)
	dbo := i32(1)
	dboSID := cat.DboSID() // the owner's login is dbo (owner.go)
	out := []Row{
		row("public", 0, "R", "DATABASE_ROLE", null, dbo, null, created, false, 0),
		row("dbo", 1, "S", "SQL_USER", str("dbo"), null, types.NewVarBinary(dboSID), created, false, 1),
		row("guest", 2, "S", "SQL_USER", str("guest"), null, types.NewVarBinary([]byte{0}), created, false, 0),
		row("INFORMATION_SCHEMA", 3, "S", "SQL_USER", null, null, null, created, false, 0),
		row("sys", 4, "S", "SQL_USER", null, null, null, created, false, 0),
	}
	for _, u := range cat.Users {
		typ, desc := "S", "SQL_USER"
		if u.Certificate != "" {
			typ, desc = "C", "CERTIFICATE_MAPPED_USER"
		}
		login := s.srv.ServerCatalog().UserLogin(u)
		sid := null
		if u.SID != nil {
			sid = types.NewVarBinary(u.SID)
		} else if login != nil { // a user made before users kept SIDs
			sid = types.NewVarBinary(login.SID)
		}
		auth := 0
		switch {
		case u.Certificate != "":
		case login != nil && login.Windows:
			auth = 3
		case login != nil || u.SID != nil && !catalog.IsLoginlessSID(u.SID):
			auth = 1 // an orphaned user still authenticates at the instance
		}
		out = append(out, row(u.Name, u.ID, typ, desc, str(userDefaultSchema(u)), null, sid, dt(u.Created), false, auth))
	}
	for _, r := range cat.Roles {
		owner := dbo
		if id, ok := cat.PrincipalID(r.Owner); ok && r.Owner != "" {
			owner = i32(id)
		}
		out = append(out, row(r.Name, r.ID, "R", "DATABASE_ROLE", null, owner, null, dt(r.Created), false, 0))
	}
	for _, r := range catalog.FixedDatabaseRoles {
		out = append(out, row(r.Name, r.ID, "R", "DATABASE_ROLE", null, dbo, null, created, true, 0))
	}
	return out, nil
}

// userDefaultSchema is the user's default schema: the one CREATE/ALTER
// USER … WITH DEFAULT_SCHEMA gave it, else dbo.
func userDefaultSchema(u *catalog.User) string {
	if u.DefaultSchema != "" {
		return u.DefaultSchema
	}
	return "dbo"
}

// defaultSchemaOption is the DEFAULT_SCHEMA option's schema name in a
// CREATE or ALTER USER's options, and whether the option is there.
func defaultSchemaOption(opts []*ast.Option) (string, bool) {
	for _, o := range opts {
		if strings.EqualFold(o.Name, "DEFAULT_SCHEMA") {
			return optionName(o), true
		}
	}
	return "", false
}

// defaultSchemaName is SCHEMA_NAME() with no argument: the default schema
// of the user the session acts as in the current database (its login's
// user, or EXECUTE AS USER); dbo for dbo and a user without one.
func (s *Session) defaultSchemaName() string {
	cat := s.catalogFor(s.db)
	if u := userNamed(cat, s.currentUser(cat)); u != nil {
		return userDefaultSchema(u)
	}
	return "dbo"
}
