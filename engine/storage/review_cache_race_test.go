package storage_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// reviewOp is one write of a review batch.
type reviewOp struct {
	obj uint32
	key string
	val string
	del bool
}

// reviewModel is what the store must hold: per object, per key, the newest
// version written (a delete included).
type reviewModel map[uint32]map[string]reviewCell

type reviewCell struct {
	at  txlog.LSN
	val string
	del bool
}

func (m reviewModel) apply(ops []reviewOp, at txlog.LSN) {
	for _, op := range ops {
		if m[op.obj] == nil {
			m[op.obj] = map[string]reviewCell{}
		}
		if c, ok := m[op.obj][op.key]; ok && c.at > at {
			continue
		}
		m[op.obj][op.key] = reviewCell{at: at, val: op.val, del: op.del}
	}
}

// live returns the rows of obj the model holds, as "key=value" in key order.
func (m reviewModel) live(obj uint32) map[string]string {
	out := map[string]string{}
	for k, c := range m[obj] {
		if !c.del {
			out[k] = c.val
		}
	}
	return out
}

func reviewBatch(ops []reviewOp) *storage.Batch {
	b := new(storage.Batch)
	for _, op := range ops {
		if op.del {
			b.Delete(op.obj, []byte(op.key))
		} else {
			b.Put(op.obj, []byte(op.key), []byte(op.val))
		}
	}
	return b
}

func reviewScan(t *testing.T, s *storage.Badger, obj uint32, reverse bool, asOf txlog.LSN) map[string]string {
	t.Helper()
	it, err := s.NewIterator(obj, nil, nil, reverse, asOf)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	out := map[string]string{}
	var prev string
	for it.Next() {
		k := string(it.Key())
		if _, dup := out[k]; dup || (prev != "" && (k < prev) != reverse) {
			t.Errorf("scan of %d (reverse %v) out of order or repeated at %q after %q", obj, reverse, k, prev)
		}
		prev = k
		out[k] = string(it.Value())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReviewCacheConcurrentLoad: background loads (after a few rows read)
// race with Apply, out-of-order ApplyGroup, redo replays of older batches at
// their own versions, deletes and DropObject, while readers scan and Get.
// Whenever the writer pauses, every read at Latest must equal the model, and
// a reader holding a pin on an older LSN must keep seeing the model as of it.
// The small budget makes evictions and reloads frequent.
func TestReviewCacheConcurrentLoad(t *testing.T) {
	for _, budget := range []int64{1 << 20, 24 << 10} {
		for _, seed := range []uint64{1, 2} {
			t.Run(fmt.Sprintf("budget=%d/seed=%d", budget, seed), func(t *testing.T) { reviewCacheConcurrentLoad(t, budget, seed, nil) })
		}
	}
}

// TestReviewCacheSharedBudget: the same run on three stores at once sharing
// one small instance budget, so that each store's writes and loads evict the
// others' objects (storage.CacheBudget).
func TestReviewCacheSharedBudget(t *testing.T) {
	shared := storage.NewCacheBudget(32 << 10)
	for _, seed := range []uint64{11, 12, 13} {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			t.Parallel()
			reviewCacheConcurrentLoad(t, 0, seed, shared)
		})
	}
}

