package txn

import (
	"sync/atomic"
	"time"
)

// Lock wait statistics for sys.dm_os_wait_stats (LCK_M_S, LCK_M_X …): per
// requested mode, how many requests had to wait, their total and longest
// wait. Only requests that queue are counted — a lock granted at once costs
// nothing here — so the counters are off the fast path by construction.

// waitCounters accumulates the waits of one manager, per requested mode.
type waitCounters [numModes]modeWaits

type modeWaits struct {
	count atomic.Uint64
	total atomic.Int64 // nanoseconds
	max   atomic.Int64 // nanoseconds
}

// record adds one wait for mode that started at start.
func (w *waitCounters) record(mode Mode, start time.Time) {
	if int(mode) >= len(w) {
		return
	}
	d := int64(time.Since(start))
	m := &w[mode]
	m.count.Add(1)
	m.total.Add(d)
	for {
		old := m.max.Load()
		if d <= old || m.max.CompareAndSwap(old, d) {
			return
		}
	}
}

// LockWait is the accumulated wait of lock requests of one mode.
type LockWait struct {
	Mode  Mode
	Count uint64        // requests that waited (granted, timed out, cancelled or chosen as deadlock victim)
	Total time.Duration // their total wait
	Max   time.Duration // the longest one
}

// LockWaits returns the waits since the manager was created, one entry per
// lock mode (ModeNone excluded), in mode order.
func (m *Manager) LockWaits() []LockWait {
	out := make([]LockWait, 0, numModes-1)
	for mode := Mode(1); mode < numModes; mode++ {
		w := &m.waits[mode]
		out = append(out, LockWait{Mode: mode, Count: w.count.Load(), Total: time.Duration(w.total.Load()), Max: time.Duration(w.max.Load())})
	}
	return out
}

// Deadlocks is how many deadlock victims the manager has chosen since it was
// created (each one a 1205): SQL Server's "Number of Deadlocks/sec" counter
// of SQLServer:Locks, cumulative. Counted where a deadlock is resolved, which
// only ever happens to a request that waits.
func (m *Manager) Deadlocks() uint64 { return m.deadlocks.Load() }
