package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	sqlexec "github.com/mirrorsql/mirrorsql/engine/exec"
)

// noticed is a collect that also keeps the numbers of informational
// messages (4322, 4329, 3920 …).
type noticed struct {
	collect
	msgs []int32
}

func (n *noticed) Message(e *sqlexec.Error) error { n.msgs = append(n.msgs, e.Number); return nil }

// execNotices runs sql, which must succeed, and returns its messages' numbers.
func execNotices(t *testing.T, s *sqlexec.Session, sql string) []int32 {
	t.Helper()
	out := &noticed{}
	if err := s.ExecBatch(context.Background(), sql, out); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if len(out.errs) > 0 {
		t.Fatalf("%s: %v", sql, out.errs[0])
	}
	return out.msgs
}

// one runs sql and returns its rows joined by spaces.
func one(t *testing.T, s *sqlexec.Session, sql string) string {
	t.Helper()
	return strings.Join(mustExec(t, s, sql), " ")
}

// pointInTimeSetup makes database d (FULL) with rows 1-3, a full backup,
// row 4, then notes the time (returned as datetime2 text), deletes rows
// 1-2 (the bad DELETE), adds row 5, and takes the tail-log backup WITH
// NORECOVERY (d is then RESTORING), as Microsoft's point-in-time example
// does before its restore sequence. before is a time before the full backup.
func pointInTimeSetup(t *testing.T, s *sqlexec.Session) (before, noted string) {
	t.Helper()
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1), (2), (3)")
	before = one(t, s, "SELECT CONVERT(varchar(27), SYSDATETIME(), 121)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'pit_full.bak' WITH INIT")
	mustExec(t, s, "INSERT d.dbo.t VALUES (4)")
	noted = one(t, s, "SELECT CONVERT(varchar(27), SYSDATETIME(), 121)")
	mustExec(t, s, "DELETE d.dbo.t WHERE k < 3")
	mustExec(t, s, "INSERT d.dbo.t VALUES (5)")
	mustExec(t, s, "BACKUP LOG d TO DISK = 'pit_log.trn' WITH INIT, NORECOVERY")
	return before, noted
}

