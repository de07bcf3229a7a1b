package types

// TypeID identifies a SQL Server system type. Its value is the type's
// system_type_id in sys.types (which equals user_type_id for system types),
// so catalog views can print it directly.
type TypeID uint8

// System types. Unknown (0) is the type of an untyped NULL literal.
const (
	Unknown          TypeID = 0
	Image            TypeID = 34 // deprecated LOB: varbinary(max) semantics
	Text             TypeID = 35 // deprecated LOB: varchar(max) semantics
	UniqueIdentifier TypeID = 36
	Date             TypeID = 40
	Time             TypeID = 41
	DateTime2        TypeID = 42
	DateTimeOffset   TypeID = 43
	TinyInt          TypeID = 48
	SmallInt         TypeID = 52
	Int              TypeID = 56
	SmallDateTime    TypeID = 58
	Real             TypeID = 59
	Money            TypeID = 60
	DateTime         TypeID = 61
	Float            TypeID = 62
	SQLVariant       TypeID = 98 // values keep their base type, see variant.go
	NText            TypeID = 99 // deprecated LOB: nvarchar(max) semantics
	Bit              TypeID = 104
	Decimal          TypeID = 106
	Numeric          TypeID = 108
	SmallMoney       TypeID = 122
	BigInt           TypeID = 127
	VarBinary        TypeID = 165
	VarChar          TypeID = 167
	Binary           TypeID = 173
	Char             TypeID = 175
	NVarChar         TypeID = 231
	NChar            TypeID = 239
	XML              TypeID = 241 // untyped xml, stored as its text (lob.go)
)

// typeInfo is the static description of a system type: sys.types columns and
// SQL Server's data type precedence (docs: "Data type precedence
// (Transact-SQL)"; 1 = lowest here, so a higher number wins).
type typeInfo struct {
	name       string
	maxLength  int16 // sys.types.max_length
	precision  uint8 // sys.types.precision
	scale      uint8 // sys.types.scale
	precedence uint8
}

var typeInfos = [256]typeInfo{
	Unknown:          {"NULL", 0, 0, 0, 0},
	Binary:           {"binary", 8000, 0, 0, 1},
	VarBinary:        {"varbinary", 8000, 0, 0, 2},
	Char:             {"char", 8000, 0, 0, 3},
	VarChar:          {"varchar", 8000, 0, 0, 4},
	NChar:            {"nchar", 8000, 0, 0, 5},
	NVarChar:         {"nvarchar", 8000, 0, 0, 6},
	UniqueIdentifier: {"uniqueidentifier", 16, 0, 0, 7},
	Image:            {"image", 16, 0, 0, 9},
	Text:             {"text", 16, 0, 0, 10},
	NText:            {"ntext", 16, 0, 0, 11},
	Bit:              {"bit", 1, 1, 0, 12},
	TinyInt:          {"tinyint", 1, 3, 0, 13},
	SmallInt:         {"smallint", 2, 5, 0, 14},
	Int:              {"int", 4, 10, 0, 15},
	BigInt:           {"bigint", 8, 19, 0, 16},
	SmallMoney:       {"smallmoney", 4, 10, 4, 17},
	Money:            {"money", 8, 19, 4, 18},
	Decimal:          {"decimal", 17, 38, 38, 19},
	Numeric:          {"numeric", 17, 38, 38, 19},
	Real:             {"real", 4, 24, 0, 20},
	Float:            {"float", 8, 53, 0, 21},
	Time:             {"time", 5, 16, 7, 22},
	Date:             {"date", 3, 10, 0, 23},
	SmallDateTime:    {"smalldatetime", 4, 16, 0, 24},
	DateTime:         {"datetime", 8, 23, 3, 25},
	DateTime2:        {"datetime2", 8, 27, 7, 26},
	DateTimeOffset:   {"datetimeoffset", 10, 34, 7, 27},
	XML:              {"xml", -1, 0, 0, 28},
	SQLVariant:       {"sql_variant", 8016, 0, 0, 29},
}

// Valid reports whether t is a supported system type.
func (t TypeID) Valid() bool { return t == Unknown || typeInfos[t].name != "" }

// Name is the type's name as sys.types and error messages spell it.
func (t TypeID) Name() string {
	if n := typeInfos[t].name; n != "" {
		return n
	}
	return "unknown"
}

// String returns Name.
func (t TypeID) String() string { return t.Name() }

