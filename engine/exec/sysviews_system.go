package exec

import (
	"sort"
	"strings"
	"sync"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// The system views and procedures as schema-scoped objects: SQL Server
// gives each a fixed negative object_id, so OBJECT_ID(N'sys.objects'),
// OBJECT_NAME, OBJECT_SCHEMA_NAME, OBJECTPROPERTY, OBJECT_DEFINITION and
// sp_helptext work on them, and sys.all_objects / sys.system_objects list
// them (is_ms_shipped 1, schema_id 4 for sys and 3 for INFORMATION_SCHEMA);
// sys.objects does not.
//
// Ids: sys.objects keeps SQL Server's -385 (the id DBAs' scripts quote).
// SQL Server's other ids are not published in a form that could be checked
// here, so the rest follow a stable scheme of our own: a view is
// -1000 - its index in the sorted list of system view names (the ids
// sys.system_columns and sys.system_views already gave them), a procedure
// -2,000,000 - its index in the sorted list of built-in procedures. Both
// lists are fixed for a build of the server; ids are never stored.
type systemObject struct {
	schema, name string // "sys" or "INFORMATION_SCHEMA"; the name as SQL Server spells it
	typ, desc    string // V VIEW, P SQL_STORED_PROCEDURE, X EXTENDED_STORED_PROCEDURE
	id           int32
	view         string // the systemViews key of a view
}

// realSystemIDs are the ids SQL Server gives, where known.
var realSystemIDs = map[string]int32{"sys.objects": -385}

// extendedProcs are the built-in procedures SQL Server implements as
// extended stored procedures (type X): the RPC-only ones and xp_*.
var extendedProcs = map[string]bool{
	"sp_executesql": true, "sp_prepare": true, "sp_execute": true, "sp_unprepare": true, "sp_prepexec": true,
	"sp_xml_preparedocument": true, "sp_xml_removedocument": true, "sp_reset_connection": true,
	"sp_describe_first_result_set": true, "sp_describe_undeclared_parameters": true,
	"sp_cursor": true, "sp_cursoropen": true, "sp_cursorfetch": true, "sp_cursorclose": true,
}

var systemObjectTable struct {
	once   sync.Once
	list   []systemObject
	byID   map[int32]*systemObject
	byName map[string]*systemObject // "schema.name", lower case
	// columns are the system views' columns in sys.columns' shape, made
	// once: thousands of rows that never change while the server runs.
	columnsOnce sync.Once
	columns     []Row
}

// systemObjects lists the system views and procedures (built on first use,
// after every package has registered its views and procedures).
func systemObjects() []systemObject {
	t := &systemObjectTable
	t.once.Do(func() {
		for i, n := range sortedSystemViewNames() {
			schema, name, _ := strings.Cut(n, ".")
			switch schema {
			case "sys":
			case "information_schema":
				schema, name = "INFORMATION_SCHEMA", strings.ToUpper(name)
			default:
				continue
			}
			t.list = append(t.list, systemObject{schema: schema, name: name, typ: "V", desc: "VIEW", id: systemViewID(n, i), view: n})
		}
		procs := SystemProcNames() // sysprocs_params.go
		sort.Slice(procs, func(i, j int) bool { return strings.ToLower(procs[i]) < strings.ToLower(procs[j]) })
		for i, p := range procs {
			typ, desc := "P", "SQL_STORED_PROCEDURE"
			if l := strings.ToLower(p); strings.HasPrefix(l, "xp_") || extendedProcs[l] {
				typ, desc = "X", "EXTENDED_STORED_PROCEDURE"
			}
			t.list = append(t.list, systemObject{schema: "sys", name: p, typ: typ, desc: desc, id: int32(-2_000_000 - i)})
		}
		t.byID = make(map[int32]*systemObject, len(t.list))
		t.byName = make(map[string]*systemObject, len(t.list))
		for i := range t.list {
			o := &t.list[i]
			t.byID[o.id] = o
			t.byName[strings.ToLower(o.schema+"."+o.name)] = o
		}
	})
	return t.list
}

// systemViewID is the object_id of the system view named key (systemViews'
// key) at index i of sortedSystemViewNames.
func systemViewID(key string, i int) int32 {
	if id, ok := realSystemIDs[key]; ok {
		return id
	}
	return int32(-1000 - i)
}

// systemObjectByID finds a system object by its (negative) id.
func systemObjectByID(id int32) *systemObject {
	if id >= 0 {
		return nil
	}
	systemObjects()
	return systemObjectTable.byID[id]
}

// systemObjectByName finds a system object: schema is "sys",
// "INFORMATION_SCHEMA" or "" (a one-part name). A one-part name finds a
// system procedure (sp_…, xp_…) or a compatibility view (sysobjects …), as
// SQL Server's name resolution does; a catalog view needs its schema
// (OBJECT_ID(N'objects') is NULL, as FROM objects is error 208).
func systemObjectByName(schema, name string) *systemObject {
	if schema == "" {
		l := strings.ToLower(name)
		if !strings.HasPrefix(l, "sp_") && !strings.HasPrefix(l, "xp_") && (!strings.HasPrefix(l, "sys") || strings.HasPrefix(l, "system_")) {
			return nil
		}
		schema = "sys"
	}
	if !strings.EqualFold(schema, "sys") && !strings.EqualFold(schema, "INFORMATION_SCHEMA") {
		return nil
	}
	systemObjects()
	return systemObjectTable.byName[strings.ToLower(schema+"."+name)]
}

// schemaID is the object's schema_id: 4 sys, 3 INFORMATION_SCHEMA.
func (o *systemObject) schemaID() int32 {
	if o.schema == "sys" {
		return 4
	}
	return 3
}

// row is the object's row in sys.objects' shape (objectRows).
func (o *systemObject) row() Row {
	return Row{str(o.name), i32(o.id), types.Null(types.Int), i32(o.schemaID()), i32(0), objectType(o.typ), str(o.desc),
		dt(systemObjectsDate), dt(systemObjectsDate), bit(true), bit(false), bit(false)}
}

// definition is what OBJECT_DEFINITION, sp_helptext and
// sys.system_sql_modules show for a system object. SQL Server returns the
// T-SQL its procedures and views are written in; mirrorsql implements
// them in Go, so the text is an honest header: the CREATE with the
// procedure's parameters (a trailing "= DEFAULT" for an optional one) or
// the view's columns, and a comment saying the body is built in, its
// lines ending in CR LF as SQL Server's definitions do (sp_helptext splits
// there). An
// extended procedure has none in SQL Server either (NULL).
func (o *systemObject) definition() (string, bool) {
	var b strings.Builder
	switch {
	case o.view != "":
		b.WriteString("CREATE VIEW " + o.schema + "." + o.name + " (")
		for i, c := range systemViews[o.view].cols {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(c.name)
		}
		b.WriteString(")\r\nAS\r\n-- built into mirrorsql: the server computes this view; it has no T-SQL body\r\n")
	case o.typ == "P":
		b.WriteString("CREATE PROCEDURE sys." + o.name)
		params, _ := SystemProcParams(o.name)
		for i, p := range params {
			if i > 0 {
				b.WriteString(",")
			}
			name, opt := strings.CutSuffix(p, "=")
			name, _, _ = strings.Cut(name, "|")
			b.WriteString("\r\n    " + name)
			if opt {
				b.WriteString(" = DEFAULT")
			}
		}
		b.WriteString("\r\nAS\r\n-- built into mirrorsql: the server runs this procedure; it has no T-SQL body\r\n")
	default:
		return "", false
	}
	return b.String(), true
}

func init() {
	// sys.system_objects: the system objects alone; sys.all_objects (in
	// sysviews.go) is sys.objects' rows and these.
	systemViews["sys.system_objects"] = &virtualTable{cols: systemViews["sys.objects"].cols,
		rows: func(*Session, Database) ([]Row, error) { return systemObjectRows(), nil }}
	modules := systemViews["sys.sql_modules"]
	// sys.system_sql_modules: the system objects' definitions (module_ddl.go
	// has sys.sql_modules' columns); sys.all_sql_modules: both.
	systemViews["sys.system_sql_modules"] = &virtualTable{cols: modules.cols,
		rows: func(*Session, Database) ([]Row, error) { return systemModuleRows(), nil }}
	systemViews["sys.all_sql_modules"] = &virtualTable{cols: modules.cols,
		rows: func(s *Session, db Database) ([]Row, error) {
			rows, err := modules.rows(s, db)
			return append(rows, systemModuleRows()...), err
		}}
}

// systemObjectRows are the system objects' rows in sys.objects' shape.
func systemObjectRows() []Row {
	var out []Row
	for i := range systemObjects() {
		out = append(out, systemObjectTable.list[i].row())
	}
	return out
}

// systemModuleRows are the system objects' rows in sys.sql_modules' shape.
func systemModuleRows() []Row {
	var out []Row
	for i := range systemObjects() {
		o := &systemObjectTable.list[i]
		if def, ok := o.definition(); ok {
			out = append(out, Row{i32(o.id), types.NewString(types.NVarChar, def), bit(true), bit(true), bit(false), bit(false), bit(false), types.Null(types.Int)})
		}
	}
	return out
}

// systemColumnRows are the system views' columns in sys.columns' shape
// (sys_columns.go: sysColumnRow), NULL or NOT NULL as their result
// metadata says (sysviews_nullability.go). The rows are made once and shared; the slice is a copy,
// which a query may sort or filter in place.
func systemColumnRows() []Row {
	t := &systemObjectTable
	t.columnsOnce.Do(func() {
		for i := range systemObjects() {
			o := &t.list[i]
			if o.view == "" {
				continue
			}
			vt := systemViews[o.view]
			notNull := vt.notNullColumns() // sysviews_nullability.go
			for j, c := range vt.cols {
				col := &catalog.Column{ID: int32(j + 1), Name: c.name, Type: c.typ, Nullable: !notNull[j]}
				if c.typ == vName {
					col.UserType = 256 // the names of system views are sysname, as SQL Server's are
				}
				t.columns = append(t.columns, sysColumnRow(o.id, col))
			}
		}
	})
	return append([]Row(nil), t.columns...)
}
