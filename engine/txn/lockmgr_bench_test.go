package txn

import (
	"context"
	"encoding/binary"
	"runtime"
	"sync/atomic"
	"testing"
)

// BenchmarkLockUnlock is the uncontended cost of taking and releasing one key lock.
func BenchmarkLockUnlock(b *testing.B) {
	m := NewManager()
	o := m.NewOwner(51)
	res := KeyResource(1, 10, []byte("key"))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := m.Lock(ctx, o, res, ModeX, ForStatement, WaitForever); err != nil {
			b.Fatal(err)
		}
		m.ReleaseStatement(o)
	}
}

// BenchmarkLockParallel takes and releases distinct keys from parallel owners (the
// manager's single mutex is the shared point).
func BenchmarkLockParallel(b *testing.B) {
	m := NewManager()
	ctx := context.Background()
	b.RunParallel(func(pb *testing.PB) {
		o := m.NewOwner(51)
		res := KeyResource(1, 10, []byte{byte(o.ID())})
		for pb.Next() {
			if err := m.Lock(ctx, o, res, ModeX, ForTransaction, WaitForever); err != nil {
				b.Error(err)
				return
			}
			m.ReleaseAll(o)
		}
	})
}

// BenchmarkLockTxn is the lock manager's share of one autocommit single-row
// write, as tests/bench's INSERT takes it: a new owner, IX on the table, X on
// a new key, ReleaseAll. "parallel" runs it from parallel goroutines on one
// table (16 sessions inserting: the object's IX head is shared, the key heads
// come and go).
func BenchmarkLockTxn(b *testing.B) {
	ctx := context.Background()
	obj := ObjectResource(1, 10)
	one := func(m *Manager, key []byte) error {
		o := m.NewOwner(51)
		if err := m.Lock(ctx, o, obj, ModeIX, ForTransaction, WaitForever); err != nil {
			return err
		}
		if err := m.Lock(ctx, o, KeyResource(1, 11, key), ModeX, ForTransaction, WaitForever); err != nil {
			return err
		}
		m.ReleaseAll(o)
		return nil
	}
	b.Run("serial", func(b *testing.B) {
		m := NewManager()
		key := make([]byte, 8)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			key[0], key[1], key[2] = byte(i), byte(i>>8), byte(i>>16)
			if err := one(m, key); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		m := NewManager()
		// Other sessions' IX holds on the table, as at 16 connections.
		for range 15 {
			if err := m.Lock(ctx, m.NewOwner(52), obj, ModeIX, ForTransaction, WaitForever); err != nil {
				b.Fatal(err)
			}
		}
		var next atomic.Int64
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			key := make([]byte, 8)
			for pb.Next() {
				i := next.Add(1)
				key[0], key[1], key[2], key[3] = byte(i), byte(i>>8), byte(i>>16), byte(i>>24)
				if err := one(m, key); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkHoldKeyLocks is one transaction taking and holding X locks on
// 100,000 keys, as an UPDATE of 100,000 rows in one transaction does (no
// lock escalation for writes): it reports the live heap each held lock
// costs (B/lock, measured after a GC with the locks held) and what stays
// once they are released (kept-B/lock: the lock table's map keeps its
// size).
func BenchmarkHoldKeyLocks(b *testing.B) {
	const n = 100_000
	m := NewManager()
	ctx := context.Background()
	keys := make([][]byte, n) // a clustered int key's encoding is 5 bytes
	for i := range keys {
		keys[i] = binary.BigEndian.AppendUint32([]byte{0x80}, uint32(i))
	}
	var start, before, held, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&start)
	for b.Loop() {
		o := m.NewOwner(51)
		runtime.GC()
		runtime.ReadMemStats(&before)
		for _, k := range keys {
			if err := m.Lock(ctx, o, KeyResource(1, 10, k), ModeX, ForTransaction, WaitForever); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&held)
		b.ReportMetric(float64(int64(held.HeapAlloc)-int64(before.HeapAlloc))/n, "B/lock")
		m.ReleaseAll(o)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(start.HeapAlloc))/n, "kept-B/lock")
	}
}
