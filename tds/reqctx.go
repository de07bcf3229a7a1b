package tds

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// requestContext is the context a connection's requests run under: values
// from the session's base context (BaseContexter), cancelled by an
// Attention, by the connection's close, and at the end of the request.
//
// Why not context.WithCancel per request: that is two allocations and a
// cancel per request, about 4 % of the server's CPU for a `SELECT 1`
// (docs/benchmarks.md, session 15). Nearly every request ends without
// anything having asked for Done — no lock wait, no WAITFOR, no context
// derived from it —, so nothing can be waiting on the context when it ends,
// and the connection resets it for its next request (reuse). A request that
// did ask for Done gets the old behaviour exactly: its context is cancelled
// at its end (closing the channel its waiters and derived contexts watch)
// and the next request gets a new one (a context derived from it is
// cancelled by the context package's goroutine for a parent of a foreign
// type, a moment later). Err after the end of a reused
// context's request reports the next request's state; nothing of ours
// keeps a request's context past its end without its Done (the read-ahead
// stages stop on their own channel before the statement returns).
//
// Safe for concurrent use: the Attention watcher and close cancel it from
// other goroutines.
type requestContext struct {
	parent context.Context

	mu   sync.Mutex
	done chan struct{} // made by the first Done; nil while nobody asked (mu)
	// cancelled is set under mu, just before done (if made) is closed, when
	// the request is cancelled. Err is an atomic load while it is not, as
	// context's own, since the executor asks it often. The two must agree
	// both ways — a closed Done with a nil Err panics the context package's
	// goroutine that cancels a context derived from this one ("missing
	// cancel error") —, so Err, once it sees cancelled, takes mu: the close
	// has happened then.
	cancelled atomic.Bool
}

func (r *requestContext) Deadline() (time.Time, bool) { return r.parent.Deadline() }

func (r *requestContext) Value(key any) any { return r.parent.Value(key) }

func (r *requestContext) Err() error {
	if !r.cancelled.Load() {
		return nil
	}
	r.mu.Lock() // done, if made, is closed once mu is free
	r.mu.Unlock()
	return context.Canceled
}

func (r *requestContext) Done() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done == nil {
		r.done = make(chan struct{})
		if r.cancelled.Load() {
			close(r.done)
		}
	}
	return r.done
}

// cancel cancels the request (Attention, close); later calls do nothing.
func (r *requestContext) cancel() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancelled.Load() {
		return
	}
	r.cancelled.Store(true)
	if r.done != nil {
		close(r.done)
	}
}

// end ends the request: it reports whether the context may serve the next
// request (nothing asked for Done, nothing cancelled it), after resetting it;
// otherwise it cancels it, as context.WithCancel's cancel at the end of a
// request did.
func (r *requestContext) end() (reusable bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancelled.Load() {
		return false
	}
	if r.done == nil {
		return true
	}
	r.cancelled.Store(true)
	close(r.done)
	return false
}

func (r *requestContext) String() string { return "tds.requestContext" }
