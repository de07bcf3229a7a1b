package exec

import "github.com/mirrorsql/mirrorsql/catalog/types"

// probeBatchRows is how many left rows a hash join probes ahead.
const probeBatchRows = 32

// probeBatch probes a hash join's left rows a batch at a time (issue #5).
// A probe's cost is the cache miss on the matched row — a random entry of a
// table that outgrows the caches (100k rows: ~12 MB), which the row-at-a-time
// loop waited for once per row, copying it out (~200 ns of a 100k × 100k
// join's ~550 ns per row). A batch looks up its rows' entries first and
// loads each entry's first and last value in one pass: the loads do not
// depend on one another, so the processor has them in flight together and
// the rows are in cache when they are copied out.
//
// The left rows are copied (the left side may reuse its row), at most
// probeBatchRows ahead of the join's output: the batch reads no further
// left rows than that before the join's consumer asks for them. An error
// from the left side or from a key is returned after the rows before it,
// at the row where it happened, as the row-at-a-time loop did.
type probeBatch struct {
	vals  []types.Value // the left rows' values, end to end
	ends  []int         // row i is vals[ends[i-1]:ends[i]] (from 0 for the first)
	heads []int32       // row i's first table entry, -1 for none
	i     int           // next row to hand out
	err   error         // what stopped the batch after its rows; sticky
	sink  bool          // keeps the loads of touch from being dropped
}

// next returns the next left row and its first table entry.
func (b *probeBatch) next(it *adaptiveJoinIter) (Row, int32, error) {
	if b.i == len(b.heads) {
		if b.err != nil {
			return nil, -1, b.err
		}
		b.fill(it)
		if len(b.heads) == 0 {
			return nil, -1, b.err
		}
	}
	start := 0
	if b.i > 0 {
		start = b.ends[b.i-1]
	}
	end := b.ends[b.i]
	h := b.heads[b.i]
	b.i++
	return Row(b.vals[start:end:end]), h, nil
}

// fill reads up to probeBatchRows left rows, looks up their entries and
// loads each matched entry's first and last value.
func (b *probeBatch) fill(it *adaptiveJoinIter) {
	clear(b.vals)
	b.vals, b.ends, b.heads, b.i = b.vals[:0], b.ends[:0], b.heads[:0], 0
	for len(b.heads) < probeBatchRows {
		lrow, err := it.li.Next()
		if err != nil {
			b.err = err
			break
		}
		h, err := it.head(lrow)
		if err != nil {
			b.err = err
			break
		}
		b.vals = append(b.vals, lrow...)
		b.ends = append(b.ends, len(b.vals))
		b.heads = append(b.heads, h)
	}
	sink := false
	for _, h := range b.heads {
		if h >= 0 {
			r := it.table.row(h)
			if len(r) > 0 {
				sink = sink != (r[0].IsNull() != r[len(r)-1].IsNull())
			}
		}
	}
	b.sink = sink
}
