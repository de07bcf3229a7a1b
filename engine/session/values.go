package session

import (
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tds"
)

// TDS type ids ([MS-TDS] 2.2.5.4) of RPC parameters, mapped to SQL types.
const (
	tdsNull           = 0x1F
	tdsInt1           = 0x30
	tdsBit            = 0x32
	tdsInt2           = 0x34
	tdsInt4           = 0x38
	tdsDateTim4       = 0x3A
	tdsFlt4           = 0x3B
	tdsMoney          = 0x3C
	tdsDateTime       = 0x3D
	tdsFlt8           = 0x3E
	tdsMoney4         = 0x7A
	tdsInt8           = 0x7F
	tdsGUID           = 0x24
	tdsIntN           = 0x26
	tdsDecimalN       = 0x6A
	tdsNumericN       = 0x6C
	tdsBitN           = 0x68
	tdsFltN           = 0x6D
	tdsMoneyN         = 0x6E
	tdsDateTimeN      = 0x6F
	tdsDateN          = 0x28
	tdsTimeN          = 0x29
	tdsDateTime2N     = 0x2A
	tdsDateTimeOffset = 0x2B
	tdsBigVarBin      = 0xA5
	tdsBigVarChar     = 0xA7
	tdsBigBinary      = 0xAD
	tdsBigChar        = 0xAF
	tdsNVarChar       = 0xE7
	tdsNChar          = 0xEF
	tdsText           = 0x23 // legacy LOBs: RPC parameters only (FreeTDS ODBC, tedious)
	tdsNText          = 0x63
	tdsImage          = 0x22
)

// typeInfo maps a SQL type to the TDS type of a result column; character
// columns of a collation with its own locale carry it (tdsCollation).
func typeInfo(t types.Type) tds.TypeInfo {
	ti := baseTypeInfo(t)
	if t.Collation.LCID() != 0 && !t.ID.IsUnicode() && t.ID.IsString() {
		ti.Collation = tdsCollation(t.Collation)
	}
	return ti
}

// tdsCollation is c as TDS COLLATION ([MS-TDS] 2.2.5.1.2): 20 bits of LCID,
// the flags fIgnoreCase, fIgnoreAccent, fIgnoreWidth, fIgnoreKana (0x10,
// 0x20, 0x40, 0x80 of the third byte; without _KS and _WS width and kana are
// ignored), fBinary or fBinary2 (0x01, 0x02 of the fourth), 4 bits of
// version, SortId 0 (a Windows collation).
func tdsCollation(c types.Collation) tds.Collation {
	lcid := c.LCID()
	var flags, bin byte
	switch {
	case c.IsBinary() && strings.HasSuffix(c.Name(), "_BIN2"):
		bin = 0x02
	case c.IsBinary():
		bin = 0x01
	default:
		style, _ := c.Property("ComparisonStyle")
		for _, f := range [...]struct {
			style int64
			flag  byte
		}{{1, 0x10}, {2, 0x20}, {131072, 0x40}, {65536, 0x80}} {
			if style&f.style != 0 {
				flags |= f.flag
			}
		}
	}
	return tds.Collation{byte(lcid), byte(lcid >> 8), byte(lcid>>16)&0x0F | flags, c.Version()<<4 | bin, 0}
}

// baseTypeInfo maps a SQL type to its TDS type with the default collation.
func baseTypeInfo(t types.Type) tds.TypeInfo {
	n := t.Length
	if n == types.MaxLength {
		n = -1
	}
	switch t.ID {
	case types.Bit:
		return tds.TypeBit()
	case types.TinyInt:
		return tds.TypeTinyInt()
	case types.SmallInt:
		return tds.TypeSmallInt()
	case types.Int, types.Unknown:
		return tds.TypeInt()
	case types.BigInt:
		return tds.TypeBigInt()
	case types.Real:
		return tds.TypeReal()
	case types.Float:
		return tds.TypeFloat()
	case types.Money:
		return tds.TypeMoney()
	case types.SmallMoney:
		return tds.TypeSmallMoney()
	case types.Decimal:
		return tds.TypeDecimal(t.Precision, t.Scale)
	case types.Numeric:
		return tds.TypeNumeric(t.Precision, t.Scale)
	case types.Date:
		return tds.TypeDate()
	case types.Time:
		return tds.TypeTime(t.Scale)
	case types.DateTime:
		return tds.TypeDateTime()
	case types.SmallDateTime:
		return tds.TypeSmallDateTime()
	case types.DateTime2:
		return tds.TypeDateTime2(t.Scale)
	case types.DateTimeOffset:
		return tds.TypeDateTimeOffset(t.Scale)
	case types.UniqueIdentifier:
		return tds.TypeUniqueIdentifier()
	case types.Char:
		return tds.TypeChar(max(n, 1))
	case types.VarChar:
		if n == 0 {
			n = 8000
		}
		return tds.TypeVarChar(n)
	case types.NChar:
		return tds.TypeNChar(max(n, 1))
	case types.NVarChar:
		if n == 0 {
			n = 4000
		}
		return tds.TypeNVarChar(n)
	case types.Text:
		return tds.TypeText()
	case types.NText:
		return tds.TypeNText()
	case types.Image:
		return tds.TypeImage()
	case types.XML:
		return tds.TypeXML()
	case types.SQLVariant:
		return tds.TypeSQLVariant()
	case types.Binary:
		return tds.TypeBinary(max(n, 1))
	case types.VarBinary:
		if n == 0 {
			n = 8000
		}
		return tds.TypeVarBinary(n)
	}
	return tds.TypeNVarChar(4000)
}

