package txlog

import (
	"context"
	"errors"
	"fmt"
)

// Scan calls fn for every durable record with an LSN at or after from, in LSN
// order, up to the durable end as it was when Scan started. It is the iterator of
// crash recovery and redo. from == 0 means the start of the retained log. fn's
// error stops the scan and is returned as is. The records' byte slices are valid
// only during the call to fn (they alias a reused read buffer): copy what you keep.
// A damaged block inside the durable log yields an error wrapping ErrCorrupt.
func (l *Log) Scan(from LSN, fn func(LSN, Record) error) error {
	return l.scanBlocks(from, func(sc *scanner, h blockHeader, raw []byte) error {
		recs, err := decodeRecordsInto(sc.entries, raw, h)
		sc.entries = recs
		if err != nil {
			return &decodeError{err}
		}
		for _, e := range recs {
			if e.LSN < from {
				continue
			}
			if err := fn(e.LSN, e.Record); err != nil {
				return err
			}
		}
		return nil
	})
}

// scanBlocks is Scan's walk: it reads every durable block from from's on,
// up to the durable end as it was when it started, and hands each to block,
// whose error stops the walk (a *decodeError is reported as the block's
// damage, anything else as is).
func (l *Log) scanBlocks(from LSN, block func(sc *scanner, h blockHeader, raw []byte) error) error {
	l.mu.Lock()
	retained, end, closed, recent := l.ctl.retained, l.durable, l.closed, l.recent
	l.mu.Unlock()
	if closed {
		return fmt.Errorf("scan from %s: %w", from, ErrClosed)
	}
	pos := from.BlockOffset()
	if from == 0 {
		pos = retained
	}
	if pos < retained {
		return fmt.Errorf("scan from %s: %w", from, ErrTruncated)
	}
	sc := getScanner(l.segs)
	sc.recent = recent // a mirror's newest log, in memory (recent.go)
	defer putScanner(sc)
	for pos < end {
		h, raw, err := sc.block(pos, end)
		if err != nil {
			return l.readError(pos, err)
		}
		if err := block(sc, h, raw); err != nil {
			if de, ok := err.(*decodeError); ok {
				return fmt.Errorf("scan block %d: %w", pos, corruptUnlessNewer(de.err))
			}
			return err
		}
		pos += uint64(h.size)
	}
	return nil
}

// decodeError marks a block that failed to decode, for scanBlocks.
type decodeError struct{ err error }

func (e *decodeError) Error() string { return e.err.Error() }

// readError classifies a failure to read the block at pos inside the durable log.
func (l *Log) readError(pos uint64, err error) error {
	l.mu.Lock()
	retained := l.ctl.retained
	l.mu.Unlock()
	if pos < retained {
		return fmt.Errorf("read block %d: %w", pos, ErrTruncated)
	}
	if errors.Is(err, errEnd) {
		return fmt.Errorf("read block %d: %w: %v", pos, ErrCorrupt, err)
	}
	return fmt.Errorf("read block %d: %w", pos, err)
}

// Reader streams durable blocks in order from a starting LSN; mirroring's sender
// and log backup use it. A Reader is not safe for concurrent use; any number of
// Readers may run against one Log.
type Reader struct {
	l   *Log
	pos uint64 // offset of the next block
	gen uint64 // the log's truncation generation when pos was last valid
	sc  scanner
	// written: the reader also returns blocks written but not yet durable
	// (NewWrittenReader) and waits on the written end instead of the durable one.
	written bool
}

// NewReader returns a Reader positioned at the block that holds from (from == 0:
// the start of the retained log). The first block returned is that whole block, so
// it may hold records before from. from must be in the retained log, and at or
// below the current end of the log.
func (l *Log) NewReader(from LSN) (*Reader, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	pos := from.BlockOffset()
	if from == 0 {
		pos = l.ctl.retained
	}
	if pos < l.ctl.retained {
		return nil, fmt.Errorf("read from %s: %w", from, ErrTruncated)
	}
	if pos > l.cur.offset {
		return nil, fmt.Errorf("read from %s beyond end of log: %w", from, ErrNotDurable)
	}
	return &Reader{l: l, pos: pos, gen: l.gen, sc: scanner{segs: l.segs}}, nil
}

