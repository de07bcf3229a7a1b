package tds

import "testing"

// TestUCS2 round-trips text through appendUCS2 and ucs2, over both of
// ucs2's paths (all-ASCII, and UTF-16 with surrogate pairs).
func TestUCS2(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"ascii", "SELECT 1"},
		{"latin-1 is not ascii", "SELECT 'héllo'"},
		{"ascii then not", "SELECT N'日本'"},
		{"surrogate pair", "SELECT N'😀'"},
		{"byte 0x7f", "a\x7fb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := appendUCS2(nil, tc.text)
			if got := ucs2(b); got != tc.text {
				t.Errorf("ucs2(appendUCS2(%q)) = %q", tc.text, got)
			}
		})
	}
}

func BenchmarkUCS2ASCII(b *testing.B) {
	p := appendUCS2(nil, "SELECT pad FROM dbo.big WHERE id = @p1")
	b.ReportAllocs()
	for b.Loop() {
		_ = ucs2(p)
	}
}
