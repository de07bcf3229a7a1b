// Package txlog is a database's transaction log: LSNs, typed records packed into
// checksummed blocks, a group-commit writer, a reader that streams blocks from any
// retained LSN, and the scan that crash recovery and mirroring redo start from.
//
// It is a leaf package (standard library only) so that crash recovery, backup and the
// mirror's redo all read one log format, and mirroring depends on the log rather than
// on the engine.
//
// The log is the truth: every change is a record here before it is anything else.
// The contracts other packages rely on:
//
//   - Durability: a commit is durable when WaitDurable(commitLSN) has returned nil
//     (its block was written and fdatasync'd). Nothing may reach the page store, a
//     client acknowledgement or a mirror before that.
//   - Visibility: Reader, Scan and Notify only ever expose durable blocks, in LSN
//     order; a record is visible to readers only after it is durable.
//   - Group commit: one flusher goroutine seals the open block and writes and
//     fdatasyncs everything sealed with one fdatasync for all waiters; appenders
//     never wait for the disk (except for backpressure) and keep appending into the
//     next block while a flush runs.
//   - Mirroring: a mirror's log is a byte-for-byte copy of its principal's from the
//     point where mirroring began, with the same LSNs (AppendBlocks); the mirror
//     hardens blocks before it acknowledges them, and after a failover the new
//     principal keeps appending to the same log.
//   - Recovery: Open cuts off a torn tail (damage in the last, unacknowledged write)
//     and refuses to guess about damage inside the durable log (ErrCorrupt).
//
// Files in a log directory: "control" (where the log starts and the last checkpoint;
// replaced atomically) and segments "00000001.log", "00000002.log", … of SegmentSize
// bytes each, named after the segment's number as LSN.String shows it.
package txlog

import (
	"fmt"
	"math/big"
	"strconv"
)

// SegmentSize is the size of one log segment file (SQL Server's virtual log file).
// It fixes how an LSN is shown: the segment number plays the part of SQL Server's VLF
// sequence number.
const SegmentSize = 64 << 20

// BlockAlign is the alignment of log blocks inside the log stream; SQL Server aligns
// its log blocks to 512-byte sectors and shows block offsets in those units.
const BlockAlign = 512

// LSN is a log sequence number: a position in one database's log that only grows.
// The upper 48 bits are the byte offset of the record's block in the logical log
// stream (a multiple of BlockAlign), the lower 16 bits the record's slot in that
// block. LSNs compare with < and ==; the zero LSN means "none". A mirror's log holds
// the same LSNs as its principal's.
type LSN uint64

// MakeLSN builds the LSN of slot within the block that starts at blockOffset.
func MakeLSN(blockOffset uint64, slot uint16) LSN {
	return LSN(blockOffset<<16 | uint64(slot))
}

// BlockOffset is the byte offset of the LSN's block in the logical log stream.
func (l LSN) BlockOffset() uint64 { return uint64(l) >> 16 }

// Slot is the LSN's record slot inside its block.
func (l LSN) Slot() uint16 { return uint16(l) }

// parts splits an LSN into SQL Server's three components: virtual log file sequence
// number (segment number, 1-based), block offset in 512-byte units, slot.
func (l LSN) parts() (vlf uint64, block uint64, slot uint64) {
	off := l.BlockOffset()
	return off/SegmentSize + 1, (off % SegmentSize) / BlockAlign, uint64(l.Slot())
}

// String prints the LSN as SQL Server prints LSNs in hex, "0000001A:00000010:0001".
func (l LSN) String() string {
	if l == 0 {
		return "00000000:00000000:0000"
	}
	v, b, s := l.parts()
	return fmt.Sprintf("%08X:%08X:%04X", v, b, s)
}

// Numeric returns the LSN as SQL Server shows it in catalog views and backup
// history (decimal(25,0)): vlf*10^15 + block*10^5 + slot.
func (l LSN) Numeric() *big.Int {
	if l == 0 {
		return new(big.Int)
	}
	v, b, s := l.parts()
	n := new(big.Int).Mul(new(big.Int).SetUint64(v), new(big.Int).Exp(big.NewInt(10), big.NewInt(15), nil))
	n.Add(n, new(big.Int).SetUint64(b*100000+s))
	return n
}

// ParseLSN parses SQL Server's hex form as printed by String, "0000001A:00000010:0001"
// (virtual log file sequence, 512-byte block number within it, slot).
func ParseLSN(s string) (LSN, error) {
	var v, b, slot uint64
	if len(s) != 22 || s[8] != ':' || s[17] != ':' {
		return 0, fmt.Errorf("parse LSN %q: want the form 00000000:00000000:0000", s)
	}
	for _, p := range []struct {
		dst  *uint64
		text string
	}{{&v, s[:8]}, {&b, s[9:17]}, {&slot, s[18:]}} {
		n, err := strconv.ParseUint(p.text, 16, 64)
		if err != nil {
			return 0, fmt.Errorf("parse LSN %q: %w", s, err)
		}
		*p.dst = n
	}
	if v == 0 && b == 0 && slot == 0 {
		return 0, nil
	}
	if v == 0 || b >= SegmentSize/BlockAlign {
		return 0, fmt.Errorf("parse LSN %q: out of range", s)
	}
	return MakeLSN((v-1)*SegmentSize+b*BlockAlign, uint16(slot)), nil
}
