package exec

import (
	"io"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// source is a compiled FROM clause: the scope its rows have and how to open it.
type source struct {
	sc   *scope
	open func(ec *evalCtx) (rowIter, error)
	// whereDone: the WHERE clause was applied inside (pushed into an access path
	// that also filters).
	whereDone bool
	// readsWhole: the source is one base table read with no key bound (a
	// scan), which SERIALIZABLE locks whole (readlock.go).
	readsWhole bool
	// wholeTarget, for the source of an UPDATE or DELETE, is its target's
	// read when that has no key bound: its table lock is taken with the
	// statement's IX, at once (dml_target_decl.go).
	wholeTarget *tableRef
	// masks are the column masks of the base tables this source scans (see
	// colMask); the SELECT that owns the source activates them.
	masks []*colMask
	// table is set when the source is one base table read through
	// openAccess (its scope's column i is the table's column i): the WHERE
	// may then pre-filter its stored rows (rawfilter.go).
	table *tableRef
	// keyOrder: that table is read through its row store (a scan, or a seek
	// on the clustered index), so its rows come in row store key order
	// (sortorder.go).
	keyOrder bool
	// clusterEq is how many of the clustered key's leading columns the
	// seek fixes by equality (one range, keyOrder set): within the range
	// the rows are in the order of the key's remaining columns
	// (sortorder.go clusterOrdered).
	clusterEq int
	// ixOrder: that table is read through one range of a nonclustered
	// index, so its rows come in that index's key order (sortorder.go).
	ixOrder *accessPath
	// tip is that table's nonclustered seek when the statistics may turn
	// it into a scan (seektip.go); an ORDER BY that relies on its order
	// keeps it.
	tip *seekTip
	// setPath, for a table that would be scanned (no seek, no index
	// hint), reads it through another path instead: a whole
	// nonclustered index in the ORDER BY's order (ixorder.go).
	setPath func(*accessPath)
	// reseek, for a table read through a clustered seek with an equality
	// prefix (no index hint), is the seek the same conditions give on
	// index ix, nil for none; setSeek reads the table through such a seek
	// instead: one whose order an ORDER BY … TOP asks for (ixorder.go
	// orderSeek).
	reseek  func(ix *catalog.Index) *accessPath
	setSeek func(*accessPath)
}

// oneRow is the source of a SELECT without FROM.
func oneRow(outer *scope) *source {
	return &source{sc: &scope{outer: outer}, open: func(*evalCtx) (rowIter, error) {
		return &sliceIter{rows: oneEmptyRow}, nil
	}}
}

// oneEmptyRow is the rows of every open of oneRow, shared: a sliceIter
// only reads its rows, and an empty row has nothing to write (issue #2:
// `select @p1`, run again from a kept plan, allocated it every time).
var oneEmptyRow = []Row{{}}

// buildFrom compiles a FROM list (comma = cross join). where is the query's
// WHERE, used to choose index seeks for a single-table FROM.
func (s *Session) buildFrom(from []ast.TableExpr, where ast.Expr, outer *scope) (*source, error) {
	if len(from) == 0 {
		return oneRow(outer), nil
	}
	if err := s.checkTableSources(from); err != nil {
		return nil, err
	}
	// The WHERE is applied above every source of the FROM (pushdown.go).
	defer s.condsPreserved(true)()
	if len(from) == 1 {
		return s.buildTableExpr(from[0], outer, conjuncts(where))
	}
	return s.commaJoin(from, where, outer) // from_comma.go
}

// buildTableExpr compiles one table source. conds are conjuncts that may pick
// an index (they are still applied by the caller's filter).
func (s *Session) buildTableExpr(te ast.TableExpr, outer *scope, conds []ast.Expr) (*source, error) {
	switch t := te.(type) {
	case *ast.TableName:
		alias := ""
		if t.Alias != nil {
			alias = t.Alias.Name
		}
		if t.SystemTime != nil {
			return s.buildSystemTime(t, alias, outer) // temporal_query.go
		}
		hints, err := parseLockHints(t.Hints, s.Opts.Isolation) // lockhints.go
		if err != nil {
			return nil, err
		}
		src, err := s.buildNamedSource(t.Name, alias, outer, conds, t.Hints)
		if err == nil && src.table != nil {
			if hints != nil {
				src.table.hints = hints // the source's own tableRef, read when it opens
			}
			s.markTarget(t, src.table, src.readsWhole) // dml_target_decl.go
		}
		return src, err
	case *ast.DerivedTable:
		build := func(q *ast.Query) (*plan, error) { return s.buildQuery(q, outer, nil) }
		return s.pushedDerived(t.Query, build, identName(t.Alias), t.Columns, outer, conds, false, !s.Opts.AnsiNulls) // pushdown.go
	case *ast.DMLTable:
		return s.buildDMLTable(t, outer) // dml_table.go
	case *ast.ParenTable:
		return s.buildTableExpr(t.Table, outer, conds)
	case *ast.Join:
		// Result metadata keeps the written kind's nullability (t.Kind);
		// execution may run a LEFT JOIN as the inner join it amounts to.
		j := s.innerIfNullRejected(t, outer, conds) // join_drive.go
		// The left side (and a right table that drives) is built before the
		// rest of the FROM is in scope: only conjuncts naming one column
		// seek it (ownTableConds).
		own := ownTableConds(conds)
		if implied := s.impliedByOn(j, outer, conds); implied != nil { // join_implied.go
			own = append(own, implied...) // each names one column
		}
		if src, lw, ok, err := s.drivingJoin(j, outer, own); ok {
			if err == nil {
				nullExtended(src.sc, lw, t.Kind)
			}
			return src, err
		}
		// The conjuncts reach the leftmost table too: `FROM big b JOIN c ON …
		// WHERE b.id < 1000` seeks b instead of reading it whole. Whatever the
		// join kind, a seek bound is a comparison that no NULL satisfies, and
		// the caller applies it again above the join, so the rows it keeps out
		// (or turns into NULL-extended ones) were going to be filtered anyway.
		left, err := s.buildJoinLeft(j, outer, own)
		if err != nil {
			return nil, err
		}
		lw := left.sc.width()
		var rightOwn []ast.Expr // the WHERE's conjuncts the right table may be read by (hashjoin.go)
		if j.Kind == ast.InnerJoin {
			rightOwn = own
		}
		src, err := s.buildJoin(left, j.Right, j.Kind, j.On, outer, rightOwn)
		if err != nil {
			return nil, err
		}
		src = s.smallSideJoin(j, outer, own, src) // join_small.go
		nullExtended(src.sc, lw, t.Kind)
		return src, nil
	case *ast.ValuesTable:
		return s.buildValues(t, outer)
	case *ast.PivotTable:
		return s.buildPivot(t, outer) // pivot.go
	case *ast.UnpivotTable:
		return s.buildUnpivot(t, outer)
	case *ast.VariableTable:
		v := s.lookupVar(t.Var.Name)
		if v == nil || v.table == nil {
			return nil, &Error{Number: 1087, Severity: 15, State: 2, Message: "Must declare the table variable \"" + t.Var.Name + "\".", Abort: AbortBatch}
		}
		alias := t.Var.Name
		if t.Alias != nil {
			alias = t.Alias.Name
		}
		tr := v.table
		s.noteApplyScan() // join_apply.go
		sc, mask := maskedTableScope(tr, alias, outer)
		return &source{sc: sc, masks: []*colMask{mask}, open: func(ec *evalCtx) (rowIter, error) {
			return s.scanCols(ec, tr, nil, nil, false, mask)
		}}, nil
	case *ast.XMLNodesTable:
		return s.buildXMLNodes(t.Method, t.Alias, t.Columns, outer) // xmlnodes.go
	case *ast.TableFunc:
		s.noteApplyScan()                                   // join_apply.go
		if src, ok, err := s.columnXMLNodes(t, outer); ok { // xmlnodes.go
			return src, err
		}
		if src, ok, err := s.userTableFunc(t, outer); ok || err != nil {
			return src, err
		}
		return s.buildTableFunc(t, outer)
	}
	return nil, ErrNotSupported.New("This table source")
}

// nullExtended clears notNull on the side of a join that NULL-extends rows:
// the right of LEFT JOIN and OUTER APPLY, the left of RIGHT JOIN, both of
// FULL JOIN. The preserved side keeps its nullability, as in SQL Server. sc
// is the join's scope: the left source's lw columns, then the right's.
func nullExtended(sc *scope, lw int, kind ast.JoinKind) {
	from, to := 0, 0
	switch kind {
	case ast.InnerJoin, ast.CrossJoin, ast.CrossApply:
		return
	case ast.LeftJoin, ast.OuterApply:
		from, to = lw, len(sc.cols)
	case ast.RightJoin:
		from, to = 0, lw
	default: // FULL JOIN, and any kind added later: both sides
		from, to = 0, len(sc.cols)
	}
	for i := from; i < to && i < len(sc.cols); i++ {
		sc.cols[i].notNull = false
	}
}

func identName(i *ast.Ident) string {
	if i == nil {
		return ""
	}
	return i.Name
}

func derivedSource(p *plan, alias string, names []*ast.Ident, outer *scope) (*source, error) {
	sc := p.asScope(alias, outer)
	if len(names) > 0 {
		if len(names) != len(sc.cols) {
			return nil, &Error{Number: 8158, Severity: 16, State: 1, Message: "'" + alias + "' has more columns than were specified in the column list."}
		}
		for i, n := range names {
			sc.cols[i].name = n.Name
		}
	}
	for i, c := range sc.cols {
		if c.name == "" {
			return nil, &Error{Number: 8155, Severity: 16, State: 2, Message: "No column name was specified for column " + itoa(i+1) + " of '" + alias + "'."}
		}
	}
	return &source{sc: sc, open: p.open}, nil
}

// tableScope lists a table's columns (and its hidden row key) under alias.
func tableScope(tr *tableRef, alias string, outer *scope) *scope {
	q := strings.ToLower(tr.t.Name)
	if alias != "" {
		q = strings.ToLower(alias)
	}
	sc := &scope{outer: outer}
	// A case-sensitive database's column names want their case
	// (identcoll.go); a table variable's and a #temp table's are tempdb's.
	exact := tr.exactNames()
	for i, c := range tr.t.Columns {
		sc.cols = append(sc.cols, scopeCol{qual: q, schema: strings.ToLower(tr.t.Schema), db: strings.ToLower(tr.db.Name()), name: c.Name, typ: c.Type, null: c.Nullable, notNull: !c.Nullable, idx: i, noStar: c.Hidden, collFrom: derivImplicit, exactName: exact})
		if c.Identity {
			sc.cols[i].pseudo |= pseudoIdentity
		}
		if c.RowGUIDCol {
			sc.cols[i].pseudo |= pseudoRowGUID
		}
	}
	sc.cols = append(sc.cols, scopeCol{qual: q, name: rowKeyCol, typ: types.Type{ID: types.VarBinary, Length: 900}, idx: len(tr.t.Columns), hidden: true})
	return sc
}

// maskedTableScope is tableScope whose columns mark a colMask when referenced.
func maskedTableScope(tr *tableRef, alias string, outer *scope) (*scope, *colMask) {
	sc := tableScope(tr, alias, outer)
	m := newColMask(len(tr.t.Columns))
	for i := range sc.cols {
		sc.cols[i].mask, sc.cols[i].tcol = m, i
	}
	return sc, m
}

// buildNamedSource resolves a table name: CTE, temp table, user table, view or
// system view, in SQL Server's order.
// hints are the table's hints: INDEX, FORCESEEK and FORCESCAN choose how a
// base table is read (index_hint.go).
func (s *Session) buildNamedSource(n *ast.Name, alias string, outer *scope, conds []ast.Expr, hints []*ast.Option) (*source, error) {
	if len(n.Parts) == 1 {
		if cte := s.lookupCTE(n.Last()); cte != nil {
			a := alias
			if a == "" {
				a = n.Last()
			}
			if cte.recursiveOrBuilt() {
				p, err := cte.plan(s, outer)
				if err != nil {
					return nil, err
				}
				return derivedSource(p, a, nil, outer)
			}
			build := func(q *ast.Query) (*plan, error) { return cte.planQuery(s, outer, q) }
			return s.pushedDerived(cte.cte.Query, build, a, nil, outer, conds, false, !s.Opts.AnsiNulls) // pushdown.go
		}
	}
	tr, ok, err := s.resolveTableName(n)
	if err != nil {
		return nil, err
	}
	if !ok {
		if base, syn, isSyn := s.synonymBase(n); isSyn { // synonym.go: FROM syn is FROM its base, named syn
			if alias == "" {
				alias = n.Last()
			}
			if base == nil {
				return nil, errSynonymInvalid.New(synonymDisplay(syn))
			}
			src, err := s.buildNamedSource(base, alias, outer, conds, hints)
			if e, isErr := err.(*Error); isErr && e.Number == ErrInvalidObject.number {
				return nil, errSynonymInvalid.New(synonymDisplay(syn))
			}
			return src, err
		}
	}
	if ok {
		gate, err := s.checkTableRead(tr) // colperm.go
		if err != nil {
			return nil, err
		}
		ah, err := tableAccessHints(tr, n, hints) // index_hint.go
		if err != nil {
			return nil, err
		}
		sc, mask := maskedTableScope(tr, alias, outer)
		nullFree := s.seekNullSafe() // ansinulls_seek.go
		s.dml.seekNullFree = s.dml.seekNullFree || nullFree
		ap, err := ah.choose(s, tr.t, sc, conds)
		s.dml.seekNullFree = false
		if err != nil {
			return nil, err
		}
		s.noteApplyRead(tr, ap) // join_apply.go
		var tip *seekTip
		if ah == nil {
			tip = newSeekTip(ap) // seektip.go: a scan instead past the tipping point
		}
		open := func(ec *evalCtx) (rowIter, error) {
			if tip != nil {
				return s.openAccess(ec, tr, tip.path(ec, s, tr, mask), mask)
			}
			return s.openAccess(ec, tr, ap, mask)
		}
		if gate != nil {
			mask.gate, open = gate, gatedOpen(gate, mask, open)
		}
		src := &source{sc: sc, masks: []*colMask{mask}, table: tr, open: open, keyOrder: ap == nil || ap.ix.IndexID == 1, tip: tip, readsWhole: ap == nil}
		if ap != nil && ap.alts == nil && ap.fixed == nil && ap.semi == nil {
			if ap.ix.IndexID != 1 {
				src.ixOrder = ap
			} else {
				src.clusterEq = len(ap.eq)
				if ah == nil && len(ap.eq) > 0 {
					src.reseek = func(ix *catalog.Index) *accessPath {
						s.dml.seekNullFree = nullFree
						return chooseAccessAmong(tr.t, []*catalog.Index{ix}, s.seekBounds(sc, conds))
					}
					src.setSeek = func(p *accessPath) { ap, tip = p, nil } // the open closure reads both
				}
			}
		}
		if ap == nil && ah == nil {
			src.setPath = func(p *accessPath) { ap = p } // the open closure reads ap
		}
		return src, nil
	}
	if p, ok, err := s.systemView(n, outer); ok || err != nil {
		if err != nil {
			return nil, err
		}
		s.noteApplyScan() // join_apply.go
		a := alias
		if a == "" {
			a = n.Last()
		}
		return derivedSource(p, a, nil, outer)
	}
	if vq, build, ansiOff, ok, err := s.userViewQuery(n); ok || err != nil {
		if err != nil {
			return nil, err
		}
		a := alias
		if a == "" {
			a = n.Last()
		}
		var viewOuter *scope // a view sees no enclosing query …
		if outer != nil && outer.apply != nil {
			viewOuter = &scope{cols: outer.cols, apply: outer.apply} // … but an apply join's left row (join_apply.go)
		}
		vbuild := func(q *ast.Query) (*plan, error) { return build(q, viewOuter) }
		return s.pushedDerived(vq, vbuild, a, nil, outer, conds, true, ansiOff) // pushdown.go
	}
	return nil, ErrInvalidObject.New(nameText(n))
}

// nameText renders a name the way SQL Server quotes it in messages.
func nameText(n *ast.Name) string {
	parts := make([]string, 0, len(n.Parts))
	for _, p := range n.Parts {
		if p == nil {
			parts = append(parts, "")
			continue
		}
		parts = append(parts, p.Name)
	}
	return strings.Join(parts, ".")
}

func (s *Session) buildValues(t *ast.ValuesTable, outer *scope) (*source, error) {
	c := &compiler{s: s, sc: &scope{outer: outer}}
	if len(t.Rows) == 0 {
		return nil, ErrNotSupported.New("An empty VALUES list")
	}
	width := len(t.Rows[0])
	rows := make([][]*expr, len(t.Rows))
	colTypes := make([][]types.Type, width)
	for i, r := range t.Rows {
		if len(r) != width {
			return nil, &Error{Number: 10709, Severity: 16, State: 1, Message: "The number of columns for each row in a table value constructor must be the same."}
		}
		rows[i] = make([]*expr, width)
		for j, e := range r {
			x, err := c.expr(e)
			if err != nil {
				return nil, err
			}
			rows[i][j] = x
			colTypes[j] = append(colTypes[j], x.typ)
		}
	}
	alias := identName(t.Alias)
	sc := &scope{outer: outer}
	typs := make([]types.Type, width)
	for j := 0; j < width; j++ {
		typs[j] = dominantType(colTypes[j])
		name := ""
		if j < len(t.Columns) {
			name = t.Columns[j].Name
		}
		sc.cols = append(sc.cols, scopeCol{qual: strings.ToLower(alias), name: name, typ: typs[j], idx: j})
	}
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		out := make([]Row, len(rows))
		for i, r := range rows {
			out[i] = make(Row, width)
			for j, x := range r {
				v, err := x.eval(ec, nil)
				if err != nil {
					return nil, err
				}
				if out[i][j], err = convertTo(v, typs[j]); err != nil {
					return nil, err
				}
			}
		}
		return &sliceIter{rows: out}, nil
	}}, nil
}

