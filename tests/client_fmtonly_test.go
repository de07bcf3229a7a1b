package tests

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientFmtOnly: under SET FMTONLY ON, batches and RPC requests
// (sp_executesql, a procedure called by name) return their result sets'
// columns without rows, DONE tokens without a row count (go-mssqldb's
// RowsAffected is 0), and change nothing, as SQL Server ("No rows are
// processed or sent to the client", SET FMTONLY). Before, RPC requests
// returned rows and the DONE of a SELECT carried its count.
func TestClientFmtOnly(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "fmtonly"})
	db := srv.DB("master")
	defer db.Close()
	ctx := context.Background()
	conn := appConn(t, db)
	connExec(t, conn, `CREATE TABLE dbo.fo (id int PRIMARY KEY, v varchar(10))
		INSERT dbo.fo VALUES (1, 'a'), (2, 'b')`)
	connExec(t, conn, `CREATE PROCEDURE dbo.fo_p @id int AS
		BEGIN
			IF @id > 0 SELECT id FROM dbo.fo WHERE id = @id ELSE SELECT v FROM dbo.fo
			DELETE dbo.fo
		END`)

	tests := []struct {
		name     string
		query    string
		args     []any
		setFirst bool     // SET FMTONLY ON as a batch of its own first (the RPC cases)
		cols     []string // nil: run with Exec and check RowsAffected
	}{
		{name: "batch select", query: "SET FMTONLY ON SELECT id, v FROM dbo.fo SET FMTONLY OFF", cols: []string{"id", "v"}},
		{name: "batch select count", query: "SET FMTONLY ON SELECT id FROM dbo.fo SET FMTONLY OFF"},
		{name: "batch dml", query: "SET FMTONLY ON UPDATE dbo.fo SET v = 'x' DELETE dbo.fo SET FMTONLY OFF"},
		{name: "rpc select", query: "SELECT v FROM dbo.fo WHERE id >= @p1", args: []any{1}, setFirst: true, cols: []string{"v"}},
		{name: "rpc delete", query: "DELETE dbo.fo WHERE id >= @p1", args: []any{1}, setFirst: true},
		{name: "rpc procedure by name", query: "dbo.fo_p", args: []any{sql.Named("id", 1)}, setFirst: true, cols: []string{"id", "v"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setFirst {
				connExec(t, conn, "SET FMTONLY ON")
			}
			if tt.cols == nil {
				res, err := conn.ExecContext(ctx, tt.query, tt.args...)
				if err != nil {
					t.Fatal(err)
				}
				if n, _ := res.RowsAffected(); n != 0 {
					t.Errorf("RowsAffected = %d, want 0", n)
				}
			} else {
				var cols []string
				rows := 0
				rs, err := conn.QueryContext(ctx, tt.query, tt.args...)
				if err != nil {
					t.Fatal(err)
				}
				for {
					c, _ := rs.Columns()
					cols = append(cols, c...)
					for rs.Next() {
						rows++
					}
					if !rs.NextResultSet() {
						break
					}
				}
				if err := rs.Err(); err != nil {
					t.Fatal(err)
				}
				rs.Close()
				if !slices.Equal(cols, tt.cols) || rows != 0 {
					t.Errorf("columns %v and %d rows, want %v and none", cols, rows, tt.cols)
				}
			}
			if tt.setFirst {
				connExec(t, conn, "SET FMTONLY OFF")
			}
			var n int
			var v string
			if err := conn.QueryRowContext(ctx, "SELECT COUNT(*), MAX(v) FROM dbo.fo").Scan(&n, &v); err != nil {
				t.Fatal(err)
			}
			if n != 2 || v != "b" {
				t.Errorf("after: %d rows, MAX(v) %q; want 2 and \"b\" (nothing changed)", n, v)
			}
		})
	}
}
