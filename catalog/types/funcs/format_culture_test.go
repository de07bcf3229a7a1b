package funcs

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	sqllang "github.com/mirrorsql/mirrorsql/catalog/types/language"
)

// TestFormatCultures: FORMAT in the cultures of its table, from SQL
// Server's documented examples (the FORMAT reference: 'd' and 'D' in
// en-US, en-gb, de-de, zh-cn) and .NET's culture data for the others.
func TestFormatCultures(t *testing.T) {
	day := dt(t, "2016-07-31 14:05:09", types.Type{ID: types.DateTime2, Scale: 7})
	nbsp := "\u00a0"
	cases := []struct {
		name    string
		value   types.Value
		format  string
		culture string
		want    string
	}{
		{"en-US d", day, "d", "en-US", "7/31/2016"},
		{"en-gb d", day, "d", "en-gb", "31/07/2016"},
		{"de-de d", day, "d", "de-de", "31.07.2016"},
		{"zh-cn d", day, "d", "zh-cn", "2016/7/31"},
		{"en-US D", day, "D", "en-US", "Sunday, July 31, 2016"},
		{"en-gb D", day, "D", "en-gb", "31 July 2016"},
		{"de-de D", day, "D", "de-de", "Sonntag, 31. Juli 2016"},
		{"zh-cn D", day, "D", "zh-cn", "2016年7月31日"},
		{"fr-FR D", day, "D", "fr-FR", "dimanche 31 juillet 2016"},
		{"es-ES D", day, "D", "es-ES", "domingo, 31 de julio de 2016"},
		{"it-IT custom", day, "dddd d MMMM yyyy", "it-IT", "domenica 31 luglio 2016"},
		{"neutral de", day, "MMMM", "de", "Juli"},
		{"ja-JP t", day, "t", "ja-JP", "14:05"},
		{"ko-KR tt", day, "tt h:mm", "ko-KR", "오후 2:05"},
		{"de-DE G", day, "G", "de-DE", "31.07.2016 14:05:09"},
		{"en-US F", day, "F", "en-US", "Sunday, July 31, 2016 2:05:09 PM"},
		{"en-US M", day, "M", "en-US", "July 31"},
		{"de-DE Y", day, "Y", "de-DE", "Juli 2016"},
		{"R", day, "R", "de-DE", "Sun, 31 Jul 2016 14:05:09 GMT"},
		{"invariant d", day, "d", "", "07/31/2016"},
		{"de-DE N", types.MustDecimal("1234567.891"), "N", "de-DE", "1.234.567,89"},
		{"de-DE C", types.MustDecimal("1.5"), "C", "de-de", "1,50 €"},
		{"de-DE C negative", types.MustDecimal("-1234.5"), "C", "de-DE", "-1.234,50 €"},
		{"en-GB C", types.MustDecimal("1234.5"), "C", "en-GB", "£1,234.50"},
		{"ja-JP C", types.MustDecimal("1234.5"), "C", "ja-JP", "¥1,235"},
		{"de-DE P", types.MustDecimal("0.256"), "P1", "de-DE", "25,6 %"},
		{"fr-FR N", types.MustDecimal("1234567.891"), "N", "fr-FR", "1" + nbsp + "234" + nbsp + "567,89"},
		{"de-DE F", types.NewFloat(3.14159), "F3", "de-DE", "3,142"},
		{"de-DE custom", types.NewFloat(1234.5), "#,##0.00", "de-DE", "1.234,50"},
		{"en-US C", types.MustDecimal("-1234.5"), "C", "en-US", "-$1,234.50"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := formatFunc(nil, []types.Value{tc.value, types.NewNVarChar(tc.format), types.NewNVarChar(tc.culture)})
			if err != nil {
				t.Fatal(err)
			}
			if got.IsNull() || got.Str() != tc.want {
				t.Errorf("FORMAT(%v, %q, %q) = %q, want %q", tc.value, tc.format, tc.culture, got.Str(), tc.want)
			}
		})
	}
}

// TestFormatSessionLanguage: without a culture argument FORMAT uses the
// session language's culture (SET LANGUAGE Deutsch → de-DE).
func TestFormatSessionLanguage(t *testing.T) {
	day := dt(t, "2024-03-05", types.TypeDate)
	for _, tc := range []struct{ language, want string }{
		{"", "Tuesday, March 5, 2024"},
		{"us_english", "Tuesday, March 5, 2024"},
		{"Deutsch", "Dienstag, 5. März 2024"},
		{"Français", "mardi 5 mars 2024"},
	} {
		got, err := formatFunc(&Context{Language: tc.language}, []types.Value{day, types.NewNVarChar("D")})
		if err != nil {
			t.Fatal(err)
		}
		if got.Str() != tc.want {
			t.Errorf("language %q: %q, want %q", tc.language, got.Str(), tc.want)
		}
	}
}

// TestLanguageCulturesKnown: every session language maps to a culture
// PARSE and FORMAT can load, so no SET LANGUAGE makes them fail with 9818.
func TestLanguageCulturesKnown(t *testing.T) {
	for _, l := range sqllang.All {
		lang, name := l.Name, l.Culture
		if _, err := LookupCulture(name); err != nil {
			t.Errorf("%s → %s: %v", lang, name, err)
		}
		if _, err := lookupFormatCulture(name); err != nil {
			t.Errorf("FORMAT %s → %s: %v", lang, name, err)
		}
	}
}
