package exec

import (
	"io"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// hashKeys are a hash join's equality keys: left expressions, the right
// columns they equal, and the type both are compared in.
type hashKeys struct {
	lkeys, rkeys []*expr
	typs         []types.Type
	vals         []types.Value
}

// isInteger reports whether t is an exact integer type.
func isInteger(t types.Type) bool {
	switch t.ID {
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		return true
	}
	return false
}

// intKey reports whether the join has one key compared as an integer type:
// then the hash table is keyed by the int64 itself.
func (h *hashKeys) intKey() bool {
	return len(h.typs) == 1 && isInteger(h.typs[0])
}

// equalityOnly reports whether matching keys alone decide ON: every conjunct
// of ON is one of the key equalities (nconds of them), each between integer
// expressions (converted to the wider type without loss).
func (h *hashKeys) equalityOnly(nconds int) bool {
	if nconds != len(h.lkeys) {
		return false
	}
	for i := range h.lkeys {
		if !isInteger(h.lkeys[i].typ) || !isInteger(h.rkeys[i].typ) || !isInteger(h.typs[i]) {
			return false
		}
	}
	return true
}

// int64Key evaluates the single integer key of row; ok is false for NULL.
func (h *hashKeys) int64Key(ec *evalCtx, keys []*expr, row Row) (int64, bool, error) {
	var v types.Value
	if c := keys[0].col; c >= 0 {
		v = row[c] // a plain column: no call
	} else {
		var err error
		if v, err = keys[0].eval(ec, row); err != nil {
			return 0, false, err
		}
	}
	if v.IsNull() {
		return 0, false, nil
	}
	if v.TypeID() == h.typs[0].ID {
		return v.Int64(), true, nil
	}
	v, err := convertTo(v, h.typs[0])
	if err != nil {
		return 0, false, err
	}
	return v.Int64(), true, nil
}

// key appends the memcomparable key of row under keys to dst; ok is false
// when a key is NULL (it never matches).
func (h *hashKeys) key(ec *evalCtx, dst []byte, keys []*expr, row Row) ([]byte, bool, error) {
	h.vals = h.vals[:0]
	for i, k := range keys {
		v, err := k.eval(ec, row)
		if err != nil {
			return dst, false, err
		}
		if v.IsNull() {
			return dst, false, nil
		}
		if v, err = convertTo(v, h.typs[i]); err != nil {
			return dst, false, err
		}
		h.vals = append(h.vals, v)
	}
	return types.EncodeGroupKey(dst, h.vals, h.typs), true, nil
}

// pointRead reports whether the path is an equality on the whole clustered
// key: one point read per seek.
func (ap *accessPath) pointRead() bool {
	return ap.ix.IndexID == 1 && ap.ix.Unique && len(ap.eq) == len(ap.ix.Columns)
}

// Adaptive join tuning. A point read costs about as much as reading a dozen
// rows in a scan, so once the left side has produced adaptAfter rows the join
// starts scanning the right table into a hash table, buildPerProbe right rows
// per further left row (the extra work is bounded by that ratio whatever the
// sizes). When the scan ends the join probes the hash table instead of reading
// points. A right table whose rows exceed adaptBudget bytes is never built:
// the join stays a nested loop.
const (
	adaptAfter    = 1024
	buildPerProbe = 32
)

var adaptBudget int64 = 64 << 20

// hashJoinBuilds counts the hash tables joins have started to build: the
// tests' view of the plan a join ran (export_test.go).
var hashJoinBuilds atomic.Int64

// adaptiveJoin is an inner or left outer equi-join with a base table on the
// right. With ap (a point read on the right's clustered key) it starts as an
// index nested loop and switches to a hash join as described above; without
// ap it is a hash join from the start (the right table is read first).
// With right set instead of tr, the right side is any source that does not
// depend on the left row (join_once.go), hashed from the start.
type adaptiveJoin struct {
	s     *Session
	tr    *tableRef
	right *source     // the build side when it is not tr
	ap    *accessPath // nil: no point read; hash join only
	// build, when set, is the seek that reads the right table's rows for
	// the hash table: the rows the conditions on it alone keep (hashjoin.go
	// buildPath); nil reads it whole.
	build *accessPath
	mask  *colMask
	keys  *hashKeys
	on    pred
	// onImplied: ON is exactly the integer key equalities, so a key match
	// needs no evaluation of ON.
	onImplied bool
	leftOuter bool
	rw        int
	// manyPerSeek: ap is a seek that may find many rows per left row
	// (join_seek_or_hash.go), which seeks or hashes by the left side's size.
	manyPerSeek bool
}

type joinMode uint8

const (
	modeLoop     joinMode = iota // point reads
	modeBuilding                 // point reads while the hash table fills
	modeHash                     // probes
	modeLoopOnly                 // the right side is too big to hash
)

type adaptiveJoinIter struct {
	j       *adaptiveJoin
	ec      *evalCtx
	li      rowIter
	ri      rowIter // right scan while building
	mode    joinMode
	table   *joinTable
	size    int64
	seen    int
	kb      []byte
	lrow    Row
	pending []Row       // right rows matching lrow (nil entry: none, outer join)
	pi      int         // next entry of pending to return
	batch   *probeBatch // once the table is built: left rows probed ahead
	scratch Row         // the joined row ON is evaluated on
	out     Row         // reused output row when the join's consumer allows (colMask)
	reuse   bool
}

func (j *adaptiveJoin) open(ec *evalCtx, left *source) (rowIter, error) {
	it := &adaptiveJoinIter{j: j, ec: ec, reuse: j.mask.need() != nil}
	it.table = newJoinTable(j.keys.intKey())
	if j.ap == nil {
		if err := it.startBuild(); err != nil {
			return nil, err
		}
		for it.mode == modeBuilding {
			if err := it.build(-1); err != nil {
				it.Close()
				return nil, err
			}
		}
	}
	li, err := left.open(ec)
	if err != nil {
		it.Close()
		return nil, err
	}
	it.li = li
	if j.manyPerSeek {
		if err := it.openSeekOrHash(li); err != nil { // join_seek_or_hash.go
			it.Close()
			return nil, err
		}
	}
	return it, nil
}

func (it *adaptiveJoinIter) startBuild() error {
	hashJoinBuilds.Add(1)
	var ri rowIter
	var err error
	switch {
	case it.j.right != nil:
		ri, err = it.j.right.open(it.ec)
	case it.j.build != nil:
		ri, err = it.j.s.openAccess(it.ec, it.j.tr, it.j.build, it.j.mask) // a seek by the right side's own conditions, locking as reads do
	case it.j.ap != nil:
		// Switching from point reads: the scan locks as they do, key by
		// key (seek_scan_locks.go).
		it.j.s.noteRead(it.j.tr, nil) // stats_usage.go
		ri, err = it.j.s.openSeekScan(it.ec, it.j.tr, it.j.mask, false)
	default:
		ri, err = it.j.s.openAccess(it.ec, it.j.tr, nil, it.j.mask) // a full scan, locking as reads do
	}
	if err != nil {
		return err
	}
	it.ri, it.mode = ri, modeBuilding
	return nil
}

// build reads up to n right rows (n < 0: all) into the hash table.
func (it *adaptiveJoinIter) build(n int) error {
	for ; n != 0; n-- {
		r, err := it.ri.Next()
		if err == io.EOF {
			it.ri.Close()
			it.ri, it.mode = nil, modeHash
			it.table.finish()
			return nil
		}
		if err != nil {
			return err
		}
		if it.table.intKeys {
			k, ok, err := it.j.keys.int64Key(it.ec, it.j.keys.rkeys, r)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			it.table.addInt(k, r)
			it.size += rowMemSize(r) + 16
		} else {
			var ok bool
			if it.kb, ok, err = it.j.keys.key(it.ec, it.kb[:0], it.j.keys.rkeys, r); err != nil {
				return err
			}
			if !ok {
				continue
			}
			it.table.addStr(it.kb, r)
			it.size += rowMemSize(r) + int64(len(it.kb)) + 16
		}
		if it.size > adaptBudget && it.j.ap != nil {
			it.ri.Close()
			it.ri, it.mode, it.table = nil, modeLoopOnly, nil
			return nil
		}
	}
	return nil
}

func (it *adaptiveJoinIter) Next() (Row, error) {
	for it.pi >= len(it.pending) {
		// Refill from the start of the same buffer: no allocation per match.
		clear(it.pending)
		it.pending, it.pi = it.pending[:0], 0
		if it.mode == modeHash && it.batch != nil {
			lrow, head, err := it.batch.next(it)
			if err != nil {
				return nil, err
			}
			it.lrow = lrow
			if err := it.probeChain(lrow, head); err != nil {
				return nil, err
			}
			if len(it.pending) == 0 && it.j.leftOuter {
				it.pending = append(it.pending, nil)
			}
			continue
		}
		lrow, err := it.li.Next()
		if err != nil {
			return nil, err
		}
		it.lrow = lrow
		it.seen++
		if it.mode == modeLoop && it.seen > adaptAfter {
			if err := it.startBuild(); err != nil {
				return nil, err
			}
		}
		if it.mode == modeBuilding && it.j.ap != nil {
			if err := it.build(buildPerProbe); err != nil {
				return nil, err
			}
		}
		if it.mode == modeHash {
			err = it.probe(lrow)
			it.batch = &probeBatch{} // the next left rows are probed in batches
		} else {
			err = it.lookup(lrow)
		}
		if err != nil {
			return nil, err
		}
		if len(it.pending) == 0 && it.j.leftOuter {
			it.pending = append(it.pending, nil)
		}
	}
	r := it.pending[it.pi]
	it.pi++
	if !it.reuse {
		return joinRow(it.lrow, r, it.j.rw), nil
	}
	it.out = joinInto(it.out, it.lrow, r, it.j.rw)
	return it.out, nil
}

// joinInto is joinRow into dst's storage.
func joinInto(dst, l, r Row, rw int) Row {
	n := len(l) + rw
	if cap(dst) < n {
		dst = make(Row, n)
	}
	dst = dst[:n]
	copy(dst, l)
	if r != nil {
		copy(dst[len(l):], r)
	} else {
		clear(dst[len(l):])
	}
	return dst
}

// match queues rrow when ON holds for lrow and rrow.
func (it *adaptiveJoinIter) match(lrow, rrow Row, keyMatched bool) error {
	if !(keyMatched && it.j.onImplied) {
		it.scratch = joinInto(it.scratch, lrow, rrow, it.j.rw)
		b, err := it.j.on(it.ec, it.scratch)
		if err != nil {
			return err
		}
		if !b.IsTrue() {
			return nil
		}
	}
	it.pending = append(it.pending, rrow)
	return nil
}

func (it *adaptiveJoinIter) probe(lrow Row) error {
	head, err := it.head(lrow)
	if err != nil {
		return err
	}
	return it.probeChain(lrow, head)
}

// head returns the first entry of the hash table whose key is lrow's, -1 for
// none (or a NULL key).
func (it *adaptiveJoinIter) head(lrow Row) (int32, error) {
	if it.table.intKeys {
		k, ok, err := it.j.keys.int64Key(it.ec, it.j.keys.lkeys, lrow)
		if err != nil || !ok {
			return -1, err
		}
		return it.table.lookupInt(k), nil
	}
	kb, ok, err := it.j.keys.key(it.ec, it.kb[:0], it.j.keys.lkeys, lrow)
	it.kb = kb
	if err != nil || !ok {
		return -1, err
	}
	if h, found := it.table.strs[string(kb)]; found {
		return h, nil
	}
	return -1, nil
}

// probeChain queues the rows of the chain from entry i that match lrow.
func (it *adaptiveJoinIter) probeChain(lrow Row, i int32) error {
	for ; i >= 0; i = it.table.nextOf(i) {
		if err := it.match(lrow, it.table.row(i), true); err != nil {
			return err
		}
	}
	return nil
}

func (it *adaptiveJoinIter) lookup(lrow Row) error {
	ri, err := it.j.s.openAccess(it.ec.with(lrow), it.j.tr, it.j.ap, it.j.mask)
	if err != nil {
		return err
	}
	defer ri.Close()
	for {
		r, err := ri.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if !ownsRows(ri) {
			r = append(Row(nil), r...) // a scan may reuse its row
		}
		// A point read may return a row whose key differs after conversion
		// (or a scan when the seek value did not convert): ON decides.
		if err := it.match(lrow, r, false); err != nil {
			return err
		}
	}
}

// ownsRows reports whether it returns rows it does not reuse: a point
// read's one row or a materialized slice's.
func ownsRows(it rowIter) bool {
	switch it.(type) {
	case *sliceIter, *oneRowIter:
		return true
	}
	return false
}

func (it *adaptiveJoinIter) Close() {
	if it.ri != nil {
		it.ri.Close()
		it.ri = nil
	}
	if it.li != nil {
		it.li.Close()
	}
}
