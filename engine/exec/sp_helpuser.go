package exec

import (
	"context"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sp_helpuser [@name_in_db]: the current database's users, one row per
// role each is a member of (public when none), with the login each maps
// to; @name_in_db a user narrows that to the user, a role lists the role's
// members instead; anything else is 15198. The result sets and their order
// (by user then role, by member) are SQL Server's.

var helpUserCols = []ResultColumn{{Name: "UserName", Type: sysname}, {Name: "RoleName", Type: sysname},
	{Name: "LoginName", Type: sysname}, {Name: "DefDBName", Type: sysname}, {Name: "DefSchemaName", Type: sysname},
	{Name: "UserID", Type: types.Type{ID: types.SmallInt}}, {Name: "SID", Type: sidType}}

var helpRoleCols = []ResultColumn{{Name: "Role_name", Type: sysname}, {Name: "Role_id", Type: types.Type{ID: types.SmallInt}},
	{Name: "Users_in_role", Type: sysname}, {Name: "Userid", Type: types.Type{ID: types.SmallInt}}}

// helpUser is one database user as sp_helpuser shows it.
type helpUser struct {
	name, schema string
	id           int32
	sid          []byte // nil: NULL
	login        *catalog.Login
}

func spHelpUser(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
	name := ArgString(args, 0, "@name_in_db")
	cat := s.catalogFor(s.db)
	users := helpUsers(s, cat)
	if name == "" {
		return 0, SendRows(s, out, helpUserCols, helpUserRows(cat, users))
	}
	for _, u := range users {
		if strings.EqualFold(u.name, name) {
			return 0, SendRows(s, out, helpUserCols, helpUserRows(cat, []helpUser{u}))
		}
	}
	if role, _, ok := cat.RoleNamed(name); ok {
		id, _ := cat.PrincipalID(role)
		var rows []Row
		for _, u := range users {
			if directMember(cat, role, u.name) || strings.EqualFold(role, "db_owner") && u.id == 1 {
				rows = append(rows, Row{str(role), types.NewSmallInt(int16(id)), str(u.name), types.NewSmallInt(int16(u.id))})
			}
		}
		for _, r := range cat.Roles { // roles can be members of roles too
			if directMember(cat, role, r.Name) {
				rows = append(rows, Row{str(role), types.NewSmallInt(int16(id)), str(r.Name), types.NewSmallInt(int16(r.ID))})
			}
		}
		sort.SliceStable(rows, func(i, j int) bool { return lessFold(rows[i][2].Str(), rows[j][2].Str()) })
		return 0, SendRows(s, out, helpRoleCols, rows)
	}
	return 1, &Error{Number: 15198, Severity: 16, State: 1, Message: "The name supplied (" + name + ") is not a user, role, or aliased login."}
}

// helpUsers is the database's users: dbo (the owner's login), guest,
// INFORMATION_SCHEMA and sys, then those made with CREATE USER.
func helpUsers(s *Session, cat *catalog.Database) []helpUser {
	srv := s.srv.ServerCatalog()
	dbo := helpUser{name: "dbo", schema: "dbo", id: 1, sid: cat.DboSID(), login: dboLogin(srv, cat)} // owner.go
	users := []helpUser{dbo, {name: "guest", schema: "guest", id: 2, sid: []byte{0}},
		{name: "INFORMATION_SCHEMA", id: 3}, {name: "sys", id: 4}}
	for _, u := range cat.Users {
		h := helpUser{name: u.Name, schema: "dbo", id: u.ID, sid: u.SID, login: srv.UserLogin(u)}
		if h.sid == nil && h.login != nil { // a user made before users kept SIDs
			h.sid = h.login.SID
		}
		users = append(users, h)
	}
	return users
}

// helpUserRows is a row per user and role it is directly a member of
// (public for a user of no role), by user name then role name.
func helpUserRows(cat *catalog.Database, users []helpUser) []Row {
	var rows []Row
	for _, u := range users {
		var roles []string
		if u.id == 1 {
			roles = append(roles, "db_owner")
		}
		for _, m := range cat.RoleMembers {
			if strings.EqualFold(m.Member, u.name) {
				if role, _, ok := cat.RoleNamed(m.Role); ok {
					roles = append(roles, role)
				}
			}
		}
		if len(roles) == 0 {
			roles = []string{"public"}
		}
		login, defDB := types.Null(types.NVarChar), types.Null(types.NVarChar)
		if u.login != nil {
			login, defDB = str(u.login.Name), str(u.login.DefaultDB)
			if u.login.DefaultDB == "" {
				defDB = str("master")
			}
		}
		schema, sid := types.Null(types.NVarChar), types.Null(types.VarBinary)
		if u.schema != "" {
			schema = str(u.schema)
		}
		if u.sid != nil {
			sid = types.NewVarBinary(u.sid)
		}
		for _, r := range roles {
			rows = append(rows, Row{str(u.name), str(r), login, defDB, schema, types.NewSmallInt(int16(u.id)), sid})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i][0].Str(), rows[j][0].Str()
		if !strings.EqualFold(a, b) {
			return lessFold(a, b)
		}
		return lessFold(rows[i][1].Str(), rows[j][1].Str())
	})
	return rows
}

// lessFold orders names as the default collation does for the names of
// principals (case-insensitive).
func lessFold(a, b string) bool { return strings.ToLower(a) < strings.ToLower(b) }

func init() { RegisterProc("sp_helpuser", spHelpUser) }
