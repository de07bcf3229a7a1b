package exec

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

func TestParseCultureValue(t *testing.T) {
	dec := types.Type{ID: types.Decimal, Precision: 10, Scale: 2}
	tests := []struct {
		name     string
		s        string
		typ      types.Type
		currency string
		want     string // "" when the text must not parse
	}{
		{"thousands", "1,234.5", dec, "$", "1234.50"},
		{"trailing sign", " 12.25- ", dec, "$", "-12.25"},
		{"currency on decimal refused", "$12.50", dec, "$", ""},
		{"money currency", "$12.50", types.TypeMoney, "$", "12.50"},
		{"money parentheses", "($1,000.25)", types.TypeMoney, "$", "-1000.25"},
		{"invariant currency", "¤3", types.TypeMoney, "¤", "3.00"},
		{"int zero fraction", "100.00", types.TypeInt, "$", "100"},
		{"int fraction refused", "100.5", types.TypeInt, "$", ""},
		{"int overflow refused", "3,000,000,000", types.TypeInt, "$", ""},
		{"float exponent", "1.5e3", types.TypeFloat, "$", "1500"},
		{"exponent refused for decimal", "1.5e3", dec, "$", ""},
		{"two points refused", "1.2.3", dec, "$", ""},
		{"empty refused", " ", dec, "$", ""},
		{"long date", "Monday, 13 December 2010", types.Type{ID: types.DateTime2, Scale: 7}, "$", "2010-12-13 00:00:00.0000000"},
		{"us short date and time", "12/13/2010 3:04 PM", types.Type{ID: types.DateTime2, Scale: 0}, "$", "2010-12-13 15:04:00"},
		{"month name date", "December 13, 2010", types.Type{ID: types.Date}, "$", "2010-12-13"},
		{"bad date", "13/13/2010", types.Type{ID: types.Date}, "$", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, ok := parseCultureValue(tc.s, tc.typ, tc.currency)
			if tc.want == "" {
				if ok {
					t.Fatalf("parsed %q as %v, want failure", tc.s, v)
				}
				return
			}
			if !ok {
				t.Fatalf("%q did not parse", tc.s)
			}
			if got := v.String(); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}
