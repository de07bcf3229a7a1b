package exec

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/catalog/types/funcs"
)

// The ODBC catalog procedures: what ODBC's SQLPrimaryKeys, SQLForeignKeys,
// SQLStatistics and SQLSpecialColumns (this file), SQLProcedures and
// SQLProcedureColumns (catalogprocs_procs.go), SQLGetTypeInfo and
// SQLGetInfo (catalogprocs_types.go), SQLTablePrivileges and
// SQLColumnPrivileges (catalogprocs_privs.go) send, as do JDBC's
// DatabaseMetaData and ADO.NET's GetSchema. Drivers read their results by
// position and rename some columns for ODBC 3 (FreeTDS: TABLE_QUALIFIER →
// TABLE_CAT …), so each result set has SQL Server's columns, in SQL
// Server's order, with SQL Server's types (docs: "sp_pkeys (Transact-SQL)"
// and its siblings), and the parameters have SQL Server's names: FreeTDS
// passes them by name over RPC, some positionally.
//
// Rows are permission-filtered as SQL Server's metadata visibility does: an
// object is listed only to a caller holding some permission on it (see
// catalogVisible). Every procedure works in the current database; a
// qualifier naming another database is error 15250, as in SQL Server.

func init() {
	method := func(f func(*Session, context.Context, []*ProcArg, Output) (int32, error)) SystemProc {
		return func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
			return f(s, ctx, args, out)
		}
	}
	for name, p := range map[string]SystemProc{
		"sp_pkeys":             method((*Session).spPKeys),
		"sp_fkeys":             method((*Session).spFKeys),
		"sp_statistics":        method((*Session).spStatistics),
		"sp_special_columns":   method((*Session).spSpecialColumns),
		"sp_stored_procedures": method((*Session).spStoredProcedures),
		"sp_sproc_columns":     method((*Session).spSprocColumns),
		"sp_datatype_info":     spDatatypeInfo(false),
		"sp_datatype_info_90":  spDatatypeInfo(false),
		"sp_datatype_info_100": spDatatypeInfo(true),
		"sp_server_info":       method((*Session).spServerInfo),
		"sp_table_privileges":  method((*Session).spTablePrivileges),
		"sp_column_privileges": method((*Session).spColumnPrivileges),
	} {
		RegisterProc(name, p)
	}
}

// errQualifier is SQL Server's error for a catalog procedure's qualifier
// that names a database other than the current one.
func errQualifier() error {
	return &Error{Number: 15250, Severity: 16, State: 1, Message: "The database name component of the object qualifier must be the name of the current database."}
}

// checkQualifier returns 15250 when q names a database other than the
// session's current one ("" and NULL are the current one).
func (s *Session) checkQualifier(q string) error {
	if q != "" && !strings.EqualFold(q, s.db.Name()) {
		return errQualifier()
	}
	return nil
}

// catalogVisible reports whether the session may see the metadata of the
// object schema.name of the current database: the one metadata-visibility
// rule the sys.* views use (metadataVisible, perm_visible.go), so a
// procedure lists exactly what sys.objects shows the caller.
func (s *Session) catalogVisible(cat *catalog.Database, schema, name string) bool {
	return s.metadataVisible(s.db, cat, schema, name)
}

// catalogTable finds the table an ODBC catalog procedure names by exact
// name and owner (no patterns, as sp_pkeys, sp_statistics and sp_fkeys
// take them): with no owner, as OBJECT_ID(name) resolves it (catalogOwner).
// nil when there is none or the caller may not see it.
func (s *Session) catalogTable(cat *catalog.Database, owner, name string) *catalog.Table {
	t := cat.Table(s.catalogOwner(cat, owner, name), name)
	if t == nil || !s.catalogVisible(cat, t.Schema, t.Name) {
		return nil
	}
	return t
}

// catalogOwner is the schema a catalog procedure's table is looked up in:
// owner when given, else the one OBJECT_ID of the one-part name finds — the
// default schema of the user the caller acts as when it holds an object of
// that name, else dbo. The procedures' pages: "if the current user owns a
// table with the specified name, the columns of that table are returned";
// otherwise the database owner's. A system procedure resolves names as its
// caller's user, not as the module that calls it (userSchema).
func (s *Session) catalogOwner(cat *catalog.Database, owner, name string) string {
	if owner != "" {
		return owner
	}
	if sc := s.userSchema(cat); sc != "dbo" && hasObject(cat, sc, name) { // names.go
		return sc
	}
	return "dbo"
}

