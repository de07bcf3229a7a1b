package types

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Row format (stored table rows; not a wire format):
//
//	uvarint  n, the number of columns encoded
//	bytes    NULL bitmap, ceil(n/8) bytes, bit i%8 of byte i/8 set = column i is NULL
//	payload  each non-NULL column in order, by its column type:
//	  bit, tinyint            1 byte
//	  smallint                2 bytes little-endian
//	  int, smallmoney         4 bytes LE
//	  bigint, money           8 bytes LE
//	  real                    4 bytes LE IEEE 754 binary32
//	  float                   8 bytes LE IEEE 754 binary64
//	  decimal, numeric        precision, scale|0x80 if negative, length L ≤ 16, L bytes LE magnitude
//	  char … nvarchar,
//	  binary, varbinary       uvarint length, bytes (UTF-8 text / raw bytes)
//	  uniqueidentifier        16 bytes, RFC 4122 order
//	  date                    3 bytes LE days since 0001-01-01
//	  time                    scale, 5 bytes LE 100 ns ticks
//	  datetime2               scale, 3 bytes days, 5 bytes ticks
//	  datetimeoffset          scale, 3 bytes UTC days, 5 bytes UTC ticks, 2 bytes LE offset minutes
//	  datetime                3 bytes days, 4 bytes LE 1/300 s ticks
//	  smalldatetime           3 bytes days, 2 bytes LE minutes
//	  text, ntext, image, xml uvarint length, bytes (as varchar/varbinary)
//	  sql_variant             1 byte base TypeID, then the base value as above
//
// A row with fewer columns than the table (written before ADD COLUMN)
// decodes with NULL for the missing trailing columns.

// ErrCorruptRow is wrapped by DecodeRow errors for malformed bytes.
var ErrCorruptRow = errors.New("corrupt row")

// EncodeRow appends the encoding of a table row to dst. vals[i] must be
// NULL or have type types[i].ID (decimal and numeric are interchangeable);
// the executor converts values to the column types before storing them.
func EncodeRow(dst []byte, vals []Value, types []Type) ([]byte, error) {
	if len(vals) != len(types) {
		return dst, fmt.Errorf("encode row: %d values for %d columns", len(vals), len(types))
	}
	n := len(vals)
	if dst == nil {
		dst = make([]byte, 0, rowSizeHint(vals))
	}
	dst = binary.AppendUvarint(dst, uint64(n))
	bm := len(dst)
	for i := 0; i < (n+7)/8; i++ {
		dst = append(dst, 0)
	}
	for i, v := range vals {
		if !v.ok {
			dst[bm+i/8] |= 1 << (i % 8)
			continue
		}
		t := types[i].ID
		if t == SQLVariant && v.id != SQLVariant && v.id.Valid() {
			dst = append(dst, byte(v.id)) // base type tag, then the base value
		} else if v.id != t && !(v.id.isDecimal() && t.isDecimal()) {
			return dst, fmt.Errorf("encode row: column %d: %s value for %s column", i, v.id.Name(), t.Name())
		}
		dst = appendRowValue(dst, v)
	}
	return dst, nil
}

// rowSizeHint is about what EncodeRow writes for vals (at most 19 bytes
// per fixed-size value, a length prefix and the bytes of a string), so a
// row is encoded into one allocation instead of growing through several.
func rowSizeHint(vals []Value) int {
	n := 2 + (len(vals)+7)/8
	for _, v := range vals {
		n += 3 + len(v.s)
		if v.s == "" {
			n += 16
		}
	}
	return n
}

