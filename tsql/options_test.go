package tsql

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// TestTokenizeQuotedIdentifierOff: under QUOTED_IDENTIFIER OFF "…" is a
// string ("" escapes a quote, ” is two characters of it), [..] stays an
// identifier; ON reads "…" as an identifier.
func TestTokenizeQuotedIdentifierOff(t *testing.T) {
	tests := []struct {
		in      string
		on, off string // kind:value pairs
	}{
		{`"hello"`, "IDENT:hello", "STRING:hello"},
		{`"it's" "say ""hi"""`, `IDENT:it's IDENT:say "hi"`, `STRING:it's STRING:say "hi"`},
		{`[a b] "c"`, "IDENT:a b IDENT:c", "IDENT:a b STRING:c"},
		{`'x' N'y'`, "STRING:x NSTRING:y", "STRING:x NSTRING:y"},
		{`""`, "", "STRING:"},
	}
	for _, tt := range tests {
		for _, off := range []bool{false, true} {
			want := tt.on
			if off {
				want = tt.off
			}
			t.Run(fmt.Sprintf("%s/off=%v", tt.in, off), func(t *testing.T) {
				toks, err := TokenizeOptions(tt.in, ParseOptions{QuotedIdentifierOff: off})
				if want == "" {
					if err == nil {
						t.Fatalf("TokenizeOptions(%q) succeeded, want error 1038", tt.in)
					}
					return
				}
				if err != nil {
					t.Fatalf("TokenizeOptions(%q): %v", tt.in, err)
				}
				if g := literalTokens(toks); g != want {
					t.Errorf("TokenizeOptions(%q) = %s, want %s", tt.in, g, want)
				}
			})
		}
	}
	_, err := TokenizeOptions(`SELECT "abc`, ParseOptions{QuotedIdentifierOff: true})
	if e, ok := err.(*Error); !ok || e.Number != ErrUnclosedQuote || e.Message != "Unclosed quotation mark after the character string 'abc'." {
		t.Errorf("unclosed \"abc under OFF: %v, want 105", err)
	}
}

func literalTokens(toks []Token) string {
	var got []string
	for _, tk := range toks {
		if tk.Kind.IsLiteral() {
			got = append(got, fmt.Sprintf("%s:%s", tk.Kind, tk.Value))
		}
	}
	return strings.Join(got, " ")
}

// TestParseQuotedIdentifier checks the batch-level switch: a SET
// QUOTED_IDENTIFIER changes how the rest of the batch is read, at any
// nesting and whether or not it would run, but not inside a module body;
// the canonical form of the result reads the same under either setting.
func TestParseQuotedIdentifier(t *testing.T) {
	tests := []struct {
		name    string
		off     bool // the setting the batch starts under
		in      string
		want    string // canonical SQL, statements joined by "; "
		wantEnd bool   // QuotedIdentifierOff at the end
	}{
		{"on", false, `SELECT "a" FROM t WHERE "b" = 'x'`, "SELECT a FROM t WHERE b = 'x'", false},
		{"off", true, `SELECT "a" FROM t WHERE name = "abc"`, "SELECT 'a' FROM t WHERE name = 'abc'", true},
		{"off exec", true, `EXEC sp_x "arg", @p = "it's"`, "EXECUTE sp_x 'arg', @p = 'it''s'", true},
		{"off alias", true, `SELECT 1 AS "one", [x] FROM [t]`, "SELECT 1 AS one, x FROM t", true},
		{"switch off", false, "SELECT \"a\"\nSET QUOTED_IDENTIFIER OFF\nSELECT \"a\"", "SELECT a; SET QUOTED_IDENTIFIER OFF; SELECT 'a'", true},
		{"switch on", true, `SELECT "a"; SET QUOTED_IDENTIFIER ON; SELECT "a"`, "SELECT 'a'; SET QUOTED_IDENTIFIER ON; SELECT a", false},
		{"switch twice", false, `SET QUOTED_IDENTIFIER OFF SELECT "a" SET QUOTED_IDENTIFIER ON SELECT "a"`,
			"SET QUOTED_IDENTIFIER OFF; SELECT 'a'; SET QUOTED_IDENTIFIER ON; SELECT a", false},
		{"with other options", false, `SET ANSI_NULLS, QUOTED_IDENTIFIER OFF; SELECT "a"`, "SET ANSI_NULLS, QUOTED_IDENTIFIER OFF; SELECT 'a'", true},
		{"branch not taken", false, `IF 1 = 0 SET QUOTED_IDENTIFIER OFF; SELECT "a"`, "IF 1 = 0 SET QUOTED_IDENTIFIER OFF; SELECT 'a'", true},
		{"module body", true, `CREATE PROCEDURE p AS SET QUOTED_IDENTIFIER ON; SELECT "a"`, "CREATE PROCEDURE p AS SET QUOTED_IDENTIFIER ON; SELECT 'a'", true},
		{"module body on", false, `CREATE PROCEDURE p AS SET QUOTED_IDENTIFIER OFF SELECT "a"`, "CREATE PROCEDURE p AS SET QUOTED_IDENTIFIER OFF; SELECT a", false},
		{"no quotes after", false, `SET QUOTED_IDENTIFIER OFF`, "SET QUOTED_IDENTIFIER OFF", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stmts, end, err := ParseBatchOptions(tt.in, ParseOptions{QuotedIdentifierOff: tt.off})
			if err != nil {
				t.Fatalf("ParseBatchOptions(%q): %v", tt.in, err)
			}
			var got []string
			for _, st := range stmts {
				got = append(got, st.SQL())
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("ParseBatchOptions(%q) = %q, want %q", tt.in, g, tt.want)
			}
			if end.QuotedIdentifierOff != tt.wantEnd {
				t.Errorf("end QuotedIdentifierOff = %v, want %v", end.QuotedIdentifierOff, tt.wantEnd)
			}
			for _, st := range stmts { // the canonical form means the same under either setting
				for _, off := range []bool{false, true} {
					again, _, err := ParseBatchOptions(st.SQL(), ParseOptions{QuotedIdentifierOff: off})
					if err != nil || len(again) != 1 || ast.DumpCanonical(again[0]) != ast.DumpCanonical(st) {
						t.Errorf("re-parse of %q (off=%v): %v", st.SQL(), off, err)
					}
				}
			}
		})
	}
}

// TestParseQuotedIdentifierErrors: what OFF makes wrong is SQL Server's
// error, on the right line; a lexical error before the switch stays, one
// the switch removes is gone.
func TestParseQuotedIdentifierErrors(t *testing.T) {
	tests := []struct {
		name   string
		off    bool
		in     string
		number int32
		line   int32
	}{
		{"string as table", true, `SELECT * FROM "t"`, ErrSyntax, 1},
		{"empty name on", false, "SELECT 1\nSELECT \"\"", ErrEmptyName, 2},
		{"unclosed after switch", false, "SET QUOTED_IDENTIFIER OFF\nSELECT \"abc", ErrUnclosedQuote, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseBatchOptions(tt.in, ParseOptions{QuotedIdentifierOff: tt.off})
			e, ok := err.(*Error)
			if !ok || e.Number != tt.number || e.Line != tt.line {
				t.Fatalf("ParseBatchOptions(%q) = %v, want error %d on line %d", tt.in, err, tt.number, tt.line)
			}
		})
	}
	if _, _, err := ParseBatchOptions("SET QUOTED_IDENTIFIER OFF\nSELECT \"\"", ParseOptions{}); err != nil {
		t.Errorf("\"\" after SET QUOTED_IDENTIFIER OFF is an empty string: %v", err)
	}
}
