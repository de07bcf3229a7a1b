package exec

import (
	"bytes"
	"io"
	"slices"
	"sort"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Multiple seeks: `WHERE cat IN (1, 2, 3)`, `WHERE cat = 1 OR cat = 2` and
// `WHERE id BETWEEN 100 AND 105 OR id = 40000` read one range of an index
// per alternative — SQL Server's seek with several seek predicates, "Scan
// count 3" — instead of the whole table. Every alternative must seek the
// same index (with the WHERE's other conjuncts, which narrow each range);
// one that cannot leaves the query to the single-range choice. The ranges
// are evaluated when the statement runs (parameters, variables), sorted
// and merged where they overlap, so a row two alternatives both reach is
// read once, and read in key order (backward for a reversed ORDER BY); the
// WHERE still filters every row read.

// maxSeekAlts bounds the alternatives one multiple seek evaluates per run.
const maxSeekAlts = 1024

// keyRange is one evaluated range [lo, hi) of an index (hi nil: to the
// end); point: it is one whole clustered unique key, read by key.
type keyRange struct {
	lo, hi []byte
	point  bool
}

// altBound is the bound of an IN list or an OR whose every alternative
// has a bound of its own (seekBounds of its conjuncts).
func (s *Session) altBound(sc *scope, cnd ast.Expr) (bound, bool) {
	alts := disjuncts(cnd)
	if len(alts) == 0 || len(alts) > maxSeekAlts {
		return bound{}, false
	}
	b := bound{col: -1, alts: make([][]bound, len(alts))}
	for i, alt := range alts {
		if b.alts[i] = plainBounds(s.seekBounds(sc, alt)); len(b.alts[i]) == 0 {
			return bound{}, false
		}
	}
	return b, true
}

// plainBounds drops the IN / OR bounds and the semi-joins (semijoin.go) of
// bs: an alternative's own IN list is left to the filter.
func plainBounds(bs []bound) []bound {
	out := bs[:0:0]
	for _, b := range bs {
		if b.alts == nil && b.semi == nil {
			out = append(out, b)
		}
	}
	return out
}

// chooseMulti is chooseAccess's last step: a multiple seek on one IN / OR
// bound replaces best when every alternative, with the other conjuncts'
// bounds, seeks one and the same index better than best does (and reads
// no more lookups than best: see below).
func chooseMulti(t *catalog.Table, bounds []bound, best *accessPath) *accessPath {
	var plain []bound
	for _, ab := range bounds {
		if ab.alts == nil {
			continue
		}
		if plain == nil {
			plain = plainBounds(bounds)
		}
		var paths []*accessPath
		var ix *catalog.Index
		score, points := -1, true
		for _, alt := range ab.alts {
			p := chooseAccess(t, append(append([]bound(nil), plain...), alt...))
			if p == nil || p.alts != nil || ix != nil && p.ix != ix {
				paths = nil
				break
			}
			ix, points = p.ix, points && p.ix.Unique && len(p.eq) == len(p.ix.Columns)
			if score < 0 || p.score < score {
				score = p.score
			}
			paths = append(paths, p)
		}
		// Without row counts, a single range that seeks at all is kept
		// against alternatives that each look rows up through a
		// nonclustered index: cat IN (4, 5) AND id < 1000 stays a range of
		// the clustered key rather than 2 × 200 lookups.
		if paths != nil && (best == nil || score > best.score && (ix.IndexID == 1 || points)) {
			best = &accessPath{ix: ix, alts: paths, score: score}
		}
	}
	return best
}

// disjuncts splits an IN list or an OR into its alternatives, each a list
// of conjuncts; nil when e is neither (or an IN over a subquery, NOT IN).
func disjuncts(e ast.Expr) [][]ast.Expr {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return disjuncts(x.X)
	case *ast.InExpr:
		if x.Not || x.Query != nil || len(x.List) == 0 {
			return nil
		}
		out := make([][]ast.Expr, len(x.List))
		for i, v := range x.List {
			out[i] = []ast.Expr{&ast.BinaryExpr{Op: ast.OpEq, X: x.X, Y: v}}
		}
		return out
	case *ast.BinaryExpr:
		if x.Op != ast.OpOr {
			return nil
		}
		var out [][]ast.Expr
		for _, side := range []ast.Expr{x.X, x.Y} {
			if d := disjuncts(side); d != nil {
				out = append(out, d...)
			} else {
				out = append(out, conjuncts(side))
			}
		}
		return out
	}
	return nil
}

// openMulti reads ap's alternatives' ranges one after another.
func (s *Session) openMulti(ec *evalCtx, tr *tableRef, ap *accessPath, mask *colMask, reverse bool) (rowIter, error) {
	rs := make([]keyRange, 0, len(ap.alts))
	for _, a := range ap.alts {
		lo, hi, empty, ok := a.seekRange(ec, tr.t)
		if empty {
			continue // col = NULL: no row
		}
		if !ok {
			return s.openSeekScan(ec, tr, mask, reverse) // a value that does not convert exactly: scan
		}
		point := a.ix.IndexID == 1 && a.ix.Unique && len(a.eq) == len(a.ix.Columns)
		rs = append(rs, keyRange{lo: lo, hi: hi, point: point})
	}
	return s.openRanges(ec, tr, ap.ix, rs, mask, reverse), nil
}

// openRanges reads ranges rs of index ix one after another, merged where
// they overlap, in key order (reverse: backward).
func (s *Session) openRanges(ec *evalCtx, tr *tableRef, ix *catalog.Index, rs []keyRange, mask *colMask, reverse bool) rowIter {
	rs = mergeRanges(rs)
	if len(rs) == 0 {
		return &sliceIter{}
	}
	if reverse {
		slices.Reverse(rs)
	}
	return &multiIter{open: func(i int) (rowIter, error) {
		return s.openPath(ec, tr, &accessPath{ix: ix, fixed: &rs[i]}, mask, reverse)
	}, n: len(rs)}
}

// mergeRanges sorts rs by start and joins the ranges that overlap; ranges
// that only touch (cat IN (1, 2): the end of 1 is the start of 2) stay
// apart, one scan each, as SQL Server counts them.
func mergeRanges(rs []keyRange) []keyRange {
	sort.Slice(rs, func(i, j int) bool { return bytes.Compare(rs[i].lo, rs[j].lo) < 0 })
	out := rs[:0]
	for _, r := range rs {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.hi == nil || bytes.Compare(r.lo, last.hi) < 0 {
				if last.hi != nil && (r.hi == nil || bytes.Compare(r.hi, last.hi) > 0) {
					last.hi = r.hi
				}
				last.point = last.point && r.point && bytes.Equal(r.lo, last.lo) && bytes.Equal(r.hi, last.hi)
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// multiIter chains the n ranges' iterators, opening each when the previous
// one ends.
type multiIter struct {
	open func(i int) (rowIter, error)
	n, i int
	cur  rowIter
}

func (m *multiIter) Next() (Row, error) {
	for {
		if m.cur == nil {
			if m.i >= m.n {
				return nil, io.EOF
			}
			it, err := m.open(m.i)
			if err != nil {
				return nil, err
			}
			m.cur, m.i = it, m.i+1
		}
		r, err := m.cur.Next()
		if err == io.EOF {
			m.cur.Close()
			m.cur = nil
			continue
		}
		return r, err
	}
}

func (m *multiIter) Close() {
	if m.cur != nil {
		m.cur.Close()
		m.cur = nil
	}
}