func reviewCacheConcurrentLoad(t *testing.T, budget int64, seed uint64, shared *storage.CacheBudget) {
	s, err := storage.OpenBadger(storage.CacheAfter(storage.Options{InMemory: true, HousekeepingInterval: -1, CacheBudget: shared}, budget, 40))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	const objs, keys, rounds = 3, 120, 400
	rng := rand.New(rand.NewPCG(seed, 7))
	model := reviewModel{}
	type past struct {
		ops   []reviewOp
		at    txlog.LSN
		epoch [objs + 1]int
	}
	var history []past
	var epoch [objs + 1]int // DropObject count per object: replays stay within one epoch
	var mu sync.RWMutex     // writer: Lock around a step; checkers: RLock
	// dropAt is the version of the last DropObject: a snapshot older than it
	// may miss the dropped rows (DropObject removes every version).
	var dropAt atomic.Uint64
	version := txlog.LSN(0)
	randOps := func(n int, used map[string]bool) []reviewOp {
		var ops []reviewOp
		for len(ops) < n {
			op := reviewOp{obj: uint32(1 + rng.IntN(objs)), key: fmt.Sprintf("k%03d", rng.IntN(keys))}
			id := fmt.Sprint(op.obj, op.key)
			if used[id] {
				continue
			}
			used[id] = true
			if rng.IntN(4) == 0 {
				op.del = true
			} else {
				op.val = fmt.Sprintf("v%d", rng.Uint32())
			}
			ops = append(ops, op)
		}
		return ops
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var checks atomic.Int64
	// Readers: scans and point reads at Latest, checked against the model
	// while the writer is paused.
	for r := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rr := rand.New(rand.NewPCG(seed, uint64(100+r)))
			for {
				select {
				case <-stop:
					return
				default:
				}
				mu.RLock()
				obj := uint32(1 + rr.IntN(objs))
				want := model.live(obj)
				if got := reviewScan(t, s, obj, rr.IntN(2) == 0, storage.Latest); !maps.Equal(got, want) {
					t.Errorf("scan of object %d at Latest after version %d: %d rows, want %d (%v)", obj, version, len(got), len(want), diffRows(got, want))
				}
				k := fmt.Sprintf("k%03d", rr.IntN(keys))
				v, ok, err := s.Get(ctx, obj, []byte(k), storage.Latest)
				wv, wok := want[k]
				if err != nil || ok != wok || string(v) != wv {
					t.Errorf("Get %d/%s at Latest after version %d = %q, %v, %v; want %q, %v", obj, k, version, v, ok, err, wv, wok)
				}
				mu.RUnlock()
				checks.Add(1)
			}
		}()
	}
	// A snapshot reader: pins the current version, remembers the model as
	// of it, and checks it again after later writes.
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			mu.RLock()
			at := version
			if at == 0 {
				mu.RUnlock()
				continue
			}
			release, err := s.Pin(at)
			if err != nil {
				mu.RUnlock()
				t.Errorf("Pin(%d): %v", at, err)
				return
			}
			want := map[uint32]map[string]string{}
			for obj := uint32(1); obj <= objs; obj++ {
				want[obj] = model.live(obj)
			}
			mu.RUnlock()
			runtime.Gosched() // let the writer in
			mu.RLock()
			for obj := uint32(1); obj <= objs; obj++ {
				// A DropObject after at removes the versions at needs.
				if got := reviewScan(t, s, obj, false, at); !maps.Equal(got, want[obj]) && uint64(at) >= dropAt.Load() {
					t.Errorf("scan of object %d as of pinned %d after version %d: %v", obj, at, version, diffRows(got, want[obj]))
				}
			}
			mu.RUnlock()
			release()
		}
	}()

	for round := range rounds {
		mu.Lock()
		switch p := rng.IntN(10); {
		case p < 5 || len(history) == 0: // one batch
			version += 10
			ops := randOps(1+rng.IntN(6), map[string]bool{})
			if err := s.Apply(reviewBatch(ops), version); err != nil {
				t.Fatal(err)
			}
			model.apply(ops, version)
			history = append(history, past{ops, version, epoch})
		case p < 8: // a group of three, versions out of order, distinct keys
			used := map[string]bool{}
			base := version
			version += 10
			var g []storage.Versioned
			for _, off := range []txlog.LSN{9, 3, 6} {
				ops := randOps(1+rng.IntN(4), used)
				g = append(g, storage.Versioned{Batch: reviewBatch(ops), At: base + off})
				model.apply(ops, base+off)
				history = append(history, past{ops, base + off, epoch})
			}
			if err := s.ApplyGroup(g); err != nil {
				t.Fatal(err)
			}
		case p < 7: // two commits applied out of order, distinct keys
			used := map[string]bool{}
			base := version
			version += 10
			for _, off := range []txlog.LSN{8, 4} {
				ops := randOps(1+rng.IntN(4), used)
				if err := s.Apply(reviewBatch(ops), base+off); err != nil {
					t.Fatal(err)
				}
				model.apply(ops, base+off)
				history = append(history, past{ops, base + off, epoch})
			}
		case p < 9: // redo replays an older batch at its own version
			h := history[rng.IntN(len(history))]
			if h.epoch != epoch {
				break // replays never cross a DropObject (redo order)
			}
			if err := s.Apply(reviewBatch(h.ops), h.at); err != nil {
				t.Fatal(err)
			}
			model.apply(h.ops, h.at)
		default:
			if round%7 != 0 {
				break
			}
			obj := uint32(1 + rng.IntN(objs))
			version += 10
			if err := s.DropObject(obj, version); err != nil {
				t.Fatal(err)
			}
			delete(model, obj)
			epoch[obj]++
			dropAt.Store(uint64(version))
		}
		mu.Unlock()
		if round%50 == 0 {
			storage.WaitCacheLoads(s)
		}
	}
	close(stop)
	wg.Wait()
	storage.WaitCacheLoads(s)
	for obj := uint32(1); obj <= objs; obj++ {
		if got, want := reviewScan(t, s, obj, false, storage.Latest), model.live(obj); !maps.Equal(got, want) {
			t.Errorf("final scan of object %d: %v", obj, diffRows(got, want))
		}
	}
	st := s.CacheStats()
	t.Logf("checks %d, cache %+v", checks.Load(), st)
	if st.Loads == 0 || st.HitScans == 0 {
		t.Errorf("the cache never served: %+v", st)
	}
}

func diffRows(got, want map[string]string) string {
	var d []string
	for k, v := range want {
		if g, ok := got[k]; !ok {
			d = append(d, "missing "+k+"="+v)
		} else if g != v {
			d = append(d, "wrong "+k+"="+g+" want "+v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			d = append(d, "extra "+k+"="+v)
		}
	}
	if len(d) > 6 {
		d = append(d[:6], fmt.Sprintf("… %d more", len(d)-6))
	}
	return fmt.Sprint(d)
}
