package exec_test

import (
	"testing"
)

// TestAnsiNullsOffIn: under SET ANSI_NULLS OFF, x IN (…) is x = … OR x = …
// and each comparison with the NULL literal or a variable follows the
// option, as SQL Server documents for = and <>: k IN (10, NULL) finds the
// NULL row and k NOT IN (10, NULL) the rows other than 10 (it found none);
// with ANSI_NULLS ON a NULL item matches nothing. An index on k (whose IN
// seeks must not skip the NULL alternative) answers as the heap does.
func TestAnsiNullsOffIn(t *testing.T) {
	run := newPlanProbe(t, "ansinullsin").rowsText
	run(`CREATE TABLE dbo.h (id int PRIMARY KEY, k int NULL);
INSERT dbo.h VALUES (1, 10), (2, 20), (3, NULL), (4, 30);
SELECT * INTO dbo.hx FROM dbo.h; CREATE INDEX ix_k ON dbo.hx (k)`)
	cases := []struct{ where, off, on string }{
		{"k IN (10, NULL)", "1,3", "1"},
		{"k IN (@n, 20)", "2,3", "2"},
		{"k NOT IN (10, NULL)", "2,4", ""},
		{"k NOT IN (@n)", "1,2,4", ""},
		{"k IN (10, 20)", "1,2", "1,2"},
		{"k NOT IN (10, 20)", "4", "4"},
		{"@n IN (k, 5)", "3", ""},
		{"k IN (k, NULL)", "1,2,3,4", "1,2,4"},
	}
	for _, tc := range cases {
		for _, tbl := range []string{"dbo.h", "dbo.hx"} {
			q := "DECLARE @n int = NULL; SELECT id FROM " + tbl + " WHERE " + tc.where + " ORDER BY id"
			if got := run("SET ANSI_NULLS OFF; " + q + "; SET ANSI_NULLS ON"); got != tc.off {
				t.Errorf("ANSI_NULLS OFF, %s: got %q, want %q", q, got, tc.off)
			}
			if got := run(q); got != tc.on {
				t.Errorf("ANSI_NULLS ON, %s: got %q, want %q", q, got, tc.on)
			}
		}
	}
}

// TestAnsiNullsOffJoinOn: a join's ON comparing a column with a variable or
// NULL follows SET ANSI_NULLS OFF like the WHERE does — FROM h JOIN g ON
// h.k = @n with @n NULL pairs h's NULL row with every g row. The hash join
// took h.k = @n as a key, which never matches NULL, and skipped the ON
// (0 rows); with ANSI_NULLS ON it is 0 rows.
func TestAnsiNullsOffJoinOn(t *testing.T) {
	run := newPlanProbe(t, "ansinullson").rowsText
	run(`CREATE TABLE dbo.h (id int PRIMARY KEY, k int NULL);
INSERT dbo.h VALUES (1, 10), (2, NULL);
CREATE TABLE dbo.g (id int NULL, v int NULL);
INSERT dbo.g VALUES (1, 10), (2, NULL), (3, 30)`)
	cases := []struct{ q, off, on string }{
		{"SELECT COUNT(*) FROM dbo.h JOIN dbo.g ON h.k = @n", "3", "0"},
		{"SELECT COUNT(*) FROM dbo.h JOIN dbo.g ON g.v = @n", "2", "0"},
		{"SELECT COUNT(*) FROM dbo.h JOIN dbo.g ON h.id = g.id AND g.v = @n", "1", "0"},
		{"SELECT COUNT(*) FROM dbo.h LEFT JOIN dbo.g ON h.id = g.id AND g.v = NULL WHERE g.id IS NOT NULL", "1", "0"},
		{"SELECT COUNT(*) FROM dbo.h, dbo.g WHERE h.k = @n", "3", "0"},
		{"SELECT COUNT(*) FROM dbo.h JOIN dbo.g ON h.k = g.v", "1", "1"},
	}
	for _, tc := range cases {
		q := "DECLARE @n int = NULL; " + tc.q
		if got := run("SET ANSI_NULLS OFF; " + q + "; SET ANSI_NULLS ON"); got != tc.off {
			t.Errorf("ANSI_NULLS OFF, %s: got %q, want %q", q, got, tc.off)
		}
		if got := run(q); got != tc.on {
			t.Errorf("ANSI_NULLS ON, %s: got %q, want %q", q, got, tc.on)
		}
	}
}
