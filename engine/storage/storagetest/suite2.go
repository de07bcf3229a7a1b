package storagetest

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
)

func testIdempotent(t *testing.T, open Opener) {
	s := mustOpen(t, open)
	b := Puts(7, "k1", "v1", "k2", "v2")
	MustApply(t, s, b, 100)
	MustApply(t, s, Puts(7, "k1", "v1-new"), 200)
	// Redo replays the first batch again, and then the second: nothing changes.
	MustApply(t, s, Puts(7, "k1", "v1", "k2", "v2"), 100)
	if got := s.AppliedLSN(); got != 200 {
		t.Errorf("AppliedLSN after replaying 100 = %d, want 200", got)
	}
	MustApply(t, s, Puts(7, "k1", "v1-new"), 200)
	tests := []struct {
		asOf uint64
		want []KV
	}{
		{100, []KV{{"k1", "v1"}, {"k2", "v2"}}},
		{200, []KV{{"k1", "v1-new"}, {"k2", "v2"}}},
	}
	for _, tc := range tests {
		if got := ScanRange(t, s, 7, "", "", false, lsn(tc.asOf)); !slices.Equal(got, tc.want) {
			t.Errorf("scan@%d = %v, want %v", tc.asOf, got, tc.want)
		}
	}
}

func testLastOpWins(t *testing.T, open Opener) {
	s := mustOpen(t, open)
	b := new(storage.Batch)
	b.Put(1, []byte("x"), []byte("first"))
	b.Put(1, []byte("y"), []byte("y"))
	b.Put(1, []byte("x"), []byte("second"))
	b.Delete(1, []byte("y"))
	b.Put(1, []byte("z"), []byte("z"))
	MustApply(t, s, b, 10)
	want := []KV{{"x", "second"}, {"z", "z"}}
	if got := ScanRange(t, s, 1, "", "", false, 10); !slices.Equal(got, want) {
		t.Errorf("scan = %v, want %v", got, want)
	}
}

func testScans(t *testing.T, open Opener) {
	s := mustOpen(t, open)
	MustApply(t, s, Puts(5, "a", "1", "b", "2", "c", "3", "d", "4", "e", "5"), 10)
	// Neighbouring objects must never leak into a scan of object 5.
	MustApply(t, s, Puts(4, "zz", "other"), 11)
	MustApply(t, s, Puts(6, "", "empty-key", "a", "other"), 12)
	kv := func(keys ...string) []KV {
		var out []KV
		for _, k := range keys {
			out = append(out, KV{k, fmt.Sprint(int(k[0]-'a') + 1)})
		}
		return out
	}
	tests := []struct {
		name    string
		lo, hi  string
		reverse bool
		want    []KV
	}{
		{"all", "", "", false, kv("a", "b", "c", "d", "e")},
		{"all reverse", "", "", true, kv("e", "d", "c", "b", "a")},
		{"lower", "c", "", false, kv("c", "d", "e")},
		{"upper exclusive", "", "c", false, kv("a", "b")},
		{"bounded", "b", "d", false, kv("b", "c")},
		{"bounded reverse", "b", "d", true, kv("c", "b")},
		{"between keys", "bb", "dd", false, kv("c", "d")},
		{"between keys reverse", "bb", "dd", true, kv("d", "c")},
		{"lower reverse", "c", "", true, kv("e", "d", "c")},
		{"upper reverse", "", "c", true, kv("b", "a")},
		{"empty", "c", "c", false, nil},
		{"empty reverse", "c", "c", true, nil},
		{"past end", "f", "", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ScanRange(t, s, 5, tc.lo, tc.hi, tc.reverse, 100)
			if !slices.Equal(got, tc.want) {
				t.Errorf("scan = %v, want %v", got, tc.want)
			}
		})
	}
}

