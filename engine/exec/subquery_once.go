package exec

import (
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// An uncorrelated subquery — one that reads nothing of the rows around it —
// has one result per statement, so it runs once per statement execution
// (at its first use, so a 512 or a division by zero is raised only when a
// row needs the value, as before) instead of once per outer row:
// `WHERE v >= (SELECT MAX(v) FROM t2)` over 4,000 rows read t2 4,000 times.
// Reading it once is also SQL Server's answer where a statement writes what
// the subquery reads (an UPDATE's SET, an INSERT … SELECT): every row sees
// the statement's starting state.
//
// Correlation is found while the subquery compiles (subqWatch): every
// column reference compiled inside it must resolve inside it. The result is
// kept in the statement's evalCtx (subqCache), never in a cached plan.
// Subqueries that call NEWID(), RAND(), CRYPT_GEN_RANDOM(), a user function
// or a table-valued function keep running per row, as do those reading a
// view whose definition calls one (enterViewBody).

// subqWatch records, while a subquery compiles, whether a column reference
// inside it resolved outside it. outer is the scope the subquery compiles
// under; refs counts the references compiled meanwhile and inside those
// whose scope chain was seen to pass through outer farther out than the
// column they found: a reference whose chain never meets outer (a copied
// scope) counts as correlated.
//
// A barrier watch (enterViewBody) stands for a view's definition being
// compiled: it has no outer scope, so nothing resolved in it reads a row
// of a subquery around it, and the watches past a barrier see none of its
// references.
type subqWatch struct {
	outer      *scope
	refs       int
	inside     int
	correlated bool
	barrier    bool
	prev       *subqWatch
}

// enterViewBody is called as a view's definition q starts compiling; the
// function it returns ends it. Without the barrier every column the view
// reads counted as correlated (its scope chain never meets the
// subquery's), so WHERE v >= (SELECT MIN(v) FROM a_view) ran the view per
// outer row — issue #5's partitioned-view UPDATE took 31 s for 4,000
// rows. A definition that calls something onceSafe refuses makes every
// subquery being compiled around it run per row.
func (s *Session) enterViewBody(q *ast.Query) func() {
	if s.subqWatch == nil {
		return func() {}
	}
	if !onceSafe(q) {
		for w := s.subqWatch; w != nil; w = w.prev {
			w.correlated = true
		}
	}
	prev := s.subqWatch
	s.subqWatch = &subqWatch{barrier: true, prev: prev}
	return func() { s.subqWatch = prev }
}

// noteColumnRef tells the watches of the subqueries being compiled that a
// column was resolved depth scopes out from sc.
func (s *Session) noteColumnRef(sc *scope, depth int) {
	for w := s.subqWatch; w != nil && !w.barrier; w = w.prev {
		if w.outer == nil {
			continue // nothing outside to reach (compileSubquery)
		}
		w.refs++
		k := 0
		for x := sc; x != nil; x, k = x.outer, k+1 {
			if x == w.outer {
				if k <= depth {
					w.correlated = true
				} else {
					w.inside++
				}
				break
			}
		}
	}
}

// noteVarPerCall tells the watches that a parameter of an inlined function
// was read: the function's body runs with new arguments at each call within
// one statement (CROSS APPLY dbo.f(o.k), dbo.g(o.k) in a select list), so
// no subquery being compiled around the read may keep one result.
func (s *Session) noteVarPerCall() {
	for w := s.subqWatch; w != nil; w = w.prev {
		w.correlated = true
	}
}

// compileSubquery builds q under c.sc and says whether it may run once
// per statement.
func (c *compiler) compileSubquery(q *ast.Query) (*plan, bool, error) {
	// Under no scope (a SELECT without FROM) every column resolves inside,
	// but the watch still hears an inlined function's parameter read.
	w := &subqWatch{outer: c.sc, prev: c.s.subqWatch}
	c.s.subqWatch = w
	p, err := c.s.buildQuery(q, c.sc, nil)
	c.s.subqWatch = w.prev
	if err != nil {
		return nil, false, err
	}
	return p, !w.correlated && w.inside == w.refs && onceSafe(q), nil
}

// onceSafe reports whether q calls nothing whose value may change from
// row to row of one statement.
func onceSafe(q *ast.Query) bool {
	safe := true
	ast.Inspect(q, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncCall:
			if len(n.Name.Parts) > 1 {
				safe = false // a user function
			} else {
				switch strings.ToUpper(n.Name.Last()) {
				case "NEWID", "RAND", "CRYPT_GEN_RANDOM", "NEWSEQUENTIALID":
					safe = false
				}
			}
		case *ast.TableFunc:
			// OPENJSON(@ids), STRING_SPLIT(@p, ',') and GENERATE_SERIES
			// return the same rows for the same arguments (a column
			// argument is a correlation the watch sees), so EF Core's
			// id IN (SELECT value FROM OPENJSON(@ids)) runs once
			// (semijoin.go seeks by its values); a user's function may not.
			safe = len(n.Call.Name.Parts) == 1 && onceTableFuncs[strings.ToUpper(n.Call.Name.Last())]
		case *ast.NextValueExpr:
			safe = false
		}
		return safe
	})
	return safe
}

