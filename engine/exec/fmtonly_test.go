package exec

import "testing"

func TestHasFmtOnly(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"SET FMTONLY ON SELECT 1", true},
		{"set fmtonly on", true},
		{"SeT FmtOnLy OFF", true},
		{"fmtonly", true},
		{"select * from fmtonl", false},
		{"SELECT a FROM t WHERE f = 'FMTONL'", false},
		{"", false},
		{"ffffffmtonly", true},
		{"FfMtOnLy", true},
	}
	for _, tt := range tests {
		if got := hasFmtOnly(tt.text); got != tt.want {
			t.Errorf("hasFmtOnly(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// BenchmarkHasFmtOnly is the scan every batch and sp_executesql text pays.
func BenchmarkHasFmtOnly(b *testing.B) {
	q := "SELECT c.id, c.name, c.balance FROM dbo.customers AS c WHERE c.id = @p1 AND c.region = @p2 ORDER BY c.name"
	for b.Loop() {
		if hasFmtOnly(q) {
			b.Fatal("found")
		}
	}
}
