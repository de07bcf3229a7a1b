package exec

import (
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// Collation precedence (Transact-SQL): an expression's collation is
// explicit (a COLLATE clause), implicit (a column's) or coercible-default
// (a literal, a variable, a function's result here). A comparison takes the
// explicit collation, else the implicit one, else the default; two
// different explicit collations, or two different implicit ones, cannot be
// resolved and the statement fails with 468. A seek on a column's index
// is right only when the comparison's collation is the column's.
type collDerivation uint8

const (
	derivUnset collDerivation = iota // coercible
	derivCoercible
	derivImplicit
	derivExplicit
)

// derivation is how x got its collation.
func (x *expr) derivation() collDerivation {
	if x.deriv == derivUnset {
		return derivCoercible
	}
	return x.deriv
}

// deriv is how a reference to the column gets its collation: a table's
// column is implicit (tableScope), and so is a catalog view's
// (sysviews_collation.go); a derived table's or a view's keeps its
// defining expression's. A table-valued function's (OPENJSON,
// STRING_SPLIT) is taken as coercible here: it yields to the other
// operand's.
func (c scopeCol) deriv() collDerivation {
	if c.collFrom == derivUnset {
		return derivCoercible
	}
	return c.collFrom
}

// collationOf picks the collation a comparison of x and y uses, by
// collation precedence. When neither operand is explicit nor implicit it
// keeps the left operand's collation unless that is the default (a
// function of a column keeps the column's collation here while its
// derivation is coercible).
func collationOf(x, y *expr) types.Collation {
	if y == nil || !y.typ.ID.IsString() {
		return x.typ.Collation
	}
	if !x.typ.ID.IsString() {
		return y.typ.Collation
	}
	dx, dy := x.derivation(), y.derivation()
	switch {
	case dx >= dy && dx != derivCoercible:
		return x.typ.Collation
	case dy > dx:
		return y.typ.Collation
	case x.typ.Collation != types.DefaultCollation:
		return x.typ.Collation
	}
	return y.typ.Collation
}

// collationConflict is 468 when x and y are strings of different
// collations that precedence cannot choose between: both explicit, or
// both implicit. op names the operation as the message does ("equal to").
func collationConflict(x, y *expr, op string) error {
	if !x.typ.ID.IsString() || !y.typ.ID.IsString() || x.typ.Collation == y.typ.Collation {
		return nil
	}
	dx, dy := x.derivation(), y.derivation()
	if dx != dy || dx == derivCoercible {
		return nil
	}
	// SQL Server names the right operand's collation first.
	return &Error{Number: types.ErrCollationConflict, Severity: 16, State: 9,
		Message: fmt.Sprintf("Cannot resolve the collation conflict between \"%s\" and \"%s\" in the %s operation.", y.typ.Collation.Name(), x.typ.Collation.Name(), op)}
}

// precedenceCollation is the collation and derivation of a string result
// made of the string operands xs (nil entries and non-strings are
// skipped): CASE's and IIF's results, a set operation's column, col + 'x'.
// Collation precedence gives it the strongest operand's, explicit over
// implicit over coercible-default, the first among equals: CASE WHEN …
// THEN 'a' ELSE ci_col END is ci_col's collation, implicit, so the
// comparison that follows uses it. def is the result type's collation,
// kept when no operand is a string. SQL Server labels two different
// implicit collations "no-collation" (451 in a select list, 468 in a
// comparison); here the first stays, as it did before.
func precedenceCollation(def types.Collation, xs ...*expr) (types.Collation, collDerivation) {
	var best *expr
	for _, x := range xs {
		if x != nil && x.typ.ID.IsString() && (best == nil || x.derivation() > best.derivation()) {
			best = x
		}
	}
	if best == nil {
		return def, derivCoercible
	}
	return best.typ.Collation, best.derivation()
}

// compareOpNames are the operations' names in 468's message.
var compareOpNames = map[types.CompareOp]string{
	types.OpEQ: "equal to", types.OpNE: "not equal to", types.OpLT: "less than",
	types.OpLE: "less than or equal to", types.OpGT: "greater than", types.OpGE: "greater than or equal to",
}

// seekCollates reports whether comparing column col with value v may seek
// col's index: the comparison's collation is the column's (an explicit
// COLLATE on the value, or another column's collation, is not).
func seekCollates(col, v *expr) bool {
	if !col.typ.ID.IsString() || !v.typ.ID.IsString() {
		return true
	}
	return collationOf(col, v) == col.typ.Collation && collationConflict(col, v, "") == nil
}