// wireValue converts a SQL value to the tds value model.
func wireValue(v types.Value) (any, error) {
	if v.IsNull() {
		return nil, nil
	}
	switch id := v.TypeID(); {
	case id == types.Bit:
		return v.Bool(), nil
	case id.IsInteger():
		return v.Int64(), nil
	case id == types.Real || id == types.Float:
		return v.Float64(), nil
	case id == types.Money || id == types.SmallMoney:
		return tds.Decimal{Unscaled: big.NewInt(v.Int64()), Scale: 4}, nil
	case id == types.Decimal || id == types.Numeric:
		d := v.Decimal()
		un := new(big.Int).Set(d.Coeff.MathBigInt())
		if d.Negative {
			un.Neg(un)
		}
		scale := -d.Exponent
		if scale < 0 {
			un.Mul(un, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-scale)), nil))
			scale = 0
		}
		return tds.Decimal{Unscaled: un, Scale: uint8(scale)}, nil
	case id.IsString():
		return v.Str(), nil
	case id.IsBinary():
		return []byte(v.Str()), nil
	case id == types.UniqueIdentifier:
		b := v.StorageBytes()
		return b[:], nil
	case id.IsDateTime():
		return v.Time(), nil
	}
	return nil, fmt.Errorf("no TDS encoding for %s", v.TypeID())
}

// variantField sets f to v as a sql_variant value: the base value with its
// base type (types.VariantBaseType).
func variantField(f *tds.Field, v types.Value) error {
	if v.IsNull() || v.TypeID() == types.SQLVariant {
		*f = tds.Field{}
		return nil
	}
	wv, err := wireValue(v)
	if err != nil {
		return err
	}
	*f = tds.Field{Kind: tds.FieldAny, Any: tds.Variant{Type: typeInfo(types.VariantBaseType(v)), Value: wv}}
	return nil
}

// fieldOf sets f to v in the tds Field form: the kinds that need no boxing
// directly, everything else as wireValue's value (FieldAny), so the bytes
// sent are those of wireValue's value either way.
func fieldOf(f *tds.Field, v *types.Value) error {
	// Only the members the kind names are written: the rest may hold a
	// previous row's value, which tds never reads (Field's contract), and
	// leaving them saves the pointer writes (and GC write barriers) of
	// clearing Str and Any for every integer of every row.
	if v.IsNull() {
		f.Kind = tds.FieldNull
		return nil
	}
	switch v.TypeID() { // one switch: this runs for every value of every row
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		f.Kind, f.Int = tds.FieldInt, v.Int64()
	case types.Char, types.VarChar, types.NChar, types.NVarChar:
		f.Kind, f.Str = tds.FieldString, v.Str()
	case types.Real, types.Float:
		f.Kind, f.Float = tds.FieldFloat, v.Float64()
	case types.Binary, types.VarBinary:
		f.Kind, f.Str = tds.FieldBinary, v.Str()
	case types.Bit:
		f.Kind, f.Any = tds.FieldAny, v.Bool() // bool: distinct from int in sql_variant
	default:
		wv, err := wireValue(*v)
		if err != nil {
			return err
		}
		f.Kind, f.Any = tds.FieldAny, wv
	}
	return nil
}

