package exec

import (
	"container/heap"
	"context"
	"io"
	"sort"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// rowIter streams rows: Next returns io.EOF after the last row. Rows returned
// may be reused by the next call unless the operator documents otherwise;
// callers that keep a row copy it.
type rowIter interface {
	Next() (Row, error)
	Close()
}

// sliceIter iterates over materialized rows.
type sliceIter struct {
	rows []Row
	i    int
}

func (it *sliceIter) Next() (Row, error) {
	if it.i >= len(it.rows) {
		return nil, io.EOF
	}
	r := it.rows[it.i]
	it.i++
	return r, nil
}

func (it *sliceIter) Close() {}

// oneRowIter yields one row it owns: a point read's result, in one
// allocation where a sliceIter over []Row{row} took two (a point lookup's
// every call).
type oneRowIter struct {
	row  Row
	done bool
}

func (it *oneRowIter) Next() (Row, error) {
	if it.done {
		return nil, io.EOF
	}
	it.done = true
	return it.row, nil
}

func (it *oneRowIter) Close() {}

// funcIter adapts a closure.
type funcIter struct {
	next  func() (Row, error)
	close func()
}

func (it *funcIter) Next() (Row, error) { return it.next() }
func (it *funcIter) Close() {
	if it.close != nil {
		it.close()
	}
}

// filterIter keeps rows for which p is true.
type filterIter struct {
	in rowIter
	ec *evalCtx
	p  pred
	n  int // rows read, for the periodic context check
}

func (it *filterIter) Next() (Row, error) {
	for {
		r, err := it.in.Next()
		if err != nil {
			return nil, err
		}
		if it.n++; it.n%ctxCheckEvery == 0 {
			if err := it.ec.ctx.Err(); err != nil {
				return nil, err
			}
		}
		b, err := it.p(it.ec, r)
		if err != nil {
			return nil, err
		}
		if b.IsTrue() {
			return r, nil
		}
	}
}

func (it *filterIter) Close() { it.in.Close() }

// projectIter computes output columns from each input row.
type projectIter struct {
	in    rowIter
	ec    *evalCtx
	exprs []*expr
	// keep is the plan's, shared by every open of it: what streamRows
	// makes once for the rows it reuses.
	keep *projectKeep
}

func (it *projectIter) Next() (Row, error) {
	r, err := it.in.Next()
	if err != nil {
		return nil, err
	}
	out := make(Row, len(it.exprs))
	for i, e := range it.exprs {
		if out[i], err = e.eval(it.ec, r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (it *projectIter) Close() { it.in.Close() }

// limitIter skips offset rows and returns at most limit (-1: no limit). With
// ties (TOP … WITH TIES over rows sorted by ties) it goes on past limit while
// rows compare equal to the last one returned.
type limitIter struct {
	in     rowIter
	offset int64
	limit  int64
	n      int64
	ties   []sortKey
	last   Row
	done   bool
}

func (it *limitIter) Next() (Row, error) {
	for it.offset > 0 {
		if _, err := it.in.Next(); err != nil {
			return nil, err
		}
		it.offset--
	}
	if it.done {
		return nil, io.EOF
	}
	if it.limit >= 0 && it.n >= it.limit {
		if it.ties == nil || it.last == nil {
			return nil, io.EOF
		}
		r, err := it.in.Next()
		if err != nil {
			return nil, err
		}
		if c, err := compareRows(it.last, r, it.ties); err != nil || c != 0 {
			it.done = true
			return nil, errOr(err, io.EOF)
		}
		return r, nil
	}
	r, err := it.in.Next()
	if err != nil {
		return nil, err
	}
	it.n++
	if it.ties != nil && it.limit >= 0 && it.n == it.limit {
		it.last = append(it.last[:0], r...)
	}
	return r, nil
}

func (it *limitIter) Close() { it.in.Close() }

// drain reads every row of it (copying) and closes it.
// planRows runs p to the end and returns its rows.
func (s *Session) planRows(ctx context.Context, p *plan) ([]Row, error) {
	it, err := p.open(newEvalCtx(ctx, s))
	if err != nil {
		return nil, err
	}
	return drain(it)
}

func drain(it rowIter) ([]Row, error) {
	defer it.Close()
	var out []Row
	for {
		r, err := it.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, append(Row(nil), r...))
	}
}

// sortKey is one ORDER BY key: a column of the rows being sorted.
type sortKey struct {
	col  int
	desc bool
	coll types.Collation
	// variant is a sql_variant key: ordered by base-type family first
	// (types.CompareVariant).
	variant bool
}

// sortRows sorts rows by keys; it is stable so equal keys keep input order.
func sortRows(rows []Row, keys []sortKey) error {
	var firstErr error
	sort.SliceStable(rows, func(i, j int) bool {
		c, err := compareRows(rows[i], rows[j], keys)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return c < 0
	})
	return firstErr
}

func compareRows(a, b Row, keys []sortKey) (int, error) {
	for _, k := range keys {
		var c int
		var err error
		if k.variant {
			c, err = types.CompareVariant(a[k.col], b[k.col], k.coll, types.ConvertOptions{})
		} else {
			c, err = types.Compare(a[k.col], b[k.col], k.coll)
		}
		if err != nil {
			return 0, err
		}
		if c != 0 {
			if k.desc {
				return -c, nil
			}
			return c, nil
		}
	}
	return 0, nil
}

// distinctIter removes duplicate rows (by SQL equality under the collation).
type distinctIter struct {
	in   rowIter
	seen map[string]bool
	typs []types.Type
}

func newDistinct(in rowIter, typs []types.Type) *distinctIter {
	return &distinctIter{in: in, seen: map[string]bool{}, typs: typs}
}

func (it *distinctIter) Next() (Row, error) {
	for {
		r, err := it.in.Next()
		if err != nil {
			return nil, err
		}
		k := string(types.EncodeGroupKey(nil, r, it.typs))
		if it.seen[k] {
			continue
		}
		it.seen[k] = true
		return r, nil
	}
}

func (it *distinctIter) Close() { it.in.Close() }

// rowKey encodes values for hashing and duplicate detection: equal under SQL
// comparison (collation, trailing spaces) gives equal keys.
func rowKey(vals []types.Value, typs []types.Type) string {
	return string(types.EncodeGroupKey(nil, vals, typs))
}

// topN returns the first n rows of it in keys order, keeping at most n rows in
// memory (a max-heap of the best rows seen). Ties keep input order, as the
// stable full sort does.
func topN(it rowIter, keys []sortKey, n int64) ([]Row, error) {
	defer it.Close()
	h := &rowHeap{keys: keys}
	if n <= 0 {
		return nil, nil
	}
	for seq := int64(0); ; seq++ {
		r, err := it.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		e := heapRow{row: append(Row(nil), r...), seq: seq}
		if int64(h.Len()) < n {
			heap.Push(h, e)
		} else if h.less(e, h.rows[0]) {
			h.rows[0] = e
			heap.Fix(h, 0)
		}
		if h.err != nil {
			return nil, h.err
		}
	}
	out := make([]heapRow, len(h.rows))
	copy(out, h.rows)
	sort.SliceStable(out, func(i, j int) bool { return h.less(out[i], out[j]) })
	rows := make([]Row, len(out))
	for i, e := range out {
		rows[i] = e.row
	}
	return rows, h.err
}

type heapRow struct {
	row Row
	seq int64
}

// rowHeap is a max-heap by sort order (the root is the worst row kept).
type rowHeap struct {
	rows []heapRow
	keys []sortKey
	err  error
}

func (h *rowHeap) less(a, b heapRow) bool {
	c, err := compareRows(a.row, b.row, h.keys)
	if err != nil && h.err == nil {
		h.err = err
	}
	if c != 0 {
		return c < 0
	}
	return a.seq < b.seq
}

func (h *rowHeap) Len() int           { return len(h.rows) }
func (h *rowHeap) Less(i, j int) bool { return h.less(h.rows[j], h.rows[i]) }
func (h *rowHeap) Swap(i, j int)      { h.rows[i], h.rows[j] = h.rows[j], h.rows[i] }
func (h *rowHeap) Push(x any)         { h.rows = append(h.rows, x.(heapRow)) }
func (h *rowHeap) Pop() any {
	e := h.rows[len(h.rows)-1]
	h.rows = h.rows[:len(h.rows)-1]
	return e
}
