package mirroring

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// truncatePendingRetries bounds how long truncateAfter waits for records that a
// commit appended just before the role change to become durable (the group-commit
// flusher makes them durable within milliseconds).
const (
	truncatePendingRetries = 200
	truncatePendingPause   = 5 * time.Millisecond
)

// truncateAfter cuts the log after lsn (Ready.Truncate). txlog refuses to cut while
// appended records are not yet durable (txlog.ErrPending): a former principal's last
// commits may still be in the group-commit flush when it becomes mirror. Those
// commits are failed (their mirror wait is shut) and their records belong to the
// tail being cut, so truncateAfter waits for the flush and tries again.
//
// lsn is usually a log end, as the machines name positions (slot 0 of the block
// after the kept log, txlog.Log.FlushedEnd), which names no record: everything
// from its block offset on is cut, which txlog.Log.TruncateAfter (it keeps the
// block that holds lsn) expresses as a cut after the last record before it.
func truncateAfter(ctx context.Context, l *txlog.Log, lsn txlog.LSN) error {
	var err error
	for i := 0; i < truncatePendingRetries; i++ {
		at := lsn
		switch {
		case lsn.Slot() != 0:
			err = l.TruncateAfter(lsn)
		case lsn >= l.EndOfLog():
			return nil // no record appended at or after it
		case lsn.BlockOffset() >= l.DurableEnd():
			// Records after it are appended but not durable yet: wait for them.
			err = fmt.Errorf("truncate after %s: %w", lsn, txlog.ErrPending)
		default:
			if at, err = lastRecordBefore(l, lsn.BlockOffset()); err != nil {
				return err
			}
			err = l.TruncateAfter(at)
		}
		if !errors.Is(err, txlog.ErrPending) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(truncatePendingPause):
		}
	}
	return err
}

// lastRecordBefore returns the LSN of the last record in a block that ends at or
// before off. The last few blocks there tell it (a filler block, at a segment's
// end, has none); failing that it reads the retained log from its start.
func lastRecordBefore(l *txlog.Log, off uint64) (txlog.LSN, error) {
	if sums, err := l.TailBlocksThrough(4, txlog.MakeLSN(off, 0)); err == nil {
		for i := len(sums) - 1; i >= 0; i-- {
			if last := sums[i].LastLSN(); last != 0 && sums[i].Offset+uint64(sums[i].Size) <= off {
				return last, nil
			}
		}
	}
	return lastRecordScanned(l, off)
}

// lastRecordScanned is lastRecordBefore reading the retained log from its start.
func lastRecordScanned(l *txlog.Log, off uint64) (txlog.LSN, error) {
	r, err := l.NewReader(txlog.MakeLSN(l.RetainedFrom(), 0))
	if err != nil {
		return 0, err
	}
	var last txlog.LSN
	for r.Position() < off {
		b, ok, err := r.TryNext()
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		if n := len(b.Records); n > 0 && r.Position() <= off {
			last = b.Records[n-1].LSN
		}
	}
	if last == 0 {
		return 0, fmt.Errorf("truncate after %s: no record before it in the retained log: %w", txlog.MakeLSN(off, 0), txlog.ErrTruncated)
	}
	return last, nil
}
