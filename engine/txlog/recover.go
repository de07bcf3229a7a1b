package txlog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// recover establishes the log's state at Open from the control file ctl (writing
// it for a new log when the directory had none), scans from the last checkpoint to the
// end, and repairs a torn tail. See the block format comment for how a torn tail
// is told from corruption inside the durable log.
func (l *Log) recover(ctl control, exists bool) error {
	if !exists {
		if len(l.segs.indexes()) > 0 {
			return fmt.Errorf("%w: segment files without a control file", ErrCorrupt)
		}
		if err := writeControl(l.dir, ctl); err != nil {
			return err
		}
	}
	if ctl.cut != 0 {
		// A TruncateAfter was interrupted: finish it.
		if err := l.discardFrom(ctl.cut); err != nil {
			return err
		}
		ctl.cut = 0
		if err := writeControl(l.dir, ctl); err != nil {
			return err
		}
	}
	if err := l.removeBelow(ctl.retained); err != nil {
		return err
	}
	l.ctl = ctl
	lazy, err := readLazy(l.dir)
	if err != nil {
		return err
	}
	l.lazy = lazy

	pos := ctl.retained
	if cp := ctl.checkpoint.BlockOffset(); ctl.checkpoint != 0 && cp > pos {
		pos = cp
	}
	sc := &scanner{segs: l.segs}
	var last LSN
	scanFrom := pos
	for {
		h, _, err := sc.block(pos, ^uint64(0))
		if errors.Is(err, errEnd) {
			break
		}
		if err != nil {
			return err
		}
		if h.count > 0 {
			last = h.lastLSN()
		}
		pos += uint64(h.size)
	}
	if ctl.checkpoint != 0 && pos <= ctl.checkpoint.BlockOffset() {
		return fmt.Errorf("%w: checkpoint block %s is damaged or missing", ErrCorrupt, ctl.checkpoint)
	}
	if err := l.repairTail(pos); err != nil {
		return err
	}
	if err := l.syncRecovered(scanFrom, pos); err != nil {
		return err
	}
	if err := l.dropLazy(pos); err != nil {
		return err // a cut (torn batch, TruncateAfter) below the lazy range's end
	}
	l.durable = pos
	l.durableLSN = last
	l.written, l.writtenLSN = pos, last
	l.lastLSN = last
	l.cur.reset(pos)
	return nil
}

// recoverSync is the fdatasync syncRecovered uses (tests replace it).
var recoverSync = datasync

// syncRecovered fdatasyncs the segments holding the blocks in [from, end)
// before recovery declares them durable. After a process crash (SIGKILL)
// between the flusher's write and its fdatasync, the last blocks are intact in
// the page cache but not on disk: without this sync, redo would apply their
// commits to the store before they are durable (the WAL rule), the mirror
// would be told they are the log, and later blocks, fdatasync'd in another
// segment and claiming them durable, would make an OS crash look like
// corruption. Syncing clean segments costs next to nothing.
func (l *Log) syncRecovered(from, end uint64) error {
	if end <= from {
		return nil
	}
	for idx := l.segs.index(from); idx <= l.segs.index(end-1); idx++ {
		f, err := l.segs.file(idx, false)
		if err != nil {
			return fmt.Errorf("sync recovered log: %w", err)
		}
		if err := recoverSync(f); err != nil {
			return fmt.Errorf("sync recovered log: %w", err)
		}
	}
	return nil
}

// repairTail handles everything from end, the first offset without a valid block.
// It probes every later aligned offset in the existing segments: a valid block
// whose synced field lies beyond end proves that end had been durable, so the log
// is corrupt in the middle (ErrCorrupt). Otherwise whatever non-zero bytes follow
// (a torn write) are zeroed and synced, restoring the invariant that the log's tail
// is zero so that stale blocks can never be mistaken for new ones.
func (l *Log) repairTail(end uint64) error {
	var dirty []uint64 // segments with non-zero bytes at or after end
	for _, idx := range l.segs.indexes() {
		segStart, segEnd := idx*l.segSize, (idx+1)*l.segSize
		if segEnd <= end {
			continue
		}
		from := max(segStart, end)
		nonZero, err := l.probe(from, segEnd, end)
		if err != nil {
			return err
		}
		if nonZero {
			dirty = append(dirty, idx)
		}
	}
	if len(dirty) == 0 {
		return nil
	}
	l.ioMu.Lock()
	defer l.ioMu.Unlock()
	for _, idx := range dirty {
		f, err := l.segs.zeroFrom(max(idx*l.segSize, end))
		if err != nil {
			return err
		}
		if f != nil {
			if err := datasync(f); err != nil {
				return fmt.Errorf("sync repaired tail: %w", err)
			}
		}
	}
	return nil
}

// probe scans [from, to) (inside one segment) for valid blocks written after end was
// durable, and reports whether any byte in the range is non-zero.
func (l *Log) probe(from, to, end uint64) (nonZero bool, err error) {
	sc := &scanner{segs: l.segs}
	buf := make([]byte, readAhead)
	for off := from; off < to; {
		n := min(uint64(len(buf)), to-off)
		got, err := l.segs.readAt(buf[:n], off)
		if err != nil && !errors.Is(err, io.EOF) {
			if errors.Is(err, os.ErrNotExist) {
				return nonZero, nil
			}
			return nonZero, err
		}
		chunk := buf[:got]
		if !allZero(chunk) {
			nonZero = true
			for i := uint64(0); i+headerSize <= uint64(len(chunk)); i += BlockAlign {
				if !bytes.Equal(chunk[i:i+4], []byte{0x4D, 0x53, 0x4C, 0x42}) {
					continue
				}
				h, _, err := sc.block(off+i, to)
				var newer *NewerFormatError
				if errors.As(err, &newer) {
					return true, err // never zeroed: a newer release wrote it
				}
				if err != nil {
					continue
				}
				if h.synced > end && !(l.lazy.covers(end) && l.lazy.covers(h.offset)) {
					// (Both in the last lazy append's range: a torn
					// batch written with one sync, lazytail.go.)
					return true, fmt.Errorf("%w: damaged block at offset %d is followed by a valid block at %d written after it was durable",
						ErrCorrupt, end, h.offset)
				}
			}
		}
		if uint64(got) < n {
			return true, nil // short segment file: rewrite its zero tail
		}
		off += n
	}
	return nonZero, nil
}

func allZero(b []byte) bool {
	for len(b) >= 8 {
		if b[0]|b[1]|b[2]|b[3]|b[4]|b[5]|b[6]|b[7] != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