func appendRowValue(dst []byte, v Value) []byte {
	switch v.id {
	case Bit, TinyInt:
		return append(dst, byte(v.i))
	case SmallInt:
		return binary.LittleEndian.AppendUint16(dst, uint16(v.i))
	case Int, SmallMoney:
		return binary.LittleEndian.AppendUint32(dst, uint32(v.i))
	case BigInt, Money, Float:
		return binary.LittleEndian.AppendUint64(dst, uint64(v.i))
	case Real:
		return binary.LittleEndian.AppendUint32(dst, math.Float32bits(float32(v.Float64())))
	case Decimal, Numeric:
		sc := v.scale
		if v.neg {
			sc |= 0x80
		}
		dst = append(dst, v.prec, sc)
		var b [16]byte
		binary.LittleEndian.PutUint64(b[:8], uint64(v.i))
		binary.LittleEndian.PutUint64(b[8:], v.hi)
		l := 16
		for l > 0 && b[l-1] == 0 {
			l--
		}
		dst = append(dst, byte(l))
		return append(dst, b[:l]...)
	case Char, VarChar, NChar, NVarChar, Binary, VarBinary, Text, NText, Image, XML:
		dst = binary.AppendUvarint(dst, uint64(len(v.s)))
		return append(dst, v.s...)
	case UniqueIdentifier:
		return append(dst, v.s...)
	case Date:
		return appendLE(dst, uint64(v.i), 3)
	case Time:
		dst = append(dst, v.scale)
		return appendLE(dst, uint64(v.i), 5)
	case DateTime2, DateTimeOffset:
		dst = append(dst, v.scale)
		dst = appendLE(dst, v.hi, 3)
		dst = appendLE(dst, uint64(v.i), 5)
		if v.id == DateTimeOffset {
			dst = binary.LittleEndian.AppendUint16(dst, uint16(v.off))
		}
		return dst
	case DateTime:
		dst = appendLE(dst, v.hi, 3)
		return binary.LittleEndian.AppendUint32(dst, uint32(v.i))
	case SmallDateTime:
		dst = appendLE(dst, v.hi, 3)
		return binary.LittleEndian.AppendUint16(dst, uint16(v.i))
	}
	return dst
}

func appendLE(dst []byte, x uint64, n int) []byte {
	for i := 0; i < n; i++ {
		dst = append(dst, byte(x>>(8*i)))
	}
	return dst
}

// DecodeRow decodes a row encoded by EncodeRow for the given column types.
// Malformed input returns an error wrapping ErrCorruptRow; it never panics.
func DecodeRow(src []byte, types []Type) ([]Value, error) {
	return DecodeRowInto(make([]Value, len(types)), src, types)
}

// DecodeRowInto is DecodeRow into dst (len(dst) must be len(types)); it
// allocates only for character and binary values.
func DecodeRowInto(dst []Value, src []byte, types []Type) ([]Value, error) {
	return DecodeRowProjected(dst, src, types, nil)
}

// DecodeRowProjected is DecodeRowInto that decodes only the columns i with
// need[i] (need nil: every column). A column that is not needed is skipped
// over without allocating and set to NULL of its type, so a caller must pass
// every column it will read; scans use it to avoid building values (strings
// above all) that the query never looks at. Skipped bytes are bounds-checked
// but their values are not validated.
func DecodeRowProjected(dst []Value, src []byte, types []Type, need []bool) ([]Value, error) {
	if len(dst) != len(types) || (need != nil && len(need) < len(types)) {
		return nil, fmt.Errorf("decode row: %d slots for %d columns", len(dst), len(types))
	}
	n64, k := canonicalUvarint(src)
	if k <= 0 || n64 > uint64(len(types)) {
		return nil, fmt.Errorf("decode row: column count: %w", ErrCorruptRow)
	}
	n := int(n64)
	src = src[k:]
	nb := (n + 7) / 8
	if len(src) < nb {
		return nil, fmt.Errorf("decode row: null bitmap: %w", ErrCorruptRow)
	}
	bm, src := src[:nb], src[nb:]
	if n%8 != 0 && bm[nb-1]>>(n%8) != 0 {
		return nil, fmt.Errorf("decode row: null bitmap padding: %w", ErrCorruptRow)
	}
	for i := range types {
		if i >= n || bm[i/8]&(1<<(i%8)) != 0 {
			dst[i] = Value{id: types[i].ID}
			continue
		}
		if need != nil && !need[i] {
			rest, err := skipRowValue(src, types[i].ID)
			if err != nil {
				return nil, fmt.Errorf("decode row: column %d (%s): %w", i, types[i].ID.Name(), err)
			}
			dst[i], src = Value{id: types[i].ID}, rest
			continue
		}
		// The integer and string types inline: they are most columns of
		// most tables, and decodeRowValue's general path costs several
		// times as much.
		switch id := types[i].ID; id {
		case Int, SmallInt, TinyInt, BigInt:
			w := fixedWidth(id)
			if len(src) < w {
				return nil, fmt.Errorf("decode row: column %d (%s): %w", i, id.Name(), ErrCorruptRow)
			}
			var x int64
			switch id {
			case Int:
				x = int64(int32(binary.LittleEndian.Uint32(src)))
			case BigInt:
				x = int64(binary.LittleEndian.Uint64(src))
			case SmallInt:
				x = int64(int16(binary.LittleEndian.Uint16(src)))
			default:
				x = int64(src[0])
			}
			// Into dst in place: a Value built on the stack and copied
			// over is reloaded across the stores that built it, a
			// store-forwarding stall per column (issue #2).
			d := &dst[i]
			*d = Value{}
			d.id, d.ok, d.i = id, true, x
			src = src[w:]
			continue
		case Char, VarChar, NChar, NVarChar, Binary, VarBinary, Text, NText, Image, XML:
			// In place too, for the same reason (decodeRowValue's string case).
			l, k := canonicalUvarint(src)
			if k <= 0 || l > uint64(len(src)-k) {
				return nil, fmt.Errorf("decode row: column %d (%s): %w", i, id.Name(), ErrCorruptRow)
			}
			d := &dst[i]
			*d = Value{}
			d.id, d.ok, d.s = id, true, string(src[k:k+int(l)])
			src = src[k+int(l):]
			continue
		}
		v, rest, err := decodeRowValue(src, types[i].ID)
		if err != nil {
			return nil, fmt.Errorf("decode row: column %d (%s): %w", i, types[i].ID.Name(), err)
		}
		dst[i], src = v, rest
	}
	if len(src) != 0 {
		return nil, fmt.Errorf("decode row: %d trailing bytes: %w", len(src), ErrCorruptRow)
	}
	return dst, nil
}

