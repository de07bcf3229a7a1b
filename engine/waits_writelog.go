package engine

import (
	"sync/atomic"
	"time"
)

// WRITELOG in sys.dm_os_wait_stats: a committing session waiting for its
// log block to be durable (Database.commit's WaitDurable). Every commit
// counts, as every SQL Server commit waits on WRITELOG; the cost is two
// clock reads and three atomic adds per commit, against a commit that
// waits for an fdatasync (docs/benchmarks.md, session 9, h7).

// waitCounter accumulates waits of one kind.
type waitCounter struct {
	count atomic.Int64
	total atomic.Int64 // nanoseconds
	max   atomic.Int64 // nanoseconds
}

// add records one wait of d.
func (w *waitCounter) add(d time.Duration) {
	w.count.Add(1)
	w.total.Add(int64(d))
	for {
		old := w.max.Load()
		if int64(d) <= old || w.max.CompareAndSwap(old, int64(d)) {
			return
		}
	}
}

// writeLogWaits sums the WRITELOG waits of every open database: count,
// total and longest, in milliseconds.
func (inst *Instance) writeLogWaits() (count, totalMS, maxMS int64) {
	var total, longest int64
	for _, d := range inst.Databases() {
		count += d.writeLogWait.count.Load()
		total += d.writeLogWait.total.Load()
		longest = max(longest, d.writeLogWait.max.Load())
	}
	return count, time.Duration(total).Milliseconds(), time.Duration(longest).Milliseconds()
}
