package txlog

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"
)

// AppendBlocks is the mirror's write path: raw holds one or more whole blocks as a
// principal's Reader returned them (Block.Raw, concatenated). They are verified
// (header, checksum, every record, no block crossing a segment) and must continue
// this log exactly: the first block not already present must start at DurableEnd
// (else ErrGap). Blocks that overlap the existing log must be byte-identical to it
// (they are skipped; a re-sent block is harmless), as must a block that appears
// twice in raw, or the call fails with ErrDiverged. Nothing is written unless every block is valid.
//
// The blocks are written verbatim at their own offsets, so the mirror's log is a
// byte-for-byte copy of the principal's with the same LSNs, and hardened
// (fdatasync'd) before AppendBlocks returns nil: only then may the mirror
// acknowledge them. To keep the torn-tail rule of the block format true on the
// mirror, a block whose synced field lies beyond what the mirror has made durable
// is written only after an fdatasync of everything before it, so one call costs
// one fdatasync per principal flush it spans (usually one).
//
// AppendBlocks fails with ErrPending if records appended with Append are not yet
// durable (a log is a principal's or a mirror's, not both at once).
func (l *Log) AppendBlocks(raw []byte) error {
	return l.appendBlocks(raw, false)
}

// appendBlocks is AppendBlocks, or AppendBlocksLazy when lazy (lazytail.go).
func (l *Log) appendBlocks(raw []byte, lazy bool) error {
	l.ioMu.Lock()
	defer l.ioMu.Unlock()
	l.mu.Lock()
	if err := l.usableLocked(); err != nil {
		l.mu.Unlock()
		return fmt.Errorf("append blocks: %w", err)
	}
	if l.pendingLocked() {
		l.mu.Unlock()
		return fmt.Errorf("append blocks: %w", ErrPending)
	}
	end, retained := l.durable, l.ctl.retained
	l.mu.Unlock()

	var blocks []blockHeader
	var raws [][]byte
	next := end
	for rest := raw; len(rest) > 0; {
		// Every record is checked, not decoded: redo decodes it again
		// from the log (checkBlock).
		b, h, err := checkBlock(rest)
		if err != nil {
			return fmt.Errorf("append blocks: %w", err)
		}
		rest = rest[len(b.Raw):]
		if l.segs.index(b.Offset) != l.segs.index(b.End()-1) {
			return fmt.Errorf("append blocks: %w: block at %d crosses a segment boundary", ErrBadBlock, b.Offset)
		}
		switch {
		case b.Offset < end:
			if b.Offset < retained {
				return fmt.Errorf("append blocks: block at %d: %w", b.Offset, ErrTruncated)
			}
			if err := l.sameAsLocal(b, end); err != nil {
				return err
			}
			continue
		case b.Offset < next:
			// Sent again within this batch (a reshipment after a replaced
			// connection, queued behind the first copy): skip it if identical.
			if err := sameInBatch(b, blocks, raws); err != nil {
				return err
			}
			continue
		case b.Offset != next:
			return fmt.Errorf("append blocks: block at %d, log continues at %d: %w", b.Offset, next, ErrGap)
		}
		blocks = append(blocks, h)
		raws = append(raws, b.Raw)
		next = b.End()
	}

	// Write runs of blocks; sync before a block that claims more durable log than
	// is durable here, and at segment ends (one write call per segment). A lazy
	// append records the range first and syncs at segment ends only.
	if lazy && len(blocks) > 1 {
		last := blocks[len(blocks)-1]
		claims := false
		for _, h := range blocks[1:] {
			claims = claims || h.synced > end
		}
		if claims {
			if err := l.markLazy(lazyRange{from: blocks[0].offset, to: last.offset + uint64(last.size)}); err != nil {
				return fmt.Errorf("append blocks: %w", err)
			}
		}
	}
	runStart := 0
	durable := end
	for i := 0; i <= len(blocks); i++ {
		flush := i == len(blocks)
		if !flush && i > runStart {
			flush = (!lazy && blocks[i].synced > durable) || l.segs.index(blocks[i].offset) != l.segs.index(blocks[runStart].offset)
		}
		if !flush || i == runStart {
			continue
		}
		if err := l.writeRun(blocks[runStart:i], raws[runStart:i]); err != nil {
			l.fail(fmt.Errorf("harden log: %w", err))
			return fmt.Errorf("append blocks: %w", err)
		}
		last := blocks[i-1]
		durable = last.offset + uint64(last.size)
		l.publishHardened(blocks[runStart:i], l.flushBuf)
		runStart = i
	}
	return nil
}

// writeRun writes blocks that are contiguous and in one segment and makes them
// durable: one direct O_DSYNC write, or pwrite + fdatasync (direct.go).
func (l *Log) writeRun(hs []blockHeader, raws [][]byte) error {
	n := 0
	for _, r := range raws {
		n += len(r)
	}
	buf := alignedBuf(l.flushBuf, n)[:0]
	for _, r := range raws {
		buf = append(buf, r...)
	}
	l.flushBuf = buf
	start := time.Now()
	f, synced, err := l.segs.writeSyncAt(buf, hs[0].offset)
	if err != nil {
		return err
	}
	if !synced {
		if err := datasync(f); err != nil {
			return err
		}
	}
	l.writeNanos.Add(uint64(time.Since(start)))
	l.flushes.Add(1)
	l.flushedBytes.Add(uint64(len(buf)))
	return nil
}

// publishHardened makes hardened blocks visible: durable end, LSNs, readers.
// written is what writeRun wrote for them (recent.go keeps a copy).
func (l *Log) publishHardened(hs []blockHeader, written []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	last := hs[len(hs)-1]
	l.recent.add(hs[0].offset, written)
	l.durable = last.offset + uint64(last.size)
	for i := len(hs) - 1; i >= 0; i-- {
		if hs[i].count > 0 {
			l.durableLSN = hs[i].lastLSN()
			l.lastLSN = l.durableLSN
			break
		}
	}
	l.cur.reset(l.durable)
	l.signalLocked()
}

// sameInBatch checks that a block received twice in one batch is the block
// already taken at its offset.
func sameInBatch(b Block, hs []blockHeader, raws [][]byte) error {
	i := sort.Search(len(hs), func(i int) bool { return hs[i].offset >= b.Offset })
	if i == len(hs) || hs[i].offset != b.Offset || !bytes.Equal(raws[i], b.Raw) {
		return fmt.Errorf("append blocks: block at %d differs from the one received before it: %w", b.Offset, ErrDiverged)
	}
	return nil
}

// sameAsLocal checks that a received block overlapping the existing log matches it.
func (l *Log) sameAsLocal(b Block, end uint64) error {
	if b.End() > end {
		return fmt.Errorf("append blocks: block at %d straddles the end of the log at %d: %w", b.Offset, end, ErrDiverged)
	}
	local := make([]byte, len(b.Raw))
	n, err := l.segs.readAt(local, b.Offset)
	if err != nil && n < len(local) {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("append blocks: block at %d: %w", b.Offset, ErrTruncated)
		}
		return fmt.Errorf("append blocks: compare block at %d: %w", b.Offset, err)
	}
	if !bytes.Equal(local, b.Raw) {
		return fmt.Errorf("append blocks: block at %d differs from the local log: %w", b.Offset, ErrDiverged)
	}
	return nil
}
