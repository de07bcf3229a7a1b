package engine

import (
	"fmt"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// TestBackupSyncsDirectoryEntries: before BACKUP reports success, each
// file it wrote — the TO file and every MIRROR TO copy — is fsynced, then
// the directory holding its entry, and each directory it created is made
// durable in its parent; a failure of any of those fsyncs fails the BACKUP
// (3202, then 3013) and records no history. Before, only the files were
// fsynced: a power loss after success could lose the new file's entry.
func TestBackupSyncsDirectoryEntries(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")

	var syncs []string
	var fail string
	backupSyncHook = func(what, path string) error {
		ev := what + " " + path
		syncs = append(syncs, ev)
		if ev == fail {
			return syscall.EIO
		}
		return nil
	}
	t.Cleanup(func() { backupSyncHook = nil })

	main, mirror := filepath.Join(dir, "new", "sub", "a.bak"), filepath.Join(dir, "m", "b.bak")
	mustExec(t, s, fmt.Sprintf("BACKUP DATABASE d TO DISK = '%s' MIRROR TO DISK = '%s' WITH FORMAT", main, mirror))
	// In this order: a created directory's parent as it is created, a
	// file's bytes before its entry.
	want := []string{
		"dir " + dir, "dir " + filepath.Join(dir, "new"), // new, then new/sub created
		"file " + main, "dir " + filepath.Dir(main),
		"dir " + dir, // m created
		"file " + mirror, "dir " + filepath.Dir(mirror),
	}
	if !slices.Equal(syncs, want) {
		t.Fatalf("fsyncs:\n%q\nwant\n%q", syncs, want)
	}

	// An existing directory is not synced for its creation, only for the
	// file's entry.
	syncs = nil
	mustExec(t, s, fmt.Sprintf("BACKUP DATABASE d TO DISK = '%s' WITH INIT", main))
	if want := []string{"file " + main, "dir " + filepath.Dir(main)}; !slices.Equal(syncs, want) {
		t.Fatalf("fsyncs:\n%q\nwant\n%q", syncs, want)
	}

	before := one(t, s, "SELECT COUNT(*) FROM msdb.dbo.backupset")
	for _, f := range []string{"file " + main, "dir " + filepath.Dir(main), "dir " + filepath.Dir(mirror)} {
		syncs, fail = nil, f
		sql := fmt.Sprintf("BACKUP DATABASE d TO DISK = '%s' MIRROR TO DISK = '%s' WITH FORMAT", main, mirror)
		if got := execNumber(t, s, sql); got != 3202 {
			t.Errorf("fsync of %s failing: error %d, want 3202", f, got)
		}
	}
	fail = ""
	if after := one(t, s, "SELECT COUNT(*) FROM msdb.dbo.backupset"); after != before {
		t.Errorf("failed BACKUPs recorded history: %s rows, were %s", after, before)
	}
}
