package tds

import (
	"encoding/binary"
	"fmt"
)

// Wire type ids ([MS-TDS] 2.2.5.4.1-2.2.5.4.3).
const (
	typeNull           = 0x1F
	typeInt1           = 0x30
	typeBit            = 0x32
	typeInt2           = 0x34
	typeInt4           = 0x38
	typeDateTim4       = 0x3A
	typeFlt4           = 0x3B
	typeMoney          = 0x3C
	typeDateTime       = 0x3D
	typeFlt8           = 0x3E
	typeMoney4         = 0x7A
	typeInt8           = 0x7F
	typeGUID           = 0x24
	typeIntN           = 0x26
	typeDecimalN       = 0x6A
	typeNumericN       = 0x6C
	typeBitN           = 0x68
	typeFltN           = 0x6D
	typeMoneyN         = 0x6E
	typeDateTimeN      = 0x6F
	typeDateN          = 0x28
	typeTimeN          = 0x29
	typeDateTime2N     = 0x2A
	typeDateTimeOffset = 0x2B
	typeBigVarBin      = 0xA5
	typeBigVarChar     = 0xA7
	typeBigBinary      = 0xAD
	typeBigChar        = 0xAF
	typeNVarChar       = 0xE7
	typeNChar          = 0xEF
	typeText           = 0x23 // legacy LOB types: RPC parameters, and (max) columns for TDS 7.1 clients
	typeNText          = 0x63
	typeImage          = 0x22
	typeXML            = 0xF1 // PLP UTF-16LE, TDS 7.2+
)

// MaxLength as a TypeInfo length selects the (max) variant of varchar, nvarchar
// and varbinary, sent as PLP ([MS-TDS] 2.2.5.2.3).
const MaxLength = -1

// plpMarker is the USHORT max length that marks a PLP type on the wire.
const plpMarker = 0xFFFF

// Collation is the 5-byte wire collation ([MS-TDS] 2.2.5.1.2).
type Collation [5]byte

// DefaultCollation is SQL_Latin1_General_CP1_CI_AS (LCID 0x0409, flags 0x0D, SortId 52).
var DefaultCollation = Collation{0x09, 0x04, 0xD0, 0x00, 0x34}

// UTF8 reports the collation's UTF8 flag (ColFlags 0x40; ColFlags occupies bits
// 20-27 of the little-endian first four bytes, so the flag is bit 2 of byte 3).
func (c Collation) UTF8() bool { return c[3]&0x04 != 0 }

// TypeInfo describes a column's or parameter's type ([MS-TDS] 2.2.5.6 TYPE_INFO).
// Build it with the Type* constructors. Length is the maximum length in bytes of
// variable-length types (MaxLength for (max)), and the value size of the
// fixed-size-in-a-family types (INTN 1/2/4/8, FLTN 4/8, MONEYN 4/8, DATETIMN 4/8).
type TypeInfo struct {
	ID        byte
	Length    int
	Precision uint8
	Scale     uint8
	Collation Collation
}

// Type constructors. Integers are sent as INTN, bit as BITN, real/float as FLTN,
// money as MONEYN, datetime as DATETIMN: the nullable forms, which SQL Server
// uses for nullable columns, parameters and RETURNVALUE. A NOT NULL result
// column takes Fixed's form instead.
func TypeBit() TypeInfo        { return TypeInfo{ID: typeBitN, Length: 1} }
func TypeTinyInt() TypeInfo    { return TypeInfo{ID: typeIntN, Length: 1} }
func TypeSmallInt() TypeInfo   { return TypeInfo{ID: typeIntN, Length: 2} }
func TypeInt() TypeInfo        { return TypeInfo{ID: typeIntN, Length: 4} }
func TypeBigInt() TypeInfo     { return TypeInfo{ID: typeIntN, Length: 8} }
func TypeReal() TypeInfo       { return TypeInfo{ID: typeFltN, Length: 4} }
func TypeFloat() TypeInfo      { return TypeInfo{ID: typeFltN, Length: 8} }
func TypeSmallMoney() TypeInfo { return TypeInfo{ID: typeMoneyN, Length: 4} }
func TypeMoney() TypeInfo      { return TypeInfo{ID: typeMoneyN, Length: 8} }
func TypeDateTime() TypeInfo   { return TypeInfo{ID: typeDateTimeN, Length: 8} }
func TypeSmallDateTime() TypeInfo {
	return TypeInfo{ID: typeDateTimeN, Length: 4}
}
func TypeUniqueIdentifier() TypeInfo { return TypeInfo{ID: typeGUID, Length: 16} }
func TypeDate() TypeInfo             { return TypeInfo{ID: typeDateN, Length: 3} }

