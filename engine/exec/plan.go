package exec

import (
	"io"
	"math"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// plan is a compiled query: its output columns and how to run it. open may be
// called many times (a correlated subquery runs once per outer row).
type plan struct {
	cols []scopeCol
	open func(ec *evalCtx) (rowIter, error)
	// sent is resultColumns as sentColumns made it, kept.
	sent []ResultColumn
}

// sentColumns is resultColumns made once per plan, for a query's result
// set: Output does not change the columns it is given (a constant plan's
// are kept the same way, select_const.go), and a kept plan (boundplan.go)
// runs again without making them again (issues #2 and #5).
func (p *plan) sentColumns() []ResultColumn {
	if p.sent == nil {
		p.sent = p.resultColumns()
	}
	return p.sent
}

func (p *plan) resultColumns() []ResultColumn {
	out := make([]ResultColumn, len(p.cols))
	for i, c := range p.cols {
		out[i] = ResultColumn{Name: c.name, Type: c.typ, Nullable: !c.notNull, NotNull: c.notNull}
	}
	return out
}

// asScope exposes a plan's output as a FROM source named alias. Its columns
// keep the plan's nullability: a derived table's, CTE's or view's column is
// NOT NULL exactly when its defining SELECT's is.
func (p *plan) asScope(alias string, outer *scope) *scope {
	sc := &scope{outer: outer}
	for i, c := range p.cols {
		sc.cols = append(sc.cols, scopeCol{qual: strings.ToLower(alias), name: c.name, typ: c.typ, notNull: c.notNull, idx: i, collFrom: c.collFrom, noColl: c.noColl})
	}
	return sc
}

// subplan is a subquery compiled inside an expression.
type subplan struct {
	p    *plan
	cols []scopeCol
	// once: uncorrelated, its result kept for the statement (subquery_once.go).
	once bool
	// share, when set, is the IN subquery whose kept values this one's
	// are: a semi-join seek (semijoin.go) compiles its own copy of the
	// WHERE's IN subquery, and both read one result.
	share *ast.Query
}

// each runs the subquery for the current row and calls fn for each of its rows
// until fn returns false.
func (sp *subplan) each(ec *evalCtx, row Row, fn func(Row) (bool, error)) error {
	it, err := sp.p.open(ec.with(row))
	if err != nil {
		return err
	}
	defer it.Close()
	for {
		r, err := it.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		more, err := fn(r)
		if err != nil || !more {
			return err
		}
	}
}

func (c *compiler) subquery(q *ast.Query) (*subplan, error) {
	p, once, err := c.compileSubquery(q) // subquery_once.go
	if err != nil {
		return nil, err
	}
	return &subplan{p: p, cols: p.cols, once: once}, nil
}

func (c *compiler) scalarSubquery(q *ast.Query) (*expr, error) {
	sub, err := c.subquery(q)
	if err != nil {
		return nil, err
	}
	if len(sub.cols) != 1 {
		return nil, &Error{Number: 116, Severity: 16, State: 1, Message: "Only one expression can be specified in the select list when the subquery is not introduced with EXISTS."}
	}
	t := sub.cols[0].typ
	return &expr{typ: t, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		if r := ec.cachedSubquery(sub); r != nil {
			return r.v, nil
		}
		var v types.Value
		n := 0
		err := sub.each(ec, row, func(r Row) (bool, error) {
			n++
			if n > 1 {
				return false, ErrSubqueryMultiRow.New()
			}
			v = r[0]
			return true, nil
		})
		if err != nil {
			return types.Value{}, err
		}
		if n == 0 {
			v = types.Null(t.ID)
		}
		ec.keepSubquery(sub, &subqResult{v: v})
		return v, nil
	}}, nil
}

