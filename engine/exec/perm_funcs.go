package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// HAS_PERMS_BY_NAME and HAS_DBACCESS: what the session's login may do, as
// the checks of perm.go decide it (tools call them to grey out menus and
// applications to pick a code path).

// anyPermissions is what HAS_PERMS_BY_NAME's 'ANY' looks for on each class.
var anyPermissions = map[string][]string{
	"OBJECT":   {"SELECT", "INSERT", "UPDATE", "DELETE", "EXECUTE", "REFERENCES", "ALTER", "CONTROL", "VIEW DEFINITION"},
	"SCHEMA":   {"SELECT", "INSERT", "UPDATE", "DELETE", "EXECUTE", "REFERENCES", "ALTER", "CONTROL", "VIEW DEFINITION"},
	"DATABASE": {"CONNECT", "CREATE TABLE", "CREATE VIEW", "CREATE PROCEDURE", "CREATE FUNCTION", "ALTER", "CONTROL", "SELECT", "INSERT", "UPDATE", "DELETE", "EXECUTE"},
	"SERVER":   {"CONNECT SQL", "VIEW SERVER STATE", "ALTER ANY DATABASE", "CREATE ANY DATABASE", "ALTER ANY LOGIN", "CONTROL SERVER"},
	"LOGIN":    {"IMPERSONATE", "ALTER", "CONTROL", "VIEW DEFINITION"},
}

// hasPermsByName is HAS_PERMS_BY_NAME(securable, class, permission): 1 or
// 0, NULL when the class is unknown or the securable does not exist.
func (s *Session) hasPermsByName(securable types.Value, class, perm string) types.Value {
	class, perm = strings.ToUpper(strings.TrimSpace(class)), strings.ToUpper(strings.TrimSpace(perm))
	perms := []string{perm}
	if perm == "ANY" {
		perms = anyPermissions[class]
	}
	yes := func(ok bool) types.Value {
		if ok {
			return types.NewInt(1)
		}
		return types.NewInt(0)
	}
	name, _ := asText(securable)
	switch class {
	case "SERVER":
		for _, p := range perms {
			if s.HasServerPermission(p) {
				return yes(true)
			}
		}
		return yes(false)
	case "DATABASE":
		db := s.db
		if !securable.IsNull() {
			if db = s.srv.OpenDatabase(name); db == nil {
				return types.Null(types.Int)
			}
		}
		if s.CheckDatabaseAccess(db) != nil {
			return yes(false)
		}
		for _, p := range perms {
			if p == "CONNECT" || s.hasDatabasePerm(db, s.catalogFor(db), p) {
				return yes(true)
			}
		}
		return yes(false)
	case "SCHEMA":
		cat := s.catalogFor(s.db)
		found := false
		for _, sc := range cat.Schemas {
			found = found || strings.EqualFold(sc.Name, name)
		}
		if !found {
			return types.Null(types.Int)
		}
		user, ok := s.dbUser(s.db.Name(), cat)
		for _, p := range perms {
			if s.Sysadmin() || ok && verdict(cat, user, p, name, "") {
				return yes(true)
			}
		}
		return yes(false)
	case "OBJECT":
		n, err := parseObjectName(name)
		if err != nil || len(n.Parts) > 3 {
			return types.Null(types.Int)
		}
		return s.objectPermsByName(n, perms)
	case "LOGIN":
		return s.loginPermsByName(name, perms) // perm_login.go
	}
	return types.Null(types.Int)
}

func (s *Session) objectPermsByName(n *ast.Name, perms []string) types.Value {
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		if isMissingDatabase(err) {
			return types.Null(types.Int)
		}
		return types.NewInt(0)
	}
	cat := s.catalogFor(db)
	schema := s.objectSchema(cat, n.Part(1), n.Last()) // names.go
	if objectIDOf(cat, schema, n.Last()) == 0 {
		return types.Null(types.Int)
	}
	saved := s.perm.chain
	s.perm.chain = nil // the caller's own permissions, not a module's chain
	defer func() { s.perm.chain = saved }()
	for _, p := range perms {
		if s.checkObject(db, cat, schema, n.Last(), p) == nil {
			return types.NewInt(1)
		}
	}
	return types.NewInt(0)
}

// hasDBAccess is HAS_DBACCESS(name): 1 when the login may use the
// database, 0 when not, NULL when there is no such database.
func (s *Session) hasDBAccess(name string) types.Value {
	db := s.srv.OpenDatabase(name)
	if db == nil {
		return types.Null(types.Int)
	}
	if s.CheckDatabaseAccess(db) != nil {
		return types.NewInt(0)
	}
	return types.NewInt(1)
}
