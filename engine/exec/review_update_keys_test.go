package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestReviewUpdateKeysStatementUnique (review, session 9): a multi-row
// UPDATE whose rows are unique when it ends succeeds, as in SQL Server,
// which checks keys and unique indexes at the end of the statement:
// shifting a primary key (UPDATE t SET id = id + 1), swapping two values
// of a unique index, on a clustered table and a heap, on a system-versioned
// table (each old row goes to the history). Row by row, the first row's
// new key met the second row's old one: a false 2627/2601. Real duplicates
// still fail and leave the table as it was; OUTPUT and triggers see every
// row.
func TestReviewUpdateKeysStatementUnique(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewupdkeys"))
	run := func(q string) string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			out.lines = append(out.lines, "returned: "+err.Error())
		}
		return strings.Join(out.lines, ";")
	}
	for _, q := range []string{
		"CREATE DATABASE ruk",
		"USE ruk",
		"CREATE TABLE dbo.p (id int PRIMARY KEY, v varchar(5) NOT NULL)",
		"CREATE TABLE dbo.h (id int NOT NULL, k int NOT NULL)", // a heap
		"CREATE UNIQUE INDEX uk ON dbo.h (k)",
		"CREATE TABLE dbo.c (id int PRIMARY KEY, k int NOT NULL CONSTRAINT uq_c UNIQUE, note varchar(5) NULL)",
		"CREATE TABLE dbo.audit (what varchar(10) NOT NULL, n int NOT NULL)",
		"CREATE TRIGGER dbo.tc ON dbo.c AFTER UPDATE AS INSERT dbo.audit SELECT 'upd', (SELECT COUNT(*) FROM inserted) + 10 * (SELECT COUNT(*) FROM deleted)",
		`CREATE TABLE dbo.e (id int NOT NULL PRIMARY KEY, v int NOT NULL,
			vf datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL, vt datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
			PERIOD FOR SYSTEM_TIME (vf, vt)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.eh))`,
		"INSERT dbo.p VALUES (1, 'a'), (2, 'b'), (3, 'c')",
		"INSERT dbo.h VALUES (1, 1), (2, 2)",
		"INSERT dbo.c VALUES (1, 10, NULL), (2, 20, NULL)",
		"INSERT dbo.e VALUES (1, 1), (2, 2)",
	} {
		if got := run(q); strings.Contains(got, "error") || strings.Contains(got, "returned") {
			t.Fatalf("%s: %s", q, got)
		}
	}
	for _, tc := range []struct{ name, q, want string }{
		{"shift primary key", "UPDATE dbo.p SET id = id + 1; SELECT id, v FROM dbo.p ORDER BY id", "--;2|a;3|b;4|c"},
		{"shift primary key down", "UPDATE dbo.p SET id = id - 1; SELECT id, v FROM dbo.p ORDER BY id", "--;1|a;2|b;3|c"},
		{"primary key duplicate", "UPDATE dbo.p SET id = id % 2; SELECT id, v FROM dbo.p ORDER BY id",
			"error 2627/14: Violation of PRIMARY KEY constraint 'PK__p__*'. Cannot insert duplicate key in object 'dbo.p'. The duplicate key value is (1).;msg 3621: The statement has been terminated.;--;1|a;2|b;3|c"},
		{"heap unique swap", "UPDATE dbo.h SET k = 3 - k; SELECT id, k FROM dbo.h ORDER BY id", "--;1|2;2|1"},
		{"heap unique duplicate", "UPDATE dbo.h SET k = 7; SELECT id, k FROM dbo.h ORDER BY id",
			"error 2601/14: Cannot insert duplicate key row in object 'dbo.h' with unique index 'uk'. The duplicate key value is (7).;msg 3621: The statement has been terminated.;--;1|2;2|1"},
		{"unique constraint swap, OUTPUT and trigger", "DECLARE @o TABLE (a int, b int); UPDATE dbo.c SET k = 30 - k OUTPUT deleted.k, inserted.k INTO @o; SELECT a, b FROM @o ORDER BY a; SELECT what, n FROM dbo.audit",
			"--;10|20;20|10;--;upd|22"},
		{"swap inside a transaction, rolled back", "BEGIN TRAN; UPDATE dbo.c SET k = 30 - k, note = 'x'; ROLLBACK; SELECT id, k, note FROM dbo.c ORDER BY id",
			"--;1|20|NULL;2|10|NULL"},
		{"temporal key shift", "UPDATE dbo.e SET id = id + 1; SELECT id, v FROM dbo.e ORDER BY id; SELECT id, v FROM dbo.eh ORDER BY id",
			"--;2|1;3|2;--;1|1;2|2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := run(tc.q)
			if pre, post, wild := strings.Cut(tc.want, "*"); wild && strings.HasPrefix(got, pre) && strings.Contains(got, "'"+post[1:]) {
				got = tc.want // a generated constraint name
			}
			if got != tc.want {
				t.Errorf("%s:\n got %q\nwant %q", tc.q, got, tc.want)
			}
		})
	}
}
