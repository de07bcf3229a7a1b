package tests

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewBatchExecDoneProc (review, session 7): since 2d798f8 a batch
// that is one EXEC ends with RETURNSTATUS and DONEPROC instead of a DONE.
// What go-mssqldb reports for such a batch must not change: the rows the
// procedure's statements affected (RowsAffected sums their DONEINPROC
// counts), its errors (an error inside is the batch's error), and its
// result sets followed by a later error.
func TestReviewBatchExecDoneProc(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "reviewdoneproc"})
	db, err := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), "sa", srv.Password, "master"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, q := range []string{
		"CREATE TABLE dbo.rdp (id int NOT NULL PRIMARY KEY, v int NOT NULL)",
		"INSERT dbo.rdp VALUES (1, 0), (2, 0), (3, 0)",
		"CREATE PROCEDURE dbo.rdp_upd AS UPDATE dbo.rdp SET v = v + 1",
		"CREATE PROCEDURE dbo.rdp_upd2 AS BEGIN UPDATE dbo.rdp SET v = v + 1 WHERE id < 3; DELETE dbo.rdp WHERE id = 99 END",
		"CREATE PROCEDURE dbo.rdp_err AS RAISERROR('review boom', 16, 1)",
		"CREATE PROCEDURE dbo.rdp_rows_err AS BEGIN SELECT id FROM dbo.rdp ORDER BY id; SELECT 1 / 0 END",
		"CREATE PROCEDURE dbo.rdp_ret AS RETURN 5",
	} {
		mustExec(t, db, q)
	}
	affected := []struct {
		batch string
		want  int64
	}{
		{"EXEC dbo.rdp_upd", 3},
		{"EXEC dbo.rdp_upd2", 2},
		{"dbo.rdp_upd", 3},
		{"EXEC dbo.rdp_upd; EXEC dbo.rdp_upd2", 5},
	}
	for _, tc := range affected {
		res, err := db.ExecContext(ctx, tc.batch)
		if err != nil {
			t.Errorf("%s: %v", tc.batch, err)
			continue
		}
		if n, err := res.RowsAffected(); err != nil || n != tc.want {
			t.Errorf("%s: RowsAffected = %d, %v; want %d", tc.batch, n, err, tc.want)
		}
	}
	if _, err := db.ExecContext(ctx, "EXEC dbo.rdp_err"); err == nil || !strings.Contains(err.Error(), "review boom") {
		t.Errorf("EXEC of a procedure raising severity 16: err = %v, want review boom", err)
	}
	if _, err := db.ExecContext(ctx, "EXEC dbo.rdp_ret"); err != nil {
		t.Errorf("EXEC dbo.rdp_ret: %v", err)
	}
	rows, err := db.QueryContext(ctx, "EXEC dbo.rdp_rows_err")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	for rows.NextResultSet() {
		for rows.Next() {
		}
	}
	err = rows.Err()
	rows.Close()
	if n != 3 || err == nil || !strings.Contains(err.Error(), "Divide by zero") {
		t.Errorf("rows then divide by zero: %d rows, err %v; want 3 rows and error 8134", n, err)
	}
	// The connection is still usable and in no transaction.
	var tc int
	if err := db.QueryRowContext(ctx, "SELECT @@TRANCOUNT").Scan(&tc); err != nil || tc != 0 {
		t.Errorf("after the batches: @@TRANCOUNT %d, %v", tc, err)
	}
}
