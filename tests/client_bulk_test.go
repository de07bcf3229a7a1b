package tests

import (
	"context"
	"database/sql"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// copyIn bulk-copies rows into table through go-mssqldb's CopyIn (INSERT BULK
// then a BULKLOAD message) on conn and returns the rows affected.
func copyIn(ctx context.Context, conn *sql.Conn, table string, opts mssql.BulkOptions, cols []string, rows [][]any) (int64, error) {
	stmt, err := conn.PrepareContext(ctx, mssql.CopyIn(table, opts, cols...))
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			return 0, err
		}
	}
	res, err := stmt.ExecContext(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// connExec runs query on conn and fails the test on error.
func connExec(t *testing.T, conn *sql.Conn, query string) {
	t.Helper()
	if _, err := conn.ExecContext(context.Background(), query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func TestClientBulkCopy(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "bulk"})
	db, err := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), "sa", srv.Password, "master"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	connExec(t, conn, `CREATE TABLE dbo.bulk_t (id int IDENTITY(1,1) PRIMARY KEY, n int NOT NULL CHECK (n >= 0),
		s nvarchar(20) NULL, tx text NULL, x xml NULL, d decimal(9,2) NULL)`)

	count := func(t *testing.T) int {
		t.Helper()
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.bulk_t").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tests := []struct {
		name      string
		table     string
		cols      []string
		rows      [][]any
		inTran    string // "commit" or "rollback": run inside a transaction
		wantErr   int32
		wantCount int // rows in the table afterwards
	}{
		{name: "rows with identity generated", table: "dbo.bulk_t", cols: []string{"id", "n", "s", "tx", "x", "d"},
			rows: [][]any{{100, 1, "één", "text one", "<a/>", "1.25"}, {100, 2, nil, nil, nil, nil}}, wantCount: 2},
		{name: "check violation inserts nothing", table: "bulk_t", cols: []string{"n"},
			rows: [][]any{{3}, {-1}}, wantErr: 547, wantCount: 2},
		{name: "missing table", table: "dbo.bulk_missing", cols: []string{"n"}, rows: [][]any{{1}}, wantErr: 208, wantCount: 2},
		{name: "missing database part", table: "nodb.dbo.bulk_t", cols: []string{"n"}, rows: [][]any{{1}}, wantErr: 208, wantCount: 2},
		{name: "rolled back with the transaction", table: "bulk_t", cols: []string{"n"}, rows: [][]any{{5}}, inTran: "rollback", wantCount: 2},
		{name: "default schema written ..t", table: "..bulk_t", cols: []string{"id", "n"}, rows: [][]any{{1, 8}}, wantCount: 3},
		{name: "committed with the transaction", table: "bulk_t", cols: []string{"n", "s"}, rows: [][]any{{6, "x"}, {7, "y"}}, inTran: "commit", wantCount: 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.inTran != "" {
				connExec(t, conn, "BEGIN TRANSACTION")
			}
			n, err := copyIn(ctx, conn, tc.table, mssql.BulkOptions{}, tc.cols, tc.rows)
			if tc.wantErr != 0 {
				wantSQLError(t, err, tc.wantErr, "")
			} else if err != nil {
				t.Fatal(err)
			} else if n != int64(len(tc.rows)) {
				t.Errorf("rows affected = %d, want %d", n, len(tc.rows))
			}
			if tc.inTran != "" {
				connExec(t, conn, tc.inTran+" TRANSACTION")
			}
			if got := count(t); got != tc.wantCount {
				t.Errorf("rows in table = %d, want %d", got, tc.wantCount)
			}
		})
	}

	var id int
	var s, tx, x, d sql.NullString
	err = conn.QueryRowContext(ctx, "SELECT id, s, tx, x, d FROM dbo.bulk_t WHERE n = 1").Scan(&id, &s, &tx, &x, &d)
	if err != nil {
		t.Fatal(err)
	}
	if id != 1 || s.String != "één" || tx.String != "text one" || x.String != "<a/>" || d.String != "1.25" {
		t.Errorf("row = %d %q %q %q %q, want 1 één, text one, <a/>, 1.25", id, s.String, tx.String, x.String, d.String)
	}

	// SET FMTONLY ON: the result set's metadata without its rows.
	rows, err := conn.QueryContext(ctx, "SET FMTONLY ON; SELECT id, n FROM dbo.bulk_t; SET FMTONLY OFF")
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := rows.Columns()
	got := 0
	for rows.Next() {
		got++
	}
	rows.Close()
	if len(cols) != 2 || got != 0 {
		t.Errorf("FMTONLY: %d columns, %d rows; want 2 columns, 0 rows", len(cols), got)
	}
}

// TestClientChangePassword: LOGIN7 with fChangePassword (go-mssqldb's
// "change password" parameter) sets the login's new password during login.
func TestClientChangePassword(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "chpwd"})
	admin, err := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), "sa", srv.Password, "master"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	mustExec(t, admin, "CREATE LOGIN chpwd_user WITH PASSWORD = 'OldPwd!123', CHECK_POLICY = OFF")
	tests := []struct {
		name     string
		password string
		change   string
		wantErr  int32
	}{
		{name: "old password, change", password: "OldPwd!123", change: "NewPwd!456"},
		{name: "old password no longer works", password: "OldPwd!123", wantErr: 18456},
		{name: "new password works", password: "NewPwd!456"},
		{name: "wrong password cannot change", password: "nope", change: "Other!789", wantErr: 18456},
		{name: "new password still works", password: "NewPwd!456"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var extra []string
			if tc.change != "" {
				extra = append(extra, "change password="+tc.change)
			}
			db, err := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), "chpwd_user", tc.password, "master", extra...))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			err = db.Ping()
			if tc.wantErr != 0 {
				wantSQLError(t, err, tc.wantErr, "")
			} else if err != nil {
				t.Fatal(err)
			}
		})
	}
}
