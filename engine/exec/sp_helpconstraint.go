package exec

import (
	"cmp"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sp_helpconstraint @objname [, @nomsg]: the constraints of a table, as
// SQL Server's T-SQL procedure reports them (the sp_helpconstraint page):
//
//   - unless @nomsg is 'nomsg', a one-row "Object Name" set with the name as
//     given, then PRINT ' ';
//   - one row per PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK and DEFAULT
//     constraint, ordered by name; a foreign key adds a blank-named row
//     whose constraint_keys is "REFERENCES db.schema.table (columns)" right
//     after its own (the procedure sorts by the non-blank name, then the
//     name descending). No constraint is message 15469 instead;
//   - PRINT ' ', then "Table is referenced by foreign key" with one
//     "db.schema.table: fk" row per foreign key naming the table, or
//     message 15470.
//
// Another object (a view, a procedure) has no constraints: SQL Server
// answers it with the same messages.
func (s *Session) spHelpConstraint(args []*ProcArg, out Output) (int32, error) {
	name := ArgString(args, 0, "@objname")
	nomsg := strings.EqualFold(strings.TrimSpace(ArgString(args, 1, "@nomsg")), "nomsg")
	if n, err := parseObjectName(name); err == nil && n.Part(2) != "" && !strings.EqualFold(n.Part(2), s.db.Name()) {
		return 1, errQualifier() // catalogprocs.go
	}
	var t *catalog.Table
	var cat *catalog.Database
	if tr, err := s.tableByText(name); err == nil && tr != nil {
		t, cat = tr.t, tr.cat
	} else if _, ok := s.objectID(name); !ok {
		return 1, &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + name + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
	}
	blank := types.NewVarChar(" ")
	if !nomsg {
		if err := SendRows(s, out, []ResultColumn{{Name: "Object Name", Type: types.NVarCharType(776)}}, []Row{{types.NewNVarChar(name)}}); err != nil {
			return 1, err
		}
		if err := out.Message(&Error{Number: 0, Severity: 0, State: 1, Message: " "}); err != nil {
			return 1, err
		}
	}
	var rows []helpConstraintRow
	if t != nil {
		rows = helpConstraintRows(s.db.Name(), cat, t)
	}
	if len(rows) == 0 {
		if err := out.Message(&Error{Number: 15469, Severity: 10, State: 1, Message: "No constraints are defined on object '" + name + "', or you do not have permissions."}); err != nil {
			return 1, err
		}
	} else {
		slices.SortStableFunc(rows, func(a, b helpConstraintRow) int {
			if c := cmp.Compare(strings.ToLower(a.sortName), strings.ToLower(b.sortName)); c != 0 {
				return c
			}
			switch {
			case a.cont == b.cont:
				return 0
			case a.cont:
				return 1
			}
			return -1
		})
		set := make([]Row, len(rows))
		for i, r := range rows {
			if r.cont {
				set[i] = Row{types.NewNVarChar(" "), types.NewNVarChar(" "), blank, blank, blank, blank, types.NewNVarChar(r.keys)}
				continue
			}
			set[i] = Row{types.NewNVarChar(r.kind), types.NewNVarChar(r.name), types.NewVarChar(r.del), types.NewVarChar(r.upd),
				types.NewVarChar(r.enabled), types.NewVarChar(r.repl), types.NewNVarChar(r.keys)}
		}
		cols := []ResultColumn{{Name: "constraint_type", Type: types.NVarCharType(146)}, {Name: "constraint_name", Type: vName},
			{Name: "delete_action", Type: types.VarCharType(11)}, {Name: "update_action", Type: types.VarCharType(11)},
			{Name: "status_enabled", Type: types.VarCharType(8)}, {Name: "status_for_replication", Type: types.VarCharType(19)},
			{Name: "constraint_keys", Type: types.NVarCharType(2126), Nullable: true}}
		if err := SendRows(s, out, cols, set); err != nil {
			return 1, err
		}
	}
	if err := out.Message(&Error{Number: 0, Severity: 0, State: 1, Message: " "}); err != nil {
		return 1, err
	}
	var refs []Row
	if t != nil {
		var names []string
		for _, other := range cat.Tables {
			for _, fk := range other.ForeignKeys {
				if cat.Tables[fk.RefTable] == t {
					names = append(names, s.db.Name()+"."+other.Schema+"."+other.Name+": "+fk.Name)
				}
			}
		}
		slices.SortFunc(names, func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) })
		for _, n := range names {
			refs = append(refs, Row{types.NewNVarChar(n)})
		}
	}
	if len(refs) == 0 {
		return 0, out.Message(&Error{Number: 15470, Severity: 10, State: 1, Message: "No foreign keys reference table '" + name + "', or you do not have permissions on referencing tables."})
	}
	return 0, SendRows(s, out, []ResultColumn{{Name: "Table is referenced by foreign key", Type: types.NVarCharType(1024)}}, refs)
}

