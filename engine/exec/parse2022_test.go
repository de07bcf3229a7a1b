package exec

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/catalog/types/funcs"
)

// TestSessionCulture: PARSE without USING reads text in the culture of
// the session language, by name or alias, in any case.
func TestSessionCulture(t *testing.T) {
	dec := types.Type{ID: types.Decimal, Precision: 10, Scale: 2}
	tests := []struct {
		language, culture, text, want string
	}{
		{"us_english", "en-US", "1,234.5", "1234.50"},
		{"Deutsch", "de-DE", "1.234,5", "1234.50"},
		{"GERMAN", "de-DE", "1.234,5", "1234.50"},
		{"Français", "fr-FR", "1 234,5", "1234.50"},
		{"British", "en-GB", "1,234.5", "1234.50"},
		{"Klingon", "en-US", "1,234.5", "1234.50"},
	}
	for _, tc := range tests {
		t.Run(tc.language, func(t *testing.T) {
			name := sessionCulture(tc.language)
			if name != tc.culture {
				t.Fatalf("culture %q, want %q", name, tc.culture)
			}
			c, err := funcs.LookupCulture(name)
			if err != nil {
				t.Fatal(err)
			}
			v, err := funcs.ParseCulture(tc.text, dec, c)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}
