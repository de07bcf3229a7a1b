package tds

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
)

// newTestWriter returns a resultWriter over a buffer (packet size 512).
func newTestWriter(kind DoneKind) (*resultWriter, *bytes.Buffer, *atomic.Bool) {
	var out bytes.Buffer
	mw := NewMessageWriter(&out)
	mw.SetPacketSize(512)
	mw.Begin(PacketReply)
	attn := new(atomic.Bool)
	w := &resultWriter{mw: mw, serverName: "srv", attn: attn}
	w.reset(kind)
	return w, &out, attn
}

// responseTokens reassembles out and decodes its tokens.
func responseTokens(t *testing.T, out *bytes.Buffer) ([]decodedToken, []byte) {
	t.Helper()
	raw := out.Bytes()
	packets(t, raw, 512)
	m, err := NewMessageReader(bytes.NewReader(raw)).ReadMessage()
	if err != nil {
		t.Fatal(err)
	}
	toks, err := decodeTokens(m.Payload)
	if err != nil {
		t.Fatalf("decode: %v\n%x", err, m.Payload)
	}
	return toks, m.Payload
}

func TestSelectOneGolden(t *testing.T) {
	// tds-clients.md §8.1: the `select 1` answer all clients accepted.
	w, out, _ := newTestWriter(Done)
	w.Columns([]Column{{Type: TypeInt(), Nullable: true}})
	w.Row([]any{int64(1)})
	w.Done(Done, DoneCount, CmdSelect, 1)
	if err := w.finish(nil); err != nil {
		t.Fatal(err)
	}
	_, payload := responseTokens(t, out)
	mustEqualHex(t, payload, "81 0100 00000000 0100 2604 00 | D1 04 01000000 | FD 1000 C100 0100000000000000")
}

