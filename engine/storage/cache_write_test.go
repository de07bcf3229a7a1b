package storage

import (
	"errors"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestCacheWriteReplay pins down which versions cache.write keeps when a
// write reaches a ready object, and when it must ask badger for the key's
// versions instead of merging into the entry it has. The object was loaded
// as of base 200; a reader pinned at 220 keeps the floor there. The key's
// badger history is always: put "old" at 66, delete at 170 (both below the
// load, so the load never saw the key), then whatever the case adds.
//
// "replay onto an entry written only since the load" is TestReviewCacheConcurrentLoad's
// "extra k028 as of pinned 220": the entry [230:new] was created by a write after
// the load; merging a replay of put 66 into it gave [230:new 66:old], and a
// read as of 220 saw "old" although the key was deleted at 170.
func TestCacheWriteReplay(t *testing.T) {
	const base, pinned = 200, 220
	tests := []struct {
		name      string
		old       *centry // the object's entry for the key before the write; nil: none
		at        txlog.LSN
		op        Op
		badger    []cversion // what keyVersions returns (after the write)
		wantChain bool       // badger must be asked
		want      string     // the entry after the write (chainString)
		wantAt220 string     // visible as of the pinned 220: value or "-" (absent)
	}{
		{
			name: "replay, no entry (deleted before the load)",
			at:   66, op: Op{Value: []byte("old")},
			badger:    []cversion{del(170), put(66, "old")},
			wantChain: true, want: "170:-", wantAt220: "-",
		},
		{
			name: "replay onto an entry written only since the load",
			old:  entryOf(put(230, "new")),
			at:   66, op: Op{Value: []byte("old")},
			badger:    []cversion{put(230, "new"), del(170), put(66, "old")},
			wantChain: true, want: "230:new 170:-", wantAt220: "-",
		},
		{
			name: "replay onto entries above the load, some below the floor",
			old:  entryOf(put(230, "new"), put(210, "mid")),
			at:   66, op: Op{Value: []byte("old")},
			badger:    []cversion{put(230, "new"), put(210, "mid"), del(170), put(66, "old")},
			wantChain: true, want: "230:new 210:mid", wantAt220: "mid",
		},
		{
			name: "replay onto the version the load read",
			old:  entryOf(put(100, "loaded")),
			at:   66, op: Op{Value: []byte("old")},
			want: "100:loaded", wantAt220: "loaded",
		},
		{
			name: "replay onto a tombstone at or below the load",
			old:  entryOf(put(230, "new"), del(170)),
			at:   66, op: Op{Value: []byte("old")},
			want: "230:new 170:-", wantAt220: "-",
		},
		{
			name: "replay above the load merges by version",
			old:  entryOf(put(230, "new"), put(210, "mid")),
			at:   210, op: Op{Value: []byte("mid")},
			want: "230:new 210:mid", wantAt220: "mid",
		},
		{
			name: "new write above the pin keeps the pinned version",
			old:  entryOf(put(210, "mid")),
			at:   240, op: Op{Value: []byte("newer")},
			want: "240:newer 210:mid", wantAt220: "mid",
		},
		{
			name: "new delete of a key the load never saw",
			at:   240, op: Op{Delete: true},
			want: "240:-", wantAt220: "-",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCache(Options{CacheBytes: 1 << 20})
			defer c.unregister()
			o := &cachedObject{id: 1, tree: newTree(), ready: true, base: base, floor: pinned}
			key := []byte("k")
			if tc.old != nil {
				o.tree.ReplaceOrInsert(tc.old)
			}
			chained := false
			chain := func(obj uint32, k []byte) ([]cversion, error) {
				chained = true
				if obj != 1 || string(k) != "k" {
					t.Errorf("chain(%d, %q), want (1, \"k\")", obj, k)
				}
				return tc.badger, nil
			}
			op := tc.op
			op.ObjectID, op.Key = 1, key
			if !c.write(o, []Op{op}, tc.at, func() txlog.LSN { return pinned }, chain) {
				t.Fatal("write dropped the object")
			}
			if chained != tc.wantChain {
				t.Errorf("badger asked: %v, want %v", chained, tc.wantChain)
			}
			e, _ := o.tree.Get(probeFor(key))
			if got := chainString(e); got != tc.want {
				t.Errorf("entry = %q, want %q", got, tc.want)
			}
			got := "-"
			if e != nil {
				if v, ok := e.visible(pinned); ok {
					got = string(v)
				}
			}
			if got != tc.wantAt220 {
				t.Errorf("visible as of %d = %q, want %q", pinned, got, tc.wantAt220)
			}
			if o.floor != pinned {
				t.Errorf("floor %d, want %d (the pin)", o.floor, pinned)
			}
		})
	}
}

// TestCacheWriteReplayBadgerError: when badger cannot say what a replayed
// key held, the object leaves the cache rather than guess.
func TestCacheWriteReplayBadgerError(t *testing.T) {
	c := newCache(Options{CacheBytes: 1 << 20})
	defer c.unregister()
	o := &cachedObject{id: 1, tree: newTree(), ready: true, base: 200, floor: 200}
	o.tree.ReplaceOrInsert(newCentry([]byte("k"), cversion{value: []byte("new"), lsn: 230}))
	chain := func(uint32, []byte) ([]cversion, error) { return nil, errors.New("boom") }
	op := Op{ObjectID: 1, Key: []byte("k"), Value: []byte("old")}
	if c.write(o, []Op{op}, 66, func() txlog.LSN { return Latest }, chain) {
		t.Error("write kept the object although badger failed")
	}
}
