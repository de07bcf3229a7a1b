package storage_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/memstore"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// diffRig feeds the same writes to a cached badger store and to memstore
// (every version kept forever, the reference) and compares reads.
type diffRig struct {
	t    *testing.T
	bg   *storage.Badger
	ref  *memstore.Store
	next atomic.Uint64 // last version handed out

	mu      sync.Mutex
	done    map[txlog.LSN]bool
	stable  txlog.LSN // every version <= stable is in both stores
	batches []versioned
}

type versioned struct {
	b  []storage.Op
	at txlog.LSN
}

const (
	diffObjects = 3
	diffKeys    = 300
)

func (r *diffRig) randomBatch(rng *rand.Rand) []storage.Op {
	n := 1 + rng.IntN(20)
	if rng.IntN(20) == 0 {
		n = 200 + rng.IntN(400)
	}
	ops := make([]storage.Op, 0, n)
	for range n {
		op := storage.Op{
			ObjectID: uint32(1 + rng.IntN(diffObjects)),
			Key:      fmt.Appendf(nil, "k%04d", rng.IntN(diffKeys)),
		}
		if rng.IntN(4) == 0 {
			op.Delete = true
		} else {
			op.Value = fmt.Appendf(nil, "v%d-%x", rng.IntN(1000), rng.Uint64()&0xffffff)
		}
		ops = append(ops, op)
	}
	return ops
}

func toBatch(ops []storage.Op) *storage.Batch {
	b := new(storage.Batch)
	for _, op := range ops {
		if op.Delete {
			b.Delete(op.ObjectID, op.Key)
		} else {
			b.Put(op.ObjectID, op.Key, op.Value)
		}
	}
	return b
}

// write applies one batch (or a group of them) at fresh versions to both
// stores.
func (r *diffRig) write(rng *rand.Rand) error {
	k := 1
	if rng.IntN(4) == 0 {
		k = 2 + rng.IntN(3)
	}
	var g []storage.Versioned
	var vs []versioned
	r.mu.Lock() // versions in order of application keeps AppliedLSN a redo point
	defer r.mu.Unlock()
	for range k {
		ops := r.randomBatch(rng)
		at := txlog.LSN(r.next.Add(1))
		g = append(g, storage.Versioned{Batch: toBatch(ops), At: at})
		vs = append(vs, versioned{ops, at})
	}
	var err error
	if len(g) == 1 {
		err = r.bg.Apply(g[0].Batch, g[0].At)
	} else {
		err = r.bg.ApplyGroup(g)
	}
	if err != nil {
		return err
	}
	for _, v := range vs {
		if err := r.ref.Apply(toBatch(v.b), v.at); err != nil {
			return err
		}
		r.done[v.at] = true
		r.batches = append(r.batches, v)
	}
	for r.done[r.stable+1] {
		delete(r.done, r.stable+1)
		r.stable++
	}
	return nil
}

// redo applies an earlier batch again at its own version (idempotent).
func (r *diffRig) redo(rng *rand.Rand) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.batches) == 0 {
		return nil
	}
	v := r.batches[rng.IntN(len(r.batches))]
	return r.bg.Apply(toBatch(v.b), v.at)
}

// read compares one random read at a pinned, stable LSN (or, when quiet,
// Latest).
func (r *diffRig) read(rng *rand.Rand, latest bool) error {
	var asOf txlog.LSN
	if latest {
		asOf = storage.Latest
	} else {
		r.mu.Lock()
		top := r.stable
		r.mu.Unlock()
		low := r.bg.DiscardLSN()
		if top < low {
			return nil
		}
		asOf = low + txlog.LSN(rng.Uint64N(uint64(top-low)+1))
		if rng.IntN(2) == 0 {
			asOf = top
		}
	}
	release, err := r.bg.Pin(asOf)
	if errors.Is(err, storage.ErrSnapshotTooOld) {
		return nil
	}
	if err != nil {
		return err
	}
	defer release()
	obj := uint32(1 + rng.IntN(diffObjects))
	if rng.IntN(3) == 0 {
		key := fmt.Appendf(nil, "k%04d", rng.IntN(diffKeys))
		gv, gok, err := r.bg.Get(context.Background(), obj, key, asOf)
		if err != nil {
			return err
		}
		wv, wok, err := r.ref.Get(context.Background(), obj, key, asOf)
		if err != nil {
			return err
		}
		if gok != wok || string(gv) != string(wv) {
			return fmt.Errorf("Get(%d, %s)@%d = %q,%v; want %q,%v", obj, key, asOf, gv, gok, wv, wok)
		}
		return nil
	}
	var lo, hi []byte
	if rng.IntN(2) == 0 {
		lo = fmt.Appendf(nil, "k%04d", rng.IntN(diffKeys))
	}
	if rng.IntN(2) == 0 {
		hi = fmt.Appendf(nil, "k%04d", rng.IntN(diffKeys))
	}
	reverse := rng.IntN(3) == 0
	got, err := collect(r.bg, obj, lo, hi, reverse, asOf)
	if err != nil {
		return err
	}
	want, err := collect(r.ref, obj, lo, hi, reverse, asOf)
	if err != nil {
		return err
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("scan(%d, %q, %q, rev=%v)@%d: %d rows, want %d\ngot  %v\nwant %v", obj, lo, hi, reverse, asOf, len(got), len(want), got, want)
	}
	return nil
}