func TestTokenGolden(t *testing.T) {
	ck := func(b []byte, err error) []byte {
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	desc := uint64(0x0807060504030201)
	tests := []struct {
		name string
		b    []byte
		hex  string
	}{
		{"envchange begin", ck(appendEnvChange(nil, EnvChangeBeginTran(desc))), "E3 0B00 08 08 0102030405060708 00"},
		{"envchange commit", ck(appendEnvChange(nil, EnvChangeCommitTran(desc))), "E3 0B00 09 00 08 0102030405060708"},
		{"envchange rollback", ck(appendEnvChange(nil, EnvChangeRollbackTran(desc))), "E3 0B00 0A 00 08 0102030405060708"},
		{"envchange collation", ck(appendEnvChange(nil, EnvChangeCollation(DefaultCollation))), "E3 0800 07 05 0904D00034 00"},
		{"envchange reset ack", ck(appendEnvChange(nil, EnvChangeResetAck())), "E3 0300 12 00 00"},
		{"envchange packet size", ck(appendEnvChange(nil, EnvChangePacketSize(8192, 4096))), "E3 1300 04 04 3800310039003200 04 3400300039003600"},
		{"envchange database", ck(appendEnvChange(nil, EnvChangeDatabase("db", "m"))), "E3 0900 01 02 64006200 01 6D00"},
		{"envchange partner", ck(appendEnvChange(nil, EnvChangeMirrorPartner("p"))), "E3 0500 0D 01 7000 00"},
		{"loginack", appendLoginAck(nil, loginAckToken{Interface: 1, TDSVersion: TDS74, ProgName: DefaultProgName, Version: DefaultServerVersion}),
			// tds-clients.md §4: AD 32 00 | 01 | 74 00 00 04 | 14 "Microsoft SQL Server" | 10 00 10 7A
			"AD 3200 01 74000004 14 4d006900630072006f0073006f0066007400200053005100 4c0020005300650072007600650072 00 1000107A"},
		{"featureextack utf8", appendFeatureExtAck(nil, map[byte][]byte{FeatureUTF8Support: {0}}), "AE 0A 01000000 00 FF"},
		{"featureextack empty", appendFeatureExtAck(nil, nil), "AE FF"},
		{"returnstatus", appendReturnStatus(nil, 2), "79 02000000"},
		{"done attn", appendDone(nil, DoneToken{Kind: Done, Status: DoneAttn}), "FD 2000 0000 0000000000000000"},
		{"info", appendMessage(nil, tokenInfo, MessageToken{Number: 5701, State: 2, Text: "x", ServerName: "s", ProcName: "", Line: 1}),
			"AB 1200 45160000 02 00 0100 7800 01 7300 00 01000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { mustEqualHex(t, tt.b, tt.hex) })
	}
	t.Run("envchange type 14 refused", func(t *testing.T) {
		if _, err := appendEnvChange(nil, EnvChange{Type: 14}); err == nil {
			t.Fatal("no error")
		}
	})
}

func TestTokenRoundTrip(t *testing.T) {
	w, out, _ := newTestWriter(DoneProc)
	cols := []Column{
		{Name: "i", Type: TypeInt(), Nullable: true},
		{Name: "s", Type: TypeNVarChar(MaxLength), Nullable: true},
		{Name: "d", Type: TypeDecimal(10, 2)},
	}
	mustOK := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	mustOK(w.EnvChange(EnvChangeDatabase("db", "master")))
	mustOK(w.Info(MessageToken{Number: 0, Class: 0, Text: "printed"}))
	mustOK(w.Columns(cols))
	mustOK(w.Row([]any{int64(7), strings.Repeat("z", 3000), NewDecimal(1234, 2)}))
	mustOK(w.Row([]any{nil, nil, nil}))
	mustOK(w.Done(DoneInProc, DoneCount, CmdSelect, 2))
	mustOK(w.Error(&ServerError{Number: 8134, Class: 16, State: 1, Text: "Divide by zero error encountered.", Line: 3, Proc: "p"}))
	mustOK(w.ReturnStatus(-6))
	mustOK(w.ReturnValue(ReturnValue{Ordinal: 1, Name: "@o", Status: ReturnOutputParam, Type: TypeBigInt(), Value: int64(42)}))
	mustOK(w.ReturnValue(ReturnValue{Ordinal: 2, Name: "@s", Status: ReturnOutputParam, Type: TypeNVarChar(MaxLength), Value: "out"}))
	mustOK(w.Done(DoneProc, 0, CmdExecute, 0))
	mustOK(w.finish(nil))
	toks, _ := responseTokens(t, out)
	if len(toks) != 11 {
		t.Fatalf("%d tokens", len(toks))
	}
	if toks[0].Env.NewValue != "db" || toks[1].Info.Text != "printed" || toks[1].Info.ServerName != "srv" {
		t.Fatalf("env/info %+v %+v", toks[0].Env, toks[1].Info)
	}
	if !reflect.DeepEqual(toks[2].ColMetadata, cols) {
		t.Fatalf("colmetadata %+v", toks[2].ColMetadata)
	}
	if r := toks[3].Row; toks[3].NBC || r[0] != int64(7) || r[1] != strings.Repeat("z", 3000) || r[2].(Decimal).String() != "12.34" {
		t.Fatalf("row %v", r)
	}
	if !toks[4].NBC || !reflect.DeepEqual(toks[4].Row, []any{nil, nil, nil}) {
		t.Fatalf("nbcrow %+v", toks[4])
	}
	if d := toks[5].Done; d.Kind != DoneInProc || d.Status != DoneCount|DoneMore || d.Rows != 2 {
		t.Fatalf("doneinproc %+v", d)
	}
	if e := toks[6].Error; e.Number != 8134 || e.Class != 16 || e.Line != 3 || e.ProcName != "p" || e.ServerName != "srv" {
		t.Fatalf("error %+v", e)
	}
	if *toks[7].ReturnStatus != -6 || toks[8].ReturnValue.Value != int64(42) || toks[8].ReturnValue.Name != "@o" || toks[9].ReturnValue.Value != "out" {
		t.Fatal("return status/value")
	}
	if d := toks[10].Done; d.Kind != DoneProc || d.Status != DoneError {
		t.Fatalf("final done %+v (an error since the last done sets DONE_ERROR; no DONE_MORE)", d)
	}
}

// doneStatuses returns the status of every done token.
func doneStatuses(toks []decodedToken) []uint16 {
	var s []uint16
	for _, tk := range toks {
		if tk.Done != nil {
			s = append(s, tk.Done.Status)
		}
	}
	return s
}

func TestResultWriterDoneMore(t *testing.T) {
	tests := []struct {
		name   string
		kind   DoneKind
		script func(w *resultWriter)
		reqErr error
		want   []uint16
	}{
		{"nothing written gets a final done", Done, func(w *resultWriter) {}, nil, []uint16{0}},
		{"one done", Done, func(w *resultWriter) { w.Done(Done, DoneCount, 0, 1) }, nil, []uint16{DoneCount}},
		{"caller's DONE_MORE is ignored", Done, func(w *resultWriter) { w.Done(Done, DoneMore, 0, 0) }, nil, []uint16{0}},
		{"two dones", Done, func(w *resultWriter) {
			w.Done(Done, DoneCount, 0, 1)
			w.Done(Done, DoneCount, 0, 2)
		}, nil, []uint16{DoneCount | DoneMore, DoneCount}},
		{"inproc then proc", DoneProc, func(w *resultWriter) {
			w.Done(DoneInProc, DoneCount, 0, 1)
			w.ReturnStatus(0)
			w.Done(DoneProc, 0, 0, 0)
		}, nil, []uint16{DoneCount | DoneMore, 0}},
		{"request error after done", Done, func(w *resultWriter) { w.Done(Done, 0, 0, 0) }, errors.New("boom"), []uint16{DoneMore, DoneError}},
		{"error token without done", Done, func(w *resultWriter) { w.Error(errors.New("x")) }, nil, []uint16{DoneError}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, out, _ := newTestWriter(tt.kind)
			tt.script(w)
			if err := w.finish(tt.reqErr); err != nil {
				t.Fatal(err)
			}
			toks, _ := responseTokens(t, out)
			if got := doneStatuses(toks); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("done statuses %#x, want %#x", got, tt.want)
			}
			last := toks[len(toks)-1].Done
			if last == nil || (tt.kind == DoneProc && last.Kind != DoneProc) {
				t.Fatalf("last token %+v", toks[len(toks)-1])
			}
		})
	}
}

