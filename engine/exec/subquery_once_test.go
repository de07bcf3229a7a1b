package exec_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestSubqueryOnce: an uncorrelated subquery reads its table once per
// statement (SET STATISTICS IO's scan count for it is 1, not one per outer
// row), a correlated one still once per outer row, and the answers are the
// row-by-row ones: NULLs in IN / NOT IN, case-insensitive strings, mixed
// types, 512 only when a row needs the value, NEWID() per row, an
// uncorrelated subquery nested in a correlated one, and a cached plan run
// again after the table changed.
func TestSubqueryOnce(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "subqonce"))
	run := func(q string) []string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out.lines
	}
	run(`CREATE TABLE dbo.o (k int PRIMARY KEY, v int NULL, s varchar(10) NULL)`)
	run(`CREATE TABLE dbo.i (k int PRIMARY KEY, v int NULL, s varchar(10) NULL)`)
	run(`CREATE TABLE dbo.e (k int PRIMARY KEY, v int NULL)`)
	run(`INSERT dbo.o SELECT value, value % 7, CHAR(97 + value % 5) FROM GENERATE_SERIES(1, 60)`)
	run(`INSERT dbo.i VALUES (1, 3, 'A'), (2, NULL, 'c'), (3, 5, NULL), (4, 6, 'E')`)
	run(`CREATE VIEW dbo.iv AS SELECT k, v FROM dbo.i`)
	run(`CREATE VIEW dbo.iu AS SELECT k, v FROM dbo.i WHERE k <= 2 UNION ALL SELECT k, v FROM dbo.i WHERE k > 2`)

	scanOfI := regexp.MustCompile(`^msg 3615: Table 'i'\. Scan count (\d+),`)
	rowsAndScans := func(q string) (rows []string, scans string, errs []string) {
		for _, l := range run("SET STATISTICS IO ON; " + q + "; SET STATISTICS IO OFF") {
			switch m := scanOfI.FindStringSubmatch(l); {
			case m != nil:
				scans = m[1]
			case strings.HasPrefix(l, "error "):
				errs = append(errs, l)
			case l != "--" && !strings.HasPrefix(l, "msg "):
				rows = append(rows, l)
			}
		}
		return rows, scans, errs
	}
	for _, tc := range []struct {
		name, q, rows, scans string
	}{
		{"scalar in WHERE", `SELECT COUNT(*) FROM dbo.o WHERE v >= (SELECT MAX(v) FROM dbo.i)`, "8", "1"},
		{"scalar in select list", `SELECT SUM(v - (SELECT MIN(v) FROM dbo.i)) FROM dbo.o`, "-2", "1"},
		{"IN", `SELECT COUNT(*) FROM dbo.o WHERE v IN (SELECT v FROM dbo.i)`, "25", "1"},
		// A NULL among the values: NOT IN is never TRUE.
		{"NOT IN with a NULL", `SELECT COUNT(*) FROM dbo.o WHERE v NOT IN (SELECT v FROM dbo.i)`, "0", "1"},
		{"NOT IN without NULLs", `SELECT COUNT(*) FROM dbo.o WHERE v NOT IN (SELECT v FROM dbo.i WHERE v IS NOT NULL)`, "35", "1"},
		// The default collation is case-insensitive: 'a' IN ('A', …).
		{"IN over strings", `SELECT COUNT(*) FROM dbo.o WHERE s IN (SELECT s FROM dbo.i)`, "36", "1"},
		// varchar against int: compared one by one, as before.
		{"IN over mixed types", `SELECT COUNT(*) FROM dbo.o WHERE CAST(v AS varchar(5)) IN (SELECT v FROM dbo.i)`, "25", "1"},
		{"EXISTS", `SELECT COUNT(*) FROM dbo.o WHERE EXISTS (SELECT 1 FROM dbo.i WHERE v = 6)`, "60", "1"},
		{"NOT EXISTS", `SELECT COUNT(*) FROM dbo.o WHERE NOT EXISTS (SELECT 1 FROM dbo.i WHERE v = 7)`, "60", "1"},
		{"ALL", `SELECT COUNT(*) FROM dbo.o WHERE v >= ALL (SELECT v FROM dbo.i WHERE v IS NOT NULL)`, "8", "1"},
		{"ANY", `SELECT COUNT(*) FROM dbo.o WHERE v < ANY (SELECT v FROM dbo.i)`, "52", "1"},
		// Over a view: the view's own columns resolve inside the subquery.
		{"scalar over a view", `SELECT COUNT(*) FROM dbo.o WHERE v >= (SELECT MAX(v) FROM dbo.iv)`, "8", "1"},
		{"IN over a view", `SELECT COUNT(*) FROM dbo.o WHERE v IN (SELECT v FROM dbo.iv)`, "25", "1"},
		{"EXISTS over a UNION ALL view", `SELECT COUNT(*) FROM dbo.o WHERE EXISTS (SELECT 1 FROM dbo.iu WHERE v = 6)`, "60", "2"},
		{"scalar over a derived table", `SELECT COUNT(*) FROM dbo.o WHERE v >= (SELECT MAX(x) FROM (SELECT v AS x FROM dbo.i) AS d)`, "8", "1"},
		// Correlated: one run per outer row (a seek: scan count 0 each).
		{"correlated", `SELECT COUNT(*) FROM dbo.o WHERE v = (SELECT v FROM dbo.i WHERE i.k = o.k)`, "0", "0"},
		// Uncorrelated inside a correlated subquery: its own single run.
		{"nested", `SELECT SUM(x) FROM (SELECT (SELECT COUNT(*) FROM dbo.o AS m WHERE m.k <= o.k
			AND m.v IN (SELECT v FROM dbo.i)) AS x FROM dbo.o WHERE o.k <= 10) AS d`, "20", "1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, scans, errs := rowsAndScans(tc.q)
			if got := strings.Join(rows, ";"); got != tc.rows || len(errs) > 0 {
				t.Errorf("rows %q errors %q, want %q", got, errs, tc.rows)
			}
			if scans != tc.scans {
				t.Errorf("scan count of dbo.i %q, want %q", scans, tc.scans)
			}
		})
	}

	// 512 is raised when a row needs the value, not before.
	if _, _, errs := rowsAndScans(`SELECT k FROM dbo.e WHERE v = (SELECT v FROM dbo.i)`); len(errs) != 0 {
		t.Errorf("no outer row: %q, want no error", errs)
	}
	if _, _, errs := rowsAndScans(`SELECT k FROM dbo.o WHERE v = (SELECT v FROM dbo.i)`); len(errs) != 1 || !strings.HasPrefix(errs[0], "error 512/16") {
		t.Errorf("outer rows: %q, want 512", errs)
	}

	// NEWID() in the subquery: a value per row, as before.
	if got := run(`SELECT COUNT(DISTINCT g) FROM (SELECT (SELECT NEWID()) AS g FROM dbo.o) AS d`); firstValue(got) != "60" {
		t.Errorf("NEWID per row: %q, want 60 distinct", got)
	}

	// A view whose definition calls NEWID(), directly or through another
	// view: per row too.
	run(`CREATE VIEW dbo.gv AS SELECT NEWID() AS g FROM dbo.i`)
	run(`CREATE VIEW dbo.gv2 AS SELECT g FROM dbo.gv`)
	for _, v := range []string{"dbo.gv", "dbo.gv2"} {
		if got := run(`SELECT COUNT(DISTINCT g) FROM (SELECT (SELECT MAX(g) FROM ` + v + `) AS g FROM dbo.o) AS d`); firstValue(got) != "60" {
			t.Errorf("NEWID in %s per row: %q, want 60 distinct", v, got)
		}
	}

	// A plan run again (a procedure) reads the table as it is now.
	run(`CREATE PROCEDURE dbo.above AS SELECT COUNT(*) FROM dbo.o WHERE v >= (SELECT MAX(v) FROM dbo.i)`)
	for i, want := range []string{"8", "16", "0"} {
		switch i {
		case 1:
			run(`UPDATE dbo.i SET v = 5 WHERE v = 6`)
		case 2:
			run(`UPDATE dbo.i SET v = 9 WHERE k = 1`)
		}
		if got := run(`EXEC dbo.above`); firstValue(got) != want {
			t.Errorf("run %d: %q, want %s", i+1, got, want)
		}
	}

	// UPDATE … SET from the table it updates: the starting state.
	run(`UPDATE dbo.e SET v = v`)
	run(`INSERT dbo.e VALUES (1, 1), (2, 2), (3, 3)`)
	run(`UPDATE dbo.e SET v = (SELECT MAX(v) FROM dbo.e) + k`)
	if got := fmt.Sprint(run(`SELECT v FROM dbo.e ORDER BY k`)); got != "[-- 4 5 6]" {
		t.Errorf("UPDATE: %s, want 4 5 6", got)
	}
}

// firstValue is the first row's text in an aggTrace's lines.
func firstValue(lines []string) string {
	for _, l := range lines {
		if l != "--" && !strings.HasPrefix(l, "msg ") && !strings.HasPrefix(l, "error ") {
			return l
		}
	}
	return ""
}