// likeName matches a catalog name against a LIKE pattern ("" or NULL: any)
// in the database's collation, as the procedures' pattern arguments do.
func likeName(cat *catalog.Database, name, pattern string) bool {
	return pattern == "" || funcs.Like(name, pattern, 0, cat.Collation)
}

// i16 is a smallint value.
func i16(n int) types.Value { return types.NewSmallInt(int16(n)) }

// vc is a varchar value.
func vc(s string) types.Value { return types.NewVarChar(s) }

// sendCatalog sends one catalog result set whose columns are given as
// name/type pairs. The columns named in notNull are the ones SQL Server
// documents as NOT NULL for this result: they are sent NOT NULL (fixed-length
// TDS types for int and bit, fNullable clear) — unless a row holds a NULL
// there, which would break the fixed encoding; the rows are all at hand
// before the metadata goes out, so such a column is sent nullable instead.
func (s *Session) sendCatalog(out Output, cols []vcol, rows []Row, notNull ...string) error {
	rc := make([]ResultColumn, len(cols))
	for i, c := range cols {
		rc[i] = ResultColumn{Name: c.name, Type: c.typ, Nullable: true}
		if slices.Contains(notNull, c.name) && !nullIn(rows, i) {
			rc[i].Nullable, rc[i].NotNull = false, true
		}
	}
	return SendRows(s, out, rc, rows)
}

// nullIn reports whether column i of any of rows is NULL.
func nullIn(rows []Row, i int) bool {
	for _, r := range rows {
		if i >= len(r) || r[i].IsNull() {
			return true
		}
	}
	return false
}

var pkeysCols = []vcol{{"TABLE_QUALIFIER", vName}, {"TABLE_OWNER", vName}, {"TABLE_NAME", vName}, {"COLUMN_NAME", vName},
	{"KEY_SEQ", vSmallInt}, {"PK_NAME", vName}}

// spPKeys is sp_pkeys @table_name, @table_owner, @table_qualifier
// (SQLPrimaryKeys): the PRIMARY KEY's columns in key order.
func (s *Session) spPKeys(_ context.Context, args []*ProcArg, out Output) (int32, error) {
	if _, ok := argValue(args, 0, "@table_name"); !ok {
		return 1, ErrProcMissingArg.New("sp_pkeys", "@table_name")
	}
	if err := s.checkQualifier(ArgString(args, 2, "@table_qualifier")); err != nil {
		return 1, err
	}
	cat := s.catalogFor(s.db)
	var rows []Row
	if t := s.catalogTable(cat, ArgString(args, 1, "@table_owner"), ArgString(args, 0, "@table_name")); t != nil {
		for _, ix := range t.Indexes {
			if !ix.Primary {
				continue
			}
			for i, kc := range ix.Columns {
				rows = append(rows, Row{str(s.db.Name()), str(t.Schema), str(t.Name), str(t.Columns[kc.Column].Name), i16(i + 1), str(ix.Name)})
			}
		}
	}
	return 0, s.sendCatalog(out, pkeysCols, rows)
}

var fkeysCols = []vcol{{"PKTABLE_QUALIFIER", vName}, {"PKTABLE_OWNER", vName}, {"PKTABLE_NAME", vName}, {"PKCOLUMN_NAME", vName},
	{"FKTABLE_QUALIFIER", vName}, {"FKTABLE_OWNER", vName}, {"FKTABLE_NAME", vName}, {"FKCOLUMN_NAME", vName},
	{"KEY_SEQ", vSmallInt}, {"UPDATE_RULE", vSmallInt}, {"DELETE_RULE", vSmallInt}, {"FK_NAME", vName}, {"PK_NAME", vName},
	{"DEFERRABILITY", vSmallInt}}

// fkeyRule is sp_fkeys' UPDATE_RULE / DELETE_RULE: 0 CASCADE, 1 NO ACTION,
// 2 SET NULL, 3 SET DEFAULT.
func fkeyRule(action string) types.Value {
	switch action {
	case "CASCADE":
		return i16(0)
	case "SET_NULL":
		return i16(2)
	case "SET_DEFAULT":
		return i16(3)
	}
	return i16(1)
}

