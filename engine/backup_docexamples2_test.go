package engine

import (
	"fmt"
	"strings"
	"testing"

	sqlexec "github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestDocMirroredMediaAppend runs BACKUP's examples E and G on disk: a
// mirrored media set is created WITH FORMAT (E), and a later backup is
// appended to it WITH NOINIT naming the same mirrors and MEDIANAME (G);
// both copies then hold both sets, and a restore from the mirror alone
// reads them. A mirrored backup onto new media without FORMAT is still
// 3215, and one whose mirrors are not the media set's is too. Before, G
// was refused with 3215.
func TestDocMirroredMediaAppend(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	// E. Create and back up to a single-family mirrored media set.
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'tape0.bak' MIRROR TO DISK = 'tape1.bak' WITH FORMAT, MEDIANAME = 'AdventureWorksSet0';")
	mustExec(t, s, "INSERT d.dbo.t VALUES (2)")
	// G. Back up to an existing mirrored media set.
	mustExec(t, s, "BACKUP LOG d TO DISK = 'tape0.bak' MIRROR TO DISK = 'tape1.bak' WITH NOINIT, MEDIANAME = 'AdventureWorksSet0';")
	for _, f := range []string{"tape0.bak", "tape1.bak"} {
		if n := len(mustExec(t, s, "RESTORE HEADERONLY FROM DISK = '"+f+"'")); n != 2 {
			t.Errorf("%s holds %d sets, want 2", f, n)
		}
	}
	mustExec(t, s, "RESTORE DATABASE c FROM DISK = 'tape1.bak' WITH FILE = 1, NORECOVERY, MOVE 'd' TO 'c_d', MOVE 'd_log' TO 'c_l'")
	mustExec(t, s, "RESTORE LOG c FROM DISK = 'tape1.bak' WITH FILE = 2, RECOVERY")
	if got := one(t, s, "SELECT COUNT(*) FROM c.dbo.t"); got != "2" {
		t.Errorf("restored from the mirror: %s rows, want 2", got)
	}
	for _, sql := range []string{
		"BACKUP LOG d TO DISK = 'tape0.bak' MIRROR TO DISK = 'other.bak' WITH NOINIT",   // not the set's mirror
		"BACKUP LOG d TO DISK = 'fresh0.bak' MIRROR TO DISK = 'fresh1.bak' WITH NOINIT", // new media
		"BACKUP LOG d TO DISK = 'tape0.bak' MIRROR TO DISK = 'tape1.bak' MIRROR TO DISK = 'tape2.bak' WITH NOINIT",
	} {
		if got := execNumber(t, s, sql); got != 3215 {
			t.Errorf("%s: %d, want 3215", sql, got)
		}
	}
}

// TestDocRestoreStopAtSequence runs RESTORE's example E and the "Restore a
// SQL Server Database to a Point in Time (Full Recovery Model)" page's
// restore sequence against a logical backup device holding five sets (an
// older full and log backup, then the full backup FILE = 3 and the log
// backups FILE = 4 and 5): RESTORE DATABASE … FILE = 3, NORECOVERY, each
// RESTORE LOG … NORECOVERY, STOPAT, then RESTORE DATABASE … WITH RECOVERY.
// The point lies in the last log backup: FILE = 4 ends before it (4322),
// FILE = 5 stops there. The pages' own time, 'Apr 15, 2020 12:00 AM', is
// before the full backup: 4335.
func TestDocRestoreStopAtSequence(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "EXEC sp_addumpdevice 'disk', 'AdventureWorks2022Backups', 'AdventureWorks2022Backups.bak'")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	dev := "AdventureWorks2022Backups"
	mustExec(t, s, "BACKUP DATABASE d TO "+dev+" WITH FORMAT")
	mustExec(t, s, "INSERT d.dbo.t VALUES (2); BACKUP LOG d TO "+dev)
	mustExec(t, s, "INSERT d.dbo.t VALUES (3); BACKUP DATABASE d TO "+dev)
	mustExec(t, s, "INSERT d.dbo.t VALUES (4); BACKUP LOG d TO "+dev)
	mustExec(t, s, "INSERT d.dbo.t VALUES (5)")
	noted := one(t, s, "SELECT CONVERT(varchar(27), SYSDATETIME(), 121)")
	mustExec(t, s, "DELETE d.dbo.t")
	mustExec(t, s, "BACKUP LOG d TO "+dev+" WITH NORECOVERY")
	if n := len(mustExec(t, s, "RESTORE HEADERONLY FROM "+dev)); n != 5 {
		t.Fatalf("the device holds %d sets, want 5", n)
	}

	// A. Restore a full database (from the logical device).
	mustExec(t, s, "RESTORE DATABASE a FROM "+dev+" WITH MOVE 'd' TO 'a_d', MOVE 'd_log' TO 'a_l';")
	if got := one(t, s, "SELECT COUNT(*) FROM a.dbo.t"); got != "1" {
		t.Errorf("example A: %s rows, want 1", got)
	}

	mustExec(t, s, "RESTORE DATABASE d FROM "+dev+" WITH FILE=3, NORECOVERY;")
	if got := errorNumbers(t, s, "RESTORE LOG d FROM "+dev+" WITH FILE=4, NORECOVERY, STOPAT = 'Apr 15, 2020 12:00 AM';"); fmt.Sprint(got) != "[4335 3013]" {
		t.Errorf("STOPAT 'Apr 15, 2020 12:00 AM': %v, want [4335 3013]", got)
	}
	if got := execNotices(t, s, "RESTORE LOG d FROM "+dev+" WITH FILE=4, NORECOVERY, STOPAT = '"+noted+"';"); !strings.Contains(fmt.Sprint(got), "4322") {
		t.Errorf("FILE=4, before the point: notices %v, want 4322", got)
	}
	mustExec(t, s, "RESTORE LOG d FROM "+dev+" WITH FILE=5, NORECOVERY, STOPAT = '"+noted+"';")
	mustExec(t, s, "RESTORE DATABASE d WITH RECOVERY;")
	if got := one(t, s, "SELECT k FROM d.dbo.t ORDER BY k"); got != "1 2 3 4 5" {
		t.Errorf("restored to the point: %q, want 1 2 3 4 5", got)
	}
	// BACKUP, J. Track the progress of backup statement (none runs now).
	if got := mustExec(t, s, `SELECT query = a.text, start_time, percent_complete,
    eta = dateadd(second,estimated_completion_time/1000, getdate())
FROM sys.dm_exec_requests r
    CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) a
WHERE r.command LIKE 'BACKUP%'`); len(got) != 0 {
		t.Errorf("example J: %q, want no rows", got)
	}
}

