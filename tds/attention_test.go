package tds

import (
	"fmt"
	"testing"
	"time"
)

// TestAttentionTiming sends an Attention at different moments of requests of
// different lengths (before, around and after attnDelay, and after the
// response): whichever way it lands — cancelling the request, or answered as
// a stray one after it — the client gets a DONE(ATTN) and the connection
// stays in step for the next request.
func TestAttentionTiming(t *testing.T) {
	_, addr := startRaw(t, 0)
	rc := dialRaw(t, addr)
	rc.login()
	batch := func(text string) []byte { return append(allHeaders(0), appendUCS2(nil, text)...) }
	for _, run := range []int{0, 1, 3, 20} {
		for _, after := range []time.Duration{0, time.Millisecond, attnDelay, 5 * time.Millisecond, 30 * time.Millisecond} {
			t.Run(fmt.Sprintf("request %dms, attention after %v", run, after), func(t *testing.T) {
				for range 3 {
					rc.send(PacketSQLBatch, 0, batch(fmt.Sprintf("sleep %d", run)))
					time.Sleep(after)
					rc.send(PacketAttention, 0, nil)
					for {
						toks, _ := rc.read()
						last := toks[len(toks)-1]
						if last.Done == nil {
							t.Fatalf("response ends with %+v", last)
						}
						if last.Done.Status&DoneAttn != 0 {
							break
						}
					}
					rc.send(PacketSQLBatch, 0, batch("x"))
					if toks, _ := rc.read(); len(toks) != 1 || toks[0].Done == nil || toks[0].Done.Status != 0 {
						t.Fatalf("next request: %+v", toks)
					}
				}
			})
		}
	}
}

// TestPipelinedRequests sends a second request while the first still runs
// (past attnDelay, so the watcher sees it first): the watcher must leave it
// to the loop, and both are answered in order.
func TestPipelinedRequests(t *testing.T) {
	_, addr := startRaw(t, 0)
	rc := dialRaw(t, addr)
	rc.login()
	batch := func(text string) []byte { return append(allHeaders(0), appendUCS2(nil, text)...) }
	for range 3 {
		rc.send(PacketSQLBatch, 0, batch("sleep 10"))
		time.Sleep(5 * time.Millisecond)
		rc.send(PacketSQLBatch, 0, batch("x"))
		for i := range 2 {
			toks, _ := rc.read()
			if len(toks) != 1 || toks[0].Done == nil || toks[0].Done.Status != 0 {
				t.Fatalf("response %d: %+v", i+1, toks)
			}
		}
	}
}

// TestAttentionAfterBackToBackRequests: a request that starts right after
// others answered back to back (the connection stays on the attention
// clock, whose count moved at every tick) still gets its watcher: "block"
// ends only when the watcher reads the Attention and cancels it. A clock that
// took the moved count for the new request's and never looked again would
// leave "block" running and the read below would time out.
func TestAttentionAfterBackToBackRequests(t *testing.T) {
	_, addr := startRaw(t, 0)
	rc := dialRaw(t, addr)
	rc.login()
	batch := func(text string) []byte { return append(allHeaders(0), appendUCS2(nil, text)...) }
	for i := range 5 {
		for range 20 {
			rc.send(PacketSQLBatch, 0, batch("x"))
			rc.read()
		}
		rc.c.SetReadDeadline(time.Now().Add(10 * time.Second))
		rc.send(PacketSQLBatch, 0, batch("block"))
		rc.send(PacketAttention, 0, nil)
		toks, _ := rc.read()
		if last := toks[len(toks)-1]; last.Done == nil || last.Done.Status&DoneAttn == 0 {
			t.Fatalf("round %d: block answered with %+v, want DONE(ATTN)", i, last)
		}
		rc.c.SetReadDeadline(time.Time{})
	}
}

// TestAttentionClockRejoin: a connection leaves the attention clock after a
// tick without requests and joins it again with its next one, and the clock
// stops when no connection is left and starts again with the next request.
// Either way a blocked request gets its watcher: with another connection
// keeping the clock ticking (the idle one rejoins a running clock) and with
// every connection idle (the clock starts anew). A connection left off the
// clock, or a clock that did not start again, would leave "block" running
// and the read would time out.
func TestAttentionClockRejoin(t *testing.T) {
	_, addr := startRaw(t, 0)
	busy, idle := dialRaw(t, addr), dialRaw(t, addr)
	busy.login()
	idle.login()
	batch := func(text string) []byte { return append(allHeaders(0), appendUCS2(nil, text)...) }
	block := func(round int) {
		t.Helper()
		idle.c.SetReadDeadline(time.Now().Add(10 * time.Second)) // safety net against hangs, not an assertion
		idle.send(PacketSQLBatch, 0, batch("block"))
		idle.send(PacketAttention, 0, nil)
		toks, _ := idle.read()
		if last := toks[len(toks)-1]; last.Done == nil || last.Done.Status&DoneAttn == 0 {
			t.Fatalf("round %d: block answered with %+v, want DONE(ATTN)", round, last)
		}
	}
	for i := range 3 {
		// The clock ticks for busy while idle sits out more than two ticks.
		stop := make(chan struct{})
		done := make(chan error, 1)
		go func() { // no t.Fatal off the test's goroutine: errors go to done
			for {
				select {
				case <-stop:
					done <- nil
					return
				default:
				}
				if _, err := busy.c.Write(writeMessage(PacketSQLBatch, 0, batch("x"), 4096)); err != nil {
					done <- err
					return
				}
				if _, err := busy.mr.ReadMessage(); err != nil {
					done <- err
					return
				}
			}
		}()
		time.Sleep(5 * attnDelay)
		block(i)
		close(stop)
		if err := <-done; err != nil {
			t.Fatalf("round %d: busy connection: %v", i, err)
		}
		// Nobody on the clock: it stops, and block starts it again.
		time.Sleep(5 * attnDelay)
		block(i)
	}
}