// spFKeys is sp_fkeys (SQLForeignKeys): the foreign keys referencing
// @pktable_name, or those of @fktable_name, or the one pair's; one of the
// two table names is required (15252). Disabled foreign keys are listed
// too, as in SQL Server. DEFERRABILITY is 7 (SQL_NOT_DEFERRABLE).
func (s *Session) spFKeys(_ context.Context, args []*ProcArg, out Output) (int32, error) {
	pkName, pkOwner := ArgString(args, 0, "@pktable_name"), ArgString(args, 1, "@pktable_owner")
	fkName, fkOwner := ArgString(args, 3, "@fktable_name"), ArgString(args, 4, "@fktable_owner")
	for _, q := range []string{ArgString(args, 2, "@pktable_qualifier"), ArgString(args, 5, "@fktable_qualifier")} {
		if err := s.checkQualifier(q); err != nil {
			return 1, err
		}
	}
	if pkName == "" && fkName == "" {
		return 1, &Error{Number: 15252, Severity: 16, State: 1, Message: "The primary key or foreign key table name must be given."}
	}
	cat := s.catalogFor(s.db)
	var pk, fk *catalog.Table
	if pkName != "" {
		if pk = s.catalogTable(cat, pkOwner, pkName); pk == nil {
			return 0, s.sendCatalog(out, fkeysCols, nil)
		}
	}
	if fkName != "" {
		if fk = s.catalogTable(cat, fkOwner, fkName); fk == nil {
			return 0, s.sendCatalog(out, fkeysCols, nil)
		}
	}
	type keyed struct {
		owner, table, fk string
		seq              int
		row              Row
	}
	var found []keyed
	for _, t := range cat.SortedTables() {
		if fk != nil && t != fk || !s.catalogVisible(cat, t.Schema, t.Name) {
			continue
		}
		for _, f := range t.ForeignKeys {
			ref := cat.Tables[f.RefTable]
			if ref == nil || pk != nil && ref != pk || !s.catalogVisible(cat, ref.Schema, ref.Name) {
				continue
			}
			pkIndex := null
			if ix := referencedKey(ref, f.RefColumns); ix != nil {
				pkIndex = str(ix.Name)
			}
			for i, c := range f.Columns {
				if i >= len(f.RefColumns) || f.RefColumns[i] >= len(ref.Columns) {
					continue
				}
				found = append(found, keyed{t.Schema, t.Name, f.Name, i, Row{
					str(s.db.Name()), str(ref.Schema), str(ref.Name), str(ref.Columns[f.RefColumns[i]].Name),
					str(s.db.Name()), str(t.Schema), str(t.Name), str(t.Columns[c].Name),
					i16(i + 1), fkeyRule(f.OnUpdate), fkeyRule(f.OnDelete), str(f.Name), pkIndex, i16(7)}})
			}
		}
	}
	// SQL Server orders by FKTABLE_QUALIFIER, FKTABLE_OWNER, FKTABLE_NAME
	// and KEY_SEQ; the key's name keeps two keys of one table apart.
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.owner != b.owner {
			return strings.ToLower(a.owner) < strings.ToLower(b.owner)
		}
		if a.table != b.table {
			return strings.ToLower(a.table) < strings.ToLower(b.table)
		}
		if a.fk != b.fk {
			return strings.ToLower(a.fk) < strings.ToLower(b.fk)
		}
		return a.seq < b.seq
	})
	rows := make([]Row, len(found))
	for i, k := range found {
		rows[i] = k.row
	}
	return 0, s.sendCatalog(out, fkeysCols, rows)
}

var statisticsCols = []vcol{{"TABLE_QUALIFIER", vName}, {"TABLE_OWNER", vName}, {"TABLE_NAME", vName}, {"NON_UNIQUE", vSmallInt},
	{"INDEX_QUALIFIER", vName}, {"INDEX_NAME", vName}, {"TYPE", vSmallInt}, {"SEQ_IN_INDEX", vSmallInt}, {"COLUMN_NAME", vName},
	{"COLLATION", types.Type{ID: types.Char, Length: 1}}, {"CARDINALITY", vInt}, {"PAGES", vInt},
	{"FILTER_CONDITION", types.VarCharType(128)}}

