package engine

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewGroupCommitVisibleBeforeUnlock (review of 4244ddc): with commits
// combined into group writes, a commit's rows must be in the store before
// its locks are released. Sessions increment shared counters (read-modify-
// write under the row's X lock) and insert their own rows concurrently; a
// commit that released its lock before its write was visible would let the
// next one read the old value and lose an increment. After a restart the
// totals must be the same (every acknowledged commit is in the log).
func TestReviewGroupCommitVisibleBeforeUnlock(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "USE d; CREATE TABLE c (k int PRIMARY KEY, n int NOT NULL); INSERT c VALUES (0,0),(1,0); CREATE TABLE r (id int PRIMARY KEY, w int NOT NULL)")
	const sessions, per = 12, 40
	var wg sync.WaitGroup
	errs := make(chan error, sessions)
	for g := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ss, err := inst.NewSession("sa", "d", exec.SessionInfo{})
			if err != nil {
				errs <- err
				return
			}
			defer inst.EndSession(ss)
			for i := range per {
				q := fmt.Sprintf("UPDATE c SET n = n + 1 WHERE k = %d; INSERT r VALUES (%d, %d)", (g+i)%2, g*1000+i, g)
				if i%3 == 0 {
					// Both counters, always in key order (no deadlock).
					q = fmt.Sprintf("BEGIN TRAN; UPDATE c SET n = n + 1 WHERE k = 0; UPDATE c SET n = n + 1 WHERE k = 1; INSERT r VALUES (%d, %d); COMMIT", g*1000+i, g)
				}
				out := &collect{}
				if err := ss.ExecBatch(context.Background(), q, out); err != nil {
					errs <- err
					return
				}
				if len(out.errs) > 0 {
					errs <- out.errs[0]
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	want := 0
	for i := range per {
		want++
		if i%3 == 0 {
			want++
		}
	}
	want *= sessions
	check := func(s *exec.Session, when string) {
		t.Helper()
		got := mustExec(t, s, "SELECT SUM(n) FROM c; SELECT COUNT(*) FROM r")
		if fmt.Sprint(got) != fmt.Sprintf("[%d %d]", want, sessions*per) {
			t.Fatalf("%s: counters and rows %v, want [%d %d]", when, got, want, sessions*per)
		}
	}
	if db := inst.Database("d"); db != nil {
		writes, batches := db.store.LaterStats()
		t.Logf("%d commits in %d store writes", batches, writes)
	}
	mustExec(t, s, "USE d")
	check(s, "before restart")
	inst, s = restartTestInstance(t, inst, dir, "d", s)
	defer inst.Close()
	check(s, "after restart")
}
