package exec_test

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestJoinLeftmostSeek: a WHERE conjunct on a join's leftmost table, or on
// the first table of a comma-separated FROM, seeks that table instead of
// reading it whole (SET STATISTICS IO's logical reads of l drop), and every
// join kind returns the rows it returns when the same condition cannot seek
// (written l.k + 0, which no index serves) — on random data with NULLs.
func TestJoinLeftmostSeek(t *testing.T) {
	p := newPlanProbe(t, "joinseek")
	p.run(`CREATE TABLE dbo.l (k int PRIMARY KEY, j int NULL, g int NULL)`)
	p.run(`CREATE TABLE dbo.r (k int PRIMARY KEY, j int NULL)`)
	p.run(`CREATE INDEX l_g ON dbo.l (g)`)
	val := intOrNull(rand.New(rand.NewSource(27)))
	p.insertRows("dbo.l", 3000, func(i int) string { return fmt.Sprintf("(%d, %s, %s)", i, val(40), val(50)) })
	p.insertRows("dbo.r", 60, func(i int) string { return fmt.Sprintf("(%d, %s)", i*3, val(40)) })
	query := func(q string) ([]string, int) { return p.readsAndRows(q, "l", true) }
	froms := []string{
		"dbo.l AS l JOIN dbo.r AS r ON r.j = l.j",
		"dbo.l AS l LEFT JOIN dbo.r AS r ON r.j = l.j",
		"dbo.l AS l RIGHT JOIN dbo.r AS r ON r.j = l.j",
		"dbo.l AS l FULL JOIN dbo.r AS r ON r.j = l.j",
		"dbo.l AS l CROSS APPLY (SELECT TOP (1) r.k AS rk FROM dbo.r AS r WHERE r.j = l.j ORDER BY r.k) AS r",
		"dbo.l AS l OUTER APPLY (SELECT TOP (1) r.k AS rk FROM dbo.r AS r WHERE r.j = l.j ORDER BY r.k) AS r",
		"dbo.l AS l, dbo.r AS r",
		"(dbo.l AS l JOIN dbo.r AS r ON r.j = l.j) LEFT JOIN dbo.r AS r2 ON r2.k = l.k",
	}
	// Each condition in a seekable form and its twin that no index serves.
	conds := [][2]string{
		{"l.k < 200", "l.k + 0 < 200"},
		{"l.k BETWEEN 1000 AND 1100", "l.k + 0 BETWEEN 1000 AND 1100"},
		{"l.k = 2999", "l.k + 0 = 2999"},
		{"l.k >= 2900 AND l.j > 5", "l.k + 0 >= 2900 AND l.j > 5"},
		// A nonclustered seek with a lookup per row may cost more pages than
		// this small table's scan: only the rows are compared.
		{"l.g = 7", "l.g + 0 = 7"},
	}
	for _, from := range froms {
		for _, c := range conds {
			where := c[0]
			if strings.HasSuffix(from, "dbo.r AS r") && !strings.Contains(from, "JOIN") {
				where += " AND r.j = l.j"
			}
			twin := strings.Replace(where, c[0], c[1], 1)
			sel := "SELECT l.k, l.j, l.g, r.k FROM "
			if strings.Contains(from, "APPLY") {
				sel = "SELECT l.k, l.j, l.g, r.rk FROM "
			}
			got, seekReads := query(sel + from + " WHERE " + where)
			want, scanReads := query(sel + from + " WHERE " + twin)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s WHERE %s: %d rows, want the %d rows of WHERE %s", from, where, len(got), len(want), twin)
			}
			if len(want) == 0 && !strings.Contains(c[0], "2999") {
				t.Errorf("%s WHERE %s: no rows; the data does not exercise it", from, twin)
			}
			if seekReads*4 > scanReads && !strings.HasPrefix(c[0], "l.g") {
				t.Errorf("%s WHERE %s: l read %d logical pages, the unseekable twin %d: no seek", from, where, seekReads, scanReads)
			}
		}
	}
}

// BenchmarkJoinLeftmostSeek: 20 of 50,000 rows of the leftmost table joined
// to a 100-row table through its primary key; before the WHERE reached the
// leftmost table, every run read all 50,000.
func BenchmarkJoinLeftmostSeek(b *testing.B) {
	ctx := context.Background()
	s := newSASession(b, openExecTestInstance(b, "joinseekbench"))
	run := func(q string) {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	run(`CREATE TABLE dbo.big (id int PRIMARY KEY, cat int NOT NULL)`)
	run(`CREATE TABLE dbo.cats (cid int PRIMARY KEY, label varchar(10) NOT NULL)`)
	run(`INSERT dbo.big SELECT value, value % 100 FROM GENERATE_SERIES(1, 50000)`)
	run(`INSERT dbo.cats SELECT value, 'c' + CAST(value AS varchar(5)) FROM GENERATE_SERIES(0, 99)`)
	for _, bc := range []struct{ name, q string }{
		{"join", `SELECT COUNT(*) FROM dbo.big b JOIN dbo.cats c ON c.cid = b.cat WHERE b.id BETWEEN 25000 AND 25019`},
		{"comma", `SELECT COUNT(*) FROM dbo.big b, dbo.cats c WHERE c.cid = b.cat AND b.id BETWEEN 25000 AND 25019`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				run(bc.q)
			}
		})
	}
}
