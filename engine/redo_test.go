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
// logged but failed in the mirror wait is redone (conservatively), and the
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
			newSession := func() *exec.Session { return newTestSession(t, inst, "master") }
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
			// A commit whose wait failed is applied all the same (it is in the
			// log); MarkApplied still redoes from it, which must not double it.
			if got := mustExec(t, s, "SELECT COUNT(*) FROM d.dbo.t"); fmt.Sprint(got) != fmt.Sprint([]int{tc.rows}) {
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

// TestCommitRefusedWhenNotServing: once mirroring has set the database's access
// error (a principal becoming mirror, quorum lost, a failover in progress), a
// transaction that was already open appends nothing to the log at COMMIT. The
// log cut of a role change relies on it: a straggler commit appended after the
// cut would make the former principal's log diverge from the new principal's.
func TestCommitRefusedWhenNotServing(t *testing.T) {
	inst := openTestInstance(t, t.TempDir())
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d")
	mustExec(t, s, "CREATE TABLE d.dbo.t (k int PRIMARY KEY)")
	db := inst.Database("d")
	mustExec(t, s, "BEGIN TRAN; INSERT d.dbo.t VALUES (1)")
	end := db.log.FlushedLSN()
	db.SetAccessError(errors.New("acting as mirror"))
	out := &collect{}
	if err := s.ExecBatch(context.Background(), "COMMIT", out); err == nil && len(out.errs) == 0 {
		t.Fatalf("COMMIT while the database does not serve succeeded")
	}
	if got := db.log.FlushedLSN(); got != end {
		t.Errorf("log grew from %s to %s by a commit refused after the access error", end, got)
	}
	db.SetAccessError(nil)
	mustExec(t, s, "IF @@TRANCOUNT > 0 ROLLBACK")
	mustExec(t, s, "INSERT d.dbo.t VALUES (2)")
	if got := mustExec(t, s, "SELECT k FROM d.dbo.t"); fmt.Sprint(got) != "[2]" {
		t.Errorf("rows: %v, want [2] (the refused commit is not applied)", got)
	}
}

// BenchmarkRoleSwapAfterLoad times a principal's BecomeMirror followed by
// BecomePrincipal (a manual failover and the failback) after a load of 100,000
// rows, with the redo position moved by MarkApplied (what mirroring does) and
// without it (the former behaviour: redo replays everything the principal
// committed). Each iteration loads a fresh database; only the role swap is
// timed. Figures: docs/benchmarks-mirroring.md.
func BenchmarkRoleSwapAfterLoad(b *testing.B) {
	for _, mark := range []bool{true, false} {
		name := "replay"
		if mark {
			name = "mark_applied"
		}
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				inst := openTestInstance(b, b.TempDir())
				s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
				if err != nil {
					b.Fatal(err)
				}
				for _, q := range []string{"CREATE DATABASE d", "CREATE TABLE d.dbo.t (k int PRIMARY KEY, v varchar(100))"} {
					if err := s.ExecBatch(ctx, q, &collect{}); err != nil {
						b.Fatal(err)
					}
				}
				for j := 0; j < 100; j++ {
					q := fmt.Sprintf("BEGIN TRAN; DECLARE @i int = 0; WHILE @i < 1000 BEGIN INSERT d.dbo.t VALUES (%d + @i, REPLICATE('x', 80)); SET @i += 1 END; COMMIT", j*1000)
					if err := s.ExecBatch(ctx, q, &collect{}); err != nil {
						b.Fatal(err)
					}
				}
				db := inst.Database("d")
				b.StartTimer()
				if mark {
					if err := db.MarkApplied(ctx, func() txlog.LSN { return 0 }); err != nil {
						b.Fatal(err)
					}
				}
				if err := db.BecomeMirror(ctx); err != nil {
					b.Fatal(err)
				}
				if err := db.BecomePrincipal(ctx); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				_ = inst.Close()
			}
		})
	}
}

// TestMarkAppliedWithoutRecords: a copy restored WITH NORECOVERY that became
// principal and wrote nothing (an idle database's failover) has no record in
// its log. Giving the role back, its redo must start where its log begins:
// it used to start at LSN 1, which that log never held, and every later
// BecomePrincipal failed with "LSN is no longer in the log".
func TestMarkAppliedWithoutRecords(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d")
	mustExec(t, s, "CREATE TABLE d.dbo.t (k int PRIMARY KEY)")
	mustExec(t, s, "INSERT d.dbo.t VALUES (1)")
	bak := dir + "/d.bak"
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+bak+"'")
	mustExec(t, s, "RESTORE DATABASE r FROM DISK = '"+bak+"' WITH NORECOVERY")
	db := inst.Database("r")
	if lsn := db.log.FlushedLSN(); lsn != 0 {
		t.Fatalf("restored log holds record %s; the test needs a log without records", lsn)
	}
	if err := db.BecomePrincipal(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkApplied(ctx, func() txlog.LSN { return 0 }); err != nil {
		t.Fatal(err)
	}
	if err := db.BecomeMirror(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.BecomePrincipal(ctx); err != nil {
		t.Fatalf("BecomePrincipal after giving the role back with no record logged: %v", err)
	}
	if got := mustExec(t, newTestSession(t, inst, "master"), "SELECT k FROM r.dbo.t"); fmt.Sprint(got) != "[1]" {
		t.Errorf("rows: %v, want [1]", got)
	}
}