// buildQuery compiles a query expression with ORDER BY / OFFSET / FETCH. outer
// is the scope of an enclosing query (correlated subqueries, APPLY, joins).
// extra, when set, receives hidden ORDER BY columns handled by the caller.
func (s *Session) buildQuery(q *ast.Query, outer *scope, _ any) (*plan, error) {
	if q.For != nil {
		return s.buildForClause(q, outer) // FOR JSON: forjson.go
	}
	if q.With != nil {
		pop, err := s.pushCTEs(q.With, outer)
		if err != nil {
			return nil, err
		}
		defer pop()
	}
	if core, ok := q.Body.(*ast.SelectCore); ok {
		return s.buildSelect(core, q, outer)
	}
	p, err := s.buildQueryExpr(q.Body, outer)
	if err != nil {
		return nil, err
	}
	if len(q.OrderBy) == 0 && q.Offset == nil {
		return p, nil
	}
	// ORDER BY over a set operation: by output column names or positions,
	// or by a qualified column the first query selects (t.a), as SQL
	// Server allows: SQLAlchemy's foreign-key reflection orders its UNION
	// by fk_info.constraint_schema.
	sc := p.asScope("", outer)
	qualifyFromFirstSelect(sc, q.Body)
	c := &compiler{s: s, sc: sc}
	var keys []sortKey
	for _, o := range q.OrderBy {
		x, err := c.orderExpr(o.Expr, p.cols)
		if err != nil {
			return nil, err
		}
		if x.col < 0 {
			return nil, &Error{Number: 104, Severity: 16, State: 1, Message: "ORDER BY items must appear in the select list if the statement contains a UNION, INTERSECT or EXCEPT operator."}
		}
		keys = append(keys, sortKey{col: x.col, desc: o.Desc, coll: x.typ.Collation, variant: x.typ.ID == types.SQLVariant})
	}
	return s.sortAndLimit(p, keys, nil, q, c, sc, outer)
}

// qualifyFromFirstSelect gives the set operation's output columns the
// qualifier of the first query's select items that are qualified column
// references without an alias (SELECT t.a … UNION … ORDER BY t.a). A select
// list with * is left alone: its items do not line up with the columns.
func qualifyFromFirstSelect(sc *scope, body ast.QueryExpr) {
	for {
		switch b := body.(type) {
		case *ast.SetOp:
			body = b.Left
			continue
		case *ast.ParenQuery:
			body = b.Query.Body
			continue
		case *ast.SelectCore:
			if len(b.Items) != len(sc.cols) {
				return
			}
			for i, it := range b.Items {
				ref, ok := it.Expr.(*ast.ColumnRef)
				if ok && it.Alias == nil && it.Var == nil && len(ref.Name.Parts) == 2 {
					sc.cols[i].qual = strings.ToLower(ref.Name.Part(1))
				}
			}
		}
		return
	}
}

// orderExpr resolves an ORDER BY item: a position (ORDER BY 2) or an expression.
func (c *compiler) orderExpr(e ast.Expr, cols []scopeCol) (*expr, error) {
	if l, ok := e.(*ast.Literal); ok && l.Kind == ast.LitInt {
		v, err := literalValue(l)
		if err != nil {
			return nil, err
		}
		n := int(v.Int64())
		if n < 1 || n > len(cols) {
			return nil, &Error{Number: 108, Severity: 16, State: 1, Message: "The ORDER BY position number " + l.Text + " is out of range of the number of items in the select list."}
		}
		return &expr{typ: cols[n-1].typ, col: n - 1}, nil
	}
	return c.expr(e)
}

