// Package storagetest is the conformance suite every storage.Store implementation
// passes (the badger store and memstore run the same tests), plus small helpers for
// tests that use a Store.
package storagetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Opener returns a new, empty store; the suite closes it.
type Opener func(t *testing.T) storage.Store

// KV is one key/value pair read back from a store.
type KV struct{ Key, Value string }

// MustApply applies b at lsn or fails the test.
func MustApply(t *testing.T, s storage.Store, b *storage.Batch, lsn txlog.LSN) {
	t.Helper()
	if err := s.Apply(b, lsn); err != nil {
		t.Fatalf("Apply at %d: %v", lsn, err)
	}
}

// Collect drains an iterator (closing it) or fails the test.
func Collect(t *testing.T, it storage.Iterator) []KV {
	t.Helper()
	defer it.Close()
	var out []KV
	for it.Next() {
		out = append(out, KV{string(it.Key()), string(it.Value())})
	}
	if err := it.Err(); err != nil {
		t.Fatalf("iterate: %v", err)
	}
	return out
}

// ScanRange reads [lo, hi) of objectID from r as of asOf ("" bounds are unbounded).
func ScanRange(t *testing.T, r storage.Reader, objectID uint32, lo, hi string, reverse bool, asOf txlog.LSN) []KV {
	t.Helper()
	it, err := r.NewIterator(objectID, bound(lo), bound(hi), reverse, asOf)
	if err != nil {
		t.Fatalf("NewIterator: %v", err)
	}
	return Collect(t, it)
}

// bound maps "" to an unbounded (nil) bound.
func bound(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(s)
}

// Puts builds a batch putting key=value pairs ("k", "v", "k2", "v2", …) in objectID.
func Puts(objectID uint32, kv ...string) *storage.Batch {
	b := new(storage.Batch)
	for i := 0; i+1 < len(kv); i += 2 {
		b.Put(objectID, []byte(kv[i]), []byte(kv[i+1]))
	}
	return b
}

// Run runs the conformance suite against stores made by open.
func Run(t *testing.T, open Opener) {
	t.Run("AsOf", func(t *testing.T) { testAsOf(t, open) })
	t.Run("Idempotent", func(t *testing.T) { testIdempotent(t, open) })
	t.Run("LastOpWins", func(t *testing.T) { testLastOpWins(t, open) })
	t.Run("Scans", func(t *testing.T) { testScans(t, open) })
	t.Run("DropObject", func(t *testing.T) { testDropObject(t, open) })
	t.Run("Invalid", func(t *testing.T) { testInvalid(t, open) })
	t.Run("LargeBatch", func(t *testing.T) { testLargeBatch(t, open) })
	t.Run("LargeValues", func(t *testing.T) { testLargeValues(t, open) })
	t.Run("WriteSetMerge", func(t *testing.T) { testWriteSetMerge(t, open) })
	t.Run("WriteSetGet", func(t *testing.T) { testWriteSetGet(t, open) })
}

func mustOpen(t *testing.T, open Opener) storage.Store {
	t.Helper()
	s := open(t)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func get(t *testing.T, s storage.Reader, obj uint32, key string, asOf txlog.LSN) (string, bool) {
	t.Helper()
	v, ok, err := s.Get(context.Background(), obj, []byte(key), asOf)
	if err != nil {
		t.Fatalf("Get(%d, %q, %d): %v", obj, key, asOf, err)
	}
	return string(v), ok
}

func testAsOf(t *testing.T, open Opener) {
	s := mustOpen(t, open)
	MustApply(t, s, Puts(1, "a", "a100", "b", "b100"), 100)
	MustApply(t, s, Puts(1, "a", "a200"), 200)
	del := new(storage.Batch)
	del.Delete(1, []byte("b"))
	MustApply(t, s, del, 300)
	if got := s.AppliedLSN(); got != 300 {
		t.Errorf("AppliedLSN = %d, want 300", got)
	}
	tests := []struct {
		key   string
		asOf  txlog.LSN
		want  string
		found bool
	}{
		{"a", 99, "", false},
		{"a", 100, "a100", true},
		{"a", 150, "a100", true},
		{"a", 200, "a200", true},
		{"a", storage.Latest, "a200", true},
		{"b", 299, "b100", true},
		{"b", 300, "", false},
		{"b", storage.Latest, "", false},
		{"c", storage.Latest, "", false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s@%d", tc.key, tc.asOf), func(t *testing.T) {
			got, ok := get(t, s, 1, tc.key, tc.asOf)
			if ok != tc.found || got != tc.want {
				t.Errorf("Get = %q, %v; want %q, %v", got, ok, tc.want, tc.found)
			}
		})
	}
	scans := []struct {
		asOf txlog.LSN
		want []KV
	}{
		{99, nil},
		{100, []KV{{"a", "a100"}, {"b", "b100"}}},
		{250, []KV{{"a", "a200"}, {"b", "b100"}}},
		{300, []KV{{"a", "a200"}}},
	}
	for _, tc := range scans {
		t.Run(fmt.Sprintf("scan@%d", tc.asOf), func(t *testing.T) {
			got := ScanRange(t, s, 1, "", "", false, tc.asOf)
			if !slices.Equal(got, tc.want) {
				t.Errorf("scan = %v, want %v", got, tc.want)
			}
		})
	}
}

// LSN re-exports txlog.LSN so that tests need one import fewer.
type LSN = txlog.LSN
