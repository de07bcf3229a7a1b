package storage

import (
	"bytes"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// NewIterator implements Reader. The iterator holds a badger read transaction and a
// pin on asOf (see Pin) until Close. Values are read lazily, one key at a time.
func (s *Badger) NewIterator(objectID uint32, lower, upper []byte, reverse bool, asOf txlog.LSN) (Iterator, error) {
	if !ValidObject(objectID) {
		return nil, ErrInvalidObject
	}
	if err := s.later.waitObject(objectID); err != nil { // ApplyLater's visibility
		return nil, err
	}
	if s.cache != nil {
		// No pin for the cache (a read point's pin and map update per seek
		// under RCSI): cachedReadTree checks the floor and takes an
		// immutable clone under the object's lock, and the clone holds every
		// version a read at or above the floor needs.
		s.ensureLoaded(objectID)
		if t, o := s.cachedReadTree(objectID, asOf); t != nil {
			s.cache.hitScans.Add(1)
			return newCacheIter(t, s.cache, o, lower, upper, reverse, asOf), nil
		}
	}
	release, err := s.Pin(asOf)
	if err != nil {
		return nil, err
	}
	lo, hi := rangeKeys(objectID, lower, upper)
	txn := s.db.NewTransactionAt(uint64(asOf), false)
	o := badger.DefaultIteratorOptions
	o.PrefetchValues = false
	o.Reverse = reverse
	if !reverse {
		// Prefix lets badger skip tables that cannot hold the object. In reverse the
		// first seek lands on the next object's prefix, which Prefix would end on.
		o.Prefix = objectPrefix(objectID)
	}
	return &badgerIter{
		store:   s,
		obj:     objectID,
		txn:     txn,
		it:      txn.NewIterator(o),
		release: release,
		lo:      lo,
		hi:      hi,
		reverse: reverse,
	}, nil
}

// badgerIter is a Store iterator over one object's key range at one read LSN.
type badgerIter struct {
	store   *Badger
	obj     uint32
	rows    int64 // rows returned, counted towards loading the object (noteRead)
	txn     *badger.Txn
	it      *badger.Iterator
	release func()
	lo, hi  []byte // stored-key bounds: [lo, hi)
	reverse bool

	started bool
	done    bool
	key     []byte
	val     []byte
	err     error
}

func (i *badgerIter) Next() bool {
	if i.done {
		return false
	}
	if !i.started {
		i.started = true
		if i.reverse {
			i.it.Seek(i.hi) // largest key <= hi; hi itself is skipped below
		} else {
			i.it.Seek(i.lo)
		}
	} else {
		i.it.Next()
	}
	for ; i.it.Valid(); i.it.Next() {
		item := i.it.Item()
		k := item.Key()
		if i.reverse {
			if bytes.Compare(k, i.hi) >= 0 {
				continue
			}
			if bytes.Compare(k, i.lo) < 0 {
				break
			}
		} else if bytes.Compare(k, i.hi) >= 0 {
			break
		}
		var err error
		i.val, err = item.ValueCopy(i.val[:0])
		if err != nil {
			i.err = fmt.Errorf("iterate: read value: %w", err)
			i.done = true
			return false
		}
		i.key = append(i.key[:0], k[prefixLen:]...)
		i.rows++
		return true
	}
	i.done = true
	return false
}

func (i *badgerIter) Key() []byte   { return i.key }
func (i *badgerIter) Value() []byte { return i.val }
func (i *badgerIter) Err() error    { return i.err }

func (i *badgerIter) Close() error {
	if i.it == nil {
		return nil
	}
	i.done = true
	i.it.Close()
	i.txn.Discard()
	i.release()
	i.it, i.txn = nil, nil
	i.store.noteRead(i.obj, i.rows)
	return nil
}
