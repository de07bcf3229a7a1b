package types

import "strconv"

// MaxLength is the Length of a (n)varchar(max) or varbinary(max) type.
const MaxLength = -1

// Limits of the declared length of character and binary types.
const (
	maxCharLength  = 8000 // char, varchar, binary, varbinary
	maxNCharLength = 4000 // nchar, nvarchar
	maxPrecision   = 38   // decimal, numeric
	maxTimeScale   = 7    // time, datetime2, datetimeoffset
	// DefaultCastLength is the length of char/varchar/nchar/nvarchar/binary/
	// varbinary without (n) in CAST and CONVERT (in DDL it is 1).
	DefaultCastLength = 30
)

// Type describes a SQL Server column, variable or expression type.
//
// Length is the declared n of char(n)/varchar(n)/binary(n)/varbinary(n) in
// bytes and of nchar(n)/nvarchar(n) in characters (byte pairs), or
// [MaxLength] for (max); it is 0 for other types. A character or binary
// Type with Length 0 (as in Type{ID: VarChar}) means "unspecified" and
// converts without truncation; the parser's CAST(x AS varchar) is
// varchar(30) via [ParseCastTypeName]. Precision and Scale are
// decimal/numeric's p and s and the fractional-seconds scale of time,
// datetime2 and datetimeoffset (other types have fixed values, see
// [Type.CatalogPrecision]). Collation applies to character types; its zero
// value is the server default SQL_Latin1_General_CP1_CI_AS.
type Type struct {
	ID        TypeID
	Length    int
	Precision uint8
	Scale     uint8
	Collation Collation
}

// Common types.
var (
	TypeBit      = Type{ID: Bit}
	TypeTinyInt  = Type{ID: TinyInt}
	TypeSmallInt = Type{ID: SmallInt}
	TypeInt      = Type{ID: Int}
	TypeBigInt   = Type{ID: BigInt}
	TypeFloat    = Type{ID: Float}
	TypeReal     = Type{ID: Real}
	TypeMoney    = Type{ID: Money}
	TypeDate     = Type{ID: Date}
	TypeDateTime = Type{ID: DateTime}
	TypeUUID     = Type{ID: UniqueIdentifier}
)

// DecimalType returns decimal(p,s).
func DecimalType(p, s uint8) Type { return Type{ID: Decimal, Precision: p, Scale: s} }

// VarCharType returns varchar(n) (n = MaxLength for varchar(max)).
func VarCharType(n int) Type { return Type{ID: VarChar, Length: n} }

// NVarCharType returns nvarchar(n) (n = MaxLength for nvarchar(max)).
func NVarCharType(n int) Type { return Type{ID: NVarChar, Length: n} }

// IsMax reports varchar(max), nvarchar(max) and varbinary(max).
func (t Type) IsMax() bool { return t.Length == MaxLength }

// ParseTypeName builds a Type from a name as written in DDL (int, VARCHAR,
// decimal, float, datetime2, ...), its parenthesized arguments and whether
// the argument was MAX. Defaults follow SQL Server DDL: char/varchar/nchar/
// nvarchar/binary/varbinary without n have length 1; decimal/numeric is
// (18,0) and decimal(p) is (p,0); float is float(53), float(1..24) is real;
// time/datetime2/datetimeoffset have scale 7. sysname is nvarchar(128) and
// rowversion/timestamp is binary(8). Errors are SQL Server's (131, 192,
// 243, 1001, 1002, 2716, 2750).
func ParseTypeName(name string, args []int, max bool) (Type, error) {
	return parseTypeName(name, args, max, 1)
}

// ParseCastTypeName is ParseTypeName with CAST/CONVERT's default length of
// 30 for character and binary types written without (n).
func ParseCastTypeName(name string, args []int, max bool) (Type, error) {
	return parseTypeName(name, args, max, DefaultCastLength)
}

