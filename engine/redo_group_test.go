package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/memstore"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// failingGroupStore fails its first ApplyGroup call, then delegates.
type failingGroupStore struct {
	*storage.Badger
	fails int
}

func (s *failingGroupStore) ApplyGroup(g []storage.Versioned) error {
	if s.fails > 0 {
		s.fails--
		return errors.New("disk on fire")
	}
	return s.Badger.ApplyGroup(g)
}

// TestRedoGroups feeds the redoer interleaved transactions (commits, an abort,
// one left open, a DDL between row commits) and checks that, once flushed, the
// store reads at every commit's version exactly as the model says, with a
// store that applies groups (badger), one that does not (memstore), and one
// whose first group write fails (the group is kept and retried).
func TestRedoGroups(t *testing.T) {
	cat, err := catalog.NewDatabase("d", 5, time.Unix(0, 0).UTC()).Encode()
	if err != nil {
		t.Fatal(err)
	}
	ddl, err := json.Marshal(ddlPayload{Catalog: cat})
	if err != nil {
		t.Fatal(err)
	}
	k := func(s string) []byte { return []byte(s) }
	// LSNs are the record's index + 1; version is the identity.
	recs := []txlog.Record{
		txlog.Begin{Txn: 1},
		txlog.Begin{Txn: 2},
		txlog.Insert{Txn: 1, Object: 9, Key: k("a"), After: k("a1")},
		txlog.Insert{Txn: 2, Object: 9, Key: k("b"), After: k("b2")},
		txlog.Commit{Txn: 2}, // 5
		txlog.Update{Txn: 1, Object: 9, Key: k("a"), After: k("a1'")},
		txlog.Commit{Txn: 1}, // 7
		txlog.Begin{Txn: 3},
		txlog.Insert{Txn: 3, Object: 9, Key: k("c"), After: k("never")},
		txlog.Abort{Txn: 3},
		txlog.Begin{Txn: 4},
		txlog.DDL{Txn: 4, Payload: ddl},
		txlog.Commit{Txn: 4}, // 13
		txlog.Begin{Txn: 5},
		txlog.Delete{Txn: 5, Object: 9, Key: k("b")},
		txlog.Update{Txn: 5, Object: 9, Key: k("a"), After: k("a5")},
		txlog.Begin{Txn: 6},
		txlog.Insert{Txn: 6, Object: 9, Key: k("d"), After: k("open")},
		txlog.Commit{Txn: 5}, // 19
	}
	// want[v][key] is the value as of version v ("" = absent).
	want := map[txlog.LSN]map[string]string{
		4:  {"a": "", "b": "", "c": "", "d": ""},
		5:  {"a": "", "b": "b2", "c": "", "d": ""},
		7:  {"a": "a1'", "b": "b2", "c": "", "d": ""},
		13: {"a": "a1'", "b": "b2", "c": "", "d": ""},
		19: {"a": "a5", "b": "", "c": "", "d": ""},
	}
	for _, tc := range []struct {
		name  string
		store func(t *testing.T) storage.Store
		fails bool
	}{
		{"badger groups", func(t *testing.T) storage.Store { return openTestBadger(t) }, false},
		{"memstore one by one", func(t *testing.T) storage.Store { return memstore.New() }, false},
		{"first group write fails", func(t *testing.T) storage.Store {
			return &failingGroupStore{Badger: openTestBadger(t), fails: 1}
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.store(t)
			t.Cleanup(func() { _ = st.Close() })
			catalogs := 0
			r := newRedoer(st, func(l txlog.LSN) txlog.LSN { return l }, func(*catalog.Database) { catalogs++ })
			for i := 0; i < len(recs); i++ {
				err := r.apply(txlog.LSN(i+1), recs[i])
				if tc.fails && i+1 == 13 && err == nil {
					t.Fatalf("apply 13 (the DDL commit, which flushes the group first) succeeded; want the store's error")
				}
				if err != nil && tc.fails && i+1 == 13 && r.redone == 0 && !r.flushed() {
					tc.fails = false
					i-- // the scan retries the record it stopped at
					continue
				}
				if err != nil {
					t.Fatalf("apply %d: %v (redone %s, flushed %v)", i+1, err, r.redone, r.flushed())
				}
			}
			if r.flushed() {
				t.Fatalf("the commit at 19 is not in the store yet, but flushed() is true")
			}
			if err := r.flush(); err != nil {
				t.Fatalf("flush: %v", err)
			}
			if !r.flushed() || r.redone != 19 {
				t.Errorf("after flush: flushed %v, redone %s; want true, 19", r.flushed(), r.redone)
			}
			if catalogs != 1 {
				t.Errorf("catalog installed %d times, want 1", catalogs)
			}
			for v, keys := range want {
				for key, val := range keys {
					got, ok, err := st.Get(context.Background(), 9, []byte(key), v)
					if err != nil {
						t.Fatal(err)
					}
					if g := string(got); ok != (val != "") || g != val {
						t.Errorf("%s as of %s = %q (found %v), want %q", key, v, g, ok, val)
					}
				}
			}
			if _, ok, _ := st.Get(context.Background(), catalog.ObjectCatalog, catalogKey, 13); !ok {
				t.Errorf("catalog missing as of the DDL's commit")
			}
			if got := st.AppliedLSN(); got != 19 {
				t.Errorf("AppliedLSN = %s, want 19", got)
			}
		})
	}
}

func openTestBadger(t *testing.T) *storage.Badger {
	t.Helper()
	s, err := storage.OpenBadger(storage.Options{Dir: t.TempDir(), HousekeepingInterval: -1})
	if err != nil {
		t.Fatal(fmt.Errorf("open badger: %w", err))
	}
	return s
}

// TestRedoAllocsPerTransaction: a mirror's redo applies every transaction its
// principal commits; once a group has been written, a single-row transaction
// costs redo one allocation, the copy of its key and row image (the
// transaction's pendingTxn and operation slice are reused, key and image share
// one copy). Before: four (pendingTxn, operation slice, key, image).
func TestRedoAllocsPerTransaction(t *testing.T) {
	st := openTestBadger(t)
	t.Cleanup(func() { _ = st.Close() })
	r := newRedoer(st, func(l txlog.LSN) txlog.LSN { return l }, nil)
	lsn := txlog.LSN(0)
	txnID := uint64(1) << 40 // ids as an engine hands them out: no small-value shortcut
	key, row := []byte("key-0001"), make([]byte, 60)
	one := func() {
		for _, rec := range []txlog.Record{
			txlog.Begin{Txn: txnID},
			txlog.Insert{Txn: txnID, Object: 9, Key: key, After: row},
			txlog.Commit{Txn: txnID},
		} {
			lsn++
			if err := r.apply(lsn, rec); err != nil {
				t.Fatal(err)
			}
		}
		txnID++
	}
	// Warm up as a mirror's redo runs: scans of a few hundred commits, each
	// written as a group.
	const perScan = 200
	for range 3 {
		for range perScan {
			one()
		}
		if err := r.flush(); err != nil {
			t.Fatal(err)
		}
	}
	if got := testing.AllocsPerRun(perScan-1, one); got > 1 {
		t.Fatalf("redo allocates %.1f times per single-row transaction, want at most 1 (the row's copy)", got)
	}
}
