package engine

import (
	"context"
	"sync"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// DeferredApply lets a connection start the store write of the commits it
// acknowledges after it has sent its response, rather than before (issues
// #4 and #5; docs/benchmarks-txlog.md, session 10). Starting the store's
// applier means a new goroutine and, on an idle machine, the wake-up of an
// idle thread (a futex call): a few µs that sat between a lone commit's
// durable log write and its response. A row-only commit made under a context
// from WithDeferredApply queues its store write with
// storage.Badger.ApplyDeferred and records the store here; the connection
// calls Start once its response is sent (and when it closes).
//
// Nothing about durability or visibility changes: Commit still returns only
// after the log is durable (and, SAFETY FULL, hardened on the mirror), and
// the store's queue makes every later read that needs the write wait for it
// — starting the applier itself if Start has not come yet. Start is an
// early start, never the only one.
//
// The zero value is ready. Methods are safe for concurrent use, though a
// session calls them from its one goroutine.
type DeferredApply struct {
	mu     sync.Mutex
	stores []*storage.Badger
}

// deferredApplyKey is WithDeferredApply's context key.
type deferredApplyKey struct{}

// WithDeferredApply returns ctx carrying d for the commits made under it.
func WithDeferredApply(ctx context.Context, d *DeferredApply) context.Context {
	return context.WithValue(ctx, deferredApplyKey{}, d)
}

// EnsureDeferredApply returns ctx when it already carries d (a connection
// derives every request's context from one holding it: tds.BaseContexter),
// else WithDeferredApply(ctx, d).
func EnsureDeferredApply(ctx context.Context, d *DeferredApply) context.Context {
	if deferredApplyOf(ctx) == d {
		return ctx
	}
	return WithDeferredApply(ctx, d)
}

// deferredApplyOf returns the DeferredApply ctx carries, or nil.
func deferredApplyOf(ctx context.Context) *DeferredApply {
	d, _ := ctx.Value(deferredApplyKey{}).(*DeferredApply)
	return d
}

// add records a store with a deferred write.
func (d *DeferredApply) add(s *storage.Badger) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, x := range d.stores {
		if x == s {
			return
		}
	}
	d.stores = append(d.stores, s)
}

// Start starts the store writes deferred since the last Start
// (storage.Badger.StartDeferred); it does not wait for them, and returns at
// once when there are none.
func (d *DeferredApply) Start() {
	d.mu.Lock()
	if len(d.stores) == 0 {
		d.mu.Unlock()
		return
	}
	var arr [4]*storage.Badger
	stores := append(arr[:0], d.stores...)
	clear(d.stores)
	d.stores = d.stores[:0]
	d.mu.Unlock()
	for _, s := range stores {
		s.StartDeferred()
	}
}

// applyRows queues a durable row-only commit's store write: deferred to the
// connection's DeferredApply when ctx carries one, else ApplyLater.
func (db *Database) applyRows(ctx context.Context, batch *storage.Batch, lsn txlog.LSN) error {
	d := deferredApplyOf(ctx)
	if d == nil {
		return db.store.ApplyLater(batch, db.version(lsn))
	}
	deferred, err := db.store.ApplyDeferred(batch, db.version(lsn))
	if deferred {
		d.add(db.store)
	}
	return err
}
