package session

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/tds"
	"github.com/mirrorsql/mirrorsql/tds/tdstest"
)

// reviewSession logs in as sa to a fresh instance and returns the session.
func reviewSession(t *testing.T) *session {
	t.Helper()
	inst, err := engine.Open(engine.Config{DataDir: t.TempDir(), ServerName: "reviewsess", SAPassword: "Test!Passw0rd", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Close() })
	h := &Handler{Inst: inst}
	// OptionFlags2 fODBC, as go-mssqldb sends it: the session gets the ODBC
	// SET options (ANSI_WARNINGS ON, so a divide by zero is an error).
	ts, err := h.Login(context.Background(), &tds.LoginRequest{UserName: "sa", Password: "Test!Passw0rd", OptionFlags2: 0x02})
	if err != nil {
		t.Fatal(err)
	}
	s := ts.(*session)
	t.Cleanup(s.Close)
	return s
}

// reviewBatch runs text on s and fails the test on an error token.
func reviewBatch(t *testing.T, s *session, text string) {
	t.Helper()
	rec := &tdstest.Recorder{}
	if err := s.Batch(context.Background(), &tds.BatchRequest{Text: text}, rec); err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	for _, e := range rec.Events {
		if e.Kind == "error" {
			t.Fatalf("%s: %v", text, e.Err)
		}
	}
}

func intParam(v int64, out bool) tds.Param {
	p := tds.Param{Type: tds.TypeInt(), Value: v}
	if out {
		p.Status = tds.ParamByRef
	}
	return p
}

func strParam(v string) tds.Param {
	return tds.Param{Type: tds.TypeNVarChar(4000), Value: v}
}

// TestReviewCursorOutputsPositional (review, session 9): the outputs of
// sp_cursoropen, sp_cursorprepexec and sp_cursorexecute sent positionally,
// as Microsoft's JDBC driver and FreeTDS send them, come back in their own
// positions: the cursor handle, the KEYSET (1) cursor opened in
// @scrollopt, OPTIMISTIC (4) in @ccopt and the row count in @rowcount; a statement run
// directly returns cursor 0 and row count -1 and leaves the options as
// sent. They were written one (sp_cursoropen) or two (sp_cursorprepexec)
// positions early — the row count into @ccopt or @scrollopt — as if every
// call's outputs were laid out as sp_cursorexecute's. go-mssqldb maps
// outputs by name, so this drives the session directly.
func TestReviewCursorOutputsPositional(t *testing.T) {
	s := reviewSession(t)
	reviewBatch(t, s, "CREATE TABLE dbo.t (i int NOT NULL PRIMARY KEY); INSERT dbo.t VALUES (1), (2), (3), (4), (5)")
	const sel, upd = "SELECT i FROM dbo.t WHERE i > @lo", "UPDATE dbo.t SET i = i WHERE i > @lo"
	opts := func() []tds.Param { // KEYSET | PARAMETERIZED_STMT, OPTIMISTIC, a row count to overwrite
		return []tds.Param{intParam(0x1001, true), intParam(4, true), intParam(99, true)}
	}
	cat := func(ps ...[]tds.Param) []tds.Param {
		var out []tds.Param
		for _, p := range ps {
			out = append(out, p...)
		}
		return out
	}
	one := func(p ...tds.Param) []tds.Param { return p }
	// prepare makes a prepared cursor statement for sp_cursorexecute.
	prepare := func(stmt string) int64 {
		req := &tds.RPCRequest{ProcID: tds.ProcCursorPrepare, Params: []tds.Param{intParam(0, true), strParam("@lo int"), strParam(stmt), intParam(1, false)}}
		got := reviewRPC(t, s, req)
		if got[0] == 0 {
			t.Fatalf("sp_cursorprepare: outputs %v", got)
		}
		return got[0]
	}
	type want struct{ cursor, scroll, cc, rowcount uint16 } // ordinals
	for _, c := range []struct {
		name   string
		proc   uint16
		params []tds.Param
		at     want
		direct bool
	}{
		{"open", tds.ProcCursorOpen, cat(one(intParam(0, true), strParam(sel)), opts(), one(strParam("@lo int"), intParam(2, false))), want{0, 2, 3, 4}, false},
		{"open direct", tds.ProcCursorOpen, cat(one(intParam(0, true), strParam(upd)), opts(), one(strParam("@lo int"), intParam(2, false))), want{0, 2, 3, 4}, true},
		{"prepexec", tds.ProcCursorPrepExec, cat(one(intParam(0, true), intParam(0, true), strParam("@lo int"), strParam(sel)), opts(), one(intParam(2, false))), want{1, 4, 5, 6}, false},
		{"prepexec direct", tds.ProcCursorPrepExec, cat(one(intParam(0, true), intParam(0, true), strParam("@lo int"), strParam(upd)), opts(), one(intParam(2, false))), want{1, 4, 5, 6}, true},
		{"execute", tds.ProcCursorExecute, cat(one(intParam(prepare(sel), false), intParam(0, true)), opts(), one(intParam(2, false))), want{1, 2, 3, 4}, false},
		{"execute direct", tds.ProcCursorExecute, cat(one(intParam(prepare(upd), false), intParam(0, true)), opts(), one(intParam(2, false))), want{1, 2, 3, 4}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := reviewRPC(t, s, &tds.RPCRequest{ProcID: c.proc, Params: c.params})
			wantScroll, wantCC, wantRows := int64(1), int64(4), int64(3)
			if c.direct {
				wantScroll, wantCC, wantRows = 0x1001, 4, -1
			}
			if (got[c.at.cursor] != 0) == c.direct || got[c.at.scroll] != wantScroll || got[c.at.cc] != wantCC || got[c.at.rowcount] != wantRows {
				t.Errorf("outputs by ordinal %v; want cursor at %d (direct: %v), %d at %d, %d at %d, %d at %d",
					got, c.at.cursor, c.direct, wantScroll, c.at.scroll, wantCC, c.at.cc, wantRows, c.at.rowcount)
			}
		})
	}
}

