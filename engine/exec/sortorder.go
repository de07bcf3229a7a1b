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
func keyOrdered(src *source, keys []sortKey, exprs []*expr, top *ast.Top) (ok, reverse bool) {
	if src.table == nil || !src.keyOrder || len(keys) == 0 || top != nil && (top.Percent || top.WithTies) {
		return false, false
	}
	t := src.table.t
	rs := t.RowStore()
	if rs.IsHeap() || len(keys) > len(rs.Columns) {
		return false, false
	}
	for dir := 0; dir < 2; dir++ {
		rev := dir == 1
		if rev && len(src.masks) != 1 {
			break
		}
		ok = true
		for i, k := range keys {
			if k.col < 0 || k.col >= len(exprs) || !sameKeyColumn(t, rs.Columns[i], exprs[k.col], k, rev) {
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

func sameKeyColumn(t *catalog.Table, kc catalog.IndexColumn, x *expr, k sortKey, rev bool) bool {
	return x.col == kc.Column && x.col < len(t.Columns) && k.desc == (kc.Desc != rev) && k.coll == t.Columns[kc.Column].Type.Collation
}