// TestRestoreStopAt restores to the time noted before a bad DELETE: the
// deleted rows are back and the later row is absent, and the database
// takes new work and log backups from there. WITH NORECOVERY the sequence
// ends at the point (4332 for more log; RESTORE … WITH RECOVERY finishes
// it), a point beyond the backup leaves the database RESTORING (4322), and
// a point before the data backup is 4338 (RESTORE DATABASE) or 4335
// (RESTORE LOG). Before, STOPAT was ignored: every row of the log came back
// (1 2 … were deleted, 5 was there).
func TestRestoreStopAt(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	before, noted := pointInTimeSetup(t, s)
	rows := "SELECT k FROM d.dbo.t ORDER BY k"

	mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'pit_full.bak' WITH NORECOVERY")
	mustExec(t, s, "RESTORE LOG d FROM DISK = 'pit_log.trn' WITH RECOVERY, STOPAT = '"+noted+"'")
	if got := one(t, s, rows); got != "1 2 3 4" {
		t.Fatalf("after RESTORE LOG … STOPAT: rows %q, want 1 2 3 4", got)
	}
	// The recovered database continues from the point: new work, a log
	// backup that restores after the full backup and the cut log.
	mustExec(t, s, "INSERT d.dbo.t VALUES (6); BACKUP LOG d TO DISK = 'pit_after.trn' WITH INIT")
	mustExec(t, s, "INSERT d.dbo.t VALUES (7)")

	// The same WITH NORECOVERY: stopped at the point, then RECOVERY.
	mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'pit_full.bak' WITH NORECOVERY, REPLACE")
	mustExec(t, s, "RESTORE LOG d FROM DISK = 'pit_log.trn' WITH NORECOVERY, STOPAT = '"+noted+"'")
	if got := execNumber(t, s, "RESTORE LOG d FROM DISK = 'pit_after.trn' WITH NORECOVERY"); got != 4332 {
		t.Errorf("more log after the stop point: %d, want 4332", got)
	}
	mustExec(t, s, "RESTORE DATABASE d WITH RECOVERY")
	if got := one(t, s, rows); got != "1 2 3 4" {
		t.Fatalf("after STOPAT WITH NORECOVERY, then RECOVERY: rows %q, want 1 2 3 4", got)
	}

	// A point after the backup: all of it, and the database keeps restoring.
	mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'pit_full.bak' WITH NORECOVERY, REPLACE")
	msgs := execNotices(t, s, "RESTORE LOG d FROM DISK = 'pit_log.trn' WITH RECOVERY, STOPAT = '2999-01-01'")
	if len(msgs) == 0 || msgs[0] != 4322 {
		t.Errorf("STOPAT after the log backup: messages %v, want 4322 first", msgs)
	}
	if got := one(t, s, "SELECT state_desc FROM sys.databases WHERE name = 'd'"); got != "RESTORING" {
		t.Errorf("STOPAT after the log backup: %s, want RESTORING", got)
	}
	mustExec(t, s, "RESTORE DATABASE d WITH RECOVERY")
	if got := one(t, s, rows); got != "3 4 5" {
		t.Errorf("the whole log: rows %q, want 3 4 5", got)
	}

	// Points before the data backup.
	if got := execNumber(t, s, "RESTORE DATABASE d FROM DISK = 'pit_full.bak' WITH NORECOVERY, REPLACE, STOPAT = '"+before+"'"); got != 4338 {
		t.Errorf("RESTORE DATABASE … STOPAT before the backup: %d, want 4338", got)
	}
	mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'pit_full.bak' WITH NORECOVERY, REPLACE, STOPAT = '"+noted+"'")
	if got := execNumber(t, s, "RESTORE LOG d FROM DISK = 'pit_log.trn' WITH STOPAT = '"+before+"'"); got != 4335 {
		t.Errorf("RESTORE LOG … STOPAT before the data backup: %d, want 4335", got)
	}
	mustExec(t, s, "RESTORE LOG d FROM DISK = 'pit_log.trn' WITH STOPAT = '"+noted+"'")
	if got := one(t, s, rows); got != "1 2 3 4" {
		t.Errorf("after a refused STOPAT and the right one: rows %q, want 1 2 3 4", got)
	}

	// What the restore left is the log: a restart's recovery agrees.
	inst, s = restartTestInstance(t, inst, dir, "master", s)
	t.Cleanup(func() { _ = inst.Close() })
	if got := one(t, s, rows); got != "1 2 3 4" {
		t.Errorf("after a restart: rows %q, want 1 2 3 4", got)
	}
}

