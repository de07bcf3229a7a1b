package tds

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// ctxHandler's sessions record every request's context. "wait" asks for
// Done (as a lock wait does) and derives a context from it; "block" waits
// for an Attention.
type ctxHandler struct{ s *ctxSession }

type ctxSession struct {
	echoSession
	mu      sync.Mutex
	ctxs    []context.Context
	derived context.Context
}

func (h ctxHandler) Login(context.Context, *LoginRequest) (Session, error) { return h.s, nil }

func (s *ctxSession) Batch(ctx context.Context, r *BatchRequest, w ResultWriter) error {
	s.mu.Lock()
	s.ctxs = append(s.ctxs, ctx)
	s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err // a request must never start cancelled
	}
	if r.Text == "wait" {
		_ = ctx.Done()
		d, cancel := context.WithCancel(ctx)
		_ = cancel // cancelled by the request's end, as a leaked child would be
		s.mu.Lock()
		s.derived = d
		s.mu.Unlock()
	}
	return s.echoSession.Batch(ctx, r, w)
}

func (s *ctxSession) get(i int) context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctxs[i]
}

// TestRequestContextReuse: a request nothing waited on hands its context to
// the next request (no new context per request), live; one whose Done was
// asked for, or that an Attention cancelled, ends cancelled — its Done
// closed, Err context.Canceled, a context derived from it cancelled — and
// the next request gets a new, live one. Fails if a waited-on context is
// reused (its waiters would never be released and the next request would
// start cancelled) or if none is ever reused.
func TestRequestContextReuse(t *testing.T) {
	s := &ctxSession{}
	_, addr := startHandler(t, ctxHandler{s}, 0)
	rc := dialRaw(t, addr)
	rc.login()
	batch := func(text string) []decodedToken {
		t.Helper()
		rc.send(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, text)...))
		toks, _ := rc.read()
		return toks
	}
	batch("x")
	batch("x")
	if s.get(0) != s.get(1) {
		t.Fatal("a request nothing waited on did not hand its context to the next")
	}
	batch("wait")
	if s.get(2) != s.get(1) {
		t.Fatal("the third request did not get the reused context")
	}
	waited := s.get(2)
	select { // the request ends just after its response is written
	case <-waited.Done():
	case <-time.After(10 * time.Second): // a safety net, not a timing assertion
		t.Fatal("a waited-on request's context is not cancelled at its end")
	}
	select { // through the context package's goroutine for a foreign parent
	case <-s.derived.Done():
	case <-time.After(10 * time.Second): // a safety net, not a timing assertion
		t.Fatal("a context derived from a waited-on request's is not cancelled at its end")
	}
	if !errors.Is(waited.Err(), context.Canceled) || !errors.Is(s.derived.Err(), context.Canceled) {
		t.Fatalf("after its end: Err %v, derived Err %v; want context.Canceled", waited.Err(), s.derived.Err())
	}
	if toks := batch("x"); toks[0].Done == nil || toks[0].Done.Status&DoneError != 0 {
		t.Fatalf("the request after a waited-on one: %+v", toks[0].Done)
	}
	if s.get(3) == waited {
		t.Fatal("a waited-on context was reused")
	}
	// An Attention cancels the running request's context; the next request
	// gets a new one.
	rc.attentionAfterBlock()
	cancelled := s.get(4)
	if !errors.Is(cancelled.Err(), context.Canceled) {
		t.Fatalf("the cancelled request's Err is %v", cancelled.Err())
	}
	if toks := batch("x"); toks[0].Done == nil || toks[0].Done.Status&DoneError != 0 {
		t.Fatalf("the request after an attention: %+v", toks[0].Done)
	}
	if s.get(5) == cancelled || s.get(5).Err() != nil {
		t.Fatal("the request after an attention did not get a new, live context")
	}
}

// BenchmarkRequestContext is one request's context as the connection makes
// it — from a base context carrying a value, one Value and eight Err calls
// during the request, ended — the way it was before session 15
// (context.WithCancel per request) and now (requestContext, reused).
func BenchmarkRequestContext(b *testing.B) {
	type key struct{}
	base := context.WithValue(context.Background(), key{}, 1)
	use := func(ctx context.Context) {
		if ctx.Value(key{}) == nil {
			b.Fatal("value lost")
		}
		for range 8 {
			if ctx.Err() != nil {
				b.Fatal("cancelled")
			}
		}
	}
	b.Run("WithCancel", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ctx, cancel := context.WithCancel(base)
			use(ctx)
			cancel()
		}
	})
	b.Run("requestContext", func(b *testing.B) {
		b.ReportAllocs()
		var keep *requestContext
		for b.Loop() {
			ctx := keep
			if ctx == nil {
				ctx = &requestContext{parent: base}
			}
			keep = nil
			use(ctx)
			if ctx.end() {
				keep = ctx
			}
		}
	})
}

// TestRequestContextDoneAndErrAgree: a context derived from a request's is
// cancelled by the context package's goroutine, which panics ("missing
// cancel error") if it sees Done closed while Err is still nil; the request
// ends while that goroutine watches, a thousand times. Fails (panics) when
// end or cancel closes Done before Err reports the cancellation (at once
// under -race; the window is narrow without it).
func TestRequestContextDoneAndErrAgree(t *testing.T) {
	for i := range 1000 {
		r := &requestContext{parent: context.Background()}
		d, cancel := context.WithCancel(r) // asks Done: the request will end cancelled
		if i%2 == 0 {
			go r.end()
		} else {
			go r.cancel()
		}
		<-d.Done()
		if !errors.Is(d.Err(), context.Canceled) || !errors.Is(r.Err(), context.Canceled) {
			t.Fatalf("iteration %d: derived Err %v, request Err %v", i, d.Err(), r.Err())
		}
		cancel()
	}
}
