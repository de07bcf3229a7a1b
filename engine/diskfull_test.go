package engine

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestLogFailureMapping: the log's sentinels reach clients as SQL Server's
// errors (9002 keeps the database online, 9001 takes it offline) and other
// errors pass through unchanged.
func TestLogFailureMapping(t *testing.T) {
	inst := openTestInstance(t, t.TempDir())
	defer inst.Close()
	s := newTestSession(t, inst, "master")
	defer inst.EndSession(s)
	mustExec(t, s, "CREATE DATABASE d")
	db := inst.Database("d")
	other := errors.New("something else")
	for _, tc := range []struct {
		name      string
		in        error
		number    int32
		severity  uint8
		message   string
		wantState string
	}{
		{name: "log full", in: fmt.Errorf("append: %w: %w", txlog.ErrLogFull, syscall.ENOSPC), number: 9002, severity: 17,
			message: "The transaction log for database 'd' is full due to 'NOTHING'.", wantState: StateOnline},
		{name: "other", in: other, wantState: StateOnline},
		{name: "fsync failed", in: fmt.Errorf("flush log: %w: %w", txlog.ErrFailed, syscall.EIO), number: 9001, severity: 21,
			message: "The log for database 'd' is not available. Check the operating system error log for related error messages. Resolve any errors and restart the database.", wantState: StateOffline},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := db.logFailure(tc.in)
			if !errors.Is(got, tc.in) {
				t.Errorf("mapped error %v does not wrap %v", got, tc.in)
			}
			var e *exec.Error
			if tc.number == 0 {
				if errors.As(got, &e) {
					t.Fatalf("unexpected SQL Server error %d", e.Number)
				}
			} else {
				if !errors.As(got, &e) {
					t.Fatalf("%v: no SQL Server error inside", got)
				}
				if n, sev, _ := e.SQLServerError(); n != tc.number || sev != tc.severity || e.Error() != tc.message {
					t.Errorf("got %d/%d %q, want %d/%d %q", n, sev, e.Error(), tc.number, tc.severity, tc.message)
				}
			}
			if st := db.State(); st != tc.wantState {
				t.Errorf("state %s, want %s", st, tc.wantState)
			}
		})
	}
}

// TestFilegroupFull: with less free space than the store requires, a commit
// fails with 1105 naming the table and index and leaves nothing behind; the
// rows committed before are intact, and with space back (reopened with the
// default reserve) writes work again.
func TestFilegroupFull(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "USE d; CREATE TABLE t (k int CONSTRAINT pk_t PRIMARY KEY, v varchar(10)); INSERT t VALUES (1,'a')")
	inst.EndSession(s)
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}

	var err error
	inst, err = Open(Config{DataDir: dir, ServerName: "t", SAPassword: "pw", Version: "test", MinFreeBytes: 1 << 62})
	if err != nil {
		t.Fatal(err)
	}
	s = newTestSession(t, inst, "d")
	out := &collect{}
	if err := s.ExecBatch(t.Context(), "INSERT t VALUES (2,'b')", out); err != nil {
		t.Fatal(err)
	}
	var e *exec.Error
	if len(out.errs) != 1 || !errors.As(out.errs[0], &e) || e.Number != 1105 || e.Severity != 17 {
		t.Fatalf("errors %v, want one 1105", out.errs)
	}
	if want := "Could not allocate space for object 'dbo.t'.'pk_t' in database 'd' because the 'PRIMARY' filegroup is full."; !strings.HasPrefix(e.Message, want) {
		t.Errorf("message %q, want prefix %q", e.Message, want)
	}
	if got := mustExec(t, s, "SELECT k, v FROM t ORDER BY k"); fmt.Sprint(got) != "[1,a]" {
		t.Fatalf("after 1105: %v", got)
	}
	inst.EndSession(s)
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}

	inst = openTestInstance(t, dir)
	defer inst.Close()
	s = newTestSession(t, inst, "d")
	defer inst.EndSession(s)
	mustExec(t, s, "INSERT t VALUES (3,'c')")
	if got := mustExec(t, s, "SELECT k, v FROM t ORDER BY k"); fmt.Sprint(got) != "[1,a 3,c]" {
		t.Fatalf("space back: %v", got)
	}
}
