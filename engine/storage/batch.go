package storage

import (
	"bytes"
	"cmp"
	"slices"
)

// Op is one write of a Batch: a put of Value under (ObjectID, Key), or a delete.
type Op struct {
	ObjectID uint32
	Key      []byte
	Value    []byte
	Delete   bool
}

// opOverhead approximates the bookkeeping bytes of one Op beyond its key and value.
const opOverhead = 48

// Batch is an ordered list of writes applied together at one LSN (Store.Apply).
// A Batch retains the key and value slices given to it: callers must not modify them
// afterwards. A Batch is not safe for concurrent use.
type Batch struct {
	ops        []Op
	size       int64
	normalized bool
}

// Put adds a put of value under (objectID, key).
func (b *Batch) Put(objectID uint32, key, value []byte) {
	b.add(Op{ObjectID: objectID, Key: key, Value: value})
}

// Delete adds a delete of (objectID, key).
func (b *Batch) Delete(objectID uint32, key []byte) {
	b.add(Op{ObjectID: objectID, Key: key, Delete: true})
}

func (b *Batch) add(op Op) {
	b.ops = append(b.ops, op)
	b.size += int64(len(op.Key) + len(op.Value) + opOverhead)
	b.normalized = false
}

// Len is the number of operations in the batch.
func (b *Batch) Len() int { return len(b.ops) }

// Size approximates the memory the batch holds, in bytes.
func (b *Batch) Size() int64 { return b.size }

// Ops returns the batch's operations; the slice is shared with the batch.
func (b *Batch) Ops() []Op { return b.ops }

// Reset empties the batch, keeping its capacity.
func (b *Batch) Reset() {
	clear(b.ops)
	b.ops = b.ops[:0]
	b.size = 0
	b.normalized = false
}

// compareOp orders operations by object id, then key.
func compareOp(a, b Op) int {
	if c := cmp.Compare(a.ObjectID, b.ObjectID); c != 0 {
		return c
	}
	return bytes.Compare(a.Key, b.Key)
}

// normalize sorts the batch by (object, key) and keeps only the last operation of
// each key, so that no key is written twice at one version. It validates object ids.
func (b *Batch) normalize() error {
	if b.normalized {
		return nil
	}
	for i := range b.ops {
		if !ValidObject(b.ops[i].ObjectID) {
			return ErrInvalidObject
		}
	}
	slices.SortStableFunc(b.ops, compareOp)
	out := b.ops[:0]
	for i, op := range b.ops {
		if i+1 < len(b.ops) && compareOp(op, b.ops[i+1]) == 0 {
			continue // a later op of the same key wins
		}
		out = append(out, op)
	}
	clear(b.ops[len(out):])
	b.ops = out
	b.normalized = true
	return nil
}
