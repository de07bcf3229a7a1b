package exec_test

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestReviewTriggerUpdatedColumns (review, session 8): UPDATE(column) in a
// trigger answers for the columns the UPDATE set, whichever path ran it (a
// point UPDATE by key, which keeps its SET columns in a slice since
// 610d16f, or a scan), in any letter case, and is true for every column
// under INSERT. Each statement runs three times, so kept plans answer too.
func TestReviewTriggerUpdatedColumns(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewupdcol"))
	for _, q := range []string{
		"CREATE DATABASE reviewupdcol",
		"USE reviewupdcol",
		"CREATE TABLE dbo.u (id int NOT NULL PRIMARY KEY, a int NULL, b int NULL, [C x] int NULL)",
		"CREATE TABLE dbo.log (msg varchar(100))",
		"CREATE TRIGGER dbo.tru ON dbo.u AFTER INSERT, UPDATE AS INSERT dbo.log VALUES (CONCAT(IIF(UPDATE(a), 'a', '-'), IIF(UPDATE(B), 'b', '-'), IIF(UPDATE([c X]), 'c', '-'), IIF(UPDATE(id), 'i', '-')))",
	} {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, c := range []struct{ q, want string }{
		{"DELETE dbo.u; INSERT dbo.u (id) VALUES (1), (2)", "abci"},
		{"UPDATE dbo.u SET b = 5 WHERE id = 1", "-b--"},
		{"UPDATE dbo.u SET a = 1, [C x] = 2 WHERE id = 2", "a-c-"},
		{"UPDATE dbo.u SET B = 7 WHERE a = 1", "-b--"},
		{"UPDATE dbo.u SET a = a WHERE id = 99", "a---"},
		{"UPDATE dbo.u SET id = 5 - id WHERE id IN (2, 3)", "---i"},
		{"DECLARE @k int = 1; UPDATE dbo.u SET [c x] = 1, b = 2 WHERE id = @k", "-bc-"},
	} {
		t.Run(c.q, func(t *testing.T) {
			// Three times: a kept plan must answer as the first did.
			for range 3 {
				for _, q := range []string{"DELETE dbo.log", c.q} {
					if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
						t.Fatal(err)
					}
				}
				out := &aggTrace{}
				if err := s.ExecBatch(ctx, "SELECT msg FROM dbo.log", out); err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(out.lines, []string{"--", c.want}) {
					t.Fatalf("got %q, want %q", out.lines, c.want)
				}
			}
		})
	}
}
