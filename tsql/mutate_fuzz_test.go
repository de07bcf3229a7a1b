package tsql

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// mutationWords are the tokens a mutation may put into a statement: reserved
// and keyword-like words, operators, punctuation and literals of every lexical
// kind. The list is fixed (not drawn from the corpus) so that a kept
// regression input means the same statement whatever the corpus becomes.
var mutationWords = []string{
	"SELECT", "FROM", "WHERE", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE",
	"CREATE", "ALTER", "DROP", "TABLE", "VIEW", "PROCEDURE", "FUNCTION", "INDEX",
	"BEGIN", "END", "TRAN", "COMMIT", "ROLLBACK", "TRY", "CATCH", "IF", "ELSE",
	"WHILE", "RETURN", "DECLARE", "EXEC", "AS", "ON", "JOIN", "LEFT", "OUTER",
	"APPLY", "CROSS", "UNION", "ALL", "EXCEPT", "INTERSECT", "ORDER", "BY", "GROUP",
	"HAVING", "TOP", "DISTINCT", "CASE", "WHEN", "THEN", "NULL", "NOT", "AND", "OR",
	"IN", "IS", "BETWEEN", "LIKE", "EXISTS", "WITH", "OVER", "PARTITION", "CAST",
	"CONVERT", "COLLATE", "OUTPUT", "MERGE", "USING", "MATCHED", "DATABASE",
	"PARTNER", "WITNESS", "SAFETY", "FULL", "OFF", "TIMEOUT", "BACKUP", "RESTORE",
	"LOG", "DISK", "GO", "OPTION", "PIVOT", "FOR", "XML", "JSON", "PATH",
	"(", ")", ",", ";", ".", "..", "=", "<>", "!=", "<", ">=", "+", "-", "*", "/",
	"%", "&", "|", "^", "~", "::", "+=",
	"0", "1", "-1", "2147483648", "1.5", "1e3", "$5", "0x", "0xFF",
	"'x'", "N'y'", "''", "[a b]", "\"q\"", "@v", "@@ROWCOUNT", "#t", "##g", "t", "dbo",
}

// mutate applies ops to the tokens of text, three bytes an op: what to do,
// where (a token index) and with what (a word, or another token's index). The
// tokens are joined by single spaces, so the result is a statement of the same
// tokens as text with a few of them replaced, inserted, removed or moved.
func mutate(text string, ops []byte) string {
	toks, err := Tokenize(text)
	if err != nil {
		return text
	}
	words := make([]string, 0, len(toks)+len(ops)/3)
	for _, tk := range toks {
		if tk.Kind != token.EOF {
			words = append(words, tk.Text)
		}
	}
	for ; len(ops) >= 3 && len(words) > 0; ops = ops[3:] {
		at, arg := int(ops[1])%len(words), int(ops[2])
		switch ops[0] % 5 {
		case 0: // replace
			words[at] = mutationWords[arg%len(mutationWords)]
		case 1: // insert
			words = append(words[:at], append([]string{mutationWords[arg%len(mutationWords)]}, words[at:]...)...)
		case 2: // delete
			words = append(words[:at], words[at+1:]...)
		case 3: // duplicate another token of the statement here
			words = append(words[:at], append([]string{words[arg%len(words)]}, words[at:]...)...)
		case 4: // swap two tokens
			j := arg % len(words)
			words[at], words[j] = words[j], words[at]
		}
	}
	return strings.Join(words, " ")
}

// FuzzMutatedStatements: whole statements of the corpus with tokens replaced,
// inserted, removed or moved. Byte mutations of a statement rarely still
// parse; token mutations often do, and reach the parser's and formatter's
// corners. Every mutant either fails to parse with a SQL Server error, or
// formats to canonical SQL that parses to the same tree and formats to itself.
func FuzzMutatedStatements(f *testing.F) {
	// The seeds are the batches of both script corpora: this package's and
	// the end-to-end one (tests/testdata/scripts, thousands of statements).
	files, _ := filepath.Glob("../tests/testdata/scripts/*.sql")
	more, _ := filepath.Glob("testdata/scripts/*.sql")
	for _, path := range append(files, more...) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		for i, bt := range SplitScript(string(b)) {
			f.Add(bt.Text, []byte{byte(i), byte(i * 7), byte(i * 13)})
		}
	}
	f.Fuzz(func(t *testing.T, text string, ops []byte) {
		if len(text) > 4096 || len(ops) > 30 {
			return
		}
		s := mutate(text, ops)
		stmts, err := ParseBatch(s)
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if strings.HasPrefix(e.Detail, "internal error") {
				t.Fatalf("parser bug on %q: %s", s, e.Detail)
			}
			return
		}
		checkFormatRoundTrip(t, s, stmts)
	})
}
