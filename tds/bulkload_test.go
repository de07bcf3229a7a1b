package tds

import (
	"encoding/binary"
	"reflect"
	"testing"
)

func sampleBulkLoad() *BulkLoadRequest {
	return &BulkLoadRequest{
		Columns: []Column{
			{Name: "id", Type: TypeInt(), Nullable: true},
			{Name: "name", Type: TypeNVarChar(50), Nullable: true},
			{Name: "notes", Type: TypeNVarChar(MaxLength), Nullable: true},
			{Name: "doc", Type: TypeText(), Nullable: true},
			{Name: "amount", Type: TypeDecimal(10, 2), Nullable: true},
		},
		Rows: [][]any{
			{int64(1), "one", "long é", "text é", NewDecimal(1250, 2)},
			{int64(2), nil, nil, nil, nil},
		},
	}
}

func TestDecodeBulkLoad(t *testing.T) {
	want := sampleBulkLoad()
	p, err := appendBulkLoad(nil, want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeBulkLoad(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Columns, want.Columns) || !reflect.DeepEqual(rowsOf(t, got), want.Rows) || got.RowCount() != len(want.Rows) {
		t.Fatalf("got  %+v %+v\nwant %+v", got.Columns, rowsOf(t, got), want)
	}

	t.Run("TDS 7.1: USHORT UserType, LONG row count", func(t *testing.T) {
		q := []byte{tokenColMetadata, 1, 0, 0, 0, 1, 0} // one column, UserType USHORT, Flags nullable
		q = appendTypeInfo(q, TypeInt())
		q = appendBVarchar(q, "a")
		q = append(q, tokenRow, 4, 7, 0, 0, 0)
		q = append(q, tokenDone, 0, 0, 0, 0, 0, 0, 0, 0)
		got, err := decodeBulkLoad(q, false)
		if err != nil {
			t.Fatal(err)
		}
		if rows := rowsOf(t, got); len(rows) != 1 || rows[0][0] != int64(7) {
			t.Fatalf("%+v", rows)
		}
	})

	bad := map[string]func([]byte) []byte{
		"empty":            func([]byte) []byte { return nil },
		"no COLMETADATA":   func(b []byte) []byte { return append([]byte{tokenRow}, b[1:]...) },
		"no columns":       func([]byte) []byte { return []byte{tokenColMetadata, 0, 0} },
		"no DONE":          func(b []byte) []byte { return b[:len(b)-13] },
		"truncated DONE":   func(b []byte) []byte { return b[:len(b)-2] },
		"bytes after DONE": func(b []byte) []byte { return append(b, 0) },
		"unknown token":    func(b []byte) []byte { b[len(b)-13] = 0x99; return b },
		"truncated row":    func(b []byte) []byte { return b[:40] },
		"column count beyond": func(b []byte) []byte {
			binary.LittleEndian.PutUint16(b[1:], 4000)
			return b
		},
	}
	for name, mutate := range bad {
		t.Run(name, func(t *testing.T) {
			q := mutate(append([]byte(nil), p...))
			if r, err := DecodeBulkLoad(q); err == nil {
				t.Fatalf("no error: %+v", r)
			}
		})
	}
}

func FuzzBulkLoad(f *testing.F) {
	p, err := appendBulkLoad(nil, sampleBulkLoad())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(p)
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tds72 := range []bool{true, false} {
			if req, err := decodeBulkLoad(b, tds72); err == nil {
				n := 0
				if err := req.EachRow(func([]any) error { n++; return nil }); err != nil || n != req.RowCount() {
					t.Fatalf("a decoded request yields %d of %d rows: %v", n, req.RowCount(), err)
				}
			}
		}
	})
}

// rowsOf collects a request's rows.
func rowsOf(t *testing.T, req *BulkLoadRequest) [][]any {
	t.Helper()
	var rows [][]any
	if err := req.EachRow(func(row []any) error { rows = append(rows, row); return nil }); err != nil {
		t.Fatal(err)
	}
	return rows
}