func TestResultWriterAttention(t *testing.T) {
	w, out, attn := newTestWriter(Done)
	w.Columns([]Column{{Name: "s", Type: TypeNVarChar(100)}})
	const rows = 22 // 4 packets sent, 2 whole rows still buffered
	for i := 0; i < rows; i++ {
		w.Row([]any{strings.Repeat("r", 50)})
	}
	attn.Store(true)
	if err := w.Row([]any{"late"}); !errors.Is(err, ErrAttention) {
		t.Fatalf("Row after attention: %v", err)
	}
	if err := w.finish(ErrAttention); err != nil {
		t.Fatal(err)
	}
	toks, _ := responseTokens(t, out)
	last := toks[len(toks)-1].Done
	if last == nil || last.Status != DoneAttn || len(toks) >= 1+rows+1 {
		t.Fatalf("%d tokens, last %+v", len(toks), toks[len(toks)-1])
	}
}

func TestResultWriterRejects(t *testing.T) {
	w, _, _ := newTestWriter(Done)
	if err := w.Row([]any{1}); err == nil {
		t.Error("Row before Columns accepted")
	}
	if err := w.Columns(nil); err == nil {
		t.Error("empty Columns accepted")
	}
	if err := w.BeginTransaction(0); err == nil {
		t.Error("descriptor 0 accepted")
	}
	w.Columns([]Column{{Type: TypeInt()}})
	if err := w.Row([]any{1, 2}); err == nil {
		t.Error("row with too many values accepted")
	}
	if err := w.Row([]any{"x"}); err == nil {
		t.Error("string for int accepted")
	}
	if err := w.Columns([]Column{{Type: TypeInfo{ID: 0x99}}}); err == nil {
		t.Error("unknown type accepted")
	}
}

func FuzzTokens(f *testing.F) {
	w, out, _ := newTestWriter(Done)
	w.Columns([]Column{{Type: TypeNVarChar(MaxLength)}, {Type: TypeDecimal(20, 4)}, {Type: TypeDateTimeOffset(7)}})
	w.Row([]any{"x", NewDecimal(5, 0), nil})
	w.finish(nil)
	m, _ := NewMessageReader(out).ReadMessage()
	f.Add(m.Payload)
	f.Fuzz(func(t *testing.T, b []byte) { decodeTokens(b) })
}
