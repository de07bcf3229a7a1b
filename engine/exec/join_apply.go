package exec

import (
	"io"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// A view, derived table or CTE joined by a column (issue #5):
//
//	SELECT … FROM dbo.Orders o JOIN dbo.vCust v ON v.id = o.cust
//	  WHERE o.OrderID = 5
//
// ran the view whole once and hashed it (join_once.go): every customer
// read for one order. SQL Server pushes the join predicate into the view
// and seeks its base table once per outer row (a nested loop with an
// outer reference) when the outer side is small. applyJoin does the same.
//
// The right side compiles a second time, in a scope that holds the left
// row under names no T-SQL can spell (applyParams: qualifier "\x00applyN",
// column "\x00c<position>"), with ON's conjuncts given to it as a WHERE
// gives them (pushdown.go): a conjunct comparing a column of the right side
// with an expression of left columns goes into the query beneath, its left
// columns renamed. A view sees only that scope (never the enclosing
// query's); a derived table or CTE sees it in front of its usual one.
// Opened with the left row as its outer row, that plan returns the right
// rows for that left row, which ON still judges.
//
// It is kept only when the compile shows it cheap per row (applyWatch):
// some base table beneath is sought by a value of the left row, and none
// is read whole (a scan per left row would cost more than the hash). At
// each open the left side is read ahead up to the rows at which the seeks
// cost as much as reading those tables once (applyLimit); a left side that
// ends within them runs the apply, a larger one the hash join, given the
// rows read ahead first.

// applyPrefix begins the qualifier of an apply join's left row.
const applyPrefix = "\x00apply"

// applyParams is the left row of an apply join as its right side sees it.
type applyParams struct {
	qual string
	left *scope // the left side's scope: the names ON writes
}

// applyQualifier is the qualifier of the apply join's left row that e
// reads, "" for none.
func applyQualifier(e ast.Expr) string {
	q := ""
	ast.Inspect(e, func(n ast.Node) bool {
		if cr, ok := n.(*ast.ColumnRef); ok && q == "" && len(cr.Name.Parts) == 2 && strings.HasPrefix(cr.Name.Part(1), applyPrefix) {
			q = cr.Name.Part(1)
		}
		return q == ""
	})
	return q
}

// paramScope is the scope the right side compiles in: the left row's
// columns renamed, then outer.
func (p *applyParams) paramScope(outer *scope) *scope {
	sc := &scope{outer: outer, apply: p}
	for _, c := range p.left.cols {
		if c.hidden {
			continue
		}
		c.qual, c.name, c.schema, c.db = p.qual, paramName(c.idx), "", ""
		c.exactName, c.qualifiedOnly, c.noStar = false, false, true
		sc.cols = append(sc.cols, c)
	}
	return sc
}

func paramName(idx int) string { return "\x00c" + itoa(idx) }

// leftColumn reports whether cr names a column of the left row.
func (p *applyParams) leftColumn(cr *ast.ColumnRef) (scopeCol, bool) {
	c, found, err := p.left.find(cr.Name)
	if err != nil || !found || c.hidden {
		return scopeCol{}, false
	}
	return c, true
}

// subst is e with its references to left columns renamed to the right
// side's names for them; e holds only the forms portable accepts.
func (p *applyParams) subst(e ast.Expr) ast.Expr {
	switch x := e.(type) {
	case *ast.ColumnRef:
		if c, ok := p.leftColumn(x); ok {
			return &ast.ColumnRef{Span: x.Span, Name: &ast.Name{Span: x.Name.Span, Parts: []*ast.Ident{{Name: p.qual}, {Name: paramName(c.idx)}}}}
		}
		return x
	case *ast.ParenExpr:
		cp := *x
		cp.X = p.subst(x.X)
		return &cp
	case *ast.UnaryExpr:
		cp := *x
		cp.X = p.subst(x.X)
		return &cp
	case *ast.BinaryExpr:
		cp := *x
		cp.X, cp.Y = p.subst(x.X), p.subst(x.Y)
		return &cp
	case *ast.CastExpr:
		cp := *x
		cp.X = p.subst(x.X)
		return &cp
	case *ast.ConvertExpr:
		cp := *x
		cp.X = p.subst(x.X)
		if x.Style != nil {
			cp.Style = p.subst(x.Style)
		}
		return &cp
	case *ast.FuncCall:
		cp := *x
		cp.Args = make([]ast.Expr, len(x.Args))
		for i, a := range x.Args {
			cp.Args[i] = p.subst(a)
		}
		return &cp
	}
	return e
}

// applyWatch counts, while an apply join's right side compiles with the
// left row's conjuncts, how it reads its base tables.
type applyWatch struct {
	qual  string
	seeks []applySeek // tables sought by a value of the left row
	scans int         // tables (or table variables, functions) read whole
	// claimed: the compile with the pushed conjuncts began (claimApply);
	// unclaimed, nothing went in and the counts include the probe's.
	claimed bool
	prev    *applyWatch
}

type applySeek struct {
	tr *tableRef
	ap *accessPath
}

// noteApplyRead records, for the apply join whose right side is compiling,
// a base table read by ap (nil: a scan).
func (s *Session) noteApplyRead(tr *tableRef, ap *accessPath) {
	if s.batch == nil {
		return
	}
	for w := s.batch.applyWatch; w != nil; w = w.prev {
		switch {
		case ap == nil:
			w.scans++
		case ap.apply != "" && ap.apply == w.qual:
			w.seeks = append(w.seeks, applySeek{tr: tr, ap: ap})
		}
	}
}

// noteApplyScan records a source read whole (a table variable, a function,
// a system view) for the apply join whose right side is compiling.
func (s *Session) noteApplyScan() {
	if s.batch != nil {
		for w := s.batch.applyWatch; w != nil; w = w.prev {
			w.scans++
		}
	}
}

// applyTarget reports whether te is a source applyJoin serves: a derived
// table, or a name of a CTE (not recursive) or a user view.
func (s *Session) applyTarget(te ast.TableExpr) bool {
	switch t := te.(type) {
	case *ast.ParenTable:
		return s.applyTarget(t.Table)
	case *ast.DerivedTable:
		return true
	case *ast.TableName:
		if t.SystemTime != nil || len(t.Hints) > 0 {
			return false
		}
		if len(t.Name.Parts) == 1 {
			if cte := s.lookupCTE(t.Name.Last()); cte != nil {
				return !cte.recursiveOrBuilt()
			}
		}
		_, isTable, err := s.resolveTable(t.Name)
		return err == nil && !isTable && s.isUserView(t.Name)
	}
	return false
}

// derivedJoin builds an INNER or LEFT JOIN of left with rightTE, a
// source that needs onceJoin: the hash join, or with it, when the right side
// is a view, derived table or CTE that the left row's values seek, the
// apply described above. where are onceJoin's.
//
// The hash join compiles first; when the conditions on the right side
// alone seek every table it reads (nothing read whole: a key the WHERE
// fixes), it is kept alone, as it reads no more than one apply would.
// A compile that is dropped gives back its charge to the statement's
// budget of table sources (fromlimit.go).
func (s *Session) derivedJoin(left *source, rightTE ast.TableExpr, kind ast.JoinKind, on ast.Expr, outer *scope, where []ast.Expr) (*source, error) {
	if on == nil || s.batch == nil || s.push.probing || !s.applyTarget(rightTE) {
		return s.onceJoin(left, rightTE, kind, on, outer, where) // join_once.go
	}
	b := s.batch
	replay := &replayLeft{src: left}
	ow := s.watchApply("")
	once, err := s.onceJoin(&source{sc: left.sc, masks: left.masks, open: replay.open}, rightTE, kind, on, outer, where)
	s.unwatchApply(ow)
	if err != nil || ow.claimed && ow.scans == 0 {
		return once, err
	}
	cost := s.fromCost
	b.applyN++
	params := &applyParams{qual: applyPrefix + itoa(b.applyN), left: left.sc}
	w := s.watchApply(params.qual)
	right, err := s.buildTableExpr(rightTE, params.paramScope(outer), append(conjuncts(on), where...))
	s.unwatchApply(w)
	if err != nil || !w.claimed || len(w.seeks) == 0 || w.scans > 0 || right.sc.width() != once.sc.width()-left.sc.width() {
		s.fromCost = cost
		return once, nil
	}
	combined := concatScopes(left.sc, right.sc)
	combined.outer = outer
	onPred, err := (&compiler{s: s, sc: combined}).pred(on)
	if err != nil {
		s.fromCost = cost
		return once, nil
	}
	a := &applyJoinPlan{s: s, left: left, right: right, once: once, replay: replay, seeks: w.seeks,
		on: onPred, leftOuter: kind == ast.LeftJoin, rw: right.sc.width()}
	return &source{sc: combined, masks: append(joinMasks(left, right), once.masks...), open: a.open}, nil
}

// watchApply starts counting the reads of a right side about to compile
// (qual: its apply join's left row, "" for a hash join's); the watches
// around it count them too.
func (s *Session) watchApply(qual string) *applyWatch {
	w := &applyWatch{qual: qual, prev: s.batch.applyWatch}
	s.batch.applyWatch = w
	return w
}

func (s *Session) unwatchApply(w *applyWatch) { s.batch.applyWatch = w.prev }

// claimApply, called by pushedDerived just before it compiles a query with
// the conjuncts it gives it, starts the innermost watch afresh if nothing
// has claimed it: what the probe compile read does not count.
func (s *Session) claimApply() {
	if w := s.batch.applyWatch; w != nil && !w.claimed {
		w.claimed, w.seeks, w.scans = true, nil, 0
	}
}

// replayLeft is the left side of the hash join an apply join falls back
// to: the rows it read ahead, then the rest.
type replayLeft struct {
	src     *source
	pending rowIter
}

func (r *replayLeft) open(ec *evalCtx) (rowIter, error) {
	if it := r.pending; it != nil {
		r.pending = nil
		return it, nil
	}
	return r.src.open(ec)
}

// applyJoinPlan chooses at each open between the apply and the hash join.
type applyJoinPlan struct {
	s           *Session
	left, right *source // right compiled with the left row as its outer row
	once        *source // the hash join (join_once.go) over replay
	replay      *replayLeft
	seeks       []applySeek
	on          pred
	leftOuter   bool
	rw          int
}

func (a *applyJoinPlan) open(ec *evalCtx) (rowIter, error) {
	li, err := a.left.open(ec)
	if err != nil {
		return nil, err
	}
	limit, err := a.limit(ec)
	if err != nil {
		li.Close()
		return nil, err
	}
	rows, small, err := readLeftAhead(li, limit) // join_seek_or_hash.go
	if err != nil {
		li.Close()
		return nil, err
	}
	rest := &replayIter{rows: rows, it: li}
	if !small {
		a.replay.pending = rest
		it, err := a.once.open(ec)
		if a.replay.pending != nil { // not opened: the join failed first
			a.replay.pending = nil
			li.Close()
		}
		return it, err
	}
	return applyRows(ec, rest, a.right, a.on, a.leftOuter, a.rw), nil
}

// limit is how many left rows the apply serves: the seeks' cost per left
// row (a seek costs about a dozen scanned rows, semijoin.go, and each row
// it finds one more, or a lookup's worth, seektip.go, when a nonclustered
// index needs one) against reading the sought tables once. Without
// statistics, smallSideRows (join_small.go).
func (a *applyJoinPlan) limit(ec *evalCtx) (int, error) {
	var perRow, whole float64
	for _, sk := range a.seeks {
		if sk.ap.pointRead() {
			perRow += semiRowsPerSeek
			rows, ok := ApproxRows(sk.tr.db, sk.tr.t.RowStore().StoreID)
			if !ok {
				return smallSideRows, nil
			}
			whole += float64(rows)
			continue
		}
		perKey, rows, ok, err := a.s.keyEstimate(ec, sk.tr, sk.ap) // join_small_stats.go
		if err != nil || !ok {
			return smallSideRows, err
		}
		if sk.ap.ix.IndexID == 1 {
			perRow += semiRowsPerSeek + perKey
		} else {
			perRow += semiRowsPerSeek + perKey*lookupRows
		}
		whole += rows
	}
	n := whole / max(perRow, 1)
	return int(min(max(n, smallSideRows), smallSideMax)), nil
}

// applyRows joins each row of li with the rows right opens for it (its
// outer row) that on admits; a LEFT JOIN keeps a left row none matches.
func applyRows(ec *evalCtx, li rowIter, right *source, on pred, leftOuter bool, rw int) rowIter {
	var ri rowIter
	var lrow Row
	matched := false
	return &funcIter{next: func() (Row, error) {
		for {
			if ri == nil {
				var err error
				if lrow, err = li.Next(); err != nil {
					return nil, err // io.EOF ends the join
				}
				if ri, err = right.open(ec.with(lrow)); err != nil {
					return nil, err
				}
				matched = false
			}
			rrow, err := ri.Next()
			if err == io.EOF {
				ri.Close()
				ri = nil
				if leftOuter && !matched {
					return joinRow(lrow, nil, rw), nil
				}
				continue
			}
			if err != nil {
				return nil, err
			}
			row := joinRow(lrow, rrow, rw)
			if ok, err := on.admits(ec, row); err != nil {
				return nil, err
			} else if !ok {
				continue
			}
			matched = true
			return row, nil
		}
	}, close: func() {
		if ri != nil {
			ri.Close()
		}
		li.Close()
	}}
}
