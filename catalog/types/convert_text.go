package types

import (
	"encoding/hex"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/uuid"
	"golang.org/x/text/encoding/charmap"
)

// appendText appends the text of a non-NULL value under a CONVERT style
// (0 = CAST): integers in decimal; decimal with exactly its scale; money
// with 2 decimals (style 1 adds thousands separators, style 2 shows 4
// decimals); float/real with 6 significant digits and a 3-digit exponent
// (style 1: 8 digits, 2: 16, 3: 17, always exponential); bit as 1/0; GUIDs
// in upper case; binary as its bytes (style 1: '0x' + hex, 2: hex).
func appendText(dst []byte, v Value, style int) []byte {
	switch classOf(v.id) {
	case classInt:
		return strconv.AppendInt(dst, v.i, 10)
	case classDecimal:
		return appendDecimalText(dst, v)
	case classMoney:
		return appendMoneyText(dst, v.i, style)
	case classFloat:
		return appendFloatText(dst, v.Float64(), v.id, style)
	case classString:
		return append(dst, v.s...)
	case classBinary:
		switch style {
		case 1:
			dst = append(dst, "0x"...)
			return appendHexUpper(dst, v.s)
		case 2:
			return appendHexUpper(dst, v.s)
		}
		return append(dst, v.s...)
	case classGUID:
		u := v.UUID()
		return append(dst, strings.ToUpper(u.String())...)
	case classDate, classTime, classDateTime, classDT2:
		if !validDateStyle(style) && style != 130 && style != 131 {
			style = 0
		}
		return appendDateTimeText(dst, v, style)
	}
	return dst
}

func appendHexUpper(dst []byte, s string) []byte {
	const digits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		dst = append(dst, digits[s[i]>>4], digits[s[i]&15])
	}
	return dst
}

func appendDecimalText(dst []byte, v Value) []byte {
	var d apd.Decimal
	v.toApd(&d)
	digits := d.Coeff.Append(nil, 10)
	if v.neg {
		dst = append(dst, '-')
	}
	s := int(v.scale)
	for len(digits) <= s {
		digits = append([]byte{'0'}, digits...)
	}
	dst = append(dst, digits[:len(digits)-s]...)
	if s > 0 {
		dst = append(dst, '.')
		dst = append(dst, digits[len(digits)-s:]...)
	}
	return dst
}

func appendMoneyText(dst []byte, units int64, style int) []byte {
	neg := units < 0
	u := uint64(units)
	if neg {
		u = uint64(-units)
	}
	scale := 4
	if style == 126 {
		style = 2 // "Equivalent to style 2, when converting to char(n) or varchar(n)"
	}
	if style != 2 {
		// Round to 2 decimals, half away from zero.
		u = (u + 50) / 100
		scale = 2
	}
	pow := uint64(10_000)
	if scale == 2 {
		pow = 100
	}
	if neg && u != 0 {
		dst = append(dst, '-')
	}
	ip := strconv.FormatUint(u/pow, 10)
	if style == 1 {
		for i, c := range ip {
			if i > 0 && (len(ip)-i)%3 == 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, byte(c))
		}
	} else {
		dst = append(dst, ip...)
	}
	dst = append(dst, '.')
	return appendPad(dst, int(u%pow), scale)
}

// appendFloatText formats like SQL Server: style 0 is %g with 6 digits,
// styles 1/2/3 are exponential with 8/16/17 digits; exponents have at least
// three digits (1e+010).
func appendFloatText(dst []byte, f float64, id TypeID, style int) []byte {
	var b []byte
	switch style {
	case 1:
		b = strconv.AppendFloat(nil, f, 'e', 7, 64)
	case 2:
		b = strconv.AppendFloat(nil, f, 'e', 15, 64)
	case 3:
		b = strconv.AppendFloat(nil, f, 'e', 16, 64)
	default:
		b = strconv.AppendFloat(nil, f, 'g', 6, 64)
	}
	_ = id
	e := strings.IndexByte(string(b), 'e')
	if e < 0 {
		return append(dst, b...)
	}
	dst = append(dst, b[:e+2]...) // mantissa, 'e', sign
	exp := b[e+2:]
	for i := len(exp); i < 3; i++ {
		dst = append(dst, '0')
	}
	return append(dst, exp...)
}

