package tsql

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

func asError(err error, e **Error) bool { return errors.As(err, e) }

func TestParseExpr(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"(0)", "(0)"},
		{"((getdate()))", "((getdate()))"},
		{"[a]>(0) AND b<>''", "a > (0) AND b <> ''"},
		{"N'x' COLLATE Latin1_General_BIN", "N'x' COLLATE Latin1_General_BIN"},
		{"-1", "-1"},
		{"- -1", "- -1"},
		{"a - -b", "a - -b"},
		{"~~x", "~~x"},
		{"$-5 + -$5", "$-5 + -$5"},
		{"a - (b - c) * (d + e)", "a - (b - c) * (d + e)"},
		{"NOT NOT a = 1", "NOT NOT a = 1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			x, err := ParseExpr(tt.in)
			if err != nil {
				t.Fatalf("ParseExpr(%q): %v", tt.in, err)
			}
			if got := x.SQL(); got != tt.want {
				t.Errorf("ParseExpr(%q).SQL() = %q, want %q", tt.in, got, tt.want)
			}
			again, err := ParseExpr(x.SQL())
			if err != nil || ast.DumpCanonical(again) != ast.DumpCanonical(x) {
				t.Errorf("re-parse of %q: %v\n%s", x.SQL(), err, ast.Dump(again))
			}
		})
	}
	for _, bad := range []string{"", "1 2", "SELECT 1", "a +"} {
		if _, err := ParseExpr(bad); err == nil {
			t.Errorf("ParseExpr(%q) succeeded, want an error", bad)
		}
	}
}

func TestParseDataType(t *testing.T) {
	tests := []struct {
		in   string
		want ast.DataType
	}{
		{"INT", ast.DataType{Name: "int"}},
		{"nvarchar(MAX)", ast.DataType{Name: "nvarchar", Params: 1, Max: true}},
		{"varchar(10)", ast.DataType{Name: "varchar", Params: 1, Length: 10}},
		{"decimal(10, 2)", ast.DataType{Name: "decimal", Params: 2, Precision: 10, Scale: 2}},
		{"numeric(5)", ast.DataType{Name: "numeric", Params: 1, Precision: 5}},
		{"float(24)", ast.DataType{Name: "float", Params: 1, Precision: 24}},
		{"datetime2(3)", ast.DataType{Name: "datetime2", Params: 1, Scale: 3}},
		{"time(0)", ast.DataType{Name: "time", Params: 1, Scale: 0}},
		{"dbo.MyType", ast.DataType{Schema: "dbo", Name: "mytype"}},
		{"[MyType]", ast.DataType{Name: "MyType"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDataType(tt.in)
			if err != nil {
				t.Fatalf("ParseDataType(%q): %v", tt.in, err)
			}
			got.Span = ast.Span{}
			got.SetWrittenName("") // TestDataTypeWrittenName
			if *got != tt.want {
				t.Errorf("ParseDataType(%q) = %+v, want %+v", tt.in, *got, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "varchar(", "varchar(x)", "decimal(1,2,3)", "a.b.c"} {
		if _, err := ParseDataType(bad); err == nil {
			t.Errorf("ParseDataType(%q) succeeded, want an error", bad)
		}
	}
}

// TestDataTypeWrittenName: the name as written survives the lower-casing
// of an unquoted type name, for user-defined types in a case-sensitive
// database.
func TestDataTypeWrittenName(t *testing.T) {
	for in, want := range map[string]string{"INT": "INT", "varchar(10)": "varchar", "dbo.MyType": "MyType", "[MyType]": "MyType"} {
		got, err := ParseDataType(in)
		if err != nil {
			t.Fatalf("ParseDataType(%q): %v", in, err)
		}
		if got.WrittenName() != want {
			t.Errorf("ParseDataType(%q).WrittenName() = %q, want %q", in, got.WrittenName(), want)
		}
	}
}

// TestErrorContract checks the cross-package error convention: number,
// severity, state, exact text, line, and errors.As through wrapping.
func TestErrorContract(t *testing.T) {
	_, err := ParseBatch("SELECT 1\n\nSELECT * FROM t WHERE")
	wrapped := fmt.Errorf("parse batch: %w", err)
	var e interface {
		SQLServerError() (int32, uint8, uint8)
		SQLServerLine() int32
	}
	if !errors.As(wrapped, &e) {
		t.Fatalf("errors.As found no SQL Server error in %v", wrapped)
	}
	n, sev, st := e.SQLServerError()
	if n != 156 || sev != 15 || st != 1 || e.SQLServerLine() != 3 {
		t.Errorf("got %d/%d/%d line %d, want 156/15/1 line 3", n, sev, st, e.SQLServerLine())
	}
	if got, want := err.Error(), "Incorrect syntax near the keyword 'WHERE'."; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if got, want := err.(*Error).Debug(), "3:17: expected expression, found end of batch"; got != want {
		t.Errorf("debug %q, want %q", got, want)
	}
}

func TestEmptyBatch(t *testing.T) {
	for _, in := range []string{"", "   \n", "-- only a comment", ";;", "/* c */ ;", "\uFEFF", "\u00a0\t\r\n"} {
		stmts, err := ParseBatch(in)
		if err != nil || len(stmts) != 0 {
			t.Errorf("ParseBatch(%q) = %v, %v; want no statements", in, stmts, err)
		}
	}
}

func TestNestingLimit(t *testing.T) {
	deep := ""
	for i := 0; i < 5000; i++ {
		deep += "("
	}
	_, err := ParseBatch("SELECT " + deep + "1")
	var e *Error
	if !errors.As(err, &e) || e.Number != 191 {
		t.Fatalf("got %v, want error 191", err)
	}
}

// TestOperatorChainLimit: a run of left-associative operators longer than
// maxChain is error 191 (a 200,000-AND WHERE once overflowed the server's
// stack further on); ORM-sized lists parse.
func TestOperatorChainLimit(t *testing.T) {
	tests := []struct {
		name, sql string
		terms     int
		fail      bool
	}{
		{"or list", "SELECT 1 WHERE 1=1", 5000, false},
		{"and chain", "SELECT 1 WHERE 1=1", maxChain + 1, true},
		{"plus chain", "SELECT 1", maxChain + 1, true},
		{"union chain", "SELECT 1", maxChain + 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			link := map[string]string{"or list": " OR 1=1", "and chain": " AND 1=1", "plus chain": " + 1", "union chain": " UNION ALL SELECT 1"}[tc.name]
			_, err := ParseBatch(tc.sql + strings.Repeat(link, tc.terms))
			var e *Error
			switch {
			case tc.fail && (!errors.As(err, &e) || e.Number != 191):
				t.Fatalf("%d links: %v, want error 191", tc.terms, err)
			case !tc.fail && err != nil:
				t.Fatalf("%d links: %v, want it to parse", tc.terms, err)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	src := "SELECT a,\n  bb FROM t"
	stmts, err := ParseBatch(src)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	ast.Inspect(stmts[0], func(n ast.Node) bool {
		if c, ok := n.(*ast.ColumnRef); ok {
			refs = append(refs, src[c.Pos().Offset():c.End().Offset()])
		}
		return true
	})
	if fmt.Sprint(refs) != "[a bb]" {
		t.Errorf("column spans = %q, want [a bb]", refs)
	}
	if s := stmts[0]; src[s.Pos().Offset():s.End().Offset()] != src {
		t.Errorf("statement span = %q", src[s.Pos().Offset():s.End().Offset()])
	}
}
