package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.syscolumns and sys.systypes, SQL Server 2000's column and type
// tables, live on as compatibility views (FROM syscolumns and FROM
// systypes work too). Scripts of every age still read them:
//
//	SELECT c.name, t.name, c.length FROM syscolumns c
//	JOIN systypes t ON t.xusertype = c.xusertype WHERE c.id = OBJECT_ID('dbo.t') ORDER BY c.colid
//
// Both are built from the catalog views SQL Server defines them over
// (sys.columns, sys.parameters, sys.types: compat_derived.go). The legacy
// columns type and usertype carry SQL Server 2000's codes (legacyTypes).

// legacyType is a type's code in SQL Server 2000's systypes: type, the
// physical storage type a pre-7.0 client sees it as, and usertype.
type legacyType struct{ typ, usertype int16 }

// legacyTypes maps system_type_id to its legacy codes; a type not listed
// (one newer than SQL Server 2000) is stored as varbinary (37) or, for the
// character-like ones, varchar (39), with usertype 0.
var legacyTypes = map[uint8]legacyType{
	uint8(types.Char): {47, 1}, uint8(types.VarChar): {39, 2}, uint8(types.Binary): {45, 3}, uint8(types.VarBinary): {37, 4},
	uint8(types.TinyInt): {48, 5}, uint8(types.SmallInt): {52, 6}, uint8(types.Int): {56, 7}, uint8(types.Float): {62, 8},
	uint8(types.Numeric): {63, 10}, uint8(types.Money): {60, 11}, uint8(types.DateTime): {61, 12}, uint8(types.Bit): {50, 16},
	uint8(types.Text): {35, 19}, uint8(types.Image): {34, 20}, uint8(types.SmallMoney): {122, 21},
	uint8(types.SmallDateTime): {58, 22}, uint8(types.Real): {59, 23}, uint8(types.Decimal): {55, 24},
	uint8(types.NChar): {47, 0}, uint8(types.NVarChar): {39, 0}, uint8(types.NText): {35, 0}, uint8(types.BigInt): {63, 0},
	uint8(types.UniqueIdentifier): {37, 0}, uint8(types.SQLVariant): {39, 0}, uint8(types.XML): {35, 0},
	uint8(types.Date): {39, 0}, uint8(types.Time): {39, 0}, uint8(types.DateTime2): {39, 0}, uint8(types.DateTimeOffset): {39, 0},
	rowVersionTypeID: {45, 80},
}

// legacyTypeOf is the legacy codes of a type by its system and user type
// ids: sysname (user type 256) is usertype 18 as in SQL Server 2000.
func legacyTypeOf(system uint8, user int32) legacyType {
	if user == 256 {
		return legacyType{39, 18}
	}
	if lt, ok := legacyTypes[system]; ok {
		if user != int32(system) && user > 256 { // an alias type: its own id
			lt.usertype = int16(min(user, 32767))
		}
		return lt
	}
	return legacyType{37, 0}
}

// legacyPrecision is syscolumns.prec and systypes.prec: the character or
// byte count of a string or binary type (-1 for max), else the precision.
func legacyPrecision(system uint8, maxLength, precision int64) int16 {
	id := types.TypeID(system)
	switch {
	case id == types.XML || maxLength == -1:
		return -1
	case id == types.NChar || id == types.NVarChar:
		return int16(maxLength / 2)
	case id.IsString() || id.IsBinary() || system == rowVersionTypeID:
		return int16(maxLength)
	}
	return int16(precision)
}

// legacyScale is syscolumns.scale: NULL for a type without one.
func legacyScale(system uint8, scale int64) types.Value {
	switch types.TypeID(system) {
	case types.Decimal, types.Numeric, types.Money, types.SmallMoney, types.TinyInt, types.SmallInt, types.Int, types.BigInt,
		types.Bit, types.Float, types.Real, types.DateTime, types.SmallDateTime, types.Time, types.DateTime2, types.DateTimeOffset:
		return i32(int32(scale))
	}
	return types.Null(types.Int)
}

var syscolumnsCols = []vcol{{"name", vName}, {"id", vInt}, {"xtype", vTinyInt}, {"typestat", vTinyInt}, {"xusertype", vSmallInt},
	{"length", vSmallInt}, {"xprec", vTinyInt}, {"xscale", vTinyInt}, {"colid", vSmallInt}, {"xoffset", vSmallInt},
	{"bitpos", vTinyInt}, {"reserved", vTinyInt}, {"colstat", vSmallInt}, {"cdefault", vInt}, {"domain", vInt},
	{"number", vSmallInt}, {"colorder", vSmallInt}, {"autoval", types.Type{ID: types.VarBinary, Length: 8000}},
	{"offset", vSmallInt}, {"collationid", vInt}, {"language", vInt}, {"status", vTinyInt}, {"type", vTinyInt},
	{"usertype", vSmallInt}, {"printfmt", types.VarCharType(255)}, {"prec", vSmallInt}, {"scale", vInt},
	{"iscomputed", vInt}, {"isoutparam", vInt}, {"isnullable", vInt}, {"collation", vName},
	{"tdscollation", types.Type{ID: types.Binary, Length: 5}}}

