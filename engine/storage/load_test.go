package storage

import (
	"errors"
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

type loadRow struct {
	obj      uint32
	key, val string
}

func TestBadgerLoad(t *testing.T) {
	var many []loadRow
	for i := range 20000 {
		many = append(many, loadRow{200, fmt.Sprintf("k%06d", i), fmt.Sprintf("value %d", i)})
	}
	for _, tc := range []struct {
		name string
		rows []loadRow
		want error
	}{
		{name: "two objects", rows: []loadRow{{150, "a", "1"}, {150, "b", "2"}, {120, "a", "3"}}},
		{name: "many rows", rows: many},
		{name: "empty"},
		{name: "keys out of order", rows: []loadRow{{150, "b", "1"}, {150, "a", "2"}}, want: ErrUnsorted},
		{name: "duplicate key", rows: []loadRow{{150, "a", "1"}, {150, "a", "2"}}, want: ErrUnsorted},
		{name: "object in two runs", rows: []loadRow{{150, "a", "1"}, {120, "a", "2"}, {150, "b", "3"}}, want: ErrUnsorted},
		{name: "reserved object", rows: []loadRow{{0, "a", "1"}}, want: ErrInvalidObject},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := OpenBadger(Options{Dir: dir, HousekeepingInterval: -1})
			if err != nil {
				t.Fatal(err)
			}
			defer func() { s.Close() }()
			const at = txlog.LSN(1 << 20)
			err = s.Load(at, func(put func(uint32, []byte, []byte) error) error {
				for _, r := range tc.rows {
					if err := put(r.obj, []byte(r.key), []byte(r.val)); err != nil {
						return err
					}
				}
				return nil
			})
			if tc.want != nil {
				if !errors.Is(err, tc.want) {
					t.Fatalf("Load: %v, want %v", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// Readable, at the load's version and not before, after a reopen too;
			// and ordinary writes continue at later versions.
			for reopen := range 2 {
				if reopen == 1 {
					if err := s.Close(); err != nil {
						t.Fatal(err)
					}
					if s, err = OpenBadger(Options{Dir: dir, HousekeepingInterval: -1}); err != nil {
						t.Fatal(err)
					}
				}
				if got := s.AppliedLSN(); got != at {
					t.Fatalf("AppliedLSN %s, want %s", got, at)
				}
				for _, r := range tc.rows {
					v, ok, err := s.Get(t.Context(), r.obj, []byte(r.key), Latest)
					if err != nil || !ok || string(v) != r.val {
						t.Fatalf("Get(%d,%s) = %q %v %v, want %q", r.obj, r.key, v, ok, err, r.val)
					}
					if _, ok, _ := s.Get(t.Context(), r.obj, []byte(r.key), at-1); ok {
						t.Fatalf("row %s visible before the load's version", r.key)
					}
				}
			}
			var b Batch
			b.Put(150, []byte("z"), []byte("after"))
			if err := s.Apply(&b, at+10); err != nil {
				t.Fatal(err)
			}
			if v, ok, _ := s.Get(t.Context(), 150, []byte("z"), Latest); !ok || string(v) != "after" {
				t.Fatalf("write after load: %q %v", v, ok)
			}
		})
	}
}
