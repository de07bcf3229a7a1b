package main

import (
	"context"
	"database/sql"
	"time"
)

// Log flushes per commit (mirrorab). Under SAFETY FULL the mirror pays one
// durable write, one frame read and one ack write per principal log flush
// (docs/benchmarks-mirroring.md, sessions 7–11), so commits per flush on each
// partner say how far the mirror's per-frame cost is spread. Both are read
// from "Log Flushes/sec" of the database (sys.dm_os_performance_counters,
// cumulative): on the principal it counts its log's flushes, on the mirror
// its hardens of received log (AppendBlocks), each of which the mirror
// acknowledges once.

// flushCounter keeps one connection to an instance's master for reading its
// counters between measurements.
type flushCounter struct {
	pool *sql.DB
}

func openFlushCounter(in *instance) (*flushCounter, error) {
	pool, err := sql.Open("sqlserver", in.dsn("master"))
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(1)
	return &flushCounter{pool: pool}, nil
}

// flushes returns database db's log flushes so far, or -1 when they cannot
// be read (the figure is then left out).
func (f *flushCounter) flushes(ctx context.Context, db string) int64 {
	if f == nil {
		return -1
	}
	qctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	var n int64
	err := f.pool.QueryRowContext(qctx, `SELECT cntr_value FROM sys.dm_os_performance_counters
		WHERE RTRIM(counter_name) = 'Log Flushes/sec' AND RTRIM(instance_name) = @p1`, db).Scan(&n)
	if err != nil {
		return -1
	}
	return n
}

func (f *flushCounter) close() {
	if f != nil {
		_ = f.pool.Close()
	}
}

// perFlush is commits per flush between two counter readings, or 0 when
// either reading failed or no flush happened.
func perFlush(commits int64, f0, f1 int64) float64 {
	if f0 < 0 || f1 <= f0 {
		return 0
	}
	return float64(commits) / float64(f1-f0)
}
