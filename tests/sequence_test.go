package tests

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestSequenceConcurrent: sessions taking NEXT VALUE FOR at the same time
// never get the same value (the allocator hands them out under its mutex).
func TestSequenceConcurrent(t *testing.T) {
	inst, err := engine.Open(engine.Config{DataDir: t.TempDir(), ServerName: "seq", SAPassword: "Seq!Passw0rd1", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close()
	ctx := context.Background()
	run := func(s *exec.Session, q string) []string {
		t.Helper()
		var c eventCollector
		if err := s.ExecBatch(ctx, q, &c); err != nil {
			t.Error(err)
		}
		for _, l := range c.lines {
			if strings.HasPrefix(l, dirError) {
				t.Errorf("%s: %s", q, l)
			}
		}
		return c.lines
	}
	admin, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	run(admin, "CREATE DATABASE seqdb")
	run(admin, "USE seqdb")
	run(admin, "CREATE SEQUENCE dbo.s AS int START WITH 1")
	inst.EndSession(admin)

	const sessions, takes = 4, 25
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for i := 0; i < sessions; i++ {
		s, err := inst.NewSession("sa", "seqdb", exec.SessionInfo{})
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer inst.EndSession(s)
			for j := 0; j < takes; j++ {
				lines := run(s, "SELECT NEXT VALUE FOR dbo.s AS v")
				mu.Lock()
				for _, l := range lines {
					if !strings.HasPrefix(l, "-- expect") {
						seen[l]++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != sessions*takes {
		t.Errorf("%d distinct values for %d takes", len(seen), sessions*takes)
	}
	for v, n := range seen {
		if n > 1 {
			t.Errorf("value %s handed out %d times", v, n)
		}
	}
}

// TestSequenceNotTransactional: as in SQL Server, a rolled-back transaction
// does not give its sequence values back, a transaction that took a value
// blocks no other session's NEXT VALUE FOR (LOCK_TIMEOUT 0 would report
// 1222), and after SIGKILL and restart no value is handed out again (values
// may be skipped, up to the allocator's cache of 50).
func TestSequenceNotTransactional(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "seqtx"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE seqtx")
	db := srv.DB("seqtx")
	mustExec(t, db, "CREATE SEQUENCE dbo.s AS int START WITH 1")
	ctx := t.Context()
	next := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}) int64 {
		t.Helper()
		var v int64
		if err := q.QueryRowContext(ctx, "SELECT NEXT VALUE FOR dbo.s").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	seen := map[int64]bool{}
	take := func(v int64) {
		t.Helper()
		if seen[v] {
			t.Fatalf("value %d handed out twice", v)
		}
		seen[v] = true
	}

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	take(next(tx))
	take(next(tx))
	// Another session while tx is open and holds its values.
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "SET LOCK_TIMEOUT 0"); err != nil {
		t.Fatal(err)
	}
	take(next(conn))
	conn.Close()
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if v := next(db); v != 4 {
		t.Fatalf("after rollback: next value %d, want 4 (rolled-back values are not reused)", v)
	} else {
		take(v)
	}

	srv.Kill()
	srv.Restart()
	db = srv.DB("seqtx")
	v := next(db)
	take(v)
	if v <= 4 || v > 4+50 {
		t.Fatalf("after SIGKILL: next value %d, want in (4, 54]", v)
	}
	take(next(db))

	// ALTER … RESTART starts over; a restart after it keeps to the new run.
	mustExec(t, db, "ALTER SEQUENCE dbo.s RESTART WITH 1000")
	if v := next(db); v != 1000 {
		t.Fatalf("after RESTART WITH 1000: %d", v)
	}
	srv.Kill()
	srv.Restart()
	db = srv.DB("seqtx")
	if v := next(db); v <= 1000 || v > 1050 {
		t.Fatalf("after RESTART and SIGKILL: next value %d, want in (1000, 1050]", v)
	}
}
