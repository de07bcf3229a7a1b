package language

import "testing"

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		in, name string
		ok       bool
	}{
		{"us_english", "us_english", true},
		{"ENGLISH", "us_english", true},
		{"german", "Deutsch", true},
		{" deutsch ", "Deutsch", true},
		{"FRANÇAIS", "Français", true},
		{"british english", "British", true},
		{"brazilian", "Português (Brasil)", true},
		{"Klingon", "", false},
		{"", "", false},
	} {
		l, ok := Lookup(tc.in)
		if ok != tc.ok || (ok && l.Name != tc.name) {
			t.Errorf("Lookup(%q) = %v, %v; want %q, %v", tc.in, l, ok, tc.name, tc.ok)
		}
	}
}

// TestTable: langids are the row numbers, names and aliases are unique,
// and every row sets a valid date order and first day.
func TestTable(t *testing.T) {
	seen := map[string]bool{}
	for i, l := range All {
		if l.ID != i {
			t.Errorf("%s: langid %d at row %d", l.Name, l.ID, i)
		}
		for _, n := range []string{l.Name, l.Alias} {
			if k := n; seen[k] && n != l.Name {
				t.Errorf("%q named twice", n)
			}
			seen[n] = true
		}
		switch l.DateFormat {
		case "dmy", "mdy", "ymd":
		default:
			t.Errorf("%s: date format %q", l.Name, l.DateFormat)
		}
		if l.DateFirst < 1 || l.DateFirst > 7 {
			t.Errorf("%s: datefirst %d", l.Name, l.DateFirst)
		}
	}
}
