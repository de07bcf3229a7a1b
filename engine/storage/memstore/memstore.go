// Package memstore is an in-memory storage.Store: every version of every key kept in
// a B-tree, for planner and executor tests that must not touch badger (style.md
// principle 8). It keeps all versions forever and has no durability: Sync is a no-op
// and nothing survives Close.
package memstore

import (
	"bytes"
	"context"
	"sort"
	"sync"

	"github.com/google/btree"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/internal/btcursor"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Store is an in-memory storage.Store. It is safe for concurrent use.
type Store struct {
	mu      sync.RWMutex
	tree    *btree.BTreeG[*item]
	applied txlog.LSN
	closed  bool
}

var _ storage.Store = (*Store)(nil)

// item is one stored key and its versions in ascending LSN order. Items are
// immutable once in the tree: Apply replaces an item with an updated copy, so an
// iterator's clone of the tree never changes under it.
type item struct {
	key      string // stored key, object prefix included
	versions []version
}

type version struct {
	lsn     txlog.LSN
	value   []byte
	deleted bool
}

func lessItem(a, b *item) bool { return a.key < b.key }
func itemKey(i *item) string   { return i.key }
func itemPivot(k string) *item { return &item{key: k} }

// New returns an empty store.
func New() *Store {
	return &Store{tree: btree.NewG(32, lessItem)}
}

// visible returns the newest version at or below asOf.
func (it *item) visible(asOf txlog.LSN) (version, bool) {
	n := sort.Search(len(it.versions), func(i int) bool { return it.versions[i].lsn > asOf })
	if n == 0 {
		return version{}, false
	}
	return it.versions[n-1], true
}

// Get implements storage.Reader.
func (s *Store) Get(ctx context.Context, objectID uint32, key []byte, asOf txlog.LSN) ([]byte, bool, error) {
	if !storage.ValidObject(objectID) {
		return nil, false, storage.ErrInvalidObject
	}
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, false, storage.ErrClosed
	}
	it, ok := s.tree.Get(itemPivot(string(storage.AppendObjectKey(nil, objectID, key))))
	if !ok {
		return nil, false, nil
	}
	v, ok := it.visible(asOf)
	if !ok || v.deleted {
		return nil, false, nil
	}
	return bytes.Clone(v.value), true, nil
}

// Apply implements storage.Store; the whole batch is applied under one lock.
func (s *Store) Apply(b *storage.Batch, at txlog.LSN) error {
	if at == 0 {
		return storage.ErrZeroLSN
	}
	for _, op := range b.Ops() {
		if !storage.ValidObject(op.ObjectID) {
			return storage.ErrInvalidObject
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return storage.ErrClosed
	}
	for _, op := range b.Ops() { // in order: a later op of the same key wins
		k := string(storage.AppendObjectKey(nil, op.ObjectID, op.Key))
		v := version{lsn: at, value: bytes.Clone(op.Value), deleted: op.Delete}
		next := &item{key: k}
		if old, ok := s.tree.Get(itemPivot(k)); ok {
			next.versions = withVersion(old.versions, v)
		} else {
			next.versions = []version{v}
		}
		s.tree.ReplaceOrInsert(next)
	}
	s.applied = max(s.applied, at)
	return nil
}

// withVersion returns a new slice: vs with v inserted in LSN order, replacing a
// version at the same LSN (idempotent redo).
func withVersion(vs []version, v version) []version {
	n := sort.Search(len(vs), func(i int) bool { return vs[i].lsn >= v.lsn })
	out := make([]version, 0, len(vs)+1)
	out = append(out, vs[:n]...)
	out = append(out, v)
	if n < len(vs) && vs[n].lsn == v.lsn {
		n++
	}
	return append(out, vs[n:]...)
}

// AppliedLSN implements storage.Store.
func (s *Store) AppliedLSN() txlog.LSN {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.applied
}

// DropObject implements storage.Store.
func (s *Store) DropObject(objectID uint32, at txlog.LSN) error {
	if !storage.ValidObject(objectID) {
		return storage.ErrInvalidObject
	}
	if at == 0 {
		return storage.ErrZeroLSN
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return storage.ErrClosed
	}
	lo := string(storage.AppendObjectKey(nil, objectID, nil))
	hi := string(storage.AppendObjectKey(nil, objectID+1, nil))
	var doomed []*item
	s.tree.AscendRange(itemPivot(lo), itemPivot(hi), func(it *item) bool {
		doomed = append(doomed, it)
		return true
	})
	for _, it := range doomed {
		s.tree.Delete(it)
	}
	s.applied = max(s.applied, at)
	return nil
}

// Sync implements storage.Store; it does nothing.
func (s *Store) Sync() error { return nil }

// Close implements storage.Store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

// NewIterator implements storage.Reader over a copy-on-write clone of the tree, so
// the iterator sees the store as it was when it was created.
func (s *Store) NewIterator(objectID uint32, lower, upper []byte, reverse bool, asOf txlog.LSN) (storage.Iterator, error) {
	if !storage.ValidObject(objectID) {
		return nil, storage.ErrInvalidObject
	}
	s.mu.Lock() // Clone writes to the original tree's copy-on-write context
	if s.closed {
		s.mu.Unlock()
		return nil, storage.ErrClosed
	}
	clone := s.tree.Clone()
	s.mu.Unlock()
	lo := storage.AppendObjectKey(nil, objectID, lower)
	var hi []byte
	if upper == nil {
		hi = storage.AppendObjectKey(nil, objectID+1, nil)
	} else {
		hi = storage.AppendObjectKey(nil, objectID, upper)
	}
	return &iter{
		cur:  btcursor.New(clone, itemKey, itemPivot, string(lo), string(hi), reverse),
		asOf: asOf,
	}, nil
}

type iter struct {
	cur      *btcursor.Cursor[*item]
	asOf     txlog.LSN
	key, val []byte
	done     bool
}

func (i *iter) Next() bool {
	for !i.done {
		it, ok := i.cur.Next()
		if !ok {
			i.done = true
			break
		}
		v, ok := it.visible(i.asOf)
		if !ok || v.deleted {
			continue
		}
		i.key = append(i.key[:0], it.key[4:]...)
		i.val = v.value
		return true
	}
	return false
}

func (i *iter) Key() []byte   { return i.key }
func (i *iter) Value() []byte { return i.val }
func (i *iter) Err() error    { return nil }
func (i *iter) Close() error  { i.done = true; return nil }
