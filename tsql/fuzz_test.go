package tsql

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// addSeeds adds every golden-file input and every script batch as a seed.
func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/parse/*.txt")
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		for _, c := range strings.Split(string(b), "\nparse\n") {
			if i := strings.Index(c, "\n----\n"); i >= 0 {
				f.Add(strings.TrimPrefix(c[:i], "parse\n"))
			}
		}
	}
	for _, batches := range scriptBatches(f) {
		for _, b := range batches {
			f.Add(b.Text)
		}
	}
}

// FuzzTokenize: the lexer only ever returns tokens or an error, and its
// tokens tile the input in order.
func FuzzTokenize(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		toks, _ := Tokenize(s)
		prev := 0
		for _, tk := range toks {
			if tk.Pos.Offset() < prev || tk.End < tk.Pos || tk.End.Offset() > len(s) {
				t.Fatalf("token %+v out of order or range (prev end %d)", tk, prev)
			}
			prev = tk.End.Offset()
		}
	})
}

// FuzzParse: ParseBatch never panics and every error is a SQL Server
// error (no internal errors recovered from a bug), under either
// QUOTED_IDENTIFIER setting.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, off := range []bool{false, true} {
			_, _, err := ParseBatchOptions(s, ParseOptions{QuotedIdentifierOff: off})
			if err == nil {
				continue
			}
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if strings.HasPrefix(e.Detail, "internal error") {
				t.Fatalf("parser bug on %q (off=%v): %s", s, off, e.Detail)
			}
		}
	})
}

// FuzzFormatRoundTrip: for every batch that parses, its canonical SQL
// parses to the same tree (DumpCanonical) and formats to itself.
func FuzzFormatRoundTrip(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		stmts, err := ParseBatch(s)
		if err != nil {
			return
		}
		checkFormatRoundTrip(t, s, stmts)
	})
}

// checkFormatRoundTrip fails t unless stmts (parsed from s) format to SQL
// that parses to the same tree (DumpCanonical) and formats to itself.
func checkFormatRoundTrip(t *testing.T, s string, stmts []ast.Statement) {
	t.Helper()
	canon := ast.FormatBatch(stmts)
	again, err := ParseBatch(canon)
	if err != nil {
		t.Fatalf("canonical SQL of %q does not parse: %v\n%s", s, err, canon)
	}
	if a, b := ast.DumpBatchCanonical(stmts), ast.DumpBatchCanonical(again); a != b {
		t.Fatalf("round trip of %q changed the tree:\n%s\n%s\nvs\n%s", s, canon, a, b)
	}
	if c := ast.FormatBatch(again); c != canon {
		t.Fatalf("format of %q not stable:\n%s\n%s", s, canon, c)
	}
}

// FuzzSplitScript: SplitScript never panics, returns batches in order, each
// a piece of the input starting on the line it reports.
func FuzzSplitScript(f *testing.F) {
	for _, batches := range scriptBatches(f) {
		var b strings.Builder
		for _, bt := range batches {
			b.WriteString(bt.Text)
			b.WriteString("GO\n")
		}
		f.Add(b.String())
	}
	f.Add("PRINT 1\nGO 2\n'x\nGO\n'\n/*\nGO\n*/")
	f.Fuzz(func(t *testing.T, s string) {
		// lineStart[i] is the offset of line i+1.
		lineStart := []int{0}
		for i := 0; i < len(s); i++ {
			if s[i] == '\n' {
				lineStart = append(lineStart, i+1)
			}
		}
		prev := 0
		for _, b := range SplitScript(s) {
			if b.Line <= prev || b.Line > len(lineStart) || b.Repeat < 1 {
				t.Fatalf("batch %q: line %d after %d, repeat %d", b.Text, b.Line, prev, b.Repeat)
			}
			if !strings.HasPrefix(s[lineStart[b.Line-1]:], b.Text) {
				t.Fatalf("batch %q does not start line %d", b.Text, b.Line)
			}
			prev = b.Line
		}
	})
}
