package tests

import (
	"context"
	"database/sql"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestTempdbViewsListEverySession: tempdb.sys.tables lists every session's
// #temp tables under SQL Server's padded names, while OBJECT_ID and FROM
// resolve only the session's own; two sessions' tables of one name have
// different object ids, so the DBA idiom reading tempdb.sys.columns by
// OBJECT_ID('tempdb..#t') finds only the caller's columns.
func TestTempdbViewsListEverySession(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "tempviews"})
	db := srv.DB("master")
	ctx := context.Background()
	a, b := appConn(t, db), appConn(t, db)
	if _, err := a.ExecContext(ctx, "CREATE TABLE #shared (a_col int) CREATE TABLE #only_a (x int)"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ExecContext(ctx, "CREATE TABLE #shared (b_col1 int, b_col2 int)"); err != nil {
		t.Fatal(err)
	}
	one := func(c *sql.Conn, q string) string {
		t.Helper()
		var s sql.NullString
		if err := c.QueryRowContext(ctx, q).Scan(&s); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return s.String
	}
	tests := []struct {
		name string
		conn *sql.Conn
		q    string
		want string
	}{
		{"both sessions' #shared are listed", a, "SELECT CAST(COUNT(*) AS varchar(10)) FROM tempdb.sys.tables WHERE name LIKE '#shared[_]%' AND LEN(name) = 128", "2"},
		{"the other session's table too", b, "SELECT CAST(COUNT(*) AS varchar(10)) FROM tempdb.sys.tables WHERE name LIKE '#only[_]a[_]%'", "1"},
		{"the other session's table does not resolve", b, "SELECT ISNULL(CAST(OBJECT_ID('tempdb..#only_a') AS varchar(20)), 'NULL')", "NULL"},
		{"A's columns by A's OBJECT_ID", a, "SELECT STRING_AGG(name, ',') FROM tempdb.sys.columns WHERE object_id = OBJECT_ID('tempdb..#shared')", "a_col"},
		{"B's columns by B's OBJECT_ID", b, "SELECT STRING_AGG(name, ',') WITHIN GROUP (ORDER BY column_id) FROM tempdb.sys.columns WHERE object_id = OBJECT_ID('tempdb..#shared')", "b_col1,b_col2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := one(tc.conn, tc.q); got != tc.want {
				t.Errorf("%s = %q, want %q", tc.q, got, tc.want)
			}
		})
	}
}
