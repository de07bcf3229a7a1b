package tsql

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql/token"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // kind:value pairs
	}{
		{"select", "SELECT"},
		{"[a]]b] \"q\"\"x\" #t ##g @v @@ROWCOUNT", `IDENT:a]b IDENT:q"x IDENT:#t IDENT:##g VARIABLE:@v SYSVAR:@@ROWCOUNT`},
		{"'it''s' N'x' n'y' ''", "STRING:it's NSTRING:x NSTRING:y STRING:"},
		{"1 1.5 .5 1. 1e5 1.5E-3 $1.50 $-2 0x 0xAb", "INT:1 DECIMAL:1.5 DECIMAL:.5 DECIMAL:1. FLOAT:1e5 FLOAT:1.5E-3 MONEY:1.50 MONEY:-2 BINARY: BINARY:Ab"},
		{"a.b..c", "IDENT:a . IDENT:b . . IDENT:c"},
		{"t.1", "IDENT:t . INT:1"},
		{"+= -= *= /= %= &= |= ^= <> != <= >= !< !> ::", "+= -= *= /= %= &= |= ^= <> <> <= >= !< !> ::"},
		{"a--c\nb/*x/*y*/z*/c", "IDENT:a IDENT:b IDENT:c"},
		{"partner WITNESS Try", "IDENT:partner IDENT:WITNESS IDENT:Try"},
		{"$action", "IDENT:$action"},
		{"Ünïcode_名前", "IDENT:Ünïcode_名前"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			toks, err := Tokenize(tt.in)
			if err != nil {
				t.Fatalf("Tokenize(%q): %v", tt.in, err)
			}
			var got []string
			for _, tk := range toks {
				switch {
				case tk.Kind == token.EOF:
				case tk.Kind.IsLiteral():
					got = append(got, fmt.Sprintf("%s:%s", tk.Kind, tk.Value))
				default:
					got = append(got, tk.Kind.String())
				}
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("Tokenize(%q) = %s, want %s", tt.in, g, tt.want)
			}
		})
	}
}

func TestTokenizeErrors(t *testing.T) {
	tests := []struct {
		in     string
		number int32
	}{
		{"'abc", ErrUnclosedQuote},
		{"[abc", ErrUnclosedQuote},
		{"\"abc", ErrUnclosedQuote},
		{"/* x", ErrMissingEndComment},
		{strings.Repeat("x", 129), ErrIdentifierTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Tokenize(tt.in)
			e, ok := err.(*Error)
			if !ok || e.Number != tt.number {
				t.Errorf("Tokenize(%q) error = %v, want number %d", tt.in, err, tt.number)
			}
		})
	}
	if _, err := Tokenize(strings.Repeat("x", 128)); err != nil {
		t.Errorf("a 128-character identifier is legal: %v", err)
	}
}

func TestKeywords(t *testing.T) {
	for _, w := range []string{"select", "TRAN", "Full", "off", "DATABASE", "BACKUP"} {
		if !token.IsReserved(w) {
			t.Errorf("%s should be reserved", w)
		}
	}
	for _, w := range []string{"PARTNER", "WITNESS", "SAFETY", "FAILOVER", "TIMEOUT", "ENDPOINT", "TRY", "CATCH", "OFFSET", "CAST", "LOGIN"} {
		if token.IsReserved(w) {
			t.Errorf("%s should not be reserved", w)
		}
	}
	if token.SELECT.String() != "SELECT" || token.NE.String() != "<>" {
		t.Errorf("Kind.String is wrong")
	}
}
