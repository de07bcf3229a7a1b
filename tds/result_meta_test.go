package tds

import (
	"bytes"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
)

// TestColumnsMetadataReuse runs a sequence of result sets through one
// long-lived resultWriter, as a connection does, and requires every response
// to be byte for byte what a new writer sends for the same calls: the kept
// COLMETADATA (resultWriter.meta) may only be reused for equal columns, and
// must never leak into a response with other names, types or nullability, an
// error, or a result too wide to keep. Down-level clients (TDS 7.1, where
// (max) types become TEXT/NTEXT with value conversions) run the same sequence.
func TestColumnsMetadataReuse(t *testing.T) {
	a := []Column{{Name: "", Type: TypeInt(), Nullable: true}}
	renamed := []Column{{Name: "x", Type: TypeInt(), Nullable: true}}
	retyped := []Column{{Name: "x", Type: TypeBigInt(), Nullable: true}}
	notNull := []Column{{Name: "x", Type: TypeBigInt()}}
	strs := []Column{{Name: "s", Type: TypeVarChar(20)}, {Name: "n", Type: TypeNVarChar(MaxLength), Nullable: true}}
	var wide []Column
	for i := 0; i < 150; i++ {
		wide = append(wide, Column{Name: fmt.Sprintf("a_rather_long_column_name_%03d", i), Type: TypeInt()})
	}
	seq := [][]Column{a, a, renamed, a, retyped, notNull, notNull, nil, a, strs, strs, wide, wide, a, a}
	row := func(cols []Column) []any {
		vals := make([]any, len(cols))
		for i, c := range cols {
			if c.Type.ID == typeIntN {
				vals[i] = int64(i + 1)
			} else {
				vals[i] = strings.Repeat("v", i+1)
			}
		}
		return vals
	}
	respond := func(w *resultWriter, out *bytes.Buffer, cols []Column) []byte {
		out.Reset()
		w.mw.Begin(PacketReply)
		w.reset(Done)
		err := w.Columns(cols)
		if err == nil {
			err = w.Row(row(cols))
		}
		if err == nil {
			err = w.Done(Done, DoneCount, 0xC1, 1)
		}
		if ferr := w.finish(err); ferr != nil {
			t.Fatalf("finish: %v", ferr)
		}
		return bytes.Clone(out.Bytes())
	}
	newWriter := func(ver uint32) (*resultWriter, *bytes.Buffer) {
		out := new(bytes.Buffer)
		mw := NewMessageWriter(out)
		mw.SetPacketSize(512)
		return &resultWriter{mw: mw, serverName: "srv", attn: new(atomic.Bool), ver: ver}, out
	}
	for _, ver := range []uint32{0, TDS71Rev1} {
		t.Run(fmt.Sprintf("version %#x", ver), func(t *testing.T) {
			conn, connOut := newWriter(ver)
			for i, cols := range seq {
				got := respond(conn, connOut, cols)
				fresh, freshOut := newWriter(ver)
				want := respond(fresh, freshOut, cols)
				if !bytes.Equal(got, want) {
					t.Fatalf("response %d (%d columns) differs from a new writer's:\n got %x\nwant %x", i, len(cols), got, want)
				}
			}
		})
	}
}
