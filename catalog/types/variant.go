package types

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
		t.Length = max(len([]rune(v.s)), 1)
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
