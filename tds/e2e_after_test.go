package tds_test

import (
	"context"
	"testing"
	"time"
)

// TestE2EAfterResponse: a Session's AfterResponse runs once per request, on
// the connection, after the client has the whole response. Each
// AfterResponse below blocks until the test lets it go, which the test does
// only once the client's query has returned: were it called before the
// response was flushed, the query could not return and the test would stop
// at its deadline. Before a query is let go, no AfterResponse of the next one
// may have run.
func TestE2EAfterResponse(t *testing.T) {
	const deadline = 2 * time.Minute // deadlock guard, not a timing assertion
	after := make(chan chan struct{})
	h := &fakeHandler{afterResponse: func() {
		release := make(chan struct{})
		after <- release
		<-release
	}}
	ts := startServer(t, h, false)
	db := ts.open(t, "encrypt=disable")
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for i := range 3 {
		got := make(chan error, 1)
		go func() {
			// The rows are read to their end before Close: go-mssqldb's
			// Rows.Close cancels the query's context before it drains, and
			// when the response's DONE is not yet on its token channel (a
			// slow client: -race under load) it sends an Attention and waits
			// for its DONE(ATTN) — which this connection, held in
			// AfterResponse until the query returns, cannot send. QueryRow's
			// Scan closes after the first row and timed out that way (2 of
			// 40 runs with -race at load ~20).
			rows, err := conn.QueryContext(ctx, "select 1")
			if err != nil {
				got <- err
				return
			}
			n, v := 0, 0
			for rows.Next() {
				n++
				err = rows.Scan(&v)
			}
			if err == nil {
				err = rows.Err()
			}
			if cerr := rows.Close(); err == nil {
				err = cerr
			}
			if err == nil && (n != 1 || v != 1) {
				t.Errorf("query %d returned %d rows, value %d", i, n, v)
			}
			got <- err
		}()
		select {
		case err := <-got:
			if err != nil {
				t.Fatalf("query %d: %v", i, err)
			}
		case <-time.After(deadline):
			t.Fatalf("query %d did not return: AfterResponse ran before its response was sent", i)
		}
		select {
		case release := <-after:
			close(release)
		case <-time.After(deadline):
			t.Fatalf("no AfterResponse after query %d", i)
		}
	}
	select {
	case release := <-after:
		close(release)
		t.Fatal("AfterResponse ran more often than there were requests")
	default:
	}
}
