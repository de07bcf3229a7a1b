package exec

import (
	"cmp"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sp_depends @objname: what an object depends on and what depends on it,
// in the two result sets of the sp_depends page, each after its message
// (15459, 15460), or 15461 when there is neither.
//
// SQL Server reads sysdepends, which records, for a view, every column of
// every table or view its query reads. The catalog here keeps a view's
// definition and no dependency rows, so they are derived from it as
// INFORMATION_SCHEMA.VIEW_COLUMN_USAGE derives them (infoschema_usage.go:
// viewUsage). Procedures, functions and triggers record no dependencies
// here (their bodies are bound when they run): sp_depends reports none for
// them and does not list them as depending on a table.
func (s *Session) spDepends(args []*ProcArg, out Output) (int32, error) {
	name := ArgString(args, 0, "@objname")
	if n, err := parseObjectName(name); err == nil && n.Part(2) != "" && !strings.EqualFold(n.Part(2), s.db.Name()) {
		return 1, errQualifier() // catalogprocs.go
	}
	id, ok := s.objectID(name)
	if !ok {
		return 1, &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + name + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
	}
	cat := s.catalogFor(s.db)
	// typeOf names a table or view of the database as spt_values' O9T rows
	// do ("U : user table" from its fifth character).
	typeOf := func(schema, obj string) string {
		if cat.Table(schema, obj) != nil {
			return "user table"
		}
		if cat.View(schema, obj) != nil {
			return "view"
		}
		return ""
	}
	var target struct{ schema, name string }
	for _, t := range cat.Tables {
		if t.ID == id {
			target.schema, target.name = t.Schema, t.Name
		}
	}
	var uses []Row
	views := sortedViews(cat) // infoschema_columns.go
	var usedBy []string
	for _, v := range views {
		u := s.viewUsage(s.db, v)
		if v.ID == id {
			target.schema, target.name = v.Schema, v.Name
			for _, o := range u.tables {
				typ := typeOf(o.schema, o.name)
				if typ == "" {
					continue
				}
				found := false
				for _, c := range o.cols {
					if o.used[strings.ToLower(c)] {
						uses = append(uses, Row{types.NewNVarChar(o.schema + "." + o.name), types.NewNVarChar(typ), types.NewNVarChar("no"), types.NewNVarChar("yes"), types.NewNVarChar(c)})
						found = true
					}
				}
				if !found { // read without a column (COUNT(*)): a row without one
					uses = append(uses, Row{types.NewNVarChar(o.schema + "." + o.name), types.NewNVarChar(typ), types.NewNVarChar("no"), types.NewNVarChar("no"), types.Null(types.NVarChar)})
				}
			}
		}
	}
	if target.name != "" {
		for _, v := range views {
			for _, o := range s.viewUsage(s.db, v).tables {
				if strings.EqualFold(o.schema, target.schema) && strings.EqualFold(o.name, target.name) {
					usedBy = append(usedBy, v.Schema+"."+v.Name)
					break
				}
			}
		}
	}
	if len(uses) == 0 && len(usedBy) == 0 {
		return 0, out.Message(&Error{Number: 15461, Severity: 10, State: 1, Message: "Object does not reference any object, and no objects reference it."})
	}
	text := func(v types.Value) string {
		t, _ := asText(v)
		return strings.ToLower(t)
	}
	if len(uses) > 0 {
		// SELECT DISTINCT's order: by name, then column.
		slices.SortFunc(uses, func(a, b Row) int {
			return cmp.Or(cmp.Compare(text(a[0]), text(b[0])), cmp.Compare(text(a[4]), text(b[4])))
		})
		if err := out.Message(&Error{Number: 15459, Severity: 10, State: 1, Message: "In the current database, the specified object references the following:"}); err != nil {
			return 1, err
		}
		cols := []ResultColumn{{Name: "name", Type: types.NVarCharType(257)}, {Name: "type", Type: types.NVarCharType(35)},
			{Name: "updated", Type: types.NVarCharType(7)}, {Name: "selected", Type: types.NVarCharType(8)}, {Name: "column", Type: vName, Nullable: true}}
		if err := SendRows(s, out, cols, uses); err != nil {
			return 1, err
		}
	}
	if len(usedBy) > 0 {
		slices.SortFunc(usedBy, func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) })
		rows := make([]Row, len(usedBy))
		for i, n := range usedBy {
			rows[i] = Row{types.NewNVarChar(n), types.NewNVarChar("view")}
		}
		if err := out.Message(&Error{Number: 15460, Severity: 10, State: 1, Message: "In the current database, the specified object is referenced by the following:"}); err != nil {
			return 1, err
		}
		return 0, SendRows(s, out, []ResultColumn{{Name: "name", Type: types.NVarCharType(257)}, {Name: "type", Type: types.NVarCharType(35)}}, rows)
	}
	return 0, nil
}
