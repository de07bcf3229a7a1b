package txlog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"syscall"
)

// Log space. Segments are preallocated (zero-filled) before the flusher writes
// into them, so a write inside a segment never runs out of space; only creating
// the next segment can. Append makes sure every segment its records could reach
// exists before it logs them, so a full file system surfaces as ErrLogFull from
// Append, with nothing logged and the log still healthy, and never as a failed
// flush, which would be fatal to the log (ErrFailed).

// missingSegmentLocked estimates where records of n encoded bytes in count
// records appended now could end, and reports the first segment up to there that
// does not exist yet. The estimate is generous (length prefixes, block headers,
// alignment, a filler that moves a record to the next segment, and other
// appenders racing in between checks is covered by re-checking under mu).
func (l *Log) missingSegmentLocked(n, count int) (uint64, bool) {
	pos := l.cur.offset + uint64(len(l.cur.buf))
	extra := uint64(count)*binary.MaxVarintLen64 + uint64(n)/8 + 2*(maxBlockSize+BlockAlign)
	end := pos + uint64(n) + extra + uint64(min(n, l.maxRecordLen()))
	first, last := l.segs.index(pos), l.segs.index(end)
	for idx := first; idx <= last; idx++ {
		if !l.segs.exists(idx) {
			return idx, true
		}
	}
	return 0, false
}

// exists reports whether segment idx has been created.
func (s *segments) exists(idx uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.files[idx]
	return ok
}

// ensure creates segment idx unless it exists, waiting for a background
// preparation in progress. A failed creation leaves nothing behind (the
// temporary file is removed) and is retried by the next call.
func (s *segments) ensure(idx uint64) error {
	_, err := s.file(idx, true)
	return err
}

// noSpace marks out-of-space errors (ENOSPC, EDQUOT) with ErrLogFull.
func noSpace(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return fmt.Errorf("%w: %w", ErrLogFull, err)
	}
	return err
}
