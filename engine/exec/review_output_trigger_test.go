package exec_test

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestReviewOutputWithoutIntoOnTriggeredTable (review, session 7): SQL Server
// refuses an OUTPUT clause without INTO when the target table has an
// enabled AFTER trigger for the statement's action (error 334) — the
// client would otherwise get the trigger's result sets interleaved with the
// OUTPUT rows, and the OUTPUT rows under a NOT NULL flag before the
// trigger could change them. OUTPUT … INTO, and a trigger for another
// action, stay allowed; MERGE is checked against the actions of its WHEN
// clauses.
func TestReviewOutputWithoutIntoOnTriggeredTable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewout"))
	run := func(q string) []string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out.lines
	}
	run("CREATE DATABASE reviewout")
	run("USE reviewout")
	run("CREATE TABLE dbo.aft (id int NOT NULL, v int NOT NULL)")
	run("CREATE TABLE dbo.log (id int NULL)")
	run("CREATE TRIGGER dbo.aft_ins ON dbo.aft AFTER INSERT AS SET NOCOUNT ON")
	run("CREATE TRIGGER dbo.aft_del ON dbo.aft FOR DELETE AS SET NOCOUNT ON")
	const e334 = "error 334/16: The target table 'dbo.aft' of the DML statement cannot have any enabled triggers if the statement contains an OUTPUT clause without INTO clause."
	tests := []struct {
		sql  string
		want []string
	}{
		{"INSERT dbo.aft OUTPUT inserted.id VALUES (1, 2)", []string{e334}},
		{"DELETE dbo.aft OUTPUT deleted.id WHERE id = 99", []string{e334}},
		{"INSERT dbo.aft OUTPUT inserted.id INTO dbo.log VALUES (3, 4)", nil},
		{"UPDATE dbo.aft SET v = 5 OUTPUT inserted.id, deleted.v WHERE id = 3", []string{"--", "3|4"}},
		{"SELECT id, v FROM dbo.aft; SELECT id FROM dbo.log", []string{"--", "3|5", "--", "3"}},
		// MERGE: refused when one of its WHEN actions has an AFTER trigger
		// (insert here, as EF Core's batched inserts send it), allowed when
		// only an untriggered action (UPDATE) can run, or with INTO.
		{"MERGE dbo.aft AS t USING (VALUES (7, 8)) AS s (id, v) ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v) OUTPUT inserted.id;", []string{e334}},
		{"MERGE dbo.aft AS t USING (VALUES (3, 9)) AS s (id, v) ON t.id = s.id WHEN MATCHED THEN DELETE OUTPUT deleted.id;", []string{e334}},
		{"MERGE dbo.aft AS t USING (VALUES (3, 6)) AS s (id, v) ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v OUTPUT $action, inserted.v;", []string{"--", "UPDATE|6"}},
		{"MERGE dbo.aft AS t USING (VALUES (7, 8)) AS s (id, v) ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v) OUTPUT inserted.id INTO dbo.log;", nil},
		{"SELECT id, v FROM dbo.aft ORDER BY id; SELECT id FROM dbo.log ORDER BY id", []string{"--", "3|6", "7|8", "--", "3", "7"}},
	}
	for _, tc := range tests {
		if got := run(tc.sql); !slices.Equal(got, tc.want) {
			t.Errorf("%s\ngot  %q\nwant %q", tc.sql, got, tc.want)
		}
	}
}
