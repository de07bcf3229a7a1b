package txlog

import (
	"fmt"
	"sync"
)

// Encoded is a list of records already encoded for one AppendEncoded: what a
// commit builds instead of a []Record. Why: a Record is an interface, and each
// record a committer put in one was an allocation (its value boxed on the
// heap: two or three per single-row commit, the Commit record's time
// included). Add encodes a record straight into the buffer, with no
// interface in between.
//
// Take one with GetEncoded and give it back with Release once appended; the
// zero Encoded is usable too. Not safe for concurrent use.
type Encoded struct {
	buf  []byte
	ends []int // the end offset of each record in buf
}

var encodedPool = sync.Pool{New: func() any { return new(Encoded) }}

// GetEncoded returns an empty Encoded from a pool.
func GetEncoded() *Encoded { return encodedPool.Get().(*Encoded) }

// Release empties e and returns it to GetEncoded's pool; e must not be used
// afterwards.
func (e *Encoded) Release() {
	e.Reset()
	if cap(e.buf) > 64<<10 { // a large transaction's buffer is not kept
		e.buf, e.ends = nil, nil
	}
	encodedPool.Put(e)
}

// Reset empties e, keeping its memory.
func (e *Encoded) Reset() { e.buf, e.ends = e.buf[:0], e.ends[:0] }

// Len is the number of records in e.
func (e *Encoded) Len() int { return len(e.ends) }

// Add encodes r at the end of e. It is generic rather than taking a Record
// so that a concrete record is never boxed: each instantiation calls the
// type's own methods on the value.
func Add[R Record](e *Encoded, r R) {
	e.buf = append(e.buf, byte(r.Kind()))
	e.buf = r.appendFields(e.buf)
	e.ends = append(e.ends, len(e.buf))
}

// checkLens returns ErrRecordTooLarge (wrapped) for the first record of e
// longer than max.
func (e *Encoded) checkLens(max int) error {
	start := 0
	for _, end := range e.ends {
		if n := end - start; n > max {
			return fmt.Errorf("append %s of %d bytes: %w", Kind(e.buf[start]), n, ErrRecordTooLarge)
		}
		start = end
	}
	return nil
}
