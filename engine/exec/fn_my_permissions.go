package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.fn_my_permissions(securable, 'class'): the permissions the current
// security context effectively holds on a securable, one row each, decided
// by the same checks as HAS_PERMS_BY_NAME (perm_funcs.go). DBA scripts call
// it before touching DMVs and extended procedures (sp_Blitz checks VIEW
// SERVER STATE through fn_my_permissions(NULL, NULL)).
//
// The server (securable NULL, class SERVER or NULL) lists myPermissions'
// server permissions with entity_name 'server'; DATABASE (NULL for the
// current database) and OBJECT and SCHEMA names list theirs with the name
// as given. subentity_name is '' but for the column rows that follow an
// OBJECT's own (SELECT, UPDATE, REFERENCES per column, colperm_views.go). A
// securable that does not exist and the classes not listed here give no
// rows, as SQL Server does when the query fails.

// myPermissions are the permissions fn_my_permissions tests, by class.
var myPermissions = map[string][]string{
	"SERVER": {"CONNECT SQL", "SHUTDOWN", "CREATE ENDPOINT", "CREATE ANY DATABASE", "ALTER ANY LOGIN",
		"ALTER ANY DATABASE", "ALTER SERVER STATE", "ALTER SETTINGS", "ALTER TRACE", "VIEW ANY DATABASE",
		"VIEW ANY DEFINITION", "VIEW SERVER STATE", "CONTROL SERVER"},
	"DATABASE": {"CREATE TABLE", "CREATE VIEW", "CREATE PROCEDURE", "CREATE FUNCTION", "CREATE SCHEMA", "BACKUP DATABASE",
		"BACKUP LOG", "CONNECT", "SELECT", "INSERT", "UPDATE", "DELETE", "EXECUTE", "REFERENCES", "ALTER",
		"VIEW DATABASE STATE", "VIEW DEFINITION", "CONTROL"},
	"SCHEMA": {"SELECT", "INSERT", "UPDATE", "DELETE", "EXECUTE", "REFERENCES", "ALTER", "VIEW DEFINITION", "CONTROL"},
	"OBJECT": {"SELECT", "INSERT", "UPDATE", "DELETE", "EXECUTE", "REFERENCES", "ALTER", "VIEW DEFINITION", "CONTROL"},
}

func init() {
	sysname := types.NVarCharType(128)
	RegisterTableFunc(TableFunc{Name: "fn_my_permissions", MinArgs: 2, MaxArgs: 2,
		Cols: []ViewColumn{{"entity_name", sysname}, {"subentity_name", sysname}, {"permission_name", types.NVarCharType(60)}},
		Rows: func(s *Session, args []types.Value) ([]Row, error) { return s.myPermissions(args[0], args[1]), nil }})
}

// myPermissions is fn_my_permissions' rows.
func (s *Session) myPermissions(securable, classArg types.Value) []Row {
	class := "SERVER"
	if !classArg.IsNull() {
		c, _ := asText(classArg)
		class = strings.ToUpper(strings.TrimSpace(c))
	}
	entity := "server"
	switch {
	case class == "SERVER":
		if !securable.IsNull() {
			return nil
		}
	case class == "DATABASE" && securable.IsNull():
		entity = s.db.Name()
	case securable.IsNull():
		return nil
	default:
		entity, _ = asText(securable)
	}
	var rows []Row
	for _, p := range myPermissions[class] {
		if v := s.hasPermsByName(securable, class, p); !v.IsNull() && v.Int64() == 1 {
			rows = append(rows, Row{types.NewNVarChar(entity), types.NewNVarChar(""), types.NewNVarChar(p)})
		}
	}
	if class == "OBJECT" {
		rows = append(rows, s.myColumnPermissions(securable)...) // colperm_views.go
	}
	return rows
}
