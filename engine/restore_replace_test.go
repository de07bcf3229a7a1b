package engine

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestRestoreReplaceFailureKeepsDatabase: RESTORE DATABASE … WITH REPLACE from
// a backup that passes its checksum but cannot be loaded (rows out of key
// order: a crafted or buggy file) must fail without destroying the database it
// was to replace: the previous copy may go only once the new one is complete.
func TestRestoreReplaceFailureKeepsDatabase(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	good := filepath.Join(dir, "good.bak")
	mustExec(t, s, "CREATE DATABASE d")
	mustExec(t, s, "CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1),(2),(3)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+good+"'")

	// The same set with its rows in reverse order and a valid checksum.
	sets, err := readBackupSets(good, nil)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		obj      uint32
		key, val []byte
	}
	var rows []row
	if err := sets[0].rows(func(obj uint32, key, val []byte) error {
		rows = append(rows, row{obj, append([]byte(nil), key...), append([]byte(nil), val...)})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.bak")
	f, err := os.Create(bad)
	if err != nil {
		t.Fatal(err)
	}
	h := sets[0].header
	bw, err := newBackupWriter(f, &h, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(rows) - 1; i >= 0; i-- {
		bw.row(rows[i].obj, rows[i].key, rows[i].val)
	}
	for _, raw := range sets[0].logs {
		bw.log(raw)
	}
	if err := bw.finish(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	out := &collect{}
	if err := s.ExecBatch(context.Background(), "RESTORE DATABASE d FROM DISK = '"+bad+"' WITH REPLACE", out); err != nil {
		t.Fatal(err)
	}
	if len(out.errs) == 0 {
		t.Fatalf("restore of an unsorted backup succeeded")
	}
	if got := mustExec(t, s, "SELECT COUNT(*) FROM d.dbo.t"); fmt.Sprint(got) != "[3]" {
		t.Errorf("after the failed restore: %v, want [3]", got)
	}
}

// TestStreamRowsBadLengths: streamRows reads a set again after it was
// verified, and the file may have changed meanwhile; a damaged entry is an
// error wrapping errBackupCorrupt, never a panic (a huge length used to reach
// make).
func TestStreamRowsBadLengths(t *testing.T) {
	huge := binary.AppendUvarint(nil, 1<<62)
	tests := []struct {
		name  string
		entry []byte
	}{
		{"huge key", append([]byte{entryRow, 0, 0, 0, 5}, huge...)},
		{"huge value", append([]byte{entryRow, 0, 0, 0, 5, 1, 'k'}, huge...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "b.bak")
			if err := os.WriteFile(path, tc.entry, 0o644); err != nil {
				t.Fatal(err)
			}
			err := streamRows(path, 0, nil, nil, func(uint32, []byte, []byte) error { return nil })
			if !errors.Is(err, errBackupCorrupt) {
				t.Errorf("streamRows = %v, want errBackupCorrupt", err)
			}
		})
	}
}
