package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// A filtered index holds only the rows its filter is true for, so SQL
// Server reads one only when the query's conditions imply the filter, and
// an INDEX hint naming one that they do not imply has no plan: 8622
// ("Create filtered indexes": the filter must cover the query's predicate;
// a parameter or variable implies nothing of the values, since the plan
// must serve every value). filterImplied decides that implication for the filter's
// simple comparisons, which is all a filter may hold (checkIndexFilter):
// each of its conjuncts must follow from one of the query's, comparing
// constants under the column's collation.

// colFact is what a conjunct says about one column of the table: that it
// is NULL, that it is not, that it is one of a set of values, that it lies
// in a range, or that it differs from a value.
type colFact struct {
	col  int
	kind factKind
	vals []types.Value // factIn: the values; factNe: the one excluded
	lo   *types.Value  // factRange bounds, nil when open
	hi   *types.Value
	loIn bool // the bound itself is in the range
	hiIn bool
}

type factKind uint8

const (
	factNull factKind = iota
	factNotNull
	factIn
	factRange
	factNe
)

// filterImplied reports whether conds, the conditions on the table whose
// scope is sc, imply index ix's filter.
func (s *Session) filterImplied(t *catalog.Table, sc *scope, ix *catalog.Index, conds []ast.Expr) bool {
	f, err := tsql.ParseExpr(ix.Filter)
	if err != nil {
		return false
	}
	local := &compiler{s: s, sc: sc}
	filterScope := &compiler{s: s, sc: tableScope(&tableRef{t: t, db: nullDatabase{}}, "", nil)}
	var known []colFact
	for _, c := range conds {
		for _, q := range conjuncts(c) {
			if fact, ok := factOf(local, q); ok {
				known = append(known, fact)
			}
		}
	}
	for _, fc := range conjuncts(f) {
		need, ok := factOf(filterScope, fc)
		if !ok {
			return false
		}
		coll := t.Columns[need.col].Type.Collation
		implied := false
		for _, k := range known {
			if k.col == need.col && k.implies(need, coll) {
				implied = true
				break
			}
		}
		if !implied {
			return false
		}
	}
	return true
}

// nullDatabase names no database: a table scope built only to resolve a
// filter's column names.
type nullDatabase struct{ Database }

func (nullDatabase) Name() string { return "" }

// factOf reads a conjunct as a fact about a column of c's table (depth 0)
// compared with constants, or compared with anything else (the column is
// then known only not to be NULL); ok is false for any other shape. A
// filter yields only facts with constants (checkIndexFilter).
func factOf(c *compiler, e ast.Expr) (colFact, bool) {
	column := func(x ast.Expr) (int, bool) {
		for {
			p, ok := x.(*ast.ParenExpr)
			if !ok {
				break
			}
			x = p.X
		}
		cr, ok := x.(*ast.ColumnRef)
		if !ok {
			return 0, false
		}
		col, err := c.column(cr.Name)
		if err != nil || col.col < 0 {
			return 0, false
		}
		return col.col, true
	}
	konst := func(x ast.Expr) (types.Value, bool) {
		if namesColumn(x) || mentionsVariable(x) {
			return types.Value{}, false
		}
		k, err := (&compiler{s: c.s}).expr(x)
		if err != nil || k.konst == nil || k.konst.IsNull() {
			return types.Value{}, false
		}
		return *k.konst, true
	}
	switch x := e.(type) {
	case *ast.ParenExpr:
		return factOf(c, x.X)
	case *ast.IsNullExpr:
		col, ok := column(x.X)
		if !ok {
			return colFact{}, false
		}
		if x.Not {
			return colFact{col: col, kind: factNotNull}, true
		}
		return colFact{col: col, kind: factNull}, true
	case *ast.InExpr:
		col, ok := column(x.X)
		if !ok || x.Not || x.Query != nil {
			return colFact{}, false
		}
		fact := colFact{col: col, kind: factIn}
		for _, le := range x.List {
			v, ok := konst(le)
			if !ok {
				return colFact{col: col, kind: factNotNull}, true // true only for a non-NULL column
			}
			fact.vals = append(fact.vals, v)
		}
		return fact, true
	case *ast.BetweenExpr:
		col, ok := column(x.X)
		if !ok || x.Not {
			return colFact{}, false
		}
		lo, ok1 := konst(x.Low)
		hi, ok2 := konst(x.High)
		if !ok1 || !ok2 {
			return colFact{col: col, kind: factNotNull}, true
		}
		return colFact{col: col, kind: factRange, lo: &lo, hi: &hi, loIn: true, hiIn: true}, true
	case *ast.LikeExpr:
		if col, ok := column(x.X); ok && !x.Not {
			return colFact{col: col, kind: factNotNull}, true
		}
	case *ast.BinaryExpr:
		op, isCmp := compareOps[x.Op]
		if !isCmp {
			return colFact{}, false
		}
		col, ok := column(x.X)
		val := x.Y
		if !ok {
			if col, ok = column(x.Y); !ok {
				return colFact{}, false
			}
			val, op = x.X, compareOps[flipOp(x.Op)] // access.go
		}
		v, ok := konst(val)
		if !ok {
			// col = @p is true only for a non-NULL col, whatever @p
			// holds; which values it allows is not known.
			return colFact{col: col, kind: factNotNull}, true
		}
		switch op {
		case types.OpEQ:
			return colFact{col: col, kind: factIn, vals: []types.Value{v}}, true
		case types.OpNE:
			return colFact{col: col, kind: factNe, vals: []types.Value{v}}, true
		case types.OpLT, types.OpLE:
			return colFact{col: col, kind: factRange, hi: &v, hiIn: op == types.OpLE}, true
		case types.OpGT, types.OpGE:
			return colFact{col: col, kind: factRange, lo: &v, loIn: op == types.OpGE}, true
		}
	}
	return colFact{}, false
}

