package exec

import (
	"context"
	"sort"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sp_datatype_info (ODBC SQLGetTypeInfo) and sp_server_info (what ODBC
// drivers and linked-server code ask about the DBMS).

var datatypeInfoCols = []vcol{{"TYPE_NAME", vName}, {"DATA_TYPE", vSmallInt}, {"PRECISION", vInt},
	{"LITERAL_PREFIX", types.VarCharType(32)}, {"LITERAL_SUFFIX", types.VarCharType(32)}, {"CREATE_PARAMS", types.VarCharType(32)},
	{"NULLABLE", vSmallInt}, {"CASE_SENSITIVE", vSmallInt}, {"SEARCHABLE", vSmallInt}, {"UNSIGNED_ATTRIBUTE", vSmallInt},
	{"MONEY", vSmallInt}, {"AUTO_INCREMENT", vSmallInt}, {"LOCAL_TYPE_NAME", vName}, {"MINIMUM_SCALE", vSmallInt},
	{"MAXIMUM_SCALE", vSmallInt}, {"SQL_DATA_TYPE", vSmallInt}, {"SQL_DATETIME_SUB", vSmallInt}, {"NUM_PREC_RADIX", vInt},
	{"INTERVAL_PRECISION", vSmallInt}, {"USERTYPE", vSmallInt}}

// typeInfo is one row of sp_datatype_info. Numbers of -1 in the optional
// fields stand for NULL.
type typeInfo struct {
	name           string
	code2, code3   int // DATA_TYPE for ODBC 2 and 3 (they differ for the datetime family)
	precision      int
	prefix, suffix string // "" = NULL
	params         string // CREATE_PARAMS; "" = NULL
	nullable       int
	searchable     int // 0 none, 1 LIKE only, 2 all but LIKE, 3 all
	unsigned       int // -1 = NULL (not numeric)
	money          int
	autoInc        int // -1 = NULL
	minScale       int // -1 = NULL
	maxScale       int
	sub            int // SQL_DATETIME_SUB (1 date, 2 time, 3 timestamp); 0 = not a datetime type
	radix          int // -1 = NULL
	userType       int // systypes.usertype; -1 = NULL
	newDate        bool
}

// odbcTypes is the type list in SQL Server's order: by DATA_TYPE, then the
// closest match to the ODBC type first. The date and time types of SQL
// Server 2008 (newDate) have their own codes only in sp_datatype_info_100
// (what FreeTDS calls over TDS 7.3 and later); the older procedures
// report them as nvarchar (-9), as sp_columns does.
var odbcTypes = []typeInfo{
	{"datetimeoffset", -155, -155, 34, "'", "'", "scale", 1, 3, -1, 0, -1, 0, 7, 0, -1, 0, true},
	{"time", -154, -154, 16, "'", "'", "scale", 1, 3, -1, 0, -1, 0, 7, 0, -1, 0, true},
	{"xml", -152, -152, 0, "N'", "'", "", 1, 0, -1, 0, -1, -1, -1, 0, -1, 0, false},
	{"sql_variant", -150, -150, 8000, "", "", "", 1, 2, -1, 0, -1, 0, 0, 0, 10, 0, false},
	{"uniqueidentifier", -11, -11, 36, "'", "'", "", 1, 2, -1, 0, -1, -1, -1, 0, -1, 0, false},
	{"ntext", -10, -10, 1073741823, "N'", "'", "", 1, 1, -1, 0, -1, -1, -1, 0, -1, 0, false},
	{"nvarchar", -9, -9, 4000, "N'", "'", "max length", 1, 3, -1, 0, -1, -1, -1, 0, -1, 0, false},
	{"sysname", -9, -9, 128, "N'", "'", "", 0, 3, -1, 0, -1, -1, -1, 0, -1, 18, false},
	{"nchar", -8, -8, 4000, "N'", "'", "length", 1, 3, -1, 0, -1, -1, -1, 0, -1, 0, false},
	{"bit", -7, -7, 1, "", "", "", 1, 2, -1, 0, -1, 0, 0, 0, -1, 16, false},
	{"tinyint", -6, -6, 3, "", "", "", 1, 2, 1, 0, 0, 0, 0, 0, 10, 5, false},
	{"tinyint identity", -6, -6, 3, "", "", "", 0, 2, 1, 0, 1, 0, 0, 0, 10, 5, false},
	{"bigint", -5, -5, 19, "", "", "", 1, 2, 0, 0, 0, 0, 0, 0, 10, 0, false},
	{"bigint identity", -5, -5, 19, "", "", "", 0, 2, 0, 0, 1, 0, 0, 0, 10, 0, false},
	{"image", -4, -4, 2147483647, "0x", "", "", 1, 0, -1, 0, -1, -1, -1, 0, -1, 20, false},
	{"varbinary", -3, -3, 8000, "0x", "", "max length", 1, 2, -1, 0, -1, -1, -1, 0, -1, 4, false},
	{"binary", -2, -2, 8000, "0x", "", "length", 1, 2, -1, 0, -1, -1, -1, 0, -1, 3, false},
	{"timestamp", -2, -2, 8, "0x", "", "", 0, 2, -1, 0, -1, -1, -1, 0, -1, 80, false},
	{"text", -1, -1, 2147483647, "'", "'", "", 1, 1, -1, 0, -1, -1, -1, 0, -1, 19, false},
	{"char", 1, 1, 8000, "'", "'", "length", 1, 3, -1, 0, -1, -1, -1, 0, -1, 1, false},
	{"numeric", 2, 2, 38, "", "", "precision,scale", 1, 2, 0, 0, 0, 0, 38, 0, 10, 10, false},
	{"numeric() identity", 2, 2, 38, "", "", "precision", 0, 2, 0, 0, 1, 0, 0, 0, 10, 10, false},
	{"decimal", 3, 3, 38, "", "", "precision,scale", 1, 2, 0, 0, 0, 0, 38, 0, 10, 24, false},
	{"money", 3, 3, 19, "$", "", "", 1, 2, 0, 1, 0, 4, 4, 0, 10, 11, false},
	{"smallmoney", 3, 3, 10, "$", "", "", 1, 2, 0, 1, 0, 4, 4, 0, 10, 21, false},
	{"decimal() identity", 3, 3, 38, "", "", "precision", 0, 2, 0, 0, 1, 0, 0, 0, 10, 24, false},
	{"int", 4, 4, 10, "", "", "", 1, 2, 0, 0, 0, 0, 0, 0, 10, 7, false},
	{"int identity", 4, 4, 10, "", "", "", 0, 2, 0, 0, 1, 0, 0, 0, 10, 7, false},
	{"smallint", 5, 5, 5, "", "", "", 1, 2, 0, 0, 0, 0, 0, 0, 10, 6, false},
	{"smallint identity", 5, 5, 5, "", "", "", 0, 2, 0, 0, 1, 0, 0, 0, 10, 6, false},
	{"float", 6, 6, 53, "", "", "", 1, 2, 0, 0, 0, -1, -1, 0, 2, 8, false},
	{"real", 7, 7, 24, "", "", "", 1, 2, 0, 0, 0, -1, -1, 0, 2, 23, false},
	{"varchar", 12, 12, 8000, "'", "'", "max length", 1, 3, -1, 0, -1, -1, -1, 0, -1, 2, false},
	{"date", 9, 91, 10, "'", "'", "", 1, 3, -1, 0, -1, -1, -1, 1, -1, 0, true},
	{"datetime2", 11, 93, 27, "'", "'", "scale", 1, 3, -1, 0, -1, 0, 7, 3, -1, 0, true},
	{"datetime", 11, 93, 23, "'", "'", "", 1, 3, -1, 0, -1, 3, 3, 3, -1, 12, false},
	{"smalldatetime", 11, 93, 16, "'", "'", "", 1, 3, -1, 0, -1, 0, 0, 3, -1, 22, false},
}

// spDatatypeInfo returns sp_datatype_info, sp_datatype_info_90 or (v100)
// sp_datatype_info_100: @data_type (0 or absent: all; else the rows of that
// ODBC type code), @ODBCVer (2 or 3: the datetime family's codes). Only
// the _100 variant gives date, time, datetime2 and datetimeoffset their own
// codes; the others list them as nvarchar, as SQL Server's do.
func spDatatypeInfo(v100 bool) SystemProc {
	return func(_ context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		want, _ := ArgInt(args, 0, "@data_type")
		ver, _ := ArgInt(args, 1, "@ODBCVer")
		return 0, s.sendCatalog(out, datatypeInfoCols, typeInfoRows(int(want), ver == 3, v100))
	}
}

// typeInfoRows is sp_datatype_info's rows for one variant: want is the
// requested type code (0: all), odbc3 the ODBC version, v100 whether the
// 2008 date and time types keep their own codes.
func typeInfoRows(want int, odbc3, v100 bool) []Row {
	opt := func(n int) types.Value {
		if n < 0 {
			return types.Null(types.SmallInt)
		}
		return i16(n)
	}
	text := func(s string) types.Value {
		if s == "" {
			return types.Null(types.VarChar)
		}
		return vc(s)
	}
	type keyed struct {
		code     int
		downDate bool // a 2008 date type listed as nvarchar: after the real ones
		row      Row
	}
	var rows []keyed
	for _, ti := range odbcTypes {
		code, sqlType, sub := ti.code2, ti.code2, opt(-1)
		if odbc3 {
			code = ti.code3
		}
		precision, minScale, maxScale, params := ti.precision, ti.minScale, ti.maxScale, ti.params
		if ti.sub != 0 {
			sqlType, sub = 9, i16(ti.sub)
		}
		if ti.newDate && !v100 {
			// Down-level clients see the 2008 types as nvarchar of their
			// longest literal.
			code, sqlType, sub, minScale, maxScale, params = odbcWVarChar, odbcWVarChar, opt(-1), -1, -1, ""
		}
		if want != 0 && code != want {
			continue
		}
		radix := types.Null(types.Int)
		if ti.radix >= 0 {
			radix = i32(int32(ti.radix))
		}
		rows = append(rows, keyed{code, ti.newDate && !v100, Row{str(ti.name), i16(code), i32(int32(precision)), text(ti.prefix), text(ti.suffix), text(params),
			i16(ti.nullable), i16(0), i16(ti.searchable), opt(ti.unsigned), i16(ti.money), opt(ti.autoInc), str(ti.name),
			opt(minScale), opt(maxScale), i16(sqlType), sub, radix, opt(-1), opt(ti.userType)}})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].code != rows[j].code {
			return rows[i].code < rows[j].code
		}
		return !rows[i].downDate && rows[j].downDate
	})
	out := make([]Row, len(rows))
	for i, r := range rows {
		out[i] = r.row
	}
	return out
}

