package exec

import (
	"errors"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// An aggregate written in a subquery whose arguments reference only the
// columns of an enclosing query's FROM belongs to that query, not to the
// subquery (the aggregate functions' pages: "the column being aggregated
// is an outer reference"):
//
//	SELECT id FROM b GROUP BY id
//	HAVING 1 < (SELECT COUNT(*) FROM sys.objects WHERE object_id > MAX(b.x))
//
// computes MAX(b.x) over each group of b, and
//
//	SELECT (SELECT MAX(b.x) FROM sys.databases WHERE database_id = 1) FROM b
//
// makes the outer query an aggregate: one row, the largest x. SQL Server
// allows it in a subquery of the select list, HAVING or ORDER BY of the
// query that owns the columns; in a subquery of its WHERE it is 147 (the
// aggregate in the subquery's WHERE) or 8125, and an aggregate mixing the
// subquery's columns with outer ones is 8124.
//
// The outer query's aggregates are fixed before its select list and HAVING
// compile, and which query an aggregate belongs to is only known once the
// subquery's names resolve, so the outer SELECT compiles again: the
// subquery registers the aggregate with the FROM scope of the query it
// belongs to (outerAggSet) and fails with outerAggRetry; that query's
// buildSelect catches it and compiles once more with the aggregate added to
// its own, and the subquery then reads it from the aggregated row as an
// outer reference. Queries without such aggregates compile once.

// outerAggSet is the FROM scope's record, while its SELECT compiles, of the
// aggregates its subqueries wrote over its columns.
type outerAggSet struct {
	calls []*ast.FuncCall
	seen  map[string]bool
	// blocked is set while the query's WHERE or GROUP BY compiles, where
	// such an aggregate is an error.
	blocked bool
}

// outerAggRetry asks the SELECT owning set to compile again with the
// aggregates set now holds. It never reaches a client: the owner catches it
// (buildSelect), and set is detached from its scope once the owner is done.
type outerAggRetry struct{ set *outerAggSet }

func (e *outerAggRetry) Error() string { return "outer aggregate: compile the enclosing query again" }

var (
	errOuterAggMixed  = &Error{Number: 8124, Severity: 16, State: 1, Message: "Multiple columns are specified in an aggregated expression containing an outer reference. If an expression being aggregated contains an outer reference, then that outer reference must be the only column referenced in the expression."}
	errOuterAggPlaced = &Error{Number: 8125, Severity: 16, State: 1, Message: "An aggregated expression containing an outer reference must be contained in either the select list, or a HAVING clause subquery in the query whose FROM clause contains the table with the column being aggregated."}
)

// buildSelect compiles a SELECT, again while its subqueries find
// aggregates that belong to it (see above).
func (s *Session) buildSelect(core *ast.SelectCore, q *ast.Query, outer *scope) (*plan, error) {
	if rw := s.minMaxRewrite(core, q); rw != nil {
		core = rw // MIN/MAX from one end of an index (minmax.go)
	}
	oa := &outerAggSet{}
	for {
		n := len(oa.calls)
		p, err := s.buildSelectOnce(core, q, outer, oa)
		var r *outerAggRetry
		if err == nil || !errors.As(err, &r) || r.set != oa || len(oa.calls) == n {
			return p, err
		}
	}
}

// addAggregates adds the aggregates the query's subqueries registered to
// the query's own (collectAggregates' map and order).
func (oa *outerAggSet) addAggregates(into map[string]*ast.FuncCall, order *[]string) {
	for _, f := range oa.calls {
		k := f.SQL()
		if into[k] == nil {
			into[k] = f
			*order = append(*order, k)
		}
	}
}

// aggLevel reports how many scopes out from c.sc the query an aggregate
// call belongs to is (0: c.sc's own query) and that query's scope there:
// every column its arguments name must resolve in that query's FROM and
// in no nearer one. A call naming no column, or a name that does not
// resolve (compiled as usual, for its error), is the nearest query's.
func (c *compiler) aggLevel(f *ast.FuncCall) (int, *scope, error) {
	if c.sc == nil || c.sc.outer == nil {
		return 0, nil, nil
	}
	lo, hi := -1, -1
	var at *scope
	visit := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SubqueryExpr, *ast.ExistsExpr, *ast.Query:
			return false
		case *ast.ColumnRef:
			d, s := c.refLevel(n.Name)
			if d < 0 {
				lo, hi = -2, -2
				return false
			}
			if lo == -1 || d < lo {
				lo = d
			}
			if d > hi {
				hi, at = d, s
			}
		}
		return lo != -2
	}
	for _, a := range f.Args {
		ast.Inspect(a, visit)
	}
	for _, o := range f.WithinGroup {
		ast.Inspect(o.Expr, visit)
	}
	if hi <= 0 {
		return 0, nil, nil
	}
	if lo != hi {
		return 0, nil, errOuterAggMixed
	}
	return hi, at, nil
}

