package storage_test

import (
	"encoding/binary"
	"fmt"
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

func BenchmarkGet(b *testing.B) {
	const rows = 100_000
	s := loaded(b, rows)
	ctx := b.Context()
	b.ResetTimer()
	for i := range b.N {
		if _, ok, err := s.Get(ctx, 1, benchKey((i*7919)%rows), storage.Latest); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

func BenchmarkScan(b *testing.B) {
	const rows = 100_000
	s := loaded(b, rows)
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

func openBadgerB(b *testing.B) *storage.Badger {
	b.Helper()
	s, err := storage.OpenBadger(storage.Options{Dir: b.TempDir(), HousekeepingInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}