func parseTypeName(name string, args []int, max bool, defLen int) (Type, error) {
	lname := lowerASCII(name)
	id, ok := typeNames[lname]
	if !ok {
		return Type{}, newErr(ErrUnknownType, 16, "Type %s is not a defined system type.", name)
	}
	noWidth := func() error {
		return newErr(2716, 16, "Column, parameter, or variable #1: Cannot specify a column width on data type %s.", name)
	}
	switch lname {
	case "sysname":
		if len(args) > 0 || max {
			return Type{}, noWidth()
		}
		return Type{ID: NVarChar, Length: 128}, nil
	case "rowversion", "timestamp":
		if len(args) > 0 || max {
			return Type{}, noWidth()
		}
		return Type{ID: Binary, Length: 8}, nil
	}
	t := Type{ID: id}
	switch id {
	case Text, NText, Image, XML, SQLVariant:
		if len(args) > 0 || max {
			return Type{}, noWidth()
		}
		return lobType(id), nil
	case Char, VarChar, NChar, NVarChar, Binary, VarBinary:
		limit := maxCharLength
		if id.IsUnicode() {
			limit = maxNCharLength
		}
		switch {
		case max:
			if id == Char || id == NChar || id == Binary {
				return Type{}, newErr(ErrInvalidParamLength, 15, "Line 1: Length or precision specification 0 is invalid.")
			}
			t.Length = MaxLength
		case len(args) == 0:
			t.Length = defLen
		case len(args) > 1:
			return Type{}, noWidth()
		case args[0] < 1:
			return Type{}, newErr(ErrInvalidParamLength, 15, "Line 1: Length or precision specification %d is invalid.", args[0])
		case args[0] > limit:
			return Type{}, newErr(ErrTypeSize, 15, "The size (%d) given to the type '%s' exceeds the maximum allowed for any data type (%d).", args[0], id.Name(), limit)
		default:
			t.Length = args[0]
		}
		return t, nil
	}
	if max {
		return Type{}, noWidth()
	}
	switch id {
	case Decimal, Numeric:
		t.Precision, t.Scale = 18, 0
		if len(args) > 2 {
			return Type{}, noWidth()
		}
		if len(args) >= 1 {
			if args[0] < 1 || args[0] > maxPrecision {
				return Type{}, errPrecision(args[0], maxPrecision)
			}
			t.Precision = uint8(args[0])
		}
		if len(args) == 2 {
			if args[1] < 0 || args[1] > int(t.Precision) {
				return Type{}, newErr(ErrScaleGtPrecision, 16, "The scale must be less than or equal to the precision.")
			}
			t.Scale = uint8(args[1])
		}
		return t, nil
	case Float:
		if len(args) > 1 {
			return Type{}, noWidth()
		}
		if len(args) == 1 {
			switch n := args[0]; {
			case n < 1:
				return Type{}, newErr(ErrInvalidParamLength, 15, "Line 1: Length or precision specification %d is invalid.", n)
			case n > 53:
				return Type{}, errPrecision(n, 53)
			case n <= 24:
				t.ID = Real
			}
		}
		return t, nil
	case Time, DateTime2, DateTimeOffset:
		t.Scale = maxTimeScale
		if len(args) > 1 {
			return Type{}, noWidth()
		}
		if len(args) == 1 {
			if args[0] < 0 || args[0] > maxTimeScale {
				return Type{}, newErr(ErrInvalidScale, 15, "Line 1: Specified scale %d is invalid.", args[0])
			}
			t.Scale = uint8(args[0])
		}
		return t, nil
	}
	if len(args) > 0 {
		return Type{}, noWidth()
	}
	return t, nil
}

func errPrecision(p, limit int) *Error {
	return newErr(ErrPrecisionTooBig, 16,
		"Column or parameter #1: Specified column precision %d is greater than the maximum precision of %d.", p, limit)
}

// String prints the type as SQL Server does: int, varchar(10),
// nvarchar(max), decimal(18,2), float, real, datetime2(7), time(3).
func (t Type) String() string {
	name := t.ID.Name()
	switch t.ID {
	case Char, VarChar, NChar, NVarChar, Binary, VarBinary:
		if t.Length == MaxLength {
			return name + "(max)"
		}
		return name + "(" + strconv.Itoa(t.Length) + ")"
	case Decimal, Numeric:
		return name + "(" + strconv.Itoa(int(t.Precision)) + "," + strconv.Itoa(int(t.Scale)) + ")"
	case Time, DateTime2, DateTimeOffset:
		return name + "(" + strconv.Itoa(int(t.Scale)) + ")"
	}
	return name
}

// CatalogMaxLength is sys.columns.max_length: the storage size in bytes, -1
// for (max) types, 2n for nchar(n)/nvarchar(n).
func (t Type) CatalogMaxLength() int16 {
	switch t.ID {
	case Char, VarChar, Binary, VarBinary:
		return int16(t.Length)
	case NChar, NVarChar:
		if t.Length == MaxLength {
			return -1
		}
		return int16(2 * t.Length)
	case Decimal, Numeric:
		return int16(decimalStorageSize(t.Precision))
	case Time:
		return int16(timeSize(t.Scale))
	case DateTime2:
		return int16(timeSize(t.Scale) + 3)
	case DateTimeOffset:
		return int16(timeSize(t.Scale) + 5)
	}
	return typeInfos[t.ID].maxLength
}

// CatalogPrecision is sys.columns.precision (0 for character types).
func (t Type) CatalogPrecision() uint8 {
	frac := func(base uint8) uint8 {
		if t.Scale == 0 {
			return base
		}
		return base + 1 + t.Scale
	}
	switch t.ID {
	case Decimal, Numeric:
		return t.Precision
	case Time:
		return frac(8)
	case DateTime2:
		return frac(19)
	case DateTimeOffset:
		return frac(26)
	}
	return typeInfos[t.ID].precision
}

// CatalogScale is sys.columns.scale.
func (t Type) CatalogScale() uint8 {
	switch t.ID {
	case Decimal, Numeric, Time, DateTime2, DateTimeOffset:
		return t.Scale
	}
	return typeInfos[t.ID].scale
}

// decimalStorageSize is the on-disk size SQL Server gives decimal(p,*).
func decimalStorageSize(p uint8) int {
	switch {
	case p <= 9:
		return 5
	case p <= 19:
		return 9
	case p <= 28:
		return 13
	}
	return 17
}

// timeSize is the size of the time part of time(n)/datetime2(n)/datetimeoffset(n).
func timeSize(scale uint8) int {
	switch {
	case scale <= 2:
		return 3
	case scale <= 4:
		return 4
	}
	return 5
}

// charLen is the declared length in characters of a character type (bytes
// for char/varchar, which are single-byte code page 1252 types).
func (t Type) charLen() int { return t.Length }
