package funcs

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

func TestParseCulture(t *testing.T) {
	dec := types.Type{ID: types.Decimal, Precision: 10, Scale: 2}
	dt2 := types.Type{ID: types.DateTime2, Scale: 7}
	tests := []struct {
		name    string
		s       string
		typ     types.Type
		culture string
		want    string // "" when the text must not parse (9819)
	}{
		{"thousands", "1,234.5", dec, "en-US", "1234.50"},
		{"trailing sign", " 12.25- ", dec, "en-US", "-12.25"},
		{"currency on decimal refused", "$12.50", dec, "en-US", ""},
		{"money currency", "$12.50", types.TypeMoney, "en-US", "12.50"},
		{"money parentheses", "($1,000.25)", types.TypeMoney, "en-US", "-1000.25"},
		{"invariant currency", "¤3", types.TypeMoney, "", "3.00"},
		{"german separators", "1.234,5", dec, "de-DE", "1234.50"},
		{"german euro after", "12,50 €", types.TypeMoney, "de-DE", "12.50"},
		{"german point is grouping", "1.5", dec, "de-DE", "15.00"},
		{"french space grouping", "1 234,5", dec, "fr-FR", "1234.50"},
		{"french no-break space grouping", "1\u00a0234,5", dec, "fr-FR", "1234.50"},
		{"int zero fraction", "100.00", types.TypeInt, "en-US", "100"},
		{"int fraction refused", "100.5", types.TypeInt, "en-US", ""},
		{"int overflow refused", "3,000,000,000", types.TypeInt, "en-US", ""},
		{"grouping after point refused", "1.234,5", dec, "en-US", ""},
		{"float exponent", "1.5e3", types.TypeFloat, "en-US", "1500"},
		{"exponent refused for decimal", "1.5e3", dec, "en-US", ""},
		{"empty refused", " ", dec, "en-US", ""},
		{"long date", "Monday, 13 December 2010", dt2, "en-US", "2010-12-13 00:00:00.0000000"},
		{"us short date and time", "12/13/2010 3:04 PM", types.Type{ID: types.DateTime2}, "en-US", "2010-12-13 15:04:00"},
		{"month name date", "December 13, 2010", types.Type{ID: types.Date}, "en-GB", "2010-12-13"},
		{"numeric date outside en-US refused", "12/13/2010", types.Type{ID: types.Date}, "en-GB", ""},
		{"iso date in any culture", "2010-12-13", types.Type{ID: types.Date}, "de-DE", "2010-12-13"},
		{"english names outside English refused", "13 December 2010", types.Type{ID: types.Date}, "de-DE", ""},
		{"bad date", "13/13/2010", types.Type{ID: types.Date}, "en-US", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := LookupCulture(tc.culture)
			if err != nil {
				t.Fatal(err)
			}
			v, err := ParseCulture(tc.s, tc.typ, c)
			if tc.want == "" {
				if !types.IsError(err, 9819) {
					t.Fatalf("got %v, %v; want error 9819", v, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLookupCulture(t *testing.T) {
	for _, name := range []string{"xx-Bogus", "english", "iv"} {
		if _, err := LookupCulture(name); !types.IsError(err, 9818) {
			t.Errorf("%q: got %v, want error 9818", name, err)
		}
	}
	for _, name := range []string{"", "en-US", "EN-us", "de-DE", "fr", "ja-JP"} {
		if _, err := LookupCulture(name); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
}

// FuzzParseCulture: PARSE reads client text; any input gives a value or
// 9819, never a panic, in cultures with one-byte and multi-byte separators.
func FuzzParseCulture(f *testing.F) {
	for _, s := range []string{"1,234.5", "($1.00)", "€345,98", "1\u00a0234,5", "Monday, 13 December 2010", "12/13/2010 3:04 PM", "-", "1e", "..", "¤"} {
		f.Add(s)
	}
	targets := []types.Type{{ID: types.Decimal, Precision: 10, Scale: 2}, types.TypeInt, types.TypeMoney, types.TypeFloat,
		{ID: types.DateTime2, Scale: 7}, {ID: types.Time, Scale: 7}}
	var cs []*Culture
	for _, name := range []string{"", "en-US", "de-DE", "fr-FR"} {
		c, err := LookupCulture(name)
		if err != nil {
			f.Fatal(err)
		}
		cs = append(cs, c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range cs {
			for _, typ := range targets {
				if _, err := ParseCulture(s, typ, c); err != nil && !types.IsError(err, 9819) {
					t.Fatalf("%q as %v in %q: %v", s, typ, c.Name, err)
				}
			}
		}
	})
}