// numericTextTooLong is what SQL Server does when a number does not fit the
// target string ("CAST and CONVERT", Truncating and rounding results):
// int, smallint and tinyint become '*' in char/varchar; every other case
// (nchar/nvarchar targets, bigint, money, decimal, float) raises 8115.
func numericTextTooLong(v Value, to Type) (Value, error) {
	if classOf(v.id) == classInt && v.id != BigInt && !to.ID.IsUnicode() {
		return fitString("*", to), nil
	}
	what := "expression"
	if v.id.isDecimal() {
		what = "numeric"
	}
	return Value{}, errArithOverflow(what, to.ID)
}

func toString(v Value, to Type, style int) (Value, error) {
	if to.Length == 0 {
		to.Length = MaxLength // unspecified: no limit (CAST without (n) is ParseCastTypeName's 30)
	}
	var s string
	if v.id.IsString() {
		s = v.s
	} else if v.id.IsBinary() {
		if style == 1 || style == 2 {
			s = string(appendText(nil, v, style))
		} else if v.id.IsBinary() && to.ID.IsUnicode() {
			s = decodeUTF16LE(v.s)
		} else {
			s = decode1252(v.s)
		}
	} else {
		// 130 and 131 (Hijri) print; reading Hijri text is not supported.
		if v.id.IsDateTime() && style != 0 && !validDateStyle(style) && style != 130 && style != 131 {
			return Value{}, newErr(ErrInvalidStyle, 16,
				"%d is not a valid style number when converting from %s to a character string.", style, v.id.Name())
		}
		var buf [64]byte
		s = string(appendText(buf[:0], v, style))
		if to.Length != MaxLength && utf8.RuneCountInString(s) > to.Length {
			switch {
			case v.id.IsNumeric():
				return numericTextTooLong(v, to)
			case v.id == UniqueIdentifier:
				return Value{}, newErr(8170, 16, "Insufficient result space to convert uniqueidentifier value to char.")
			}
		}
	}
	if !to.ID.IsUnicode() {
		s = toCodePageText(s, to.Collation)
	}
	return fitString(s, to), nil
}

// fitString truncates s to the type's length (characters, or UTF-16 units
// for nvarchar/nchar: textlen.go) and pads char/nchar with spaces.
func fitString(s string, to Type) Value {
	if to.Length != MaxLength {
		uni := to.ID.IsUnicode()
		s = cutText(s, to.Length, uni)
		if n := TextLength(s, uni); (to.ID == Char || to.ID == NChar) && n < to.Length {
			s += strings.Repeat(" ", to.Length-n)
		}
	}
	return Value{id: to.ID, ok: true, s: s}
}

// to1252Text replaces characters that code page 1252 (the code page of
// SQL_Latin1_General_CP1 and Latin1_General varchar) cannot hold with '?',
// as SQL Server does converting nvarchar to varchar.
func to1252Text(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if _, ok := charmap.Windows1252.EncodeRune(r); ok {
			b.WriteRune(r)
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

// decode1252 reads bytes as code page 1252 text.
func decode1252(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] < 0x80 {
			b.WriteByte(s[i])
		} else {
			b.WriteRune(charmap.Windows1252.DecodeByte(s[i]))
		}
	}
	return b.String()
}

// decodeUTF16LE reads bytes as UTF-16LE; an odd last byte is the low byte
// of a final code unit (CAST(0x41 AS nvarchar) is N'A').
func decodeUTF16LE(s string) string {
	if len(s)%2 == 1 {
		s += "\x00"
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i]) | uint16(s[2*i+1])<<8
	}
	return string(utf16.Decode(u))
}

