package engine

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestSnapshotPinRestartDrop: a database snapshot keeps showing its rows
// while the source rewrites, deletes and drops them and housekeeping runs,
// across a restart (the pin is taken again at open, before housekeeping
// can pass it), and DROP DATABASE of the snapshot lets the discard point
// move past it again.
func TestSnapshotPinRestartDrop(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "USE d; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL); CREATE TABLE gone (x int)")
	for i := range 50 {
		mustExec(t, s, fmt.Sprintf("INSERT t VALUES (%d, %d); INSERT gone VALUES (%d)", i, i, i))
	}
	mustExec(t, s, "CREATE DATABASE snap ON (NAME = d, FILENAME = '/nowhere/snap.ss') AS SNAPSHOT OF d")
	want := "50,1225,50"
	check := func(inst *Instance, s *exec.Session, when string) {
		t.Helper()
		got := mustExec(t, s, "SELECT COUNT(*), SUM(v), (SELECT COUNT(*) FROM snap.dbo.gone) FROM snap.dbo.t")
		if len(got) != 1 || got[0] != want {
			t.Fatalf("%s: snapshot shows %v, want %s", when, got, want)
		}
	}
	check(inst, s, "at creation")
	mustExec(t, s, "USE d; UPDATE t SET v = v + 1000; DELETE t WHERE id < 25; DROP TABLE gone; CHECKPOINT")
	mustExec(t, s, "USE d; UPDATE t SET v = v + 1000; CHECKPOINT; USE master")
	src := inst.Database("d")
	v := txlog.LSN(inst.Entry("snap").SnapshotVersion)
	collect := func(src *Database) txlog.LSN {
		t.Helper()
		if err := src.store.CollectGarbage(); err != nil {
			t.Fatal(err)
		}
		return src.store.DiscardLSN()
	}
	if d := collect(src); d > v {
		t.Fatalf("discard point %d passed the snapshot's version %d", d, v)
	}
	check(inst, s, "after the source changed")

	inst, s = restartTestInstance(t, inst, dir, "master", s)
	defer inst.Close()
	src = inst.Database("d")
	if d := collect(src); d > v {
		t.Fatalf("after restart: discard point %d passed the snapshot's version %d", d, v)
	}
	check(inst, s, "after restart")
	if got := mustExec(t, s, "SELECT COUNT(*) FROM d.dbo.t"); got[0] != "25" {
		t.Fatalf("source shows %v rows, want 25", got)
	}

	mustExec(t, s, "DROP DATABASE snap")
	if d := collect(src); d <= v {
		t.Fatalf("after DROP DATABASE snap the discard point %d stays at or below the snapshot's version %d", d, v)
	}
	if got := mustExec(t, s, "SELECT COUNT(*) FROM sys.databases WHERE name = 'snap'"); got[0] != "0" {
		t.Fatalf("snap still listed: %v", got)
	}
}

// TestSnapshotErrors: what CREATE DATABASE … AS SNAPSHOT OF, DROP and
// RESTORE refuse, with SQL Server's numbers.
func TestSnapshotErrors(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	defer inst.Close()
	if _, err := inst.CreateDatabase("r", StateRestoring); err != nil {
		t.Fatal(err)
	}
	mustExec(t, s, "CREATE DATABASE snap ON (NAME = d, FILENAME = 'x') AS SNAPSHOT OF d")
	tests := []struct {
		sql  string
		want int32
	}{
		{"CREATE DATABASE s2 ON (NAME = r, FILENAME = 'x') AS SNAPSHOT OF r", 1822}, // RESTORING, not a mirror
		{"CREATE DATABASE s2 ON (NAME = tempdb, FILENAME = 'x') AS SNAPSHOT OF tempdb", 1816},
		{"CREATE DATABASE s2 ON (NAME = model, FILENAME = 'x') AS SNAPSHOT OF model", 1816},
		{"CREATE DATABASE s2 ON (NAME = d, FILENAME = 'x') AS SNAPSHOT OF snap", 1821},
		{"CREATE DATABASE s2 ON (NAME = d, FILENAME = 'x') AS SNAPSHOT OF nope", 911},
		{"CREATE DATABASE s2 ON (NAME = d_log, FILENAME = 'x') AS SNAPSHOT OF d", 5114},
		{"CREATE DATABASE s2 ON (NAME = other, FILENAME = 'x') AS SNAPSHOT OF d", 5014},
		{"CREATE DATABASE s2 AS SNAPSHOT OF d", 5127},
		{"CREATE DATABASE snap ON (NAME = d, FILENAME = 'x') AS SNAPSHOT OF d", 1801},
		{"DROP DATABASE d", 3709},
		{"RESTORE DATABASE d FROM DISK = '/nowhere/d.bak' WITH REPLACE", 5094},
		{"ALTER DATABASE snap SET RECOVERY FULL", 5093},
		{"INSERT snap.sys.objects DEFAULT VALUES", 0},
	}
	// A login that may create databases, but does not own d.
	mustExec(t, s, "CREATE LOGIN maker WITH PASSWORD = 'Pw_123456!'; GRANT CREATE ANY DATABASE TO maker")
	maker := newLoginSession(t, inst, "maker", "master")
	if n := batchErrorNumber(maker, "CREATE DATABASE s3 ON (NAME = d, FILENAME = 'x') AS SNAPSHOT OF d"); n != 1817 {
		t.Errorf("snapshot by a login that does not own d: error %d, want 1817", n)
	}
	mustExec(t, maker, "CREATE DATABASE own")
	mustExec(t, maker, "CREATE DATABASE own_snap ON (NAME = own, FILENAME = 'x') AS SNAPSHOT OF own")
	for _, tc := range tests {
		t.Run(tc.sql, func(t *testing.T) {
			n := batchErrorNumber(s, tc.sql)
			if tc.want != 0 && n != tc.want { // 0: must not panic, any error
				t.Fatalf("got error %d, want %d", n, tc.want)
			}
		})
	}
}

