package engine

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestMarkApplied: a principal that becomes mirror restarts redo after the log
// it applied itself, not where redo last stopped, except that a commit that was
// logged but failed in the mirror wait (never applied) is redone, and the
// failback's BecomePrincipal finds every row exactly once.
func TestMarkApplied(t *testing.T) {
	for _, tc := range []struct {
		name   string
		failAt int // the insert (1-based) whose mirror wait fails; 0 for none
		rows   int
	}{
		{name: "nothing failed", rows: 20},
		{name: "a commit failed in the mirror wait", failAt: 7, rows: 20},
		{name: "the last commit failed", failAt: 20, rows: 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			inst := openTestInstance(t, t.TempDir())
			t.Cleanup(func() { _ = inst.Close() })
			newSession := func() *exec.Session {
				s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			s := newSession()
			mustExec(t, s, "CREATE DATABASE d")
			mustExec(t, s, "CREATE TABLE d.dbo.t (k int PRIMARY KEY)")
			db := inst.Database("d")
			stale := db.redoPos

			var n atomic.Int64
			var failed, lastGood txlog.LSN
			db.SetMirrorWait(func(_ context.Context, lsn txlog.LSN) error {
				if int(n.Add(1)) == tc.failAt {
					failed = lsn
					return errors.New("mirror wait shut")
				}
				if failed == 0 {
					lastGood = lsn
				}
				return nil
			})
			for k := 1; k <= tc.rows; k++ {
				out := &collect{}
				if err := s.ExecBatch(ctx, fmt.Sprintf("INSERT d.dbo.t VALUES (%d)", k), out); err != nil {
					t.Fatal(err)
				}
				if (len(out.errs) > 0) != (k == tc.failAt) {
					t.Fatalf("insert %d: errors %v", k, out.errs)
				}
			}
			db.SetMirrorWait(nil)
			if got := mustExec(t, s, "SELECT COUNT(*) FROM d.dbo.t"); fmt.Sprint(got) != fmt.Sprint([]int{tc.rows - min(tc.failAt, 1)}) {
				t.Fatalf("rows before the role change: %v", got)
			}

			if err := db.MarkApplied(ctx, func() txlog.LSN { return failed }); err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.failAt == 0 && db.redoPos != db.log.FlushedLSN()+1:
				t.Errorf("redo position %s, want after the last durable record %s", db.redoPos, db.log.FlushedLSN())
			case tc.failAt != 0 && (db.redoPos > failed || db.redoPos <= lastGood):
				t.Errorf("redo position %s, want in (%s, %s]: after the applied commits, at the failed one's records", db.redoPos, lastGood, failed)
			case db.redoPos <= stale:
				t.Errorf("redo position %s did not move past the stale %s", db.redoPos, stale)
			}

			if err := db.BecomeMirror(ctx); err != nil {
				t.Fatal(err)
			}
			if err := db.BecomePrincipal(ctx); err != nil {
				t.Fatal(err)
			}
			got := mustExec(t, newSession(), "SELECT COUNT(*), COUNT(DISTINCT k), MIN(k), MAX(k) FROM d.dbo.t")
			if want := fmt.Sprintf("[%d,%d,1,%d]", tc.rows, tc.rows, tc.rows); fmt.Sprint(got) != want {
				t.Errorf("rows after mirror and back: %v, want %s (the failed commit redone, the others once)", got, want)
			}
		})
	}
}