// TypeDecimal and TypeNumeric take precision 1..38 and scale 0..precision.
func TypeDecimal(precision, scale uint8) TypeInfo {
	return TypeInfo{ID: typeDecimalN, Length: decimalSize(precision), Precision: precision, Scale: scale}
}
func TypeNumeric(precision, scale uint8) TypeInfo {
	return TypeInfo{ID: typeNumericN, Length: decimalSize(precision), Precision: precision, Scale: scale}
}

// TypeTime, TypeDateTime2 and TypeDateTimeOffset take a fractional-second scale 0..7.
func TypeTime(scale uint8) TypeInfo {
	return TypeInfo{ID: typeTimeN, Length: timeSize(scale), Scale: scale}
}
func TypeDateTime2(scale uint8) TypeInfo {
	return TypeInfo{ID: typeDateTime2N, Length: timeSize(scale) + 3, Scale: scale}
}
func TypeDateTimeOffset(scale uint8) TypeInfo {
	return TypeInfo{ID: typeDateTimeOffset, Length: timeSize(scale) + 5, Scale: scale}
}

// String types take a length in characters (bytes for char/varchar) or MaxLength;
// they use DefaultCollation.
func TypeVarChar(n int) TypeInfo  { return strType(typeBigVarChar, n, 1) }
func TypeChar(n int) TypeInfo     { return strType(typeBigChar, n, 1) }
func TypeNVarChar(n int) TypeInfo { return strType(typeNVarChar, n, 2) }
func TypeNChar(n int) TypeInfo    { return strType(typeNChar, n, 2) }
func TypeVarBinary(n int) TypeInfo {
	t := strType(typeBigVarBin, n, 1)
	t.Collation = Collation{}
	return t
}
func TypeBinary(n int) TypeInfo {
	t := strType(typeBigBinary, n, 1)
	t.Collation = Collation{}
	return t
}

// Legacy LOB column types ([MS-TDS] 2.2.5.4.3): text and image hold up to
// 2^31-1 bytes, ntext 2^30-1 characters; values carry a TEXTPTR (2.2.5.2.4).
// Clients before TDS 7.2 also receive (max) columns as these (downlevel.go).
func TypeText() TypeInfo {
	return TypeInfo{ID: typeText, Length: legacyLOBLength, Collation: DefaultCollation}
}
func TypeNText() TypeInfo {
	return TypeInfo{ID: typeNText, Length: legacyLOBLength - 1, Collation: DefaultCollation}
}
func TypeImage() TypeInfo { return TypeInfo{ID: typeImage, Length: legacyLOBLength} }

// TypeXML is untyped xml (no schema collection), sent as PLP UTF-16LE
// ([MS-TDS] 2.2.5.4.3 XMLTYPE, 2.2.5.2.3); values are strings. Clients before TDS
// 7.2 receive it as ntext.
func TypeXML() TypeInfo { return TypeInfo{ID: typeXML, Length: MaxLength} }

func strType(id byte, n, unit int) TypeInfo {
	if n < 0 {
		return TypeInfo{ID: id, Length: MaxLength, Collation: DefaultCollation}
	}
	return TypeInfo{ID: id, Length: n * unit, Collation: DefaultCollation}
}

// IsPLP reports whether values of t travel as PLP ([MS-TDS] 2.2.5.2.3).
func (t TypeInfo) IsPLP() bool { return t.ID == typeXML || (t.Length == MaxLength && isShortLen(t.ID)) }

