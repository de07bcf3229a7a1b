package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// execCtx is mustExec under ctx.
func execCtx(t *testing.T, ctx context.Context, s *exec.Session, sql string) []string {
	t.Helper()
	out := &collect{}
	if err := s.ExecBatch(ctx, sql, out); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if len(out.errs) > 0 {
		t.Fatalf("%s: %v", sql, out.errs[0])
	}
	return out.rows
}

// TestDeferredApplyDefers: a row-only commit made under WithDeferredApply
// records its store for DeferredApply.Start when no applier is running
// (while one runs the batch is simply queued for it: the test waits for the
// applier Sync woke to end, which under load can take a while), Start
// forgets it, and DDL and commits under a plain context record nothing.
// (That the store writes nothing before Start is TestApplyDeferredStart's,
// engine/storage.)
func TestDeferredApplyDefers(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, "USE d; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL); INSERT t VALUES (1, 0)")
	store := inst.Database("d").store
	var d DeferredApply
	ctx := WithDeferredApply(context.Background(), &d)

	for i := 1; i <= 5; i++ {
		if err := store.Sync(); err != nil { // nothing queued: the next commit is alone
			t.Fatal(err)
		}
		waitApplierIdle(t, store)
		execCtx(t, ctx, s, fmt.Sprintf("UPDATE t SET v = %d WHERE id = 1", i))
		if len(d.stores) != 1 || d.stores[0] != store {
			t.Fatalf("commit %d under WithDeferredApply with no applier running: %d stores deferred, want its own", i, len(d.stores))
		}
		d.Start()
		if len(d.stores) != 0 {
			t.Fatalf("after Start: %d stores left", len(d.stores))
		}
	}
	if err := store.Sync(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(mustExec(t, s, "SELECT v FROM t WHERE id = 1"), ";"); got != "5" {
		t.Fatalf("v = %s after the updates, want 5", got)
	}

	execCtx(t, ctx, s, "CREATE TABLE u (id int PRIMARY KEY)") // DDL applies at once
	if len(d.stores) != 0 {
		t.Fatal("DDL deferred its apply")
	}
	mustExec(t, s, "INSERT t VALUES (2, 0)") // no DeferredApply in the context
	if len(d.stores) != 0 {
		t.Fatal("a commit without a DeferredApply in its context was deferred")
	}
}

// waitApplierIdle waits until store's applier has ended (it runs on for a
// moment after the write a Sync waited for).
func waitApplierIdle(t *testing.T, store *storage.Badger) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for store.ApplierRunning() {
		if time.Now().After(deadline) {
			t.Fatal("the store's applier still runs 30 s after Sync")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestDeferredApplyNeverStarted: commits whose DeferredApply is never
// started are seen by the same session, by another session, by DDL right
// after them and by a restart — the store's queue does not depend on Start
// (TestReviewQueuedApplyThenDDL's cases, with every commit deferred).
func TestDeferredApplyNeverStarted(t *testing.T) {
	tests := []struct {
		name  string
		after string
		query string
		want  string
	}{
		{"read back", "", "SELECT COUNT(*), SUM(v) FROM t", "20,190"},
		{"update one row", "UPDATE t SET v = 100 WHERE id = 3", "SELECT COUNT(*), SUM(v) FROM t", "20,287"},
		{"drop and create same name", "DROP TABLE t; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)", "SELECT COUNT(*) FROM t", "0"},
		{"truncate", "TRUNCATE TABLE t", "SELECT COUNT(*) FROM t", "0"},
		{"add column", "ALTER TABLE t ADD w int NULL", "SELECT COUNT(*), COUNT(w), SUM(v) FROM t", "20,0,190"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			inst, s := openTestDatabase(t, dir)
			mustExec(t, s, "USE d; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)")
			var d DeferredApply // never started
			ctx := WithDeferredApply(context.Background(), &d)
			for i := range 20 {
				execCtx(t, ctx, s, fmt.Sprintf("INSERT t VALUES (%d, %d)", i, i)) // one commit each
			}
			if tc.after != "" {
				execCtx(t, ctx, s, tc.after)
			}
			other := newTestSession(t, inst, "d")
			for _, ss := range []struct {
				who string
				got []string
			}{{"same session", execCtx(t, ctx, s, tc.query)}, {"other session", mustExec(t, other, tc.query)}} {
				if got := strings.Join(ss.got, ";"); got != tc.want {
					t.Fatalf("%s: %s = %s, want %s", ss.who, tc.query, got, tc.want)
				}
			}
			inst, s = restartTestInstance(t, inst, dir, "d", s, other)
			defer inst.Close()
			if got := strings.Join(mustExec(t, s, tc.query), ";"); got != tc.want {
				t.Fatalf("after restart: %s = %s, want %s", tc.query, got, tc.want)
			}
		})
	}
}

// TestEnsureDeferredApply: a request context derived from a connection's
// base context that carries the session's DeferredApply (tds.BaseContexter)
// is used as it is — no second context per request —, and one without it,
// or carrying another session's, gets the session's. Fails if the base
// context's value is not found through the request's cancel context, or if
// another DeferredApply is taken for the session's.
func TestEnsureDeferredApply(t *testing.T) {
	var mine, other DeferredApply
	base := WithDeferredApply(context.Background(), &mine)
	req, cancel := context.WithCancel(base)
	defer cancel()
	if got := EnsureDeferredApply(req, &mine); got != req {
		t.Fatal("a request context that carries the session's DeferredApply was wrapped again")
	}
	for name, ctx := range map[string]context.Context{
		"none":    context.Background(),
		"another": WithDeferredApply(context.Background(), &other),
	} {
		if d := deferredApplyOf(EnsureDeferredApply(ctx, &mine)); d != &mine {
			t.Fatalf("%s: the context carries %p, want the session's %p", name, d, &mine)
		}
	}
}
