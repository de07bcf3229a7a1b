package tsql

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

func TestSplitScript(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Batch
	}{
		{"empty", "", nil},
		{"no GO", "SELECT 1", []Batch{{"SELECT 1", 1, 1}}},
		{"two batches", "SELECT 1\nGO\nSELECT 2\n", []Batch{{"SELECT 1\n", 1, 1}, {"SELECT 2\n", 3, 1}}},
		{"count and case", "PRINT 1\n  go 3  \nPRINT 2", []Batch{{"PRINT 1\n", 1, 3}, {"PRINT 2", 3, 1}}},
		{"comment after GO", "PRINT 1\nGO -- done\n", []Batch{{"PRINT 1\n", 1, 1}}},
		{"CRLF", "PRINT 1\r\nGO\r\nPRINT 2\r\n", []Batch{{"PRINT 1\r\n", 1, 1}, {"PRINT 2\r\n", 3, 1}}},
		{"GO in string", "PRINT 'a\nGO\nb'\nGO\n", []Batch{{"PRINT 'a\nGO\nb'\n", 1, 1}}},
		{"GO in block comment", "/* x\nGO\n*/ PRINT 1", []Batch{{"/* x\nGO\n*/ PRINT 1", 1, 1}}},
		{"GO in nested comment", "/* /* */\nGO\n*/ PRINT 1", []Batch{{"/* /* */\nGO\n*/ PRINT 1", 1, 1}}},
		{"GO in brackets", "SELECT [a\nGO\n]", []Batch{{"SELECT [a\nGO\n]", 1, 1}}},
		{"GO after line comment", "PRINT 1 -- 'x\nGO\n", []Batch{{"PRINT 1 -- 'x\n", 1, 1}}},
		{"not GO", "SELECT 1\nGOTO x\nGO2\n", []Batch{{"SELECT 1\nGOTO x\nGO2\n", 1, 1}}},
		{"empty batch kept", "GO\nPRINT 1\n", []Batch{{"", 1, 1}, {"PRINT 1\n", 2, 1}}},
		{"bad count", "PRINT 1\nGO x\n", []Batch{{"PRINT 1\nGO x\n", 1, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SplitScript(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SplitScript(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

// scriptBatches returns every batch of testdata/scripts/*.sql.
func scriptBatches(tb testing.TB) map[string][]Batch {
	tb.Helper()
	files, err := filepath.Glob("testdata/scripts/*.sql")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no scripts: %v", err)
	}
	out := map[string][]Batch{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(f)] = SplitScript(string(b))
	}
	return out
}

// TestScripts parses every batch of the script corpus and checks the
// format round trip on it.
func TestScripts(t *testing.T) {
	for name, batches := range scriptBatches(t) {
		t.Run(name, func(t *testing.T) {
			if len(batches) < 2 {
				t.Fatalf("%s: want several batches, got %d", name, len(batches))
			}
			for _, b := range batches {
				stmts, err := ParseBatch(b.Text)
				if err != nil {
					var e *Error
					if asError(err, &e) {
						t.Errorf("%s line %d: %s (%s)", name, b.Line+int(e.Line)-1, e.Error(), e.Debug())
					}
					continue
				}
				checkRoundTrip(t, b.Text, ast.FormatBatch(stmts), ast.DumpBatchCanonical(stmts))
			}
		})
	}
}
