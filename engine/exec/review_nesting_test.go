package exec_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestReviewNestingNeverKillsServer (review, session 8): every way a batch
// can nest work at run time — procedures calling procedures, scalar and
// table functions calling themselves, dynamic SQL running dynamic SQL,
// triggers firing triggers, deep expressions — must end in an error the
// client sees (217 and friends), never in a goroutine stack overflow, which
// kills the whole server. Each case names the error number it must return.
func TestReviewNestingNeverKillsServer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewnest"))
	for _, q := range []string{
		"CREATE DATABASE reviewnest",
		"USE reviewnest",
		"CREATE PROCEDURE dbo.p1 AS EXEC dbo.p1",
		"CREATE PROCEDURE dbo.pd AS EXEC ('EXEC dbo.pd')",
		"CREATE PROCEDURE dbo.ps AS EXEC sp_executesql N'EXEC dbo.ps'",
		"CREATE FUNCTION dbo.f1 (@n int) RETURNS int AS BEGIN RETURN dbo.f1(@n + 1) END",
		"CREATE FUNCTION dbo.tf (@n int) RETURNS TABLE AS RETURN (SELECT * FROM dbo.tf(@n + 1) AS x)",
		"CREATE FUNCTION dbo.mf (@n int) RETURNS @r TABLE (a int) AS BEGIN INSERT @r SELECT a FROM dbo.mf(@n + 1); RETURN END",
		"CREATE TABLE dbo.ta (id int)",
		"CREATE TABLE dbo.tb (id int)",
		"CREATE TRIGGER dbo.tra ON dbo.ta AFTER INSERT AS INSERT dbo.tb VALUES (1)",
		"CREATE TRIGGER dbo.trb ON dbo.tb AFTER INSERT AS INSERT dbo.ta VALUES (1)",
	} {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	deep := func(open, mid, close string, n int) string {
		return strings.Repeat(open, n) + mid + strings.Repeat(close, n)
	}
	for _, c := range []struct {
		name, q string
		want    string // substring of the trace: an error number
	}{
		{"procedure", "EXEC dbo.p1", "error 217/"},
		{"dynamic EXEC", "EXEC dbo.pd", "error 217/"},
		{"sp_executesql", "EXEC dbo.ps", "error 217/"},
		{"scalar function", "SELECT dbo.f1(1)", "error 217/"},
		{"inline table function", "SELECT * FROM dbo.tf(1)", "error "},
		{"multi-statement function", "SELECT * FROM dbo.mf(1)", "error 217/"},
		{"triggers", "INSERT dbo.ta VALUES (1)", "error 217/"},
		{"parentheses", "SELECT " + deep("(", "1", ")", 100000), "error 191/"},
		{"subqueries", "SELECT " + deep("(SELECT ", "1", ")", 100000), "error 191/"},
		// CASE stops at its own limit, level 10 (125), long before 191.
		{"CASE", "SELECT " + deep("CASE WHEN 1=1 THEN ", "1", " END", 100000), "error 125/"},
		{"IIF", "SELECT " + deep("IIF(1=1, ", "1", ", 0)", 100000), "error 191/"},
		{"functions", "SELECT " + deep("ABS(", "1", ")", 100000), "error 191/"},
		{"unary minus", "SELECT " + strings.Repeat("- ", 200000) + "1", "error 191/"},
		{"NOT", "SELECT 1 WHERE " + strings.Repeat("NOT ", 200000) + "1=1", "error 191/"},
		{"bitwise not", "SELECT " + strings.Repeat("~", 200000) + "1", "error 191/"},
		{"BEGIN blocks", deep("BEGIN ", "SELECT 1", " END", 100000), "error 191/"},
		{"IF nesting", strings.Repeat("IF 1=1 ", 100000) + "SELECT 1", "error 191/"},
		{"WHILE nesting", strings.Repeat("WHILE 1=0 ", 100000) + "SELECT 1", "error 191/"},
		{"derived tables", "SELECT * FROM " + deep("(SELECT * FROM ", "(SELECT 1 AS a) AS z", ") AS y", 100000), "error 191/"},
		{"IN lists of subqueries", "SELECT 1 WHERE 1 IN " + deep("(SELECT 1 WHERE 1 IN ", "(1)", ")", 100000), "error 191/"},
		{"string concatenation", "SELECT 'a'" + strings.Repeat(" + 'a'", 200000), "error 191/"},
		{"TRY blocks", deep("BEGIN TRY ", "SELECT 1", " END TRY BEGIN CATCH END CATCH", 100000), "error 191/"},
		{"COALESCE", "SELECT " + deep("COALESCE(NULL, ", "1", ")", 100000), "error 191/"},
		{"EXISTS", "SELECT 1 WHERE " + deep("EXISTS (SELECT 1 WHERE ", "1=1", ")", 100000), "error 191/"},
		{"nested joins", "SELECT 1 FROM " + deep("(dbo.ta JOIN ", "dbo.tb ON 1=1", " ON 1=1)", 100000), "error 191/"},
		{"CTE chain", "WITH c0 AS (SELECT 1 AS a)" + cteChain(2000) + " SELECT * FROM c2000", "--"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := &aggTrace{}
			if err := s.ExecBatch(ctx, c.q, out); err != nil {
				var se interface {
					SQLServerError() (int32, uint8, uint8)
				}
				if !errors.As(err, &se) {
					t.Fatalf("ExecBatch: %v", err)
				}
				n, sev, _ := se.SQLServerError()
				out.lines = append(out.lines, fmt.Sprintf("error %d/%d: %v", n, sev, err))
			}
			got := strings.Join(out.lines, "\n")
			if len(got) > 400 {
				got = got[:400]
			}
			if !strings.Contains(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
			t.Logf("%s", got)
		})
	}
}

