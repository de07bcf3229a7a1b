package exec

import (
	"context"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sp_table_privileges and sp_column_privileges (ODBC SQLTablePrivileges and
// SQLColumnPrivileges): who holds which privilege on tables and views. The
// owner of the object's schema holds every privilege, grantable, from
// itself; the GRANTs recorded on the object (sys.database_permissions)
// follow, grantable when given WITH GRANT OPTION. DENY rows are not
// privileges and are not listed. sp_table_privileges lists object-level
// grants only; sp_column_privileges lists, per column, the object's grants
// and the column's own (colperm_views.go).

var tablePrivilegesCols = []vcol{{"TABLE_QUALIFIER", vName}, {"TABLE_OWNER", vName}, {"TABLE_NAME", vName}, {"GRANTOR", vName},
	{"GRANTEE", vName}, {"PRIVILEGE", types.VarCharType(32)}, {"IS_GRANTABLE", types.VarCharType(3)}}

var columnPrivilegesCols = []vcol{{"TABLE_QUALIFIER", vName}, {"TABLE_OWNER", vName}, {"TABLE_NAME", vName}, {"COLUMN_NAME", vName},
	{"GRANTOR", vName}, {"GRANTEE", vName}, {"PRIVILEGE", types.VarCharType(32)}, {"IS_GRANTABLE", types.VarCharType(3)}}

// privilege is one (grantor, grantee, privilege, grantable) row.
type privilege struct {
	grantor, grantee, name string
	grantable              bool
}

// objectPrivileges lists the privileges among names held on the object
// schema.name (object id id): the schema owner's, then the recorded grants,
// sorted by privilege and grantee.
func objectPrivileges(cat *catalog.Database, schema string, id int32, names []string) []privilege {
	owner := schemaOwner(cat, schema)
	var out []privilege
	for _, n := range names {
		out = append(out, privilege{owner, owner, n, true})
	}
	for _, p := range cat.Permissions {
		if p.Class != catalog.ClassObject || p.ObjectID != id || p.ColumnID != 0 || !p.IsGrant() {
			continue
		}
		for _, n := range names {
			if strings.EqualFold(p.Permission, n) {
				grantor := p.Grantor
				if grantor == "" {
					grantor = owner
				}
				out = append(out, privilege{grantor, p.Principal, n, p.State == catalog.StateGrantWithGrant})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].name != out[j].name {
			return out[i].name < out[j].name
		}
		return strings.ToLower(out[i].grantee) < strings.ToLower(out[j].grantee)
	})
	return out
}

func yesNo(b bool) types.Value {
	if b {
		return vc("YES")
	}
	return vc("NO")
}

// spTablePrivileges is sp_table_privileges @table_name, @table_owner (LIKE
// patterns unless @fUsePattern = 0), @table_qualifier: DELETE, INSERT,
// REFERENCES, SELECT and UPDATE of every visible table and view, ordered by
// owner, name and privilege.
func (s *Session) spTablePrivileges(_ context.Context, args []*ProcArg, out Output) (int32, error) {
	if err := s.checkQualifier(ArgString(args, 2, "@table_qualifier")); err != nil {
		return 1, err
	}
	cat := s.catalogFor(s.db)
	namePat, ownerPat := ArgString(args, 0, "@table_name"), ArgString(args, 1, "@table_owner")
	usePattern := usePatternArg(args, 3)
	match := func(v, p string) bool {
		if usePattern {
			return likeName(cat, v, p)
		}
		return p == "" || strings.EqualFold(v, p)
	}
	type object struct {
		schema, name string
		id           int32
	}
	var objs []object
	for _, t := range cat.Tables {
		objs = append(objs, object{t.Schema, t.Name, t.ID})
	}
	for _, v := range cat.Views {
		objs = append(objs, object{v.Schema, v.Name, v.ID})
	}
	sort.Slice(objs, func(i, j int) bool {
		if !strings.EqualFold(objs[i].schema, objs[j].schema) {
			return strings.ToLower(objs[i].schema) < strings.ToLower(objs[j].schema)
		}
		return strings.ToLower(objs[i].name) < strings.ToLower(objs[j].name)
	})
	var rows []Row
	for _, o := range objs {
		if !match(o.name, namePat) || !match(o.schema, ownerPat) || !s.catalogVisible(cat, o.schema, o.name) {
			continue
		}
		for _, p := range objectPrivileges(cat, o.schema, o.id, []string{"DELETE", "INSERT", "REFERENCES", "SELECT", "UPDATE"}) {
			rows = append(rows, Row{str(s.db.Name()), str(o.schema), str(o.name), str(p.grantor), str(p.grantee), vc(p.name), yesNo(p.grantable)})
		}
	}
	return 0, s.sendCatalog(out, tablePrivilegesCols, rows)
}

// spColumnPrivileges is sp_column_privileges @table_name (required, exact),
// @table_owner, @table_qualifier, @column_name (a LIKE pattern): INSERT,
// REFERENCES, SELECT and UPDATE per column, ordered by column name and
// privilege.
func (s *Session) spColumnPrivileges(_ context.Context, args []*ProcArg, out Output) (int32, error) {
	if _, ok := argValue(args, 0, "@table_name"); !ok {
		return 1, ErrProcMissingArg.New("sp_column_privileges", "@table_name")
	}
	if err := s.checkQualifier(ArgString(args, 2, "@table_qualifier")); err != nil {
		return 1, err
	}
	cat := s.catalogFor(s.db)
	var rows []Row
	if t := s.catalogTable(cat, ArgString(args, 1, "@table_owner"), ArgString(args, 0, "@table_name")); t != nil {
		pattern := ArgString(args, 3, "@column_name")
		cols := append([]*catalog.Column(nil), t.Columns...)
		sort.SliceStable(cols, func(i, j int) bool { return strings.ToLower(cols[i].Name) < strings.ToLower(cols[j].Name) })
		for _, c := range cols {
			if !likeName(cat, c.Name, pattern) {
				continue
			}
			for _, p := range spColumnPrivilegeRows(cat, t, c) { // colperm_views.go
				rows = append(rows, Row{str(s.db.Name()), str(t.Schema), str(t.Name), str(c.Name), str(p.grantor), str(p.grantee), vc(p.name), yesNo(p.grantable)})
			}
		}
	}
	return 0, s.sendCatalog(out, columnPrivilegesCols, rows)
}
