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
// lsn may have slot 0: the position of a log without records after the restore
// point, MakeLSN(DurableEnd, 0) (logPos), which names no record. Everything from
// its block offset on is then cut, which txlog.Log.TruncateAfter (it keeps the
// block that holds lsn) expresses as a cut after the last record before it.
func truncateAfter(ctx context.Context, l *txlog.Log, lsn txlog.LSN) error {
	if lsn.Slot() == 0 {
		if lsn.BlockOffset() >= l.DurableEnd() {
			return nil // nothing at or after it
		}
		prev, err := lastRecordBefore(l, lsn.BlockOffset())
		if err != nil {
			return err
		}
		lsn = prev
	}
	var err error
	for i := 0; i < truncatePendingRetries; i++ {
		if err = l.TruncateAfter(lsn); !errors.Is(err, txlog.ErrPending) {
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
// before off. It reads the retained log from its start (a slot-0 cut is rare: a
// role change right after set-up).
func lastRecordBefore(l *txlog.Log, off uint64) (txlog.LSN, error) {
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