// onceTableFuncs are the built-in table-valued functions onceSafe allows.
var onceTableFuncs = map[string]bool{"OPENJSON": true, "STRING_SPLIT": true, "GENERATE_SERIES": true}

// subqCache holds the statement's uncorrelated subquery results, by
// *subplan or by the IN subquery a subplan shares (subplan.share).
type subqCache struct {
	m map[any]*subqResult
}

func (sub *subplan) cacheKey() any {
	if sub.share != nil {
		return sub.share
	}
	return sub
}

// subqResult is one subquery's result: its value (scalar), whether it had
// a row (EXISTS), or its first column's values (IN, ANY, ALL).
type subqResult struct {
	v      types.Value
	found  bool
	values []types.Value
	// sorted: values holds the non-NULL values in order, for a binary
	// search (IN over one type); hasNull says a NULL was left out.
	sorted  bool
	hasNull bool
}

func (ec *evalCtx) cachedSubquery(sub *subplan) *subqResult {
	if !sub.once || ec.subq == nil {
		return nil
	}
	return ec.subq.m[sub.cacheKey()]
}

func (ec *evalCtx) keepSubquery(sub *subplan, r *subqResult) {
	if !sub.once || ec.subq == nil {
		return
	}
	if ec.subq.m == nil {
		ec.subq.m = map[any]*subqResult{}
	}
	ec.subq.m[sub.cacheKey()] = r
}

// subqueryValues runs sub once for the statement and keeps its first
// column's values; with ordered set, IN's values are sorted for a search.
func (ec *evalCtx) subqueryValues(sub *subplan, row Row, ordered bool, coll types.Collation) (*subqResult, error) {
	if r := ec.cachedSubquery(sub); r != nil {
		return r, nil
	}
	r := &subqResult{}
	err := sub.each(ec, row, func(x Row) (bool, error) {
		r.values = append(r.values, x[0])
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	if ordered {
		kept := r.values[:0]
		for _, v := range r.values {
			if v.IsNull() {
				r.hasNull = true
			} else {
				kept = append(kept, v)
			}
		}
		r.values = kept
		var cerr error
		sort.SliceStable(r.values, func(i, j int) bool {
			b, err := types.CompareBool3(r.values[i], r.values[j], types.OpLT, coll)
			if err != nil && cerr == nil {
				cerr = err
			}
			return b == types.True
		})
		if cerr != nil {
			return nil, cerr
		}
		r.sorted = true
	}
	ec.keepSubquery(sub, r)
	return r, nil
}

// searchable reports whether IN may binary-search a subquery's values:
// both sides of one type that orders totally, so order and equality agree.
func searchable(x, y types.Type) bool {
	if x.ID != y.ID {
		return false
	}
	switch x.ID {
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt, types.Bit,
		types.Decimal, types.Numeric, types.Money, types.SmallMoney, types.Float, types.Real,
		types.Date, types.DateTime, types.DateTime2, types.SmallDateTime, types.Time,
		types.UniqueIdentifier, types.Char, types.VarChar, types.NChar, types.NVarChar:
		return true
	}
	return false
}

// inValues is v IN (the kept values): TRUE on a match, else UNKNOWN when v
// or a value is NULL, else FALSE — as the row-by-row loop decides.
func inValues(r *subqResult, v types.Value, compare compareFn, coll types.Collation) (types.Bool3, error) {
	if !r.sorted {
		res := types.False
		for _, w := range r.values {
			b, err := inCompare(compare, v, w, coll)
			if err != nil {
				return types.Unknown3, err
			}
			if b == types.True {
				return types.True, nil
			}
			if b == types.Unknown3 {
				res = types.Unknown3
			}
		}
		return res, nil
	}
	if len(r.values) == 0 && !r.hasNull {
		return types.False, nil
	}
	if v.IsNull() {
		return types.Unknown3, nil
	}
	var cerr error
	i := sort.Search(len(r.values), func(i int) bool {
		b, err := compare(r.values[i], v, types.OpGE, coll)
		if err != nil && cerr == nil {
			cerr = err
		}
		return b == types.True
	})
	if cerr != nil {
		return types.Unknown3, cerr
	}
	if i < len(r.values) {
		if b, err := compare(r.values[i], v, types.OpEQ, coll); err != nil || b == types.True {
			return b, err
		}
	}
	if r.hasNull {
		return types.Unknown3, nil
	}
	return types.False, nil
}
