package tds

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Value encoding by length class ([MS-TDS] 2.2.5.2, 2.2.5.5): fixed types have no
// length prefix, BYTELEN types (INTN, FLTN, DECIMALN, DATEN, TIMEN, GUID, …) a
// one-byte length (0 = NULL), USHORTLEN types (BIGVARCHAR, NVARCHAR, BIGVARBIN, …)
// a two-byte length (0xFFFF = NULL), and (max) types are PLP (plp.go).
//
// Accepted Go values: nil for NULL; bool; int, int8..int64, uint8..uint64;
// float32/float64; Decimal (and int64/string for decimal and money); string and
// []byte for character and binary types alike (char/varchar encode to code page
// 1252, or UTF-8 when the collation has the UTF8 flag; nchar/nvarchar to UTF-16LE);
// []byte or [16]byte for uniqueidentifier; time.Time for date/time types.
// char/varchar/text use the collation's code page (codepage.go) when it is not 1252.

func toInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case int16:
		return int64(x), true
	case int8:
		return int64(x), true
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	}
	if i, ok := toInt64(v); ok {
		return float64(i), true
	}
	return 0, false
}

func toDecimal(v any) (Decimal, bool) {
	switch x := v.(type) {
	case Decimal:
		return x, true
	case *Decimal:
		if x != nil {
			return *x, true
		}
	case string:
		return ParseDecimal(x)
	case float64:
		return ParseDecimal(strconv.FormatFloat(x, 'f', -1, 64))
	}
	if i, ok := toInt64(v); ok {
		return NewDecimal(i, 0), true
	}
	return Decimal{}, false
}

func typeErr(t TypeInfo, v any) error {
	return fmt.Errorf("tds: cannot encode %T as type %#x", v, t.ID)
}

// appendValue appends a non-PLP value of type t with its length prefix.
func appendValue(b []byte, t TypeInfo, v any) ([]byte, error) {
	if t.ID == typeVariant {
		return appendVariant(b, v)
	}
	if v == nil {
		switch {
		case fixedSize(t.ID) >= 0:
			return b, fmt.Errorf("tds: NULL for fixed-length type %#x", t.ID)
		case isShortLen(t.ID):
			return binary.LittleEndian.AppendUint16(b, 0xFFFF), nil
		}
		return append(b, 0), nil
	}
	if n := fixedSize(t.ID); n >= 0 {
		return appendFixed(b, t, v)
	}
	switch t.ID {
	case typeIntN, typeBitN, typeFltN, typeMoneyN, typeDateTimeN:
		b = append(b, byte(t.Length))
		return appendFixed(b, fixedOf(t), v)
	case typeDecimalN, typeNumericN:
		d, ok := toDecimal(v)
		if !ok {
			return b, typeErr(t, v)
		}
		return appendDecimal(b, d, t.Precision, t.Scale)
	case typeGUID:
		var g []byte
		switch x := v.(type) {
		case []byte:
			g = x
		case [16]byte:
			g = x[:]
		}
		if len(g) != 16 {
			return b, typeErr(t, v)
		}
		return append(append(b, 16), g...), nil
	case typeDateN, typeTimeN, typeDateTime2N, typeDateTimeOffset:
		tm, ok := v.(time.Time)
		if !ok {
			return b, typeErr(t, v)
		}
		b = append(b, byte(t.Length))
		switch t.ID {
		case typeDateN:
			return appendDate(b, wallDays(tm))
		case typeTimeN:
			return appendTimeDate(b, tm, t.Scale, false)
		case typeDateTime2N:
			return appendTimeDate(b, tm, t.Scale, true)
		}
		return appendDateTimeOffset(b, tm, t.Scale)
	case typeText, typeNText, typeImage:
		return appendLegacyLOB(b, t, v)
	case typeBigVarChar, typeBigChar, typeNVarChar, typeNChar, typeBigVarBin, typeBigBinary:
		at := len(b)
		b, err := appendChars(append(b, 0, 0), t, v)
		if err != nil {
			return b, err
		}
		return endShortLen(b, at, t)
	}
	return b, fmt.Errorf("tds: cannot encode type %#x", t.ID)
}

