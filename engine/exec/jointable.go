package exec

import (
	"slices"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// joinTable is a hash join's table: key → first row, rows chained by next in
// insertion order. Map values are indexes (no pointers for the collector to
// scan) and row copies are carved from shared chunks, so building costs about
// one allocation per chunk rather than two per row.
//
// Integer keys that arrive in ascending order — the usual case, a scan of
// the right table in clustered key order whose key is the join key — are not
// hashed at all (issue #5: map inserts and probes were a third of a 100k ×
// 100k join's CPU): they are appended to a sorted list, and finish turns a
// dense list (ids without large gaps) into a direct index, probed with one
// subtraction. The first key out of order moves the list into the map.
type joinTable struct {
	intKeys bool             // keyed by int64 (hashKeys.intKey)
	ints    map[int64]int32  // integer keys, once they stopped arriving in order
	strs    map[string]int32 // memcomparable keys otherwise
	// sorted: every integer key so far was >= the one before; keys[i] is
	// then the key of chain heads[i], keys ascending and distinct.
	sorted bool
	keys   []int64
	heads  []int32
	// dense, when set by finish: dense[k-base] is key k's chain head, -1
	// for none.
	dense []int32
	base  int64

	// Row copies, in insertion order, live in chunks of joinChunk rows of
	// width values each: entry i is chunks[i/joinChunk] at (i%joinChunk)*width.
	// A probe then touches the row's own values only — no per-row slice
	// header in a table-sized array to miss the cache on first (issue #5:
	// copying the matched row out was a third of a 100k × 100k join's CPU).
	// width is the first row's; a row of another width (never from one
	// table's scan) is kept whole in odd.
	chunks [][]types.Value
	width  int
	n      int32
	odd    map[int32]Row
	next   []int32
	last   []int32 // per chain head: the chain's last entry, for O(1) append
	// chained: some key has more than one row, so next must be followed;
	// otherwise (a unique key, the usual join on a primary key) a probe
	// reads no next entry.
	chained bool
}

func newJoinTable(intKey bool) *joinTable {
	t := &joinTable{intKeys: intKey}
	if intKey {
		t.sorted = true
	} else {
		t.strs = map[string]int32{}
	}
	return t
}

// joinChunk is the rows per chunk of a join table.
const joinChunk = 4096

// row returns entry i; it stays valid (and unchanged) as the table grows.
func (t *joinTable) row(i int32) Row {
	if t.odd != nil {
		if r, ok := t.odd[i]; ok {
			return r
		}
	}
	c, o := t.chunks[i/joinChunk], int(i%joinChunk)*t.width
	return Row(c[o : o+t.width : o+t.width])
}

// nextOf returns the entry after i in its key's chain, -1 at the end.
func (t *joinTable) nextOf(i int32) int32 {
	if !t.chained {
		return -1
	}
	return t.next[i]
}

// copyRow stores a copy of r as entry t.n.
func (t *joinTable) copyRow(r Row) {
	if t.n == 0 {
		t.width = len(r)
	}
	if len(r) != t.width {
		if t.odd == nil {
			t.odd = map[int32]Row{}
		}
		t.odd[t.n] = append(Row(nil), r...)
	} else {
		if t.n%joinChunk == 0 {
			t.chunks = append(t.chunks, make([]types.Value, joinChunk*t.width))
		}
		o := int(t.n%joinChunk) * t.width
		copy(t.chunks[t.n/joinChunk][o:o+t.width], r)
	}
	t.n++
}

// push appends a row copy and links it at the end of the chain headed by head (-1:
// a new chain); it returns the new entry.
func (t *joinTable) push(r Row, head int32) int32 {
	i := t.n
	t.copyRow(r)
	t.next = append(t.next, -1)
	t.last = append(t.last, i)
	if head >= 0 {
		t.next[t.last[head]] = i
		t.last[head] = i
		t.chained = true
	}
	return i
}

func (t *joinTable) addInt(k int64, r Row) {
	if t.sorted {
		n := len(t.keys)
		switch {
		case n == 0 || k > t.keys[n-1]:
			t.keys = append(t.keys, k)
			t.heads = append(t.heads, t.push(r, -1))
			return
		case k == t.keys[n-1]:
			t.push(r, t.heads[n-1])
			return
		}
		// Out of order: hash the keys so far and every later one.
		t.ints = make(map[int64]int32, 2*n)
		for i, k := range t.keys {
			t.ints[k] = t.heads[i]
		}
		t.sorted, t.keys, t.heads = false, nil, nil
	}
	if h, ok := t.ints[k]; ok {
		t.push(r, h)
		return
	}
	t.ints[k] = t.push(r, -1)
}

// finish is called once every row is in the table: a sorted, dense key list
// (the span of the keys at most twice their number) becomes a direct index.
func (t *joinTable) finish() {
	n := len(t.keys)
	if !t.sorted || n == 0 {
		return
	}
	lo, hi := t.keys[0], t.keys[n-1]
	if span := uint64(hi) - uint64(lo); span >= uint64(2*n) { // also when hi-lo overflows
		return
	}
	t.dense, t.base = make([]int32, hi-lo+1), lo
	for i := range t.dense {
		t.dense[i] = -1
	}
	for i, k := range t.keys {
		t.dense[k-lo] = t.heads[i]
	}
	t.keys, t.heads = nil, nil
}

// lookupInt returns the chain head of integer key k, -1 for none.
func (t *joinTable) lookupInt(k int64) int32 {
	switch {
	case t.dense != nil:
		if d := uint64(k) - uint64(t.base); d < uint64(len(t.dense)) {
			return t.dense[d]
		}
		return -1
	case t.sorted:
		if i, ok := slices.BinarySearch(t.keys, k); ok {
			return t.heads[i]
		}
		return -1
	}
	if h, ok := t.ints[k]; ok {
		return h
	}
	return -1
}

func (t *joinTable) addStr(k []byte, r Row) {
	if h, ok := t.strs[string(k)]; ok {
		t.push(r, h)
		return
	}
	t.strs[string(k)] = t.push(r, -1)
}