// sortAndLimit sorts p's rows by keys, applies TOP/OFFSET/FETCH and strips
// hidden trailing columns (beyond visible). own is the scope of the
// query's own columns and outer the enclosing queries' (limitExpr).
func (s *Session) sortAndLimit(p *plan, keys []sortKey, top *ast.Top, q *ast.Query, c *compiler, own, outer *scope) (*plan, error) {
	var topX, offX, fetchX *expr
	var err error
	if top != nil {
		if topX, err = c.limitExpr(top.Count, own, outer); err != nil {
			return nil, err
		}
	}
	if q != nil && q.Offset != nil {
		if offX, err = c.limitExpr(q.Offset, own, outer); err != nil {
			return nil, err
		}
		if q.Fetch != nil {
			if fetchX, err = c.limitExpr(q.Fetch, own, outer); err != nil {
				return nil, err
			}
		}
	}
	percent := top != nil && top.Percent
	withTies := top != nil && top.WithTies
	if withTies && len(keys) == 0 {
		return nil, errTopTiesNoOrder
	}
	open := p.open
	return &plan{cols: p.cols, open: func(ec *evalCtx) (rowIter, error) {
		it, err := open(ec)
		if err != nil {
			return nil, err
		}
		limit, offset := int64(-1), int64(0)
		var pct float64 // TOP (n) PERCENT's n
		if topX != nil {
			v, err := topX.eval(ec, nil)
			if err != nil {
				it.Close()
				return nil, err
			}
			limit = v.Int64()
			if v.TypeID() == types.Float || v.TypeID() == types.Real {
				limit = int64(v.Float64())
			}
			if percent && !v.IsNull() {
				// TOP (n) PERCENT takes n as a float (50.5 PERCENT of 10
				// rows is 6, rounded up below), not truncated to an integer
				// (a decimal's Int64 is 0 here), as dmlLimit does.
				f, err := types.Convert(v, types.TypeFloat, 0)
				if err != nil {
					it.Close()
					return nil, err
				}
				if pct = f.Float64(); pct < 0 || pct > 100 {
					it.Close()
					return nil, errTopPercent
				}
				limit = int64(pct)
			}
			if v.IsNull() || limit < 0 {
				it.Close()
				return nil, errTopInvalid
			}
		}
		if offX != nil {
			v, err := offX.eval(ec, nil)
			if err != nil {
				it.Close()
				return nil, err
			}
			offset = v.Int64()
			if offset < 0 || v.IsNull() { // a NULL offset is refused as a negative one is
				it.Close()
				return nil, errOffsetNegative // builtin_checks.go
			}
			if fetchX != nil {
				f, err := fetchX.eval(ec, nil)
				if err != nil {
					it.Close()
					return nil, err
				}
				limit = f.Int64()
				if limit <= 0 {
					it.Close()
					return nil, errFetchNotPositive
				}
			}
		}
		if len(keys) == 0 && !percent {
			return &limitIter{in: it, offset: offset, limit: limit}, nil
		}
		if limit >= 0 && !percent && !withTies {
			// TOP n / OFFSET … FETCH with ORDER BY keeps only the first
			// offset+limit rows while reading: memory is bounded by the result.
			rows, err := topN(it, keys, offset+limit)
			if err != nil {
				return nil, err
			}
			if offset > int64(len(rows)) {
				offset = int64(len(rows))
			}
			return &sliceIter{rows: rows[offset:]}, nil
		}
		sorted, n, err := externalSort(it, keys, sortMemoryBudget)
		if err != nil {
			return nil, err
		}
		if percent && limit >= 0 {
			limit = int64(math.Ceil(float64(n) * pct / 100)) // a fraction of a row counts as one
		}
		lim := &limitIter{in: sorted, offset: offset, limit: limit}
		if withTies {
			lim.ties = keys
		}
		return lim, nil
	}}, nil
}

// limitExpr compiles the row count of TOP, OFFSET or FETCH. It is read
// once as the query's rows start, with no row of its own, so it may read
// the rows of the enclosing queries — CROSS APPLY (SELECT TOP (o.n) …
// ORDER BY …), the usual "first n per group" — and the subquery is then
// correlated (the reference reaches the subquery's watch, subquery_once.go),
// but a column of the query's own FROM (own) is 4115, as in SQL Server.
// Subqueries inside the expression are queries of their own: their columns
// are theirs.
func (c *compiler) limitExpr(e ast.Expr, own, outer *scope) (*expr, error) {
	var bad *ast.Name
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SubqueryExpr, *ast.ExistsExpr, *ast.Query:
			return false
		case *ast.ColumnRef:
			if own == nil || bad != nil {
				return false
			}
			if _, found, err := own.find(n.Name); found && err == nil {
				bad = n.Name
			}
		}
		return bad == nil
	})
	if bad != nil {
		return nil, &Error{Number: 4115, Severity: 15, State: 1, Message: "The reference to column \"" + bad.Last() +
			"\" is not allowed in an argument to a TOP, OFFSET, or FETCH clause. Only references to columns at an outer scope or standalone expressions and subqueries are allowed here."}
	}
	nc := &compiler{s: c.s, sc: &scope{outer: outer}}
	return nc.expr(e)
}

// noRowExpr compiles an expression that must not reference columns (TOP n).
func (c *compiler) noRowExpr(e ast.Expr) (*expr, error) {
	nc := &compiler{s: c.s, sc: &scope{outer: nil}}
	return nc.expr(e)
}

