package storage

import (
	"context"
	"slices"
	"unsafe"

	"github.com/google/btree"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// DefaultWriteSetLimit is the memory a transaction's write set may hold before
// writes fail with error 701. A 100k-row transaction of 200-byte rows needs about
// 35 MiB (entry plus undo bookkeeping). The write set does not spill to disk: a
// transaction larger than the limit fails and is rolled back.
const DefaultWriteSetLimit = 512 << 20

// Approximate per-entry bookkeeping in bytes (B-tree slot, entry header, undo record).
const (
	wsEntryOverhead = 64
	wsUndoOverhead  = 56
)

// WriteSet holds one transaction's uncommitted puts and deletes, ordered by
// (object, key). Statements read through it over a store snapshot (Get, NewIterator:
// read-your-own-writes); at commit, Batch turns it into the batch that is logged and,
// once durable, applied. Marks give statement atomicity and savepoints.
//
// A WriteSet belongs to one transaction and is not safe for concurrent use. Put and
// Delete copy their arguments. A WriteSet must not be copied once written to
// (its first entry lives inside it).
type WriteSet struct {
	// The entries live in small, sorted by key, until the set outgrows
	// smallWriteSet or an iterator is opened over it; then in tree (small is
	// nil from then on). Why: nearly every transaction is a single-row write,
	// and an empty B-tree with its free list and first node was five
	// allocations and most of the set's cost per transaction.
	small []wsEntry
	// first is small's first backing array: a single-row write set
	// allocates no slice.
	first [1]wsEntry
	tree  *btree.BTreeG[wsEntry]
	undo  []undoRec
	marks []int // undo positions of the active marks, outermost first
	bytes int64
	limit int64
}

// wsEntry is one key's latest write in the transaction. key is the stored key
// (object prefix included). Put and Delete make key a string view of bytes
// they allocated and never write again (newEntry), so that Batch can hand
// them out as the ops' keys without a copy.
type wsEntry struct {
	key     string
	value   []byte
	deleted bool
}

// undoRec restores a key to its state before one write.
type undoRec struct {
	prev    wsEntry // prev.key is always set
	existed bool
}

// smallWriteSet is how many entries a write set keeps in its sorted slice
// before it moves them to a B-tree.
const smallWriteSet = 8

func lessEntry(a, b wsEntry) bool { return a.key < b.key }
func entryKey(e wsEntry) string   { return e.key }
func entryPivot(k string) wsEntry { return wsEntry{key: k} }
func entrySize(e wsEntry) int64   { return int64(len(e.key)+len(e.value)) + wsEntryOverhead }

// NewWriteSet returns an empty write set that holds at most limit bytes
// (limit <= 0: DefaultWriteSetLimit). The zero WriteSet is the same as
// NewWriteSet(0), so a caller may embed one.
func NewWriteSet(limit int64) *WriteSet {
	if limit <= 0 {
		limit = DefaultWriteSetLimit
	}
	return &WriteSet{limit: limit}
}

// smallIndex returns where key is or would be in w.small, and whether it is.
func (w *WriteSet) smallIndex(key string) (int, bool) {
	lo, hi := 0, len(w.small)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if w.small[m].key < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(w.small) && w.small[lo].key == key
}

// toTree moves the entries to a B-tree (for good: small stays nil).
func (w *WriteSet) toTree() {
	if w.tree != nil {
		return
	}
	w.tree = btree.NewG(32, lessEntry)
	for _, e := range w.small {
		w.tree.ReplaceOrInsert(e)
	}
	w.small = nil
}

// get returns the entry stored under key.
func (w *WriteSet) get(key string) (wsEntry, bool) {
	if w.tree != nil {
		return w.tree.Get(wsEntry{key: key})
	}
	if i, ok := w.smallIndex(key); ok {
		return w.small[i], true
	}
	return wsEntry{}, false
}

// put stores e, replacing the entry with its key.
func (w *WriteSet) put(e wsEntry) {
	if w.tree == nil {
		i, ok := w.smallIndex(e.key)
		if ok {
			w.small[i] = e
			return
		}
		if len(w.small) < smallWriteSet {
			if w.small == nil {
				w.small = w.first[:0]
			}
			w.small = slices.Insert(w.small, i, e)
			return
		}
		w.toTree()
	}
	w.tree.ReplaceOrInsert(e)
}

// remove deletes the entry stored under key.
func (w *WriteSet) remove(key string) {
	if w.tree != nil {
		w.tree.Delete(wsEntry{key: key})
		return
	}
	if i, ok := w.smallIndex(key); ok {
		w.small = slices.Delete(w.small, i, i+1)
	}
}

// Put records a put of value under (objectID, key).
func (w *WriteSet) Put(objectID uint32, key, value []byte) error {
	if !ValidObject(objectID) {
		return ErrInvalidObject
	}
	return w.write(newEntry(objectID, key, value, false))
}

// Delete records a delete of (objectID, key).
func (w *WriteSet) Delete(objectID uint32, key []byte) error {
	if !ValidObject(objectID) {
		return ErrInvalidObject
	}
	return w.write(newEntry(objectID, key, nil, true))
}

// newEntry copies the stored key of (objectID, key) and value into one
// allocation (they were two, or three with the string conversion): the key
// is a string view of the block's start, which nothing writes again — the
// block is not reachable otherwise, and Batch's ops share it read-only, as
// a Batch's contract says of its slices. A put's value is never nil.
func newEntry(objectID uint32, key, value []byte, deleted bool) wsEntry {
	k := prefixLen + len(key)
	block := make([]byte, k+len(value))
	AppendObjectKey(block[:0], objectID, key)
	copy(block[k:], value)
	e := wsEntry{key: unsafe.String(&block[0], k), deleted: deleted}
	if !deleted {
		e.value = block[k:len(block):len(block)]
	}
	return e
}

// keyBytes is e.key as the bytes newEntry allocated, capped so that an
// append to it copies.
func (e wsEntry) keyBytes() []byte {
	return unsafe.Slice(unsafe.StringData(e.key), len(e.key))[:len(e.key):len(e.key)]
}

func (w *WriteSet) write(e wsEntry) error {
	prev, existed := w.get(e.key)
	delta := entrySize(e)
	if existed {
		delta -= entrySize(prev)
	}
	keepUndo := len(w.marks) > 0
	if keepUndo {
		delta += wsUndoOverhead
	}
	limit := w.limit
	if limit <= 0 { // the zero WriteSet
		limit = DefaultWriteSetLimit
	}
	if w.bytes+delta > limit {
		return errWriteSetFull()
	}
	if keepUndo {
		if !existed {
			prev = wsEntry{key: e.key}
		}
		w.undo = append(w.undo, undoRec{prev: prev, existed: existed})
	}
	w.put(e)
	w.bytes += delta
	return nil
}

// Lookup returns the transaction's own write of (objectID, key): found is false when
// the transaction has not written the key; deleted is true when its write is a delete.
func (w *WriteSet) Lookup(objectID uint32, key []byte) (value []byte, deleted, found bool) {
	if w.tree == nil {
		// No allocation for the key: a lookup in the slice compares bytes.
		var buf [64]byte
		k := AppendObjectKey(buf[:0], objectID, key)
		lo, hi := 0, len(w.small)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if w.small[m].key < string(k) {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo == len(w.small) || w.small[lo].key != string(k) {
			return nil, false, false
		}
		return w.small[lo].value, w.small[lo].deleted, true
	}
	e, ok := w.tree.Get(wsEntry{key: string(AppendObjectKey(nil, objectID, key))})
	if !ok {
		return nil, false, false
	}
	return e.value, e.deleted, true
}

// Get reads (objectID, key) through the write set: the transaction's own write if it
// has one, otherwise base as of asOf.
func (w *WriteSet) Get(ctx context.Context, base Reader, objectID uint32, key []byte, asOf txlog.LSN) ([]byte, bool, error) {
	if v, deleted, ok := w.Lookup(objectID, key); ok {
		if deleted {
			return nil, false, nil
		}
		return append([]byte(nil), v...), true, nil
	}
	return base.Get(ctx, objectID, key, asOf)
}

// Len is the number of keys the transaction has written.
func (w *WriteSet) Len() int {
	if w.tree == nil {
		return len(w.small)
	}
	return w.tree.Len()
}

// Bytes is the memory the write set accounts for, in bytes.
func (w *WriteSet) Bytes() int64 { return w.bytes }

// Batch returns the transaction's writes in (object, key) order, ready to be logged
// and applied. The batch shares key and value slices with the write set
// (neither side writes them).
func (w *WriteSet) Batch() *Batch {
	var b *Batch
	if w.Len() == 1 {
		// A single-row autocommit write, the common case: the batch and its
		// one op in one allocation.
		a := &struct {
			b  Batch
			op [1]Op
		}{}
		b = &a.b
		b.ops = a.op[:0]
	} else {
		b = &Batch{ops: make([]Op, 0, w.Len())}
	}
	// The ops' keys are the write set's own (newEntry): no copy.
	add := func(e wsEntry) bool {
		k := e.keyBytes()
		op := Op{ObjectID: decodeObject(k), Key: k[prefixLen:], Value: e.value, Delete: e.deleted}
		b.ops = append(b.ops, op)
		b.size += int64(len(op.Key)+len(op.Value)) + opOverhead
		return true
	}
	w.ascend(add)
	b.normalized = true
	return b
}

// ascend calls fn for each entry in key order until fn returns false.
func (w *WriteSet) ascend(fn func(wsEntry) bool) {
	if w.tree != nil {
		w.tree.Ascend(fn)
		return
	}
	for _, e := range w.small {
		if !fn(e) {
			return
		}
	}
}

// Reset empties the write set (after commit or full rollback).
func (w *WriteSet) Reset() {
	if w.tree != nil {
		w.tree.Clear(false)
	}
	clear(w.small)
	w.small = w.small[:0]
	clear(w.undo)
	w.undo, w.marks, w.bytes = w.undo[:0], w.marks[:0], 0
}

// Mark identifies a point in the transaction's writes to roll back to: the start of
// a statement (statement atomicity) or a savepoint (SAVE TRANSACTION).
type Mark struct{ depth, pos int }

// Mark starts a nested mark. Marks nest: rolling back to or releasing a mark also
// ends every mark taken after it. While any mark is active, writes keep undo records.
func (w *WriteSet) Mark() Mark {
	m := Mark{depth: len(w.marks), pos: len(w.undo)}
	w.marks = append(w.marks, m.pos)
	return m
}

// RollbackTo undoes every write made since m was taken. m stays active (a savepoint
// can be rolled back to again); marks taken after m end.
func (w *WriteSet) RollbackTo(m Mark) {
	if m.depth >= len(w.marks) || w.marks[m.depth] != m.pos {
		return // m already ended
	}
	for i := len(w.undo) - 1; i >= m.pos; i-- {
		u := w.undo[i]
		cur, _ := w.get(u.prev.key)
		w.bytes -= entrySize(cur) + wsUndoOverhead
		if u.existed {
			w.put(u.prev)
			w.bytes += entrySize(u.prev)
		} else {
			w.remove(u.prev.key)
		}
	}
	clear(w.undo[m.pos:])
	w.undo = w.undo[:m.pos]
	w.marks = w.marks[:m.depth+1]
}

// Release ends m (and every later mark) keeping the writes made since. When no mark
// remains active the undo records are dropped.
func (w *WriteSet) Release(m Mark) {
	if m.depth >= len(w.marks) || w.marks[m.depth] != m.pos {
		return
	}
	w.marks = w.marks[:m.depth]
	if len(w.marks) == 0 {
		w.bytes -= int64(len(w.undo)) * wsUndoOverhead
		clear(w.undo)
		w.undo = w.undo[:0]
	}
}