// msgName is the name used in conversion error messages: SQL Server calls
// decimal "numeric" there ("Error converting data type varchar to numeric.").
func (t TypeID) msgName() string {
	if t == Decimal {
		return "numeric"
	}
	return t.Name()
}

// Precedence is SQL Server's data type precedence; when an operator combines
// two types, the one with the higher precedence wins. Higher is stronger.
func (t TypeID) Precedence() int { return int(typeInfos[t].precedence) }

// IsInteger reports bit, tinyint, smallint, int and bigint.
func (t TypeID) IsInteger() bool {
	switch t {
	case Bit, TinyInt, SmallInt, Int, BigInt:
		return true
	}
	return false
}

// IsExactNumeric reports the integer types, decimal/numeric and the money types.
func (t TypeID) IsExactNumeric() bool {
	return t.IsInteger() || t == Decimal || t == Numeric || t == Money || t == SmallMoney
}

// IsNumeric reports every numeric type (exact and approximate).
func (t TypeID) IsNumeric() bool { return t.IsExactNumeric() || t == Real || t == Float }

// IsString reports char, varchar, nchar and nvarchar, and the string-backed
// LOB types text, ntext and xml (lob.go).
func (t TypeID) IsString() bool {
	return t == Char || t == VarChar || t == NChar || t == NVarChar || t == Text || t == NText || t == XML
}

// IsUnicode reports nchar and nvarchar (and ntext and xml).
func (t TypeID) IsUnicode() bool { return t == NChar || t == NVarChar || t == NText || t == XML }

// IsBinary reports binary and varbinary (and image).
func (t TypeID) IsBinary() bool { return t == Binary || t == VarBinary || t == Image }

// IsDateTime reports the date and time types.
func (t TypeID) IsDateTime() bool {
	switch t {
	case Date, Time, DateTime, SmallDateTime, DateTime2, DateTimeOffset:
		return true
	}
	return false
}

// isDecimal reports decimal or numeric (the same type under two names).
func (t TypeID) isDecimal() bool { return t == Decimal || t == Numeric }

// SysTypeRow is one row of sys.types for a system type.
type SysTypeRow struct {
	Name         string
	SystemTypeID uint8
	UserTypeID   int32
	MaxLength    int16
	Precision    uint8
	Scale        uint8
	IsNullable   bool
}

// SysTypes lists the supported system types as sys.types shows them, in
// system_type_id order.
func SysTypes() []SysTypeRow {
	var rows []SysTypeRow
	for id := 1; id < len(typeInfos); id++ {
		ti := typeInfos[id]
		if ti.name == "" {
			continue
		}
		rows = append(rows, SysTypeRow{Name: ti.name, SystemTypeID: uint8(id), UserTypeID: int32(id),
			MaxLength: ti.maxLength, Precision: ti.precision, Scale: ti.scale, IsNullable: true})
	}
	return rows
}

// LookupTypeID finds a system type by its (case-insensitive) name, including
// the synonyms SQL Server accepts (integer, dec, double precision is not a
// single token and is handled by the parser as "float").
func LookupTypeID(name string) (TypeID, bool) {
	id, ok := typeNames[lowerASCII(name)]
	return id, ok
}

var typeNames = map[string]TypeID{
	"bit": Bit, "tinyint": TinyInt, "smallint": SmallInt, "int": Int, "integer": Int, "bigint": BigInt,
	"decimal": Decimal, "dec": Decimal, "numeric": Numeric, "money": Money, "smallmoney": SmallMoney,
	"real": Real, "float": Float, "char": Char, "character": Char, "varchar": VarChar,
	"nchar": NChar, "nvarchar": NVarChar, "binary": Binary, "varbinary": VarBinary,
	"date": Date, "time": Time, "datetime": DateTime, "smalldatetime": SmallDateTime,
	"datetime2": DateTime2, "datetimeoffset": DateTimeOffset, "uniqueidentifier": UniqueIdentifier,
	"sysname": NVarChar, "double precision": Float, "char varying": VarChar, "character varying": VarChar,
	"national char": NChar, "national character": NChar, "national char varying": NVarChar,
	"national character varying": NVarChar, "binary varying": VarBinary, "rowversion": Binary, "timestamp": Binary,
	"text": Text, "ntext": NText, "image": Image, "xml": XML, "sql_variant": SQLVariant,
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
