package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Filters go into views, derived tables and CTEs (issue #5, performance).
//
// SQL Server expands a view, a derived table or a CTE into the query that
// reads it, so `SELECT … FROM dbo.vOrders WHERE OrderID = @id` seeks the
// orders' clustered index. Here each compiled as a query of its own and
// the filter judged its rows afterwards: the whole table was read for one
// row. pushedDerived gives the filter's conjuncts to the query beneath,
// added to the WHERE of each of its SELECTs in terms of that SELECT's own
// columns; the outer WHERE still judges every row, so a conjunct moved is
// only evaluated earlier, on the rows it would have judged anyway.
//
// A conjunct moves only where that cannot change the rows:
//   - every column of the derived table it names is, in the SELECT beneath,
//     a plain column of that SELECT's FROM (not an expression, not an
//     aggregate, not NEWID()), read by one SELECT without TOP or OFFSET;
//     through GROUP BY only a grouping column (no ROLLUP, CUBE or GROUPING
//     SETS, which make NULL rows of their own); below a window function only
//     a column every window partitions by; into each branch of a UNION
//     [ALL] whose column has the derived column's type (INTERSECT and
//     EXCEPT are left alone);
//   - it is a comparison, BETWEEN, IN list or IS [NOT] NULL of such a column
//     with values that name no column of the derived table: literals,
//     variables, parameters, columns of an enclosing query (not for a view,
//     which sees none, and never one a name of the SELECT's FROM would
//     capture), a few deterministic built-ins; no subquery, no COLLATE (a
//     comparison under another collation could tell apart the rows DISTINCT,
//     GROUP BY or UNION took as one); OR of such; and the column is not
//     converted to the value's type (seekConverts), so the comparison raises
//     nothing on rows the outer WHERE would not have judged;
//   - where the derived table's rows may be NULL-extended below the filter
//     (the left side of a RIGHT or FULL JOIN), only a conjunct no NULL
//     satisfies: x IS NULL there finds the NULL-extended rows, and under
//     SET ANSI_NULLS OFF x = @v with @v NULL does too.
//
// To learn what each SELECT outputs, the query compiles once as written (a
// probe, in which nothing further is pushed), then again with the
// conjuncts added; a query nothing can go into compiles once.

// pushState is the planner's state for pushdowns (Session.push).
type pushState struct {
	// probing is set while a probe compiles (its pushProbe is
	// batchState.probe): the derived tables inside it compile as written.
	probing bool
	// preserved: the conjuncts given to the source being compiled
	// (buildTableExpr's conds) are applied where its rows are never
	// NULL-extended — a WHERE above it, the ON of the join whose right side
	// it is — so anything may go into its derived tables and its base
	// tables may seek NOT NULL columns under ANSI_NULLS OFF
	// (ansinulls_seek.go). False: it is, or may be, below an outer join's
	// NULL-extension.
	preserved bool
}

// condsPreserved sets Session.push.preserved for the source about to be
// compiled; the returned func restores it.
func (s *Session) condsPreserved(v bool) func() {
	prev := s.push.preserved
	s.push.preserved = v
	return func() { s.push.preserved = prev }
}

// pushProbe is what a probe compile records, by SELECT.
type pushProbe struct {
	cores map[*ast.SelectCore]*coreOutput
}

// coreOutput is what one SELECT outputs.
type coreOutput struct {
	recorded bool
	from     *scope // its FROM's scope
	cols     []outputOrigin
}

// outputOrigin is where an output column comes from: ref, a name that
// resolves in the SELECT's FROM to the column it outputs, or nil when it
// is anything else (or a filter on it may not go below the SELECT).
type outputOrigin struct {
	ref *ast.ColumnRef
	typ types.Type
}

// pushedDerived compiles a derived table, CTE or view whose query is q
// (build compiles a query of it in its place) with the conjuncts of conds
// that may go into it; alias and names are derivedSource's. view: q is a
// view's, which sees no enclosing query's columns. innerAnsiOff is the
// ANSI_NULLS q compiles under: a view's own (module_sets.go), else the
// session's.
func (s *Session) pushedDerived(q *ast.Query, build func(*ast.Query) (*plan, error), alias string, names []*ast.Ident, outer *scope, conds []ast.Expr, view, innerAnsiOff bool) (*source, error) {
	var branches []*ast.SelectCore
	if len(conds) > 0 && !s.push.probing && s.batch != nil && mentionsDerived(conds, alias) {
		branches = pushBranches(q)
	}
	if branches == nil {
		p, err := build(q)
		if err != nil {
			return nil, err
		}
		return derivedSource(p, alias, names, outer)
	}
	preserved := s.push.preserved
	probe := &pushProbe{cores: make(map[*ast.SelectCore]*coreOutput, len(branches))}
	for _, b := range branches {
		probe.cores[b] = &coreOutput{}
	}
	b := s.batch
	prev := b.probe
	cost := s.fromCost
	b.probe, s.push.probing = probe, true
	p0, err := build(q)
	b.probe, s.push.probing = prev, false
	if err != nil {
		return nil, err
	}
	src0, err := derivedSource(p0, alias, names, outer)
	if err != nil {
		return nil, err
	}
	tr := &pushTranslator{s: s, local: &scope{cols: src0.sc.cols}, outer: outer, view: view, preserved: preserved,
		ansiDiffers: !innerAnsiOff && !s.Opts.AnsiNulls}
	if outer != nil {
		tr.params = outer.apply // an apply join's left row (join_apply.go)
	}
	extra := map[*ast.SelectCore][]ast.Expr{}
	for _, cnd := range conds {
		term, ok := tr.term(cnd)
		if !ok {
			continue
		}
		for _, b := range branches {
			if e, ok := tr.rewrite(term, probe.cores[b]); ok {
				extra[b] = append(extra[b], e)
			}
		}
	}
	if len(extra) == 0 {
		return src0, nil
	}
	q2 := *q
	q2.Body = withExtraWhere(q.Body, extra)
	s.claimApply() // join_apply.go
	// The probe's plan is dropped: its FROM clauses' charge goes back
	// (fromlimit.go), or a view of many joins would be charged twice.
	probeCost := s.fromCost
	s.fromCost = cost
	p1, err := build(&q2)
	if err != nil {
		s.fromCost = probeCost
		return src0, nil // what was added does not compile there: as written
	}
	src1, err := derivedSource(p1, alias, names, outer)
	if err != nil || src1.sc.width() != src0.sc.width() {
		s.fromCost = probeCost
		return src0, nil
	}
	return src1, nil
}

// mentionsDerived reports whether a conjunct names a column without a
// qualifier or qualified by alias: one that may be the derived table's.
func mentionsDerived(conds []ast.Expr, alias string) bool {
	found := false
	for _, c := range conds {
		ast.Inspect(c, func(n ast.Node) bool {
			if cr, ok := n.(*ast.ColumnRef); ok && (len(cr.Name.Parts) == 1 || len(cr.Name.Parts) == 2 && strings.EqualFold(cr.Name.Part(1), alias)) {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// pushBranches lists the SELECTs of q a filter on its output may go into:
// q itself, or every branch of its UNION [ALL]s; nil when there are none
// (ORDER BY, OFFSET, FOR XML/JSON, INTERSECT, EXCEPT).
func pushBranches(q *ast.Query) []*ast.SelectCore {
	if q.For != nil || q.Offset != nil || len(q.OrderBy) > 0 {
		return nil
	}
	var out []*ast.SelectCore
	var walk func(b ast.QueryExpr) bool
	walk = func(b ast.QueryExpr) bool {
		switch x := b.(type) {
		case *ast.SelectCore:
			if x.Into != nil {
				return false
			}
			out = append(out, x)
			return true
		case *ast.ParenQuery:
			in := x.Query
			if in.For != nil || in.Offset != nil || len(in.OrderBy) > 0 || in.With != nil {
				return false
			}
			return walk(in.Body)
		case *ast.SetOp:
			if x.Op != ast.Union && x.Op != ast.UnionAll {
				return false
			}
			return walk(x.Left) && walk(x.Right)
		}
		return false
	}
	if !walk(q.Body) {
		return nil
	}
	return out
}

// withExtraWhere is body with extra's conjuncts added to the WHERE of its
// SELECTs; the nodes on the way are copies (a parsed query is shared and
// never written).
func withExtraWhere(body ast.QueryExpr, extra map[*ast.SelectCore][]ast.Expr) ast.QueryExpr {
	switch x := body.(type) {
	case *ast.SelectCore:
		e := extra[x]
		if len(e) == 0 {
			return x
		}
		cp := *x
		if x.Where != nil {
			e = append([]ast.Expr{x.Where}, e...)
		}
		cp.Where = andAll(e) // from_comma.go
		return &cp
	case *ast.ParenQuery:
		q := *x.Query
		q.Body = withExtraWhere(q.Body, extra)
		cp := *x
		cp.Query = &q
		return &cp
	case *ast.SetOp:
		cp := *x
		cp.Left = withExtraWhere(x.Left, extra)
		cp.Right = withExtraWhere(x.Right, extra)
		return &cp
	}
	return body
}
