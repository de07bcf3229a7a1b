package tds

import (
	"bytes"
	"slices"
	"sync/atomic"
	"testing"
)

// TestCursorMetadata: the two shapes of result an API server cursor needs.
// sp_cursoropen's COLMETADATA marks the trailing ROWSTAT column hidden
// (fHidden in its flags) and is followed by COLINFO with HIDDEN for it;
// sp_cursorfetch under fNoMetaData sends COLMETADATA's 0xFFFF count and rows
// encoded with the columns it was given. A following ordinary result set
// must send its own full COLMETADATA again (the writer's kept metadata is
// dropped by the NoMetaData result).
func TestCursorMetadata(t *testing.T) {
	out := new(bytes.Buffer)
	mw := NewMessageWriter(out)
	mw.SetPacketSize(4096)
	w := &resultWriter{mw: mw, serverName: "srv", attn: new(atomic.Bool)}
	cols := []Column{
		{Name: "id", Type: TypeInt()},
		{Name: "v", Type: TypeVarChar(10), Nullable: true},
		{Name: "ROWSTAT", Type: TypeInt(), Flags: ColHidden},
	}
	respond := func(f func() error) []byte {
		out.Reset()
		w.mw.Begin(PacketReply)
		w.reset(Done)
		err := f()
		if err == nil {
			err = w.Done(DoneProc, 0, 0, 0)
		}
		if ferr := w.finish(err); ferr != nil {
			t.Fatalf("finish: %v", ferr)
		}
		ps := packets(t, out.Bytes(), 4096)
		return slices.Concat(ps...)
	}

	open := respond(func() error { return w.Columns(cols) })
	toks, err := decodeTokens(open)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if len(toks) != 3 || len(toks[0].ColMetadata) != 3 || toks[1].ColInfo == nil {
		t.Fatalf("open: want COLMETADATA, COLINFO, DONEPROC; got %+v", toks)
	}
	if f := toks[0].ColMetadata[2].Flags; f&ColHidden == 0 {
		t.Errorf("ROWSTAT flags %#x, want fHidden", f)
	}
	if want := []byte{1, 0, 0, 2, 0, 0, 3, 0, colInfoHidden}; !bytes.Equal(toks[1].ColInfo, want) {
		t.Errorf("COLINFO % x, want % x", toks[1].ColInfo, want)
	}

	fetch := respond(func() error {
		if err := w.ColumnsNoMetadata(cols); err != nil {
			return err
		}
		if err := w.Row([]any{int64(7), "seven", int64(1)}); err != nil {
			return err
		}
		return w.Row([]any{int64(8), nil, int64(1)})
	})
	if !bytes.HasPrefix(fetch, []byte{tokenColMetadata, 0xFF, 0xFF}) {
		t.Fatalf("fetch starts % x, want the NoMetaData COLMETADATA", fetch[:min(8, len(fetch))])
	}
	// Decoded with the open's columns, as the client does.
	toks, err = decodeTokens(append(slices.Clip(open[:len(open)-13]), fetch...))
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	var rows [][]any
	for _, tk := range toks {
		if tk.Row != nil {
			rows = append(rows, tk.Row)
		}
	}
	if len(rows) != 2 || rows[0][0] != int64(7) || rows[0][1] != "seven" || rows[1][1] != nil || rows[1][2] != int64(1) {
		t.Fatalf("fetched rows %v", rows)
	}

	plain := []Column{{Name: "id", Type: TypeInt()}}
	again := respond(func() error { return w.Columns(plain) })
	toks, err = decodeTokens(again)
	if err != nil || len(toks) != 2 || len(toks[0].ColMetadata) != 1 || toks[0].ColInfo != nil {
		t.Fatalf("plain result after a fetch: %+v, %v", toks, err)
	}
}
