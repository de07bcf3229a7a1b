package exec

import (
	"errors"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Semi-join seeks (issue #5): `WHERE id IN (SELECT big_id FROM small)`,
// EF Core 8's `WHERE id IN (SELECT value FROM OPENJSON(@ids))` and
// `WHERE EXISTS (SELECT 1 FROM small s WHERE s.big_id = b.id)` read the
// subquery's values once and seek the outer table once per distinct value
// — SQL Server's semi-join driven from the small side — instead of reading
// every outer row (and, for the EXISTS, probing small per outer row).
//
// The seek only chooses which rows are read: the WHERE still judges every
// row it reads (the IN against the same kept values, the EXISTS by its
// per-row probe), so a value that reaches a row the predicate rejects
// costs a read, never a wrong row. What the seek must never do is miss a
// row the predicate accepts; hence the conditions below: the subquery is
// uncorrelated (run once, subquery_once.go), NULLs are skipped (IN and =
// never match them: the predicate compares a subquery's column, which
// ANSI_NULLS OFF does not change), a value that does not convert exactly
// to the column's type leaves the whole read to a scan (seekRange), and
// the EXISTS form seeks only where its equality compares under the
// outer column's collation.
//
// NOT IN and NOT EXISTS keep scanning: their NULL semantics make a row's
// absence from the values the reason it qualifies.

// semiBound is a bound (col -1) standing for a semi-join on column col:
// col equals one of sub's first column's values.
type semiBound struct {
	col     int
	sub     *subplan
	ordered bool // subqueryValues sorts the values (as IN's filter asks)
	coll    types.Collation
}

// semiSeek is an access path's run-time part: tmpl is the seek with eq[slot]
// a placeholder each value fills.
type semiSeek struct {
	b    *semiBound
	tmpl *accessPath
	slot int
}

// semiFreeSeeks values are always sought: 64 point reads cost about what
// reading 800 rows of a scan does (a point read is worth a dozen scanned
// rows, adaptjoin.go), little even against a one-page table.
const semiFreeSeeks = 64

// semiRowsPerSeek is what one seek costs in scanned rows (adaptjoin.go's
// ratio). Above semiFreeSeeks values the table's row store is counted, up
// to semiRowsPerSeek per value, before choosing (see openSemi).
const semiRowsPerSeek = 12

// semiBound recognizes cnd as a semi-join on a column of the table in sc:
// col IN (uncorrelated subquery), or EXISTS (SELECT … FROM … WHERE
// inner.c = col [AND conditions on the subquery's own tables]).
func (s *Session) semiBound(sc *scope, cnd ast.Expr) (bound, bool) {
	switch x := unparen(cnd).(type) { // rawfilter.go
	case *ast.InExpr:
		if x.Not || x.Query == nil {
			return bound{}, false
		}
		cr, ok := x.X.(*ast.ColumnRef)
		if !ok {
			return bound{}, false
		}
		return s.semiInBound(sc, cr, x.Query, x.Query, false)
	case *ast.ExistsExpr:
		return s.semiExistsBound(sc, x.Query)
	}
	return bound{}, false
}

// semiCandidate reports whether cnd has a semi-join's shape; ownTableConds
// (join_drive.go) keeps it for a join's table, since semiBound itself
// makes sure that the column is the table's (depth 0 in its scope) and
// that the subquery reads nothing outside itself, so no name of a sibling
// can bind to an enclosing query's column.
func semiCandidate(cnd ast.Expr) bool {
	switch x := unparen(cnd).(type) { // rawfilter.go
	case *ast.InExpr:
		_, col := x.X.(*ast.ColumnRef)
		return col && !x.Not && x.Query != nil
	case *ast.ExistsExpr:
		return true
	}
	return false
}

// semiInBound compiles q, whose first column the table's column cr must
// equal, as a semi-join bound. share, when set, is the IN's subquery: the
// filter's copy of it keeps its values under the same key, so the
// subquery runs once for both. sameColl asks that a string comparison's
// collations agree (the EXISTS form: its filter compares under the inner
// column's collation when that is written first).
func (s *Session) semiInBound(sc *scope, cr *ast.ColumnRef, q, share *ast.Query, sameColl bool) (bound, bool) {
	local := &compiler{s: s, sc: sc}
	x, err := local.column(cr.Name)
	if err != nil || x.col < 0 || x.col >= len(sc.cols) {
		return bound{}, false
	}
	indep := &compiler{s: s, sc: &scope{outer: sc.outer}}
	sub, err := indep.subquery(q)
	if err != nil || !sub.once || len(sub.cols) != 1 {
		return bound{}, false
	}
	ct, vt := x.typ, sub.cols[0].typ
	if !semiComparable(ct) || !semiComparable(vt) || !seekConverts(ct, vt) { // seekconv.go
		return bound{}, false
	}
	if sameColl && (ct.ID.IsString() || vt.ID.IsString()) && (!ct.ID.IsString() || !vt.ID.IsString() || ct.Collation != vt.Collation) {
		return bound{}, false
	}
	sub.share = share
	return bound{col: -1, semi: &semiBound{col: x.col, sub: sub, ordered: searchable(ct, vt), coll: ct.Collation}}, true
}

// semiComparable reports whether values of t may seek: sql_variant
// compares by base-type family, and the large types do not compare.
func semiComparable(t types.Type) bool {
	switch t.ID {
	case types.SQLVariant, types.Text, types.NText, types.Image, types.XML:
		return false
	}
	return true
}

// semiExistsBound turns EXISTS (SELECT <unread> FROM f WHERE a = b AND
// rest) into col IN (SELECT b FROM f WHERE rest) when a is a column of
// the table in sc and b and rest read only f (the rewritten subquery is
// uncorrelated). A select list that is read (an aggregate makes the
// subquery return a row whatever the WHERE), TOP, GROUP BY, HAVING, a set
// operation or a WITH leave the EXISTS alone.
//
// f must be one table whose column b no index has, or a table-valued
// function (OPENJSON): then each outer row's probe reads what the
// rewritten subquery reads once (f under rest's own seek, if any), and
// reading it once can only cost less. Where an index has b the probe is
// a seek per outer row, and reading all of f instead — EF Core's
// customers.Where(c => c.Orders.Any()) over a large orders table and its
// foreign-key index — could cost far more: the EXISTS keeps its probe.
func (s *Session) semiExistsBound(sc *scope, q *ast.Query) (bound, bool) {
	core, ok := q.Body.(*ast.SelectCore)
	if !ok || q.With != nil || q.For != nil || q.Offset != nil || len(q.OrderBy) > 0 ||
		core.Top != nil || len(core.GroupBy) > 0 || core.Having != nil || core.Into != nil ||
		len(core.Windows) > 0 || len(core.From) != 1 || core.Where == nil || existsQuery(q) == q {
		return bound{}, false
	}
	conds := conjuncts(core.Where)
	for i, c := range conds {
		eq, ok := c.(*ast.BinaryExpr)
		if !ok || eq.Op != ast.OpEq {
			continue
		}
		for _, side := range [2][2]ast.Expr{{eq.X, eq.Y}, {eq.Y, eq.X}} {
			outer, ok1 := side[0].(*ast.ColumnRef)
			inner, ok2 := side[1].(*ast.ColumnRef)
			if !ok1 || !ok2 || !s.probeScans(core.From[0], inner) || s.resolvesInside(sc, core, outer) {
				continue
			}
			rest := append(append([]ast.Expr(nil), conds[:i]...), conds[i+1:]...)
			c2 := *core
			c2.Distinct = false
			c2.Items = []*ast.SelectItem{{Span: inner.Span, Expr: inner}}
			c2.Where = nil
			if len(rest) > 0 {
				c2.Where = andAll(rest) // from_comma.go
			}
			if b, ok := s.semiInBound(sc, outer, &ast.Query{Span: q.Span, Body: &c2}, nil, true); ok {
				return b, true
			}
		}
	}
	return bound{}, false
}

// probeScans reports whether an EXISTS probe of from by column cr cannot
// seek: from is a table-valued function, or a base table (not a CTE) none
// of whose indexes has cr's column among its keys.
func (s *Session) probeScans(from ast.TableExpr, cr *ast.ColumnRef) bool {
	switch t := from.(type) {
	case *ast.TableFunc:
		return true
	case *ast.TableName:
		if t.SystemTime != nil || len(t.Name.Parts) == 1 && s.lookupCTE(t.Name.Last()) != nil {
			return false
		}
		tr, ok, err := s.resolveTableName(t.Name)
		if err != nil || !ok {
			return false // a view, a synonym: its tables may be sought
		}
		col := -1
		for i, c := range tr.t.Columns {
			if strings.EqualFold(c.Name, cr.Name.Last()) {
				col = i
			}
		}
		if col < 0 {
			return false
		}
		for _, ix := range tr.t.Indexes {
			for _, kc := range ix.Columns {
				if kc.Column == col {
					return false
				}
			}
		}
		return true
	}
	return false
}

// resolvesInside reports whether name cr, written inside core, binds to
// one of core's own FROM sources (or cannot be told): only a name that
// core's FROM does not have (207, 4104) reaches the table outside.
func (s *Session) resolvesInside(sc *scope, core *ast.SelectCore, cr *ast.ColumnRef) bool {
	c2 := *core
	c2.Items = []*ast.SelectItem{{Span: cr.Span, Expr: cr}}
	c2.Where, c2.Distinct = nil, false
	// Compiled where the outer table is not in scope: the name resolves in
	// core's FROM or fails. A watch keeps the enclosing subqueries' watches
	// from counting these references (it is discarded).
	w := &subqWatch{barrier: true, prev: s.subqWatch}
	s.subqWatch = w
	_, err := s.buildQuery(&ast.Query{Body: &c2}, &scope{}, nil)
	s.subqWatch = w.prev
	var e *Error
	if err != nil && errors.As(err, &e) && (e.Number == 207 || e.Number == 4104) {
		return false
	}
	return true
}

// chooseSemi is chooseAccessAmong's last step: when nothing else seeks, a
// semi-join bound whose column, with the other conjuncts' bounds, seeks
// one of indexes is the path. A seek of the table's own (id BETWEEN 1 AND
// 10, cat = 5) is kept whatever the semi-join's score: its cost does not
// grow with the subquery's values, which are known only when it runs, and
// the WHERE's IN then judges the few rows it reads against the kept values.
func chooseSemi(t *catalog.Table, indexes []*catalog.Index, bounds []bound, best *accessPath) *accessPath {
	if best != nil {
		return best
	}
	var plain []bound
	for _, sb := range bounds {
		if sb.semi == nil {
			continue
		}
		if plain == nil {
			plain = plainBounds(bounds)
		}
		ph := &expr{typ: t.Columns[sb.semi.col].Type, col: -1, eval: func(*evalCtx, Row) (types.Value, error) {
			return types.Value{}, errSemiPlaceholder // openSemi fills it; never evaluated
		}}
		p := chooseAccessAmong(t, indexes, append(append([]bound(nil), plain...), bound{col: sb.semi.col, op: ast.OpEq, val: ph}))
		if p == nil || p.alts != nil || p.semi != nil || p.scan {
			continue
		}
		slot := -1
		for i, e := range p.eq {
			if e == ph {
				slot = i
			}
		}
		if slot < 0 {
			continue // the best seek does not use the semi-join's column
		}
		if best == nil || p.score > best.score {
			best = &accessPath{ix: p.ix, score: p.score, semi: &semiSeek{b: sb.semi, tmpl: p, slot: slot}}
		}
	}
	return best
}

var errSemiPlaceholder = errors.New("semi-join seek value read outside openSemi")

// openSemi reads the table through a semi-join path: the subquery's values
// (kept for the statement, shared with the WHERE's IN), one range per
// distinct non-NULL value, merged and read in key order as a multiple seek
// (multiseek.go) reads an IN list's.
//
// Without row counts the choice is made here, with the values known: up to
// semiFreeSeeks values always seek. Beyond that the row store's keys are
// counted (without reading rows, outside SET STATISTICS IO: it is the
// planner's look, not the query's read) up to semiRowsPerSeek per value:
// a table that has that many rows costs at least as much to scan as the
// seeks do, so they are chosen; one that has fewer is scanned. Either way
// the count read no more than the cheaper plan's cost, so the choice costs
// at most twice what the better plan would.
func (s *Session) openSemi(ec *evalCtx, tr *tableRef, ap *accessPath, mask *colMask, reverse bool) (rowIter, error) {
	sm := ap.semi
	r, err := ec.subqueryValues(sm.b.sub, nil, sm.b.ordered, sm.b.coll)
	if err != nil {
		return nil, err
	}
	scan := func() (rowIter, error) {
		s.noteRead(tr, nil) // stats_usage.go
		// Locked as the seeks would be (seek_scan_locks.go).
		return s.openSeekScan(ec, tr, mask, reverse)
	}
	n := 0
	for _, v := range r.values {
		if !v.IsNull() {
			n++
		}
	}
	if n > semiFreeSeeks {
		big, err := s.rowsAtLeast(tr, n*semiRowsPerSeek)
		if err != nil {
			return nil, err
		}
		if !big {
			return scan()
		}
	}
	rs := make([]keyRange, 0, n)
	p := *sm.tmpl
	p.eq = append([]*expr(nil), sm.tmpl.eq...)
	ct := tr.t.Columns[sm.b.col].Type
	for _, v := range r.values {
		if v.IsNull() {
			continue // = never matches NULL
		}
		p.eq[sm.slot] = constExpr(v, ct)
		lo, hi, empty, ok := p.seekRange(ec, tr.t)
		if empty {
			continue
		}
		if !ok {
			return scan() // a value that does not convert exactly: the filter decides every row
		}
		rs = append(rs, keyRange{lo: lo, hi: hi, point: p.pointRead()})
	}
	s.noteRead(tr, sm.tmpl)
	return s.openRanges(ec, tr, sm.tmpl.ix, rs, mask, reverse), nil // multiseek.go
}

// rowsAtLeast reports whether tr's row store holds at least n rows: the
// database's maintained figure when it has one (ApproxRows, rowcount.go:
// no I/O), else counting keys (values are not fetched) and stopping at n.
func (s *Session) rowsAtLeast(tr *tableRef, n int) (bool, error) {
	if rows, ok := ApproxRows(tr.db, tr.t.RowStore().StoreID); ok {
		return rows >= int64(n), nil
	}
	it, err := s.plainReader(tr.db).NewIterator(tr.t.RowStore().StoreID, nil, nil, false, storage.Latest)
	if err != nil {
		return false, err
	}
	defer it.Close()
	for i := 0; i < n; i++ {
		if !it.Next() {
			return false, it.Err()
		}
	}
	return true, nil
}
