package storage_test

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
)

func benchKey(i int) []byte { return binary.BigEndian.AppendUint64(nil, uint64(i)) }

// BenchmarkApply measures Apply throughput with 100-byte values, one batch per LSN.
func BenchmarkApply(b *testing.B) {
	for _, rows := range []int{1, 100, 20_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			s := openBadgerB(b)
			val := make([]byte, 100)
			n := 0
			b.ResetTimer()
			for i := range b.N {
				batch := new(storage.Batch)
				for range rows {
					batch.Put(1, benchKey(n), val)
					n++
				}
				if err := s.Apply(batch, storagetest.LSN(i+1)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// loaded opens a store holding rows 100-byte rows in object 1 at LSN 1.
func loaded(b *testing.B, rows int) *storage.Badger {
	b.Helper()
	s := openBadgerB(b)
	val := make([]byte, 100)
	batch := new(storage.Batch)
	for i := range rows {
		batch.Put(1, benchKey(i), val)
	}
	if err := s.Apply(batch, 1); err != nil {
		b.Fatal(err)
	}
	return s
}

// benchStores are the two read paths compared side by side in one run:
// badger's iterator and the buffer pool (loaded before the timer starts).
var benchStores = []struct {
	name   string
	cached bool
}{{"cache=off", false}, {"cache=on", true}}

// loadedStore is loaded with the buffer pool on or off; with it on, the
// object is loaded by one read before the timer starts.
func loadedStore(b *testing.B, rows int, cached bool) *storage.Badger {
	b.Helper()
	if !cached {
		return loaded(b, rows)
	}
	s, err := storage.OpenBadger(storage.EagerCache(storage.Options{Dir: b.TempDir(), HousekeepingInterval: -1}, 1<<30))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	val := make([]byte, 100)
	batch := new(storage.Batch)
	for i := range rows {
		batch.Put(1, benchKey(i), val)
	}
	if err := s.Apply(batch, 1); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkGet(b *testing.B) {
	const rows = 100_000
	for _, st := range benchStores {
		b.Run(st.name, func(b *testing.B) {
			s := loadedStore(b, rows, st.cached)
			ctx := b.Context()
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if _, ok, err := s.Get(ctx, 1, benchKey((i*7919)%rows), storage.Latest); err != nil || !ok {
					b.Fatal(ok, err)
				}
			}
		})
	}
}

func BenchmarkScan(b *testing.B) {
	const rows = 100_000
	for _, st := range benchStores {
		b.Run(st.name, func(b *testing.B) {
			s := loadedStore(b, rows, st.cached)
			b.ReportAllocs()
			b.ResetTimer()
			total := 0
			for range b.N {
				it, err := s.NewIterator(1, nil, nil, false, storage.Latest)
				if err != nil {
					b.Fatal(err)
				}
				for it.Next() {
					total++
				}
				it.Close()
			}
			b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkCacheLoad measures loading a 1M-row object (100-byte values)
// into the buffer pool, and reports the bytes accounted and the heap it
// holds.
func BenchmarkCacheLoad(b *testing.B) {
	const rows = 1_000_000
	for range b.N {
		b.StopTimer()
		s, err := storage.OpenBadger(storage.CacheAfter(storage.Options{Dir: b.TempDir(), HousekeepingInterval: -1}, 1<<30, 1))
		if err != nil {
			b.Fatal(err)
		}
		val := make([]byte, 100)
		for lo := 0; lo < rows; lo += 50_000 {
			batch := new(storage.Batch)
			for i := lo; i < lo+50_000; i++ {
				batch.Put(1, benchKey(i), val)
			}
			if err := s.Apply(batch, storagetest.LSN(lo+1)); err != nil {
				b.Fatal(err)
			}
		}
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		if _, _, err := s.Get(b.Context(), 1, benchKey(0), storage.Latest); err != nil {
			b.Fatal(err)
		}
		storage.WaitCacheLoads(s)
		b.StopTimer()
		var after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&after)
		st := s.CacheStats()
		if st.Loads != 1 {
			b.Fatalf("loads = %d, want 1", st.Loads)
		}
		b.ReportMetric(float64(st.Bytes)/(1<<20), "MiB-accounted")
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "MiB-heap")
		s.Close()
		b.StartTimer()
	}
}

func BenchmarkWriteSetPut(b *testing.B) {
	w := storage.NewWriteSet(0)
	val := make([]byte, 100)
	for i := range b.N {
		if err := w.Put(1, benchKey(i), val); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSetBatch is the commit of a single-row autocommit write:
// its write set turned into the batch that is logged and applied.
func BenchmarkWriteSetBatch(b *testing.B) {
	w := storage.NewWriteSet(0)
	if err := w.Put(1, benchKey(1), make([]byte, 100)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if w.Batch().Len() != 1 {
			b.Fatal("want one op")
		}
	}
}

func openBadgerB(b *testing.B) *storage.Badger {
	b.Helper()
	s, err := storage.OpenBadger(storage.Options{Dir: b.TempDir(), HousekeepingInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkSeek opens an iterator at a key and reads one row (an index seek:
// the inner side of a join).
func BenchmarkSeek(b *testing.B) {
	const rows = 100_000
	for _, st := range benchStores {
		b.Run(st.name, func(b *testing.B) {
			s := loadedStore(b, rows, st.cached)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				it, err := s.NewIterator(1, benchKey((i*7919)%rows), nil, false, storage.Latest)
				if err != nil {
					b.Fatal(err)
				}
				if !it.Next() {
					b.Fatal("no row")
				}
				it.Close()
			}
		})
	}
}
