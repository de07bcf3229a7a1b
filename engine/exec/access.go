package exec

import (
	"cmp"
	"context"
	"io"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// conjuncts splits a search condition on AND.
func conjuncts(e ast.Expr) []ast.Expr {
	if e == nil {
		return nil
	}
	switch x := e.(type) {
	case *ast.ParenExpr:
		return conjuncts(x.X)
	case *ast.BinaryExpr:
		if x.Op == ast.OpAnd {
			return append(conjuncts(x.X), conjuncts(x.Y)...)
		}
	}
	return []ast.Expr{e}
}

// bound is a comparison of a table column with a value that does not depend on
// the table's own row: a candidate for an index seek.
type bound struct {
	col int
	op  ast.BinaryOp
	val *expr
	// alts, for an IN list or an OR (col -1), are its alternatives' bounds
	// (multiseek.go).
	alts [][]bound
	// semi, for IN (subquery) or EXISTS (col -1), is a semi-join on a
	// column (semijoin.go).
	semi *semiBound
	// free: val names no column (constants, variables, parameters), so
	// it is the same for every row of an enclosing query and the
	// statistics may estimate the seek (seektip.go).
	free bool
	// apply is the qualifier of the apply join's left row that val reads
	// (join_apply.go), "" for none.
	apply string
}

// seekBounds finds col op value conjuncts for the table in sc (depth 0).
func (s *Session) seekBounds(sc *scope, conds []ast.Expr) []bound {
	// Taken by this call alone: a subquery planned inside it (semiBound)
	// does not see it (ansinulls_seek.go).
	nullFree := s.dml.seekNullFree
	s.dml.seekNullFree = false
	var out []bound
	indep := &compiler{s: s, sc: &scope{outer: sc.outer}}
	local := &compiler{s: s, sc: sc}
	for _, cnd := range conds {
		if b, ok := s.semiBound(sc, cnd); ok { // semijoin.go
			out = append(out, b)
			continue
		}
		b, ok := cnd.(*ast.BinaryExpr)
		if !ok {
			switch x := cnd.(type) {
			case *ast.ParenExpr:
				out = append(out, s.seekBounds(sc, []ast.Expr{x.X})...)
			case *ast.InExpr:
				if b, ok := s.altBound(sc, cnd); ok { // multiseek.go
					out = append(out, b)
				}
			case *ast.BetweenExpr:
				// c BETWEEN lo AND hi is c >= lo AND c <= hi: a range seek, not a
				// scan. The predicate itself still filters the rows.
				if !x.Not {
					out = append(out, s.seekBounds(sc, []ast.Expr{
						&ast.BinaryExpr{Op: ast.OpGe, X: x.X, Y: x.Low},
						&ast.BinaryExpr{Op: ast.OpLe, X: x.X, Y: x.High},
					})...)
				}
			}
			continue
		}
		op := b.Op
		if op == ast.OpOr {
			if b, ok := s.altBound(sc, cnd); ok { // multiseek.go
				out = append(out, b)
			}
			continue
		}
		switch op {
		case ast.OpEq, ast.OpLt, ast.OpLe, ast.OpGt, ast.OpGe:
		default:
			continue
		}
		// c = @v may match NULLs (ansinulls.go): no seek, unless c is never
		// NULL and the caller allows it (ansinulls_seek.go).
		nullMatch := op == ast.OpEq && !s.Opts.AnsiNulls && (ansiNullsOperand(b.X) || ansiNullsOperand(b.Y))
		if nullMatch && !nullFree {
			continue
		}
		try := func(colSide, valSide ast.Expr, op ast.BinaryOp) bool {
			cr, ok := colSide.(*ast.ColumnRef)
			if !ok {
				return false
			}
			x, err := local.column(cr.Name)
			if err != nil || x.col < 0 {
				return false
			}
			if nullMatch && !sc.columnNotNull(x.col) {
				return true // a NULL @v matches this column's NULLs: no seek
			}
			v, err := indep.expr(valSide)
			if err != nil {
				return false
			}
			if !seekConverts(x.typ, v.typ) { // seekconv.go
				return true // the column converts to the value's type: no seek either way round
			}
			if !seekCollates(x, v) { // collation_precedence.go
				return true // compared under another collation than the index's
			}
			out = append(out, bound{col: x.col, op: op, val: v, free: !namesColumn(valSide), apply: applyQualifier(valSide)})
			return true
		}
		if !try(b.X, b.Y, op) {
			try(b.Y, b.X, flipOp(op))
		}
	}
	return out
}

// flipOp is comparison op with its sides swapped (a < b is b > a).
func flipOp(op ast.BinaryOp) ast.BinaryOp {
	switch op {
	case ast.OpLt:
		return ast.OpGt
	case ast.OpLe:
		return ast.OpGe
	case ast.OpGt:
		return ast.OpLt
	case ast.OpGe:
		return ast.OpLe
	}
	return op
}

// accessPath is the chosen way to read a table: an index and how many of its
// leading key columns are fixed by equality, plus an optional range on the next.
type accessPath struct {
	ix    *catalog.Index
	eq    []*expr
	rng   []bound // bounds on the column after the equality prefix
	score int
	// alts, when set, are the paths of an IN list's or an OR's alternatives
	// on ix, read one range after another (multiseek.go); fixed is one such
	// range, evaluated.
	alts  []*accessPath
	fixed *keyRange
	scan  bool      // a whole nonclustered index read in key order: INDEX (ix) with nothing to seek (index_hint.go)
	semi  *semiSeek // a seek per value of a semi-join's subquery (semijoin.go)
	// correlated: a value it seeks names a column (an outer query's, a
	// join's other table): no estimate from the statistics (seektip.go).
	correlated bool
	// apply: a value it seeks is an apply join's left row's (its bound's
	// apply; join_apply.go).
	apply string
}

func chooseAccess(t *catalog.Table, bounds []bound) *accessPath {
	return chooseAccessAmong(t, t.Indexes, bounds)
}

// chooseAccessAmong is the best seek of one of indexes (of t) bounds
// allow, or nil.
func chooseAccessAmong(t *catalog.Table, indexes []*catalog.Index, bounds []bound) *accessPath {
	var best *accessPath
	for _, ix := range indexes {
		if ix.IsHeap() || ix.Filter != "" || ix.Disabled { // a filtered index lacks the rows outside its filter, a disabled one every row
			continue
		}
		ap := &accessPath{ix: ix}
		for _, kc := range ix.Columns {
			var eq *expr
			for _, b := range bounds {
				if b.col == kc.Column && b.op == ast.OpEq {
					eq = b.val
					ap.correlated = ap.correlated || !b.free
					ap.apply = cmp.Or(ap.apply, b.apply)
					break
				}
			}
			if eq == nil {
				if !kc.Desc {
					for _, b := range bounds {
						if b.col == kc.Column && b.op != ast.OpEq {
							ap.rng = append(ap.rng, b)
							ap.correlated = ap.correlated || !b.free
							ap.apply = cmp.Or(ap.apply, b.apply)
						}
					}
				}
				break
			}
			ap.eq = append(ap.eq, eq)
		}
		ap.score = len(ap.eq) * 4
		if len(ap.rng) > 0 {
			ap.score += 2
		}
		if ap.score == 0 {
			continue
		}
		if ix.Unique && len(ap.eq) == len(ix.Columns) {
			ap.score += 3
		}
		if ix.IndexID == 1 {
			ap.score++ // clustered: no lookup per row
		}
		if best == nil || ap.score > best.score {
			best = ap
		}
	}
	return chooseSemi(t, indexes, bounds, chooseMulti(t, bounds, best)) // multiseek.go, semijoin.go
}

// prefixEnd is the smallest key greater than every key starting with p.
func prefixEnd(p []byte) []byte {
	return prefixEndIn(nil, p)
}

// prefixEndIn is prefixEnd appended to dst (nil when there is none: p is
// empty or all 0xFF).
func prefixEndIn(dst, p []byte) []byte {
	end := append(dst, p...)[len(dst):]
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xFF {
			end[i]++
			return end[: i+1 : i+1]
		}
	}
	return nil
}

