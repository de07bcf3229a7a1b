package exec

import (
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// vcol is a column of a virtual (system) table.
type vcol struct {
	name string
	typ  types.Type
}

// virtualTable is a system view: fixed columns and rows computed when opened.
type virtualTable struct {
	cols []vcol
	rows func(s *Session, db Database) ([]Row, error)
	// notNull[i] is set when SQL Server declares column i NOT NULL
	// (sysviews_nullability.go fills it in once every view is registered).
	notNull []bool
}

var (
	vInt      = types.TypeInt
	vSmallInt = types.TypeSmallInt
	vTinyInt  = types.TypeTinyInt
	vBigInt   = types.TypeBigInt
	vBit      = types.TypeBit
	vName     = types.NVarCharType(128)
	vDesc     = types.NVarCharType(60)
	vDateTime = types.TypeDateTime
	vNumeric  = types.DecimalType(25, 0)
	vGUID     = types.TypeUUID
)

// systemViews maps "schema.name" (lower case) to system views. Mirroring views
// and DMVs that need the instance live in the server's registry (RegisterView).
var systemViews = map[string]*virtualTable{}

// RegisterView adds a system view; the engine registers the views that need
// instance state (sys.databases, sys.database_mirroring …).
func RegisterView(name string, cols []ViewColumn, rows func(s *Session, db Database) ([]Row, error)) {
	vc := make([]vcol, len(cols))
	for i, c := range cols {
		vc[i] = vcol{name: c.Name, typ: c.Type}
	}
	systemViews[strings.ToLower(name)] = &virtualTable{cols: vc, rows: rows}
}

// ViewColumn describes a column of a registered system view.
type ViewColumn struct {
	Name string
	Type types.Type
}

func (s *Session) systemView(n *ast.Name, outer *scope) (*plan, bool, error) {
	schema := strings.ToLower(n.Part(1))
	if schema == "" {
		schema = "dbo"
	}
	vt := systemViews[schema+"."+strings.ToLower(n.Last())]
	if vt == nil {
		vt = systemViews[compatViewName(schema, strings.ToLower(n.Last()))] // compat_sysobjects.go
	}
	if vt == nil {
		return nil, false, nil
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return nil, true, err
	}
	notNull := vt.notNullColumns() // sysviews_nullability.go
	// Its string columns are implicit, of the database or the server
	// (sysviews_collation.go).
	coll := viewCollation(s, db, schema+"."+strings.ToLower(n.Last()))
	cols := make([]scopeCol, len(vt.cols))
	for i, c := range vt.cols {
		typ := c.typ
		if collatable(typ.ID) {
			typ.Collation = coll
		}
		cols[i] = scopeCol{name: c.name, typ: typ, notNull: notNull[i], idx: i, collFrom: derivImplicit}
	}
	return &plan{cols: cols, open: func(ec *evalCtx) (rowIter, error) {
		rows, err := vt.rows(s, s.tempdbForViews(db)) // tempdb_views.go
		if err != nil {
			return nil, err
		}
		return &sliceIter{rows: rows}, nil
	}}, true, nil
}

// userView compiles the view n names; ok is false when n names none.
func (s *Session) userView(n *ast.Name, _ *scope) (*plan, bool, error) {
	q, build, _, ok, err := s.userViewQuery(n)
	if !ok || err != nil {
		return nil, ok, err
	}
	p, err := build(q, nil)
	return p, true, err
}

// userViewQuery finds the view n names: its query, and build, which
// compiles that query — or one made from it with a filter added
// (pushdown.go) — as the view's, in its database, schema and ownership
// chain, under its column list and the ANSI_NULLS it was created under
// (module_sets.go), which ansiOff reports. build's outer is nil, or the
// left row of an apply join (join_apply.go): a view sees no other enclosing
// scope. ok is false when n names no view.
func (s *Session) userViewQuery(n *ast.Name) (q *ast.Query, build func(q *ast.Query, outer *scope) (*plan, error), ansiOff, ok bool, err error) {
	db, err := s.resolveDatabase(n.Part(2))
	if isMissingDatabase(err) {
		return nil, nil, false, false, nil
	}
	if err != nil {
		return nil, nil, false, false, err
	}
	schema := s.objectSchema(s.catalogFor(db), n.Part(1), n.Last()) // names.go
	v := s.catalogFor(db).View(schema, n.Last())
	if v == nil || !nameMatches(s.catalogFor(db), v.Name, n.Last(), v.Schema, n.Part(1)) { // identcoll.go
		return nil, nil, false, false, nil
	}
	stmts, err := parseModuleShared(v.Text, v.ModuleSets) // module_sets.go
	if err != nil {
		return nil, nil, false, true, err
	}
	cv, ok := stmts[0].(*ast.CreateViewStmt)
	if !ok {
		return nil, nil, false, true, ErrInvalidObject.New(v.Name)
	}
	// A view that refers to itself, directly or through others (ALTER VIEW
	// can make one), is SQL Server's 4429; nesting past 32 views is 217.
	// Without the check its expansion recursed until the stack overflowed
	// and the server died.
	key := strings.ToLower(db.Name() + "." + schema + "." + n.Last())
	for _, open := range s.viewStack {
		if open == key {
			return nil, nil, false, true, &Error{Number: 4429, Severity: 16, State: 1, Message: "View or function '" + schema + "." + v.Name + "' contains a self-reference. Views or functions cannot reference themselves directly or indirectly."}
		}
	}
	if len(s.viewStack) >= 32 {
		return nil, nil, false, true, errNestingLimit
	}
	if err := s.checkObject(db, s.catalogFor(db), schema, v.Name, "SELECT"); err != nil { // perm.go
		return nil, nil, false, true, err
	}
	build = func(q *ast.Query, outer *scope) (*plan, error) {
		defer s.enterModule(db, schema)()
		// SQL Server expands a view under the ANSI_NULLS it was created
		// under (sys.sql_modules.uses_ansi_nulls): a view made under OFF
		// keeps WHERE c = NULL finding the NULL rows for every caller.
		defer s.underAnsiNulls(v.ModuleSets)() // module_sets.go
		s.viewStack = append(s.viewStack, key)
		prev := s.db
		s.db = db
		leave := s.enterViewBody(q) // subquery_once.go
		p, err := s.buildQuery(q, outer, nil)
		leave()
		s.db = prev
		s.viewStack = s.viewStack[:len(s.viewStack)-1]
		if err != nil {
			return nil, err
		}
		if len(cv.Columns) > 0 {
			cols := append([]scopeCol(nil), p.cols...)
			for i, c := range cv.Columns {
				if i < len(cols) {
					cols[i].name = c.Name
				}
			}
			p = &plan{cols: cols, open: p.open}
		}
		return p, nil
	}
	return cv.Query, build, v.AnsiNullsOff, true, nil
}

func str(s string) types.Value { return types.NewNVarChar(s) }
func i32(n int32) types.Value  { return types.NewInt(n) }
func bit(b bool) types.Value   { return types.NewBit(b) }
func dt(t time.Time) types.Value {
	v, _ := types.FromTime(t, types.TypeDateTime)
	return v
}

var null = types.Value{}

func init() {
	reg := func(name string, cols []vcol, rows func(s *Session, db Database) ([]Row, error)) {
		systemViews[name] = &virtualTable{cols: cols, rows: rows}
	}
	reg("sys.schemas", []vcol{{"name", vName}, {"schema_id", vInt}, {"principal_id", vInt}}, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		cat := s.catalogFor(db)
		for _, sc := range cat.Schemas {
			out = append(out, Row{str(sc.Name), i32(sc.ID), i32(schemaOwnerID(cat, sc))}) // metafuncs.go
		}
		return out, nil
	})
	objCols := []vcol{{"name", vName}, {"object_id", vInt}, {"principal_id", vInt}, {"schema_id", vInt}, {"parent_object_id", vInt},
		{"type", types.Type{ID: types.Char, Length: 2}}, {"type_desc", vDesc}, {"create_date", vDateTime}, {"modify_date", vDateTime},
		{"is_ms_shipped", vBit}, {"is_published", vBit}, {"is_schema_published", vBit}}
	reg("sys.objects", objCols, func(s *Session, db Database) ([]Row, error) { return objectRows(s.catalogFor(db), ""), nil })
	// sys.all_objects adds the system views and procedures (sysviews_system.go).
	reg("sys.all_objects", objCols, func(s *Session, db Database) ([]Row, error) {
		return append(objectRows(s.catalogFor(db), ""), systemObjectRows()...), nil
	})
	reg("sys.tables", append(append([]vcol(nil), objCols...), vcol{"lob_data_space_id", vInt}, vcol{"is_memory_optimized", vBit}, vcol{"temporal_type", vTinyInt},
		vcol{"temporal_type_desc", vDesc}, vcol{"history_table_id", vInt}, vcol{"is_external", vBit},
		// SQL Server 2022's ledger columns (SSMS 19 reads them): no table is a ledger table.
		vcol{"ledger_type", vTinyInt}, vcol{"ledger_type_desc", vDesc}, vcol{"ledger_view_id", vInt}, vcol{"is_dropped_ledger_table", vBit},
		// ALTER TABLE … SET (LOCK_ESCALATION = …), as kept (catalog.Table).
		vcol{"lock_escalation", vTinyInt}, vcol{"lock_escalation_desc", vDesc}), func(s *Session, db Database) ([]Row, error) {
		cat := s.catalogFor(db)
		var out []Row
		for _, r := range objectRows(cat, "U") {
			// is_external: no PolyBase external tables.
			r = append(append(r, append(Row{i32(lobDataSpace(cat.TableByID(int32(r[1].Int64())))), bit(false)}, temporalTypeColumns(cat, r[1].Int64())...)...), bit(false))
			le := uint8(0)
			if t := cat.TableByID(int32(r[1].Int64())); t != nil {
				le = t.LockEscalation % 3
			}
			out = append(out, append(r, types.NewTinyInt(0), str("NON_LEDGER_TABLE"), types.Null(types.Int), bit(false),
				types.NewTinyInt(le), str(lockEscalationDesc[le])))
		}
		return out, nil
	})
	reg("sys.views", objCols, func(s *Session, db Database) ([]Row, error) { return objectRows(s.catalogFor(db), "V"), nil })
	reg("sys.procedures", objCols, func(s *Session, db Database) ([]Row, error) { return objectRows(s.catalogFor(db), "P"), nil })
	reg("sys.columns", sysColumnsCols, sysColumnsRows) // sys_columns.go
	// sys.all_columns adds the system views' columns (sys.system_columns,
	// sysviews_system.go) to sys.columns (SSMS and DBeaver query it by
	// object_id).
	reg("sys.all_columns", sysColumnsCols, func(s *Session, db Database) ([]Row, error) {
		rows, err := sysColumnsRows(s, db)
		return append(rows, systemColumnRows()...), err
	})
	reg("sys.types", typesColumns, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		for _, t := range types.SysTypes() {
			out = append(out, Row{str(t.Name), types.NewTinyInt(t.SystemTypeID), i32(t.UserTypeID), i32(4),
				types.NewSmallInt(t.MaxLength), types.NewTinyInt(t.Precision), types.NewTinyInt(t.Scale), bit(true), bit(false), bit(false)})
		}
		// timestamp (rowversion) is binary(8) inside but its own type in
		// SQL Server's catalog (catalogprocs.go).
		out = append(out, Row{str("timestamp"), types.NewTinyInt(rowVersionTypeID), i32(rowVersionTypeID), i32(4),
			types.NewSmallInt(8), types.NewTinyInt(0), types.NewTinyInt(0), bit(false), bit(false), bit(false)},
			sysnameTypeRow()) // usertype_sysname.go
		return append(out, userTypeRows(s, db)...), nil // usertype_views.go
	})
	reg("sys.indexes", []vcol{{"object_id", vInt}, {"name", vName}, {"index_id", vInt}, {"type", vTinyInt}, {"type_desc", vDesc},
		{"is_unique", vBit}, {"is_primary_key", vBit}, {"is_unique_constraint", vBit}, {"is_disabled", vBit},
		{"has_filter", vBit}, {"filter_definition", types.NVarCharType(types.MaxLength)},
		// Storage options maintenance scripts read (Glenn Berry's and Ola
		// Hallengren's fragmentation queries): IGNORE_DUP_KEY, FILLFACTOR
		// and PAD_INDEX as created; no hypothetical indexes, row and page
		// locks allowed unless ALLOW_ROW_LOCKS / ALLOW_PAGE_LOCKS = OFF.
		{"data_space_id", vInt}, {"ignore_dup_key", vBit}, {"fill_factor", vTinyInt}, {"is_padded", vBit},
		{"is_hypothetical", vBit}, {"allow_row_locks", vBit}, {"allow_page_locks", vBit}}, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		cat := s.catalogFor(db)
		for _, t := range cat.SortedTables() {
			for _, ix := range t.Indexes {
				typ, desc := uint8(2), "NONCLUSTERED"
				name := str(ix.Name)
				switch ix.IndexID {
				case 0:
					typ, desc, name = 0, "HEAP", null
				case 1:
					typ, desc = 1, "CLUSTERED"
				}
				filter := types.Null(types.NVarChar)
				if ix.Filter != "" {
					filter = types.NewNVarChar(defaultDefinition(ix.Filter))
				}
				out = append(out, Row{i32(t.ID), name, i32(ix.IndexID), types.NewTinyInt(typ), str(desc), bit(ix.Unique),
					bit(ix.Primary), bit(ix.Constraint && !ix.Primary), bit(ix.Disabled), bit(ix.Filter != ""), filter,
					i32(dataSpaceID(cat, ix)), bit(ix.IgnoreDupKey), types.NewTinyInt(ix.FillFactor), bit(ix.Padded), bit(false), bit(!ix.NoRowLocks), bit(!ix.NoPageLocks)})
			}
		}
		return append(out, viewIndexRows(s.catalogFor(db))...), nil // indexed_view.go
	})
	reg("sys.index_columns", []vcol{{"object_id", vInt}, {"index_id", vInt}, {"index_column_id", vInt}, {"column_id", vInt},
		{"key_ordinal", vTinyInt}, {"is_descending_key", vBit}, {"is_included_column", vBit},
		// partition_ordinal is 1 on a partitioned index's partitioning
		// column (partition_place.go); no columnstore indexes.
		{"partition_ordinal", vTinyInt}, {"column_store_order_ordinal", vTinyInt}}, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		for _, t := range s.catalogFor(db).SortedTables() {
			for _, ix := range t.Indexes {
				for i, kc := range ix.Columns {
					out = append(out, Row{i32(t.ID), i32(ix.IndexID), i32(int32(i + 1)), i32(t.Columns[kc.Column].ID), types.NewTinyInt(uint8(i + 1)), bit(kc.Desc), bit(false), types.NewTinyInt(partitionOrdinal(ix, kc.Column)), types.NewTinyInt(0)})
				}
				for i, c := range ix.Included {
					out = append(out, Row{i32(t.ID), i32(ix.IndexID), i32(int32(len(ix.Columns) + i + 1)), i32(t.Columns[c].ID), types.NewTinyInt(0), bit(false), bit(true), types.NewTinyInt(partitionOrdinal(ix, c)), types.NewTinyInt(0)})
				}
				if c, ok := extraPartitionColumn(ix); ok {
					out = append(out, Row{i32(t.ID), i32(ix.IndexID), i32(int32(len(ix.Columns) + len(ix.Included) + 1)), i32(t.Columns[c].ID), types.NewTinyInt(0), bit(false), bit(false), types.NewTinyInt(1), types.NewTinyInt(0)})
				}
			}
		}
		return out, nil
	})
	reg("sys.key_constraints", []vcol{{"name", vName}, {"object_id", vInt}, {"schema_id", vInt}, {"parent_object_id", vInt},
		{"type", types.Type{ID: types.Char, Length: 2}}, {"type_desc", vDesc}, {"unique_index_id", vInt}, {"is_system_named", vBit}}, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		cat := s.catalogFor(db)
		for _, t := range cat.SortedTables() {
			for _, ix := range t.Indexes {
				if !ix.Constraint {
					continue
				}
				typ, desc := "UQ", "UNIQUE_CONSTRAINT"
				if ix.Primary {
					typ, desc = "PK", "PRIMARY_KEY_CONSTRAINT"
				}
				out = append(out, Row{str(ix.Name), i32(ix.ConstraintID), i32(schemaID(cat, t.Schema)), i32(t.ID), types.NewString(types.Char, typ), str(desc), i32(ix.IndexID), bit(isSystemNamed(ix.Name))})
			}
		}
		return out, nil
	})
	reg("sys.foreign_keys", []vcol{{"name", vName}, {"object_id", vInt}, {"schema_id", vInt}, {"parent_object_id", vInt},
		{"referenced_object_id", vInt}, {"delete_referential_action_desc", vDesc}, {"update_referential_action_desc", vDesc},
		{"is_disabled", vBit}, {"is_not_trusted", vBit}, {"type", types.Type{ID: types.Char, Length: 2}}, {"type_desc", vDesc},
		{"key_index_id", vInt}, {"delete_referential_action", vTinyInt}, {"update_referential_action", vTinyInt},
		{"is_system_named", vBit}, {"is_not_for_replication", vBit}, {"is_ms_shipped", vBit}}, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		cat := s.catalogFor(db)
		for _, t := range cat.SortedTables() {
			for _, fk := range t.ForeignKeys {
				ref, keyIndex := int32(0), types.Null(types.Int)
				if p := cat.Tables[fk.RefTable]; p != nil {
					ref = p.ID
					if ix := referencedKey(p, fk.RefColumns); ix != nil { // compat_sysviews.go
						keyIndex = i32(ix.IndexID)
					}
				}
				out = append(out, Row{str(fk.Name), i32(fk.ID), i32(schemaID(cat, t.Schema)), i32(t.ID), i32(ref), str(fk.OnDelete), str(fk.OnUpdate),
					bit(fk.Disabled), bit(fk.NotTrusted), objectType("F"), str("FOREIGN_KEY_CONSTRAINT"), keyIndex,
					types.NewTinyInt(referentialAction(fk.OnDelete)), types.NewTinyInt(referentialAction(fk.OnUpdate)),
					bit(isSystemNamed(fk.Name)), bit(false), bit(false)})
			}
		}
		return out, nil
	})
	reg("sys.database_principals", databasePrincipalsCols, databasePrincipalsRows) // principals_view.go
	reg("information_schema.tables", []vcol{{"TABLE_CATALOG", vName}, {"TABLE_SCHEMA", vName}, {"TABLE_NAME", vName}, {"TABLE_TYPE", types.VarCharType(10)}}, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		cat := s.catalogFor(db)
		for _, t := range cat.SortedTables() {
			out = append(out, Row{str(db.Name()), str(t.Schema), str(t.Name), types.NewVarChar("BASE TABLE")})
		}
		for _, v := range cat.Views {
			out = append(out, Row{str(db.Name()), str(v.Schema), str(v.Name), types.NewVarChar("VIEW")})
		}
		return out, nil
	})
	reg("information_schema.columns", infoSchemaColumnsCols, infoSchemaColumnsRows) // infoschema_columns.go
	// INFORMATION_SCHEMA.ROUTINES in SQL Server's 52 columns (sp_Blitz joins
	// SPECIFIC_CATALOG and reads ROUTINE_DEFINITION); what a routine here
	// has no value for (UDTs, intervals, external routines) is NULL.
	routineCols := []vcol{{"SPECIFIC_CATALOG", vName}, {"SPECIFIC_SCHEMA", vName}, {"SPECIFIC_NAME", vName},
		{"ROUTINE_CATALOG", vName}, {"ROUTINE_SCHEMA", vName}, {"ROUTINE_NAME", vName}, {"ROUTINE_TYPE", types.NVarCharType(20)}}
	for _, n := range []string{"MODULE_CATALOG", "MODULE_SCHEMA", "MODULE_NAME", "UDT_CATALOG", "UDT_SCHEMA", "UDT_NAME", "DATA_TYPE"} {
		routineCols = append(routineCols, vcol{n, vName})
	}
	routineCols = append(routineCols, vcol{"CHARACTER_MAXIMUM_LENGTH", vInt}, vcol{"CHARACTER_OCTET_LENGTH", vInt})
	for _, n := range []string{"COLLATION_CATALOG", "COLLATION_SCHEMA", "COLLATION_NAME", "CHARACTER_SET_CATALOG", "CHARACTER_SET_SCHEMA", "CHARACTER_SET_NAME"} {
		routineCols = append(routineCols, vcol{n, vName})
	}
	routineCols = append(routineCols, vcol{"NUMERIC_PRECISION", vSmallInt}, vcol{"NUMERIC_PRECISION_RADIX", vSmallInt},
		vcol{"NUMERIC_SCALE", vSmallInt}, vcol{"DATETIME_PRECISION", vSmallInt}, vcol{"INTERVAL_TYPE", types.NVarCharType(30)},
		vcol{"INTERVAL_PRECISION", vSmallInt})
	for _, n := range []string{"TYPE_UDT_CATALOG", "TYPE_UDT_SCHEMA", "TYPE_UDT_NAME", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_NAME"} {
		routineCols = append(routineCols, vcol{n, vName})
	}
	routineCols = append(routineCols, vcol{"MAXIMUM_CARDINALITY", vBigInt}, vcol{"DTD_IDENTIFIER", vName},
		vcol{"ROUTINE_BODY", types.NVarCharType(30)}, vcol{"ROUTINE_DEFINITION", types.NVarCharType(4000)}, vcol{"EXTERNAL_NAME", vName},
		vcol{"EXTERNAL_LANGUAGE", types.NVarCharType(30)}, vcol{"PARAMETER_STYLE", types.NVarCharType(30)},
		vcol{"IS_DETERMINISTIC", types.NVarCharType(10)}, vcol{"SQL_DATA_ACCESS", types.NVarCharType(30)},
		vcol{"IS_NULL_CALL", types.NVarCharType(10)}, vcol{"SQL_PATH", vName}, vcol{"SCHEMA_LEVEL_ROUTINE", types.NVarCharType(10)},
		vcol{"MAX_DYNAMIC_RESULT_SETS", vSmallInt}, vcol{"IS_USER_DEFINED_CAST", types.NVarCharType(10)},
		vcol{"IS_IMPLICITLY_INVOCABLE", types.NVarCharType(10)}, vcol{"CREATED", vDateTime}, vcol{"LAST_ALTERED", vDateTime})
	reg("information_schema.routines", routineCols, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		add := func(schema, name, kind, text string, created, altered time.Time) {
			row := Row{str(db.Name()), str(schema), str(name), str(db.Name()), str(schema), str(name), str(kind)}
			for i := len(row); i < len(routineCols); i++ {
				row = append(row, types.Null(routineCols[i].typ.ID))
			}
			def := []rune(text)
			if len(def) > 4000 {
				def = def[:4000]
			}
			maxSets, nullCall := types.NewSmallInt(-1), types.Null(types.NVarChar)
			if kind == "FUNCTION" {
				maxSets, nullCall = types.NewSmallInt(0), str("NO")
			}
			set := func(col string, v types.Value) {
				for i, c := range routineCols {
					if c.name == col {
						row[i] = v
					}
				}
			}
			set("ROUTINE_BODY", str("SQL"))
			set("ROUTINE_DEFINITION", str(string(def)))
			set("IS_DETERMINISTIC", str("NO"))
			set("SQL_DATA_ACCESS", str("MODIFIES"))
			set("IS_NULL_CALL", nullCall)
			set("SCHEMA_LEVEL_ROUTINE", str("YES"))
			set("MAX_DYNAMIC_RESULT_SETS", maxSets)
			set("IS_USER_DEFINED_CAST", str("NO"))
			set("IS_IMPLICITLY_INVOCABLE", str("NO"))
			set("CREATED", dt(created))
			set("LAST_ALTERED", dt(altered))
			out = append(out, row)
		}
		for _, p := range s.catalogFor(db).Procedures {
			add(p.Schema, p.Name, "PROCEDURE", p.Text, p.Created, p.Modified)
		}
		for _, m := range s.catalogFor(db).Functions { // module_ddl.go
			add(m.Schema, m.Name, "FUNCTION", m.Text, m.Created, m.Modified)
			for i, c := range routineCols { // the return type: a scalar's, or TABLE
				if c.name == "DATA_TYPE" {
					out[len(out)-1][i] = functionDataType(m)
				}
			}
		}
		return out, nil
	})
	reg("information_schema.table_constraints", []vcol{{"CONSTRAINT_CATALOG", vName}, {"CONSTRAINT_SCHEMA", vName}, {"CONSTRAINT_NAME", vName},
		{"TABLE_CATALOG", vName}, {"TABLE_SCHEMA", vName}, {"TABLE_NAME", vName}, {"CONSTRAINT_TYPE", types.VarCharType(11)},
		{"IS_DEFERRABLE", types.VarCharType(2)}, {"INITIALLY_DEFERRED", types.VarCharType(2)}}, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		for _, t := range s.catalogFor(db).SortedTables() {
			add := func(name, kind string) {
				out = append(out, Row{str(db.Name()), str(t.Schema), str(name), str(db.Name()), str(t.Schema), str(t.Name),
					types.NewVarChar(kind), types.NewVarChar("NO"), types.NewVarChar("NO")})
			}
			for _, ix := range t.Indexes {
				switch {
				case ix.Constraint && ix.Primary:
					add(ix.Name, "PRIMARY KEY")
				case ix.Constraint && ix.Unique:
					add(ix.Name, "UNIQUE")
				}
			}
			for _, c := range t.Checks {
				add(c.Name, "CHECK")
			}
			for _, f := range t.ForeignKeys {
				add(f.Name, "FOREIGN KEY")
			}
		}
		return out, nil
	})
	reg("information_schema.views", []vcol{{"TABLE_CATALOG", vName}, {"TABLE_SCHEMA", vName}, {"TABLE_NAME", vName},
		{"VIEW_DEFINITION", types.NVarCharType(4000)}, {"CHECK_OPTION", types.VarCharType(7)}, {"IS_UPDATABLE", types.VarCharType(2)}}, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		for _, v := range s.catalogFor(db).Views {
			def := []rune(v.Text)
			if len(def) > 4000 {
				def = def[:4000]
			}
			text := str(string(def))
			if v.Encrypted {
				text = types.Null(types.NVarChar)
			}
			// SQL Server reports IS_UPDATABLE NO for every view.
			out = append(out, Row{str(db.Name()), str(v.Schema), str(v.Name), text, types.NewVarChar("NONE"), types.NewVarChar("NO")})
		}
		return out, nil
	})
	reg("information_schema.schemata", []vcol{{"CATALOG_NAME", vName}, {"SCHEMA_NAME", vName}, {"SCHEMA_OWNER", vName}}, func(s *Session, db Database) ([]Row, error) {
		var out []Row
		for _, sc := range s.catalogFor(db).Schemas {
			out = append(out, Row{str(db.Name()), str(sc.Name), str(sc.Owner)})
		}
		return out, nil
	})
}

