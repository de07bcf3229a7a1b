package storage

import (
	"bytes"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// The tree walk is a callback, so the iterator pulls entries in chunks and
// re-seeks after the last entry it visited (O(log n), nothing next to a
// chunk). The first chunk is small, since seeks (a join's inner side, an
// EXISTS) often read one row, and chunks double up to cacheChunk.
const (
	firstChunk = 8
	cacheChunk = 256
)

// cacheIter is a Store iterator over a stable clone of a cached object's
// tree. It holds no lock and no pin: entries are immutable and the clone
// never changes. Key and Value return slices of the cached entry, which
// nobody modifies (the caller must not either), and which stay valid after
// Next, more than the contract asks.
type cacheIter struct {
	tree    *entryTree
	lo, hi  []byte // caller's bounds, without the object prefix; nil: unbounded
	reverse bool
	asOf    txlog.LSN

	buf       []kvRef
	chunk     int // entries the next fill visits at most
	pos       int
	pivot     centry // seek probe
	last      []byte // key of the last entry visited (visible or not)
	started   bool
	exhausted bool
	key, val  []byte
	closed    bool
}

type kvRef struct{ key, val []byte }

func newCacheIter(t *entryTree, lower, upper []byte, reverse bool, asOf txlog.LSN) *cacheIter {
	return &cacheIter{tree: t, lo: lower, hi: upper, reverse: reverse, asOf: asOf}
}

func (i *cacheIter) Next() bool {
	if i.closed {
		return false
	}
	if i.pos >= len(i.buf) {
		for !i.exhausted {
			i.fill()
			if len(i.buf) > 0 {
				break
			}
		}
		if i.pos >= len(i.buf) {
			i.key, i.val = nil, nil
			return false
		}
	}
	r := i.buf[i.pos]
	i.pos++
	i.key, i.val = r.key, r.val
	return true
}

// fill collects the next chunk of visible entries into buf. It may collect
// none without being exhausted (a chunk's worth of invisible entries).
func (i *cacheIter) fill() {
	clear(i.buf)
	i.buf, i.pos = i.buf[:0], 0
	if i.chunk = min(2*i.chunk, cacheChunk); i.chunk == 0 {
		i.chunk = firstChunk
	}
	visited := 0
	stopped := false
	var lastVisited *centry
	visit := func(e *centry) bool {
		if i.started && bytes.Equal(e.key, i.last) {
			return true // the seek pivot, visited by the previous chunk
		}
		if i.reverse {
			if i.hi != nil && bytes.Compare(e.key, i.hi) >= 0 {
				return true
			}
			if bytes.Compare(e.key, i.lo) < 0 {
				stopped, i.exhausted = true, true
				return false
			}
		} else if i.hi != nil && bytes.Compare(e.key, i.hi) >= 0 {
			stopped, i.exhausted = true, true
			return false
		}
		lastVisited = e
		if v, ok := e.visible(i.asOf); ok {
			i.buf = append(i.buf, kvRef{e.key, v})
		}
		if visited++; visited == i.chunk {
			stopped = true
			return false
		}
		return true
	}
	switch {
	case !i.reverse && !i.started:
		if i.lo == nil {
			i.tree.Ascend(visit)
		} else {
			i.pivot.key = i.lo
			i.tree.AscendGreaterOrEqual(&i.pivot, visit)
		}
	case !i.reverse:
		i.pivot.key = i.last
		i.tree.AscendGreaterOrEqual(&i.pivot, visit)
	case !i.started:
		if i.hi == nil {
			i.tree.Descend(visit)
		} else {
			i.pivot.key = i.hi
			i.tree.DescendLessOrEqual(&i.pivot, visit)
		}
	default:
		i.pivot.key = i.last
		i.tree.DescendLessOrEqual(&i.pivot, visit)
	}
	if !stopped {
		i.exhausted = true
	}
	if lastVisited != nil {
		i.started = true
		i.last = lastVisited.key
	}
}

func (i *cacheIter) Key() []byte   { return i.key }
func (i *cacheIter) Value() []byte { return i.val }
func (i *cacheIter) Err() error    { return nil }

func (i *cacheIter) Close() error {
	i.closed = true
	i.tree, i.buf = nil, nil
	return nil
}

// cachedReadTree returns a stable tree of objectID for a read as of asOf when
// the cache can answer it, else nil. Callers have pinned asOf (Pin), so that
// pruning cannot raise the object's floor past it unseen.
func (s *Badger) cachedReadTree(objectID uint32, asOf txlog.LSN) *entryTree {
	c := s.cache
	if c == nil {
		return nil
	}
	o := c.object(objectID)
	if o == nil {
		return nil
	}
	t := o.readTree(asOf)
	if t != nil {
		c.touch(o)
	}
	return t
}

// cachedGet answers a point read from the cache; ok is false when the cache
// cannot answer it (then found and value mean nothing).
func (s *Badger) cachedGet(objectID uint32, key []byte, asOf txlog.LSN) (value []byte, found, ok bool) {
	c := s.cache
	if c == nil {
		return nil, false, false
	}
	o := c.object(objectID)
	if o == nil {
		return nil, false, false
	}
	o.mu.RLock()
	if !o.ready || o.dead || asOf < o.floor {
		o.mu.RUnlock()
		return nil, false, false
	}
	e, _ := o.tree.Get(&centry{key: key})
	o.mu.RUnlock()
	c.touch(o)
	c.hitGets.Add(1)
	if e == nil {
		return nil, false, true
	}
	v, vis := e.visible(asOf)
	if !vis {
		return nil, false, true
	}
	return bytes.Clone(v), true, true
}
