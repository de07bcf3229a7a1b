package exec

import (
	"strings"
	"testing"
)

func TestLooseObjectName(t *testing.T) {
	tests := []struct {
		in   string
		want string // parts joined with |, "" for nil
	}{
		{"dbo.Order Details", "dbo|Order Details"},
		{"Order Details", "Order Details"},
		{"[dbo].[Order Details]", "dbo|Order Details"},
		{"nw.dbo.Sales by Year", "nw|dbo|Sales by Year"},
		{"nw..Orders", "nw||Orders"},
		{"[a]]b].c", "a]b|c"},
		{`"q""x".t`, `q"x|t`},
		{" dbo . t ", "dbo|t"},
		{"a.b.c.d", "a|b|c|d"},
		{"a.b.c.d.e", ""},
		{"[unclosed", ""},
		{"[x]y", ""},
		{"dbo.", ""},
		{"dbo.   ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n := looseObjectName(tt.in)
			got := ""
			if n != nil {
				var parts []string
				for _, p := range n.Parts {
					parts = append(parts, p.Name)
				}
				got = strings.Join(parts, "|")
			}
			if got != tt.want {
				t.Fatalf("looseObjectName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
