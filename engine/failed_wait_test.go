package engine

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestFailedMirrorWaitStoreMatchesLog: a commit whose mirror wait fails is in
// the log (durable, possibly hardened by the mirror). When the database then
// goes on as principal (quorum regained, the mirroring session stopped) its
// store must agree with its own log, as replayed by a log restore or by the
// mirror's redo: the commit is applied although its client got the error.
func TestFailedMirrorWaitStoreMatchesLog(t *testing.T) {
	tests := []struct {
		name   string
		failed string // the commit whose mirror wait fails
		after  string // a commit once the database serves on
		want   string
	}{
		{"insert", "INSERT d.dbo.t VALUES (1)", "INSERT d.dbo.t VALUES (2)", "[0 1 2]"},
		{"delete", "DELETE d.dbo.t WHERE k = 0", "INSERT d.dbo.t VALUES (2)", "[2]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			inst := openTestInstance(t, dir)
			t.Cleanup(func() { _ = inst.Close() })
			s := newTestSession(t, inst, "master")
			full, lg := filepath.Join(dir, "f.bak"), filepath.Join(dir, "l.bak")
			mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL")
			mustExec(t, s, "CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (0)")
			mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+full+"'")
			db := inst.Database("d")
			db.SetMirrorWait(func(context.Context, txlog.LSN) error { return errors.New("mirror lost") })
			out := &collect{}
			if err := s.ExecBatch(context.Background(), tc.failed, out); err != nil {
				t.Fatal(err)
			}
			if len(out.errs) == 0 {
				t.Fatal("the commit did not report its failed mirror wait")
			}
			db.SetMirrorWait(nil) // the database serves on as principal
			mustExec(t, s, tc.after)
			mustExec(t, s, "BACKUP LOG d TO DISK = '"+lg+"'")
			mustExec(t, s, "RESTORE DATABASE d2 FROM DISK = '"+full+"' WITH NORECOVERY")
			mustExec(t, s, "RESTORE LOG d2 FROM DISK = '"+lg+"' WITH RECOVERY")
			fromLog := fmt.Sprint(mustExec(t, s, "SELECT k FROM d2.dbo.t ORDER BY k"))
			if fromLog != tc.want {
				t.Fatalf("log replay gives %s, want %s", fromLog, tc.want)
			}
			if got := fmt.Sprint(mustExec(t, s, "SELECT k FROM d.dbo.t ORDER BY k")); got != fromLog {
				t.Errorf("the database shows %s, its own log %s", got, fromLog)
			}
		})
	}
}