// fixedOf maps a nullable family type to its fixed-length equivalent (ID 0
// for a length the family does not have). It runs once per value of every
// nullable numeric, money and datetime column, so it is a plain switch.
func fixedOf(t TypeInfo) TypeInfo {
	var id byte
	switch t.ID {
	case typeIntN:
		switch t.Length {
		case 1:
			id = typeInt1
		case 2:
			id = typeInt2
		case 4:
			id = typeInt4
		case 8:
			id = typeInt8
		}
	case typeBitN:
		id = typeBit
	case typeFltN:
		id = pick(t.Length, typeFlt4, typeFlt8)
	case typeMoneyN:
		id = pick(t.Length, typeMoney4, typeMoney)
	case typeDateTimeN:
		id = pick(t.Length, typeDateTim4, typeDateTime)
	}
	return TypeInfo{ID: id, Length: t.Length}
}

// pick returns four for length 4, eight for length 8 and 0 otherwise.
func pick(length int, four, eight byte) byte {
	switch length {
	case 4:
		return four
	case 8:
		return eight
	}
	return 0
}

// intRange returns the range of a fixed integer type (tinyint is unsigned).
func intRange(id byte) (lo, hi int64) {
	switch id {
	case typeInt1:
		return 0, math.MaxUint8
	case typeInt2:
		return math.MinInt16, math.MaxInt16
	case typeInt4:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// appendFixed appends the bytes of a fixed-length type without a length prefix.
func appendFixed(b []byte, t TypeInfo, v any) ([]byte, error) {
	switch t.ID {
	case typeInt1, typeInt2, typeInt4, typeInt8:
		i, ok := toInt64(v)
		if !ok {
			return b, typeErr(t, v)
		}
		if lo, hi := intRange(t.ID); i < lo || i > hi {
			return b, fmt.Errorf("tds: %d out of range for integer type %#x", i, t.ID)
		}
		return appendUintN(b, uint64(i), fixedSize(t.ID)), nil
	case typeBit:
		i, ok := toInt64(v)
		if !ok {
			return b, typeErr(t, v)
		}
		if i != 0 {
			i = 1
		}
		return append(b, byte(i)), nil
	case typeFlt4:
		f, ok := toFloat(v)
		if !ok {
			return b, typeErr(t, v)
		}
		return binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(f))), nil
	case typeFlt8:
		f, ok := toFloat(v)
		if !ok {
			return b, typeErr(t, v)
		}
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(f)), nil
	case typeMoney, typeMoney4:
		d, ok := toDecimal(v)
		if !ok {
			return b, typeErr(t, v)
		}
		u := d.rescale(4)
		if !u.IsInt64() {
			return b, fmt.Errorf("tds: money value %s out of range", d)
		}
		i := u.Int64()
		if t.ID == typeMoney4 {
			if i < math.MinInt32 || i > math.MaxInt32 {
				return b, fmt.Errorf("tds: smallmoney value %s out of range", d)
			}
			return binary.LittleEndian.AppendUint32(b, uint32(int32(i))), nil
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(uint64(i)>>32))
		return binary.LittleEndian.AppendUint32(b, uint32(i)), nil
	case typeDateTime, typeDateTim4:
		tm, ok := v.(time.Time)
		if !ok {
			return b, typeErr(t, v)
		}
		return appendDateTime(b, tm, fixedSize(t.ID))
	}
	return b, fmt.Errorf("tds: cannot encode type %#x", t.ID)
}

// appendDecimal appends a DECIMALN/NUMERICN value: length, sign, LE magnitude
// ([MS-TDS] 2.2.5.5.1.5).
func appendDecimal(b []byte, d Decimal, prec, scale uint8) ([]byte, error) {
	u := d.rescale(scale)
	mag := new(big.Int).Abs(u)
	if prec < 1 || prec > 38 || mag.Cmp(pow10(int(prec))) >= 0 {
		return b, fmt.Errorf("tds: %s does not fit decimal(%d,%d)", d, prec, scale)
	}
	n := decimalSize(prec)
	b = append(b, byte(n))
	if u.Sign() < 0 {
		b = append(b, 0)
	} else {
		b = append(b, 1)
	}
	var be [16]byte
	mag.FillBytes(be[:])
	for i := 0; i < n-1; i++ {
		b = append(b, be[15-i])
	}
	return b, nil
}

