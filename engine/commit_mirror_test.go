package engine

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestCommitMirrorWaitSeesWrittenLog: the mirror wait of a commit is entered
// only once the commit's log is written (so the mirroring sender can ship it;
// txlog/written.go) and durable here, and the writes are applied only after
// both. A wait that needs the log to be written must not deadlock the commit
// (it would if Commit waited for the mirror before asking the flusher to write
// the block), and a failed wait leaves the writes unapplied.
func TestCommitMirrorWaitSeesWrittenLog(t *testing.T) {
	for _, tc := range []struct {
		name    string
		waitErr error
		rows    string
	}{
		{name: "mirror hardens", rows: "[1]"},
		// The client gets the wait's error, but the commit is in the log and
		// so in the store (engine/failed_wait_test.go).
		{name: "mirror wait fails", waitErr: errors.New("mirror lost"), rows: "[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inst := openTestInstance(t, t.TempDir())
			t.Cleanup(func() { _ = inst.Close() })
			s := newTestSession(t, inst, "master")
			mustExec(t, s, "CREATE DATABASE d")
			mustExec(t, s, "CREATE TABLE d.dbo.t (k int PRIMARY KEY)")
			db := inst.Database("d")
			var seen []string
			db.SetMirrorWait(func(ctx context.Context, lsn txlog.LSN) error {
				// Like the mirroring manager: released only once the log is
				// written (shipped); bounded so that a deadlock fails the test.
				deadline := time.Now().Add(10 * time.Second)
				for db.log.WrittenLSN() < lsn {
					if time.Now().After(deadline) {
						return fmt.Errorf("log at %s never written", lsn)
					}
					time.Sleep(time.Millisecond)
				}
				if db.log.FlushedLSN() < lsn {
					seen = append(seen, "not durable")
				}
				return tc.waitErr
			})
			out := &collect{}
			if err := s.ExecBatch(context.Background(), "INSERT d.dbo.t VALUES (1)", out); err != nil {
				t.Fatal(err)
			}
			if (len(out.errs) > 0) != (tc.waitErr != nil) {
				t.Errorf("insert errors %v, want the wait's error: %v", out.errs, tc.waitErr)
			}
			if len(seen) > 0 {
				t.Errorf("mirror wait entered before the commit was durable here")
			}
			db.SetMirrorWait(nil)
			if got := mustExec(t, s, "SELECT COUNT(*) FROM d.dbo.t"); fmt.Sprint(got) != tc.rows {
				t.Errorf("rows %v, want %s", got, tc.rows)
			}
		})
	}
}