// encodeText is the bytes of text as SQL Server stores it: UTF-16LE for
// nchar/nvarchar, code page 1252 for char/varchar.
func encodeText(s string, unicode bool) string {
	if unicode {
		u := utf16.Encode([]rune(s))
		b := make([]byte, 2*len(u))
		for i, c := range u {
			b[2*i], b[2*i+1] = byte(c), byte(c>>8)
		}
		return string(b)
	}
	var b []byte
	for _, r := range s {
		if r < 0x80 {
			b = append(b, byte(r))
		} else if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b = append(b, c)
		} else {
			b = append(b, '?')
		}
	}
	return string(b)
}

func toBinary(v Value, to Type, style int) (Value, error) {
	if to.Length == 0 {
		to.Length = MaxLength // unspecified: no limit (CAST without (n) is ParseCastTypeName's 30)
	}
	var b string
	rightAlign := false
	switch classOf(v.id) {
	case classString:
		if style == 1 || style == 2 {
			h := v.s
			if style == 1 {
				if !strings.HasPrefix(h, "0x") && !strings.HasPrefix(h, "0X") {
					return Value{}, errConvertDataType(v.id, to.ID)
				}
				h = h[2:]
			}
			raw, err := hex.DecodeString(h)
			if err != nil {
				return Value{}, errConvertDataType(v.id, to.ID)
			}
			b = string(raw)
		} else {
			b = encodeText(v.s, v.id.IsUnicode())
		}
	case classBinary:
		b = v.s
	case classGUID:
		g := guidStorageBytes(v.s)
		b = string(g[:])
	case classInt, classMoney:
		n := map[TypeID]int{Bit: 1, TinyInt: 1, SmallInt: 2, Int: 4, BigInt: 8, Money: 8, SmallMoney: 4}[v.id]
		var buf [8]byte
		for i := 0; i < n; i++ {
			buf[n-1-i] = byte(v.i >> (8 * i))
		}
		b = string(buf[:n])
		rightAlign = true
	default:
		return Value{}, errExplicit(v.id, to.ID)
	}
	if to.Length != MaxLength && len(b) > to.Length {
		if rightAlign {
			b = b[len(b)-to.Length:]
		} else {
			b = b[:to.Length]
		}
	}
	if to.ID == Binary && len(b) < to.Length {
		if rightAlign {
			b = strings.Repeat("\x00", to.Length-len(b)) + b
		} else {
			b += strings.Repeat("\x00", to.Length-len(b))
		}
	}
	return Value{id: to.ID, ok: true, s: b}, nil
}

// guidStorageBytes converts RFC 4122 order to SQL Server's storage (and TDS)
// order, whose first three groups are little-endian.
func guidStorageBytes(rfc string) [16]byte {
	var g [16]byte
	copy(g[:], rfc)
	g[0], g[1], g[2], g[3] = g[3], g[2], g[1], g[0]
	g[4], g[5] = g[5], g[4]
	g[6], g[7] = g[7], g[6]
	return g
}

// GUIDFromStorageBytes converts SQL Server's 16-byte storage/TDS order to
// a uniqueidentifier value.
func GUIDFromStorageBytes(b [16]byte) Value {
	g := guidStorageBytes(string(b[:])) // the swap is its own inverse
	return Value{id: UniqueIdentifier, ok: true, s: string(g[:])}
}

// StorageBytes returns a uniqueidentifier in SQL Server's storage/TDS byte
// order.
func (v Value) StorageBytes() [16]byte { return guidStorageBytes(v.s) }