// reviewRPC runs req on s and returns its integer outputs by ordinal,
// failing the test on an error token.
func reviewRPC(t *testing.T, s *session, req *tds.RPCRequest) map[uint16]int64 {
	t.Helper()
	rec := &tdstest.Recorder{}
	if err := s.RPC(context.Background(), req, rec); err != nil {
		t.Fatal(err)
	}
	got := map[uint16]int64{}
	for _, e := range rec.Events {
		switch e.Kind {
		case "error":
			t.Fatalf("error: %v", e.Err)
		case "returnvalue":
			v, _ := e.Value.Value.(int64)
			got[e.Value.Ordinal] = v
		}
	}
	return got
}

// TestReviewCursorOpenFailingPopulation (review, session 9): a cursor
// whose rows cannot all be read when it opens (divide by zero at the third
// row) is not opened: the call ends with the error, return status 1 and
// cursor 0, and the session keeps no cursor. It was opened with the rows
// read before the error, status 0, and a handle the client, having seen
// the error, would never close.
func TestReviewCursorOpenFailingPopulation(t *testing.T) {
	s := reviewSession(t)
	reviewBatch(t, s, "CREATE TABLE dbo.t (i int NOT NULL PRIMARY KEY); INSERT dbo.t VALUES (1), (2), (3), (4), (5)")
	open := func(stmt string) (errs []string, status int32, outs map[uint16]int64) {
		req := &tds.RPCRequest{ProcID: tds.ProcCursorOpen, Params: []tds.Param{intParam(0, true), strParam(stmt), intParam(8, true), intParam(1, true), intParam(0, true)}}
		rec := &tdstest.Recorder{}
		if err := s.RPC(context.Background(), req, rec); err != nil {
			t.Fatal(err)
		}
		outs = map[uint16]int64{}
		for _, e := range rec.Events {
			switch e.Kind {
			case "error":
				errs = append(errs, e.Err.Error())
			case "returnstatus":
				status = e.Status
			case "returnvalue":
				v, _ := e.Value.Value.(int64)
				outs[e.Value.Ordinal] = v
			}
		}
		return errs, status, outs
	}
	errs, status, outs := open("SELECT 10 / (i - 3) FROM dbo.t ORDER BY i")
	if len(errs) != 1 || errs[0] != "Divide by zero error encountered." || status != 1 || outs[0] != 0 || len(s.cursors.open) != 0 {
		t.Errorf("failing open: errors %q, status %d, outputs %v, %d cursors kept; want the one error, 1, cursor 0, none kept", errs, status, outs, len(s.cursors.open))
	}
	errs, status, outs = open("SELECT i FROM dbo.t")
	if len(errs) != 0 || status != 0 || outs[0] == 0 || outs[4] != 5 || len(s.cursors.open) != 1 {
		t.Errorf("open after it: errors %q, status %d, outputs %v, %d cursors kept", errs, status, outs, len(s.cursors.open))
	}
}
