package exec

import (
	"sync/atomic"
	"time"
)

// The clock of the per-request bookkeeping (issue #2).
//
// Every request reads the time four times or more: its start and end
// (sys.dm_exec_requests, last_request_end_time) and each statement's start
// and end (sys.dm_exec_query_stats). time.Now reads two clocks, the wall
// clock and the monotonic one, and on this project's VMs a clock read costs
// ~75 ns: time.Now was a fifth of a `SELECT 1` batch's CPU in process
// (BenchmarkBatchSelectOne, engine/session). clockNow reads only the
// monotonic clock and adds what it says passed to a wall reading taken at
// most clockRebase ago. CLOCK_REALTIME and CLOCK_MONOTONIC are slewed alike
// by NTP, so the sum is the wall clock except in the clockRebase after the
// wall clock is stepped (settimeofday, an NTP step), when it lags the step
// by at most that long. The result carries its monotonic reading, so
// durations between two clockNow times are as exact as time.Since's.

// clockRebase is how old the wall reading clockNow adds to may be.
const clockRebase = 100 * time.Millisecond

// clockBase is the last wall and monotonic reading of time.Now (shared by
// every session; replaced, never changed in place).
var clockBase atomic.Pointer[time.Time]

// clockNow returns the current time as time.Now does, with one clock read
// while the base is fresh.
func clockNow() time.Time {
	if b := clockBase.Load(); b != nil {
		if d := time.Since(*b); d >= 0 && d < clockRebase {
			return b.Add(d)
		}
	}
	t := time.Now()
	clockBase.Store(&t)
	return t
}
