package types

import "strings"

// sql_variant.
//
// A sql_variant Value is represented by its base value itself: CAST(1 AS
// sql_variant) is the int 1. The sql_variant-ness lives in the static Type
// of the column, variable or expression (Type{ID: SQLVariant}); a NULL
// sql_variant is Null(SQLVariant). Converting from sql_variant is therefore
// converting the base value, and SQL_VARIANT_PROPERTY reads the base type
// from Value.TypeID. Stored rows tag the value with its base TypeID (row.go).
//
// Known simplification: the base type's declared length is not kept (a
// varchar(10) base reports the value's length as MaxLength).

// toVariant converts v to sql_variant: v itself, unless its type cannot be a
// sql_variant base (the LOB types, SQL Server's 206 operand type clash).
func toVariant(v Value) (Value, error) {
	if !variantBase(v.id) {
		return Value{}, errOperandClash(v.id, SQLVariant)
	}
	return v, nil
}

// variantBase reports whether id can be the base type of a sql_variant.
func variantBase(id TypeID) bool {
	return id != Unknown && id != SQLVariant && !id.IsLOB() && typeInfos[id].name != ""
}

// VariantBaseType returns the Type a sql_variant value's base has: its
// TypeID with the precision, scale and length the value carries (strings
// and binaries report their actual length, at least 1).
func VariantBaseType(v Value) Type {
	t := Type{ID: v.id, Precision: v.prec, Scale: v.scale}
	switch {
	case v.id.IsUnicode():
		t.Length = max(TextLength(v.s, true), 1) // textlen.go
	case v.id.IsString() || v.id.IsBinary():
		t.Length = max(len(v.s), 1)
	case v.id == Decimal || v.id == Numeric:
	case v.id.IsDateTime():
		t.Precision = 0
	}
	return t
}

// VariantProperty implements SQL_VARIANT_PROPERTY(v, property) for the
// properties BaseType (sysname), Precision, Scale, MaxLength (int),
// TotalBytes and Collation; NULL for a NULL value or an unknown property.
func VariantProperty(v Value, property string) Value {
	if !v.ok || v.id == SQLVariant {
		return Null(SQLVariant)
	}
	t := VariantBaseType(v)
	switch lowerASCII(property) {
	case "basetype":
		return NewString(NVarChar, v.id.Name())
	case "precision":
		return NewInt(int32(t.CatalogPrecision()))
	case "scale":
		return NewInt(int32(t.CatalogScale()))
	case "maxlength":
		if v.id.IsUnicode() {
			return NewInt(int32(2 * t.Length))
		}
		return NewInt(int32(t.CatalogMaxLength()))
	case "totalbytes":
		n := int32(t.CatalogMaxLength())
		if v.id.IsUnicode() {
			n = int32(2 * t.Length)
		}
		return NewInt(n + 2)
	case "collation":
		if v.id.IsString() {
			return NewString(NVarChar, "SQL_Latin1_General_CP1_CI_AS")
		}
	}
	return Null(SQLVariant)
}

// variantFamily ranks the data type family of a sql_variant's base type as
// SQL Server orders them when it compares sql_variant values (docs:
// "sql_variant (Transact-SQL)", comparing sql_variant values): date and
// time above approximate numeric, above exact numeric, above the character
// types (one "Unicode" family), above binary, above uniqueidentifier.
func variantFamily(id TypeID) int {
	switch classOf(id) {
	case classDate, classTime, classDateTime, classDT2:
		return 6
	case classFloat:
		return 5
	case classInt, classMoney, classDecimal:
		return 4
	case classString:
		return 3
	case classBinary:
		return 2
	case classGUID:
		return 1
	}
	return 0
}

