package types

import (
	"errors"
	"fmt"
)

// Error is a SQL Server error raised by the type system. Error() is exactly
// SQL Server's message text; SQLServerError reports number, severity, state
// (docs/conventions.md). Compare errors with [IsError] or errors.As and the
// Number field; the Err* constants name the numbers used here.
type Error struct {
	Number   int32
	Severity uint8
	State    uint8
	Msg      string
}

// Error returns SQL Server's message text, without prefixes.
func (e *Error) Error() string { return e.Msg }

// SQLServerError reports the SQL Server error number, severity and state.
func (e *Error) SQLServerError() (number int32, severity uint8, state uint8) {
	return e.Number, e.Severity, e.State
}

// IsError reports whether err (or an error it wraps) is an *Error with number n.
func IsError(err error, n int32) bool {
	var e *Error
	return errors.As(err, &e) && e.Number == n
}

// SQL Server error numbers raised by this package (sys.messages).
const (
	ErrTypeSize           = 131  // The size (%d) given to the type '%.*ls' exceeds the maximum allowed for any data type (%d).
	ErrFuncArgCount       = 174  // The %.*ls function requires %d argument(s).
	ErrScaleGtPrecision   = 192  // The scale must be less than or equal to the precision.
	ErrOperandClash       = 206  // Operand type clash: %ls is incompatible with %ls
	ErrDateFromString     = 241  // Conversion failed when converting date and/or time from character string.
	ErrDateOutOfRange     = 242  // The conversion of a %ls data type to a %ls data type resulted in an out-of-range value.
	ErrSmallDateFromStr   = 295  // Conversion failed when converting character string to smalldatetime data type.
	ErrUnknownType        = 243  // Type %.*ls is not a defined system type.
	ErrConversionFailed   = 245  // Conversion failed when converting the %ls value '%.*ls' to data type %ls.
	ErrConversionOverflow = 248  // The conversion of the %ls value '%.*ls' overflowed an %hs column.
	ErrImplicitConversion = 257  // Implicit conversion from data type %ls to %ls is not allowed. Use the CONVERT function to run this query.
	ErrIncompatibleOp     = 402  // The data types %s and %s are incompatible in the %s operator.
	ErrExplicitConversion = 529  // Explicit conversion from data type %ls to %ls is not allowed.
	ErrInvalidStyle       = 281  // %d is not a valid style number when converting from %ls to a character string.
	ErrInvalidScale       = 1002 // Line %d: Specified scale %d is invalid.
	ErrStringTruncated    = 2628 // String or binary data would be truncated in table '%.*ls', column '%.*ls'. Truncated value: '%.*ls'.
	ErrPrecisionTooBig    = 2750 // Column or parameter #%d: Specified column precision %d is greater than the maximum precision of %d.
	ErrInvalidFloatOp     = 3623 // An invalid floating point operation occurred.
	ErrMoneySyntax        = 235  // Cannot convert a char value to money. The char value has incorrect syntax.
	ErrConvertDataType    = 8114 // Error converting data type %ls to %ls.
	ErrArithOverflow      = 8115 // Arithmetic overflow error converting %ls to data type %ls.
	ErrArgType            = 8116 // Argument data type %ls is invalid for argument %d of %ls function.
	ErrOperandType        = 8117 // Operand data type %ls is invalid for %ls operator.
	ErrDivideByZero       = 8134 // Divide by zero error encountered.
	ErrGUIDFromString     = 8169 // Conversion failed when converting from a character string to uniqueidentifier.
	ErrDatetimeOverflow   = 517  // Adding a value to a '%ls' column caused an overflow.
	ErrDateDiffOverflow   = 535  // The datediff function resulted in an overflow. ...
	ErrInvalidDatePart    = 9810 // The datepart %.*ls is not supported by date function %.*ls for data type %ls.
	ErrNotBuiltinFunction = 195  // '%.*ls' is not a recognized built-in function name.
	ErrInvalidLengthParam = 537  // Invalid length parameter passed to the LEFT or SUBSTRING function.
	ErrCollationConflict  = 468  // Cannot resolve the collation conflict ...
	ErrInvalidCollation   = 448  // Invalid collation '%.*ls'.
	ErrInvalidParamLength = 1001 // Line %d: Length or precision specification %d is invalid.
)

func newErr(num int32, sev uint8, format string, args ...any) *Error {
	return &Error{Number: num, Severity: sev, State: 1, Msg: fmt.Sprintf(format, args...)}
}

// errConversionFailed is 245: a character string that is not a valid number
// for an integer or bit target.
func errConversionFailed(from TypeID, s string, to TypeID) *Error {
	return newErr(ErrConversionFailed, 16,
		"Conversion failed when converting the %s value '%s' to data type %s.", from.Name(), s, to.Name())
}