// Fixed returns the type SQL Server sends for a NOT NULL result column of
// t's type: the fixed-length type ([MS-TDS] 2.2.5.4.1 FIXEDLENTYPE, no length
// byte in TYPE_INFO or in values) for the nullable families — INT1TYPE,
// INT2TYPE, INT4TYPE or INT8TYPE for INTN, BITTYPE for BITN, FLT4TYPE or
// FLT8TYPE for FLTN, MONEY4TYPE or MONEYTYPE for MONEYN, DATETIM4TYPE or
// DATETIMETYPE for DATETIMN. Every other type is returned unchanged:
// uniqueidentifier, decimal/numeric, date/time types and strings have no
// fixed form and are sent as they are with fNullable clear.
//
// A fixed-length column cannot carry NULL in a ROW token; a NULL that
// reaches one anyway (a NOT NULL inference gone wrong) travels in an NBCROW
// bitmap to TDS 7.3B+ clients and is an encoding error for older ones.
// RETURNVALUE and RPC output parameters keep the nullable forms, as SQL
// Server sends them.
func (t TypeInfo) Fixed() TypeInfo {
	if f := fixedOf(t); f.ID != 0 {
		return f
	}
	return t
}

func isShortLen(id byte) bool {
	switch id {
	case typeBigVarBin, typeBigVarChar, typeBigBinary, typeBigChar, typeNVarChar, typeNChar:
		return true
	}
	return false
}

func hasCollation(id byte) bool {
	switch id {
	case typeBigVarChar, typeBigChar, typeNVarChar, typeNChar:
		return true
	}
	return false
}

