package txlog

import (
	"errors"
	"fmt"
)

// BlockSum identifies one block of the log by position and content: its offset,
// size, record count and the CRC32C of its header-and-records area (the checksum
// stored in the block's header). Mirroring compares the sums of the mirror's last
// blocks with the principal's blocks at the same offsets to find where the two
// logs fork (mirroring/partner/doc.go "Finding the fork point").
type BlockSum struct {
	Offset uint64
	Size   uint32
	Count  uint16
	CRC    uint32
}

// LastLSN is the LSN of the block's last record (0 for a filler block).
func (s BlockSum) LastLSN() LSN {
	if s.Count == 0 {
		return 0
	}
	return MakeLSN(s.Offset, s.Count)
}

func sumOf(h blockHeader, raw []byte) BlockSum {
	return BlockSum{Offset: h.offset, Size: h.size, Count: h.count,
		CRC: uint32(raw[4]) | uint32(raw[5])<<8 | uint32(raw[6])<<16 | uint32(raw[7])<<24}
}

// TailBlocks returns the sums of the last n durable blocks, oldest first (fewer
// when the retained log holds fewer). Blocks never cross a segment boundary and a
// segment starts with a block, so the walk starts at a segment start: it reads at
// most the last two segments (the current one and, if it holds fewer than n
// blocks, the one before). Every block is verified (header and checksum); a
// damaged block inside the durable log is ErrCorrupt.
func (l *Log) TailBlocks(n int) ([]BlockSum, error) {
	return l.TailBlocksThrough(n, LSN(1<<64-1))
}

// TailBlocksThrough is TailBlocks for the durable log up to lsn: the last n
// blocks that end at or before lsn's position (a slot-0 lsn is the end of the
// block before its offset; otherwise the block holding lsn is the last one). A
// mirror whose log tail is not the principal's reports only the prefix it shares
// with it, and describes that prefix's blocks.
func (l *Log) TailBlocksThrough(n int, lsn LSN) ([]BlockSum, error) {
	l.mu.Lock()
	retained, end, closed := l.ctl.retained, l.durable, l.closed
	l.mu.Unlock()
	if closed {
		return nil, fmt.Errorf("list tail blocks: %w", ErrClosed)
	}
	if off := lsn.BlockOffset(); off < end {
		bound := off
		if lsn.Slot() != 0 && off >= retained {
			sc := &scanner{segs: l.segs}
			h, _, err := sc.block(off, end)
			if err != nil {
				return nil, l.readError(off, err)
			}
			bound = off + uint64(h.size)
		}
		end = min(end, bound)
	}
	if n <= 0 || end <= retained {
		return nil, nil
	}
	segStart := l.segs.index(end-1) * l.segs.size
	var out []BlockSum
	for pass := 0; pass < 2; pass++ {
		from := max(segStart, retained)
		sums, err := l.walk(from, end)
		if err != nil {
			return nil, err
		}
		out = append(sums, out...)
		if len(out) >= n || from == retained {
			break
		}
		end = from
		segStart -= l.segs.size
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out, nil
}

// walk returns the sums of the blocks in [from, end); from must be a block start.
func (l *Log) walk(from, end uint64) ([]BlockSum, error) {
	sc := &scanner{segs: l.segs}
	var out []BlockSum
	for pos := from; pos < end; {
		h, raw, err := sc.block(pos, end)
		if err != nil {
			return nil, l.readError(pos, err)
		}
		out = append(out, sumOf(h, raw))
		pos += uint64(h.size)
	}
	return out, nil
}

// BlockSumAt returns the sum of the block at offset off, which may be durable or
// only written to the OS (a principal compares the blocks it may have shipped). ok
// is false when there is no valid block at off: off is outside the retained log,
// beyond the written end, or not a block start.
func (l *Log) BlockSumAt(off uint64) (BlockSum, bool, error) {
	l.mu.Lock()
	retained, end, closed := l.ctl.retained, max(l.durable, l.written), l.closed
	l.mu.Unlock()
	if closed {
		return BlockSum{}, false, fmt.Errorf("read block sum at %d: %w", off, ErrClosed)
	}
	if off < retained || off >= end || off%BlockAlign != 0 {
		return BlockSum{}, false, nil
	}
	sc := &scanner{segs: l.segs}
	h, raw, err := sc.block(off, end)
	if errors.Is(err, errEnd) {
		return BlockSum{}, false, nil
	}
	if err != nil {
		return BlockSum{}, false, fmt.Errorf("read block sum at %d: %w", off, err)
	}
	return sumOf(h, raw), true, nil
}
