package txn

import (
	"context"
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