// buildJoin joins left with the table expression right. The right side is
// compiled with the left row in its outer scope, so ON conditions that compare a
// right column with a left expression become index seeks (index nested loops);
// an equi-join without a usable index is a hash join. where are conjuncts
// applied above an inner join that name one column (ownTableConds): the
// hash join reads the right table by them.
func (s *Session) buildJoin(left *source, rightTE ast.TableExpr, kind ast.JoinKind, on ast.Expr, outer *scope, where []ast.Expr) (*source, error) {
	if kind == ast.RightJoin {
		return s.buildRightJoin(left, rightTE, on, outer)
	}
	// where is applied as the conditions given to the join are (Session.push).
	wherePreserved := s.push.preserved
	// ON judges the pairs before the right side's rows are NULL-extended.
	defer s.condsPreserved(true)()
	conds := conjuncts(on)
	if kind == ast.InnerJoin || kind == ast.LeftJoin {
		if hj, err := s.tryHashJoin(left, rightTE, conds, on, kind == ast.LeftJoin, outer, where, wherePreserved); hj != nil || err != nil {
			return hj, err
		}
	}
	if (kind == ast.InnerJoin || kind == ast.LeftJoin) && s.needsOnceJoin(rightTE) {
		if !wherePreserved {
			where = nil
		}
		return s.derivedJoin(left, rightTE, kind, on, outer, where) // join_apply.go
	}
	correlated := kind == ast.CrossApply || kind == ast.OuterApply
	rightOuter := outer
	if correlated || kind == ast.InnerJoin || kind == ast.LeftJoin {
		rightOuter = left.sc
	}
	if kind == ast.FullJoin {
		// FULL JOIN keeps the right rows its ON rejects (NULL-extended):
		// its ON must not filter, let alone seek, the right side.
		conds = nil
	}
	right, err := s.buildTableExpr(rightTE, rightOuter, conds)
	if err != nil {
		return nil, err
	}
	combined := concatScopes(left.sc, right.sc)
	combined.outer = outer
	lw, rw := left.sc.width(), right.sc.width()
	var onPred pred
	if on != nil {
		if onPred, err = (&compiler{s: s, sc: combined}).pred(on); err != nil {
			return nil, err
		}
	}
	outerJoin := kind == ast.LeftJoin || kind == ast.OuterApply || kind == ast.FullJoin
	if kind == ast.FullJoin || (!correlated && kind != ast.InnerJoin && kind != ast.LeftJoin) {
		// CROSS and FULL joins: the right side does not depend on the left row.
		if hj := s.hashedOuterJoin(left, right, combined, on, onPred, kind); hj != nil { // join_outer_hash.go
			return hj, nil
		}
		return s.materializedJoin(left, right, combined, onPred, kind, lw, rw), nil
	}
	return &source{sc: combined, masks: joinMasks(left, right), open: func(ec *evalCtx) (rowIter, error) {
		li, err := left.open(ec)
		if err != nil {
			return nil, err
		}
		return applyRows(ec, li, right, onPred, outerJoin, rw), nil // join_apply.go
	}}, nil
}

