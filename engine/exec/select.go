package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// buildSelectOnce compiles one SELECT: FROM → WHERE → GROUP BY/aggregates →
// HAVING → window functions → select list → DISTINCT → ORDER BY →
// TOP/OFFSET. q supplies ORDER BY/OFFSET/FETCH when this SELECT is the
// query's body; oa holds the aggregates its subqueries found to be its own
// (outer_agg.go, whose buildSelect calls this).
func (s *Session) buildSelectOnce(core *ast.SelectCore, q *ast.Query, outer *scope, oa *outerAggSet) (*plan, error) {
	if core.Top != nil && q != nil && q.Offset != nil {
		return nil, &Error{Number: 10741, Severity: 15, State: 1, Message: "A TOP can not be used in the same query or sub-query as a OFFSET."}
	}
	if (core.Top != nil || (q != nil && q.Offset != nil)) && selectsNextValue(core) {
		return nil, errNextValueRowLimit.New()
	}
	src, err := s.buildFrom(core.From, core.Where, outer)
	if err != nil {
		return nil, err
	}
	sc := src.sc
	// Subqueries find the scope's aggregates through it while the query
	// compiles, not in its WHERE (outer_agg.go).
	fromSc, prevAggs := sc, sc.outerAggs
	sc.outerAggs, oa.blocked = oa, true
	defer func() { fromSc.outerAggs = prevAggs }()
	c := &compiler{s: s, sc: sc}
	cur := src.open
	if core.Where != nil && !src.whereDone {
		p, err := c.pred(core.Where)
		if err != nil {
			return nil, err
		}
		rf := c.rawFilterFor(core.Where, src)
		in := cur
		cur = func(ec *evalCtx) (rowIter, error) {
			it, err := in(ec)
			if err != nil {
				return nil, err
			}
			if si, ok := it.(*scanIter); ok && rf != nil {
				si.pre = rf // before its first row
			}
			return &filterIter{in: it, ec: ec, p: p}, nil
		}
	}

	// Aggregation.
	var orderExprs []ast.Expr
	if q != nil {
		for _, o := range q.OrderBy {
			orderExprs = append(orderExprs, o.Expr)
		}
	}
	itemExprs := make([]ast.Expr, 0, len(core.Items))
	for _, it := range core.Items {
		itemExprs = append(itemExprs, it.Expr)
	}
	aggCalls := map[string]*ast.FuncCall{}
	var aggOrder []string
	collectAggregates(itemExprs, aggCalls, &aggOrder)
	collectAggregates([]ast.Expr{core.Having}, aggCalls, &aggOrder)
	collectAggregates(orderExprs, aggCalls, &aggOrder)
	if aggOrder, err = c.ownAggregates(aggCalls, aggOrder); err != nil { // outer_agg.go
		return nil, err
	}
	oa.addAggregates(aggCalls, &aggOrder)
	var shape outputShape // what a probe records (pushdown_probe.go)
	if len(core.GroupBy) > 0 || len(aggCalls) > 0 || core.Having != nil {
		shape.aggregated = true
		as := &aggScope{keys: map[string]int{}, byCol: map[int]int{}, inner: sc, written: map[string]string{}}
		for _, te := range core.From {
			exposedNames(te, as.written)
		}
		groupBy, sets, err := groupingSets(core.GroupBy) // ROLLUP, CUBE: rollup.go
		if err != nil {
			return nil, err
		}
		as.grouped = len(core.GroupBy) > 0 // GROUP BY () too: 8120, not 8118
		keys := make([]*expr, len(groupBy))
		keyTypes := make([]types.Type, len(groupBy))
		for i, g := range groupBy {
			if keys[i], err = c.expr(g); err != nil {
				return nil, err
			}
			keyTypes[i] = keys[i].typ
			as.keyNotNull = append(as.keyNotNull, sets == nil && c.notNull(g))
			// resolve looks expressions up without their parentheses:
			// GROUP BY (a * b) groups the select list's a * b (and (a * b)).
			as.keys[stripParens(g).SQL()] = i
			if keys[i].col >= 0 {
				as.byCol[keys[i].col] = i
			}
			shape.groupCols = append(shape.groupCols, keys[i].col)
			as.cols = append(as.cols, keys[i].typ)
		}
		oa.blocked = false // HAVING, the select list and ORDER BY may hold them
		aggs := make([]*aggregate, len(aggOrder))
		for i, k := range aggOrder {
			if aggs[i], err = c.compileAggregate(aggCalls[k]); err != nil {
				return nil, err
			}
			as.keys[k] = len(keys) + i
			as.cols = append(as.cols, aggs[i].typ)
		}
		if len(groupBy) > 0 || sets != nil { // sets of no keys: GROUP BY (), GROUPING SETS (())
			as.grouping = &groupingInfo{nkeys: len(keys), gidCol: -1}
		}
		shape.sets = sets != nil
		if sets != nil {
			as.grouping.gidCol = len(as.cols)
			as.cols = append(as.cols, types.TypeBigInt)
		}
		in := cur
		cur = func(ec *evalCtx) (rowIter, error) {
			it, err := in(ec)
			if err != nil {
				return nil, err
			}
			if sets != nil {
				return groupingSetsIter(ec, it, keys, aggs, keyTypes, sets)
			}
			return groupIter(ec, it, keys, aggs, keyTypes)
		}
		// The aggregated row's columns: a group key that is a plain column
		// keeps its name, so a correlated subquery in the select list or
		// HAVING can read it (SELECT t.k, (SELECT … WHERE u.k = t.k) …
		// GROUP BY t.k); the rest are unnamed. Expressions of the query
		// itself resolve through as first.
		aggCols := make([]scopeCol, len(as.cols))
		for i, t := range as.cols {
			aggCols[i] = scopeCol{typ: t, idx: i, hidden: true}
		}
		for i, k := range keys {
			if k.col < 0 || i >= len(aggCols) {
				continue
			}
			for _, in := range sc.cols {
				if in.idx == k.col && !in.hidden {
					aggCols[i] = scopeCol{qual: in.qual, schema: in.schema, db: in.db, name: in.name, typ: as.cols[i], idx: i, noStar: true, notNull: as.keyNotNull[i]}
					break
				}
			}
		}
		sc = &scope{outer: sc.outer, agg: as, cols: aggCols}
		c = &compiler{s: s, sc: sc}
		if core.Having != nil {
			as.clause = clauseHaving
			p, err := c.pred(core.Having)
			as.clause = clauseSelect
			if err != nil {
				return nil, err
			}
			in := cur
			cur = func(ec *evalCtx) (rowIter, error) {
				it, err := in(ec)
				if err != nil {
					return nil, err
				}
				return &filterIter{in: it, ec: ec, p: p}, nil
			}
		}
	}

	oa.blocked = false
	// Window functions are computed over the rows so far and appended as columns.
	if wins := collectWindows(itemExprs, orderExprs); len(wins) > 0 {
		shape.wins, shape.winC = wins, c
		cur, sc, err = s.buildWindows(c, cur, sc, wins, newWindowDefs(core.Windows))
		if err != nil {
			return nil, err
		}
		c = &compiler{s: s, sc: sc}
	}

	// Select list.
	var exprs []*expr
	var cols []scopeCol
	for _, it := range core.Items {
		if st, ok := it.Expr.(*ast.Star); ok {
			if src.sc.agg == nil && sc.agg != nil {
				return nil, sc.agg.starError(src.sc, st.Qualifier)
			}
			scs, err := src.sc.starCols(st.Qualifier)
			if err != nil {
				return nil, err
			}
			if len(src.sc.cols) == 0 && len(core.From) == 0 {
				return nil, ErrSelectStarNoTables.New()
			}
			for _, sc2 := range scs {
				idx := sc2.idx
				exprs = append(exprs, &expr{typ: sc2.typ, col: idx, deriv: sc2.deriv(), noColl: sc2.noColl, eval: func(_ *evalCtx, row Row) (types.Value, error) { return row[idx], nil }})
				cols = append(cols, scopeCol{name: sc2.name, typ: sc2.typ, qual: sc2.qual, notNull: sc2.notNull, collFrom: sc2.deriv(), noColl: sc2.noColl})
			}
			continue
		}
		x, err := c.expr(it.Expr)
		if err != nil {
			return nil, err
		}
		name := ""
		if it.Alias != nil {
			name = it.Alias.Name
		} else if cr, ok := it.Expr.(*ast.ColumnRef); ok {
			name = cr.Name.Last()
			if pseudoColumn(name) != 0 && c.sc != nil {
				// SELECT $IDENTITY names its result column after the
				// identity column, as SQL Server does.
				if col, _, err := c.sc.lookup(cr.Name); err == nil {
					name = col.name
				}
			}
		}
		if it.Var != nil {
			name = it.Var.Name
		}
		exprs = append(exprs, x)
		cols = append(cols, scopeCol{name: name, typ: x.typ, notNull: c.notNull(it.Expr), collFrom: x.derivation(), noColl: x.noColl})
	}
	visible := len(exprs)

	// ORDER BY keys: an output position, an output alias, or an expression
	// evaluated on the pre-projection row and carried as a hidden column.
	var keys []sortKey
	if q != nil && len(q.OrderBy) > 0 {
		sc.setClause(clauseOrderBy)
		defer sc.setClause(clauseSelect)
		for oi, o := range q.OrderBy {
			col := -1
			var typ types.Type
			if l, ok := o.Expr.(*ast.Literal); ok && l.Kind == ast.LitInt {
				x, err := c.orderExpr(l, cols[:visible])
				if err != nil {
					return nil, err
				}
				col, typ = x.col, x.typ
			} else if cr, ok := o.Expr.(*ast.ColumnRef); ok && len(cr.Name.Parts) == 1 {
				for i := 0; i < visible; i++ {
					if strings.EqualFold(cols[i].name, cr.Name.Last()) {
						col, typ = i, cols[i].typ
						break
					}
				}
			}
			if col < 0 {
				x, err := c.expr(o.Expr)
				if err != nil {
					return nil, err
				}
				if core.Distinct {
					found := false
					for i := 0; i < visible; i++ {
						if exprs[i].col >= 0 && exprs[i].col == x.col {
							col, typ, found = i, x.typ, true
							break
						}
					}
					if !found {
						return nil, &Error{Number: 145, Severity: 15, State: 1, Message: "ORDER BY items must appear in the select list if SELECT DISTINCT is specified."}
					}
				} else {
					col, typ = len(exprs), x.typ
					exprs = append(exprs, x)
					cols = append(cols, scopeCol{name: "", typ: x.typ, hidden: true})
				}
			}
			if col < len(exprs) && exprs[col].derivation() == derivNone && exprs[col].noColl != nil {
				return nil, unresolvedColumn(exprs[col].noColl, "ORDER BY", oi+1) // collation_conflict.go
			}
			keys = append(keys, sortKey{col: col, desc: o.Desc, coll: typ.Collation, variant: typ.ID == types.SQLVariant})
		}
	}

	in := cur
	keep := &projectKeep{}
	proj := &plan{cols: cols, open: func(ec *evalCtx) (rowIter, error) {
		it, err := in(ec)
		if err != nil {
			return nil, err
		}
		return &projectIter{in: it, ec: ec, exprs: exprs, keep: keep}, nil
	}}
	if core.Distinct {
		typs := make([]types.Type, len(cols))
		for i, c := range cols {
			typs[i] = c.typ
		}
		p := proj.open
		proj.open = func(ec *evalCtx) (rowIter, error) {
			it, err := p(ec)
			if err != nil {
				return nil, err
			}
			return newDistinct(it, typs), nil
		}
	}
	var tipKeys []sortKey // sorted only when the seek tips (tippedSort)
	if sc == src.sc && !core.Distinct {
		tipFree := src.tip != nil && !src.tip.keep
		if ok, rev := keyOrdered(src, keys, exprs, core.Top, core.Where); ok {
			if tipFree && core.Top == nil && (q == nil || q.Offset == nil) {
				// Nothing stops the read early: the seek may still tip.
				src.tip.keep, tipKeys = false, keys
			}
			keys = nil // the rows come in clustered key order (sortorder.go)
			if rev {
				src.masks[0].rev = true // read backward (backscan.go)
			}
		}
	}
	if len(keys) > 0 || core.Top != nil || (q != nil && q.Offset != nil) {
		if proj, err = s.sortAndLimit(proj, keys, core.Top, q, c, src.sc, outer); err != nil {
			return nil, err
		}
	}
	if tipKeys != nil {
		if proj, err = s.tippedSort(proj, tipKeys, src, c, outer); err != nil {
			return nil, err
		}
	}
	// Every expression reading the source's rows is compiled: its scans may
	// now decode only the columns referenced (colMask).
	for _, m := range src.masks {
		m.active = true
	}
	if err := checkColumnGates(src.masks); err != nil { // colperm.go
		return nil, err
	}
	if s.batch != nil && s.batch.probe != nil {
		s.batch.probe.record(core, q, src.sc, exprs[:visible], cols[:visible], &shape) // pushdown_probe.go
	}
	if len(cols) > visible {
		p := proj.open
		proj = &plan{cols: cols[:visible], open: func(ec *evalCtx) (rowIter, error) {
			it, err := p(ec)
			if err != nil {
				return nil, err
			}
			return &funcIter{next: func() (Row, error) {
				r, err := it.Next()
				if err != nil {
					return nil, err
				}
				return r[:visible], nil
			}, close: it.Close}, nil
		}}
	}
	return proj, nil
}
