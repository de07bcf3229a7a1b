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
// allocation per value, where Row's []any boxes each one.
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

// writeFieldRow is writeRow for Fields; cols must have no PLP column (the
// caller sends such rows through writeRow).
func writeFieldRow(w interface{ Write([]byte) (int, error) }, allowNBC bool, cols []Column, fs []Field, scratch []byte) ([]byte, error) {
	if len(fs) != len(cols) {
		return scratch, errorf("row with %d values for %d columns", len(fs), len(cols))
	}
	b, nbc := appendRowHead(scratch[:0], []byte{tokenRow}, allowNBC, cols, func(i int) bool { return fs[i].Kind == FieldNull })
	var err error
	for i := range fs {
		if nbc && fs[i].Kind == FieldNull {
			continue
		}
		if b, err = appendField(b, cols[i].Type, &fs[i]); err != nil {
			return b, columnErr(i, cols[i], err)
		}
	}
	_, err = w.Write(b)
	return b, err
}
