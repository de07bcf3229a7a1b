package exec

import (
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql"
)

func TestDefinitionText(t *testing.T) {
	tests := []struct {
		name, batch, want string
	}{
		{"comments before and after are kept",
			"-- header\r\n/* block */\r\nCREATE PROCEDURE p\r\nAS\r\n  SELECT 1; -- one\r\n/* tail */\r\n",
			"-- header\r\n/* block */\r\nCREATE PROCEDURE p\r\nAS\r\n  SELECT 1; -- one\r\n/* tail */\r\n"},
		{"ALTER is stored as CREATE",
			"/* comment */\nALteR PROCEDURE Test1A\nAS\nSELECT 3;\n",
			"/* comment */\nCREATE PROCEDURE Test1A\nAS\nSELECT 3;\n"},
		{"CREATE OR ALTER loses OR and ALTER, keeps what is between",
			"/*X*/\nCrEaTe or/*Y*/ALTer PROCEDURE Test1B\nAS\nBEGIN\nSELECT 2;\nEND\n/*Z*/\n",
			"/*X*/\nCrEaTe /*Y*/ PROCEDURE Test1B\nAS\nBEGIN\nSELECT 2;\nEND\n/*Z*/\n"},
		{"a view with a trailing semicolon",
			"create view v as select 1 as a;\n\n",
			"create view v as select 1 as a;\n\n"},
		{"ALTER FUNCTION",
			"alter function f() returns int as begin return 1 end",
			"CREATE function f() returns int as begin return 1 end"},
		{"CREATE OR ALTER TRIGGER on several lines",
			"create\nor\nalter trigger tr on t after insert as print 1",
			"create\n\n trigger tr on t after insert as print 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := tsql.ParseBatch(tc.batch)
			if err != nil {
				t.Fatal(err)
			}
			got := definitionText(tc.batch, stmts[0].Pos().Offset(), stmts[0].End().Offset(), false)
			if got != tc.want {
				t.Fatalf("definition\n got %q\nwant %q", got, tc.want)
			}
			if strings.Count(got, "\n") != strings.Count(tc.batch, "\n") {
				t.Fatalf("the definition's lines moved: %q", got)
			}
		})
	}
	t.Run("a statement after others starts at its own first token", func(t *testing.T) {
		text := "CREATE SCHEMA s CREATE VIEW v AS SELECT 1 AS a"
		from := strings.Index(text, "CREATE VIEW")
		if got := definitionText(text, from, len(text), false); got != "CREATE VIEW v AS SELECT 1 AS a" {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("a statement followed by another ends before it", func(t *testing.T) {
		text := "CREATE VIEW v AS SELECT 1 AS a -- x\n; SELECT 2"
		to := strings.Index(text, " -- x")
		if got := definitionText(text, 0, to, false); got != "CREATE VIEW v AS SELECT 1 AS a -- x\n; " {
			t.Fatalf("got %q", got)
		}
	})
}

func TestHelpTextRows(t *testing.T) {
	x := func(n int) string { return strings.Repeat("x", n) }
	// A definition whose first 4,000-character piece ends in the middle of
	// "ab    cd", after two of its four blanks.
	lines := strings.Repeat("x\r\n", 1332)
	chunked := append(strings.SplitAfter(lines, "\r\n")[:1332], "ab   cd\r\n")
	tests := []struct {
		name string
		def  string
		want []string
	}{
		{"empty", "", nil},
		{"lines end after CR LF and keep it", "a\r\nb\r\n", []string{"a\r\n", "b\r\n"}},
		{"the last line without a line break", "a\r\nb", []string{"a\r\n", "b"}},
		{"a lone LF does not end a line", "a\nb\nc", []string{"a\nb\nc"}},
		{"long lines continue on 255-character rows", x(300), []string{x(255), x(45)}},
		{"a line break that does not fit moves on", x(254) + "\r\nz", []string{x(254) + "\r", "\n", "z"}},
		{"blanks at the end become one", "ab   ", []string{"ab "}},
		{"a line over the 4,000-character pieces loses blanks", lines + "ab    cd\r\n", chunked},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := helpTextRows(tc.def)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
				t.Fatalf("rows\n got %q\nwant %q", tail(got), tail(tc.want))
			}
		})
	}
}

// tail is the last rows of a long row list, for messages.
func tail(rows []string) []string { return rows[max(0, len(rows)-3):] }
