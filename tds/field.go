package tds

import (
	"encoding/binary"
	"math"
)

// FieldKind says which member of a Field holds its value.
type FieldKind uint8

// Field kinds; each encodes exactly like the value-model value named
// (doc.go), so RowFields and Row put the same bytes on the wire.
const (
	FieldNull   FieldKind = iota // nil
	FieldInt                     // int64(Int)
	FieldFloat                   // Float (a float64)
	FieldString                  // Str (a string)
	FieldBinary                  // []byte(Str)
	FieldAny                     // Any, any value of the value model
)

// Field is one value of a result row in unboxed form. Rows of integers,
// floats and strings — nearly every row a server streams — then cost no
// allocation per value, where Row's []any boxes each one. Only the member
// Kind names is read; the others may hold anything (a caller reusing Fields
// from row to row need not clear them).
type Field struct {
	Kind  FieldKind
	Int   int64
	Float float64
	Str   string
	Any   any
}

// Value returns f in the value model (boxed).
func (f Field) Value() any {
	switch f.Kind {
	case FieldInt:
		return f.Int
	case FieldFloat:
		return f.Float
	case FieldString:
		return f.Str
	case FieldBinary:
		return []byte(f.Str)
	case FieldAny:
		return f.Any
	}
	return nil
}

// FieldWriter is implemented by the ResultWriter the server passes to Session
// methods. RowFields is Row without boxing: it sends one row of the current
// result set from fields (len = the number of columns), with Row's contract
// (ROW or NBCROW, nothing written on an encoding error). fields is only read
// during the call.
type FieldWriter interface {
	RowFields(fields []Field) error
}

// appendField appends a non-PLP value of type t with its length prefix. The
// common pairs (integers into integer and bit types, floats into float types,
// strings into character and binary types) are encoded here directly; every
// other pair goes through appendValue with the boxed value, so the bytes are
// always those Row would send.
func appendField(b []byte, t TypeInfo, f *Field) ([]byte, error) {
	switch f.Kind {
	case FieldInt:
		switch t.ID {
		case typeIntN:
			id := fixedOf(t).ID
			if lo, hi := intRange(id); id != 0 && f.Int >= lo && f.Int <= hi {
				return appendUintN(append(b, byte(t.Length)), uint64(f.Int), t.Length), nil
			}
		case typeInt1, typeInt2, typeInt4, typeInt8:
			if lo, hi := intRange(t.ID); f.Int >= lo && f.Int <= hi {
				return appendUintN(b, uint64(f.Int), fixedSize(t.ID)), nil
			}
		case typeBitN:
			return append(b, 1, bit(f.Int)), nil
		case typeBit:
			return append(b, bit(f.Int)), nil
		}
	case FieldFloat:
		switch {
		case t.ID == typeFltN && t.Length == 8:
			return binary.LittleEndian.AppendUint64(append(b, 8), math.Float64bits(f.Float)), nil
		case t.ID == typeFltN && t.Length == 4:
			return binary.LittleEndian.AppendUint32(append(b, 4), math.Float32bits(float32(f.Float))), nil
		case t.ID == typeFlt8:
			return binary.LittleEndian.AppendUint64(b, math.Float64bits(f.Float)), nil
		case t.ID == typeFlt4:
			return binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(f.Float))), nil
		}
	case FieldString:
		if isShortLen(t.ID) {
			at := len(b)
			return endShortLen(appendString(append(b, 0, 0), t, f.Str), at, t)
		}
	case FieldBinary:
		switch t.ID {
		case typeBigVarBin, typeBigBinary:
			at := len(b)
			return endShortLen(append(append(b, 0, 0), f.Str...), at, t)
		}
	case FieldNull:
		return appendValue(b, t, nil)
	}
	return appendValue(b, t, f.Value())
}

func bit(i int64) byte {
	if i != 0 {
		return 1
	}
	return 0
}

// encOp is a column's encoding on RowFields' fast path, chosen once per
// result set (columnEncs) instead of once per value.
type encOp uint8

const (
	encOther   encOp = iota // appendField decides per value
	encIntN                 // INTN: length byte, little-endian integer
	encInt                  // INT1/INT2/INT4/INT8: the little-endian integer alone
	encFlt8                 // FLTN(8)
	encFlt4                 // FLTN(4)
	encFixFlt8              // FLT8: the 8 bytes alone
	encFixFlt4              // FLT4: the 4 bytes alone
	encUCS2                 // NCHAR/NVARCHAR: USHORTLEN, UTF-16LE
	encCP1252               // CHAR/VARCHAR in code page 1252: USHORTLEN; ASCII text as is
	encBytes                // BINARY/VARBINARY: USHORTLEN, the bytes
)

// colEnc is one column's fast encoding.
type colEnc struct {
	op     encOp
	size   int   // encIntN, encInt: value bytes
	lo, hi int64 // encIntN, encInt: the integer type's range
	max    int   // USHORTLEN types: the type's maximum bytes
}

