package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// TestConcurrentDDLKeepsEveryObject runs DDL of several kinds in many sessions
// at once on one database. A transaction's DDL works on a copy of the catalog
// that is published whole at commit, so without a lock held from the copy to
// the commit, two copies taken side by side lose one of the changes. Every
// object must exist afterwards and after a restart.
func TestConcurrentDDLKeepsEveryObject(t *testing.T) {
	const n = 12
	tests := []struct {
		name  string
		ddl   string // %d is the session number
		count string // counts the objects created
	}{
		{"create table", "CREATE TABLE t%d (k int PRIMARY KEY)", "SELECT COUNT(*) FROM sys.tables WHERE name LIKE 't%'"},
		{"create schema", "CREATE SCHEMA s%d", "SELECT COUNT(*) FROM sys.schemas WHERE name LIKE 's[0-9]%'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			inst := openTestInstance(t, dir)
			setup := newTestSession(t, inst, "master")
			mustExec(t, setup, "CREATE DATABASE d")
			sessions := make([]*exec.Session, n)
			for i := range sessions {
				sessions[i] = newTestSession(t, inst, "d")
			}
			errs := make([]error, n)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i, s := range sessions {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					out := &collect{}
					errs[i] = s.ExecBatch(context.Background(), fmt.Sprintf(tc.ddl, i), out)
					if errs[i] == nil && len(out.errs) > 0 {
						errs[i] = out.errs[0]
					}
				}()
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("session %d: %v", i, err)
				}
			}
			want := fmt.Sprint([]string{fmt.Sprint(n)})
			if got := mustExec(t, setup, "USE d; "+tc.count); fmt.Sprint(got) != want {
				t.Errorf("objects after concurrent DDL: %v, want %s", got, want)
			}
			for _, s := range sessions {
				inst.EndSession(s)
			}
			var s *exec.Session
			inst, s = restartTestInstance(t, inst, dir, "d", setup)
			defer inst.Close()
			if got := mustExec(t, s, tc.count); fmt.Sprint(got) != want {
				t.Errorf("objects after restart: %v, want %s", got, want)
			}
		})
	}
}

// TestDDLWaitingOnADrop: a DDL statement resolves its table, then waits for the
// table's schema lock held by a transaction that drops the table. Once that
// commits, the waiting statement must see that the table is gone (it used to
// continue with the stale definition and dereference a nil table: a server
// panic).
func TestDDLWaitingOnADrop(t *testing.T) {
	tests := []struct {
		stmt string
		want int32 // error number, 0 for none
	}{
		{"ALTER TABLE t ADD c int", 208},
		{"CREATE INDEX ix ON t (v)", 208},
		{"DROP INDEX t.ix0", 208},
		{"TRUNCATE TABLE t", 208},
		{"EXEC sp_rename 't.v', 'w', 'COLUMN'", 208},
		{"EXEC sp_rename 't', 'u'", 208},
		{"DROP TABLE t", 3701},
		{"DROP TABLE IF EXISTS t", 0},
	}
	for _, tc := range tests {
		t.Run(tc.stmt, func(t *testing.T) {
			inst := openTestInstance(t, t.TempDir())
			t.Cleanup(func() { _ = inst.Close() })
			setup := newTestSession(t, inst, "master")
			mustExec(t, setup, "CREATE DATABASE d")
			s1 := newTestSession(t, inst, "d")
			s2 := newTestSession(t, inst, "d")
			mustExec(t, s1, "CREATE TABLE t (k int PRIMARY KEY, v int); CREATE INDEX ix0 ON t (v)")
			mustExec(t, s1, "BEGIN TRAN; DROP TABLE t")
			waitsBefore := countWaits(inst)
			done := make(chan *collect, 1)
			go func() {
				out := &collect{}
				if err := s2.ExecBatch(context.Background(), tc.stmt, out); err != nil {
					out.errs = append(out.errs, err)
				}
				done <- out
			}()
			for countWaits(inst) == waitsBefore {
				runtime.Gosched() // until s2 waits for the table's lock
			}
			mustExec(t, s1, "COMMIT")
			out := <-done
			var got int32
			if len(out.errs) > 0 {
				var e *exec.Error
				if !errors.As(out.errs[0], &e) {
					t.Fatalf("error %v is not a SQL Server error", out.errs[0])
				}
				got = e.Number
			}
			if got != tc.want {
				t.Errorf("error %d (%v), want %d", got, out.errs, tc.want)
			}
		})
	}
}

// countWaits is how many lock requests are waiting.
func countWaits(inst *Instance) int {
	n := 0
	for _, l := range inst.Locks().Locks() {
		if l.Status == txn.StatusWait {
			n++
		}
	}
	return n
}
