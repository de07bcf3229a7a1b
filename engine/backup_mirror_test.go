package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupMirrorTo: BACKUP … TO DISK MIRROR TO DISK … WITH FORMAT writes
// the same backup to every mirror, and a restore from a mirror gets the
// database. A mirrored set without FORMAT is 3215, more than three mirrors
// 3214, a mirror with another number of devices 3212. Before, MIRROR TO was
// a syntax error.
func TestBackupMirrorTo(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1), (2)")
	other := filepath.Join(t.TempDir(), "sub", "m3.bak")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'm1.bak' MIRROR TO DISK = 'm2.bak' MIRROR TO DISK = '"+other+"' WITH FORMAT, MEDIANAME = 'mirrored'")
	first, err := os.ReadFile(filepath.Join(dir, "m1.bak"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{filepath.Join(dir, "m2.bak"), other} {
		b, err := os.ReadFile(m)
		if err != nil || !bytes.Equal(b, first) {
			t.Errorf("mirror %s: %d bytes, %v; want a copy of the %d bytes of m1.bak", m, len(b), err, len(first))
		}
	}
	mustExec(t, s, "RESTORE DATABASE d2 FROM DISK = '"+other+"'")
	if got := one(t, s, "SELECT COUNT(*) FROM d2.dbo.t"); got != "2" {
		t.Errorf("restored from a mirror: %s rows, want 2", got)
	}
	for _, c := range []struct {
		sql  string
		want int32
	}{
		{"BACKUP DATABASE d TO DISK = 'n1.bak' MIRROR TO DISK = 'n2.bak'", 3215},
		{"BACKUP DATABASE d TO DISK = 'n1.bak' MIRROR TO DISK = 'n2.bak' MIRROR TO DISK = 'n3.bak' MIRROR TO DISK = 'n4.bak' MIRROR TO DISK = 'n5.bak' WITH FORMAT", 3214},
		{"BACKUP DATABASE d TO DISK = 'n1.bak' MIRROR TO DISK = 'n2.bak', DISK = 'n3.bak' WITH FORMAT", 3212},
	} {
		if got := execNumber(t, s, c.sql); got != c.want {
			t.Errorf("%s: %d, want %d", c.sql, got, c.want)
		}
	}
}

// TestHeaderOnlyBeginsLogChain: RESTORE HEADERONLY's BeginsLogChain is 1
// for the first log backup of a chain — after the full backup that starts
// it, and again after SIMPLE and back to FULL and a new full backup — and 0
// for the others (a full backup in the middle of a chain does not begin
// one). Before, it was always 0.
func TestHeaderOnlyBeginsLogChain(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY)")
	for _, sql := range []string{
		"BACKUP DATABASE d TO DISK = 'chain.bak' WITH INIT",
		"INSERT d.dbo.t VALUES (1); BACKUP LOG d TO DISK = 'chain.bak'",
		"INSERT d.dbo.t VALUES (2); BACKUP LOG d TO DISK = 'chain.bak'",
		"BACKUP LOG d TO DISK = 'chain.bak' WITH COPY_ONLY",
		"BACKUP DATABASE d TO DISK = 'chain.bak'",
		"BACKUP LOG d TO DISK = 'chain.bak'",
		"ALTER DATABASE d SET RECOVERY SIMPLE; ALTER DATABASE d SET RECOVERY FULL; BACKUP DATABASE d TO DISK = 'chain.bak'",
		"BACKUP LOG d TO DISK = 'chain.bak'",
	} {
		mustExec(t, s, sql)
	}
	col := -1
	for i, c := range headerColumns {
		if c.Name == "BeginsLogChain" {
			col = i
		}
	}
	var got []string
	for _, row := range mustExec(t, s, "RESTORE HEADERONLY FROM DISK = 'chain.bak'") {
		got = append(got, strings.Split(row, ",")[col])
	}
	if want := "0 1 0 0 0 0 0 1"; strings.Join(got, " ") != want {
		t.Errorf("BeginsLogChain per set: %s, want %s", strings.Join(got, " "), want)
	}
}

// TestBackupMediaFamilyMirrors: msdb.dbo.backupmediafamily has a row for
// each mirror of a mirrored backup — mirror 0 the TO device, 1, 2 … the
// MIRROR TO copies, each with its file, the same family — and a logical
// device's name and device type 102; RESTORE LABELONLY's Mirror_Count
// counts the mirrors, on every copy. Before, only the TO file had a row
// (no mirror or logical_device_name column) and Mirror_Count was 1.
func TestBackupMediaFamilyMirrors(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	mustExec(t, s, "EXEC sp_addumpdevice 'disk', 'dev2', 'f2.bak'")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'f0.bak' WITH FORMAT")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'f1.bak' MIRROR TO dev2 MIRROR TO DISK = 'f3.bak' WITH FORMAT")
	got := one(t, s, `SELECT CONVERT(varchar(3), media_set_id) + ',' + CONVERT(varchar(3), family_sequence_number) + ','
		+ CONVERT(varchar(3), mirror) + ',' + ISNULL(logical_device_name, '-') + ',' + RIGHT(physical_device_name, 6) + ','
		+ CONVERT(varchar(3), device_type) + ',' + CONVERT(varchar(3), media_count)
		FROM msdb.dbo.backupmediafamily ORDER BY media_set_id, mirror`)
	want := "1,1,0,-,f0.bak,2,1 2,1,0,-,f1.bak,2,1 2,1,1,dev2,f2.bak,102,1 2,1,2,-,f3.bak,2,1"
	if got != want {
		t.Errorf("msdb.dbo.backupmediafamily:\n got %s\nwant %s", got, want)
	}
	if n := one(t, s, "SELECT COUNT(DISTINCT media_family_id) FROM msdb.dbo.backupmediafamily WHERE media_set_id = 2"); n != "1" {
		t.Errorf("the mirrors of one family have %s media_family_ids, want 1", n)
	}
	for file, want := range map[string]string{"f0.bak": "1", "f1.bak": "3", "f3.bak": "3"} {
		_, rows := resultSet(t, s, "RESTORE LABELONLY FROM DISK = '"+file+"'")
		if got := rows[0]["Mirror_Count"]; got != want {
			t.Errorf("RESTORE LABELONLY FROM %s: Mirror_Count %s, want %s", file, got, want)
		}
	}
}