// TestDocMarkedTransactionsAcrossDatabases runs the example of "Use Marked
// Transactions to Recover Related Databases Consistently" on one server:
// sp_SetMark marks a transaction in its database (BEGIN TRANSACTION @name
// WITH MARK), sp_MarkAll calls it for each database inside one
// transaction, and each database restored WITH STOPATMARK = 'Mark1'
// stops at the same point: the work before the mark and the mark's update
// are there, the work after it is not. msdb.dbo.logmarkhistory has the
// mark once per database.
func TestDocMarkedTransactionsAcrossDatabases(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	dbs := []string{"coyote0", "coyote1", "coyote2"}
	for _, db := range dbs {
		mustExec(t, s, "CREATE DATABASE "+db+"; ALTER DATABASE "+db+" SET RECOVERY FULL")
		mustExec(t, s, "USE "+db+"; CREATE TABLE dbo.Marks (one int); INSERT dbo.Marks VALUES (0); CREATE TABLE dbo.Work (k int)")
		mustExec(t, s, "USE "+db)
		mustExec(t, s, `CREATE PROCEDURE sp_SetMark
@name nvarchar (128)
AS
BEGIN TRANSACTION @name WITH MARK
UPDATE `+db+`.dbo.Marks SET one = 1
COMMIT TRANSACTION;`)
		mustExec(t, s, "USE master; BACKUP DATABASE "+db+" TO DISK = '"+db+".bak' WITH INIT")
		mustExec(t, s, "INSERT "+db+".dbo.Work VALUES (1)")
	}
	mustExec(t, s, "USE coyote0")
	mustExec(t, s, `CREATE PROCEDURE sp_MarkAll
@name nvarchar (128)
AS
BEGIN TRANSACTION
EXEC coyote0.dbo.sp_SetMark @name
EXEC coyote1.dbo.sp_SetMark @name
EXEC coyote2.dbo.sp_SetMark @name
COMMIT TRANSACTION;`)
	mustExec(t, s, "EXEC sp_MarkAll 'Mark1'")
	mustExec(t, s, "USE master")
	for _, db := range dbs {
		mustExec(t, s, "INSERT "+db+".dbo.Work VALUES (2)")
		mustExec(t, s, "BACKUP LOG "+db+" TO DISK = '"+db+".trn' WITH INIT")
	}
	if got := one(t, s, "SELECT database_name FROM msdb.dbo.logmarkhistory WHERE mark_name = 'Mark1' ORDER BY database_name"); got != "coyote0 coyote1 coyote2" {
		t.Errorf("msdb.dbo.logmarkhistory's Mark1 rows: %q, want one per database", got)
	}
	for _, db := range dbs {
		mustExec(t, s, "RESTORE DATABASE "+db+" FROM DISK = '"+db+".bak' WITH NORECOVERY, REPLACE")
		mustExec(t, s, "RESTORE LOG "+db+" FROM DISK = '"+db+".trn' WITH RECOVERY, STOPATMARK = 'Mark1'")
		got := one(t, s, "SELECT CONVERT(varchar(3), one) FROM "+db+".dbo.Marks") + "|" + one(t, s, "SELECT k FROM "+db+".dbo.Work ORDER BY k")
		if got != "1|1" {
			t.Errorf("%s restored to Mark1: Marks.one|Work %q, want 1|1", db, got)
		}
	}
}

