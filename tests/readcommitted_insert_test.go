package tests

import (
	"context"
	"database/sql"
	"slices"
	"testing"
)

// Locking READ COMMITTED against rows another transaction inserted or
// deleted and has not committed (issues #4 #5): the reader waits for the
// row's X lock, as SQL Server's does — 1222 under LOCK_TIMEOUT or NOWAIT —
// READPAST passes the row by and NOLOCK reads the committed rows (an
// uncommitted change lives in its transaction's write set, which no other
// session reads).

// TestReadCommittedWaitsForUncommittedRows: scans and seeks, through the
// clustered key and a nonclustered index, of a range holding a row another
// transaction inserted or deleted wait for it; reads of other ranges do not.
func TestReadCommittedWaitsForUncommittedRows(t *testing.T) {
	a, b := lockTestConns(t)
	connExec(t, a, "CREATE INDEX ix_v ON dbo.t (v)")
	ctx := context.Background()
	type read struct {
		q    string
		want int // the result when the read does not wait; -1: it waits (1222)
	}
	tests := []struct {
		name, change string
		reads        []read
	}{
		{"insert", "INSERT dbo.t VALUES (5, 50)", []read{
			{"SELECT COUNT(*) FROM dbo.t", -1},                // full scan
			{"SELECT COUNT(*) FROM dbo.t WHERE k >= 4", -1},   // clustered range
			{"SELECT COUNT(*) FROM dbo.t WHERE k = 5", -1},    // clustered point
			{"SELECT COUNT(*) FROM dbo.t WHERE k <= 3", 3},    // a range without it
			{"SELECT COUNT(*) FROM dbo.t WITH (NOWAIT)", -1},  // at once
			{"SELECT COUNT(*) FROM dbo.t WITH (READPAST)", 3}, // passed by
			{"SELECT COUNT(*) FROM dbo.t WITH (NOLOCK)", 3},   // committed rows
			{"SELECT COUNT(*) FROM dbo.t WHERE v = 20", 1},    // nonclustered seek elsewhere
			{"SELECT SUM(k) FROM dbo.t WHERE k >= 2 AND k <= 3", 5},
		}},
		{"delete", "DELETE dbo.t WHERE k = 2", []read{
			{"SELECT COUNT(*) FROM dbo.t", -1},
			{"SELECT COUNT(*) FROM dbo.t WHERE k >= 2", -1},
			{"SELECT COUNT(*) FROM dbo.t WHERE v = 20", -1}, // through ix_v: the row's lock
			{"SELECT COUNT(*) FROM dbo.t WHERE k = 3", 1},
			{"SELECT COUNT(*) FROM dbo.t WITH (READPAST)", 2},
			{"SELECT COUNT(*) FROM dbo.t WITH (NOLOCK)", 3},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			connExec(t, a, "BEGIN TRAN; "+tc.change)
			defer connExec(t, a, "ROLLBACK")
			connExec(t, b, "SET LOCK_TIMEOUT 200")
			defer connExec(t, b, "SET LOCK_TIMEOUT -1")
			for _, r := range tc.reads {
				var n int
				err := b.QueryRowContext(ctx, r.q).Scan(&n)
				if r.want < 0 {
					wantSQLError(t, err, 1222, "Lock request time out period exceeded.")
					continue
				}
				if err != nil || n != r.want {
					t.Errorf("%s: %d, %v; want %d without waiting", r.q, n, err, r.want)
				}
			}
		})
	}
}

// TestReadCommittedScanWaitsThenReadsCommitted: a scan that waited for an
// uncommitted insert returns once the inserter ends; a nonclustered seek
// that waited for a row's update reads the row as committed and applies
// its condition to that, not to the index entry it found.
func TestReadCommittedScanWaitsThenReadsCommitted(t *testing.T) {
	a, b := lockTestConns(t)
	connExec(t, a, "CREATE INDEX ix_v ON dbo.t (v)")
	ctx := context.Background()
	for _, tc := range []struct {
		name, change, end, read string
		want                    []int
	}{
		{"insert committed", "INSERT dbo.t VALUES (5, 50)", "COMMIT", "SELECT k FROM dbo.t WHERE k >= 2", []int{2, 3}},
		{"insert rolled back", "INSERT dbo.t VALUES (6, 60)", "ROLLBACK", "SELECT k FROM dbo.t WHERE k >= 2", []int{2, 3, 5}},
		{"update through index", "UPDATE dbo.t SET v = 99 WHERE k = 2", "COMMIT", "SELECT k FROM dbo.t WITH (INDEX (ix_v)) WHERE v = 20", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			connExec(t, a, "BEGIN TRAN; "+tc.change)
			t.Cleanup(func() { connErr(a, "IF @@TRANCOUNT > 0 ROLLBACK") }) // a failed case frees the reader
			type result struct {
				ks  []int
				err error
			}
			done := make(chan result, 1)
			go func() {
				ks, err := columnInts(ctx, b, tc.read)
				done <- result{ks, err}
			}()
			waitFor(t, "the reader blocked", func() bool { return blockedSessions(t, a) > 0 })
			connExec(t, a, tc.end)
			r := <-done
			if r.err != nil || !slices.Equal(r.ks, tc.want) {
				t.Fatalf("%s after %s: %v, %v; want %v", tc.read, tc.end, r.ks, r.err, tc.want)
			}
		})
	}
}

// columnInts runs a one-column integer query on c (from any goroutine: it
// reports its error rather than failing the test).
func columnInts(ctx context.Context, c *sql.Conn, q string) ([]int, error) {
	rows, err := c.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var k int
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// blockedSessions counts the requests a session's connection sees waiting
// on a lock.
func blockedSessions(t *testing.T, c *sql.Conn) int {
	t.Helper()
	var n int
	if err := c.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM sys.dm_exec_requests WHERE blocking_session_id = @@SPID").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
