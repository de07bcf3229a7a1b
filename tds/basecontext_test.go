package tds

import (
	"context"
	"testing"
	"time"
)

// baseKey is the value baseSession's BaseContext carries.
type baseKey struct{}

// baseHandler's sessions give their requests a base context (BaseContexter).
type baseHandler struct{}

type baseSession struct{ echoSession }

func (baseHandler) Login(context.Context, *LoginRequest) (Session, error) { return baseSession{}, nil }

func (baseSession) BaseContext() context.Context {
	return context.WithValue(context.Background(), baseKey{}, "session")
}

// Batch answers DONE with a row count of 1 when the request's context
// carries the session's value, 0 otherwise; "block" waits for its
// cancellation.
func (s baseSession) Batch(ctx context.Context, r *BatchRequest, w ResultWriter) error {
	if r.Text == "block" {
		return s.echoSession.Batch(ctx, r, w)
	}
	var rows uint64
	if ctx.Value(baseKey{}) == "session" {
		rows = 1
	}
	return w.Done(Done, DoneCount, 0, rows)
}

// TestRequestContextFromBaseContext: every request's context derives from
// the session's BaseContext, and an Attention still cancels the request.
// Fails when the connection derives requests from context.Background().
func TestRequestContextFromBaseContext(t *testing.T) {
	_, addr := startHandler(t, baseHandler{}, 0)
	rc := dialRaw(t, addr)
	rc.login()
	for i := range 2 {
		rc.send(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, "x")...))
		if toks, _ := rc.read(); toks[0].Done == nil || toks[0].Done.Rows != 1 {
			t.Fatalf("request %d: %+v, want DONE rows 1 (the base context's value seen)", i, toks[0].Done)
		}
	}
	rc.attentionAfterBlock()
	rc.send(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, "x")...))
	if toks, _ := rc.read(); toks[0].Done == nil || toks[0].Done.Rows != 1 {
		t.Fatalf("after the attention: %+v", toks[0].Done)
	}
}

// attentionAfterBlock sends the "block" batch, then an Attention once the
// watcher runs, and reads up to the DONE that acknowledges it.
func (rc *rawClient) attentionAfterBlock() {
	rc.t.Helper()
	rc.send(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, "block")...))
	time.Sleep(5 * time.Millisecond) // past attnDelay: the watcher delivers it
	rc.send(PacketAttention, 0, nil)
	var last decodedToken
	for last.Done == nil || last.Done.Status&DoneAttn == 0 {
		toks, _ := rc.read()
		last = toks[len(toks)-1]
	}
}