// refLevel is the depth of the nearest scope whose FROM resolves n, and
// that scope; -1 when none does or the name is ambiguous.
func (c *compiler) refLevel(n *ast.Name) (int, *scope) {
	d := 0
	for s := c.sc; s != nil; s, d = s.outer, d+1 {
		from := s
		if s.agg != nil {
			from = s.agg.inner
		}
		_, found, err := from.find(n)
		if err != nil {
			return -1, nil
		}
		if found {
			return d, s
		}
	}
	return -1, nil
}

// outerAggregate compiles f, an aggregate call met in a subquery, as the
// enclosing query's aggregate when it is one: read from that query's
// aggregated row, or registered with it (outerAggRetry). ok is false when
// f is the subquery's own, or belongs to a query that is not collecting
// (a WHERE, an APPLY's source, a DML statement), where it compiles as
// before.
func (c *compiler) outerAggregate(f *ast.FuncCall) (x *expr, ok bool, err error) {
	d, at, err := c.aggLevel(f)
	if err != nil || d == 0 {
		return nil, err != nil, err
	}
	key := f.SQL()
	from := at
	if a := at.agg; a != nil {
		if i, found := a.keys[key]; found && i < len(a.cols) {
			if c.s.subqWatch != nil {
				c.s.noteColumnRef(c.sc, d) // subquery_once.go: correlated
			}
			typ := a.cols[i]
			return &expr{typ: typ, col: -1, eval: func(ec *evalCtx, _ Row) (types.Value, error) {
				return ec.outer[len(ec.outer)-d][i], nil
			}}, true, nil
		}
		from = a.inner
	}
	oa := from.outerAggs
	if oa == nil || oa.blocked {
		return nil, false, nil
	}
	if oa.seen == nil {
		oa.seen = map[string]bool{}
	}
	if !oa.seen[key] {
		oa.seen[key] = true
		oa.calls = append(oa.calls, f)
	}
	return nil, true, &outerAggRetry{set: oa}
}

// ownAggregates drops from a subquery's aggregates (collectAggregates'
// map and order) those that belong to an enclosing query: the subquery is
// not an aggregate query because of them, and they compile through
// outerAggregate. One in a subquery of the enclosing query's WHERE is
// 8125.
func (c *compiler) ownAggregates(calls map[string]*ast.FuncCall, order []string) ([]string, error) {
	if c.sc == nil || c.sc.outer == nil || len(order) == 0 {
		return order, nil
	}
	kept := order[:0]
	for _, k := range order {
		d, at, err := c.aggLevel(calls[k])
		if err != nil {
			return nil, err
		}
		if d > 0 {
			from, kept := at, false
			if a := at.agg; a != nil {
				_, kept = a.keys[k]
				from = a.inner
			}
			switch oa := from.outerAggs; {
			case kept || oa != nil && !oa.blocked:
			case oa != nil:
				return nil, errOuterAggPlaced
			default:
				d = 0 // not collecting: the subquery's own, as before
			}
		}
		if d > 0 {
			delete(calls, k)
			continue
		}
		kept = append(kept, k)
	}
	return kept, nil
}
