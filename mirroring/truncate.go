package mirroring

import (
	"context"
	"errors"
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
func truncateAfter(ctx context.Context, l *txlog.Log, lsn txlog.LSN) error {
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
