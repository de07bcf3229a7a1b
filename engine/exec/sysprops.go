package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// serverProperty is SERVERPROPERTY(p); the rest of this file is
// DATABASEPROPERTYEX and the name lookups behind OBJECT_ID and OBJECT_NAME.
func (s *Session) serverProperty(p string) types.Value {
	switch strings.ToLower(p) {
	case "productversion":
		return nvarchar(ProductVersion)
	case "productlevel":
		return nvarchar("RTM")
	case "productmajorversion":
		return nvarchar("16")
	case "productminorversion":
		return nvarchar("0")
	case "productbuild":
		return nvarchar("4218")
	case "edition":
		return nvarchar("Developer Edition (64-bit)")
	case "editionid":
		return nvarchar("-2117995310")
	case "engineedition":
		return nvarchar("3")
	case "servername", "machinename", "computernamephysicalnetbios":
		return nvarchar(s.srv.ServerName())
	case "instancename":
		return types.Null(types.NVarChar)
	case "collation":
		return nvarchar("SQL_Latin1_General_CP1_CI_AS")
	case "isclustered", "ishadrenabled", "isfulltextinstalled", "isintegratedsecurityonly", "issingleuser":
		return nvarchar("0")
	case "processid":
		return nvarchar("1")
	case "lcid":
		return nvarchar("1033")
	case "sqlcharset":
		return nvarchar("1")
	case "sqlsortorder":
		return nvarchar("52")
	case "sqlcharsetname":
		return nvarchar("iso_1")
	case "sqlsortordername":
		return nvarchar("nocase_iso")
	case "buildclrversion":
		return nvarchar("v4.0.30319")
	}
	return types.Null(types.NVarChar)
}

func (s *Session) databaseProperty(db, p string) types.Value {
	e := s.srv.ServerCatalog().Database(db)
	if e == nil {
		return types.Null(types.NVarChar)
	}
	state := e.State
	var open Database
	for _, d := range s.srv.DatabaseList() {
		if d.Entry.ID == e.ID {
			state, open = d.State, d.Open
		}
	}
	switch strings.ToLower(p) {
	case "status":
		return nvarchar(state)
	case "recovery":
		return nvarchar(e.RecoveryModel)
	case "collation":
		if open == nil {
			return types.Null(types.NVarChar)
		}
		return nvarchar(DatabaseCollation(open).Name()) // dbcollation.go
	case "useraccess":
		return nvarchar(e.UserAccess)
	case "updateability":
		if e.SnapshotOf != 0 || strings.EqualFold(e.Options["READ_ONLY"], "ON") { // a database snapshot is read-only
			return nvarchar("READ_ONLY")
		}
		return nvarchar("READ_WRITE")
	case "version":
		return nvarchar("957")
	case "isautoclose", "isautoshrink", "isinstandby", "isfulltextenabled":
		return nvarchar("0")
	}
	if opt, ok := databaseOptionProps[strings.ToLower(p)]; ok { // ALTER DATABASE … SET options, OFF by default
		on := strings.EqualFold(e.Options[opt], "ON")
		if opt == "AUTO_CREATE_STATISTICS" || opt == "AUTO_UPDATE_STATISTICS" { // ON by default
			on = !strings.EqualFold(e.Options[opt], "OFF")
		}
		if on {
			return nvarchar("1")
		}
		return nvarchar("0")
	}
	return types.Null(types.NVarChar)
}

// objectID resolves an object name (table, view, procedure) to its object_id.
func (s *Session) objectID(text string) (int32, bool) {
	n, err := parseObjectName(text)
	if err != nil {
		return 0, false
	}
	if strings.HasPrefix(n.Last(), "#") {
		// The transaction's own catalog: a #table created in the open
		// transaction has an id (SQLAlchemy's has_table asks for one
		// with autocommit off, where every statement is in a transaction).
		if t := s.catalogFor(s.tempFor(n.Last())).Table("dbo", n.Last()); t != nil {
			return t.ID, true
		}
		return 0, false
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return 0, false
	}
	cat := s.catalogFor(db)
	schema := s.objectSchema(cat, n.Part(1), n.Last()) // names.go
	if t := cat.Table(schema, n.Last()); t != nil {
		return t.ID, true
	}
	if v := cat.View(schema, n.Last()); v != nil {
		return v.ID, true
	}
	if p := cat.Procedure(schema, n.Last()); p != nil {
		return p.ID, true
	}
	if id, ok := moduleID(cat, schema, n.Last()); ok {
		return id, true
	}
	// Constraints (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, DEFAULT) are
	// schema-scoped objects too (metafuncs.go).
	if id, ok := schemaConstraintID(cat, schema, n.Last()); ok {
		return id, true
	}
	// The system views and procedures (sysviews_system.go): sys.x,
	// INFORMATION_SCHEMA.X, or a one-part name not found in the database.
	if o := systemObjectByName(n.Part(1), n.Last()); o != nil {
		return o.id, true
	}
	return 0, false
}

func (s *Session) objectName(id int32) (schema, name string, ok bool) {
	return s.objectNameIn(s.catalogFor(s.db), id)
}

// objectNameIn is objectName in the database whose catalog is cat.
func (s *Session) objectNameIn(cat *catalog.Database, id int32) (schema, name string, ok bool) {
	if o := systemObjectByID(id); o != nil { // sysviews_system.go
		return o.schema, o.name, true
	}
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
	if schema, name, ok := moduleName(cat, id); ok {
		return schema, name, ok
	}
	// Constraints: OBJECT_NAME(constraint_object_id) of sys.foreign_key_columns …
	for _, r := range objectRows(cat, "") {
		if int32(r[1].Int64()) == id {
			for _, sc := range cat.Schemas {
				if int64(sc.ID) == r[3].Int64() {
					return sc.Name, r[0].Str(), true
				}
			}
		}
	}
	return "", "", false
}

// tableByText resolves a table named in a string ('dbo.t').
func (s *Session) tableByText(text string) (*tableRef, error) {
	n, err := parseObjectName(text)
	if err != nil {
		return nil, err
	}
	tr, ok, err := s.resolveTable(n)
	if !ok {
		return nil, err
	}
	return tr, err
}

// objectNameDatabase is the database OBJECT_NAME's and OBJECT_SCHEMA_NAME's
// second argument names, with the catalog to look the object up in: the
// session's own view of the current database; tempdb's with every
// session's #temp tables under their stored names (tempdb_views.go), so
// OBJECT_NAME(OBJECT_ID('tempdb..#t'), 2) is #t___…; nil for a NULL id, a
// database that is not open or one the caller may not use. The name was
// looked up in the current database whatever the id, and object ids repeat
// across databases, so OBJECT_NAME(objectid, dbid) over
// sys.dm_exec_sql_text named another database's object.
func (s *Session) objectNameDatabase(id types.Value) (Database, *catalog.Database) {
	if id.IsNull() {
		return nil, nil
	}
	dbid := int32(id.Int64())
	if dbid == s.db.ID() && !strings.EqualFold(s.db.Name(), "tempdb") {
		return s.db, s.catalogFor(s.db)
	}
	db := s.databaseByID(dbid)
	if db == nil || db.CheckAccess() != nil || s.CheckDatabaseAccess(db) != nil {
		return nil, nil
	}
	db = s.tempdbForViews(db)
	return db, s.catalogFor(db)
}