// paramValue converts a decoded RPC parameter to a SQL value and its type.
func paramValue(p tds.Param) (types.Value, types.Type, error) {
	ti := p.Type
	var t types.Type
	switch ti.ID {
	case tdsNull:
		return types.Value{}, types.NVarCharType(1), nil
	case tdsInt1:
		t = types.TypeTinyInt
	case tdsInt2:
		t = types.TypeSmallInt
	case tdsInt4:
		t = types.TypeInt
	case tdsInt8:
		t = types.TypeBigInt
	case tdsIntN:
		switch ti.Length {
		case 1:
			t = types.TypeTinyInt
		case 2:
			t = types.TypeSmallInt
		case 4:
			t = types.TypeInt
		default:
			t = types.TypeBigInt
		}
	case tdsBit, tdsBitN:
		t = types.TypeBit
	case tdsFlt4:
		t = types.TypeReal
	case tdsFlt8:
		t = types.TypeFloat
	case tdsFltN:
		t = types.TypeFloat
		if ti.Length == 4 {
			t = types.TypeReal
		}
	case tdsMoney:
		t = types.TypeMoney
	case tdsMoney4:
		t = types.Type{ID: types.SmallMoney}
	case tdsMoneyN:
		t = types.TypeMoney
		if ti.Length == 4 {
			t = types.Type{ID: types.SmallMoney}
		}
	case tdsDecimalN:
		t = types.DecimalType(ti.Precision, ti.Scale)
	case tdsNumericN:
		t = types.Type{ID: types.Numeric, Precision: ti.Precision, Scale: ti.Scale}
	case tdsDateTime:
		t = types.TypeDateTime
	case tdsDateTim4:
		t = types.Type{ID: types.SmallDateTime}
	case tdsDateTimeN:
		t = types.TypeDateTime
		if ti.Length == 4 {
			t = types.Type{ID: types.SmallDateTime}
		}
	case tdsDateN:
		t = types.TypeDate
	case tdsTimeN:
		t = types.Type{ID: types.Time, Scale: ti.Scale}
	case tdsDateTime2N:
		t = types.Type{ID: types.DateTime2, Scale: ti.Scale}
	case tdsDateTimeOffset:
		t = types.Type{ID: types.DateTimeOffset, Scale: ti.Scale}
	case tdsGUID:
		t = types.TypeUUID
	case tdsBigVarChar, tdsBigChar:
		id := types.VarChar
		if ti.ID == tdsBigChar {
			id = types.Char
		}
		t = types.Type{ID: id, Length: ti.Length}
		if ti.Length == tds.MaxLength || ti.Length > 8000 {
			t.Length = types.MaxLength
		}
	case tdsNVarChar, tdsNChar:
		id := types.NVarChar
		if ti.ID == tdsNChar {
			id = types.NChar
		}
		t = types.Type{ID: id, Length: ti.Length / 2}
		if ti.Length == tds.MaxLength {
			t.Length = types.MaxLength
		}
	case tdsBigVarBin, tdsBigBinary:
		id := types.VarBinary
		if ti.ID == tdsBigBinary {
			id = types.Binary
		}
		t = types.Type{ID: id, Length: ti.Length}
		if ti.Length == tds.MaxLength {
			t.Length = types.MaxLength
		}
	case tdsText:
		t = types.Type{ID: types.VarChar, Length: types.MaxLength}
	case tdsNText:
		t = types.Type{ID: types.NVarChar, Length: types.MaxLength}
	case tdsImage:
		t = types.Type{ID: types.VarBinary, Length: types.MaxLength}
	default:
		return types.Value{}, t, fmt.Errorf("unsupported parameter type 0x%02X", ti.ID)
	}
	if t.ID.IsString() && t.Length == 0 {
		t.Length = 1
	}
	if p.Value == nil {
		return types.Null(t.ID), t, nil
	}
	switch x := p.Value.(type) {
	case bool:
		return types.NewBit(x), t, nil
	case int64:
		v, err := types.ImplicitConvert(types.NewBigInt(x), t)
		return v, t, err
	case float64:
		if t.ID == types.Real {
			return types.NewReal(float32(x)), t, nil
		}
		return types.NewFloat(x), t, nil
	case tds.Decimal:
		d, err := types.ParseNumericLiteral(x.String())
		if err != nil {
			return d, t, err
		}
		v, err := types.Convert(d, t, 0)
		return v, t, err
	case string:
		return types.NewString(t.ID, x), t, nil
	case []byte:
		if t.ID == types.UniqueIdentifier && len(x) == 16 {
			var b [16]byte
			copy(b[:], x)
			return types.GUIDFromStorageBytes(b), t, nil
		}
		return types.NewBinaryString(t.ID, string(x)), t, nil
	case time.Time:
		v, err := types.FromTime(x, t)
		return v, t, err
	}
	return types.Value{}, t, fmt.Errorf("unsupported parameter value %T", p.Value)
}
