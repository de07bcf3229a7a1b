package clients

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite golden files from the output")

// TestFreeTDSODBCCatalog: the ODBC catalog functions work through a real
// driver. testdata/odbc_catalog.c, compiled here against unixODBC, creates
// two tables with a composite PRIMARY KEY, a foreign key, unique and plain
// indexes and a rowversion column, and a procedure with an OUTPUT
// parameter, then calls SQLPrimaryKeys, SQLForeignKeys, SQLStatistics,
// SQLSpecialColumns, SQLProcedures, SQLProcedureColumns, SQLGetTypeInfo,
// SQLTablePrivileges and SQLColumnPrivileges as an ODBC 3 application.
// FreeTDS sends them as RPCs of the sp_ catalog procedures and reads their
// results by position, so the printed column names (renamed by the driver
// for ODBC 3) and rows, compared with testdata/odbc_catalog.golden (-update
// rewrites it), check SQL Server's result shapes end to end.
func TestFreeTDSODBCCatalog(t *testing.T) {
	cc := needTool(t, "gcc", "gcc")
	driver := odbcDriver(t)
	if _, err := os.Stat("/usr/include/sql.h"); err != nil {
		t.Skip("unixODBC headers not installed (install the unixodbc-dev package; .ci/run does)")
	}
	bin := filepath.Join(t.TempDir(), "odbc_catalog")
	if r := runClient(t, "", nil, cc, "-Wall", "-o", bin, "testdata/odbc_catalog.c", "-lodbc"); r.code != 0 {
		t.Fatalf("gcc: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	conn := "DRIVER=" + driver + ";SERVER=" + serverHost + ";PORT=" + serverPort +
		";UID=sa;PWD=" + saPassword + ";DATABASE=master;TDS_Version=7.4"
	env, _ := tdsEnv(t, "7.4")
	r := runClient(t, "", env, bin, conn, "odbc_catalog")
	checkGolden(t, filepath.Join("testdata", "odbc_catalog.golden"), r) // python_test.go
}
