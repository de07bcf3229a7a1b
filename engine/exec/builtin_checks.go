package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// checkCastAllowed is 529 for a CAST, CONVERT, TRY_CAST or TRY_CONVERT
// between types SQL Server never converts (int to xml, date to int): the
// TRY_ forms return NULL only for values that fail to convert, and refuse
// these when the statement compiles.
func checkCastAllowed(from, to types.TypeID) error {
	if from == types.Unknown || types.CanConvertExplicit(from, to) {
		return nil
	}
	return &Error{Number: types.ErrExplicitConversion, Severity: 16, State: 1,
		Message: "Explicit conversion from data type " + from.Name() + " to " + to.Name() + " is not allowed."}
}

// SQL Server cannot type a CASE, IIF or COALESCE whose every result is the
// NULL constant, and refuses it when the statement compiles.
var (
	errCaseAllNull = &Error{Number: 8133, Severity: 16, State: 1,
		Message: "At least one of the result expressions in a CASE specification must be an expression other than the NULL constant."}
	errCoalesceAllNull = &Error{Number: 4127, Severity: 16, State: 1,
		Message: "At least one of the arguments to COALESCE must be an expression that is not the NULL constant."}
)

// OFFSET … FETCH counts are checked when the query runs (they may be
// variables); the message's "then" is SQL Server's own.
var (
	errOffsetNegative = &Error{Number: 10742, Severity: 15, State: 1,
		Message: "The offset specified in a OFFSET clause may not be negative."}
	errFetchNotPositive = &Error{Number: 10744, Severity: 15, State: 1,
		Message: "The number of rows provided for a FETCH clause must be greater then zero."}
	// TOP (n) with a negative or NULL n (TOP (Transact-SQL)).
	errTopInvalid = &Error{Number: 1014, Severity: 15, State: 1,
		Message: "A TOP or FETCH clause contains an invalid value."}
	// TOP (n) PERCENT outside 0 to 100.
	errTopPercent = &Error{Number: 1031, Severity: 15, State: 1,
		Message: "Percent values must be between 0 and 100."}
	// TOP … WITH TIES orders by the ORDER BY: without one it has no ties.
	errTopTiesNoOrder = &Error{Number: 1062, Severity: 15, State: 1,
		Message: "The TOP N WITH TIES clause is not allowed without a corresponding ORDER BY clause."}
)

// allNullConstants reports whether every expression is the NULL constant,
// parentheses aside (a typed NULL such as CAST(NULL AS int) is not one).
func allNullConstants(xs ...ast.Expr) bool {
	for _, x := range xs {
		for {
			p, ok := x.(*ast.ParenExpr)
			if !ok {
				break
			}
			x = p.X
		}
		if _, ok := x.(*ast.NullLit); !ok {
			return false
		}
	}
	return true
}

// caseResults lists a CASE's result expressions (the ELSE included).
func caseResults(e *ast.CaseExpr) []ast.Expr {
	xs := make([]ast.Expr, 0, len(e.Whens)+1)
	for _, w := range e.Whens {
		xs = append(xs, w.Result)
	}
	if e.Else != nil {
		xs = append(xs, e.Else)
	}
	return xs
}