// CompareVariant orders two sql_variant values (or a sql_variant and a
// value converted to sql_variant) as SQL Server does: base types of
// different families order by family, whatever the values; within a family
// the value of the lower type is converted to the other's and compared as
// [CompareWith] does (so 'abc' = 10 is false, not error 245, and
// CAST(2 AS bigint) = 2.0 is true). NULL sorts first.
func CompareVariant(a, b Value, coll Collation, o ConvertOptions) (int, error) {
	if a.ok && b.ok {
		if fa, fb := variantFamily(a.id), variantFamily(b.id); fa != fb {
			return cmpInt(int64(fa), int64(fb)), nil
		}
	}
	return CompareWith(a, b, coll, o)
}

// CompareVariantBool3 is [CompareBool3] for sql_variant operands: Unknown3
// when either is NULL, else as [CompareVariant].
func CompareVariantBool3(a, b Value, op CompareOp, coll Collation) (Bool3, error) {
	if !a.ok || !b.ok {
		return Unknown3, nil
	}
	if variantFamily(a.id) == variantFamily(b.id) {
		return CompareBool3(a, b, op, coll)
	}
	c, _ := CompareVariant(a, b, coll, ConvertOptions{})
	switch op {
	case OpEQ:
		return boolOf(c == 0), nil
	case OpNE:
		return boolOf(c != 0), nil
	case OpLT:
		return boolOf(c < 0), nil
	case OpLE:
		return boolOf(c <= 0), nil
	case OpGT:
		return boolOf(c > 0), nil
	}
	return boolOf(c >= 0), nil
}

func boolOf(b bool) Bool3 {
	if b {
		return True
	}
	return False
}

// AppendVariantGroupKey appends a key for sql_variant value v under which
// values CompareVariant finds equal are equal bytes, for GROUP BY, DISTINCT
// and hash joins (not an index key: it does not keep the order): the
// family, then the value converted to one type per family (exact numerics
// to their shortest decimal text, approximate ones to float, dates and
// times to datetimeoffset, strings to nvarchar under coll).
func AppendVariantGroupKey(dst []byte, v Value, coll Collation) []byte {
	if !v.ok {
		return append(dst, keyNull)
	}
	fam := variantFamily(v.id)
	dst = append(dst, keyNotNull, byte(fam))
	var t Type
	switch fam {
	case 6:
		t = Type{ID: DateTimeOffset, Scale: 7}
	case 5:
		t = Type{ID: Float}
	case 4:
		s, err := Convert(v, Type{ID: VarChar, Length: MaxLength}, 0)
		if err != nil {
			return appendKeyValue(dst, v, valueType(v))
		}
		text := s.s
		if strings.Contains(text, ".") {
			text = strings.TrimRight(strings.TrimRight(text, "0"), ".")
		}
		if text == "-0" {
			text = "0"
		}
		return appendEscaped(dst, text)
	case 3:
		t = Type{ID: NVarChar, Length: MaxLength, Collation: coll}
	default:
		return appendKeyValue(dst, v, valueType(v))
	}
	c, err := Convert(v, t, 0)
	if err != nil {
		return appendKeyValue(dst, v, valueType(v))
	}
	return appendKeyValue(dst, c, t)
}

// EncodeGroupKey is [EncodeKey] for grouping and duplicate detection: a
// sql_variant position is encoded by [AppendVariantGroupKey], so values of
// different base types that SQL Server finds equal (int 1 and bigint 1,
// 'a' and N'A') fall in one group.
func EncodeGroupKey(dst []byte, vals []Value, types []Type) []byte {
	if !hasVariant(types) {
		return EncodeKey(dst, vals, types, nil)
	}
	for i, v := range vals {
		if i < len(types) && types[i].ID == SQLVariant {
			dst = AppendVariantGroupKey(dst, v, types[i].Collation)
			continue
		}
		if i < len(types) {
			dst, _ = appendKey(dst, vals[i:i+1], types[i:i+1], nil, false)
		} else {
			dst, _ = appendKey(dst, vals[i:i+1], nil, nil, false)
		}
	}
	return dst
}

func hasVariant(types []Type) bool {
	for _, t := range types {
		if t.ID == SQLVariant {
			return true
		}
	}
	return false
}
