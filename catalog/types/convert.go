package types

// ConvertOptions carries the session settings that affect conversions.
type ConvertOptions struct {
	// DateFormat is SET DATEFORMAT, used to read numeric dates when the
	// CONVERT style does not fix the order.
	DateFormat DateFormat
}

// Convert implements CAST(v AS to) (style 0) and CONVERT(to, v, style)
// with SQL Server's rules and errors, under the default session settings
// (DATEFORMAT mdy). NULL converts to a NULL of the target type.
//
// Highlights: numbers to integers truncate toward zero (money rounds);
// to decimal(p,s), money and datetime values round half away from zero;
// strings to shorter char/varchar/binary truncate silently (an INSERT
// checks with [CheckFits] first, error 2628); integers to a too-short
// varchar give '*', decimals 8115; datetime rounds to 1/300 s
// (.000/.003/.007) and smalldatetime to the minute. Conversions SQL Server
// forbids give 529.
func Convert(v Value, to Type, style int) (Value, error) {
	return ConvertWith(v, to, style, ConvertOptions{})
}

// ConvertWith is Convert with explicit session settings.
func ConvertWith(v Value, to Type, style int, o ConvertOptions) (Value, error) {
	if !v.ok {
		return Value{id: to.ID}, nil
	}
	if !CanConvertExplicit(v.id, to.ID) {
		return Value{}, errExplicit(v.id, to.ID)
	}
	switch {
	case to.ID == SQLVariant:
		return toVariant(v)
	case to.ID.IsInteger():
		return toInteger(v, to.ID)
	case to.ID.isDecimal():
		return toDecimal(v, to)
	case to.ID == Money || to.ID == SmallMoney:
		return toMoney(v, to.ID)
	case to.ID == Float || to.ID == Real:
		return toFloat(v, to.ID)
	case to.ID.IsString():
		return toString(v, to, style)
	case to.ID.IsBinary():
		return toBinary(v, to, style)
	case to.ID == UniqueIdentifier:
		return toGUID(v)
	case to.ID.IsDateTime():
		return toDateTime(v, to, style, o)
	}
	return Value{}, errExplicit(v.id, to.ID)
}

// ImplicitConvert converts v to type to as SQL Server does without CAST
// (assignment to a column or variable, operands of operators): 257 when
// only an explicit conversion exists, 206 for types that never convert.
func ImplicitConvert(v Value, to Type) (Value, error) {
	return ImplicitConvertWith(v, to, ConvertOptions{})
}

// ImplicitConvertWith is ImplicitConvert with explicit session settings.
func ImplicitConvertWith(v Value, to Type, o ConvertOptions) (Value, error) {
	if v.id == to.ID && !to.ID.IsString() && !to.ID.IsBinary() && !to.ID.isDecimal() &&
		(v.scale == to.Scale || !to.ID.IsDateTime()) {
		return v, nil
	}
	if !v.ok {
		return Value{id: to.ID}, nil
	}
	if !CanConvertImplicit(v.id, to.ID) {
		if CanConvertExplicit(v.id, to.ID) {
			return Value{}, errImplicit(v.id, to.ID)
		}
		return Value{}, errOperandClash(v.id, to.ID)
	}
	return ConvertWith(v, to, 0, o)
}

// typeClass groups types for the conversion tables.
type typeClass uint8

const (
	classNone typeClass = iota
	classInt
	classDecimal
	classMoney
	classFloat
	classString
	classBinary
	classGUID
	classDate     // date
	classTime     // time
	classDateTime // datetime, smalldatetime
	classDT2      // datetime2, datetimeoffset
	classVariant  // sql_variant: any base type converts to and from it
)

func classOf(t TypeID) typeClass {
	switch t {
	case Bit, TinyInt, SmallInt, Int, BigInt:
		return classInt
	case Decimal, Numeric:
		return classDecimal
	case Money, SmallMoney:
		return classMoney
	case Real, Float:
		return classFloat
	case Char, VarChar, NChar, NVarChar, Text, NText, XML:
		return classString
	case Binary, VarBinary, Image:
		return classBinary
	case SQLVariant:
		return classVariant
	case UniqueIdentifier:
		return classGUID
	case Date:
		return classDate
	case Time:
		return classTime
	case DateTime, SmallDateTime:
		return classDateTime
	case DateTime2, DateTimeOffset:
		return classDT2
	}
	return classNone
}

func isNumClass(c typeClass) bool {
	return c == classInt || c == classDecimal || c == classMoney || c == classFloat
}

// CanConvertExplicit reports whether CAST/CONVERT from one type to the
// other is allowed (SQL Server's conversion chart). Unknown (NULL) converts
// to anything. Binary ↔ decimal/float/date conversions, which depend on
// SQL Server's internal storage formats, are not supported.
func CanConvertExplicit(from, to TypeID) bool {
	if from == Unknown || from == to {
		return true
	}
	if from == XML || to == XML {
		// xml converts only to and from character and binary strings.
		other := from
		if from == XML {
			other = to
		}
		switch other {
		case Char, VarChar, NChar, NVarChar, Binary, VarBinary:
			return true
		}
		return false
	}
	f, t := classOf(from), classOf(to)
	switch {
	case f == classNone || t == classNone:
		return false
	case f == classVariant || t == classVariant:
		return true
	case f == classString || t == classString:
		return true
	case isNumClass(f) && isNumClass(t):
		return true
	case f == classDateTime && (isNumClass(t) || t == classDate || t == classTime || t == classDT2 || t == classDateTime):
		return true
	case isNumClass(f) && t == classDateTime:
		return true
	case f == classBinary:
		return t == classBinary || t == classInt || t == classMoney || t == classGUID
	case t == classBinary:
		return f == classInt || f == classMoney || f == classGUID
	case f == classGUID || t == classGUID:
		return false
	case f == classDate:
		return t == classDateTime || t == classDT2 || t == classDate
	case f == classTime:
		return t == classDateTime || t == classDT2 || t == classTime
	case f == classDT2:
		return t == classDate || t == classTime || t == classDateTime || t == classDT2
	}
	return false
}

// CanConvertImplicit reports whether SQL Server converts from one type to
// the other without CAST. It differs from explicit conversion for
// date/time → numbers, numbers → binary and character → binary.
func CanConvertImplicit(from, to TypeID) bool {
	if !CanConvertExplicit(from, to) {
		return false
	}
	f, t := classOf(from), classOf(to)
	switch {
	case f == classDateTime && isNumClass(t):
		return false
	case t == classBinary && (f == classString || isNumClass(f)):
		return false
	}
	return true
}
