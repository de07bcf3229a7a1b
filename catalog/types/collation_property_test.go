package types

import "testing"

func TestCollationProperty(t *testing.T) {
	tests := []struct {
		collation, property string
		want                int64
		ok                  bool
	}{
		{"SQL_Latin1_General_CP1_CI_AS", "CodePage", 1252, true},
		{"SQL_Latin1_General_CP1_CI_AS", "LCID", 1033, true},
		{"SQL_Latin1_General_CP1_CI_AS", "SortId", 52, true},
		{"SQL_Latin1_General_CP1_CS_AS", "sortid", 51, true},
		{"SQL_Latin1_General_CP1_CI_AS", "ComparisonStyle", 196609, true},
		{"Latin1_General_CS_AS", "ComparisonStyle", 196608, true},
		{"Latin1_General_CI_AI", "ComparisonStyle", 196611, true},
		{"Latin1_General_BIN2", "ComparisonStyle", 0, true},
		{"Latin1_General_CI_AS", "SortId", 0, true},
		{"Thai_CI_AI", "CodePage", 874, true},
		{"Thai_CI_AI", "LCID", 0x041E, true},
		{"Japanese_Unicode_BIN2", "LCID", 0x00010411, true},
		{"Japanese_Unicode_BIN2", "CodePage", 932, true},
		{"Japanese_Unicode_BIN2", "Version", 0, true},
		{"Chinese_Hong_Kong_Stroke_90_BIN2", "Version", 1, true},
		{"Chinese_Traditional_Bopomofo_100_BIN2", "LCID", 0x00030404, true},
		{"Chinese_Traditional_Bopomofo_100_BIN2", "CodePage", 950, true},
		{"Bosnian_Cyrillic_100_BIN2", "CodePage", 1251, true},
		{"Vietnamese_100_BIN2", "Version", 2, true},
		{"Latin1_General_CI_AS", "Name", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.collation+"/"+tc.property, func(t *testing.T) {
			c, err := LookupCollation(tc.collation)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := c.Property(tc.property)
			if got != tc.want || ok != tc.ok {
				t.Fatalf("COLLATIONPROPERTY(%s, %s) = %d, %v; want %d, %v", tc.collation, tc.property, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestCollationsAreDistinct: every collation has its own name, LookupCollation
// finds it under that name, and the BIN2 collations compare by code point.
func TestCollationsAreDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Collations() {
		name := c.Name()
		if name == "" || seen[name] {
			t.Fatalf("collation %d: name %q empty or repeated", c, name)
		}
		seen[name] = true
		if got, err := LookupCollation(name); err != nil || got != c {
			t.Fatalf("LookupCollation(%q) = %d, %v; want %d", name, got, err, c)
		}
	}
	if len(seen) != int(numCollations) {
		t.Fatalf("%d collations listed, want %d", len(seen), numCollations)
	}
	c, _ := LookupCollation("Korean_100_BIN2")
	if !c.IsBinary() || CompareStrings("B", "a", c) >= 0 {
		t.Fatalf("Korean_100_BIN2 must compare by code point ('B' < 'a')")
	}
}