// skipRowValue returns src after one encoded value of type id.
func skipRowValue(src []byte, id TypeID) ([]byte, error) {
	n := 0
	switch id {
	case Bit, TinyInt:
		n = 1
	case SmallInt:
		n = 2
	case Int, SmallMoney, Real:
		n = 4
	case BigInt, Money, Float:
		n = 8
	case Decimal, Numeric:
		if len(src) < 3 {
			return nil, ErrCorruptRow
		}
		n = 3 + int(src[2])
	case Char, VarChar, NChar, NVarChar, Binary, VarBinary, Text, NText, Image, XML:
		l, k := canonicalUvarint(src)
		if k <= 0 || l > uint64(len(src)-k) {
			return nil, ErrCorruptRow
		}
		n = k + int(l)
	case SQLVariant:
		if len(src) == 0 || !variantBase(TypeID(src[0])) {
			return nil, ErrCorruptRow
		}
		return skipRowValue(src[1:], TypeID(src[0]))
	case UniqueIdentifier:
		n = 16
	case Date:
		n = 3
	case Time:
		n = 6
	case DateTime2:
		n = 9
	case DateTimeOffset:
		n = 11
	case DateTime:
		n = 7
	case SmallDateTime:
		n = 5
	default:
		return nil, fmt.Errorf("type %d: %w", id, ErrCorruptRow)
	}
	if n > len(src) {
		return nil, ErrCorruptRow
	}
	return src[n:], nil
}

// rowReader consumes fixed-size fields, recording a short read.
type rowReader struct {
	b   []byte
	bad bool
}