// columnEncs appends the fast encodings of cols to encs[:0].
func columnEncs(encs []colEnc, cols []Column) []colEnc {
	encs = encs[:0]
	for _, c := range cols {
		t := c.Type
		e := colEnc{max: min(t.Length, 8000)}
		switch {
		case t.ID == typeIntN:
			if id := fixedOf(t).ID; id != 0 {
				e.op, e.size = encIntN, t.Length
				e.lo, e.hi = intRange(id)
			}
		case t.ID == typeInt1 || t.ID == typeInt2 || t.ID == typeInt4 || t.ID == typeInt8:
			e.op, e.size = encInt, fixedSize(t.ID)
			e.lo, e.hi = intRange(t.ID)
		case t.ID == typeFltN && t.Length == 8:
			e.op = encFlt8
		case t.ID == typeFltN && t.Length == 4:
			e.op = encFlt4
		case t.ID == typeFlt8:
			e.op = encFixFlt8
		case t.ID == typeFlt4:
			e.op = encFixFlt4
		case t.ID == typeNVarChar || t.ID == typeNChar:
			e.op = encUCS2
		case (t.ID == typeBigVarChar || t.ID == typeBigChar) && !t.Collation.UTF8() && t.Collation.charset() == nil:
			e.op = encCP1252
		case t.ID == typeBigVarBin || t.ID == typeBigBinary:
			e.op = encBytes
		}
		if t.Length < 0 { // (max): PLP, never on this path
			e.op = encOther
		}
		encs = append(encs, e)
	}
	return encs
}

// writeFieldRow is writeRow for Fields; cols must have no PLP column (the
// caller sends such rows through writeRow) and encs must be columnEncs(cols).
// Values whose kind matches their column's fast encoding are appended
// inline; the rest go through appendField, so the bytes are Row's either way.
func writeFieldRow(w interface{ Write([]byte) (int, error) }, allowNBC bool, cols []Column, encs []colEnc, fs []Field, scratch []byte) ([]byte, error) {
	if len(fs) != len(cols) {
		return scratch, errorf("row with %d values for %d columns", len(fs), len(cols))
	}
	b, nbc := append(scratch[:0], tokenRow), false
	if allowNBC && hasNullField(fs) {
		b, nbc = appendRowHead(scratch[:0], []byte{tokenRow}, allowNBC, cols, func(i int) bool { return fs[i].Kind == FieldNull })
	}
	var err error
	for i := range fs {
		f, e := &fs[i], &encs[i]
		switch f.Kind {
		case FieldNull:
			if nbc {
				continue
			}
		case FieldInt:
			if f.Int >= e.lo && f.Int <= e.hi {
				switch e.op {
				case encIntN:
					b = appendIntN(b, f.Int, e.size)
					continue
				case encInt:
					b = appendIntLE(b, f.Int, e.size)
					continue
				}
			}
		case FieldFloat:
			switch e.op {
			case encFlt8:
				b = binary.LittleEndian.AppendUint64(append(b, 8), math.Float64bits(f.Float))
				continue
			case encFlt4:
				b = binary.LittleEndian.AppendUint32(append(b, 4), math.Float32bits(float32(f.Float)))
				continue
			case encFixFlt8:
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f.Float))
				continue
			case encFixFlt4:
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(f.Float)))
				continue
			}
		case FieldString:
			if (e.op == encCP1252 && isASCII(f.Str) || e.op == encBytes) && len(f.Str) <= e.max {
				b = append(binary.LittleEndian.AppendUint16(b, uint16(len(f.Str))), f.Str...)
				continue
			}
			if e.op == encUCS2 {
				at := len(b)
				b = appendUCS2(append(b, 0, 0), f.Str)
				if n := len(b) - at - 2; n <= e.max {
					binary.LittleEndian.PutUint16(b[at:], uint16(n))
					continue
				}
				b = b[:at] // too long: appendField reports it
			}
		case FieldBinary:
			if e.op == encBytes && len(f.Str) <= e.max {
				b = append(binary.LittleEndian.AppendUint16(b, uint16(len(f.Str))), f.Str...)
				continue
			}
		}
		if b, err = appendField(b, cols[i].Type, f); err != nil {
			return b, columnErr(i, cols[i], err)
		}
	}
	_, err = w.Write(b)
	return b, err
}

// hasNullField reports whether a field of fs is NULL. A row without one is a
// ROW whatever the columns; checking first spares the NBCROW reckoning
// (a call per column) for nearly every streamed row.
func hasNullField(fs []Field) bool {
	for i := range fs {
		if fs[i].Kind == FieldNull {
			return true
		}
	}
	return false
}

// appendIntN appends an INTN value: its size byte and size little-endian bytes.
func appendIntN(b []byte, v int64, size int) []byte {
	return appendIntLE(append(b, byte(size)), v, size)
}

// appendIntLE appends the size (1, 2, 4 or 8) low bytes of v, little-endian:
// a fixed-length integer's value.
func appendIntLE(b []byte, v int64, size int) []byte {
	switch size {
	case 4:
		return binary.LittleEndian.AppendUint32(b, uint32(v))
	case 8:
		return binary.LittleEndian.AppendUint64(b, uint64(v))
	case 2:
		return binary.LittleEndian.AppendUint16(b, uint16(v))
	}
	return append(b, byte(v))
}
