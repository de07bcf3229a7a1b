package clients

import (
	"strings"
	"testing"
)

// TestFreeTDSLoginOptions: the SET options a session starts with follow
// LOGIN7 fODBC as in SQL Server. tsql and the ODBC driver set it (FreeTDS
// login option_flag2 0x03) and get the ODBC defaults: @@OPTIONS 5432
// (ANSI_WARNINGS, ANSI_PADDING, ANSI_NULLS, QUOTED_IDENTIFIER,
// ANSI_NULL_DFLT_ON, CONCAT_NULL_YIELDS_NULL) and TEXTSIZE 2147483647; the
// DB-Library tools clear it ("we're not an ODBC driver", dblib.c) and get
// every option OFF and TEXTSIZE 4096, so `"x"` is a string and `NULL = NULL`
// holds for them. Before, every login got the ODBC defaults (with
// ARITHABORT, 5496).
func TestFreeTDSLoginOptions(t *testing.T) {
	// "x" is a string only under QUOTED_IDENTIFIER OFF; the ODBC clients
	// send 'x'.
	query := `select @@options as opts, @@textsize as ts, "x" as dq, ` +
		`case when null = null then 'eq' else 'ne' end as nulleq, isnull('a' + null, 'n') as cat`
	odbcQuery := strings.ReplaceAll(query, `"x"`, `'x'`)
	clients := []struct {
		name string
		run  func(t *testing.T) string // the output of query
		want []string                  // the row's values in order
	}{
		{"tsql", func(t *testing.T) string {
			env, _ := tdsEnv(t, "7.4")
			return runClient(t, odbcQuery+"\ngo\nquit\n", env, needTool(t, "tsql", "freetds-bin"),
				"-H", serverHost, "-p", serverPort, "-U", "sa", "-P", saPassword).stdout
		}, []string{"5432", "2147483647", "x", "ne", "n"}},
		{"bsqldb", func(t *testing.T) string {
			env, _ := tdsEnv(t, "7.4")
			return runClient(t, query+"\n", env, needTool(t, "bsqldb", "freetds-bin"),
				"-S", serverHost+":"+serverPort, "-U", "sa", "-P", saPassword).stdout
		}, []string{"0", "4096", "x", "eq", "a"}},
		{"odbc", func(t *testing.T) string {
			isql := needTool(t, "isql", "unixodbc")
			env, _ := odbcEnv(t, odbcDriver(t), "7.4")
			return runClient(t, odbcQuery+"\n", env, isql,
				"-b", "-d,", "-c", "-e", "mirrorsql", "sa", saPassword).stdout
		}, []string{"5432", "2147483647", "x", "ne", "n"}},
	}
	for _, c := range clients {
		t.Run(c.name, func(t *testing.T) {
			out := c.run(t)
			fields := strings.FieldsFunc(out, func(r rune) bool { return r == '\t' || r == ',' || r == '\n' || r == ' ' })
			joined := " " + strings.Join(fields, " ") + " "
			if want := " " + strings.Join(c.want, " ") + " "; !strings.Contains(joined, want) {
				t.Errorf("output %q, want the row %q", out, c.want)
			}
		})
	}
}

// TestFreeTDSDBLibNotNullColumns: under DB-Library's options (no
// ANSI_NULL_DFLT_ON) a column declared without NULL or NOT NULL is NOT NULL,
// as the database's ANSI_NULL_DEFAULT is OFF; over ODBC (tsql) it allows
// NULLs. Before, every column allowed NULLs.
func TestFreeTDSDBLibNotNullColumns(t *testing.T) {
	tbl := uniqueName(t, "nn")
	env, _ := tdsEnv(t, "7.4")
	script := "create table " + tbl + " (c int)\n" +
		"select columnproperty(object_id('" + tbl + "'), 'c', 'AllowsNull') as allows_null\n" +
		"drop table " + tbl + "\n"
	r := runClient(t, script, env, needTool(t, "bsqldb", "freetds-bin"), "-S", serverHost+":"+serverPort, "-U", "sa", "-P", saPassword)
	if fields := strings.Fields(r.stdout); strings.Join(fields, " ") != "0" {
		t.Errorf("bsqldb: AllowsNull = %q, want 0 (stderr %q)", r.stdout, r.stderr)
	}
	r = runClient(t, strings.ReplaceAll(script, "\ndrop", "\ngo\ndrop")+"go\nquit\n", env, needTool(t, "tsql", "freetds-bin"),
		"-H", serverHost, "-p", serverPort, "-U", "sa", "-P", saPassword)
	wantContains(t, "tsql", r.stdout, "allows_null\n1\n")
}
