package tds

import (
	"encoding/binary"
	"fmt"
)

// typeVariant is SSVARIANTTYPE ([MS-TDS] 2.2.5.4.3, values 2.2.5.5.4).
const typeVariant = 0x62

// variantMaxLength is sql_variant's TYPE_INFO LONGLEN maximum length.
const variantMaxLength = 8009

// TypeSQLVariant is the sql_variant column type. Its values are nil (a NULL
// variant) or Variant.
func TypeSQLVariant() TypeInfo { return TypeInfo{ID: typeVariant, Length: variantMaxLength} }

// Variant is a non-NULL sql_variant value: Value of base type Type. Type is one
// of the Type* constructors except the (max), text, xml and sql_variant types;
// integer, bit, float, money and datetime bases travel as their fixed-length
// wire types ([MS-TDS] 2.2.5.5.4: INT4TYPE, not INTNTYPE). A Variant whose Value
// is nil is sent as a NULL sql_variant.
type Variant struct {
	Type  TypeInfo
	Value any
}

// appendVariant appends an SSVARIANTTYPE value: LONGLEN total length (0 =
// NULL), then VARIANT_BASETYPE, VARIANT_PROPBYTES, the properties and the base
// value without its length prefix ([MS-TDS] 2.2.5.5.4).
func appendVariant(b []byte, v any) ([]byte, error) {
	var vv Variant
	switch x := v.(type) {
	case nil:
		return binary.LittleEndian.AppendUint32(b, 0), nil
	case Variant:
		vv = x
	case *Variant:
		if x == nil {
			return binary.LittleEndian.AppendUint32(b, 0), nil
		}
		vv = *x
	default:
		return b, typeErr(TypeSQLVariant(), v)
	}
	if vv.Value == nil {
		return binary.LittleEndian.AppendUint32(b, 0), nil
	}
	at := len(b)
	b = append(b, 0, 0, 0, 0)
	t := vv.Type
	var err error
	switch t.ID {
	case typeIntN, typeBitN, typeFltN, typeMoneyN, typeDateTimeN:
		t = fixedOf(t)
		if t.ID == 0 {
			return b[:at], fmt.Errorf("tds: sql_variant base type %#x with length %d", vv.Type.ID, vv.Type.Length)
		}
	}
	switch {
	case fixedSize(t.ID) > 0:
		b = append(b, t.ID, 0)
		b, err = appendFixed(b, t, vv.Value)
	case t.ID == typeGUID || t.ID == typeDateN:
		b = append(b, t.ID, 0)
		b, err = appendUnprefixed(b, t, vv.Value)
	case t.ID == typeTimeN || t.ID == typeDateTime2N || t.ID == typeDateTimeOffset:
		b = append(b, t.ID, 1, t.Scale)
		b, err = appendUnprefixed(b, t, vv.Value)
	case t.ID == typeDecimalN || t.ID == typeNumericN:
		b = append(b, t.ID, 2, t.Precision, t.Scale)
		b, err = appendUnprefixed(b, t, vv.Value)
	case !t.IsPLP() && hasCollation(t.ID):
		b = append(b, t.ID, 7)
		b = append(b, t.Collation[:]...)
		b = binary.LittleEndian.AppendUint16(b, uint16(t.Length))
		b, err = appendUnprefixed(b, t, vv.Value)
	case !t.IsPLP() && (t.ID == typeBigVarBin || t.ID == typeBigBinary):
		b = append(b, t.ID, 2)
		b = binary.LittleEndian.AppendUint16(b, uint16(t.Length))
		b, err = appendUnprefixed(b, t, vv.Value)
	default:
		return b[:at], fmt.Errorf("tds: type %#x cannot be a sql_variant base type", t.ID)
	}
	if err != nil {
		return b[:at], err
	}
	if n := len(b) - at - 4; n > variantMaxLength {
		return b[:at], fmt.Errorf("tds: sql_variant value of %d bytes exceeds %d", n, variantMaxLength)
	}
	binary.LittleEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	return b, nil
}

// appendUnprefixed appends a BYTELEN or USHORTLEN value of t without its length
// prefix (sql_variant data values carry none).
func appendUnprefixed(b []byte, t TypeInfo, v any) ([]byte, error) {
	prefix := 1
	if isShortLen(t.ID) {
		prefix = 2
	}
	mark := len(b)
	b, err := appendValue(b, t, v)
	if err != nil {
		return b[:mark], err
	}
	n := copy(b[mark:], b[mark+prefix:])
	return b[:mark+n], nil
}

// readVariant decodes an SSVARIANTTYPE value into nil or a Variant.
func readVariant(r *rd) (any, error) {
	n := r.u32()
	if r.err != nil || n == 0 {
		return nil, r.err
	}
	if n > variantMaxLength || int64(n) > int64(r.remaining()) {
		return nil, errorf("sql_variant of %d bytes", n)
	}
	vr := &rd{b: r.take(int(n))}
	t := TypeInfo{ID: vr.u8()}
	props := vr.take(int(vr.u8()))
	if vr.err != nil {
		return nil, errorf("sql_variant header: %v", vr.err)
	}
	data := vr.b[vr.off:]
	switch {
	case fixedSize(t.ID) > 0 && len(props) == 0:
		t.Length = fixedSize(t.ID)
		if len(data) != t.Length {
			return nil, errorf("sql_variant %#x value of %d bytes", t.ID, len(data))
		}
		v, err := decodeFixed(t.ID, data)
		return Variant{Type: t, Value: v}, err
	case (t.ID == typeGUID || t.ID == typeDateN) && len(props) == 0:
		t.Length = map[byte]int{typeGUID: 16, typeDateN: 3}[t.ID]
	case (t.ID == typeTimeN || t.ID == typeDateTime2N || t.ID == typeDateTimeOffset) && len(props) == 1 && props[0] <= 7:
		t.Scale = props[0]
		t.Length = timeSize(t.Scale) + map[byte]int{typeTimeN: 0, typeDateTime2N: 3, typeDateTimeOffset: 5}[t.ID]
	case (t.ID == typeDecimalN || t.ID == typeNumericN) && len(props) == 2:
		t.Precision, t.Scale = props[0], props[1]
		if t.Precision < 1 || t.Precision > 38 || t.Scale > t.Precision {
			return nil, errorf("sql_variant decimal(%d,%d)", t.Precision, t.Scale)
		}
		t.Length = decimalSize(t.Precision)
	case hasCollation(t.ID) && len(props) == 7:
		copy(t.Collation[:], props)
		t.Length = int(binary.LittleEndian.Uint16(props[5:]))
		return variantChars(t, data)
	case (t.ID == typeBigVarBin || t.ID == typeBigBinary) && len(props) == 2:
		t.Length = int(binary.LittleEndian.Uint16(props))
		return variantChars(t, data)
	default:
		return nil, errorf("sql_variant base type %#x with %d property bytes", t.ID, len(props))
	}
	v, err := decodeBytes(t, data)
	return Variant{Type: t, Value: v}, err
}

// variantChars checks a character or binary base value against its declared
// maximum length and decodes it.
func variantChars(t TypeInfo, data []byte) (any, error) {
	wide := t.ID == typeNVarChar || t.ID == typeNChar
	if t.Length > 8000 || len(data) > t.Length || (wide && (t.Length%2 != 0 || len(data)%2 != 0)) {
		return nil, errorf("sql_variant %#x value of %d bytes for max length %d", t.ID, len(data), t.Length)
	}
	return Variant{Type: t, Value: decodeChars(t, data)}, nil
}
