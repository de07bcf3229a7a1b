package exec_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReviewBulkInsertEdges (review, session 9): BULK INSERT options and
// data files at their edges: an empty FIELDTERMINATOR or ROWTERMINATOR
// keeps the default (an empty ROWTERMINATOR on a one-column table inserted
// empty rows forever, in one transaction, until the client gave up);
// identity values kept out of order (the next generated value is above
// all of them); a failing load inside an explicit transaction (the
// statement's rows are undone, the transaction's earlier work is kept).
func TestReviewBulkInsertEdges(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewbulk"))
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run := func(q string) string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			out.lines = append(out.lines, "returned: "+err.Error())
		}
		return strings.Join(out.lines, ";")
	}
	run("CREATE TABLE dbo.b (id int IDENTITY PRIMARY KEY, v varchar(20) NULL)")
	run("CREATE TABLE dbo.one (v varchar(20) NULL)")
	plain := file("plain.txt", "1\ta\n2\tb\n3\tc\n")
	badThird := file("bad.txt", "1\ta\n2\tb\n3\n")
	ids := file("ids.txt", "50\tx\n10\ty\n30\tz\n")
	tests := []struct{ name, sql, want string }{
		{"empty row terminator", "BULK INSERT dbo.b FROM '" + plain + "' WITH (ROWTERMINATOR = ''); SELECT COUNT(*) FROM dbo.b", "--;3"},
		{"empty row terminator, one column", "BULK INSERT dbo.one FROM '" + plain + "' WITH (ROWTERMINATOR = '', FIELDTERMINATOR = '|'); SELECT COUNT(*), MIN(v) FROM dbo.one", "--;3|1\ta"},
		{"empty field terminator", "DELETE dbo.b; BULK INSERT dbo.b FROM '" + plain + "' WITH (FIELDTERMINATOR = ''); SELECT COUNT(*), MAX(v) FROM dbo.b", "--;3|c"},
		{"failing load in a transaction", "DELETE dbo.b; BEGIN TRAN; INSERT dbo.b (v) VALUES ('kept'); BULK INSERT dbo.b FROM '" + badThird + "'", "error 4832/16: Bulk load: An unexpected end of file was encountered in the data file."},
		{"transaction kept", "SELECT @@TRANCOUNT, COUNT(*) FROM dbo.b; COMMIT", "--;1|1"},
		{"identities out of order", "DELETE dbo.b; BULK INSERT dbo.b FROM '" + ids + "' WITH (KEEPIDENTITY); INSERT dbo.b (v) VALUES ('next'); SELECT id FROM dbo.b WHERE v = 'next'", "--;51"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := run(tc.sql)
			if got != tc.want {
				t.Errorf("%s: %q, want %q", tc.sql, got, tc.want)
			}
		})
	}
}
