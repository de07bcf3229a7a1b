package clients

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFreeTDSODBCServerCursors: an application that sets a scrollable cursor
// type on an ODBC statement gets API server cursors — FreeTDS's driver sends
// sp_cursoropen, sp_cursorfetch (rowsets of 3, with the fNoMetaData option)
// and sp_cursorclose. testdata/odbc_scroll.c, compiled here against
// unixODBC, scrolls a five-row result with NEXT, PRIOR, FIRST, ABSOLUTE,
// RELATIVE and LAST (the sequence of FreeTDS's own odbc/unittests/scroll.c,
// whose expected rowsets are the ones below), checks that the hidden ROWSTAT
// column is not one of the statement's columns, runs an INSERT on a statement
// with a cursor type (executed directly, no cursor), and opens a cursor on a
// statement with a parameter (sp_cursoropen with PARAMETERIZED_STMT).
func TestFreeTDSODBCServerCursors(t *testing.T) {
	cc := needTool(t, "gcc", "gcc")
	driver := odbcDriver(t)
	if _, err := os.Stat("/usr/include/sql.h"); err != nil {
		t.Skip("unixODBC headers not installed (install the unixodbc-dev package; .ci/run does)")
	}
	bin := filepath.Join(t.TempDir(), "odbc_scroll")
	if r := runClient(t, "", nil, cc, "-Wall", "-o", bin, "testdata/odbc_scroll.c", "-lodbc"); r.code != 0 {
		t.Fatalf("gcc: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	conn := "DRIVER=" + driver + ";SERVER=" + serverHost + ";PORT=" + serverPort +
		";UID=sa;PWD=" + saPassword + ";DATABASE=master;TDS_Version=7.4"
	env, dump := tdsEnv(t, "7.4")
	r := runClient(t, "", env, bin, conn)
	want := `static: 2 columns
static NEXT 0: 1a 2bb 3ccc
static NEXT 0: 4dddd 5eeeee
static PRIOR 0: 1a 2bb 3ccc
static NEXT 0: 4dddd 5eeeee
static NEXT 0: no data
static FIRST 0: 1a 2bb 3ccc
static ABSOLUTE 3: 3ccc 4dddd 5eeeee
static RELATIVE 1: 4dddd 5eeeee
static LAST 0: 3ccc 4dddd 5eeeee
static ABSOLUTE -2: 4dddd 5eeeee
insert through a cursor statement: 1 row
dynamic: 2 columns
dynamic NEXT 0: 1a 2bb 3ccc
dynamic NEXT 0: 4dddd 5eeeee 6ffffff
dynamic PRIOR 0: 1a 2bb 3ccc
dynamic NEXT 0: 4dddd 5eeeee 6ffffff
dynamic NEXT 0: no data
dynamic FIRST 0: 1a 2bb 3ccc
param: 2 columns
param FIRST 0: 4dddd 5eeeee 6ffffff
param ABSOLUTE 3: 6ffffff
param RELATIVE 1: no data
param LAST 0: 4dddd 5eeeee 6ffffff
done
`
	if r.code != 0 || r.stdout != want {
		t.Fatalf("exit %d, output:\n%s\nwant:\n%s", r.code, r.stdout, want)
	}
	// The rows came from server cursors, not from a client-side emulation.
	b, err := os.ReadFile(dump)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "stored internal cursor id 18015") {
		t.Errorf("the TDSDUMP shows no server cursor handle from sp_cursoropen")
	}
}