// Position is the stream offset of the next block Next will return.
func (r *Reader) Position() uint64 { return r.pos }

// Next returns the next durable block, waiting for one when the reader has caught
// up with the durable end (it wakes on Notify, it does not poll). It returns ctx's
// error when ctx ends, ErrClosed when the log is closed, ErrTruncated when the
// reader's position has been truncated away (TruncateBefore), and ErrDiverged when
// TruncateAfter discarded the log at or before its position. The Block's Raw and
// Records belong to the caller.
func (r *Reader) Next(ctx context.Context) (Block, error) {
	for {
		b, ok, err := r.TryNext()
		if err != nil || ok {
			return b, err
		}
		r.l.mu.Lock()
		ch, end := r.l.notify, r.l.durable
		if r.written {
			ch, end = r.l.wnotify, r.l.written
		}
		caughtUp := r.pos >= end
		r.l.mu.Unlock()
		if !caughtUp {
			continue
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return Block{}, ctx.Err()
		}
	}
}

// TryNext returns the next durable block (for a written reader: the next written
// block) if there is one, without waiting.
func (r *Reader) TryNext() (Block, bool, error) {
	h, raw, ok, err := r.next()
	if err != nil || !ok {
		return Block{}, false, err
	}
	own := make([]byte, len(raw))
	copy(own, raw)
	recs, err := decodeRecords(own, h)
	if err != nil {
		return Block{}, false, fmt.Errorf("read block %d: %w", h.offset, corruptUnlessNewer(err))
	}
	r.pos += uint64(h.size)
	return Block{Offset: h.offset, Raw: own, Records: recs}, true, nil
}

// TryNextRaw is TryNext for a shipper: it appends the next block's bytes, exactly
// as on disk, to dst and returns the LSN of the block's last record (0 for a
// filler block) without decoding the records or allocating a Block. The block's
// header and checksum are verified; its records are not (the receiver's
// AppendBlocks verifies every record before it writes anything).
func (r *Reader) TryNextRaw(dst []byte) ([]byte, LSN, bool, error) {
	h, raw, ok, err := r.next()
	if err != nil || !ok {
		return dst, 0, false, err
	}
	r.pos += uint64(h.size)
	return append(dst, raw...), h.lastLSN(), true, nil
}

// next returns the checked block at the reader's position (raw aliases the
// scanner's window) without advancing, or ok false when the reader is at the end.
func (r *Reader) next() (blockHeader, []byte, bool, error) {
	l := r.l
	l.mu.Lock()
	end, gen, retained, closed, lerr := l.durable, l.gen, l.ctl.retained, l.closed, l.err
	if r.written {
		end = l.written
	}
	diverged := false
	for i := len(l.cuts) - 1; i >= 0 && l.cuts[i].gen > r.gen; i-- {
		diverged = diverged || l.cuts[i].end < r.pos
	}
	l.mu.Unlock()
	switch {
	case diverged:
		return blockHeader{}, nil, false, fmt.Errorf("read block %d: %w", r.pos, ErrDiverged)
	case r.pos < retained:
		return blockHeader{}, nil, false, fmt.Errorf("read block %d: %w", r.pos, ErrTruncated)
	case closed:
		return blockHeader{}, nil, false, ErrClosed
	case r.pos >= end && lerr != nil:
		return blockHeader{}, nil, false, lerr
	case r.pos >= end:
		r.gen = gen
		return blockHeader{}, nil, false, nil
	}
	if gen != r.gen {
		r.gen = gen
		r.sc.reset()
	}
	h, raw, err := r.sc.block(r.pos, end)
	if err != nil {
		return blockHeader{}, nil, false, l.readError(r.pos, err)
	}
	return h, raw, true, nil
}

// corruptUnlessNewer is a checksummed block's record decoding failure as a
// reader reports it: ErrCorrupt, unless a newer release wrote the record
// (NewerFormatError, kept so that the engine says 948, not SUSPECT).
func corruptUnlessNewer(err error) error {
	var newer *NewerFormatError
	if errors.As(err, &newer) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrCorrupt, err)
}