// seekKeyBuf is a buffer for a seek's key and its end, one allocation for
// both: twice types.AppendKey's own estimate of the key's length.
func seekKeyBuf(vals []types.Value) []byte {
	n := 2
	for _, v := range vals {
		n += 10 + 2*len(v.Str())
	}
	return make([]byte, 0, 2*n)
}

// seekRange evaluates the access path's values and returns the key range, or
// ok=false when a value does not convert exactly to the column type (then the
// caller scans; the WHERE filter decides).
func (ap *accessPath) seekRange(ec *evalCtx, t *catalog.Table) (lo, hi []byte, empty, ok bool) {
	if ap.fixed != nil {
		return ap.fixed.lo, ap.fixed.hi, false, true // one range of a multiple seek (multiseek.go)
	}
	n := len(ap.eq)
	// On the stack for keys of up to four columns: a point read runs this
	// once per statement, an index nested-loop join once per outer row.
	var valsBuf [4]types.Value
	var typsBuf [4]types.Type
	var descBuf [4]bool
	vals, typs, desc := valsBuf[:0], typsBuf[:0], descBuf[:0]
	for i, e := range ap.eq {
		kc := ap.ix.Columns[i]
		ct := t.Columns[kc.Column].Type
		v, err := e.eval(ec, nil)
		if err != nil {
			return nil, nil, false, false
		}
		if v.IsNull() {
			return nil, nil, true, true // col = NULL is never true
		}
		cv, ok := exactConvert(v, ct)
		if !ok {
			return nil, nil, false, false
		}
		vals, typs, desc = append(vals, cv), append(typs, ct), append(desc, kc.Desc)
	}
	prefix, err := types.AppendKey(seekKeyBuf(vals), vals, typs, desc)
	if err != nil {
		return nil, nil, false, false
	}
	// The end goes after the key in the same buffer when it fits (the key
	// is capped at its length, so nothing appends over the end).
	lo = prefix[:len(prefix):len(prefix)]
	hi = prefixEndIn(prefix[len(prefix):len(prefix):cap(prefix)], prefix)
	if len(ap.rng) > 0 && n < len(ap.ix.Columns) {
		kc := ap.ix.Columns[n]
		ct := t.Columns[kc.Column].Type
		for _, b := range ap.rng {
			v, err := b.val.eval(ec, nil)
			if err != nil {
				return nil, nil, false, false
			}
			if v.IsNull() {
				return nil, nil, true, true
			}
			cv, ok := exactConvert(v, ct)
			if !ok {
				continue // leave this bound to the filter
			}
			k, err := types.AppendKey(append([]byte(nil), prefix...), []types.Value{cv}, []types.Type{ct}, nil)
			if err != nil {
				return nil, nil, false, false
			}
			switch b.op {
			case ast.OpGe:
				if string(k) > string(lo) {
					lo = k
				}
			case ast.OpGt:
				if e := prefixEnd(k); string(e) > string(lo) {
					lo = e
				}
			case ast.OpLt:
				if hi == nil || string(k) < string(hi) {
					hi = k
				}
			case ast.OpLe:
				if e := prefixEnd(k); hi == nil || string(e) < string(hi) {
					hi = e
				}
			}
		}
		// NULLs sort first; a range comparison never matches them, and the filter
		// removes them, so the range may start at the prefix.
	}
	return lo, hi, false, true
}

