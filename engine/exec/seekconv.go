package exec

import "github.com/mirrorsql/mirrorsql/catalog/types"

// seekConverts reports whether a comparison of a column of type ct with a
// value of type vt may seek the column's index by the value converted to
// ct (seekRange, exactConvert).
//
// SQL Server converts the operand of lower data type precedence. When that
// is the value, the comparison is the column's own and the seek is exact.
// When it is the column, every row's converted value is compared: a seek
// by the value converted back finds the rows whose column converts to it
// only when the column's conversion keeps distinct values distinct and in
// order. It does not from a string to a number or a date ('5', '05' and
// ' 5' all equal 5: WHERE vc = 5 found '5' alone, and vc = 5.0 nothing),
// nor from an integer too wide for the floating type (16777217 = 16777216
// as real), nor from a decimal to a floating type, nor from binary to a
// string (compared under a collation). The filter then judges every row,
// raising 245 where SQL Server's scan does.
func seekConverts(ct, vt types.Type) bool {
	c, v := ct.ID, vt.ID
	if v == types.Unknown || c == v || v.Precedence() <= c.Precedence() {
		return true // the value converts to the column's type
	}
	switch {
	case c.IsString():
		// varchar against nvarchar: the same text, compared under the
		// column's collation's equivalence (the seek by its sort key).
		return v.IsString()
	case c.IsInteger():
		switch v {
		case types.Real:
			return c == types.Bit || c == types.TinyInt || c == types.SmallInt // within real's 24 bits
		case types.Float:
			return c != types.BigInt // within float's 53 bits
		}
		return v.IsExactNumeric()
	case c == types.Decimal || c == types.Numeric || c == types.Money || c == types.SmallMoney:
		return v.IsExactNumeric()
	case c == types.Real:
		return v == types.Float
	case c == types.Date || c == types.SmallDateTime || c == types.DateTime:
		return v == types.SmallDateTime || v == types.DateTime || v == types.DateTime2
	case c == types.Time:
		return v == types.DateTime2
	}
	return false
}