func testDropObject(t *testing.T, open Opener) {
	s := mustOpen(t, open)
	MustApply(t, s, Puts(2, "a", "1", "b", "2"), 10)
	MustApply(t, s, Puts(3, "a", "kept"), 11)
	if err := s.DropObject(2, 20); err != nil {
		t.Fatalf("DropObject: %v", err)
	}
	if got := ScanRange(t, s, 2, "", "", false, storage.Latest); len(got) != 0 {
		t.Errorf("object 2 after drop = %v, want empty", got)
	}
	if got, ok := get(t, s, 3, "a", storage.Latest); !ok || got != "kept" {
		t.Errorf("object 3 = %q, %v; want kept", got, ok)
	}
	if got := s.AppliedLSN(); got != 20 {
		t.Errorf("AppliedLSN = %d, want 20", got)
	}
	MustApply(t, s, Puts(2, "c", "3"), 30) // TRUNCATE then INSERT reuses the id
	want := []KV{{"c", "3"}}
	if got := ScanRange(t, s, 2, "", "", false, storage.Latest); !slices.Equal(got, want) {
		t.Errorf("object 2 = %v, want %v", got, want)
	}
}

func testInvalid(t *testing.T, open Opener) {
	s := mustOpen(t, open)
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"apply at 0", s.Apply(Puts(1, "a", "b"), 0), storage.ErrZeroLSN},
		{"apply object 0", s.Apply(Puts(0, "a", "b"), 1), storage.ErrInvalidObject},
		{"apply object max", s.Apply(Puts(0xFFFFFFFF, "a", "b"), 1), storage.ErrInvalidObject},
		{"drop object 0", s.DropObject(0, 1), storage.ErrInvalidObject},
		{"drop at 0", s.DropObject(1, 0), storage.ErrZeroLSN},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("err = %v, want %v", tc.err, tc.want)
			}
		})
	}
	if got := s.AppliedLSN(); got != 0 {
		t.Errorf("AppliedLSN after rejected writes = %d, want 0", got)
	}
}

// testLargeBatch applies 100k rows in one batch: far more than one badger
// transaction holds at the small-memory profile (~10k sets).
func testLargeBatch(t *testing.T, open Opener) {
	const rows = 100_000
	s := mustOpen(t, open)
	b := new(storage.Batch)
	val := make([]byte, 100)
	for i := range rows {
		b.Put(9, fmt.Appendf(nil, "key%08d", i), val)
	}
	MustApply(t, s, b, 1000)
	if got := s.AppliedLSN(); got != 1000 {
		t.Errorf("AppliedLSN = %d, want 1000", got)
	}
	it, err := s.NewIterator(9, nil, nil, false, 1000)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	n := 0
	for it.Next() {
		if want := fmt.Sprintf("key%08d", n); string(it.Key()) != want {
			t.Fatalf("row %d key = %q, want %q", n, it.Key(), want)
		}
		n++
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	if n != rows {
		t.Errorf("scanned %d rows, want %d", n, rows)
	}
	if got := ScanRange(t, s, 9, "", "", false, 999); len(got) != 0 {
		t.Errorf("scan@999 found %d rows, want 0", len(got))
	}
}

// testLargeValues stores values above badger's value threshold (64 KiB here, so
// they live in the value log) and reads them back by Get and by iterator.
func testLargeValues(t *testing.T, open Opener) {
	s := mustOpen(t, open)
	sizes := []int{0, 1, 64 << 10, 200 << 10, 2 << 20}
	b := new(storage.Batch)
	for i, n := range sizes {
		v := make([]byte, n)
		for j := range v {
			v[j] = byte(i + j)
		}
		b.Put(1, fmt.Appendf(nil, "v%d", i), v)
	}
	MustApply(t, s, b, 5)
	for i, n := range sizes {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			got, ok := get(t, s, 1, fmt.Sprintf("v%d", i), 5)
			if !ok || len(got) != n || n > 0 && got[n-1] != byte(i+n-1) {
				t.Errorf("Get v%d: found=%v len=%d, want len %d", i, ok, len(got), n)
			}
		})
	}
	it, err := s.NewIterator(1, nil, nil, false, 5)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	i := 0
	for it.Next() {
		if len(it.Value()) != sizes[i] {
			t.Errorf("row %d: value length %d, want %d", i, len(it.Value()), sizes[i])
		}
		i++
	}
	if err := it.Err(); err != nil || i != len(sizes) {
		t.Errorf("iterated %d rows (err %v), want %d", i, err, len(sizes))
	}
}