// decimalSize is the value size for a decimal precision ([MS-TDS] 2.2.5.5.1.5).
func decimalSize(p uint8) int {
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

// timeSize is the size of the time part for a scale ([MS-TDS] 2.2.5.5.1.8).
func timeSize(scale uint8) int {
	switch {
	case scale <= 2:
		return 3
	case scale <= 4:
		return 4
	}
	return 5
}

// fixedSize returns the value size of a fixed-length type id, or -1.
func fixedSize(id byte) int {
	switch id {
	case typeNull:
		return 0
	case typeInt1, typeBit:
		return 1
	case typeInt2:
		return 2
	case typeInt4, typeDateTim4, typeFlt4, typeMoney4:
		return 4
	case typeMoney, typeDateTime, typeFlt8, typeInt8:
		return 8
	}
	return -1
}

// appendTypeInfo appends TYPE_INFO for t ([MS-TDS] 2.2.5.6).
func appendTypeInfo(b []byte, t TypeInfo) []byte {
	b = append(b, t.ID)
	switch t.ID {
	case typeIntN, typeBitN, typeFltN, typeMoneyN, typeDateTimeN, typeGUID:
		b = append(b, byte(t.Length))
	case typeDecimalN, typeNumericN:
		b = append(b, byte(t.Length), t.Precision, t.Scale)
	case typeDateN:
	case typeTimeN, typeDateTime2N, typeDateTimeOffset:
		b = append(b, t.Scale)
	case typeBigVarBin, typeBigBinary, typeBigVarChar, typeBigChar, typeNVarChar, typeNChar:
		n := uint16(t.Length)
		if t.Length == MaxLength {
			n = plpMarker
		}
		b = binary.LittleEndian.AppendUint16(b, n)
		if hasCollation(t.ID) {
			b = append(b, t.Collation[:]...)
		}
	case typeXML:
		b = append(b, 0) // SCHEMA_PRESENT = 0: untyped
	case typeVariant:
		b = binary.LittleEndian.AppendUint32(b, uint32(t.Length))
	case typeText, typeNText, typeImage:
		// LONGLEN max length and, for text types, the collation; COLMETADATA
		// adds the table name (appendColMetadata).
		b = binary.LittleEndian.AppendUint32(b, uint32(t.Length))
		if t.ID != typeImage {
			b = append(b, t.Collation[:]...)
		}
	}
	return b
}

// readTypeInfo decodes TYPE_INFO; unsupported type ids are errors.
func readTypeInfo(r *rd) (TypeInfo, error) {
	t := TypeInfo{ID: r.u8()}
	if r.err != nil {
		return t, r.err
	}
	if n := fixedSize(t.ID); n >= 0 {
		t.Length = n
		return t, nil
	}
	switch t.ID {
	case typeIntN, typeBitN, typeFltN, typeMoneyN, typeDateTimeN, typeGUID:
		t.Length = int(r.u8())
		if r.err == nil && !validNSize(t.ID, t.Length) {
			return t, errorf("type %#x with length %d", t.ID, t.Length)
		}
	case typeDecimalN, typeNumericN:
		t.Length = int(r.u8())
		t.Precision = r.u8()
		t.Scale = r.u8()
		// The maximum length is a sign byte and 4, 8, 12 or 16 bytes of
		// magnitude from SQL Server and go-mssqldb, but FreeTDS declares
		// and sends Sybase's minimal sizes (decimal(3,2) is 3 bytes:
		// pyodbc's and pymssql's parameters), which SQL Server accepts.
		if r.err == nil && (t.Precision < 1 || t.Precision > 38 || t.Scale > t.Precision || t.Length < 2 || t.Length > 17) {
			return t, errorf("decimal(%d,%d) of length %d", t.Precision, t.Scale, t.Length)
		}
	case typeDateN:
		t.Length = 3
	case typeTimeN, typeDateTime2N, typeDateTimeOffset:
		t.Scale = r.u8()
		if t.Scale > 7 {
			return t, errorf("time scale %d", t.Scale)
		}
		t.Length = timeSize(t.Scale)
		if t.ID == typeDateTime2N {
			t.Length += 3
		} else if t.ID == typeDateTimeOffset {
			t.Length += 5
		}
	case typeBigVarBin, typeBigBinary, typeBigVarChar, typeBigChar, typeNVarChar, typeNChar:
		n := r.u16()
		t.Length = int(n)
		if n == plpMarker {
			if t.ID == typeBigBinary || t.ID == typeBigChar || t.ID == typeNChar {
				return t, errorf("type %#x cannot be (max)", t.ID)
			}
			t.Length = MaxLength
		} else if n > 8000 {
			return t, errorf("type %#x with length %d", t.ID, n)
		}
		if hasCollation(t.ID) {
			copy(t.Collation[:], r.take(5))
		}
	case typeVariant:
		t.Length = int(r.u32())
		if r.err == nil && (t.Length < 1 || t.Length > variantMaxLength) {
			return t, errorf("sql_variant of length %d", t.Length)
		}
	case typeXML:
		t.Length = MaxLength
		if r.u8() != 0 {
			return t, errorf("typed xml is not supported")
		}
	default:
		return t, unknownTypeError(t.ID)
	}
	return t, r.err
}

// unknownTypeError is a TYPE_INFO whose type id is not a TDS type.
type unknownTypeError byte

func (e unknownTypeError) Error() string { return fmt.Sprintf("tds: unsupported type %#x", byte(e)) }

// isLegacyLOB reports TEXT, NTEXT and IMAGE, which this server accepts as RPC
// parameters (tedious TYPES.Text/NText/Image) but never sends.
func isLegacyLOB(id byte) bool { return id == typeText || id == typeNText || id == typeImage }

// readParamTypeInfo decodes a parameter's TYPE_INFO: readTypeInfo plus the legacy
// LOB types ([MS-TDS] 2.2.5.4.3: LONGLEN max length, collation for TEXT/NTEXT; no
// table name in parameters).
func readParamTypeInfo(r *rd) (TypeInfo, error) {
	if r.remaining() > 0 && isLegacyLOB(r.b[r.off]) {
		t := TypeInfo{ID: r.u8(), Length: int(int32(r.u32()))}
		if t.ID != typeImage {
			copy(t.Collation[:], r.take(5))
		}
		return t, r.err
	}
	return readTypeInfo(r)
}

func validNSize(id byte, n int) bool {
	switch id {
	case typeIntN:
		return n == 1 || n == 2 || n == 4 || n == 8
	case typeBitN:
		return n == 1
	case typeFltN, typeMoneyN, typeDateTimeN:
		return n == 4 || n == 8
	case typeGUID:
		return n == 16
	}
	return false
}