// spStatistics is sp_statistics (SQLStatistics): a first row of TYPE 0
// (SQL_TABLE_STAT) with the table's rows and pages, then one row per key
// column of each index whose name matches @index_name (a LIKE pattern,
// default %), unique ones only with @is_unique = 'Y'. TYPE is 1 for the
// clustered index and 3 (SQL_INDEX_OTHER) for the others; INDEX_QUALIFIER
// is the table's name, as SQL Server gives it. Rows are ordered by
// NON_UNIQUE, TYPE, INDEX_NAME and SEQ_IN_INDEX. The counts come from
// reading the table (sp_spaceused's measure); @accuracy is accepted and
// makes no difference, and a caller who may not read the table gets NULL.
func (s *Session) spStatistics(ctx context.Context, args []*ProcArg, out Output) (int32, error) {
	if _, ok := argValue(args, 0, "@table_name"); !ok {
		return 1, ErrProcMissingArg.New("sp_statistics", "@table_name")
	}
	if err := s.checkQualifier(ArgString(args, 2, "@table_qualifier")); err != nil {
		return 1, err
	}
	cat := s.catalogFor(s.db)
	t := s.catalogTable(cat, ArgString(args, 1, "@table_owner"), ArgString(args, 0, "@table_name"))
	if t == nil {
		return 0, s.sendCatalog(out, statisticsCols, nil)
	}
	pattern := ArgString(args, 3, "@index_name")
	uniqueOnly := strings.EqualFold(ArgString(args, 4, "@is_unique"), "Y")
	rowsV, pagesV := null, null
	if sp, err := s.SpaceUsed(ctx, "["+strings.ReplaceAll(t.Schema, "]", "]]")+"].["+strings.ReplaceAll(t.Name, "]", "]]")+"]"); err == nil {
		rowsV, pagesV = i32(int32(sp.Rows)), i32(int32((sp.DataBytes+8191)/8192))
	}
	q, o, n := str(s.db.Name()), str(t.Schema), str(t.Name)
	rows := []Row{{q, o, n, null, null, null, i16(0), null, null, null, rowsV, pagesV, null}}
	type ixRow struct {
		nonUnique, typ int
		name           string
		row            []Row
	}
	var ixs []ixRow
	for _, ix := range t.Indexes {
		if ix.IsHeap() || ix.Name == "" || uniqueOnly && !ix.Unique || !likeName(cat, ix.Name, pattern) {
			continue
		}
		r := ixRow{nonUnique: 1, typ: 3, name: ix.Name}
		if ix.Unique {
			r.nonUnique = 0
		}
		if ix.Clustered {
			r.typ = 1
		}
		for i, kc := range ix.Columns {
			coll := "A"
			if kc.Desc {
				coll = "D"
			}
			r.row = append(r.row, Row{q, o, n, i16(r.nonUnique), n, str(ix.Name), i16(r.typ), i16(i + 1), str(t.Columns[kc.Column].Name),
				types.NewString(types.Char, coll), rowsV, pagesV, null})
		}
		ixs = append(ixs, r)
	}
	sort.SliceStable(ixs, func(i, j int) bool {
		a, b := ixs[i], ixs[j]
		if a.nonUnique != b.nonUnique {
			return a.nonUnique < b.nonUnique
		}
		if a.typ != b.typ {
			return a.typ < b.typ
		}
		return strings.ToLower(a.name) < strings.ToLower(b.name)
	})
	for _, r := range ixs {
		rows = append(rows, r.row...)
	}
	return 0, s.sendCatalog(out, statisticsCols, rows)
}

var specialColumnsCols = []vcol{{"SCOPE", vSmallInt}, {"COLUMN_NAME", vName}, {"DATA_TYPE", vSmallInt}, {"TYPE_NAME", vName},
	{"PRECISION", vInt}, {"LENGTH", vInt}, {"SCALE", vSmallInt}, {"PSEUDO_COLUMN", vSmallInt}}

