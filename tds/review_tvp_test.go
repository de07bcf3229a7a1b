package tds

import (
	"bytes"
	"strings"
	"testing"
)

// TestReviewTVPDefaultRowsBounded (review, session 9): a TVP whose columns
// are all default sends one byte per row, but each decoded row holds a
// value per column; a request must not make the decoder allocate far more
// than its own size (1,024 default columns: 16 KB per row byte, so a 64 MB
// request asked for a terabyte and the Go runtime killed the server). Rows
// within the budget still decode: an identity-only table type's rows.
func TestReviewTVPDefaultRowsBounded(t *testing.T) {
	tvp := func(cols, rows int) []byte {
		var b strings.Builder
		b.WriteString(tvpHeader)
		b.WriteString(hexU16(cols))
		for range cols {
			b.WriteString(" 00000000 0002 26 04 00") // UserType, fDefault, INTN(4), no name
		}
		b.WriteString(" 00")
		b.WriteString(strings.Repeat(" 01", rows))
		b.WriteString(" 00")
		return append(allHeaders(0), unhexNoT(b.String())...)
	}
	tests := []struct {
		name       string
		cols, rows int
		wantErr    bool
	}{
		{"identity-only rows", 1, 20000, false},
		{"1024 default columns, 4096 rows", 1024, 4096, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := DecodeRPC(tvp(tc.cols, tc.rows), 0)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("decoded %d rows of %d default columns from a %d-byte request", tc.rows, tc.cols, len(tvp(tc.cols, tc.rows)))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			v, ok := req.Params[0].Value.(*TVP)
			if !ok || len(v.Rows) != tc.rows {
				t.Fatalf("params %+v", req.Params)
			}
		})
	}
}

// hexU16 is n as the little-endian hex of a USHORT.
func hexU16(n int) string {
	var b bytes.Buffer
	const digits = "0123456789ABCDEF"
	for _, x := range []byte{byte(n), byte(n >> 8)} {
		b.WriteByte(digits[x>>4])
		b.WriteByte(digits[x&15])
	}
	return " " + b.String()
}

// TestReviewBulkLoadRowsBounded (review, session 9): BULKLOAD rows of
// NULLTYPE columns take one byte (the ROW token) for any number of values;
// the decoder refuses more values than 8 per request byte instead of
// allocating 64 KB per byte received. NBCROW rows of NULLs (8 per bitmap
// byte, the densest legitimate encoding) still decode.
func TestReviewBulkLoadRowsBounded(t *testing.T) {
	msg := func(cols int, colType string, rows int, row string) []byte {
		var b strings.Builder
		b.WriteString("81" + hexU16(cols))
		for range cols {
			b.WriteString(" 00000000 0100 " + colType + " 00") // UserType, nullable, type, no name
		}
		b.WriteString(strings.Repeat(" "+row, rows))
		b.WriteString(" FD 0000 0000 0000000000000000")
		return unhexNoT(b.String())
	}
	tests := []struct {
		name    string
		p       []byte
		wantErr bool
	}{
		{"NULLTYPE columns", msg(4096, "1F", 4096, "D1"), true},
		{"NBCROW of NULLs", msg(16, "26 04", 5000, "D2 FFFF"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := DecodeBulkLoad(tc.p)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("decoded %d rows of %d columns from %d bytes", req.RowCount(), len(req.Columns), len(tc.p))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n := len(rowsOf(t, req)); n != 5000 || req.RowCount() != 5000 {
				t.Fatalf("%d rows (RowCount %d)", n, req.RowCount())
			}
		})
	}
}
