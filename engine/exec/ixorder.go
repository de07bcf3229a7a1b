package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Ordered reads of nonclustered indexes (issue #5). ORDER BY the columns a
// nonclustered index reads its rows in — its keys, then the clustered key
// a nonunique index's entries end with — needs no sort when the table is
// read through that index: forward for the index's order, backward for
// the reverse of every column (NULLs, first in the key order, then come
// last, as SQL Server sorts them DESC), so TOP and OFFSET/FETCH stop after
// their rows:
//
//   - a seek on the index (an equality prefix, a range) already reads it
//     (sortorder.go indexOrdered decides the direction);
//   - a query that would scan the table (no seek) reads the whole index
//     in order instead when it has a TOP — SELECT TOP 3 name FROM big
//     ORDER BY name DESC reads three entries and looks three rows up,
//     where the scan read every row and sorted them (orderIndexScan).
//
// A SERIALIZABLE read takes key-range locks through a forward range
// iterator (keyrange.go): backward, it reads its range forward with the
// same locks and hands the entries out in reverse, as scanDir does.

// indexRead is indexSeek reading backward when reverse is set.
func (s *Session) indexRead(ctx context.Context, tr *tableRef, ix *catalog.Index, lo, hi []byte, rl *readLocks, reverse bool) (storage.Iterator, error) {
	if !reverse {
		return s.indexSeek(ctx, tr, ix, lo, hi, rl)
	}
	r := s.reader(tr.db)
	if rl != nil && rl.ranged {
		it, err := s.newRangeIterator(ctx, r, ix.StoreID, lo, hi, rl)
		if err != nil {
			return nil, err
		}
		defer it.Close()
		var kvs [][2][]byte
		for it.Next() {
			kvs = append(kvs, [2][]byte{append([]byte(nil), it.Key()...), append([]byte(nil), it.Value()...)})
		}
		if err := it.Err(); err != nil {
			return nil, err
		}
		return &reversedEntries{kvs: kvs, i: len(kvs)}, nil
	}
	it, err := r.NewIterator(ix.StoreID, lo, hi, true, storage.Latest)
	if err != nil || rl == nil || !rl.instant {
		return it, err
	}
	keys := *rl
	keys.obj = ix.StoreID
	return newLockedIterator(ctx, it, &keys, r, lo, hi, true), nil
}

// reversedEntries hands out entries read forward, last first.
type reversedEntries struct {
	kvs [][2][]byte
	i   int
}

func (e *reversedEntries) Next() bool {
	if e.i <= 0 {
		return false
	}
	e.i--
	return true
}
func (e *reversedEntries) Key() []byte   { return e.kvs[e.i][0] }
func (e *reversedEntries) Value() []byte { return e.kvs[e.i][1] }
func (e *reversedEntries) Err() error    { return nil }
func (e *reversedEntries) Close() error  { return nil }

// orderIndexScan returns the path reading a whole nonclustered index of
// src's table in the order keys ask for, and whether backward, when src
// would scan the table (no seek, no index hint). A WHERE of c IS NOT NULL
// on the index's first column (minmax.go's subqueries) skips the index's
// NULLs, as SQL Server's seek past them does.
func orderIndexScan(src *source, keys []sortKey, exprs []*expr, where ast.Expr) (*accessPath, bool) {
	if src.setPath == nil {
		return nil, false
	}
	t := src.table.t
	for _, ix := range t.Indexes {
		if ix.IndexID == 1 || ix.IsHeap() || ix.Filter != "" || ix.Disabled {
			continue
		}
		ap := &accessPath{ix: ix, scan: true}
		ok, rev := indexOrdered(t, ap, keys, exprs, len(src.masks) == 1)
		if !ok {
			continue
		}
		if notNullOf(t, where) == ix.Columns[0].Column {
			// Not-NULL keys start 0x01 ascending; a DESC column's are
			// inverted, its NULLs (0xFF) last.
			ap.fixed = &keyRange{lo: []byte{0x01}}
			if ix.Columns[0].Desc {
				ap.fixed = &keyRange{lo: []byte{}, hi: []byte{0xFF}}
			}
		}
		return ap, rev
	}
	return nil, false
}

// notNullOf is the column of t that where tests with c IS NOT NULL (c
// unqualified), or -1.
func notNullOf(t *catalog.Table, where ast.Expr) int {
	for {
		p, ok := where.(*ast.ParenExpr)
		if !ok {
			break
		}
		where = p.X
	}
	n, ok := where.(*ast.IsNullExpr)
	if !ok || !n.Not {
		return -1
	}
	cr, ok := n.X.(*ast.ColumnRef)
	if !ok || len(cr.Name.Parts) != 1 {
		return -1
	}
	i, c := t.Column(cr.Name.Last())
	if c == nil {
		return -1
	}
	return i
}

// orderSeek returns a seek of a nonclustered index that reads src's rows —
// those of its clustered seek on an equality prefix — in the order keys
// ask for, and whether backward; nil when none does. With a clustered key
// (cust, id) and an index on (cust, odate), SELECT TOP (1) … WHERE cust =
// @c ORDER BY odate DESC (and minmax.go's MAX(odate)) read the customer's
// whole clustered range and sorted it; SQL Server seeks the index and
// stops at its first entry. Only where TOP stops the seek soon: the index
// covers the query (no lookups), or the WHERE is nothing but the seek's
// own equalities and c IS NOT NULL (no row the seek reads is skipped).
func orderSeek(src *source, keys []sortKey, exprs []*expr, where ast.Expr) (*accessPath, bool) {
	t := src.table.t
	for _, ix := range t.Indexes {
		if ix.IndexID == 1 || ix.IsHeap() || ix.Filter != "" || ix.Disabled {
			continue
		}
		ap := src.reseek(ix)
		if ap == nil || ap.ix != ix || ap.alts != nil || ap.semi != nil || ap.fixed != nil || len(ap.eq) < src.clusterEq {
			continue
		}
		ok, rev := indexOrdered(t, ap, keys, exprs, len(src.masks) == 1)
		if ok && (coveringPlan(t, ix, src.masks[0].used) != nil || len(ap.rng) == 0 && onlySought(t, ix, len(ap.eq), where)) {
			return ap, rev
		}
	}
	return nil, false
}

// onlySought reports whether every conjunct of where is c IS NOT NULL or
// an equality of one of ix's first neq key columns (unqualified, or the
// table's) with a literal or a variable: the conditions a seek on that
// prefix meets for every entry it reads.
func onlySought(t *catalog.Table, ix *catalog.Index, neq int, where ast.Expr) bool {
	for _, c := range conjuncts(where) {
		if notNullOf(t, c) >= 0 {
			continue
		}
		b, ok := c.(*ast.BinaryExpr)
		if !ok || b.Op != ast.OpEq {
			return false
		}
		cr, ok := b.X.(*ast.ColumnRef)
		val := b.Y
		if !ok {
			cr, ok = b.Y.(*ast.ColumnRef)
			val = b.X
		}
		if !ok || len(cr.Name.Parts) > 2 {
			return false
		}
		switch val.(type) {
		case *ast.Literal, *ast.Variable:
		default:
			return false
		}
		col, _ := t.Column(cr.Name.Last())
		sought := false
		for _, kc := range ix.Columns[:neq] {
			sought = sought || kc.Column == col
		}
		if !sought {
			return false
		}
	}
	return true
}