// texts is a collect that keeps its messages' numbers and texts.
type texts struct {
	collect
	msgs []string
}

func (c *texts) Message(e *sqlexec.Error) error {
	c.msgs = append(c.msgs, fmt.Sprintf("%d %s", e.Number, e.Message))
	return nil
}

// TestBackupRestoreStats: WITH STATS [= percentage] (the BACKUP and RESTORE
// Arguments pages; Ola Hallengren's and most DBA scripts pass it) sends
// "n percent processed." (3211) at each multiple of the percentage and at
// 100 — every 10 percent without a value — before the 4035 lines; without
// STATS there are none. Before, STATS was accepted and sent nothing.
func TestBackupRestoreStats(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	stats := func(sql string) string {
		t.Helper()
		out := &texts{}
		if err := s.ExecBatch(t.Context(), sql, out); err != nil || len(out.errs) > 0 {
			t.Fatalf("%s: %v %v", sql, err, out.errs)
		}
		var pct []string
		for i, m := range out.msgs {
			if strings.HasPrefix(m, "3211 ") {
				pct = append(pct, strings.TrimPrefix(m, "3211 "))
				if i+1 < len(out.msgs) && strings.HasPrefix(out.msgs[i+1], "3014 ") {
					t.Errorf("%s: 3211 right before 3014, want it before the 4035 lines: %q", sql, out.msgs)
				}
			}
		}
		return strings.Join(pct, " | ")
	}
	for _, c := range []struct{ sql, want string }{
		{"BACKUP DATABASE d TO DISK = 's.bak' WITH INIT, STATS = 25",
			"25 percent processed. | 50 percent processed. | 75 percent processed. | 100 percent processed."},
		{"BACKUP DATABASE d TO DISK = 's.bak' WITH INIT, STATS = 30",
			"30 percent processed. | 60 percent processed. | 90 percent processed. | 100 percent processed."},
		{"BACKUP DATABASE d TO DISK = 's.bak' WITH INIT, STATS",
			"10 percent processed. | 20 percent processed. | 30 percent processed. | 40 percent processed. | 50 percent processed. | " +
				"60 percent processed. | 70 percent processed. | 80 percent processed. | 90 percent processed. | 100 percent processed."},
		{"BACKUP DATABASE d TO DISK = 's.bak' WITH INIT", ""},
		{"RESTORE VERIFYONLY FROM DISK = 's.bak' WITH STATS = 50", "50 percent processed. | 100 percent processed."},
		{"RESTORE DATABASE e FROM DISK = 's.bak' WITH STATS = 50, MOVE 'd' TO 'e_d', MOVE 'd_log' TO 'e_l'", "50 percent processed. | 100 percent processed."},
	} {
		if got := stats(c.sql); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.sql, got, c.want)
		}
	}
}