// syscolumnsRows are the columns of every table and view (sys.columns) and
// the parameters of every module (sys.parameters, number 1).
func syscolumnsRows(s *Session, db Database) ([]Row, error) {
	cols, err := readView(s, db, "sys.columns")
	if err != nil {
		return nil, err
	}
	params, err := readView(s, db, "sys.parameters")
	if err != nil {
		return nil, err
	}
	sm := func(n int64) types.Value { return types.NewSmallInt(int16(n)) }
	ti := func(n int64) types.Value { return types.NewTinyInt(uint8(n)) }
	row := func(v viewRows, r Row, colid, number int64, nullable, identity, computed, output bool, cdefault int64) Row {
		system := uint8(v.int64Of(r, "system_type_id"))
		user := int32(v.int64Of(r, "user_type_id"))
		length, prec := v.int64Of(r, "max_length"), v.int64Of(r, "precision")
		id := types.TypeID(system)
		var status int64
		if nullable {
			status |= 0x08
		}
		if id == types.VarChar || id == types.VarBinary { // ANSI_PADDING is always ON
			status |= 0x10
		}
		if output {
			status |= 0x40
		}
		if identity {
			status |= 0x80
		}
		lt := legacyTypeOf(system, user)
		return Row{v.get(r, "name", vName), v.get(r, "object_id", vInt), ti(int64(system)), ti(0), sm(int64(min(user, 32767))),
			sm(length), ti(prec), ti(v.int64Of(r, "scale")), sm(colid), sm(0),
			ti(0), ti(0), sm(0), i32(int32(cdefault)), i32(0),
			sm(number), sm(colid), types.Null(types.VarBinary),
			sm(0), types.Null(types.Int), i32(0), ti(status), ti(int64(lt.typ)),
			sm(int64(lt.usertype)), types.Null(types.VarChar), sm(int64(legacyPrecision(system, length, prec))), legacyScale(system, v.int64Of(r, "scale")),
			i32(int32(b2i(computed))), i32(int32(b2i(output))), i32(int32(b2i(nullable))), v.get(r, "collation_name", vName),
			types.Null(types.Binary)}
	}
	out := make([]Row, 0, len(cols.rows)+len(params.rows))
	for _, r := range cols.rows {
		out = append(out, row(cols, r, cols.int64Of(r, "column_id"), 0, cols.int64Of(r, "is_nullable") != 0,
			cols.int64Of(r, "is_identity") != 0, cols.int64Of(r, "is_computed") != 0, false, cols.int64Of(r, "default_object_id")))
	}
	for _, r := range params.rows {
		if id := params.int64Of(r, "parameter_id"); id > 0 { // 0 is a function's return value
			out = append(out, row(params, r, id, 1, true, false, false, params.int64Of(r, "is_output") != 0, 0))
		}
	}
	return out, nil
}

var systypesCols = []vcol{{"name", vName}, {"xtype", vTinyInt}, {"status", vTinyInt}, {"xusertype", vSmallInt},
	{"length", vSmallInt}, {"xprec", vTinyInt}, {"xscale", vTinyInt}, {"tdefault", vInt}, {"domain", vInt},
	{"uid", vSmallInt}, {"reserved", vSmallInt}, {"collationid", vInt}, {"usertype", vSmallInt}, {"variable", vBit},
	{"allownulls", vBit}, {"type", vTinyInt}, {"printfmt", types.VarCharType(255)}, {"prec", vSmallInt},
	{"scale", vTinyInt}, {"collation", vName}}

// systypesRows are sys.types' rows (system and user-defined types).
func systypesRows(s *Session, db Database) ([]Row, error) {
	ts, err := readView(s, db, "sys.types")
	if err != nil {
		return nil, err
	}
	sm := func(n int64) types.Value { return types.NewSmallInt(int16(n)) }
	ti := func(n int64) types.Value { return types.NewTinyInt(uint8(n)) }
	out := make([]Row, 0, len(ts.rows))
	for _, r := range ts.rows {
		system, user := uint8(ts.int64Of(r, "system_type_id")), int32(ts.int64Of(r, "user_type_id"))
		length, prec, scale := ts.int64Of(r, "max_length"), ts.int64Of(r, "precision"), ts.int64Of(r, "scale")
		id := types.TypeID(system)
		variable := id == types.VarChar || id == types.NVarChar || id == types.VarBinary || id == types.Text ||
			id == types.NText || id == types.Image || id == types.SQLVariant || id == types.XML
		lt := legacyTypeOf(system, user)
		coll := types.Null(types.NVarChar)
		if collatable(id) {
			coll = str(s.catalogFor(db).Collation.Name())
		}
		scaleV := types.Null(types.TinyInt)
		if !legacyScale(system, scale).IsNull() {
			scaleV = ti(scale)
		}
		out = append(out, Row{ts.get(r, "name", vName), ti(int64(system)), ti(0), sm(int64(min(user, 32767))),
			sm(length), ti(prec), ti(scale), i32(0), i32(0),
			sm(ts.int64Of(r, "schema_id")), sm(0), types.Null(types.Int), sm(int64(lt.usertype)), bit(variable),
			bit(ts.int64Of(r, "is_nullable") != 0), ti(int64(lt.typ)), types.Null(types.VarChar), sm(int64(legacyPrecision(system, length, prec))),
			scaleV, coll})
	}
	return out, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func init() {
	compatViews["syscolumns"] = true
	compatViews["systypes"] = true
	systemViews["sys.syscolumns"] = &virtualTable{cols: syscolumnsCols, rows: syscolumnsRows}
	systemViews["sys.systypes"] = &virtualTable{cols: systypesCols, rows: systypesRows}
}