var serverInfoCols = []vcol{{"ATTRIBUTE_ID", vInt}, {"ATTRIBUTE_NAME", types.VarCharType(60)}, {"ATTRIBUTE_VALUE", types.VarCharType(255)}}

// serverInfo is sp_server_info's attribute list (SQL Server's spt_server_info
// rows), with the version attributes filled in by the session.
var serverInfo = []struct {
	id          int32
	name, value string
}{
	{1, "DBMS_NAME", "Microsoft SQL Server"},
	{2, "DBMS_VER", ""},
	{10, "OWNER_TERM", "owner"},
	{11, "TABLE_TERM", "table"},
	{12, "MAX_OWNER_NAME_LENGTH", "128"},
	{13, "TABLE_LENGTH", "128"},
	{14, "MAX_QUAL_LENGTH", "128"},
	{15, "COLUMN_LENGTH", "128"},
	{16, "IDENTIFIER_CASE", "MIXED"},
	{17, "TX_ISOLATION", "2"},
	{18, "COLLATION_SEQ", "charset=iso_1 sort_order=nocase_iso charset_num=1 sort_order_num=52"},
	{19, "SAVEPOINT_SUPPORT", "Y"},
	{20, "MULTI_RESULT_SETS", "Y"},
	{22, "ACCESSIBLE_TABLES", "Y"},
	{100, "USERID_LENGTH", "128"},
	{101, "QUALIFIER_TERM", "database"},
	{102, "NAMED_TRANSACTIONS", "Y"},
	{103, "SPROC_AS_LANGUAGE", "Y"},
	{104, "ACCESSIBLE_SPROC", "Y"},
	{105, "MAX_INDEX_COLS", "16"},
	{106, "RENAME_TABLE", "Y"},
	{107, "RENAME_COLUMN", "Y"},
	{108, "DROP_COLUMN", "Y"},
	{109, "INCREASE_COLUMN_LENGTH", "Y"},
	{110, "DDL_IN_TRANSACTION", "Y"},
	{111, "DESCENDING_INDEXES", "Y"},
	{112, "SP_RENAME", "Y"},
	{113, "REMOTE_SPROC", "Y"},
	{500, "SYS_SPROC_VERSION", ""},
}

// spServerInfo is sp_server_info [@attribute_id]: all attributes, or the
// one asked for. DBMS_VER is @@VERSION's first line; SYS_SPROC_VERSION the
// product version.
func (s *Session) spServerInfo(_ context.Context, args []*ProcArg, out Output) (int32, error) {
	want, filtered := ArgInt(args, 0, "@attribute_id")
	var rows []Row
	for _, a := range serverInfo {
		if filtered && int64(a.id) != want {
			continue
		}
		v := a.value
		switch a.id {
		case 2:
			v = s.VersionString()
			for i, r := range v {
				if r == '\n' {
					v = v[:i]
					break
				}
			}
			if len(v) > 255 {
				v = v[:255]
			}
		case 500:
			v = ProductVersion
		}
		rows = append(rows, Row{i32(a.id), vc(a.name), vc(v)})
	}
	return 0, s.sendCatalog(out, serverInfoCols, rows)
}
