package main

import (
	"bytes"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

func TestFormatterResultSet(t *testing.T) {
	cols := []colFormat{
		newColFormat("id", "INT", -1, -1),
		newColFormat("name", "VARCHAR", 5, -1),
		newColFormat("", "DECIMAL", -1, 5),
	}
	rows := [][]any{{int64(1), "ab", []byte("1.50")}, {nil, "abcde", []byte("-2.00")}, {int64(3), "x", nil}}
	tests := []struct {
		name    string
		headers int
		sep     string
		trim    bool
		want    string
	}{
		{"default", 0, " ", false, "" +
			"id          name         \n" +
			"----------- ----- -------\n" +
			"          1 ab       1.50\n" +
			"       NULL abcde   -2.00\n" +
			"          3 x        NULL\n" +
			"\n(3 rows affected)\n"},
		{"no headers, trimmed, comma", -1, ",", true, "" +
			"1,ab,1.50\n" +
			"NULL,abcde,-2.00\n" +
			"3,x,NULL\n" +
			"\n(3 rows affected)\n"},
		{"trimmed with headers", 0, " ", true, "" +
			"id name\n" +
			"-- ----\n" +
			"1 ab 1.50\n" +
			"NULL abcde -2.00\n" +
			"3 x NULL\n" +
			"\n(3 rows affected)\n"},
		{"headers every 2 rows", 2, "|", false, "" +
			"id         |name |       \n" +
			"-----------|-----|-------\n" +
			"          1|ab   |   1.50\n" +
			"       NULL|abcde|  -2.00\n" +
			"\n" +
			"id         |name |       \n" +
			"-----------|-----|-------\n" +
			"          3|x    |   NULL\n" +
			"\n(3 rows affected)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			f := newFormatter(&b, tt.headers, tt.sep, tt.trim)
			f.begin(append([]colFormat(nil), cols...))
			for _, r := range rows {
				f.row(r)
			}
			f.rowsAffected(3)
			if b.String() != tt.want {
				t.Errorf("output:\n%q\nwant:\n%q", b.String(), tt.want)
			}
		})
	}
}

func TestFormatterMessages(t *testing.T) {
	tests := []struct {
		name string
		emit func(f *formatter)
		want string
	}{
		{"one row", func(f *formatter) { f.rowsAffected(1) }, "\n(1 row affected)\n"},
		{"zero rows", func(f *formatter) { f.rowsAffected(0) }, "\n(0 rows affected)\n"},
		{"print", func(f *formatter) { f.message("hello") }, "hello\n"},
		{"error", func(f *formatter) {
			f.sqlError(mssql.Error{Number: 208, Class: 16, State: 1, ServerName: "S1", LineNo: 1, Message: "Invalid object name 'dbo.t'."})
		}, "Msg 208, Level 16, State 1, Server S1, Line 1\nInvalid object name 'dbo.t'.\n"},
		{"error in procedure", func(f *formatter) {
			f.sqlError(mssql.Error{Number: 50000, Class: 11, State: 2, ServerName: "S1", ProcName: "p", LineNo: 3, Message: "m"})
		}, "Msg 50000, Level 11, State 2, Server S1, Procedure p, Line 3\nm\n"},
		{"severity 10 prints the text only", func(f *formatter) {
			f.sqlError(mssql.Error{Number: 50000, Class: 10, State: 1, Message: "info"})
		}, "info\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			tt.emit(newFormatter(&b, 0, " ", false))
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
}

func TestFormatValue(t *testing.T) {
	ts := time.Date(2024, 2, 29, 13, 4, 5, 123456700, time.UTC)
	guid := []byte{0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF}
	tests := []struct {
		v    any
		typ  string
		want string
	}{
		{nil, "INT", "NULL"},
		{true, "BIT", "1"},
		{false, "BIT", "0"},
		{int64(-42), "BIGINT", "-42"},
		{1.5, "FLOAT", "1.5"},
		{float64(float32(0.1)), "REAL", "0.1"},
		{"text", "NVARCHAR", "text"},
		{[]byte("12.3400"), "MONEY", "12.3400"},
		{[]byte("1.5"), "DECIMAL", "1.5"},
		{[]byte{0x01, 0xAB}, "VARBINARY", "0x01AB"},
		{guid, "UNIQUEIDENTIFIER", "00112233-4455-6677-8899-AABBCCDDEEFF"},
		{ts, "DATETIME", "2024-02-29 13:04:05.123"},
		{ts, "DATETIME2", "2024-02-29 13:04:05.1234567"},
		{ts, "DATE", "2024-02-29"},
		{ts, "TIME", "13:04:05.1234567"},
		{ts, "SMALLDATETIME", "2024-02-29 13:04:00"},
		{ts, "DATETIMEOFFSET", "2024-02-29 13:04:05.1234567 +00:00"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.v, tt.typ); got != tt.want {
			t.Errorf("formatValue(%v, %s) = %q, want %q", tt.v, tt.typ, got, tt.want)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		typ          string
		length, prec int64
		width        int
		right        bool
	}{
		{"INT", -1, -1, 11, true}, {"BIGINT", -1, -1, 20, true}, {"BIT", -1, -1, 1, true},
		{"DECIMAL", -1, 10, 12, true}, {"VARCHAR", 10, -1, 10, false}, {"NVARCHAR", 1 << 30, -1, maxVarWidth, false},
		{"VARBINARY", 4, -1, 10, false}, {"DATETIME", -1, -1, 23, false}, {"UNIQUEIDENTIFIER", -1, -1, 36, false},
	}
	for _, tt := range tests {
		if w, r := displayWidth(tt.typ, tt.length, tt.prec); w != tt.width || r != tt.right {
			t.Errorf("displayWidth(%s, %d, %d) = %d, %v; want %d, %v", tt.typ, tt.length, tt.prec, w, r, tt.width, tt.right)
		}
	}
}

func TestFormatterRedirect(t *testing.T) {
	sev16 := mssql.Error{Number: 208, Class: 16, State: 1, ServerName: "S", LineNo: 1, Message: "bad"}
	info := mssql.Error{Number: 5701, Class: 0, State: 2, Message: "Changed database context to 'master'."}
	tests := []struct {
		name             string
		errToErr, msgErr bool // -r0, -r1
		wantOut, wantErr string
	}{
		{"no -r", false, false, "p\nChanged database context to 'master'.\nMsg 208, Level 16, State 1, Server S, Line 1\nbad\n\n(1 row affected)\n", ""},
		{"-r0", true, false, "p\nChanged database context to 'master'.\n\n(1 row affected)\n", "Msg 208, Level 16, State 1, Server S, Line 1\nbad\n"},
		{"-r1", true, true, "\n(1 row affected)\n", "p\nChanged database context to 'master'.\nMsg 208, Level 16, State 1, Server S, Line 1\nbad\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			f := newFormatter(&out, 0, " ", false)
			if tt.errToErr {
				f.errW = &errOut
			}
			if tt.msgErr {
				f.msgW = &errOut
			}
			f.message("p")
			f.sqlError(info)
			f.sqlError(sev16)
			f.rowsAffected(1)
			if out.String() != tt.wantOut || errOut.String() != tt.wantErr {
				t.Errorf("stdout %q, stderr %q; want %q, %q", out.String(), errOut.String(), tt.wantOut, tt.wantErr)
			}
		})
	}
}