// joinRow concatenates a left row with a right row (NULLs when right is nil).
func joinRow(l, r Row, rw int) Row {
	out := make(Row, len(l)+rw)
	copy(out, l)
	if r != nil {
		copy(out[len(l):], r)
	}
	return out
}

func (s *Session) buildRightJoin(left *source, rightTE ast.TableExpr, on ast.Expr, outer *scope) (*source, error) {
	right, err := s.buildTableExpr(rightTE, outer, nil)
	if err != nil {
		return nil, err
	}
	combined := concatScopes(left.sc, right.sc)
	combined.outer = outer
	var onPred pred
	if on != nil {
		if onPred, err = (&compiler{s: s, sc: combined}).pred(on); err != nil {
			return nil, err
		}
	}
	if hj := s.hashedOuterJoin(left, right, combined, on, onPred, ast.RightJoin); hj != nil { // join_outer_hash.go
		return hj, nil
	}
	return s.materializedJoin(left, right, combined, onPred, ast.RightJoin, left.sc.width(), right.sc.width()), nil
}

// joinMasks lists the column masks of both sides of a join.
func joinMasks(left, right *source) []*colMask {
	return append(append([]*colMask(nil), left.masks...), right.masks...)
}

// openMaterialized reads a join's right side whole, then opens its left
// side: the start of every nested loop over a materialized right side.
func openMaterialized(ec *evalCtx, left, right *source) ([]Row, rowIter, error) {
	ri, err := right.open(ec)
	if err != nil {
		return nil, nil, err
	}
	rrows, err := drain(ri)
	if err != nil {
		return nil, nil, err
	}
	li, err := left.open(ec)
	if err != nil {
		return nil, nil, err
	}
	return rrows, li, nil
}

