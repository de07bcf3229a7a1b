package exec

import (
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
	// derivNone is the no-collation label: two different implicit
	// collations met in an operation that does not compare (CASE, +,
	// UNION ALL, CONCAT). It outranks every label but explicit, and the
	// value has no collation until a COLLATE gives it one; an operation
	// that needs one refuses it (collation_conflict.go).
	derivNone
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
	if !x.typ.ID.IsString() || !y.typ.ID.IsString() {
		return nil
	}
	return directConflict(labelOf(x), labelOf(y), op) // collation_conflict.go
}

// precedenceCollation is the collation label of a string result made of
// the string operands xs (nil entries and non-strings are skipped) by op
// (CASE's and IIF's results, a set operation's column, col + 'x'), folded
// left to right by Microsoft's "Collation precedence" table: explicit over
// implicit over coercible-default, the first among equals; two different
// explicit collations are 468 naming op; two different implicit ones are
// no-collation (derivNone), which a varchar result cannot carry (457 here)
// and an nvarchar one carries until something needs a collation. def is the
// result type's collation, kept when no operand is a string.
func precedenceCollation(op string, t types.Type, xs ...*expr) (collLabel, error) {
	l := collLabel{coll: t.Collation, deriv: derivCoercible}
	first := true
	for _, x := range xs {
		if x == nil || !x.typ.ID.IsString() {
			continue
		}
		if first {
			l, first = labelOf(x), false
			continue
		}
		var err error
		if l, err = combineLabels(op, l, labelOf(x)); err != nil {
			return l, err
		}
	}
	if l.deriv == derivNone && !t.ID.IsUnicode() {
		return l, unresolvedConversion(t, l.none)
	}
	return l, nil
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
