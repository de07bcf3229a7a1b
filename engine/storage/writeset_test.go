package storage_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/memstore"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
)

// wsScan reads all of object 1 through w over an empty in-memory base.
func wsScan(t *testing.T, w *storage.WriteSet) []storagetest.KV {
	t.Helper()
	it, err := w.NewIterator(memstore.New(), 1, nil, nil, false, storage.Latest)
	if err != nil {
		t.Fatal(err)
	}
	return storagetest.Collect(t, it)
}

func mustWS(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWriteSetMarks(t *testing.T) {
	w := storage.NewWriteSet(0)
	put := func(k, v string) { t.Helper(); mustWS(t, w.Put(1, []byte(k), []byte(v))) }
	del := func(k string) { t.Helper(); mustWS(t, w.Delete(1, []byte(k))) }
	kvs := func(kv ...string) []storagetest.KV {
		var out []storagetest.KV
		for i := 0; i < len(kv); i += 2 {
			out = append(out, storagetest.KV{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	put("a", "1")
	savepoint := w.Mark() // SAVE TRAN sp
	put("b", "2")
	stmt := w.Mark() // statement start
	put("a", "changed")
	del("b")
	put("c", "3")
	if got, want := wsScan(t, w), kvs("a", "changed", "c", "3"); !slices.Equal(got, want) {
		t.Fatalf("before statement rollback: %v, want %v", got, want)
	}
	w.RollbackTo(stmt) // the statement failed
	if got, want := wsScan(t, w), kvs("a", "1", "b", "2"); !slices.Equal(got, want) {
		t.Fatalf("after statement rollback: %v, want %v", got, want)
	}
	w.Release(stmt)
	put("d", "4")
	w.RollbackTo(savepoint) // ROLLBACK TRAN sp
	if got, want := wsScan(t, w), kvs("a", "1"); !slices.Equal(got, want) {
		t.Fatalf("after savepoint rollback: %v, want %v", got, want)
	}
	put("e", "5")
	w.RollbackTo(savepoint) // a savepoint can be rolled back to again
	if got, want := wsScan(t, w), kvs("a", "1"); !slices.Equal(got, want) {
		t.Fatalf("after second savepoint rollback: %v, want %v", got, want)
	}
	w.RollbackTo(stmt) // ended by the savepoint rollback: no effect
	w.Release(savepoint)
	put("f", "6")
	if got, want := wsScan(t, w), kvs("a", "1", "f", "6"); !slices.Equal(got, want) {
		t.Fatalf("after release: %v, want %v", got, want)
	}
	w.Reset()
	if w.Len() != 0 || w.Bytes() != 0 {
		t.Errorf("after Reset Len=%d Bytes=%d, want 0, 0", w.Len(), w.Bytes())
	}
}

// TestWriteSetAccounting checks that rolling back to a mark restores the accounted
// size exactly and that releasing the last mark frees the undo records.
func TestWriteSetAccounting(t *testing.T) {
	tests := []struct {
		name   string
		writes func(w *storage.WriteSet) error
	}{
		{"inserts", func(w *storage.WriteSet) error {
			for i := range 100 {
				if err := w.Put(1, fmt.Appendf(nil, "k%03d", i), []byte("value")); err != nil {
					return err
				}
			}
			return nil
		}},
		{"overwrites and deletes", func(w *storage.WriteSet) error {
			for i := range 10 {
				if err := w.Put(1, []byte("base"), make([]byte, i*10)); err != nil {
					return err
				}
				if err := w.Delete(1, []byte("base")); err != nil {
					return err
				}
			}
			return nil
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := storage.NewWriteSet(0)
			mustWS(t, w.Put(1, []byte("base"), []byte("base value")))
			base := w.Bytes()
			m := w.Mark()
			mustWS(t, tc.writes(w))
			w.RollbackTo(m)
			if w.Bytes() != base {
				t.Errorf("Bytes after rollback = %d, want %d", w.Bytes(), base)
			}
			mustWS(t, tc.writes(w))
			withUndo := w.Bytes()
			w.Release(m)
			if w.Bytes() >= withUndo {
				t.Errorf("Bytes after release = %d, want < %d", w.Bytes(), withUndo)
			}
		})
	}
}

func TestWriteSetLimit(t *testing.T) {
	w := storage.NewWriteSet(4 << 10)
	var err error
	n := 0
	for ; err == nil && n < 1000; n++ {
		err = w.Put(1, fmt.Appendf(nil, "k%04d", n), make([]byte, 100))
	}
	var sqlErr interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if !errors.As(err, &sqlErr) {
		t.Fatalf("err = %v, want a SQL Server error", err)
	}
	if num, sev, _ := sqlErr.SQLServerError(); num != 701 || sev != 17 {
		t.Errorf("error = %d/%d, want 701/17", num, sev)
	}
	if w.Bytes() > 4<<10 {
		t.Errorf("Bytes = %d exceeds the limit", w.Bytes())
	}
	if got := w.Len(); got != n-1 {
		t.Errorf("Len = %d, want %d (the failing write must not be kept)", got, n-1)
	}
}

// TestWriteSet100kRows is a 100k-row transaction: written, read back through the
// merged iterator, turned into a batch and applied to badger.
func TestWriteSet100kRows(t *testing.T) {
	const rows = 100_000
	w := storage.NewWriteSet(0)
	m := w.Mark() // the INSERT statement
	val := make([]byte, 200)
	for i := range rows {
		mustWS(t, w.Put(1, fmt.Appendf(nil, "row%08d", i), val))
	}
	w.Release(m)
	t.Logf("100k rows of 200 bytes: write set accounts %d MiB", w.Bytes()>>20)
	s := openBadger(t, "")
	defer s.Close()
	it, err := w.NewIterator(s, 1, nil, nil, true, storage.Latest)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(storagetest.Collect(t, it)); n != rows {
		t.Fatalf("merged scan saw %d rows, want %d", n, rows)
	}
	storagetest.MustApply(t, s, w.Batch(), 42)
	it, err = s.NewIterator(1, nil, nil, false, 42)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(storagetest.Collect(t, it)); n != rows {
		t.Fatalf("store has %d rows after commit, want %d", n, rows)
	}
}
