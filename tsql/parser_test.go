package tsql

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cockroachdb/datadriven"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// TestParse runs the golden files in testdata/parse. Each "parse" case
// holds a batch; its expected output is the canonical SQL (FormatBatch),
// a "--" line and the AST dump, or, for a batch that does not parse, SQL
// Server's error (Msg line, message) and the debug position. Refresh with
// go test ./tsql -run TestParse -rewrite.
//
// Every successful case is also checked for re-parse stability: the
// canonical SQL parses to the same AST dump and formats to itself.
func TestParse(t *testing.T) {
	files, err := filepath.Glob("testdata/parse/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			bad := strings.HasPrefix(filepath.Base(f), "bad_")
			datadriven.RunTest(t, f, func(t *testing.T, d *datadriven.TestData) string {
				if d.Cmd != "parse" {
					t.Fatalf("%s: unknown command %q", d.Pos, d.Cmd)
				}
				out, ok := parseCase(t, d.Input)
				if ok == bad {
					t.Errorf("%s: bad_ files hold only failing cases and other files only parsing ones", d.Pos)
				}
				return out
			})
		})
	}
}

// parseCase renders the golden output of one batch and checks the
// round-trip property for batches that parse.
func parseCase(t *testing.T, input string) (string, bool) {
	t.Helper()
	stmts, err := ParseBatch(input)
	if err != nil {
		return errorText(t, err), false
	}
	canon := ast.FormatBatch(stmts)
	checkRoundTrip(t, input, canon, ast.DumpBatchCanonical(stmts))
	return canon + "--\n" + ast.DumpBatch(stmts), true
}

func checkRoundTrip(t *testing.T, input, canon, dump string) {
	t.Helper()
	again, err := ParseBatch(canon)
	if err != nil {
		t.Errorf("canonical SQL of %q does not parse: %v\n%s", input, err, canon)
		return
	}
	if d := ast.DumpBatchCanonical(again); d != dump {
		t.Errorf("re-parse of %q changed the AST:\n%s\nwant\n%s", canon, d, dump)
	}
	if c := ast.FormatBatch(again); c != canon {
		t.Errorf("formatting is not stable:\n%s\nthen\n%s", canon, c)
	}
}

func errorText(t *testing.T, err error) string {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *tsql.Error", err)
	}
	n, sev, st := e.SQLServerError()
	return fmt.Sprintf("Msg %d, Level %d, State %d, Line %d\n%s\n%s\n", n, sev, st, e.SQLServerLine(), e.Error(), e.Debug())
}