// mentionsVariable reports whether e reads a variable or parameter.
func mentionsVariable(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := n.(*ast.Variable); ok {
			found = true
		}
		return !found
	})
	return found
}

// implies reports whether every non-NULL value k allows is one need
// allows (both about the same column).
func (k colFact) implies(need colFact, coll types.Collation) bool {
	if k.kind == factNull || need.kind == factNull {
		return k.kind == need.kind
	}
	if need.kind == factNotNull {
		return true // any comparison that is true has a non-NULL column
	}
	switch k.kind {
	case factIn:
		for _, v := range k.vals {
			if !need.allows(v, coll) {
				return false
			}
		}
		return true
	case factRange:
		switch need.kind {
		case factRange:
			return boundWithin(k.lo, k.loIn, need.lo, need.loIn, coll, -1) && boundWithin(k.hi, k.hiIn, need.hi, need.hiIn, coll, 1)
		case factNe:
			return !k.allows(need.vals[0], coll)
		}
	case factNe:
		return need.kind == factNe && compareIs(k.vals[0], need.vals[0], coll, 0)
	}
	return false
}

// allows reports whether non-NULL v satisfies the fact.
func (k colFact) allows(v types.Value, coll types.Collation) bool {
	switch k.kind {
	case factNotNull:
		return true
	case factIn:
		for _, w := range k.vals {
			if compareIs(v, w, coll, 0) {
				return true
			}
		}
		return false
	case factNe:
		c, err := types.Compare(v, k.vals[0], coll)
		return err == nil && c != 0
	case factRange:
		if k.lo != nil {
			c, err := types.Compare(v, *k.lo, coll)
			if err != nil || c < 0 || c == 0 && !k.loIn {
				return false
			}
		}
		if k.hi != nil {
			c, err := types.Compare(v, *k.hi, coll)
			if err != nil || c > 0 || c == 0 && !k.hiIn {
				return false
			}
		}
		return true
	}
	return false
}

// boundWithin reports whether bound b (inclusive when in) is at least as
// tight as need's on one side: side -1 for lower bounds, 1 for upper.
func boundWithin(b *types.Value, in bool, need *types.Value, needIn bool, coll types.Collation, side int) bool {
	if need == nil {
		return true
	}
	if b == nil {
		return false
	}
	c, err := types.Compare(*b, *need, coll)
	if err != nil {
		return false
	}
	if c == 0 {
		return needIn || !in
	}
	return c*side < 0
}

// compareIs reports whether a compared with b gives want (-1, 0, 1).
func compareIs(a, b types.Value, coll types.Collation, want int) bool {
	c, err := types.Compare(a, b, coll)
	return err == nil && c == want
}
