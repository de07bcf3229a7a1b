// Package btcursor turns a google/btree walk into a pull iterator over a key range.
package btcursor

import "github.com/google/btree"

// chunk is how many items one tree walk fetches.
const chunk = 128

// Cursor streams the items of a B-tree whose keys lie in [lo, hi), ascending or
// descending. It walks the tree in chunks of a few items and re-seeks after the last
// key it returned, so it holds no goroutine and needs no Close. The tree must not be
// modified while a chunk is fetched; callers iterate a private Clone (copy-on-write,
// O(1)) to get a stable view.
type Cursor[T any] struct {
	tree    *btree.BTreeG[T]
	key     func(T) string
	pivot   func(string) T
	lo, hi  string
	reverse bool

	buf       []T
	pos       int
	last      string
	started   bool
	exhausted bool
}

// New returns a cursor over tree's items with keys in [lo, hi). key returns an item's
// key; pivot builds a probe item with the given key (used only for seeking).
func New[T any](tree *btree.BTreeG[T], key func(T) string, pivot func(string) T, lo, hi string, reverse bool) *Cursor[T] {
	return &Cursor[T]{tree: tree, key: key, pivot: pivot, lo: lo, hi: hi, reverse: reverse}
}

// Next returns the next item in range, or false when there is none.
func (c *Cursor[T]) Next() (T, bool) {
	if c.pos >= len(c.buf) {
		if c.exhausted {
			var zero T
			return zero, false
		}
		c.fill()
		if len(c.buf) == 0 {
			var zero T
			return zero, false
		}
	}
	it := c.buf[c.pos]
	c.pos++
	return it, true
}

func (c *Cursor[T]) fill() {
	clear(c.buf)
	c.buf, c.pos = c.buf[:0], 0
	stopped := false
	visit := func(it T) bool {
		k := c.key(it)
		if c.started && k == c.last {
			return true // the seek pivot, returned by the previous chunk
		}
		if k >= c.hi {
			if c.reverse {
				return true
			}
			c.exhausted = true
			stopped = true
			return false
		}
		if c.reverse && k < c.lo {
			c.exhausted = true
			stopped = true
			return false
		}
		c.buf = append(c.buf, it)
		if len(c.buf) == chunk {
			stopped = true
			return false
		}
		return true
	}
	switch {
	case !c.reverse && !c.started:
		c.tree.AscendGreaterOrEqual(c.pivot(c.lo), visit)
	case !c.reverse:
		c.tree.AscendGreaterOrEqual(c.pivot(c.last), visit)
	case !c.started:
		c.tree.DescendLessOrEqual(c.pivot(c.hi), visit)
	default:
		c.tree.DescendLessOrEqual(c.pivot(c.last), visit)
	}
	if !stopped {
		c.exhausted = true
	}
	if len(c.buf) > 0 {
		c.started = true
		c.last = c.key(c.buf[len(c.buf)-1])
	}
}