func (r *rowReader) take(n int) []byte {
	if r.bad || len(r.b) < n {
		r.bad = true
		return make([]byte, n)
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

func (r *rowReader) le(n int) uint64 {
	p := r.take(n)
	var x uint64
	for i := n - 1; i >= 0; i-- {
		x = x<<8 | uint64(p[i])
	}
	return x
}

func decodeRowValue(src []byte, id TypeID) (Value, []byte, error) {
	r := rowReader{b: src}
	v := Value{id: id, ok: true}
	bad := false
	switch id {
	case Bit:
		v.i = int64(r.le(1))
		bad = v.i > 1
	case TinyInt:
		v.i = int64(r.le(1))
	case SmallInt:
		v.i = int64(int16(r.le(2)))
	case Int:
		v.i = int64(int32(r.le(4)))
	case SmallMoney:
		v.i = int64(int32(r.le(4)))
	case BigInt, Money:
		v.i = int64(r.le(8))
	case Float:
		b := r.le(8)
		f := math.Float64frombits(b)
		bad = math.IsNaN(f) || math.IsInf(f, 0) || b == 1<<63 // no NaN, ±Inf or -0
		v = NewFloat(f)
	case Real:
		b := uint32(r.le(4))
		f := math.Float32frombits(b)
		bad = f != f || math.IsInf(float64(f), 0) || b == 1<<31
		v = NewReal(f)
	case Decimal, Numeric:
		v.prec = byte(r.le(1))
		sc := byte(r.le(1))
		v.neg, v.scale = sc&0x80 != 0, sc&0x7f
		l := int(r.le(1))
		if l > 16 {
			return Value{}, nil, ErrCorruptRow
		}
		var b [16]byte
		copy(b[:], r.take(l))
		v.i = int64(binary.LittleEndian.Uint64(b[:8]))
		v.hi = binary.LittleEndian.Uint64(b[8:])
		bad = v.prec < 1 || v.prec > maxPrecision || v.scale > v.prec || l > 0 && b[l-1] == 0 ||
			v.neg && l == 0 || !decimalFits(v.hi, uint64(v.i), v.prec)
	case SQLVariant:
		if len(src) == 0 || !variantBase(TypeID(src[0])) {
			return Value{}, nil, ErrCorruptRow
		}
		return decodeRowValue(src[1:], TypeID(src[0]))
	case Char, VarChar, NChar, NVarChar, Binary, VarBinary, Text, NText, Image, XML:
		l, k := canonicalUvarint(src)
		if k <= 0 || l > uint64(len(src)-k) {
			return Value{}, nil, ErrCorruptRow
		}
		v.s = string(src[k : k+int(l)])
		return v, src[k+int(l):], nil
	case UniqueIdentifier:
		v.s = string(r.take(16))
	case Date:
		v.i = int64(r.le(3))
		bad = v.i > maxDays
	case Time:
		v.scale = byte(r.le(1))
		v.i = int64(r.le(5))
		bad = v.scale > maxTimeScale || v.i >= ticksPerDay
	case DateTime2, DateTimeOffset:
		v.scale = byte(r.le(1))
		v.hi = r.le(3)
		v.i = int64(r.le(5))
		if id == DateTimeOffset {
			v.off = int16(r.le(2))
			bad = v.off < -840 || v.off > 840
		}
		bad = bad || v.scale > maxTimeScale || v.hi > maxDays || v.i >= ticksPerDay
	case DateTime:
		v.hi = r.le(3)
		v.i = int64(r.le(4))
		bad = v.hi > maxDays || v.i >= dt300PerDay
	case SmallDateTime:
		v.hi = r.le(3)
		v.i = int64(r.le(2))
		bad = v.hi > maxDays || v.i >= 1440
	default:
		return Value{}, nil, fmt.Errorf("type %d: %w", id, ErrCorruptRow)
	}
	if r.bad || bad {
		return Value{}, nil, ErrCorruptRow
	}
	return v, r.b, nil
}

// canonicalUvarint is binary.Uvarint that also rejects non-minimal
// encodings (a trailing 0x00 group), so each row has one encoding.
func canonicalUvarint(b []byte) (uint64, int) {
	x, k := binary.Uvarint(b)
	if k > 1 && b[k-1] == 0 {
		return 0, -1
	}
	return x, k
}

// decimalFits reports whether the magnitude hi<<64|lo has at most p digits.
func decimalFits(hi, lo uint64, p uint8) bool {
	l := pow10U128[p]
	return cmpU128(hi, lo, l[0], l[1]) < 0
}

// pow10U128[n] is 10ⁿ as (hi, lo), n = 0..38.
var pow10U128 = func() (t [39][2]uint64) {
	hi, lo := uint64(0), uint64(1)
	for n := 0; n <= 38; n++ {
		t[n] = [2]uint64{hi, lo}
		// × 10 = ×8 + ×2
		h8, l8 := hi<<3|lo>>61, lo<<3
		h2, l2 := hi<<1|lo>>63, lo<<1
		lo = l8 + l2
		carry := uint64(0)
		if lo < l8 {
			carry = 1
		}
		hi = h8 + h2 + carry
	}
	return t
}()
