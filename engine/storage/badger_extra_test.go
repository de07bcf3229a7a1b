package storage_test

import (
	"errors"
	"fmt"
	"runtime"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
)

func TestBadgerReopenKeepsAppliedLSN(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		apply func(s *storage.Badger) error
		want  uint64
	}{
		{"small batch", func(s *storage.Badger) error { return s.Apply(storagetest.Puts(1, "a", "1"), 100) }, 100},
		{"older batch does not lower it", func(s *storage.Badger) error { return s.Apply(storagetest.Puts(1, "b", "2"), 50) }, 100},
		{"large batch", func(s *storage.Badger) error {
			b := new(storage.Batch)
			for i := range 20_000 {
				b.Put(2, fmt.Appendf(nil, "%06d", i), []byte("v"))
			}
			return s.Apply(b, 200)
		}, 200},
		{"drop object", func(s *storage.Badger) error { return s.DropObject(2, 300) }, 300},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openBadger(t, dir)
			if err := tc.apply(s); err != nil {
				t.Fatal(err)
			}
			if err := s.Sync(); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s = openBadger(t, dir)
			defer s.Close()
			if got := s.AppliedLSN(); uint64(got) != tc.want {
				t.Errorf("AppliedLSN after reopen = %d, want %d", got, tc.want)
			}
		})
	}
	s := openBadger(t, dir)
	defer s.Close()
	want := []storagetest.KV{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}}
	if got := storagetest.ScanRange(t, s, 1, "", "", false, storage.Latest); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("object 1 after reopens = %v, want %v", got, want)
	}
}

// TestBadgerPinsAndDiscard checks that housekeeping never discards versions a pinned
// reader needs, and that reads below the discard point are refused.
func TestBadgerPinsAndDiscard(t *testing.T) {
	s := openBadger(t, "")
	defer s.Close()
	storagetest.MustApply(t, s, storagetest.Puts(1, "k", "v100"), 100)
	release, err := s.Pin(150)
	if err != nil {
		t.Fatal(err)
	}
	storagetest.MustApply(t, s, storagetest.Puts(1, "k", "v200"), 200)
	storagetest.MustApply(t, s, storagetest.Puts(1, "k", "v300"), 300)
	if err := s.CollectGarbage(); err != nil {
		t.Fatal(err)
	}
	if got := s.DiscardLSN(); got != 150 {
		t.Errorf("DiscardLSN with a pin at 150 = %d, want 150", got)
	}
	tests := []struct {
		asOf    uint64
		want    string
		wantErr error
	}{
		{99, "", storage.ErrSnapshotTooOld},
		{150, "v100", nil},
		{250, "v200", nil},
		{300, "v300", nil},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.asOf), func(t *testing.T) {
			v, _, err := s.Get(t.Context(), 1, []byte("k"), lsnOf(tc.asOf))
			if !errors.Is(err, tc.wantErr) || string(v) != tc.want {
				t.Errorf("Get@%d = %q, %v; want %q, %v", tc.asOf, v, err, tc.want, tc.wantErr)
			}
		})
	}
	release()
	release() // idempotent
	if err := s.CollectGarbage(); err != nil {
		t.Fatal(err)
	}
	if got := s.DiscardLSN(); got != 300 {
		t.Errorf("DiscardLSN after release = %d, want 300 (AppliedLSN)", got)
	}
	if _, err := s.NewIterator(1, nil, nil, false, 250); !errors.Is(err, storage.ErrSnapshotTooOld) {
		t.Errorf("NewIterator@250 err = %v, want ErrSnapshotTooOld", err)
	}
}

func lsnOf(v uint64) storagetest.LSN { return storagetest.LSN(v) }

// TestBadgerStreamingMemory scans 1M rows and checks the scan's heap stays bounded
// (materializing the range would need > 100 MiB).
func TestBadgerStreamingMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("1M rows")
	}
	const rows = 1_000_000
	s := openBadger(t, "")
	defer s.Close()
	val := make([]byte, 100)
	for chunk := 0; chunk < rows; chunk += 100_000 {
		b := new(storage.Batch)
		for i := chunk; i < chunk+100_000; i++ {
			b.Put(1, fmt.Appendf(nil, "row%09d", i), val)
		}
		storagetest.MustApply(t, s, b, storagetest.LSN(1+chunk/100_000))
	}
	// Background compaction of the freshly written tables allocates table
	// builders (tens of MiB) at times that depend on scheduling; let it finish
	// first so the measurement is the scan's own.
	if err := storage.Quiesce(s); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var before, peak runtime.MemStats
	runtime.ReadMemStats(&before)
	it, err := s.NewIterator(1, nil, nil, false, storage.Latest)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for it.Next() {
		n++
		if n%100_000 == 0 {
			var m runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.HeapAlloc {
				peak = m
			}
		}
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	it.Close()
	if n != rows {
		t.Fatalf("scanned %d rows, want %d", n, rows)
	}
	grow := int64(peak.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("1M-row scan: live heap before %d MiB, peak live heap during scan %d MiB (growth %d MiB)",
		before.HeapAlloc>>20, peak.HeapAlloc>>20, grow>>20)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("live heap after Close: %d MiB (the rest was badger's memtables, caches and tables)", after.HeapAlloc>>20)
	if grow > 64<<20 {
		t.Errorf("heap grew by %d MiB during a streaming scan, want < 64 MiB", grow>>20)
	}
}
