package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusFormatRoundTrip checks that every corpus file is in canonical
// form: parsing it and writing it back with its own expectations (what
// -update does when nothing changed) reproduces the file byte for byte, so
// -update never rewrites a file it has nothing to change in.
func TestCorpusFormatRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "scripts", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus scripts: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			batches := parseScript(string(data))
			want := make([][]string, len(batches))
			for i, b := range batches {
				want[i] = b.Want
			}
			if got := formatScript(batches, want); got != string(data) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(data), "\n")
				for i := 0; i < min(len(gl), len(wl)); i++ {
					if gl[i] != wl[i] {
						t.Fatalf("line %d: rewritten %q, file has %q", i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("rewritten file has %d lines, file has %d", len(gl), len(wl))
			}
		})
	}
}

func TestParseScriptDirectives(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // per batch: SQL + "|" + directives joined by ";"
	}{
		{
			name: "result set and error",
			text: "SELECT 1 AS a\n-- expect: a\n-- 1\n-- error: 208\nGO\n",
			want: []string{"SELECT 1 AS a\n|-- expect: a;-- 1;-- error: 208"},
		},
		{
			name: "plain comments stay in the SQL",
			text: "-- setup\nCREATE TABLE t (a int)\nGO\n",
			want: []string{"-- setup\nCREATE TABLE t (a int)\n|"},
		},
		{
			name: "empty result set then message",
			text: "SELECT 1 WHERE 1 = 0\n-- expect: -\n-- message: hi\nGO\n",
			want: []string{"SELECT 1 WHERE 1 = 0\n|-- expect: -;-- message: hi"},
		},
		{
			name: "row lines end at a non-directive line",
			text: "SELECT 1\n-- expect: x\n-- 1\nSELECT 2\nGO\n",
			want: []string{"SELECT 1\nSELECT 2\n|-- expect: x;-- 1"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, b := range parseScript(tc.text) {
				got = append(got, b.SQL+"|"+strings.Join(b.Want, ";"))
			}
			if strings.Join(got, "\n#\n") != strings.Join(tc.want, "\n#\n") {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMatchEvents(t *testing.T) {
	tests := []struct {
		want, got []string
		match     bool
	}{
		{[]string{"-- error: 208"}, []string{"-- error: 208 Invalid object name 't'."}, true},
		{[]string{"-- error: 208 Invalid object name 't'."}, []string{"-- error: 208 Invalid object name 'u'."}, false},
		{[]string{"-- error: 20"}, []string{"-- error: 208 x"}, false},
		{[]string{"-- expect: a", "-- 1"}, []string{"-- expect: a"}, false},
		{nil, nil, true},
	}
	for _, tc := range tests {
		if got := matchEvents(tc.want, tc.got); got != tc.match {
			t.Errorf("matchEvents(%q, %q) = %v, want %v", tc.want, tc.got, got, tc.match)
		}
	}
}
