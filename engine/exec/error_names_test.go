package exec_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestErrorTableNames checks the table name errors 2628 and 515 print for
// a table written from another database, a #temp and a ##global table and a
// table variable (table_errname.go), and the number, severity and text of
// the grouping errors DBA scripts meet (8120 for GROUP BY (), 8161). A
// want starting with ^ is a regular expression over the whole message.
func TestErrorTableNames(t *testing.T) {
	ctx := context.Background()
	s := newSASession(t, openExecTestInstance(t, "en"))
	for _, q := range []string{
		"CREATE DATABASE en2",
		"CREATE TABLE en2.dbo.t (a varchar(2) NOT NULL)",
		"CREATE TABLE dbo.g (x int, y int)",
		"INSERT dbo.g VALUES (1, 2)",
		"CREATE TABLE #t (a varchar(2) NOT NULL)",
		"CREATE TABLE ##g (a varchar(2) NOT NULL)",
	} {
		if err := s.ExecBatch(ctx, q, &collectOutput{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var out collectOutput
	if err := s.ExecBatch(ctx, "SELECT name FROM tempdb.sys.objects WHERE object_id = OBJECT_ID('tempdb..#t')", &out); err != nil || len(out.rows) != 2 {
		t.Fatalf("the #temp table's stored name: %v %q", err, out.rows)
	}
	tempName := "tempdb.dbo." + out.rows[1]
	cases := []struct {
		name, sql string
		number    int32
		severity  uint8
		want      string
	}{
		{"2628 names the written table's database", "INSERT en2.dbo.t VALUES ('abc')", 2628, 16,
			"String or binary data would be truncated in table 'en2.dbo.t', column 'a'. Truncated value: 'ab'."},
		{"2628 in a #temp table names its stored name", "INSERT #t VALUES ('abc')", 2628, 16,
			"String or binary data would be truncated in table '" + tempName + "', column 'a'. Truncated value: 'ab'."},
		{"515 in a #temp table names its stored name", "INSERT #t VALUES (NULL)", 515, 16,
			"Cannot insert the value NULL into column 'a', table '" + tempName + "'; column does not allow nulls. INSERT fails."},
		{"2628 in a ##global table", "INSERT ##g VALUES ('abc')", 2628, 16,
			"String or binary data would be truncated in table 'tempdb.dbo.##g', column 'a'. Truncated value: 'ab'."},
		{"515 in a ##global table", "UPDATE ##g SET a = NULL; INSERT ##g VALUES (NULL)", 515, 16,
			"Cannot insert the value NULL into column 'a', table 'tempdb.dbo.##g'; column does not allow nulls. INSERT fails."},
		{"2628 in a table variable names its internal name", "DECLARE @c TABLE (a varchar(2)); INSERT @c VALUES ('abc')", 2628, 16,
			`^String or binary data would be truncated in table 'tempdb\.dbo\.#[0-9A-F]{8}', column 'a'\. Truncated value: 'ab'\.$`},
		{"515 in a table variable names it as declared", "DECLARE @c TABLE (a int NOT NULL); INSERT @c VALUES (NULL)", 515, 16,
			"Cannot insert the value NULL into column 'a', table '@c'; column does not allow nulls. INSERT fails."},
		{"515 from UPDATE of a table variable", "DECLARE @c TABLE (a int NOT NULL); INSERT @c VALUES (1); UPDATE @c SET a = NULL", 515, 16,
			"Cannot insert the value NULL into column 'a', table '@c'; column does not allow nulls. UPDATE fails."},
		{"GROUP BY () is a GROUP BY clause: 8120", "SELECT x FROM dbo.g GROUP BY ()", 8120, 16,
			"Column 'dbo.g.x' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause."},
		{"no GROUP BY: 8118", "SELECT x, COUNT(*) FROM dbo.g", 8118, 16,
			"Column 'dbo.g.x' is invalid in the select list because it is not contained in an aggregate function and there is no GROUP BY clause."},
		{"8161 GROUPING", "SELECT GROUPING(y) FROM dbo.g GROUP BY x", 8161, 15,
			"Argument 1 of the GROUPING function does not match any of the expressions in the GROUP BY clause."},
		{"8161 GROUPING_ID", "select grouping_id(x, y) from dbo.g group by x", 8161, 15,
			"Argument 2 of the GROUPING_ID function does not match any of the expressions in the GROUP BY clause."},
		{"8161 without GROUP BY", "SELECT GROUPING(x) FROM dbo.g", 8161, 15,
			"Argument 1 of the GROUPING function does not match any of the expressions in the GROUP BY clause."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := s.ExecBatch(ctx, tc.sql, &collectOutput{})
			var e *exec.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want error %d", err, tc.number)
			}
			num, sev, _ := e.SQLServerError()
			msgOK := e.Error() == tc.want
			if strings.HasPrefix(tc.want, "^") {
				msgOK = regexp.MustCompile(tc.want).MatchString(e.Error())
			}
			if num != tc.number || sev != tc.severity || !msgOK {
				t.Fatalf("got %d/%d %q\nwant %d/%d %q", num, sev, e.Error(), tc.number, tc.severity, tc.want)
			}
		})
	}
}
