package txlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Lazy appends (AppendBlocksLazy): a mirror that no commit waits for (SAFETY
// OFF) hardens what it received every few milliseconds, and each of the
// principal's flushes in such a batch is a block whose synced field claims
// that the block before it was durable. AppendBlocks honours those claims
// with an fdatasync before each such block: one per principal flush, the
// same count as the principal's own. A lazy append writes the batch with one
// fdatasync (per segment) instead, and first records, durably, the stream
// range it is about to write in the "lazytail" file:
//
//	0  magic  [8]byte "MSQLLZT1"
//	8  from   uint64  first byte of the batch
//	16 to     uint64  end of the batch
//	24 crc    uint32  CRC32C of bytes [0, 24)
//
// A crash during the batch's write may leave a damaged block followed by
// valid blocks of the same batch that claim it durable. Recovery
// (repairTail) takes that for a torn tail, not corruption, when the damage
// and the claiming blocks lie in the recorded range: nothing in it was
// acknowledged (the mirror acknowledges after the append returns). The file
// is rewritten in place (one sector, its own checksum; a torn marker write
// reads as no marker, and no batch is written before the marker is
// durable), and cleared when the log is cut below its end (dropLazy). What is given up: real damage inside the last lazy batch after it
// became durable is cut as a torn tail instead of reported (ErrCorrupt);
// the principal still holds that log, and ships it again.
//
// Cost: two fdatasyncs per batch (the marker's and the batch's) instead of
// one per principal flush; both are counted in Stats.Flushes, which the
// "Log Flushes/sec" counter shows.
const (
	lazyName = "lazytail"
	lazySize = 28
)

var lazyMagic = [8]byte{'M', 'S', 'Q', 'L', 'L', 'Z', 'T', '1'}

// lazyRange is a lazily written stream range [from, to); zero: none.
type lazyRange struct{ from, to uint64 }

func (r lazyRange) covers(off uint64) bool { return r.from <= off && off < r.to }

func (r lazyRange) encode() []byte { return sealWords(lazyMagic, r.from, r.to) }

// decodeLazy reads a lazytail file's contents; anything that is not a whole,
// checksummed marker is no marker (a torn marker write: no batch followed it).
func decodeLazy(b []byte) lazyRange {
	w, ok := openWords(b, lazyMagic, 2)
	if !ok {
		return lazyRange{}
	}
	return lazyRange{from: w[0], to: w[1]}
}

// readLazy returns dir's lazily written range, none when there is no marker.
func readLazy(dir string) (lazyRange, error) {
	b, err := os.ReadFile(filepath.Join(dir, lazyName))
	if errors.Is(err, os.ErrNotExist) {
		return lazyRange{}, nil
	}
	if err != nil {
		return lazyRange{}, fmt.Errorf("read lazy tail marker: %w", err)
	}
	return decodeLazy(b), nil
}

// markLazy makes r the recorded lazy range, durably. Caller holds ioMu.
func (l *Log) markLazy(r lazyRange) error {
	created := false
	if l.lazyF == nil {
		path := filepath.Join(l.dir, lazyName)
		_, err := os.Stat(path)
		created = errors.Is(err, os.ErrNotExist)
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return fmt.Errorf("lazy tail marker: %w", err)
		}
		l.lazyF = f
	}
	if _, err := l.lazyF.WriteAt(r.encode(), 0); err != nil {
		return fmt.Errorf("lazy tail marker: %w", err)
	}
	if err := datasync(l.lazyF); err != nil {
		return fmt.Errorf("sync lazy tail marker: %w", err)
	}
	if created {
		// The file's name must survive a crash too, or recovery finds no
		// marker for the batch that follows.
		if err := syncDir(l.dir); err != nil {
			return err
		}
	}
	l.flushes.Add(1)
	l.lazy = r
	return nil
}

// dropLazy clears the marker once the log is cut at end below the lazy
// range's end (TruncateAfter, or recovery cutting a torn batch): the log
// written there next is not lazy — AppendBlocks at SAFETY FULL, or the
// principal's own flushes after a failover, each block durable before the
// next claims it — and damage in it must stay ErrCorrupt rather than be
// taken for a torn lazy batch, which would zero valid, acknowledged
// blocks. Caller holds ioMu (or is recovery).
func (l *Log) dropLazy(end uint64) error {
	if l.lazy.to <= end {
		return nil
	}
	return l.markLazy(lazyRange{})
}

// AppendBlocksLazy is AppendBlocks for a mirror whose acknowledgements no
// commit waits for: the blocks are written with one fdatasync per segment
// instead of one per principal flush, after the range they occupy is recorded
// (see lazyRange). It is durable when it returns, as AppendBlocks is.
func (l *Log) AppendBlocksLazy(raw []byte) error {
	return l.appendBlocks(raw, true)
}
