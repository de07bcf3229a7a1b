package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestReviewFilteredIndexMoves (review, session 9): rows enter and leave a
// unique filtered index as UPDATE, MERGE, DELETE and rolled-back work
// change the filter's column and the key together, and the index keeps
// exactly the rows its filter holds for (the entry counts of
// sys.dm_db_partition_stats), so uniqueness is enforced only among them.
func TestReviewFilteredIndexMoves(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewfilt"))
	run := func(q string) string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			out.lines = append(out.lines, "returned: "+err.Error())
		}
		return strings.Join(out.lines, ";")
	}
	for _, q := range []string{
		"CREATE DATABASE rf",
		"USE rf",
		"CREATE TABLE dbo.f (id int PRIMARY KEY, email varchar(20) NULL, active bit NOT NULL)",
		"CREATE UNIQUE INDEX ux ON dbo.f (email) WHERE active = 1",
		"CREATE INDEX ix_nn ON dbo.f (active) WHERE email IS NOT NULL",
	} {
		if got := run(q); strings.Contains(got, "error") {
			t.Fatalf("%s: %s", q, got)
		}
	}
	// counts is the rows of ux and ix_nn against what their filters hold.
	const counts = `SELECT (SELECT row_count FROM sys.dm_db_partition_stats p JOIN sys.indexes i ON i.object_id = p.object_id AND i.index_id = p.index_id WHERE i.name = 'ux'),
		(SELECT COUNT(*) FROM dbo.f WHERE active = 1),
		(SELECT row_count FROM sys.dm_db_partition_stats p JOIN sys.indexes i ON i.object_id = p.object_id AND i.index_id = p.index_id WHERE i.name = 'ix_nn'),
		(SELECT COUNT(*) FROM dbo.f WHERE email IS NOT NULL)`
	const dup = "error 2601/14: Cannot insert duplicate key row in object 'dbo.f' with unique index 'ux'. The duplicate key value is (a).;msg 3621: The statement has been terminated."
	for _, tc := range []struct{ q, want string }{
		{"INSERT dbo.f VALUES (1, 'a', 1), (2, 'a', 0), (3, NULL, 1), (4, NULL, 0)", ""},
		{counts, "--;2|2|2|2"},
		{"UPDATE dbo.f SET active = 1 WHERE id = 2", dup},
		{counts, "--;2|2|2|2"},
		{"UPDATE dbo.f SET active = 0 WHERE id = 1; UPDATE dbo.f SET active = 1 WHERE id = 2", ""},
		{counts, "--;2|2|2|2"},
		{"UPDATE dbo.f SET email = 'a', active = 0 WHERE id = 3", ""},
		{counts, "--;1|1|3|3"},
		{"BEGIN TRAN; UPDATE dbo.f SET active = 0 WHERE id = 2; UPDATE dbo.f SET active = 1 WHERE id = 1; ROLLBACK", ""},
		{counts, "--;1|1|3|3"},
		{"UPDATE dbo.f SET active = 1 WHERE id = 1", dup},
		{"MERGE dbo.f AS d USING (SELECT 2 AS id) s ON d.id = s.id WHEN MATCHED THEN UPDATE SET email = NULL;", ""},
		{counts, "--;1|1|2|2"},
		{"UPDATE dbo.f SET active = 1 WHERE id = 1", ""},
		{"DELETE dbo.f WHERE id = 1; INSERT dbo.f VALUES (5, 'a', 1)", ""},
		{counts, "--;2|2|2|2"},
		// Row by row, id 3 enters the filter with 'a' while id 5 still
		// holds it; uniqueness holds when the statement ends.
		{"UPDATE dbo.f SET active = 1 - active", ""},
		{counts, "--;2|2|2|2"},
		{"SELECT id FROM dbo.f WITH (INDEX(ux)) WHERE email = 'a' AND active = 1", "--;3"},
	} {
		if got := run(tc.q); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.q, got, tc.want)
		}
	}
}