func schemaID(cat *catalog.Database, name string) int32 {
	if sc := cat.Schema(name); sc != nil {
		return sc.ID
	}
	return 1
}

// objectType is sys.objects.type: char(2), so a one-letter type is
// blank-padded ('U ') as SQL Server returns it; comparisons ignore the pad.
func objectType(typ string) types.Value {
	if len(typ) < 2 {
		typ += " "
	}
	return types.NewString(types.Char, typ)
}

// objectRows lists sys.objects rows; kind filters by type ("" = all).
func objectRows(cat *catalog.Database, kind string) []Row {
	var out []Row
	add := func(name string, id int32, schema string, parent int32, typ, desc string, created, modified time.Time) {
		if kind != "" && kind != typ {
			return
		}
		owner := null
		if o, ok := objectOwnerID(cat, id); ok { // alter_authorization.go
			owner = i32(o)
		}
		out = append(out, Row{str(name), i32(id), owner, i32(schemaID(cat, schema)), i32(parent), objectType(typ),
			str(desc), dt(created), dt(modified), bit(false), bit(false), bit(false)})
	}
	for _, t := range cat.SortedTables() {
		add(t.Name, t.ID, t.Schema, 0, "U", "USER_TABLE", t.Created, t.Modified)
		for _, ix := range t.Indexes {
			if ix.Constraint {
				typ, desc := "UQ", "UNIQUE_CONSTRAINT"
				if ix.Primary {
					typ, desc = "PK", "PRIMARY_KEY_CONSTRAINT"
				}
				add(ix.Name, ix.ConstraintID, t.Schema, t.ID, typ, desc, t.Created, t.Modified)
			}
		}
		for _, c := range t.Checks {
			add(c.Name, c.ID, t.Schema, t.ID, "C", "CHECK_CONSTRAINT", t.Created, t.Modified)
		}
		for _, f := range t.ForeignKeys {
			add(f.Name, f.ID, t.Schema, t.ID, "F", "FOREIGN_KEY_CONSTRAINT", t.Created, t.Modified)
		}
		for _, c := range t.Columns {
			if c.DefaultName != "" {
				add(c.DefaultName, c.DefaultID, t.Schema, t.ID, "D", "DEFAULT_CONSTRAINT", t.Created, t.Modified)
			}
		}
	}
	for _, v := range cat.Views {
		add(v.Name, v.ID, v.Schema, 0, "V", "VIEW", v.Created, v.Modified)
	}
	for _, p := range cat.Procedures {
		add(p.Name, p.ID, p.Schema, 0, "P", "SQL_STORED_PROCEDURE", p.Created, p.Modified)
	}
	return append(out, moduleObjectRows(cat, kind)...) // module_ddl.go
}
