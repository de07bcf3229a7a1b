package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ORDER BY on a table's clustered key needs no sort: a single table read
// through its clustered index (a scan, or a seek on it) yields its rows in
// key order — duplicates of a non-unique key in uniquifier order, which
// ORDER BY leaves unspecified, as SQL Server does — and a filter, a
// projection and the column-permission gate keep that order. TOP n then
// stops reading after n rows.

// keyOrdered reports whether keys, the ORDER BY of a SELECT whose rows are
// still src's (no aggregation, window functions or DISTINCT: the caller's
// check), follow the clustered key of src's table from its first column:
// each key a plain column of the table (exprs[k.col], a column reference
// of the source's scope, whose column i is the table's column i) in the
// index's direction and under the column's own collation — or every key in
// the opposite direction, which a backward read of the same rows yields
// (reverse; NULLs, first in the key order, then come last, as SQL Server
// sorts them DESC), when the source can read backward (its one table's colMask.rev).
func keyOrdered(src *source, keys []sortKey, exprs []*expr, top *ast.Top, where ast.Expr) (ok, reverse bool) {
	if src.table == nil || len(keys) == 0 || top != nil && (top.Percent || top.WithTies) {
		return false, false
	}
	if src.ixOrder != nil {
		ok, rev := indexOrdered(src.table.t, src.ixOrder, keys, exprs, len(src.masks) == 1)
		if ok && src.tip != nil {
			src.tip.keep = true // the rows must come in the seek's order (seektip.go)
		}
		return ok, rev
	}
	if !src.keyOrder {
		return false, false
	}
	if ok, rev := clusterOrdered(src, keys, exprs); ok {
		return true, rev
	}
	if top != nil && src.setSeek != nil {
		// The clustered seek's range in another order: a nonclustered
		// seek on the same equalities may read it in the ORDER BY's
		// (ixorder.go).
		if ap, rev := orderSeek(src, keys, exprs, where); ap != nil {
			src.setSeek(ap)
			src.ixOrder, src.keyOrder, src.clusterEq = ap, false, 0
			return true, rev
		}
	}
	if top != nil {
		// A whole nonclustered index read in order (ixorder.go): worth a
		// lookup per row only when TOP stops it soon — no WHERE may skip
		// rows but the NULLs before a MIN's first value — or when the
		// index covers the query (no lookups).
		if ap, rev := orderIndexScan(src, keys, exprs, where); ap != nil && (skipsFew(where) || coveringPlan(src.table.t, ap.ix, src.masks[0].used) != nil) {
			src.setPath(ap)
			src.ixOrder, src.keyOrder = ap, false
			return true, rev
		}
	}
	return false, false
}

// skipsFew reports whether a WHERE lets an ordered read's first rows
// through: none, or c IS NOT NULL (minmax.go's subqueries).
func skipsFew(where ast.Expr) bool {
	if p, ok := where.(*ast.ParenExpr); ok {
		return skipsFew(p.X)
	}
	n, ok := where.(*ast.IsNullExpr)
	return where == nil || ok && n.Not
}

// clusterOrdered is keyOrdered for a source read through its row store.
// A seek that fixes the key's first columns by equality (clusterEq) reads
// one range in the order of the remaining columns: WHERE cust = @c ORDER
// BY id DESC on a key (cust, id) reads the customer's range backward and
// TOP (1) stops at its first row — the "latest order of a customer". An
// ORDER BY key on a fixed column orders nothing within the range, and is
// dropped (fixedKeysDropped).
func clusterOrdered(src *source, keys []sortKey, exprs []*expr) (ok, reverse bool) {
	t := src.table.t
	rs := t.RowStore()
	if rs.IsHeap() {
		return false, false
	}
	cols := rs.Columns
	if m := src.clusterEq; m > 0 && m <= len(cols) {
		keys = fixedKeysDropped(t, cols[:m], keys, exprs)
		cols = cols[m:]
	}
	if len(keys) > len(cols) {
		return false, false
	}
	for dir := 0; dir < 2; dir++ {
		rev := dir == 1
		if rev && len(src.masks) != 1 {
			break
		}
		ok = true
		for i, k := range keys {
			if k.col < 0 || k.col >= len(exprs) || !sameKeyColumn(t, cols[i], exprs[k.col], k, rev) {
				ok = false
				break
			}
		}
		if ok {
			return true, rev
		}
	}
	return false, false
}

// fixedKeysDropped is keys without the ones on a column of fixed (key
// columns an equality seek fixes): every row of the range has one value
// there, under the column's collation — so only a key sorting under that
// collation ties on it (COLLATE Latin1_General_BIN would tell 'a' from
// 'A', which a case-insensitive seek both reads).
func fixedKeysDropped(t *catalog.Table, fixed []catalog.IndexColumn, keys []sortKey, exprs []*expr) []sortKey {
	var out []sortKey
	for _, k := range keys {
		drop := false
		if k.col >= 0 && k.col < len(exprs) {
			x := exprs[k.col]
			for _, kc := range fixed {
				if x.col == kc.Column && x.col < len(t.Columns) && k.coll == t.Columns[kc.Column].Type.Collation {
					drop = true
					break
				}
			}
		}
		if !drop {
			out = append(out, k)
		}
	}
	return out
}

func sameKeyColumn(t *catalog.Table, kc catalog.IndexColumn, x *expr, k sortKey, rev bool) bool {
	return x.col == kc.Column && x.col < len(t.Columns) && k.desc == (kc.Desc != rev) && k.coll == t.Columns[kc.Column].Type.Collation
}

// indexOrdered reports whether keys follow the order in which one range of
// the nonclustered index ap reads its rows: the index's key columns, then —
// a nonunique index's entries end with the row key — the clustered key's
// columns it lacks (a heap's row key orders nothing). The keys may start at
// the index's first column or at the first one after the equality prefix
// (`WHERE cat = 3 ORDER BY id` on an index of cat: id is next); forward,
// or every key reversed when the range can be read backward (canRev: the
// source's one table, ixorder.go).
func indexOrdered(t *catalog.Table, ap *accessPath, keys []sortKey, exprs []*expr, canRev bool) (ok, reverse bool) {
	cols := append([]catalog.IndexColumn(nil), ap.ix.Columns...)
	if rs := t.RowStore(); !ap.ix.Unique && !rs.IsHeap() && rs.IndexID == 1 {
		for _, kc := range rs.Columns {
			dup := false
			for _, c := range cols {
				dup = dup || c.Column == kc.Column
			}
			if !dup {
				cols = append(cols, kc)
			}
		}
	}
	for dir := 0; dir < 2; dir++ {
		rev := dir == 1
		if rev && !canRev {
			break
		}
		for _, from := range []int{0, len(ap.eq)} {
			if len(keys) > len(cols)-from {
				continue
			}
			ok := true
			for i, k := range keys {
				if k.col < 0 || k.col >= len(exprs) || !sameKeyColumn(t, cols[from+i], exprs[k.col], k, rev) {
					ok = false
					break
				}
			}
			if ok {
				return true, rev
			}
		}
	}
	return false, false
}
