package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestMirrorAppendKeepsMirrorsSets: BACKUP … MIRROR TO … WITH NOINIT
// appends the new set to every mirror and leaves the sets a mirror already
// holds alone — a mirrored media set is there so that a restore can use any
// mirror when another is damaged ("Mirrored Backup Media Sets"). It rewrote
// each mirror as a copy of the whole TO file, so a TO file damaged since
// the first backup passed its damage to every mirror at the next append
// (and a failure mid-copy left a mirror truncated). Here the TO file's
// first set is damaged before the append: the mirror's first set must come
// through byte for byte, and restore from the mirror alone.
func TestMirrorAppendKeepsMirrorsSets(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	to, mirror := filepath.Join(dir, "m0.bak"), filepath.Join(dir, "m1.bak")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+to+"' MIRROR TO DISK = '"+mirror+"' WITH FORMAT, MEDIANAME = 'm'")
	first, err := os.ReadFile(mirror)
	if err != nil {
		t.Fatal(err)
	}
	// Damage a byte of the TO file's first set, past its header.
	b, err := os.ReadFile(to)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-64] ^= 0xFF
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
	mustExec(t, s, "INSERT d.dbo.t VALUES (2)")
	mustExec(t, s, "BACKUP LOG d TO DISK = '"+to+"' MIRROR TO DISK = '"+mirror+"' WITH NOINIT, MEDIANAME = 'm'")
	after, err := os.ReadFile(mirror)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) <= len(first) || !bytes.Equal(after[:len(first)], first) {
		t.Fatalf("the mirror's first set changed at the append (%d bytes before, %d after)", len(first), len(after))
	}
	mustExec(t, s, "RESTORE DATABASE c FROM DISK = '"+mirror+"' WITH FILE = 1, NORECOVERY, MOVE 'd' TO 'c_d', MOVE 'd_log' TO 'c_l'")
	mustExec(t, s, "RESTORE LOG c FROM DISK = '"+mirror+"' WITH FILE = 2, RECOVERY")
	if got := one(t, s, "SELECT COUNT(*) FROM c.dbo.t"); got != "2" {
		t.Errorf("restored from the mirror: %s rows, want 2", got)
	}
}