func cteChain(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(", c")
		b.WriteString(itoa(i))
		b.WriteString(" AS (SELECT * FROM c")
		b.WriteString(itoa(i - 1))
		b.WriteString(")")
	}
	return b.String()
}

func itoa(i int) string {
	const d = "0123456789"
	if i < 10 {
		return d[i : i+1]
	}
	return itoa(i/10) + d[i%10:i%10+1]
}

// TestReviewTriggerRecursion (review, session 8): with SQL Server's
// defaults (RECURSIVE_TRIGGERS OFF, 'nested triggers' 1) only direct
// recursion is prevented: a trigger whose own write would fire it again
// does not, but a chain through another table's trigger comes back to it
// (indirect recursion) until the chain's own condition stops it or 217
// (an AFTER trigger fires also for no rows, hence the @@ROWCOUNT guards).
// The engine used to stop any trigger already running, so the chain below
// left tc {1, 3} and td {2}.
func TestReviewTriggerRecursion(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewtrg"))
	for _, q := range []string{
		"CREATE DATABASE reviewtrg",
		"USE reviewtrg",
		"CREATE TABLE dbo.tc (id int)",
		"CREATE TABLE dbo.td (id int)",
		"CREATE TABLE dbo.self (id int)",
		"CREATE TRIGGER dbo.trc ON dbo.tc AFTER INSERT AS IF @@ROWCOUNT > 0 INSERT dbo.td SELECT id + 1 FROM inserted WHERE id < 5",
		"CREATE TRIGGER dbo.trd ON dbo.td AFTER INSERT AS IF @@ROWCOUNT > 0 INSERT dbo.tc SELECT id + 1 FROM inserted WHERE id < 5",
		"CREATE PROCEDURE dbo.addself @id int AS INSERT dbo.self VALUES (@id)",
		"CREATE TRIGGER dbo.trself ON dbo.self AFTER INSERT AS BEGIN INSERT dbo.self SELECT id + 1 FROM inserted WHERE id < 5; DECLARE @n int = (SELECT MAX(id) + 10 FROM inserted); IF @n < 15 EXEC dbo.addself @n END",
		"INSERT dbo.tc VALUES (1)",
		"INSERT dbo.self VALUES (1)",
	} {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, l := range out.lines {
			if strings.HasPrefix(l, "error") {
				t.Fatalf("%s: %s", q, l)
			}
		}
	}
	for _, c := range []struct{ q, want string }{
		{"SELECT STRING_AGG(id, ',') WITHIN GROUP (ORDER BY id) FROM dbo.tc", "1,3,5"},
		{"SELECT STRING_AGG(id, ',') WITHIN GROUP (ORDER BY id) FROM dbo.td", "2,4"},
		// Direct recursion, also through a procedure the trigger calls.
		{"SELECT STRING_AGG(id, ',') WITHIN GROUP (ORDER BY id) FROM dbo.self", "1,2,11"},
	} {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, c.q, out); err != nil {
			t.Fatalf("%s: %v", c.q, err)
		}
		if len(out.lines) != 2 || out.lines[1] != c.want {
			t.Errorf("%s: got %q, want %q", c.q, out.lines, c.want)
		}
	}
}
