package exec

import (
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The no-collation label (Microsoft's "Collation precedence"): Implicit X +
// Implicit Y is no-collation, No-collation + anything but Explicit is
// no-collation, Explicit X + Explicit Y is an error. Operations that only
// pass strings on (CASE, IIF, COALESCE, +, UNION ALL, CONCAT) carry the label
// for an nvarchar result; what then needs a collation refuses it in its own
// words:
//
//   - a result column of the statement's own SELECT (not a subquery's, a
//     derived table's, an INSERT's source or a SELECT @v = …): 451, state 1,
//     "Cannot resolve collation conflict between "Y" and "X" in CASE operator
//     occurring in SELECT statement column 1.", and likewise an ORDER BY item
//     ("ORDER BY statement column n");
//   - a comparison, LIKE, or a string function that compares or folds
//     (UPPER, LEN, REPLACE …): 4191, state 9, "Cannot resolve collation
//     conflict for equal to operation.";
//   - a varchar result cannot be made without a code page, so a varchar +,
//     CASE or UNION ALL of two implicit collations is 457 where it is made.
//
// A COLLATE clause on the value resolves it (No-collation + Explicit is
// explicit). The messages name the later operand's collation first, as 468's
// does. Sources: Microsoft's page (its 451 example and rule table) and
// SQL Server 2019–2025 behaviour as probed and published by others (451's
// current text names the pair and operator; 4191 replaced the page's 446).

// noCollation records where a no-collation label came from, for the
// message that refuses it.
type noCollation struct {
	later, earlier types.Collation
	op             string // as the messages name it: add, CASE, UNION ALL, concat
}

// collLabel is a string value's collation and label.
type collLabel struct {
	coll  types.Collation
	deriv collDerivation
	none  *noCollation // set when deriv is derivNone
}

func labelOf(x *expr) collLabel {
	return collLabel{coll: x.typ.Collation, deriv: x.derivation(), none: x.noColl}
}

// combineLabels is the label of a result of op made of a (the earlier
// operand) and b.
func combineLabels(op string, a, b collLabel) (collLabel, error) {
	switch {
	case a.deriv == derivExplicit && b.deriv == derivExplicit:
		if a.coll != b.coll {
			return a, conflictError(b.coll, a.coll, op)
		}
		return a, nil
	case a.deriv == derivExplicit:
		return a, nil
	case b.deriv == derivExplicit:
		return b, nil
	case a.deriv == derivNone:
		return a, nil
	case b.deriv == derivNone:
		return b, nil
	case a.deriv == derivImplicit && b.deriv == derivImplicit && a.coll != b.coll:
		return collLabel{coll: a.coll, deriv: derivNone, none: &noCollation{later: b.coll, earlier: a.coll, op: op}}, nil
	case b.deriv > a.deriv:
		return b, nil
	}
	return a, nil
}

// conflictError is 468: two collations an operation cannot choose between.
func conflictError(later, earlier types.Collation, op string) error {
	return &Error{Number: types.ErrCollationConflict, Severity: 16, State: 9,
		Message: fmt.Sprintf("Cannot resolve the collation conflict between \"%s\" and \"%s\" in the %s operation.", later.Name(), earlier.Name(), op)}
}

// unresolvedConversion is 457: a varchar (char, text) value of no collation,
// which cannot be made without a code page.
func unresolvedConversion(t types.Type, n *noCollation) error {
	name := t.ID.Name()
	return &Error{Number: 457, Severity: 16, State: 1,
		Message: fmt.Sprintf("Implicit conversion of %s value to %s cannot be performed because the collation of the value is unresolved due to a collation conflict between \"%s\" and \"%s\" in %s operator.", name, name, n.later.Name(), n.earlier.Name(), n.op)}
}

// noCollationFor is 4191: an operation that needs a collation given a
// value of none. op names it as 468 does ("equal to", "like", "upper").
func noCollationFor(op string) error {
	return &Error{Number: 4191, Severity: 16, State: 9, Message: "Cannot resolve collation conflict for " + op + " operation."}
}

// unresolvedColumn is 451: a result column (or ORDER BY item) of no
// collation; clause is SELECT or ORDER BY, n 1-based.
func unresolvedColumn(n *noCollation, clause string, col int) error {
	return &Error{Number: 451, Severity: 16, State: 1,
		Message: fmt.Sprintf("Cannot resolve collation conflict between \"%s\" and \"%s\" in %s operator occurring in %s statement column %d.", n.later.Name(), n.earlier.Name(), n.op, clause, col)}
}

// checkOutputCollations refuses a statement's own result column of no
// collation (451). Nested queries carry the label on in their columns.
func (p *plan) checkOutputCollations() error {
	for i := range p.cols {
		if c := &p.cols[i]; c.collFrom == derivNone && c.noColl != nil && !c.hidden && c.typ.ID.IsString() {
			return unresolvedColumn(c.noColl, "SELECT", i+1)
		}
	}
	return nil
}

// collationSensitiveFuncs are the built-ins that compare or fold their
// string arguments, so need a collation: given a value of none they are
// 4191 naming themselves; two different implicit collations among their
// arguments are 468. Others (CONCAT, REPLICATE, QUOTENAME, ISNULL …) pass
// the label on.
var collationSensitiveFuncs = map[string]bool{
	"LEN": true, "UPPER": true, "LOWER": true, "LTRIM": true, "RTRIM": true, "TRIM": true,
	"SUBSTRING": true, "CHARINDEX": true, "PATINDEX": true, "REPLACE": true, "REVERSE": true,
	"STUFF": true, "LEFT": true, "RIGHT": true, "SOUNDEX": true, "DIFFERENCE": true,
	"TRANSLATE": true, "UNICODE": true, "NULLIF": true,
}

// funcCollation is the label of a built-in's string arguments: the
// strongest's, folded as precedenceCollation does. COALESCE is a CASE (its
// messages say so), CONCAT and CONCAT_WS pass no-collation on, a
// collation-sensitive function refuses it (4191) and two different implicit
// collations (468); any other keeps the strongest argument's, the first
// among equals.
func funcCollation(name string, args []*expr) (collLabel, bool, error) {
	var l collLabel
	found := false
	op := strings.ToLower(name)
	switch name {
	case "COALESCE":
		op = "CASE"
	case "TRIM":
		op = "Trim" // as SQL Server spells it in 4191
	}
	for _, a := range args {
		if a == nil || !a.typ.ID.IsString() {
			continue
		}
		b := labelOf(a)
		if !found {
			l, found = b, true
			continue
		}
		switch name {
		case "COALESCE", "CONCAT", "CONCAT_WS":
			var err error
			if l, err = combineLabels(op, l, b); err != nil {
				return l, true, err
			}
			continue
		}
		if collationSensitiveFuncs[name] {
			if err := directConflict(l, b, op); err != nil {
				return l, true, err
			}
		}
		if b.deriv > l.deriv {
			l = b
		}
	}
	if found && l.deriv == derivNone && collationSensitiveFuncs[name] {
		return l, true, noCollationFor(op)
	}
	return l, found, nil
}

// directConflict is the error of a collation-sensitive operation whose
// operands a and b meet directly: 4191 for a value of no collation facing
// anything but an explicit one, 468 for two different explicit or two
// different implicit collations (b, the later, named first).
func directConflict(a, b collLabel, op string) error {
	if (a.deriv == derivNone && b.deriv != derivExplicit) || (b.deriv == derivNone && a.deriv != derivExplicit) {
		return noCollationFor(op)
	}
	if a.coll != b.coll && a.deriv == b.deriv && (a.deriv == derivImplicit || a.deriv == derivExplicit) {
		return conflictError(b.coll, a.coll, op)
	}
	return nil
}

// setOpCollation is the label of a set operation's string column made of
// the left and right branches' l and r. UNION ALL only passes values on, as
// CASE does; UNION, INTERSECT and EXCEPT compare them, so two different
// implicit collations are 468 ("in the UNION operation") and a branch of
// no collation is 5335.
func setOpCollation(op *ast.SetOp, t types.Type, l, r *expr) (collLabel, error) {
	name := op.Op.String()
	if op.Op == ast.UnionAll {
		return precedenceCollation(name, t, l, r)
	}
	a, b := labelOf(l), labelOf(r)
	if (a.deriv == derivNone && b.deriv != derivExplicit) || (b.deriv == derivNone && a.deriv != derivExplicit) {
		return a, &Error{Number: 5335, Severity: 16, State: 1, Message: "The data type " + t.ID.Name() + " cannot be used as an operand to the UNION, INTERSECT or EXCEPT operators because it is not comparable."}
	}
	if err := directConflict(a, b, name); err != nil {
		return a, err
	}
	return precedenceCollation(name, t, l, r)
}