// spSpecialColumns is sp_special_columns (SQLSpecialColumns): with
// @col_type 'R' (default) the columns of the table's best row identifier —
// the PRIMARY KEY, else the unique index with the fewest columns (with
// @nullable 'O' only one whose columns are all NOT NULL); with 'V' the
// rowversion columns, which change whenever the row does. SCOPE is 0
// (SQL_SCOPE_CURROW) for @scope 'C' and 1 (SQL_SCOPE_TRANSACTION) for the
// default 'T' (NULL for 'V'), PSEUDO_COLUMN 1 (SQL_PC_NOT_PSEUDO). The
// qualifier parameter is @qualifier (SQL Server's name, which FreeTDS
// sends); @table_qualifier is accepted too.
func (s *Session) spSpecialColumns(_ context.Context, args []*ProcArg, out Output) (int32, error) {
	if _, ok := argValue(args, 0, "@table_name"); !ok {
		return 1, ErrProcMissingArg.New("sp_special_columns", "@table_name")
	}
	qual := ArgString(args, 2, "@qualifier")
	if qual == "" {
		qual = ArgString(args, -1, "@table_qualifier")
	}
	if err := s.checkQualifier(qual); err != nil {
		return 1, err
	}
	colType := strings.ToUpper(ArgString(args, 3, "@col_type"))
	if colType == "" {
		colType = "R"
	}
	scope := i16(1)
	if strings.EqualFold(ArgString(args, 4, "@scope"), "C") {
		scope = i16(0)
	}
	notNullOnly := strings.EqualFold(ArgString(args, 5, "@nullable"), "O")
	odbc3 := ArgString(args, 6, "@ODBCVer") == "3"
	cat := s.catalogFor(s.db)
	t := s.catalogTable(cat, ArgString(args, 1, "@table_owner"), ArgString(args, 0, "@table_name"))
	var rows []Row
	add := func(scope types.Value, c *catalog.Column) {
		o := odbcDescribe(c.Type, c.Nullable)
		code := o.dataType
		if odbc3 && code == odbcDateTime2 {
			code = 93
		}
		typeName := columnTypeName(c)
		rows = append(rows, Row{scope, str(c.Name), types.NewSmallInt(code), str(typeName), i32(o.precision), i32(o.length), o.scale, i16(1)})
	}
	switch {
	case t == nil:
	case colType == "V":
		for _, c := range t.Columns {
			if c.RowVersion {
				add(types.Null(types.SmallInt), c)
			}
		}
	case colType == "R":
		if ix := bestRowID(t, notNullOnly); ix != nil {
			for _, kc := range ix.Columns {
				add(scope, t.Columns[kc.Column])
			}
		}
	}
	return 0, s.sendCatalog(out, specialColumnsCols, rows)
}

// bestRowID picks the index whose key identifies a row of t: the PRIMARY
// KEY, else the unfiltered unique index with the fewest key columns (lowest
// index id on a tie); with notNullOnly, only an index whose key columns are
// all NOT NULL.
func bestRowID(t *catalog.Table, notNullOnly bool) *catalog.Index {
	var best *catalog.Index
	for _, ix := range t.Indexes {
		if ix.IsHeap() || !ix.Unique || ix.Filter != "" {
			continue
		}
		if notNullOnly {
			nullable := false
			for _, kc := range ix.Columns {
				nullable = nullable || t.Columns[kc.Column].Nullable
			}
			if nullable {
				continue
			}
		}
		if ix.Primary {
			return ix
		}
		if best == nil || len(ix.Columns) < len(best.Columns) || len(ix.Columns) == len(best.Columns) && ix.IndexID < best.IndexID {
			best = ix
		}
	}
	return best
}

// rowVersionTypeID is the system_type_id (and user_type_id) SQL Server's
// catalog gives rowversion columns: type 189, named timestamp.
const rowVersionTypeID = 189

// columnSystemTypeID is a column's sys.columns.system_type_id. A rowversion
// column is binary(8) inside mirrorsql, but SQL Server's catalog shows its
// own type, timestamp (189), and tools (SSMS scripting, EF Core
// scaffolding, SqlClient's schema tables) map it to a concurrency token
// only by that id or name.
func columnSystemTypeID(c *catalog.Column) uint8 {
	if c.RowVersion {
		return rowVersionTypeID
	}
	return uint8(c.Type.ID)
}

// columnTypeName is a column's type name as the catalog views and
// procedures show it (timestamp for a rowversion column).
func columnTypeName(c *catalog.Column) string {
	if c.RowVersion {
		return "timestamp"
	}
	return c.Type.ID.Name()
}