// batchErrorNumber runs sql on s and returns the number of its first error
// (0 for none).
func batchErrorNumber(s *exec.Session, sql string) int32 {
	out := &collect{}
	err := s.ExecBatch(context.Background(), sql, out)
	if err == nil && len(out.errs) > 0 {
		err = out.errs[0]
	}
	var e *exec.Error
	if errors.As(err, &e) {
		return e.Number
	}
	return 0
}

// TestSnapshotRevert: RESTORE DATABASE … FROM DATABASE_SNAPSHOT brings back
// the rows, identity counter and tables the snapshot shows, drops what was
// created since, survives a restart, breaks the log backup chain (4214) as
// SQL Server's revert does, and is refused with two snapshots (3137), in use
// (3101, 3102).
func TestSnapshotRevert(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "ALTER DATABASE d SET RECOVERY FULL; BACKUP DATABASE d TO DISK = '"+dir+"/d.bak' WITH FORMAT")
	mustExec(t, s, "USE d; CREATE TABLE t (id int IDENTITY PRIMARY KEY, v varchar(10)); CREATE TABLE gone (x int); INSERT t (v) VALUES ('a'), ('b'); INSERT gone VALUES (1), (2)")
	mustExec(t, s, "USE master; CREATE DATABASE snap ON (NAME = d, FILENAME = 'x') AS SNAPSHOT OF d")
	mustExec(t, s, "USE d; INSERT t (v) VALUES ('c'); UPDATE t SET v = 'A' WHERE id = 1; DELETE t WHERE id = 2; DROP TABLE gone; CREATE TABLE later (y int); INSERT later VALUES (5)")

	other := newTestSession(t, inst, "d")
	errNum := func(sql string) int32 { return batchErrorNumber(s, sql) }
	if n := errNum("RESTORE DATABASE d FROM DATABASE_SNAPSHOT = 'snap'"); n != 3102 {
		t.Errorf("revert from a session in d: error %d, want 3102", n)
	}
	mustExec(t, s, "USE master")
	if n := errNum("RESTORE DATABASE d FROM DATABASE_SNAPSHOT = 'snap'"); n != 3101 {
		t.Errorf("revert while another session uses d: error %d, want 3101", n)
	}
	inst.EndSession(other)
	mustExec(t, s, "CREATE DATABASE snap2 ON (NAME = d, FILENAME = 'y') AS SNAPSHOT OF d")
	if n := errNum("RESTORE DATABASE d FROM DATABASE_SNAPSHOT = 'snap'"); n != 3137 {
		t.Errorf("revert with two snapshots: error %d, want 3137", n)
	}
	mustExec(t, s, "DROP DATABASE snap2")
	mustExec(t, s, "RESTORE DATABASE d FROM DATABASE_SNAPSHOT = 'snap'")

	check := func(s *exec.Session, when string) {
		t.Helper()
		want := []string{"1,a", "2,b", "gone=2", "tables=gone,t"}
		got := mustExec(t, s, "SELECT id, v FROM d.dbo.t ORDER BY id")
		got = append(got, mustExec(t, s, "SELECT 'gone=' + CAST(COUNT(*) AS varchar(10)) FROM d.dbo.gone")...)
		got = append(got, mustExec(t, s, "SELECT 'tables=' + STRING_AGG(name, ',') WITHIN GROUP (ORDER BY name) FROM d.sys.tables")...)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%s: d shows %v, want %v", when, got, want)
		}
	}
	check(s, "after revert")
	inst, s = restartTestInstance(t, inst, dir, "master", s)
	defer inst.Close()
	check(s, "after restart")
	if got := mustExec(t, s, "INSERT d.dbo.t (v) VALUES ('d'); SELECT MAX(id) FROM d.dbo.t"); got[0] != "3" {
		t.Errorf("identity after revert gave %v, want 3 (the counter as of the snapshot)", got)
	}
	if n := errNum("BACKUP LOG d TO DISK = '" + dir + "/d.trn'"); n != 4214 {
		t.Errorf("BACKUP LOG after revert: error %d, want 4214", n)
	}
}
