package storage

import (
	"context"
	"errors"
	"math"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Latest reads the newest applied version of every key. Readers that need a
// consistent view across several reads pass a fixed LSN (for example the AppliedLSN
// seen when their statement or snapshot began) instead.
const Latest txlog.LSN = math.MaxUint64

// Reader is the read side of a Store.
//
// Bounds follow the usual half-open convention: lower is inclusive, upper exclusive,
// and a nil bound is unbounded. Keys passed in are not retained.
type Reader interface {
	// Get returns the value of key in objectID as of LSN asOf; found is false when
	// the key has no version <= asOf or its newest such version is a delete. The
	// returned slice belongs to the caller.
	Get(ctx context.Context, objectID uint32, key []byte, asOf txlog.LSN) (value []byte, found bool, err error)

	// NewIterator streams the keys of objectID in [lower, upper) as of asOf, in key
	// order (descending when reverse). The range is never materialized. The caller
	// must Close the iterator.
	NewIterator(objectID uint32, lower, upper []byte, reverse bool, asOf txlog.LSN) (Iterator, error)
}

// AsOfReader reads R as of At at the latest: a caller's Latest (or any LSN
// above At) becomes At, an older asOf stays. A database snapshot and a
// SNAPSHOT transaction's read point read a store through it.
type AsOfReader struct {
	R  Reader
	At txlog.LSN
}

// Get implements Reader.
func (r AsOfReader) Get(ctx context.Context, objectID uint32, key []byte, asOf txlog.LSN) ([]byte, bool, error) {
	return r.R.Get(ctx, objectID, key, min(asOf, r.At))
}

// NewIterator implements Reader.
func (r AsOfReader) NewIterator(objectID uint32, lower, upper []byte, reverse bool, asOf txlog.LSN) (Iterator, error) {
	return r.R.NewIterator(objectID, lower, upper, reverse, min(asOf, r.At))
}

// Store is a database's page store. Both the badger store (*Badger) and the
// in-memory store (memstore.Store) implement it; see the package doc for the
// ordering contract every caller keeps.
type Store interface {
	Reader

	// Apply writes every operation of b atomically with respect to crashes (either
	// AppliedLSN does not reach at, or all of b is present), at version at. If a key
	// occurs more than once in b the last operation wins. Apply may reorder b in
	// place. at must be non-zero.
	Apply(b *Batch, at txlog.LSN) error

	// AppliedLSN is the highest LSN passed to Apply (or DropObject) whose writes are
	// all in the store: the LSN from which redo must resume after a crash. It survives
	// Close and reopen. After a crash the store may report a lower one (*Badger
	// stores it only at Sync and Close), never a higher one: redo from it rewrites
	// some batches already there, idempotently.
	AppliedLSN() txlog.LSN

	// DropObject removes every version of every key of objectID (DROP TABLE,
	// TRUNCATE TABLE, index rebuild) and then records at as applied. The removal is
	// not versioned: readers as of an LSN before at no longer see the object.
	DropObject(objectID uint32, at txlog.LSN) error

	// Sync makes every applied write durable on disk. It must return before a
	// checkpoint LSN advances.
	Sync() error

	// Close releases the store. Open iterators must be closed first.
	Close() error
}

// Iterator walks a key range. It is not safe for concurrent use.
//
//	it, err := s.NewIterator(obj, lo, hi, false, lsn)
//	...
//	defer it.Close()
//	for it.Next() {
//		use(it.Key(), it.Value())
//	}
//	if err := it.Err(); err != nil { ... }
type Iterator interface {
	// Next advances to the next key and reports whether there is one.
	Next() bool
	// Key is the current key without the object prefix. It is valid until the next
	// call to Next or Close.
	Key() []byte
	// Value is the current value, valid until the next call to Next or Close.
	Value() []byte
	// Err is the error that stopped iteration, if any.
	Err() error
	// Close releases the iterator; it is safe to call more than once.
	Close() error
}

var (
	// ErrInvalidObject reports an object id reserved by storage (0 or 0xFFFFFFFF).
	ErrInvalidObject = errors.New("storage: reserved object id")
	// ErrZeroLSN reports an Apply or DropObject at LSN 0, which is not a version.
	ErrZeroLSN = errors.New("storage: apply at LSN 0")
	// ErrClosed reports use of a closed store.
	ErrClosed = errors.New("storage: store is closed")
	// ErrSnapshotTooOld reports a read as of an LSN whose older versions may already
	// have been collected (see Badger.Pin).
	ErrSnapshotTooOld = errors.New("storage: read as of an LSN below the version discard point")
)
