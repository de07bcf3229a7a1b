package storage_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestCacheReplayAroundLoad runs TestReviewCacheConcurrentLoad's failing
// history ("extra k028 as of pinned 220") with the background load held
// between its badger read (as of 200) and its merge, and each later step
// placed either while the load is in flight (recorded, merged by the load)
// or after it (written into the ready object), in every order that matters.
// k028 was put at 66 and deleted at 170, so the load never sees it; a reader
// pins 220; k028 is put again at 230; redo replays the put at 66. Whatever
// the order, k028 is absent as of 220 and "new" from 230 on. The first two
// orders failed before 34216ef (the replay merged into the entry [230:new]).
func TestCacheReplayAroundLoad(t *testing.T) {
	const obj = 1
	tests := []struct {
		name          string
		during, after string // steps, space-separated: z220 pin new230 replay66
	}{
		{"everything after the load", "z220", "pin new230 replay66"},
		{"new write during, replay after", "z220 pin new230", "replay66"},
		{"new write and replay during", "z220 pin new230 replay66", ""},
		{"replay during, new write after", "z220 pin replay66", "new230"},
		{"replay first, during", "replay66", "z220 pin new230"},
	}
	reads := []struct {
		asOf txlog.LSN
		want string // "" = absent
	}{
		{220, ""}, {230, "new"}, {storage.Latest, "new"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := storage.OpenBadger(storage.CacheAfter(storage.Options{InMemory: true, HousekeepingInterval: -1}, 1<<20, 1))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			held, resume := make(chan struct{}), make(chan struct{})
			storage.SetCacheAfterRead(s, func(uint32) {
				close(held)
				<-resume
			})
			apply := func(at txlog.LSN, key, val string) {
				t.Helper()
				b := new(storage.Batch)
				if val == "" {
					b.Delete(obj, []byte(key))
				} else {
					b.Put(obj, []byte(key), []byte(val))
				}
				if err := s.Apply(b, at); err != nil {
					t.Fatalf("apply at %d: %v", at, err)
				}
			}
			var releases []func()
			defer func() {
				for _, r := range releases {
					r()
				}
			}()
			step := func(name string) {
				t.Helper()
				switch name {
				case "z220":
					apply(220, "k100", "z")
				case "pin":
					r, err := s.Pin(220)
					if err != nil {
						t.Fatal(err)
					}
					releases = append(releases, r)
				case "new230":
					apply(230, "k028", "new")
				case "replay66":
					apply(66, "k028", "old")
				default:
					t.Fatalf("unknown step %q", name)
				}
			}
			apply(66, "k028", "old")
			apply(67, "k100", "x")
			apply(170, "k028", "")
			apply(200, "k100", "y")
			// A read from badger starts the load, as of 200; it stops
			// after reading badger.
			reviewScan(t, s, obj, false, storage.Latest)
			<-held
			for _, name := range strings.Fields(tc.during) {
				step(name)
			}
			close(resume)
			storage.WaitCacheLoads(s)
			if f := storage.CacheFloor(s, obj); f != 200 {
				t.Fatalf("object not loaded as of 200 (floor %d)", f)
			}
			for _, name := range strings.Fields(tc.after) {
				step(name)
			}
			if f := storage.CacheFloor(s, obj); f == 0 || f > 220 {
				t.Fatalf("cache floor %d: reads as of 220 would not come from the cache", f)
			}
			for _, r := range reads {
				v, ok, err := s.Get(context.Background(), obj, []byte("k028"), r.asOf)
				if err != nil {
					t.Fatal(err)
				}
				if ok != (r.want != "") || string(v) != r.want {
					t.Errorf("Get k028 as of %d = %q (found %v), want %q", r.asOf, v, ok, r.want)
				}
				got, ok := reviewScan(t, s, obj, false, r.asOf)["k028"]
				if ok != (r.want != "") || got != r.want {
					t.Errorf("scan as of %d: k028 = %q (found %v), want %q", r.asOf, got, ok, r.want)
				}
			}
			if st := s.CacheStats(); st.Loads != 1 || st.HitGets == 0 {
				t.Errorf("reads not from the cache: %+v", st)
			}
		})
	}
}
