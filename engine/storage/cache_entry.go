package storage

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sync"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// centry is one key of a cached object and the versions of it that a reader
// of the cache may still need. Entries are immutable once in a tree: a write
// builds a new entry and replaces the old one, so a reader that holds a clone
// of the tree (or an entry) never sees it change.
//
// The newest version is inline (the common case is a key with one version,
// and one allocation per entry); older ones follow in older, newest first.
type centry struct {
	pfx   uint64 // keyPrefix(key): most comparisons end here (lessCentry)
	key   []byte // without the object prefix
	value []byte
	lsn   txlog.LSN
	del   bool
	older []cversion // descending lsn, all below lsn
}

// cversion is an older version of a centry.
type cversion struct {
	lsn   txlog.LSN
	value []byte
	del   bool
}

// Per-entry bookkeeping counted against the cache budget besides key and
// value bytes: the entry struct (~90 bytes), its pointer in a B-tree node
// (nodes are about half full after sequential inserts, so ~16 bytes) and
// allocation rounding.
const (
	entryOverhead   = 128
	versionOverhead = 40
)

// lessCentry orders entries by key. It compares the keys' 8-byte prefixes
// first, which sit in the entries themselves: a tree walk then reads one
// cache line per entry it passes instead of following each entry's key
// slice as well. These pointer chases were most of a point read's cost: the
// B-tree's search was ~6 % of a 16-session UPDATE's server CPU through TDS,
// and a cached point read takes 0.6× the CPU with the prefixes
// (docs/benchmarks-txlog.md, session 9). Equal prefixes fall back to the
// whole keys.
//
// Every centry in a tree, and every probe, must have pfx = keyPrefix(key):
// build them with newCentry or probeFor.
func lessCentry(a, b *centry) bool {
	if a.pfx != b.pfx {
		return a.pfx < b.pfx
	}
	return bytes.Compare(a.key, b.key) < 0
}

// keyPrefix is the first 8 bytes of key as a big-endian number, zero-padded
// when key is shorter. It preserves the keys' order: if keyPrefix(a) <
// keyPrefix(b), then a < b (at the first byte where the padded forms differ,
// b has a real byte and a either a smaller one or none, in which case a is a
// proper prefix of b); equal prefixes decide nothing (e.g. "a" and "a\x00").
func keyPrefix(key []byte) uint64 {
	if len(key) >= 8 {
		return binary.BigEndian.Uint64(key)
	}
	var p uint64
	for i, c := range key {
		p |= uint64(c) << (56 - 8*i)
	}
	return p
}

// probeFor returns a search probe for key (a tree Get or seek).
func probeFor(key []byte) *centry { return &centry{pfx: keyPrefix(key), key: key} }

// probes recycles the probes of point lookups (getProbe): the tree's less
// function is a func value, so a probe escapes and was an allocation per
// Get — one or two per single-row write (the duplicate-key read, the
// cache's write) through a cached table.
var probes = sync.Pool{New: func() any { return new(centry) }}

// getProbe is probeFor from probes; give it back with putProbe once the
// tree call returned.
func getProbe(key []byte) *centry {
	p := probes.Get().(*centry)
	p.pfx, p.key = keyPrefix(key), key
	return p
}

// putProbe returns p to probes, dropping its key.
func putProbe(p *centry) {
	p.key = nil
	probes.Put(p)
}

// newCentry returns an entry of key whose newest version is v.
func newCentry(key []byte, v cversion) *centry {
	return &centry{pfx: keyPrefix(key), key: key, value: v.value, lsn: v.lsn, del: v.del}
}

// size is what e counts against the cache budget.
func (e *centry) size() int64 {
	n := int64(entryOverhead + len(e.key) + len(e.value))
	for _, v := range e.older {
		n += int64(versionOverhead + len(v.value))
	}
	return n
}

// visible returns the value of the newest version at or below asOf; ok is
// false when there is none or it is a delete.
func (e *centry) visible(asOf txlog.LSN) (value []byte, ok bool) {
	if e.lsn <= asOf {
		return e.value, !e.del
	}
	for _, v := range e.older {
		if v.lsn <= asOf {
			return v.value, !v.del
		}
	}
	return nil, false
}

// oldest returns the LSN of e's oldest version.
func (e *centry) oldest() txlog.LSN {
	if n := len(e.older); n > 0 {
		return e.older[n-1].lsn
	}
	return e.lsn
}

// versions returns every version of e, newest first.
func (e *centry) versions() []cversion {
	out := make([]cversion, 0, 1+len(e.older))
	out = append(out, cversion{lsn: e.lsn, value: e.value, del: e.del})
	return append(out, e.older...)
}

// mergeEntry returns the entry for key holding the versions of old (nil: none)
// and add (newest first each), a version of add replacing one of old at the
// same LSN (redo writes the same version again), pruned below floor: of the
// versions at or below floor only the newest is kept, since no reader of the
// cache reads below floor. A delete is kept like any version, even alone: it
// is what tells a later replay of an older write (redo, idempotent) that the
// key is gone. Neither old nor add is modified.
func mergeEntry(key []byte, old *centry, add []cversion, floor txlog.LSN) *centry {
	// Fast path, by far the most common write: a new newest version, at or
	// below floor, over at most one older version (which it hides from every
	// reader of the cache).
	if len(add) == 1 && add[0].lsn <= floor && (old == nil || old.older == nil && old.lsn < add[0].lsn) {
		v := add[0]
		return newCentry(key, v)
	}
	var all []cversion
	if old != nil {
		all = old.versions()
	}
	for _, v := range add {
		i, found := slices.BinarySearchFunc(all, v.lsn, func(c cversion, l txlog.LSN) int {
			switch {
			case c.lsn > l:
				return -1
			case c.lsn < l:
				return 1
			}
			return 0
		})
		if found {
			all[i] = v
		} else {
			all = slices.Insert(all, i, v)
		}
	}
	// Keep everything above floor and the newest version at or below it.
	for i, v := range all {
		if v.lsn <= floor {
			all = all[:i+1]
			break
		}
	}
	e := newCentry(key, all[0])
	if len(all) > 1 {
		e.older = slices.Clip(all[1:])
	}
	return e
}
