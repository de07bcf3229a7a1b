package txlog

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// scanner reads verified blocks in stream order through a read-ahead window, so a
// sequential scan costs one read per readAhead bytes rather than one per block.
// Returned raw bytes alias the window and are valid until the next call.
type scanner struct {
	segs   *segments
	win    []byte
	winOff uint64
	// entries is Scan's decoded block, rows ScanRows's, reused from block
	// to block.
	entries []Entry
	rows    []rowEntry
	// recent, when set (Scan), is a mirror's newest hardened log in memory:
	// fill copies from it rather than read the file (recent.go).
	recent recentLog
}

// scanners keeps Scan's scanners, their read windows and entry slices, from
// one Scan to the next. Why: a mirror's redo scans the log once per received
// frame (every ~15 commits at 16 sessions), and each Scan allocated a
// scanner, a zeroed window the size of what it read (up to readAhead) and an
// entry slice per block. Scan's records alias the window only during fn (its
// contract), so the window may serve the next Scan.
var scanners = sync.Pool{New: func() any { return new(scanner) }}

func getScanner(segs *segments) *scanner {
	sc := scanners.Get().(*scanner)
	sc.segs, sc.win, sc.winOff = segs, sc.win[:0], 0 // nothing cached: another log's bytes
	return sc
}

func putScanner(sc *scanner) {
	clear(sc.entries[:cap(sc.entries)]) // drop the records (they alias win)
	clear(sc.rows[:cap(sc.rows)])
	sc.segs, sc.entries, sc.rows, sc.recent = nil, sc.entries[:0], sc.rows[:0], recentLog{}
	scanners.Put(sc)
}

const readAhead = 1 << 20

// errEnd wraps conditions that mean "no valid block here": missing segment, bad
// header, bad checksum, short file. Other errors are I/O failures.
var errEnd = errors.New("no valid block")

// block returns the header and raw bytes (len == size) of the checked block at
// off; the block must end at or before limit. Errors wrapping errEnd mean there is
// no valid block at off.
func (s *scanner) block(off, limit uint64) (blockHeader, []byte, error) {
	segEnd := (s.segs.index(off) + 1) * s.segs.size
	limit = min(limit, segEnd)
	if off+headerSize > limit {
		return blockHeader{}, nil, fmt.Errorf("%w: end of range at %d", errEnd, off)
	}
	if err := s.fill(off, headerSize, limit); err != nil {
		return blockHeader{}, nil, err
	}
	b := s.win[off-s.winOff:]
	h, err := parseHeader(b, off)
	if err != nil {
		// Only here: errors.As's target escapes, so declared on the good
		// path it was an allocation per block read.
		var newer *NewerFormatError
		if errors.As(err, &newer) {
			return h, nil, err // not the end of the log: a newer release's block
		}
		return h, nil, fmt.Errorf("%w: %v", errEnd, err)
	}
	if off+uint64(h.size) > limit {
		return h, nil, fmt.Errorf("%w: block at %d of size %d passes %d", errEnd, off, h.size, limit)
	}
	if err := s.fill(off, uint64(h.size), limit); err != nil {
		return h, nil, err
	}
	b = s.win[off-s.winOff : off-s.winOff+uint64(h.size)]
	if err := checkBody(b, h); err != nil {
		return h, nil, fmt.Errorf("%w: %v", errEnd, err)
	}
	return h, b, nil
}

// fill makes sure the window holds [off, off+n), reading ahead up to limit (which
// does not pass off's segment).
func (s *scanner) fill(off, n, limit uint64) error {
	if off >= s.winOff && off+n <= s.winOff+uint64(len(s.win)) {
		return nil
	}
	want := max(n, min(readAhead, limit-off))
	if end := s.recent.end(); off >= s.recent.off && off+n <= end {
		want = min(want, end-off) // the read-ahead the copy holds
	}
	if uint64(cap(s.win)) < want {
		s.win = make([]byte, want)
	}
	s.win = s.win[:want]
	s.winOff = off
	if s.recent.copyTo(s.win, off) {
		return nil
	}
	got, err := s.segs.readAt(s.win, off)
	s.win = s.win[:got]
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%w: %v", errEnd, err)
	case err != nil && !errors.Is(err, io.EOF):
		return err
	case uint64(got) < n:
		return fmt.Errorf("%w: segment ends %d bytes into a block at %d", errEnd, got, off)
	}
	return nil
}

// reset forgets the window (after the file contents under it changed).
func (s *scanner) reset() { s.win = s.win[:0] }
