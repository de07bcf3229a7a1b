package exec

import (
	"context"
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sp_columns is the catalog procedure behind ODBC's SQLColumns: FreeTDS's and
// Microsoft's ODBC drivers call it (with @ODBCVer = 3) for pyodbc's
// cursor.columns(), unixODBC's isql and report tools, and they read its result
// by position. So its 19 columns, their order and the ODBC codes in them are
// SQL Server's (docs: "sp_columns (Transact-SQL)"; the ODBC codes are the
// ODBC 3.x SQL type identifiers). SQL Server computes it from the
// sys.spt_columns_odbc_view system view; here that view is a virtual table
// with the same columns for ODBC 2, and sp_columns filters it with LIKE
// (the arguments are patterns) and maps datetime's code for ODBC 3.

// odbcColumn is the ODBC description of one column type.
type odbcColumn struct {
	dataType  int16 // DATA_TYPE (ODBC 2 codes; datetime 11, ODBC 3 93)
	precision int32 // PRECISION: digits, or characters
	length    int32 // LENGTH: transfer size in bytes
	scale     types.Value
	radix     types.Value
	sub       types.Value // SQL_DATETIME_SUB
	octets    types.Value // CHAR_OCTET_LENGTH
	ssType    uint8       // SS_DATA_TYPE: the TDS type code of the column
}

// ODBC SQL type codes used by sp_columns.
const (
	odbcChar         = 1
	odbcNumeric      = 2
	odbcDecimal      = 3
	odbcInteger      = 4
	odbcSmallInt     = 5
	odbcFloat        = 6
	odbcReal         = 7
	odbcDateTime2    = 11 // SQL_TIMESTAMP in ODBC 2 (SQL_TYPE_TIMESTAMP 93 in 3)
	odbcVarChar      = 12
	odbcLongVarChar  = -1
	odbcBinary       = -2
	odbcVarBinary    = -3
	odbcLongVarBin   = -4
	odbcBigInt       = -5
	odbcTinyInt      = -6
	odbcBit          = -7
	odbcWChar        = -8
	odbcWVarChar     = -9
	odbcWLongVarChar = -10
	odbcGUID         = -11
	odbcVariant      = -150
	odbcXML          = -152
)

// odbcDescribe returns the ODBC description of a column of type t. The date
// and time types SQL Server 2008 added are reported as nvarchar (-9) with
// their character length, as sp_columns does for clients that predate them.
func odbcDescribe(t types.Type, nullable bool) odbcColumn {
	i16 := func(n int16) types.Value { return types.NewSmallInt(n) }
	ten := i16(10)
	// SS_DATA_TYPE is the fixed-length TDS code for NOT NULL columns and the
	// nullable variable-length one (INTN 38, BITN 104, FLTN 109, MONEYN 110,
	// DATETIMN 111) otherwise.
	fixed := func(notNull, nullableCode uint8) uint8 {
		if nullable {
			return nullableCode
		}
		return notNull
	}
	n := int32(t.Length)
	switch t.ID {
	case types.Bit:
		return odbcColumn{odbcBit, 1, 1, null, null, null, null, fixed(50, 104)}
	case types.TinyInt:
		return odbcColumn{odbcTinyInt, 3, 1, i16(0), ten, null, null, fixed(48, 38)}
	case types.SmallInt:
		return odbcColumn{odbcSmallInt, 5, 2, i16(0), ten, null, null, fixed(52, 38)}
	case types.Int:
		return odbcColumn{odbcInteger, 10, 4, i16(0), ten, null, null, fixed(56, 38)}
	case types.BigInt:
		return odbcColumn{odbcBigInt, 19, 8, i16(0), ten, null, null, fixed(127, 38)}
	case types.Real:
		return odbcColumn{odbcReal, 7, 4, null, ten, null, null, fixed(59, 109)}
	case types.Float:
		return odbcColumn{odbcFloat, 15, 8, null, ten, null, null, fixed(62, 109)}
	case types.Decimal, types.Numeric:
		code, ss := int16(odbcDecimal), uint8(106)
		if t.ID == types.Numeric {
			code, ss = odbcNumeric, 108
		}
		return odbcColumn{code, int32(t.Precision), int32(t.Precision) + 2, i16(int16(t.Scale)), ten, null, null, ss}
	case types.Money:
		return odbcColumn{odbcDecimal, 19, 21, i16(4), ten, null, null, fixed(60, 110)}
	case types.SmallMoney:
		return odbcColumn{odbcDecimal, 10, 12, i16(4), ten, null, null, fixed(122, 110)}
	case types.DateTime:
		return odbcColumn{odbcDateTime2, 23, 16, i16(3), null, i16(3), null, fixed(61, 111)}
	case types.SmallDateTime:
		return odbcColumn{odbcDateTime2, 16, 16, i16(0), null, i16(3), null, fixed(58, 111)}
	case types.Date, types.Time, types.DateTime2, types.DateTimeOffset:
		p := int32(t.CatalogPrecision())
		return odbcColumn{odbcWVarChar, p, 2 * p, null, null, null, types.NewInt(2 * p), 0}
	case types.Char, types.VarChar, types.Binary, types.VarBinary:
		code := map[types.TypeID]int16{types.Char: odbcChar, types.VarChar: odbcVarChar, types.Binary: odbcBinary, types.VarBinary: odbcVarBinary}[t.ID]
		ss := map[types.TypeID]uint8{types.Char: 47, types.VarChar: 39, types.Binary: 45, types.VarBinary: 37}[t.ID]
		if t.IsMax() {
			return odbcColumn{code, 0, 0, null, null, null, types.NewInt(0), 0}
		}
		return odbcColumn{code, n, n, null, null, null, types.NewInt(n), ss}
	case types.NChar, types.NVarChar:
		code, ss := int16(odbcWChar), uint8(47)
		if t.ID == types.NVarChar {
			code, ss = odbcWVarChar, 39
		}
		if t.IsMax() {
			return odbcColumn{code, 0, 0, null, null, null, types.NewInt(0), 0}
		}
		return odbcColumn{code, n, 2 * n, null, null, null, types.NewInt(2 * n), ss}
	case types.Text:
		return odbcColumn{odbcLongVarChar, 2147483647, 2147483647, null, null, null, types.NewInt(2147483647), 35}
	case types.NText:
		return odbcColumn{odbcWLongVarChar, 1073741823, 2147483646, null, null, null, types.NewInt(2147483646), 35}
	case types.Image:
		return odbcColumn{odbcLongVarBin, 2147483647, 2147483647, null, null, null, types.NewInt(2147483647), 34}
	case types.UniqueIdentifier:
		return odbcColumn{odbcGUID, 36, 16, null, null, null, null, 0}
	case types.SQLVariant:
		return odbcColumn{odbcVariant, 0, 8016, null, null, null, null, 0}
	case types.XML:
		return odbcColumn{odbcXML, 0, 0, null, null, null, types.NewInt(0), 0}
	}
	return odbcColumn{0, n, n, null, null, null, null, 0}
}

func init() {
	systemViews["sys.spt_columns_odbc_view"] = &virtualTable{cols: []vcol{{"TABLE_QUALIFIER", vName}, {"TABLE_OWNER", vName}, {"TABLE_NAME", vName}, {"COLUMN_NAME", vName},
		{"DATA_TYPE", vSmallInt}, {"TYPE_NAME", vName}, {"PRECISION", vInt}, {"LENGTH", vInt}, {"SCALE", vSmallInt}, {"RADIX", vSmallInt},
		{"NULLABLE", vSmallInt}, {"REMARKS", types.VarCharType(254)}, {"COLUMN_DEF", types.NVarCharType(4000)}, {"SQL_DATA_TYPE", vSmallInt},
		{"SQL_DATETIME_SUB", vSmallInt}, {"CHAR_OCTET_LENGTH", vInt}, {"ORDINAL_POSITION", vInt}, {"IS_NULLABLE", types.VarCharType(254)},
		{"SS_DATA_TYPE", vTinyInt}}, rows: func(s *Session, db Database) ([]Row, error) {
		var out []Row
		for _, t := range s.catalogFor(db).SortedTables() {
			out = appendODBCColumns(out, db.Name(), t)
		}
		return out, nil
	}}
}

// appendODBCColumns appends sys.spt_columns_odbc_view's rows for t's columns.
func appendODBCColumns(out []Row, dbName string, t *catalog.Table) []Row {
	for _, c := range t.Columns {
		o := odbcDescribe(c.Type, c.Nullable)
		typeName := columnTypeName(c) // timestamp for rowversion (catalogprocs.go)
		if c.Identity {
			typeName += " identity"
		}
		def := null
		if c.Default != "" {
			def = str(defaultDefinition(c.Default))
		}
		nullable, isNullable := int16(0), "NO"
		if c.Nullable {
			nullable, isNullable = 1, "YES"
		}
		sqlType := o.dataType
		if o.dataType == odbcDateTime2 {
			sqlType = 9 // SQL_DATETIME: the verbose type of the datetime family
		}
		ss := null
		if o.ssType != 0 {
			ss = types.NewTinyInt(o.ssType)
		}
		out = append(out, Row{str(dbName), str(t.Schema), str(t.Name), str(c.Name), types.NewSmallInt(o.dataType), str(typeName),
			i32(o.precision), i32(o.length), o.scale, o.radix, types.NewSmallInt(nullable), types.Null(types.VarChar), def,
			types.NewSmallInt(sqlType), o.sub, o.octets, i32(c.ID), types.NewVarChar(isNullable), ss})
	}
	return out
}

// spColumns runs sp_columns: @table_name (required), @table_owner,
// @table_qualifier, @column_name (LIKE patterns, as in SQL Server) and
// @ODBCVer (2 or 3: version 3 reports datetime as SQL_TYPE_TIMESTAMP, 93).
// A qualifier other than the current database returns error 15250, as SQL
// Server's does.
func (s *Session) spColumns(ctx context.Context, args []*ProcArg, out Output) error {
	if len(args) == 0 {
		return ErrProcMissingArg.New("sp_columns", "@table_name")
	}
	quote := func(v string) string { return "N'" + strings.ReplaceAll(v, "'", "''") + "'" }
	where := []string{"TABLE_NAME LIKE " + quote(ArgString(args, 0, "@table_name"))}
	if owner := ArgString(args, 1, "@table_owner"); owner != "" {
		where = append(where, "TABLE_OWNER LIKE "+quote(owner))
	} else if name := ArgString(args, 0, "@table_name"); !strings.ContainsAny(name, "%_[") {
		// SQL Server's sp_columns takes OBJECT_ID of a name without
		// wildcard characters and, when it names an object, lists that one
		// (the caller's default schema's, else dbo's: catalogOwner); a
		// pattern, or a name that resolves to nothing, matches every owner.
		cat := s.catalogFor(s.db)
		if sc := s.catalogOwner(cat, "", name); hasObject(cat, sc, name) {
			where = append(where, "TABLE_OWNER = "+quote(sc))
		}
	}
	if q := ArgString(args, 2, "@table_qualifier"); q != "" && !strings.EqualFold(q, s.db.Name()) {
		return &Error{Number: 15250, Severity: 16, State: 1, Message: "The database name component of the object qualifier must be the name of the current database."}
	}
	if col := ArgString(args, 3, "@column_name"); col != "" {
		where = append(where, "COLUMN_NAME LIKE "+quote(col))
	}
	dataType := "DATA_TYPE"
	if ArgString(args, 4, "@ODBCVer") == "3" {
		dataType = fmt.Sprintf("CAST(CASE DATA_TYPE WHEN %d THEN 93 ELSE DATA_TYPE END AS smallint) AS DATA_TYPE", odbcDateTime2)
	}
	return s.runQueryText(ctx, out, "SELECT TABLE_QUALIFIER, TABLE_OWNER, TABLE_NAME, COLUMN_NAME, "+dataType+
		", TYPE_NAME, [PRECISION], LENGTH, SCALE, RADIX, NULLABLE, REMARKS, COLUMN_DEF, SQL_DATA_TYPE, SQL_DATETIME_SUB, CHAR_OCTET_LENGTH, ORDINAL_POSITION, IS_NULLABLE, SS_DATA_TYPE"+
		" FROM sys.spt_columns_odbc_view WHERE "+strings.Join(where, " AND ")+" ORDER BY TABLE_QUALIFIER, TABLE_OWNER, TABLE_NAME, ORDINAL_POSITION")
}