// helpConstraintRow is one row of sp_helpconstraint's second set; cont is
// a foreign key's REFERENCES row, sorted after the key it continues.
type helpConstraintRow struct {
	sortName, kind, name, del, upd, enabled, repl, keys string
	cont                                                bool
}

// helpConstraintRows lists t's constraints, unsorted.
func helpConstraintRows(dbName string, cat *catalog.Database, t *catalog.Table) []helpConstraintRow {
	const na = "(n/a)"
	colName := func(tb *catalog.Table, i int) string {
		if i >= 0 && i < len(tb.Columns) {
			return tb.Columns[i].Name
		}
		return ""
	}
	var rows []helpConstraintRow
	for _, ix := range t.Indexes {
		if !ix.Primary && !ix.Constraint {
			continue
		}
		kind := "UNIQUE"
		if ix.Primary {
			kind = "PRIMARY KEY"
		}
		if ix.Clustered {
			kind += " (clustered)"
		} else {
			kind += " (non-clustered)"
		}
		keys := make([]string, len(ix.Columns))
		for i, kc := range ix.Columns {
			keys[i] = colName(t, kc.Column)
			if kc.Desc {
				keys[i] += "(-)"
			}
		}
		rows = append(rows, helpConstraintRow{sortName: ix.Name, kind: kind, name: ix.Name, del: na, upd: na, enabled: na, repl: na, keys: strings.Join(keys, ", ")})
	}
	enabled := func(disabled bool) string {
		if disabled {
			return "Disabled"
		}
		return "Enabled"
	}
	for _, fk := range t.ForeignKeys {
		keys := make([]string, len(fk.Columns))
		for i, c := range fk.Columns {
			keys[i] = colName(t, c)
		}
		rows = append(rows, helpConstraintRow{sortName: fk.Name, kind: "FOREIGN KEY", name: fk.Name, del: helpReferentialAction(fk.OnDelete),
			upd: helpReferentialAction(fk.OnUpdate), enabled: enabled(fk.Disabled), repl: "Is_For_Replication", keys: strings.Join(keys, ", ")})
		ref := "REFERENCES " + dbName + "."
		if p := cat.Tables[fk.RefTable]; p != nil {
			refCols := make([]string, len(fk.RefColumns))
			for i, c := range fk.RefColumns {
				refCols[i] = colName(p, c)
			}
			ref += p.Schema + "." + p.Name + " (" + strings.Join(refCols, ", ") + ")"
		}
		rows = append(rows, helpConstraintRow{sortName: fk.Name, cont: true, keys: ref})
	}
	for _, ck := range t.Checks {
		kind := "CHECK Table Level " // the procedure's text, trailing space included
		if cols := checkColumns(t, ck); len(cols) == 1 {
			kind = "CHECK on column " + t.Columns[cols[0]].Name
		}
		rows = append(rows, helpConstraintRow{sortName: ck.Name, kind: kind, name: ck.Name, del: na, upd: na, enabled: enabled(ck.Disabled),
			repl: "Is_For_Replication", keys: defaultDefinition(ck.Expr)})
	}
	for _, c := range t.Columns {
		if c.DefaultName == "" {
			continue
		}
		rows = append(rows, helpConstraintRow{sortName: c.DefaultName, kind: "DEFAULT on column " + c.Name, name: c.DefaultName,
			del: na, upd: na, enabled: na, repl: na, keys: defaultDefinition(c.Default)})
	}
	return rows
}

// helpReferentialAction is the procedure's text for a foreign key's action.
func helpReferentialAction(action string) string {
	switch action {
	case "CASCADE":
		return "Cascade"
	case "SET_NULL":
		return "Set Null"
	case "SET_DEFAULT":
		return "Set Default"
	}
	return "No Action"
}
