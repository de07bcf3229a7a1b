package session

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/tds"
)

// benchLogin logs sa in to a new instance in a temporary directory and
// returns the session and its connection's base context. It sets fODBC in
// OptionFlags2 as go-mssqldb's LOGIN7 does, so the session starts with
// ANSI_NULLS, QUOTED_IDENTIFIER and the other ODBC defaults ON — the
// session the TDS benchmarks measure; without it the benchmarks ran under
// ANSI_NULLS OFF (dblib's defaults), where other access paths apply.
func benchLogin(tb testing.TB) (tds.Session, context.Context) {
	tb.Helper()
	inst, err := engine.Open(engine.Config{DataDir: tb.TempDir(), ServerName: "bench", SAPassword: "Test!Passw0rd", Version: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = inst.Close() })
	h := &Handler{Inst: inst}
	ts, err := h.Login(context.Background(), &tds.LoginRequest{UserName: "sa", Password: "Test!Passw0rd", OptionFlags2: 0x02})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(ts.Close)
	return ts, ts.(tds.BaseContexter).BaseContext()
}

// selectOneSession logs sa in to a new instance and returns the session, the
// connection's base context (tds derives every request's from it) and the
// `SELECT 1` request go-mssqldb sends, run once so that its plan is cached.
func selectOneSession(tb testing.TB) (tds.Session, context.Context, *tds.BatchRequest, *fieldNopWriter) {
	tb.Helper()
	ts, ctx := benchLogin(tb)
	req := &tds.BatchRequest{Text: "SELECT 1"}
	w := &fieldNopWriter{}
	if err := ts.Batch(ctx, req, w); err != nil || w.rows != 1 {
		tb.Fatalf("first run: %v, %d rows", err, w.rows)
	}
	return ts, ctx, req, w
}

// TestBatchSelectOneAllocs pins the allocations of a repeated `SELECT 1`
// batch at none (issue #2): no variable map for a batch that declares
// none, no copy of the kept constant row, no new runningText for a text
// run again, and a kept batch state (exec's batchStateUnder). Four before
// session 21, one (the batch state) before session 29.
func TestBatchSelectOneAllocs(t *testing.T) {
	ts, ctx, req, w := selectOneSession(t)
	if n := testing.AllocsPerRun(200, func() {
		if err := ts.Batch(ctx, req, w); err != nil {
			t.Fatal(err)
		}
	}); n > 0 {
		t.Fatalf("%v allocations per SELECT 1 batch, want 0", n)
	}
}

// BenchmarkBatchSelectOne is the server's own work for tests/bench's
// `SELECT 1` round trip above tds: the session's Batch call for a SQLBatch
// with the text go-mssqldb sends, under the connection's base context and
// into a tds.FieldWriter as tds calls it, the result kept nowhere. The wire
// suite's figure adds the socket reads and write, the scheduler and tds's
// decode and encode (tds's BenchmarkSelectOne).
func BenchmarkBatchSelectOne(b *testing.B) {
	ts, ctx, req, w := selectOneSession(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := ts.Batch(ctx, req, w); err != nil {
			b.Fatal(err)
		}
	}
}

// fieldNopWriter is a nopWriter that takes rows as fields, as tds's writer.
type fieldNopWriter struct{ nopWriter }

func (w *fieldNopWriter) RowFields([]tds.Field) error { w.rows++; return nil }

// TestBenchLoginIsODBC keeps benchLogin's session the one go-mssqldb gets:
// ANSI_NULLS ON (a `SELECT 1` row comes back only then).
func TestBenchLoginIsODBC(t *testing.T) {
	ts, ctx := benchLogin(t)
	w := &fieldNopWriter{}
	if err := ts.Batch(ctx, &tds.BatchRequest{Text: "IF SESSIONPROPERTY('ANSI_NULLS') = 1 SELECT 1"}, w); err != nil {
		t.Fatal(err)
	}
	if w.rows != 1 {
		t.Fatalf("ANSI_NULLS is OFF in the benchmark session (%d rows), want ON as go-mssqldb's login sets it", w.rows)
	}
}