// TestRestoreStopAtMark marks the transaction of a price update (BEGIN TRAN
// … WITH MARK), lists it in msdb.dbo.logmarkhistory, and restores the log
// to the mark (the update is there, later work is not), before it (the
// update is not), and to the mark's LSN as 'lsn:<number>'. A mark needs a
// transaction name (3901); a second one in a transaction is ignored (3920);
// an unknown mark leaves the database RESTORING (4329). Before, WITH MARK
// was dropped by the parser and STOPATMARK ignored.
func TestRestoreStopAtMark(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.p (k int PRIMARY KEY, price int); INSERT d.dbo.p VALUES (1, 10), (2, 20)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'mark_full.bak' WITH INIT")
	mustExec(t, s, "INSERT d.dbo.p VALUES (3, 30)")
	msgs := execNotices(t, s, `BEGIN TRAN PriceUpdate WITH MARK 'Update product list prices'
		UPDATE d.dbo.p SET price = price * 2
		BEGIN TRAN M2 WITH MARK 'ignored'
		COMMIT
		COMMIT TRAN PriceUpdate`)
	if len(msgs) != 1 || msgs[0] != 3920 {
		t.Errorf("a second WITH MARK: messages %v, want [3920]", msgs)
	}
	out := &collect{}
	if err := s.ExecBatch(context.Background(), "BEGIN TRAN WITH MARK 'no name'", out); err != nil {
		out.errs = append(out.errs, err)
	}
	var se *sqlexec.Error
	if len(out.errs) != 1 || !errors.As(out.errs[0], &se) || se.Number != 3901 {
		t.Errorf("WITH MARK without a name: %v, want 3901", out.errs)
	}
	if got := one(t, s, "SELECT @@TRANCOUNT"); got != "0" {
		t.Errorf("after 3901: @@TRANCOUNT %s, want 0", got)
	}
	mustExec(t, s, "INSERT d.dbo.p VALUES (4, 40)")
	hist := one(t, s, "SELECT database_name + '|' + mark_name + '|' + description + '|' + user_name FROM msdb.dbo.logmarkhistory")
	if hist != "d|PriceUpdate|Update product list prices|sa" {
		t.Errorf("msdb.dbo.logmarkhistory: %q", hist)
	}
	lsn := one(t, s, "SELECT CONVERT(varchar(30), lsn) FROM msdb.dbo.logmarkhistory")
	mustExec(t, s, "BACKUP LOG d TO DISK = 'mark_log.trn' WITH INIT, NORECOVERY")

	rows := "SELECT CONVERT(varchar(10), k) + ':' + CONVERT(varchar(10), price) FROM d.dbo.p ORDER BY k"
	for _, c := range []struct{ with, want string }{
		{"STOPATMARK = 'PriceUpdate'", "1:20 2:40 3:60"},
		{"STOPATMARK = N'PriceUpdate' AFTER '2000-01-01'", "1:20 2:40 3:60"},
		{"STOPBEFOREMARK = 'PriceUpdate'", "1:10 2:20 3:30"},
		{"STOPATMARK = 'lsn:" + lsn + "'", "1:20 2:40 3:60"},
		{"STOPBEFOREMARK = 'lsn:" + lsn + "'", "1:10 2:20 3:30"},
	} {
		mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'mark_full.bak' WITH NORECOVERY, REPLACE")
		mustExec(t, s, "RESTORE LOG d FROM DISK = 'mark_log.trn' WITH RECOVERY, "+c.with)
		if got := one(t, s, rows); got != c.want {
			t.Errorf("%s: rows %q, want %q", c.with, got, c.want)
		}
	}

	mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'mark_full.bak' WITH NORECOVERY, REPLACE")
	for _, with := range []string{"STOPATMARK = 'NoSuchMark'", "STOPATMARK = 'PriceUpdate' AFTER '2999-01-01'"} {
		mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'mark_full.bak' WITH NORECOVERY, REPLACE")
		msgs = execNotices(t, s, "RESTORE LOG d FROM DISK = 'mark_log.trn' WITH RECOVERY, "+with)
		if len(msgs) == 0 || msgs[0] != 4329 {
			t.Errorf("%s: messages %v, want 4329 first", with, msgs)
		}
		if got := one(t, s, "SELECT state_desc FROM sys.databases WHERE name = 'd'"); got != "RESTORING" {
			t.Errorf("%s: %s, want RESTORING", with, got)
		}
	}
	if got := execNumber(t, s, "RESTORE DATABASE d FROM DISK = 'mark_full.bak' WITH NORECOVERY, REPLACE, STOPATMARK = 'PriceUpdate'"); got != 4340 {
		t.Errorf("RESTORE DATABASE … STOPATMARK without a time: %d, want 4340", got)
	}
	if got := execNumber(t, s, "RESTORE LOG d FROM DISK = 'mark_log.trn' WITH STOPATMARK = 'lsn:12x'"); got != 4334 {
		t.Errorf("STOPATMARK = 'lsn:12x': %d, want 4334", got)
	}
}