// materializedJoin is a nested loop over a materialized right side; it serves
// CROSS, RIGHT and FULL joins (tracking which right rows matched).
func (s *Session) materializedJoin(left, right *source, combined *scope, onPred pred, kind ast.JoinKind, lw, rw int) *source {
	return &source{sc: combined, masks: joinMasks(left, right), open: func(ec *evalCtx) (rowIter, error) {
		rrows, li, err := openMaterialized(ec, left, right)
		if err != nil {
			return nil, err
		}
		defer li.Close()
		all := make([]int, len(rrows))
		for j := range all {
			all[j] = j
		}
		return joinMaterialized(ec, li, rrows, func(Row) ([]int, error) { return all, nil }, onPred, kind, lw, rw)
	}}
}

// joinMaterialized joins the left rows li yields with rrows, the right side
// read whole: each left row meets the right rows candidates gives for it
// (all of them, or its hash key's) and ON (onPred, nil: no further check);
// LEFT and FULL keep an unmatched left row, RIGHT and FULL each unmatched
// right row after the others.
func joinMaterialized(ec *evalCtx, li rowIter, rrows []Row, candidates func(Row) ([]int, error), onPred pred, kind ast.JoinKind, lw, rw int) (rowIter, error) {
	var out []Row
	matchedRight := make([]bool, len(rrows))
	for {
		lrow, err := li.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		js, err := candidates(lrow)
		if err != nil {
			return nil, err
		}
		matched := false
		for _, j := range js {
			row := joinRow(lrow, rrows[j], rw)
			if ok, err := onPred.admits(ec, row); err != nil {
				return nil, err
			} else if !ok {
				continue
			}
			matched, matchedRight[j] = true, true
			out = append(out, row)
		}
		if !matched && (kind == ast.LeftJoin || kind == ast.FullJoin) {
			out = append(out, joinRow(lrow, nil, rw))
		}
	}
	if kind == ast.RightJoin || kind == ast.FullJoin {
		for j, rrow := range rrows {
			if !matchedRight[j] {
				row := make(Row, lw+rw)
				copy(row[lw:], rrow)
				out = append(out, row)
			}
		}
	}
	return &sliceIter{rows: out}, nil
}

// buildJoinLeft builds a join's left side with own, the conjuncts of the
// conditions above the join that it may use. A RIGHT or FULL JOIN
// NULL-extends its left side below them (pushdown.go).
func (s *Session) buildJoinLeft(j *ast.Join, outer *scope, own []ast.Expr) (*source, error) {
	if j.Kind == ast.RightJoin || j.Kind == ast.FullJoin {
		defer s.condsPreserved(false)()
	}
	return s.buildTableExpr(j.Left, outer, own)
}
