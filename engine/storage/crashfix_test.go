package storage

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOpenAfterCrashLeftEmptyFiles: a store whose directory holds a 0-byte
// memtable file (a crash right after badger created it) opens, keeps its data
// and accepts writes (dgraph-io/badger#2207 made Open fail).
func TestOpenAfterCrashLeftEmptyFiles(t *testing.T) {
	for _, name := range []string{"00099.mem", "00001.mem"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := OpenBadger(Options{Dir: dir, HousekeepingInterval: -1})
			if err != nil {
				t.Fatal(err)
			}
			var b Batch
			b.Put(100, []byte("k"), []byte("v"))
			if err := s.Apply(&b, 10); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err = OpenBadger(Options{Dir: dir, HousekeepingInterval: -1})
			if err != nil {
				t.Fatalf("open with an empty %s: %v", name, err)
			}
			defer s.Close()
			v, ok, err := s.Get(t.Context(), 100, []byte("k"), Latest)
			if err != nil || !ok || string(v) != "v" {
				t.Fatalf("Get = %q %v %v", v, ok, err)
			}
			b.Reset()
			b.Put(100, []byte("k2"), []byte("v2"))
			if err := s.Apply(&b, 20); err != nil {
				t.Fatal(err)
			}
		})
	}
}