// exactConvert converts v to t only when nothing is lost (1.5 does not seek an
// int column for 1).
func exactConvert(v types.Value, t types.Type) (types.Value, bool) {
	cv, err := types.ImplicitConvert(v, t)
	if err != nil {
		return v, false
	}
	c, err := types.Compare(cv, v, t.Collation)
	if err != nil || c != 0 {
		return v, false
	}
	return cv, true
}

// openAccess reads tr through ap (nil: full scan), decoding the columns mask
// asks for (see colMask), locking what the read locks (readlock.go).
// A row store scan or clustered seek reads backward when mask.rev is set
// (backscan.go).
func (s *Session) openAccess(ec *evalCtx, tr *tableRef, ap *accessPath, mask *colMask) (rowIter, error) {
	reverse := mask != nil && mask.rev
	if ap != nil && ap.semi != nil {
		return s.openSemi(ec, tr, ap, mask, reverse) // semijoin.go (notes its own read)
	}
	s.noteRead(tr, ap) // stats_usage.go
	if ap != nil && ap.alts != nil {
		return s.openMulti(ec, tr, ap, mask, reverse) // multiseek.go
	}
	return s.openPath(ec, tr, ap, mask, reverse)
}

// openPath is openAccess for one range of one index.
func (s *Session) openPath(ec *evalCtx, tr *tableRef, ap *accessPath, mask *colMask, reverse bool) (rowIter, error) {
	return s.openPathFor(ec, tr, ap, mask, reverse, false)
}

