package token

import "testing"

func TestReservedWords(t *testing.T) {
	if n := len(reservedWords); n < 180 || n > 190 {
		t.Errorf("%d reserved words, SQL Server has about 185", n)
	}
	for _, w := range reservedWords {
		k := Lookup(w)
		if !k.IsKeyword() || k.String() != w {
			t.Errorf("Lookup(%q) = %v", w, k)
		}
	}
	tests := []struct {
		word string
		want Kind
	}{
		{"select", SELECT}, {"Select", SELECT}, {"tran", TRAN}, {"x", IDENT},
		{"partner", IDENT}, {"", IDENT}, {"SEMANTICSIMILARITYDETAILSTABLE", SEMANTICSIMILARITYDETAILSTABLE},
		{"SEMANTICSIMILARITYDETAILSTABLEX", IDENT},
	}
	for _, tt := range tests {
		if got := Lookup(tt.word); got != tt.want {
			t.Errorf("Lookup(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestKindClasses(t *testing.T) {
	tests := []struct {
		k           Kind
		kw, lit, op bool
		text        string
	}{
		{SELECT, true, false, false, "SELECT"},
		{IDENT, false, true, false, "IDENT"},
		{NSTRING, false, true, false, "NSTRING"},
		{PLUSEQ, false, false, true, "+="},
		{COLONCOLON, false, false, true, "::"},
		{EOF, false, false, false, "EOF"},
	}
	for _, tt := range tests {
		if tt.k.IsKeyword() != tt.kw || tt.k.IsLiteral() != tt.lit || tt.k.IsOperator() != tt.op || tt.k.String() != tt.text {
			t.Errorf("%v: keyword %v literal %v operator %v", tt.k, tt.k.IsKeyword(), tt.k.IsLiteral(), tt.k.IsOperator())
		}
	}
}

func TestFilePosition(t *testing.T) {
	f := NewFile("ab\ncd\r\n\nef")
	tests := []struct {
		off  int
		want Position
	}{
		{0, Position{1, 1}}, {1, Position{1, 2}}, {2, Position{1, 3}}, {3, Position{2, 1}},
		{5, Position{2, 3}}, {7, Position{3, 1}}, {8, Position{4, 1}}, {9, Position{4, 2}},
	}
	for _, tt := range tests {
		if got := f.Position(PosAt(tt.off)); got != tt.want {
			t.Errorf("offset %d: %v, want %v", tt.off, got, tt.want)
		}
	}
	if got := f.Position(NoPos); got != (Position{}) {
		t.Errorf("NoPos: %v", got)
	}
	if s := (Position{3, 14}).String(); s != "3:14" {
		t.Errorf("String = %q", s)
	}
}