func collect(s storage.Reader, obj uint32, lo, hi []byte, reverse bool, asOf txlog.LSN) ([]storagetest.KV, error) {
	it, err := s.NewIterator(obj, lo, hi, reverse, asOf)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []storagetest.KV
	for it.Next() {
		out = append(out, storagetest.KV{Key: string(it.Key()), Value: string(it.Value())})
	}
	return out, it.Err()
}

// TestCacheDifferential runs writers (Apply, ApplyGroup, redo of old
// batches), readers at random pinned LSNs, background loads, evictions (a
// budget smaller than the data), garbage collection and DropObject against a
// cached badger store, and compares every read with memstore fed the same
// writes. Run it with -race.
func TestCacheDifferential(t *testing.T) {
	tests := []struct {
		name   string
		budget int64
		after  int64
	}{
		{"roomy", 64 << 20, 50},
		{"evicting", 40 << 10, 20},
		{"tiny", 2 << 10, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seed := uint64(len(tc.name))
			bg, err := storage.OpenBadger(storage.CacheAfter(storage.Options{InMemory: true, HousekeepingInterval: -1}, tc.budget, tc.after))
			if err != nil {
				t.Fatal(err)
			}
			defer bg.Close()
			r := &diffRig{t: t, bg: bg, ref: memstore.New(), done: map[txlog.LSN]bool{}}
			for round := range 4 {
				var wg sync.WaitGroup
				errs := make(chan error, 16)
				for w := range 3 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						rng := rand.New(rand.NewPCG(seed, uint64(round*100+w)))
						for i := range 40 {
							var err error
							if i%15 == 14 {
								err = r.redo(rng)
							} else {
								err = r.write(rng)
							}
							if err != nil {
								errs <- err
								return
							}
						}
					}()
				}
				for rd := range 3 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						rng := rand.New(rand.NewPCG(seed, uint64(round*100+50+rd)))
						for range 100 {
							if err := r.read(rng, false); err != nil {
								errs <- err
								return
							}
						}
					}()
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 3 {
						if err := bg.CollectGarbage(); err != nil {
							errs <- err
							return
						}
					}
				}()
				wg.Wait()
				close(errs)
				for err := range errs {
					t.Fatalf("round %d: %v", round, err)
				}
				// Quiet: Latest reads are deterministic now.
				storage.WaitCacheLoads(bg)
				rng := rand.New(rand.NewPCG(seed, uint64(round)))
				for range 100 {
					if err := r.read(rng, true); err != nil {
						t.Fatalf("round %d (quiet): %v", round, err)
					}
				}
				if round%2 == 1 {
					obj := uint32(1 + round%diffObjects)
					at := txlog.LSN(r.next.Add(1))
					r.mu.Lock()
					if err := bg.DropObject(obj, at); err != nil {
						t.Fatal(err)
					}
					if err := r.ref.DropObject(obj, at); err != nil {
						t.Fatal(err)
					}
					r.done[at] = true
					for r.done[r.stable+1] {
						delete(r.done, r.stable+1)
						r.stable++
					}
					// Old batches of the dropped object must not be redone
					// after the drop (redo never goes back past a drop).
					r.batches = nil
					r.mu.Unlock()
				}
			}
			st := bg.CacheStats()
			t.Logf("cache: %+v", st)
			if tc.after == 1 && st.Loads == 0 && tc.budget > 10<<10 {
				t.Errorf("no object was ever loaded")
			}
			if st.Bytes > tc.budget {
				t.Errorf("cache holds %d bytes over a budget of %d", st.Bytes, tc.budget)
			}
			if tc.budget > 10<<10 && st.HitScans == 0 {
				t.Errorf("no scan was served from the cache: %+v", st)
			}
		})
	}
}