// errConvertDataType is 8114 ("Error converting data type varchar to numeric.").
func errConvertDataType(from, to TypeID) *Error {
	return newErr(ErrConvertDataType, 16, "Error converting data type %s to %s.", from.msgName(), to.msgName())
}

// errArithOverflow is 8115; what is "expression" for operators and integer
// targets, or the source type name for decimal targets.
func errArithOverflow(what string, to TypeID) *Error {
	return newErr(ErrArithOverflow, 16, "Arithmetic overflow error converting %s to data type %s.", what, to.msgName())
}

// errIntOverflowValue is 220, an integer out of tinyint's or smallint's
// range.
func errIntOverflowValue(to TypeID, x int64) *Error {
	return newErr(220, 16, "Arithmetic overflow error for data type %s, value = %d.", to.Name(), x)
}

// errStringIntOverflow is 248.
func errStringIntOverflow(from TypeID, s string, to TypeID) *Error {
	return newErr(ErrConversionOverflow, 16,
		"The conversion of the %s value '%s' overflowed an %s column.", from.Name(), s, to.Name())
}

var errDivideByZero = &Error{Number: ErrDivideByZero, Severity: 16, State: 1, Msg: "Divide by zero error encountered."}

// errExplicit is 529.
func errExplicit(from, to TypeID) *Error {
	return newErr(ErrExplicitConversion, 16, "Explicit conversion from data type %s to %s is not allowed.", from.Name(), to.Name())
}

// errImplicit is 257.
func errImplicit(from, to TypeID) *Error {
	return newErr(ErrImplicitConversion, 16,
		"Implicit conversion from data type %s to %s is not allowed. Use the CONVERT function to run this query.", from.Name(), to.Name())
}

// errOperandClash is 206 (no trailing period, as SQL Server prints it).
func errOperandClash(a, b TypeID) *Error {
	return newErr(ErrOperandClash, 16, "Operand type clash: %s is incompatible with %s", a.Name(), b.Name())
}

// errOperandType is 8117.
func errOperandType(t TypeID, op string) *Error {
	return newErr(ErrOperandType, 16, "Operand data type %s is invalid for %s operator.", t.Name(), op)
}

// errIncompatibleOp is 402.
func errIncompatibleOp(a, b TypeID, op string) *Error {
	return newErr(ErrIncompatibleOp, 16, "The data types %s and %s are incompatible in the %s operator.", a.Name(), b.Name(), op)
}

var errDateFromString = &Error{Number: ErrDateFromString, Severity: 16, State: 1,
	Msg: "Conversion failed when converting date and/or time from character string."}

// errSmallDateFromString is 295, smalldatetime's own 241 (state 3, as
// SQL Server sends it).
var errSmallDateFromString = &Error{Number: ErrSmallDateFromStr, Severity: 16, State: 3,
	Msg: "Conversion failed when converting character string to smalldatetime data type."}

var errGUIDFromString = &Error{Number: ErrGUIDFromString, Severity: 16, State: 2,
	Msg: "Conversion failed when converting from a character string to uniqueidentifier."}

var errMoneySyntax = &Error{Number: ErrMoneySyntax, Severity: 16, State: 0,
	Msg: "Cannot convert a char value to money. The char value has incorrect syntax."}

var errInvalidFloatOp = &Error{Number: ErrInvalidFloatOp, Severity: 16, State: 1,
	Msg: "An invalid floating point operation occurred."}

// errDateOutOfRange is 242, which SQL Server sends with state 3.
func errDateOutOfRange(from, to TypeID) *Error {
	e := newErr(ErrDateOutOfRange, 16,
		"The conversion of a %s data type to a %s data type resulted in an out-of-range value.", from.Name(), to.Name())
	e.State = 3
	return e
}

// ErrTruncation returns error 2628 for an INSERT/UPDATE whose value does not
// fit the column. table is the three-part name SQL Server prints
// ('db.dbo.t'); value is the value cut to the column's length, as SQL
// Server shows it (2019+, VERBOSE_TRUNCATION_WARNINGS ON).
func ErrTruncation(table, column, value string) *Error {
	return newErr(ErrStringTruncated, 16,
		"String or binary data would be truncated in table '%s', column '%s'. Truncated value: '%s'.", table, column, value)
}

// ErrFuncArgs returns error 174 ("The LEFT function requires 2 argument(s).").
func ErrFuncArgs(name string, n int) *Error {
	return newErr(ErrFuncArgCount, 15, "The %s function requires %d argument(s).", name, n)
}