// endShortLen fills in the USHORTLEN prefix reserved at b[at:at+2] for the
// bytes appended after it, checking them against t's maximum length.
func endShortLen(b []byte, at int, t TypeInfo) ([]byte, error) {
	n := len(b) - at - 2
	if n > 8000 || (t.Length >= 0 && n > t.Length) {
		return b, fmt.Errorf("tds: value of %d bytes exceeds the type's %d bytes", n, t.Length)
	}
	binary.LittleEndian.PutUint16(b[at:], uint16(n))
	return b, nil
}

// appendString appends a string value's bytes (no prefix) for a character
// type (in its encoding) or a binary type (the string's bytes).
func appendString(b []byte, t TypeInfo, x string) []byte {
	switch t.ID {
	case typeNVarChar, typeNChar, typeXML:
		return appendUCS2(b, x)
	case typeBigVarChar, typeBigChar, typeText:
		if t.Collation.UTF8() {
			return append(b, x...)
		}
		if enc := t.Collation.charset(); enc != nil {
			return encodeCharset(b, enc, x)
		}
		return appendCP1252(b, x)
	}
	return append(b, x...)
}

// appendChars appends a character or binary value's bytes (no prefix).
func appendChars(b []byte, t TypeInfo, v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return appendString(b, t, x), nil
	case []byte:
		if t.ID == typeNVarChar || t.ID == typeNChar {
			if len(x)%2 != 0 {
				return b, fmt.Errorf("tds: odd byte count %d for an nvarchar value", len(x))
			}
		}
		return append(b, x...), nil
	}
	return b, typeErr(t, v)
}

// appendCP1252 encodes s to Windows code page 1252; characters outside it become '?'.
func appendCP1252(b []byte, s string) []byte {
	if isASCII(s) {
		return append(b, s...)
	}
	for _, r := range s {
		if r < 0x80 {
			b = append(b, byte(r))
			continue
		}
		c, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			c = '?'
		}
		b = append(b, c)
	}
	return b
}

// isASCII reports whether s is 7-bit ASCII, which every supported code page
// encodes as itself.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// charLen returns the encoded byte length of a character or binary value.
func charLen(t TypeInfo, v any) (int, error) {
	switch x := v.(type) {
	case string:
		switch t.ID {
		case typeNVarChar, typeNChar, typeXML:
			return 2 * ucs2Len(x), nil
		case typeBigVarChar, typeBigChar, typeText:
			if t.Collation.UTF8() {
				return len(x), nil
			}
			if enc := t.Collation.charset(); enc != nil {
				return len(encodeCharset(nil, enc, x)), nil
			}
			return utf8.RuneCountInString(x), nil
		}
		return len(x), nil
	case []byte:
		return len(x), nil
	}
	return 0, typeErr(t, v)
}

// plpChunk is the PLP chunk size the encoder streams in.
const plpChunk = 4000

// writePLP streams a (max) value as PLP with a known total length
// ([MS-TDS] 2.2.5.2.3): ULONGLONG length (0xFFFFFFFFFFFFFFFF = NULL), chunks of
// ULONG length + bytes, and a zero terminator chunk. scratch is reused.
func writePLP(w io.Writer, t TypeInfo, v any, scratch []byte) ([]byte, error) {
	b := scratch[:0]
	if v == nil {
		b = binary.LittleEndian.AppendUint64(b, math.MaxUint64)
		_, err := w.Write(b)
		return b, err
	}
	total, err := charLen(t, v)
	if err != nil {
		return b, err
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(total))
	if s, ok := v.(string); ok {
		for len(s) > 0 {
			cut := min(len(s), plpChunk/2)
			for cut < len(s) && !utf8.RuneStart(s[cut]) {
				cut++
			}
			at := len(b)
			b = append(b, 0, 0, 0, 0)
			if b, err = appendChars(b, t, s[:cut]); err != nil {
				return b, err
			}
			binary.LittleEndian.PutUint32(b[at:], uint32(len(b)-at-4))
			if _, err := w.Write(b); err != nil {
				return b, err
			}
			b, s = b[:0], s[cut:]
		}
	} else {
		p := v.([]byte)
		for len(p) > 0 {
			n := min(len(p), plpChunk)
			b = binary.LittleEndian.AppendUint32(b, uint32(n))
			if _, err := w.Write(b); err != nil {
				return b, err
			}
			if _, err := w.Write(p[:n]); err != nil {
				return b, err
			}
			b, p = b[:0], p[n:]
		}
	}
	b = binary.LittleEndian.AppendUint32(b, 0)
	_, err = w.Write(b)
	return b, err
}
