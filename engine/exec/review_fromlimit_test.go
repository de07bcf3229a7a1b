package exec_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestReviewTableSourcesPerStatement (review, session 9): the 8623 limit
// on table sources holds for a statement, not only for each FROM clause:
// a UNION ALL of branches, or derived tables, of hundreds of joins each
// compiled them all at once (four branches of 600 joins: 690 MB), so a
// batch of a few hundred KB could exhaust memory and kill the server.
// Statements within the budget still run, and the budget is the running
// statement's: a WHILE whose condition joins 40 tables runs 2,000 times.
func TestReviewTableSourcesPerStatement(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewfromlimit"))
	for _, q := range []string{"CREATE DATABASE rfl", "USE rfl", "CREATE TABLE dbo.tc (id int)", "INSERT dbo.tc VALUES (1)"} {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	joined := func(n int) string {
		var b strings.Builder
		b.WriteString("SELECT a0.id FROM dbo.tc a0")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, " JOIN dbo.tc a%d ON 1 = 1", i)
		}
		return b.String()
	}
	union := func(branches, n int) string {
		parts := make([]string, branches)
		for i := range parts {
			parts[i] = joined(n)
		}
		return strings.Join(parts, " UNION ALL ")
	}
	derived := func(k, n int) string {
		parts := make([]string, k)
		for i := range parts {
			parts[i] = fmt.Sprintf("(%s) AS d%d", joined(n), i)
		}
		return "SELECT COUNT(*) FROM " + strings.Join(parts, ", ")
	}
	const tooMany = "error 8623/16: The query processor ran out of internal resources"
	for _, c := range []struct{ name, q, want string }{
		{"UNION ALL of 4 x 600 joins", union(4, 600), tooMany},
		{"4 derived tables of 600 joins", derived(4, 600), tooMany},
		{"UNION ALL of 2 x 700 joins", "SELECT COUNT(*) FROM (" + union(2, 700) + ") AS u", "--\n2"},
		{"WHILE with a 40-table condition", "DECLARE @i int = 0; WHILE (SELECT COUNT(*) FROM (" + joined(40) + ") AS j) = 1 AND @i < 2000 SET @i += 1; SELECT @i", "--\n2000"},
		{"still answers", "SELECT COUNT(*) FROM (" + joined(1000) + ") AS j", "--\n1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := &aggTrace{}
			if err := s.ExecBatch(ctx, c.q, out); err != nil {
				t.Fatalf("ExecBatch: %v", err)
			}
			if got := strings.Join(out.lines, "\n"); !strings.HasPrefix(got, c.want) {
				t.Errorf("got %.300q, want %q", got, c.want)
			}
		})
	}
}
