package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// Metadata visibility (issue #5): SQL Server shows a principal only the
// objects it holds some permission on. A user without any sees no row for
// the object in sys.objects, sys.tables, sys.columns, sys.procedures,
// INFORMATION_SCHEMA.* …, and OBJECT_ID / OBJECT_NAME answer NULL, as if it
// did not exist. metadataVisible is the one rule; the catalog views are
// filtered after they are built (filterVisible, called by systemView) and
// the ODBC catalog procedures call it for their rows.

// visibilityPerms are the permissions any of which makes an object's
// metadata visible (held on the object, its schema or the database,
// directly, through a role or a fixed role: verdict decides). Only those
// that apply to the object's kind count: db_datareader's SELECT on the
// database shows every table and view but no procedure, as in SQL Server
// (where VIEW DEFINITION is the usual grant for that).
var (
	visibilityPerms     = []string{"SELECT", "INSERT", "UPDATE", "DELETE", "REFERENCES", "VIEW DEFINITION", "ALTER", "CONTROL", "TAKE OWNERSHIP"}
	procVisibilityPerms = []string{"EXECUTE", "VIEW DEFINITION", "ALTER", "CONTROL", "TAKE OWNERSHIP"}
	funcVisibilityPerms = append([]string{"EXECUTE"}, visibilityPerms...)
)

// metadataVisible reports whether the session, in its current execution
// context, may see the metadata of the object schema.name of db:
// sysadmin, dbo and the schema's owner see everything; others need one of
// visibilityPerms on it (VIEW DEFINITION granted on the database or the
// schema shows every object there).
func (s *Session) metadataVisible(db Database, cat *catalog.Database, schema, name string) bool {
	if s.Sysadmin() {
		return true
	}
	if _, temp := db.(*tempDatabase); temp {
		return true
	}
	user, ok := s.dbUser(db.Name(), cat)
	if !ok {
		return false
	}
	perms := visibilityPerms
	switch k := cat.Key(schema, name); {
	case cat.Procedures[k] != nil:
		perms = procVisibilityPerms
	case cat.Functions[k] != nil:
		perms = funcVisibilityPerms
	}
	for _, p := range perms {
		if verdict(cat, user, p, schema, name) {
			return true
		}
	}
	return hasColumnGrant(cat, user, objectIDOf(cat, schema, name)) // colperm_views.go
}

// seesEverything reports whether no object of db is hidden from the
// session (sysadmin, dbo, db_owner): filterVisible's fast path.
func (s *Session) seesEverything(db Database, cat *catalog.Database) bool {
	if s.Sysadmin() {
		return true
	}
	if _, temp := db.(*tempDatabase); temp {
		return true
	}
	user, ok := s.dbUser(db.Name(), cat)
	return ok && (strings.EqualFold(user, "dbo") || cat.IsRoleMember("db_owner", user))
}

// visibilityKey says how a catalog view's rows name their object: by
// object id (with the parent's id first when the row is a constraint,
// trigger or other child), or by schema and name columns.
type visibilityKey struct {
	id, parent   int // column indexes, -1 when absent
	schema, name int
}

// filteredViews are the catalog views filterVisible applies to, with the
// columns naming the object of each row.
var filteredViews = map[string]visibilityKey{
	"sys.objects":                                {id: 1, parent: 4, schema: -1, name: -1},
	"sys.all_objects":                            {id: 1, parent: 4, schema: -1, name: -1},
	"sys.tables":                                 {id: 1, parent: 4, schema: -1, name: -1},
	"sys.views":                                  {id: 1, parent: 4, schema: -1, name: -1},
	"sys.procedures":                             {id: 1, parent: 4, schema: -1, name: -1},
	"sys.columns":                                {id: 0, parent: -1, schema: -1, name: -1},
	"sys.all_columns":                            {id: 0, parent: -1, schema: -1, name: -1},
	"sys.indexes":                                {id: 0, parent: -1, schema: -1, name: -1},
	"sys.index_columns":                          {id: 0, parent: -1, schema: -1, name: -1},
	"information_schema.tables":                  {id: -1, parent: -1, schema: 1, name: 2},
	"information_schema.columns":                 {id: -1, parent: -1, schema: 1, name: 2},
	"information_schema.views":                   {id: -1, parent: -1, schema: 1, name: 2},
	"information_schema.routines":                {id: -1, parent: -1, schema: 4, name: 5},
	"information_schema.table_constraints":       {id: -1, parent: -1, schema: 4, name: 5},
	"information_schema.constraint_column_usage": {id: -1, parent: -1, schema: 1, name: 2},
	"information_schema.parameters":              {id: -1, parent: -1, schema: 1, name: 2},
}

// filterVisible drops the rows of the catalog view named view (lower-case
// "schema.name") that describe objects the session may not see. Rows of
// objects it cannot name (system objects) stay.
func (s *Session) filterVisible(view string, db Database, rows []Row) []Row {
	key, ok := filteredViews[view]
	if !ok || db == nil {
		return rows
	}
	cat := s.catalogFor(db)
	if s.seesEverything(db, cat) {
		return rows
	}
	seen := map[int64]bool{}
	visibleID := func(id int64) bool {
		v, ok := seen[id]
		if !ok {
			v = true
			if schema, name, found := objectByID(cat, int32(id)); found {
				v = s.metadataVisible(db, cat, schema, name)
			}
			seen[id] = v
		}
		return v
	}
	out := rows[:0:0]
	for _, r := range rows {
		visible := true
		switch {
		case key.id >= 0:
			id := r[key.id].Int64()
			if key.parent >= 0 && !r[key.parent].IsNull() && r[key.parent].Int64() != 0 {
				id = r[key.parent].Int64()
			}
			visible = visibleID(id)
		default:
			schema, _ := asText(r[key.schema])
			name, _ := asText(r[key.name])
			visible = s.metadataVisible(db, cat, schema, name)
		}
		if visible {
			out = append(out, r)
		}
	}
	return out
}

// objectByID names the table, view, procedure, function, trigger or
// sequence with object id id in cat.
func objectByID(cat *catalog.Database, id int32) (schema, name string, ok bool) {
	if t := cat.TableByID(id); t != nil {
		return t.Schema, t.Name, true
	}
	for _, v := range cat.Views {
		if v.ID == id {
			return v.Schema, v.Name, true
		}
	}
	for _, p := range cat.Procedures {
		if p.ID == id {
			return p.Schema, p.Name, true
		}
	}
	return moduleName(cat, id)
}

// objectIDVisible reports whether OBJECT_ID(text), which found id, may
// show it: the object's metadata is visible to the session.
func (s *Session) objectIDVisible(text string, id int32) bool {
	if s.isSA() || strings.HasPrefix(text, "#") {
		return true
	}
	n, err := parseObjectName(text)
	if err != nil {
		return true
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return true
	}
	cat := s.catalogFor(db)
	schema, name, ok := objectByID(cat, id)
	if !ok {
		return true
	}
	return s.metadataVisible(db, cat, schema, name)
}