func toGUID(v Value) (Value, error) {
	switch classOf(v.id) {
	case classString:
		s := strings.TrimFunc(v.s, isSpace)
		if strings.HasPrefix(s, "{") {
			if len(s) < 38 || s[37] != '}' {
				return Value{}, errGUIDFromString
			}
			s = s[1:37]
		} else if len(s) > 36 {
			s = s[:36]
		}
		if len(s) != 36 {
			return Value{}, errGUIDFromString
		}
		u, err := uuid.Parse(s)
		if err != nil {
			return Value{}, errGUIDFromString
		}
		return NewUUID(u), nil
	case classBinary:
		var b [16]byte
		copy(b[:], v.s)
		return GUIDFromStorageBytes(b), nil
	}
	return Value{}, errExplicit(v.id, UniqueIdentifier)
}

func toDateTime(v Value, to Type, style int, o ConvertOptions) (Value, error) {
	switch c := classOf(v.id); {
	case c == classString:
		if style != 0 && !validDateStyle(style) {
			return Value{}, newErr(ErrInvalidStyle, 16,
				"%d is not a valid style number when converting to %s from a character string.", style, to.ID.Name())
		}
		return parseDateTimeFor(v.s, v.id, to, styleDateFormat(style, o.DateFormat))
	case c == classDate || c == classTime || c == classDateTime || c == classDT2:
		if v.id == to.ID && v.scale == to.Scale {
			return v, nil
		}
		days, ticks, off := v.localParts()
		if v.id == Time {
			days = days1900
		}
		if to.ID != DateTimeOffset {
			off = 0
		}
		if to.ID == Time {
			return dateTimeValue(to, 0, ticks, 0, v.id)
		}
		if to.ID == Date {
			ticks = 0
		}
		if v.id == DateTimeOffset && to.ID == DateTimeOffset {
			return dateTimeValue(to, days, ticks, off, v.id)
		}
		return dateTimeValue(to, days, ticks, off, v.id)
	case isNumClass(c):
		// Numbers are days since 1900-01-01 (datetime, smalldatetime only).
		var f float64
		if c == classInt {
			d := v.i + days1900
			if d < days1753 || d > maxDays {
				return Value{}, newErr(ErrDatetimeOverflow, 16, "Arithmetic overflow error converting expression to data type %s.", to.ID.Name())
			}
			return dateTimeValue(to, d, 0, 0, v.id)
		}
		fv, err := toFloat(v, Float)
		if err != nil {
			return Value{}, err
		}
		f = fv.Float64()
		days := math.Floor(f)
		if days+days1900 < days1753 || days+days1900 > maxDays {
			return Value{}, errArithOverflow("expression", to.ID)
		}
		ticks := int64(math.Round((f - days) * ticksPerDay))
		return dateTimeValue(to, int64(days)+days1900, ticks, 0, v.id)
	}
	return Value{}, errExplicit(v.id, to.ID)
}

// CheckFits reports error 2628 when a character or binary value does not
// fit column type t of table.column without losing non-blank characters
// (SQL Server ignores trailing spaces that would be cut). Call it before
// storing a value converted for INSERT/UPDATE, with the source value.
func CheckFits(v Value, t Type, table, column string) error {
	if !v.ok || t.Length == MaxLength || t.Length == 0 {
		return nil
	}
	switch {
	case t.ID.IsString():
		s := v.s
		if !v.id.IsString() {
			return nil
		}
		uni := t.ID.IsUnicode() // textlen.go: nvarchar(n) holds n UTF-16 units
		if TextLength(s, uni) <= t.Length {
			return nil
		}
		if TextLength(trimTrailingSpaces(s), uni) <= t.Length {
			return nil
		}
		shown := Type{ID: VarChar, Length: t.Length}
		if uni {
			shown.ID = NVarChar
		}
		return ErrTruncation(table, column, fitString(s, shown).s)
	case t.ID.IsBinary():
		if v.id.IsBinary() && len(v.s) > t.Length {
			return ErrTruncation(table, column, string(appendHexUpper([]byte("0x"), v.s[:t.Length])))
		}
	}
	return nil
}
