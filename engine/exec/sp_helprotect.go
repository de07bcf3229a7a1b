package exec

import (
	"context"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sp_helprotect [@name] [, @username] [, @grantorname] [, @permissionarea]
// reports the GRANT and DENY rows of the current database as SQL Server's
// documentation describes them: one row per permission with Owner, Object,
// Grantee, Grantor, ProtectType (Grant, Grant_WGO, Deny), Action and
// Column, object permissions ('o') before statement (database) permissions
// ('s'), each ordered by owner, object, grantee, grantor, protect type,
// action and column id. @name is an object of the current database (rows on
// it) or a statement permission such as 'CREATE TABLE'; @username and
// @grantorname keep the rows of that grantee or grantor; @permissionarea is
// any mix of o and s (default both). Schema-level and server-level
// permissions are not reported ("sp_helprotect does not return information
// about securables introduced in SQL Server 2005"), nor are the fixed
// roles' implied ones. Nothing matching is 15330, an area with neither
// letter 15300, a database-qualified @name 15302, all with status 1
// (sysprocs_status.go).
//
// Confirmed from Microsoft's documentation: the parameters and their
// defaults, the columns and their meaning, the sort order, '.' in Column
// for a permission that does not apply to columns, the return codes.
// Not confirmed, taken from how the procedure's output is commonly shown:
// the spelling of Action for the classic permissions ('Select', 'Create
// Table'; newer ones keep permission_name, 'CONNECT'), '.' for Owner and
// Object on statement rows, '(All+New)' for an object-level SELECT, UPDATE
// or REFERENCES on a table or view, and 15009 for an @name that is neither
// an object nor a permission name. Not modelled: the '(All)'/'(New)' split
// SQL Server makes when column-level rows override an object-level one,
// and ProtectType's declared type (documented nvarchar(10); the
// procedure's own work table may make it char(10)).

var helpProtectCols = []ResultColumn{{Name: "Owner", Type: sysname}, {Name: "Object", Type: sysname},
	{Name: "Grantee", Type: sysname}, {Name: "Grantor", Type: sysname}, {Name: "ProtectType", Type: types.NVarCharType(10)},
	{Name: "Action", Type: types.NVarCharType(60)}, {Name: "Column", Type: sysname}}

// protectActions spells the permissions sp_helprotect knew before SQL
// Server 2005 as it reports them.
var protectActions = map[string]string{
	"SELECT": "Select", "INSERT": "Insert", "UPDATE": "Update", "DELETE": "Delete", "EXECUTE": "Execute",
	"REFERENCES": "References", "CREATE TABLE": "Create Table", "CREATE VIEW": "Create View",
	"CREATE PROCEDURE": "Create Procedure", "CREATE FUNCTION": "Create Function", "CREATE RULE": "Create Rule",
	"CREATE DEFAULT": "Create Default", "CREATE DATABASE": "Create Database", "BACKUP DATABASE": "Backup Database",
	"BACKUP LOG": "Backup Log",
}

// protectRow is one report row with the keys it is sorted by.
type protectRow struct {
	statement                                     bool
	owner, object, grantee, grantor, kind, action string
	column                                        string
	colID                                         int32
}

func spHelpProtect(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
	name := strings.TrimSpace(ArgString(args, 0, "@name"))
	user := ArgString(args, 1, "@username")
	grantor := ArgString(args, 2, "@grantorname")
	area := "o s"
	if ArgGiven(args, 3, "@permissionarea") {
		area = strings.ToUpper(ArgString(args, 3, "@permissionarea"))
	}
	wantObjects, wantStatements := strings.Contains(strings.ToLower(area), "o"), strings.Contains(strings.ToLower(area), "s")
	if !wantObjects && !wantStatements {
		return 1, &Error{Number: 15300, Severity: 11, State: 1, Message: "No recognized letter is contained in the parameter value for General Permission Type (" + area + "). Valid letters are in this set: o,s ."}
	}
	cat := s.catalogFor(s.db)
	var objectID int32
	statement := ""
	if name != "" {
		n, err := parseObjectName(name)
		if err == nil && n.Part(2) != "" {
			return 1, &Error{Number: 15302, Severity: 11, State: 1, Message: "Database_Name should not be used to qualify owner.object for the parameter into this procedure."}
		}
		if err == nil {
			schema := s.objectSchema(cat, n.Part(1), n.Last()) // names.go
			objectID = objectIDOf(cat, schema, n.Last())
		}
		if objectID == 0 {
			statement = strings.Join(strings.Fields(strings.ToUpper(name)), " ")
			if !isStatementPermission(cat, statement) {
				return 1, &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + name + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
			}
		}
	}
	var rows []protectRow
	for _, r := range protectRows(cat) {
		switch {
		case r.statement && (!wantStatements || objectID != 0 || statement != "" && !strings.EqualFold(r.perm, statement)),
			!r.statement && (!wantObjects || statement != "" || objectID != 0 && r.objectID != objectID),
			user != "" && !strings.EqualFold(r.grantee, user),
			grantor != "" && !strings.EqualFold(r.grantor, grantor):
			continue
		}
		rows = append(rows, r.protectRow)
	}
	if len(rows) == 0 {
		return 1, &Error{Number: 15330, Severity: 11, State: 1, Message: "There are no matching rows on which to report."}
	}
	sort.SliceStable(rows, func(i, j int) bool { return lessProtect(rows[i], rows[j]) })
	res := make([]Row, len(rows))
	for i, r := range rows {
		res[i] = Row{str(r.owner), str(r.object), str(r.grantee), str(r.grantor), str(r.kind), str(r.action), str(r.column)}
	}
	return 0, SendRows(s, out, helpProtectCols, res)
}

// permRow is a report row with what the filters look at.
type permRow struct {
	protectRow
	perm     string
	objectID int32
}

// protectRows lists the database's object and statement permission rows,
// the CONNECT of every user mapped to a login among them, as
// sys.database_permissions lists them (perm_views.go).
func protectRows(cat *catalog.Database) []permRow {
	var out []permRow
	for _, u := range cat.Users {
		if u.MapsToLogin() {
			out = append(out, permRow{protectRow: protectRow{statement: true, owner: ".", object: ".", grantee: u.Name, grantor: "dbo",
				kind: "Grant", action: "CONNECT", column: "."}, perm: "CONNECT"})
		}
	}
	for _, p := range cat.Permissions {
		if _, ok := cat.PrincipalID(p.Principal); !ok {
			continue
		}
		r := permRow{protectRow: protectRow{grantee: p.Principal, grantor: p.Grantor, kind: protectType(p.State),
			action: protectAction(p.Permission), column: "."}, perm: p.Permission, objectID: p.ObjectID}
		switch p.Class {
		case catalog.ClassDatabase:
			r.statement, r.owner, r.object = true, ".", "."
			if r.grantor == "" {
				r.grantor = "dbo"
			}
		case catalog.ClassObject:
			if !objectAlive(cat, p) {
				continue
			}
			r.owner, r.object, _ = strings.Cut(p.Object, ".")
			if r.grantor == "" {
				r.grantor = schemaOwner(cat, r.owner)
			}
			r.column, r.colID = protectColumn(cat, p)
		default:
			continue
		}
		out = append(out, r)
	}
	return out
}

// protectColumn is a row's Column: the column of a column-level row,
// (All+New) for a column permission on a whole table or view, '.' else.
func protectColumn(cat *catalog.Database, p *catalog.Permission) (string, int32) {
	schema, name, _ := strings.Cut(p.Object, ".")
	t := cat.Table(schema, name)
	if p.ColumnID != 0 {
		if t != nil {
			for _, c := range t.Columns {
				if c.ID == p.ColumnID {
					return c.Name, p.ColumnID
				}
			}
		}
		return itoa(int(p.ColumnID)), p.ColumnID
	}
	switch strings.ToUpper(p.Permission) {
	case "SELECT", "UPDATE", "REFERENCES":
		if t != nil || cat.View(schema, name) != nil {
			return "(All+New)", 0
		}
	}
	return ".", 0
}

func protectType(state string) string {
	switch state {
	case catalog.StateGrantWithGrant:
		return "Grant_WGO"
	case catalog.StateDeny:
		return "Deny"
	}
	return "Grant"
}

func protectAction(perm string) string {
	if a, ok := protectActions[strings.ToUpper(perm)]; ok {
		return a
	}
	return strings.ToUpper(perm)
}

// isStatementPermission reports whether name is a database permission
// sp_helprotect's @name may name: one of the classic statement permissions
// or one recorded in this database.
func isStatementPermission(cat *catalog.Database, name string) bool {
	if _, ok := protectActions[name]; ok && (strings.HasPrefix(name, "CREATE ") || strings.HasPrefix(name, "BACKUP ")) || name == "CONNECT" {
		return true
	}
	for _, p := range cat.Permissions {
		if p.Class == catalog.ClassDatabase && strings.EqualFold(p.Permission, name) {
			return true
		}
	}
	return false
}

// lessProtect is the report's order: object rows before statement rows,
// then owner, object, grantee, grantor, protect type, action, column id.
func lessProtect(a, b protectRow) bool {
	if a.statement != b.statement {
		return !a.statement
	}
	for _, k := range [][2]string{{a.owner, b.owner}, {a.object, b.object}, {a.grantee, b.grantee}, {a.grantor, b.grantor}, {a.kind, b.kind}, {a.action, b.action}} {
		if !strings.EqualFold(k[0], k[1]) {
			return lessFold(k[0], k[1])
		}
	}
	return a.colID < b.colID
}

func init() { RegisterProc("sp_helprotect", spHelpProtect) }
