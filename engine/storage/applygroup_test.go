package storage_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// groupTxn is one transaction of an ApplyGroup test: puts (value "" = delete).
type groupTxn struct {
	at   txlog.LSN
	puts map[string]string
}

func (g groupTxn) batch() *storage.Batch {
	var b storage.Batch
	for k, v := range g.puts {
		if v == "" {
			b.Delete(7, []byte(k))
		} else {
			b.Put(7, []byte(k), []byte(v))
		}
	}
	return &b
}

// TestApplyGroup checks that a group reads, at every version, exactly as the
// same transactions applied one by one with Apply, and that AppliedLSN is the
// group's highest version.
func TestApplyGroup(t *testing.T) {
	big := strings.Repeat("x", 1000)
	manyPuts := map[string]string{}
	for i := range 3000 { // ~3 MB: more than one badger transaction holds
		manyPuts[fmt.Sprintf("m%05d", i)] = big
	}
	tests := []struct {
		name string
		txns []groupTxn
	}{
		{"one transaction", []groupTxn{{10, map[string]string{"a": "1"}}}},
		{"same key at successive versions", []groupTxn{
			{10, map[string]string{"a": "1", "b": "1"}},
			{20, map[string]string{"a": "2"}},
			{30, map[string]string{"a": "", "c": "3"}},
			{40, map[string]string{"a": "4", "b": ""}},
		}},
		{"versions out of order", []groupTxn{
			{50, map[string]string{"k": "50"}},
			{45, map[string]string{"k": "45", "j": "45"}},
		}},
		{"larger than one badger transaction", []groupTxn{
			{10, map[string]string{"m00001": "early"}},
			{20, manyPuts},
			{30, map[string]string{"m00002": ""}},
		}},
	}
	ctx := context.Background()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			grouped, single := openBadger(t, ""), openBadger(t, "")
			defer grouped.Close()
			defer single.Close()
			var g []storage.Versioned
			var top txlog.LSN
			keys := map[string]bool{}
			for _, tx := range tc.txns {
				g = append(g, storage.Versioned{Batch: tx.batch(), At: tx.at})
				if err := single.Apply(tx.batch(), tx.at); err != nil {
					t.Fatalf("Apply: %v", err)
				}
				top = max(top, tx.at)
				for k := range tx.puts {
					keys[k] = true
				}
			}
			if err := grouped.ApplyGroup(g); err != nil {
				t.Fatalf("ApplyGroup: %v", err)
			}
			if got := grouped.AppliedLSN(); got != top {
				t.Errorf("AppliedLSN = %s, want %s", got, top)
			}
			for _, tx := range tc.txns {
				for _, at := range []txlog.LSN{tx.at - 1, tx.at, tx.at + 1} {
					for k := range keys {
						wv, wok, werr := single.Get(ctx, 7, []byte(k), at)
						gv, gok, gerr := grouped.Get(ctx, 7, []byte(k), at)
						if werr != nil || gerr != nil {
							t.Fatalf("Get %q at %s: %v / %v", k, at, werr, gerr)
						}
						if wok != gok || string(wv) != string(gv) {
							t.Errorf("Get %q at %s = %.10q,%v; Apply one by one gives %.10q,%v", k, at, gv, gok, wv, wok)
						}
					}
				}
			}
		})
	}
}

func TestApplyGroupErrors(t *testing.T) {
	var ok storage.Batch
	ok.Put(7, []byte("a"), []byte("1"))
	var bad storage.Batch
	bad.Put(0, []byte("a"), []byte("1")) // object id 0 is reserved
	tests := []struct {
		name string
		g    []storage.Versioned
		want error
	}{
		{"zero version", []storage.Versioned{{Batch: &ok, At: 5}, {Batch: &ok, At: 0}}, storage.ErrZeroLSN},
		{"reserved object", []storage.Versioned{{Batch: &ok, At: 5}, {Batch: &bad, At: 6}}, storage.ErrInvalidObject},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openBadger(t, "")
			defer s.Close()
			if err := s.ApplyGroup(tc.g); !errors.Is(err, tc.want) {
				t.Fatalf("ApplyGroup = %v, want %v", err, tc.want)
			}
			if got := s.AppliedLSN(); got != 0 {
				t.Errorf("AppliedLSN after a refused group = %s, want 0", got)
			}
		})
	}
	s := openBadger(t, "")
	s.Close()
	if err := s.ApplyGroup([]storage.Versioned{{Batch: &ok, At: 1}, {Batch: &ok, At: 2}}); !errors.Is(err, storage.ErrClosed) {
		t.Errorf("ApplyGroup on a closed store = %v, want ErrClosed", err)
	}
}