// openPathFor is openPath; seekScan says a scan (ap nil) replaces a seek
// and locks as it would (seek_scan_locks.go), as does a seek whose value
// does not convert exactly.
func (s *Session) openPathFor(ec *evalCtx, tr *tableRef, ap *accessPath, mask *colMask, reverse, seekScan bool) (rowIter, error) {
	var lo, hi []byte
	if ap != nil {
		var empty, ok bool
		lo, hi, empty, ok = ap.seekRange(ec, tr.t)
		if empty {
			return &sliceIter{}, nil
		}
		if !ok {
			ap, seekScan = nil, true
		}
	}
	point := ap != nil && ap.ix.IndexID == 1 && ap.ix.Unique && (len(ap.eq) == len(ap.ix.Columns) || ap.fixed != nil && ap.fixed.point)
	ranged := ap != nil && !point || seekScan
	var rl readLocks
	on, err := s.readLocksFor(ec.ctx, tr, point, ranged, &rl)
	if err != nil {
		return nil, err
	}
	if rl.latest {
		defer s.readLatest()()
	}
	switch {
	case ap == nil:
		return s.scanDir(ec, tr, nil, nil, mask, heldLocks(on, &rl), reverse)
	case point:
		// Equality on the whole clustered key: one point read, no iterator
		// (index nested-loop joins do this once per outer row).
		var row Row
		switch {
		case !on:
			row, err = s.lookupRowCols(ec.ctx, tr, lo, mask.need())
		case rl.keepMissing:
			row, err = s.pointGapLocked(ec.ctx, tr, lo, mask.need(), &rl) // keyrange_point.go
		default:
			row, err = s.lookupLocked(ec.ctx, tr, lo, mask.need(), &rl)
		}
		if err != nil {
			return nil, err
		}
		if row == nil {
			return &sliceIter{}, nil
		}
		return &oneRowIter{row: row}, nil
	case ap.ix.IndexID == 1:
		return s.scanDir(ec, tr, lo, hi, mask, heldLocks(on, &rl), reverse)
	}
	il := heldLocks(on, &rl)
	it, err := s.indexRead(ec.ctx, tr, ap.ix, lo, hi, il, reverse) // ixorder.go
	if err != nil {
		return nil, err
	}
	if il == nil || il.instant || il.ranged {
		if cp := coveringPlan(tr.t, ap.ix, mask.need()); cp != nil {
			return coveringIter(it, cp), nil // covering.go: no lookups
		}
	}
	return &funcIter{next: func() (Row, error) {
		for {
			if !it.Next() {
				if err := it.Err(); err != nil {
					return nil, err
				}
				return nil, io.EOF
			}
			row, err := s.lookupLocked(ec.ctx, tr, append([]byte(nil), it.Value()...), mask.need(), il)
			if err != nil {
				return nil, err
			}
			if row != nil {
				return row, nil
			}
		}
	}, close: func() { it.Close() }}, nil
}

// lookupLocked is lookupRowCols taking the row's lock first (rl nil: none);
// a row READPAST passes reads as missing. The lock comes before the read,
// so it is taken whether or not the row exists: a row inserted meanwhile
// cannot slip past it. A SERIALIZABLE read keeps a missing key's lock —
// its phantom protection: an INSERT of the key waits. Any other read
// gives it back when the transaction did not hold it before: REPEATABLE
// READ, UPDLOCK and XLOCK lock the rows they read, and SQL Server has no
// row to lock there (sys.dm_tran_locks shows none), so an INSERT of the
// key goes ahead.
func (s *Session) lookupLocked(ctx context.Context, tr *tableRef, key []byte, need []bool, rl *readLocks) (Row, error) {
	if rl == nil {
		return s.lookupRowCols(ctx, tr, key, need)
	}
	fresh, skip, err := rl.lockKeyFresh(ctx, key)
	if err != nil || skip {
		return nil, err
	}
	if rl.latest {
		defer s.readLatest()()
	}
	row, err := s.lookupRowCols(ctx, tr, key, need)
	if row == nil && err == nil && fresh && !rl.keepMissing {
		rl.release(key)
	}
	return row, err
}

// indexSeek reads [lo, hi) of nonclustered index ix, locking its keys as
// the read locks (rl nil: none) — the rows it leads to are locked by
// lookupLocked. SQL Server locks the nonclustered keys a seek reads:
//
//   - SERIALIZABLE takes key-range locks on them, and on the next key, as
//     on the clustered index (keyrange.go): an insert whose key for ix
//     falls in the range waits, one outside it does not.
//   - READ COMMITTED waits for the keys of the range another transaction
//     holds — its uncommitted insert, or an update that moved the row's
//     key into the range — which the committed index the seek reads does
//     not have (lockedIterator); READPAST skips them.
func (s *Session) indexSeek(ctx context.Context, tr *tableRef, ix *catalog.Index, lo, hi []byte, rl *readLocks) (storage.Iterator, error) {
	r := s.reader(tr.db)
	if rl != nil && rl.ranged {
		return s.newRangeIterator(ctx, r, ix.StoreID, lo, hi, rl)
	}
	it, err := r.NewIterator(ix.StoreID, lo, hi, false, storage.Latest)
	if err != nil || rl == nil || !rl.instant {
		return it, err
	}
	keys := *rl
	keys.obj = ix.StoreID
	return newLockedIterator(ctx, it, &keys, r, lo, hi, false), nil
}
