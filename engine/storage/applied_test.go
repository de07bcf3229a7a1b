package storage

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestAppliedLSNStoredAtSyncAndClose: Apply moves the applied LSN in memory at
// once, but it reaches badger (appliedKey) only at Sync and Close, so what a
// restart after a crash reads never exceeds what is in the store.
func TestAppliedLSNStoredAtSyncAndClose(t *testing.T) {
	dir := t.TempDir()
	open := func() *Badger {
		t.Helper()
		s, err := OpenBadger(Options{Dir: dir, HousekeepingInterval: -1})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open()
	put := func(at txlog.LSN) error {
		var b Batch
		b.Put(1, []byte{byte(at)}, []byte("v"))
		return s.Apply(&b, at)
	}
	for _, step := range []struct {
		name        string
		do          func() error
		mem, stored txlog.LSN
	}{
		{"apply", func() error { return put(100) }, 100, 0},
		{"sync", s.Sync, 100, 100},
		{"apply again", func() error { return put(200) }, 200, 100},
		{"older apply", func() error { return put(150) }, 200, 100},
		{"drop object", func() error { return s.DropObject(2, 300) }, 300, 100},
		{"sync again", s.Sync, 300, 300},
		{"apply after sync", func() error { return put(400) }, 400, 300},
	} {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		stored, err := s.readApplied()
		if err != nil {
			t.Fatal(err)
		}
		if got := s.AppliedLSN(); got != step.mem || stored != step.stored {
			t.Errorf("after %s: AppliedLSN %s, stored %s; want %s, %s", step.name, got, stored, step.mem, step.stored)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open()
	defer s.Close()
	if got := s.AppliedLSN(); got != 400 {
		t.Errorf("AppliedLSN after Close and reopen = %s, want 400 (Close stores it)", got)
	}
}