// buildQueryExpr compiles a query body: a SELECT, a set operation or a
// parenthesized query.
func (s *Session) buildQueryExpr(body ast.QueryExpr, outer *scope) (*plan, error) {
	switch b := body.(type) {
	case *ast.SelectCore:
		return s.buildSelect(b, nil, outer)
	case *ast.ParenQuery:
		return s.buildQuery(b.Query, outer, nil)
	case *ast.SetOp:
		return s.buildSetOp(b, outer)
	}
	return nil, ErrNotSupported.New("This query form")
}

func (s *Session) buildSetOp(op *ast.SetOp, outer *scope) (*plan, error) {
	l, err := s.buildQueryExpr(op.Left, outer)
	if err != nil {
		return nil, err
	}
	r, err := s.buildQueryExpr(op.Right, outer)
	if err != nil {
		return nil, err
	}
	if len(l.cols) != len(r.cols) {
		return nil, &Error{Number: 205, Severity: 16, State: 1, Message: "All queries combined using a UNION, INTERSECT or EXCEPT operator must have an equal number of expressions in their target lists."}
	}
	cols := make([]scopeCol, len(l.cols))
	typs := make([]types.Type, len(l.cols))
	for i := range cols {
		cols[i] = l.cols[i]
		cols[i].typ = dominantType([]types.Type{l.cols[i].typ, r.cols[i].typ})
		if cols[i].typ.ID.IsString() { // collation_precedence.go
			lx := &expr{typ: l.cols[i].typ, deriv: l.cols[i].deriv(), noColl: l.cols[i].noColl}
			rx := &expr{typ: r.cols[i].typ, deriv: r.cols[i].deriv(), noColl: r.cols[i].noColl}
			lab, err := setOpCollation(op, cols[i].typ, lx, rx) // collation_conflict.go
			if err != nil {
				return nil, err
			}
			cols[i].typ.Collation, cols[i].collFrom, cols[i].noColl = lab.coll, lab.deriv, lab.none
		}
		cols[i].notNull = l.cols[i].notNull && r.cols[i].notNull
		typs[i] = cols[i].typ
	}
	conv := func(it rowIter) rowIter {
		return &funcIter{next: func() (Row, error) {
			row, err := it.Next()
			if err != nil {
				return nil, err
			}
			out := make(Row, len(row))
			for i, v := range row {
				if out[i], err = convertTo(v, typs[i]); err != nil {
					return nil, err
				}
			}
			return out, nil
		}, close: it.Close}
	}
	kind := op.Op
	return &plan{cols: cols, open: func(ec *evalCtx) (rowIter, error) {
		li, err := l.open(ec)
		if err != nil {
			return nil, err
		}
		ri, err := r.open(ec)
		if err != nil {
			li.Close()
			return nil, err
		}
		lc, rc := conv(li), conv(ri)
		switch kind {
		case ast.UnionAll:
			first := true
			return &funcIter{next: func() (Row, error) {
				if first {
					row, err := lc.Next()
					if err != io.EOF {
						return row, err
					}
					first = false
				}
				return rc.Next()
			}, close: func() { lc.Close(); rc.Close() }}, nil
		case ast.Union:
			first := true
			return newDistinct(&funcIter{next: func() (Row, error) {
				if first {
					row, err := lc.Next()
					if err != io.EOF {
						return row, err
					}
					first = false
				}
				return rc.Next()
			}, close: func() { lc.Close(); rc.Close() }}, typs), nil
		default: // EXCEPT, INTERSECT: distinct rows of the left with (or without) a match on the right
			right, err := drain(rc)
			if err != nil {
				lc.Close()
				return nil, err
			}
			set := map[string]bool{}
			for _, row := range right {
				set[rowKey(row, typs)] = true
			}
			want := kind == ast.Intersect
			return newDistinct(&funcIter{next: func() (Row, error) {
				for {
					row, err := lc.Next()
					if err != nil {
						return nil, err
					}
					if set[rowKey(row, typs)] == want {
						return row, nil
					}
				}
			}, close: lc.Close}, typs), nil
		}
	}}, nil
}
