package exec

import (
	"slices"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// What the catalog says about column-level permissions (colperm.go):
// sys.database_permissions gives a column's row its column_id as minor_id
// (perm_views.go); here are INFORMATION_SCHEMA.COLUMN_PRIVILEGES,
// sp_column_privileges' rows, fn_my_permissions' column rows and
// HAS_PERMS_BY_NAME's COLUMN sub-securable.

// columnPrivilegeTypes are the privileges a column has.
var columnPrivilegeTypes = []string{"REFERENCES", "SELECT", "UPDATE"}

// columnGrants lists the GRANTs that reach column col of table t: the
// object-level grants of the column privileges (they cover every column)
// and the column's own, one row per (grantee, privilege), grantable if any
// of its grants is. names restricts the privileges listed.
func columnGrants(cat *catalog.Database, t *catalog.Table, col int32, names []string) []privilege {
	owner := schemaOwner(cat, t.Schema)
	var out []privilege
	for _, p := range cat.Permissions {
		if p.Class != catalog.ClassObject || p.ObjectID != t.ID || !p.IsGrant() || p.ColumnID != 0 && p.ColumnID != col {
			continue
		}
		name := strings.ToUpper(p.Permission)
		if !slices.Contains(names, name) {
			continue
		}
		grantor := p.Grantor
		if grantor == "" {
			grantor = owner
		}
		grantable := p.State == catalog.StateGrantWithGrant
		i := slices.IndexFunc(out, func(q privilege) bool { return q.name == name && strings.EqualFold(q.grantee, p.Principal) })
		if i >= 0 {
			out[i].grantable = out[i].grantable || grantable
			continue
		}
		out = append(out, privilege{grantor, p.Principal, name, grantable})
	}
	return out
}

func init() {
	systemViews["information_schema.column_privileges"] = &virtualTable{
		cols: []vcol{{"GRANTOR", vName}, {"GRANTEE", vName}, {"TABLE_CATALOG", vName}, {"TABLE_SCHEMA", vName}, {"TABLE_NAME", vName},
			{"COLUMN_NAME", vName}, {"PRIVILEGE_TYPE", types.VarCharType(10)}, {"IS_GRANTABLE", types.VarCharType(3)}},
		rows: func(s *Session, db Database) ([]Row, error) { return s.columnPrivilegeRows(db), nil },
	}
}

// columnPrivilegeRows is INFORMATION_SCHEMA.COLUMN_PRIVILEGES: a row per
// column and GRANT reaching it (object-level ones included) of the
// privileges granted to or by the current user; dbo and db_owner see all.
func (s *Session) columnPrivilegeRows(db Database) []Row {
	cat := s.catalogFor(db)
	all := s.seesEverything(db, cat)
	user, _ := s.dbUser(db.Name(), cat)
	var out []Row
	for _, t := range cat.SortedTables() {
		for _, c := range t.Columns {
			for _, p := range columnGrants(cat, t, c.ID, columnPrivilegeTypes) {
				if !all && !strings.EqualFold(p.grantee, user) && !strings.EqualFold(p.grantor, user) {
					continue
				}
				out = append(out, Row{str(p.grantor), str(p.grantee), str(db.Name()), str(t.Schema), str(t.Name), str(c.Name), vc(p.name), yesNo(p.grantable)})
			}
		}
	}
	return out
}

// spColumnPrivilegeRows are sp_column_privileges' privileges of column c:
// the schema owner's (every privilege, grantable), then the grants
// reaching the column, by privilege and grantee.
func spColumnPrivilegeRows(cat *catalog.Database, t *catalog.Table, c *catalog.Column) []privilege {
	owner := schemaOwner(cat, t.Schema)
	var out []privilege
	for _, n := range []string{"INSERT", "REFERENCES", "SELECT", "UPDATE"} {
		out = append(out, privilege{owner, owner, n, true})
	}
	out = append(out, columnGrants(cat, t, c.ID, []string{"INSERT", "REFERENCES", "SELECT", "UPDATE"})...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].name != out[j].name {
			return out[i].name < out[j].name
		}
		return strings.ToLower(out[i].grantee) < strings.ToLower(out[j].grantee)
	})
	return out
}

// columnPermsByName is HAS_PERMS_BY_NAME(object, 'OBJECT', perm, column,
// 'COLUMN'): 1 when the session may use the column with perm (the rules
// of colperm.go), 0 when not, NULL when the object or column does not
// exist.
func (s *Session) columnPermsByName(object types.Value, perm string, column types.Value) types.Value {
	name, _ := asText(object)
	colName, _ := asText(column)
	n, err := parseObjectName(name)
	if err != nil || len(n.Parts) > 3 {
		return types.Null(types.Int)
	}
	tr, ok, err := s.resolveTableName(n)
	if err != nil || !ok {
		return types.Null(types.Int)
	}
	_, col := tr.t.Column(colName)
	if col == nil {
		return types.Null(types.Int)
	}
	if s.isSA() {
		return types.NewInt(1)
	}
	saved := s.perm.chain
	s.perm.chain = nil // the caller's own permissions, not a module's chain
	defer func() { s.perm.chain = saved }()
	g, err := s.checkColumns(tr.db, tr.cat, tr, strings.ToUpper(strings.TrimSpace(perm)))
	if err != nil {
		return types.NewInt(0)
	}
	if !g.allows(col.ID) {
		return types.NewInt(0)
	}
	return types.NewInt(1)
}

// myColumnPermissions are fn_my_permissions' rows for the columns of the
// table named by securable: a (column, permission) row for each column
// permission the session holds on it, after the object's own rows.
func (s *Session) myColumnPermissions(securable types.Value) []Row {
	name, _ := asText(securable)
	n, err := parseObjectName(name)
	if err != nil || len(n.Parts) > 3 {
		return nil
	}
	tr, ok, err := s.resolveTableName(n)
	if err != nil || !ok {
		return nil
	}
	var rows []Row
	for _, perm := range columnPrivilegeTypes {
		var g *colGate
		if !s.isSA() {
			if g, err = s.checkColumns(tr.db, tr.cat, tr, perm); err != nil {
				continue
			}
		}
		for _, c := range tr.t.Columns {
			if g.allows(c.ID) {
				rows = append(rows, Row{types.NewNVarChar(name), types.NewNVarChar(c.Name), types.NewNVarChar(perm)})
			}
		}
	}
	return rows
}

// hasColumnGrant reports whether a column GRANT on the object id applies
// to user: it makes the object's metadata visible (perm_visible.go).
func hasColumnGrant(cat *catalog.Database, user string, id int32) bool {
	for _, p := range cat.Permissions {
		if p.ColumnID != 0 && p.ObjectID == id && p.Class == catalog.ClassObject && p.IsGrant() && appliesTo(cat, p, user) {
			return true
		}
	}
	return false
}
