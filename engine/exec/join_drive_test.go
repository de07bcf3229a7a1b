package exec_test

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestJoinDrivingTable: A JOIN B ON … WHERE <seek on B> reads B first and
// seeks A per B row when the ON lets it (the ORM shape: orders joined to
// the customer picked by the WHERE) — SET STATISTICS IO's logical reads of
// both tables drop — and returns the rows, columns in the written order,
// that the same query returns when A cannot seek (its ON written l.g + 0).
func TestJoinDrivingTable(t *testing.T) {
	p := newPlanProbe(t, "joindrive")
	p.run(`CREATE TABLE dbo.l (k int PRIMARY KEY, j int NULL, g int NULL)`)
	p.run(`CREATE TABLE dbo.r (k int PRIMARY KEY, j int NULL, name varchar(10) NULL)`)
	p.run(`CREATE INDEX l_g ON dbo.l (g)`)
	p.run(`CREATE INDEX r_j ON dbo.r (j)`) // as written, r is sought per l row
	val := intOrNull(rand.New(rand.NewSource(27)))
	p.insertRows("dbo.l", 20000, func(i int) string { return fmt.Sprintf("(%d, %s, %s)", i, val(40), val(400)) })
	p.insertRows("dbo.r", 60, func(i int) string { return fmt.Sprintf("(%d, %s, 'n%d')", i, val(400), i%7) })
	query := func(q string) ([]string, int) { return p.readsAndRows(q, "l|r", true) }
	run := p.run
	for _, tc := range []struct{ q, twin string }{
		{`SELECT * FROM dbo.l AS l JOIN dbo.r AS r ON l.g = r.j WHERE r.k = 30`, ""},
		{`SELECT l.k, r.name FROM dbo.l AS l INNER JOIN dbo.r AS r ON r.j = l.g WHERE r.k BETWEEN 10 AND 14`, ""},
		{`SELECT l.*, r.k FROM dbo.l l JOIN dbo.r r ON l.g = r.j AND l.j > 5 WHERE r.k < 6 AND r.name <> 'n3'`, ""},
		{`SELECT COUNT(*), SUM(l.k) FROM dbo.l AS l JOIN dbo.r AS r ON l.k = r.k * 300 WHERE r.k IN (3) OR r.k = 7`, "no seek"},
		// l's primary key: at most one l row per r row, so r drives even
		// where the written plan would hash r.
		{`SELECT l.k, l.g FROM dbo.l AS l JOIN dbo.r AS r ON l.k = r.j * 40 WHERE r.k BETWEEN 20 AND 29`, ""},
		{`SELECT COUNT(*), SUM(l.k) FROM dbo.l AS l JOIN dbo.r AS r ON l.k = r.k * 300 WHERE r.k >= 50`, ""},
		{`SELECT l.k, r.k, r2.name FROM dbo.l AS l JOIN dbo.r AS r ON l.g = r.j JOIN dbo.r AS r2 ON r2.k = l.j WHERE r.k = 12`, ""},
		// A LEFT JOIN whose WHERE rejects the NULL-extended rows is an inner
		// join, and r drives it; one whose WHERE keeps them is not.
		{`SELECT l.k, r.name FROM dbo.l AS l LEFT JOIN dbo.r AS r ON l.g = r.j WHERE r.k = 30`, ""},
		{`SELECT l.k, r.name FROM dbo.l AS l LEFT OUTER JOIN dbo.r AS r ON r.j = l.g WHERE r.k BETWEEN 10 AND 14 AND l.j > 3`, ""},
		{`SELECT l.k, r.k FROM dbo.l AS l LEFT JOIN dbo.r AS r ON l.g = r.j WHERE r.k IS NULL AND l.k < 300`, "keeps NULLs"},
		{`SELECT l.k, r.k FROM dbo.l AS l LEFT JOIN dbo.r AS r ON l.g = r.j WHERE (r.k = 30 OR r.k IS NULL) AND l.k < 300`, "keeps NULLs"},
	} {
		// The twin is the written plan: l read whole and r sought per l
		// row (INDEX(r_j): left alone, the join would hash r when l proves
		// large, join_seek_or_hash.go).
		twin := strings.NewReplacer("l.g = r.j", "l.g + 0 = r.j", "r.j = l.g", "r.j = l.g + 0", "l.k = r.k", "l.k + 0 = r.k", "l.k = r.j", "l.k + 0 = r.j",
			"dbo.r AS r ON", "dbo.r AS r WITH (INDEX(r_j)) ON", "dbo.r r ON", "dbo.r r WITH (INDEX(r_j)) ON").Replace(tc.q)
		got, driveReads := query(tc.q)
		want, asWritten := query(twin)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: %d rows %q, want the %d rows of %s %q", tc.q, len(got), got, len(want), twin, want)
		}
		t.Logf("%s: %d rows, %d logical reads (as written %d)", tc.q, len(got), driveReads, asWritten)
		if len(want) == 0 {
			t.Errorf("%s: no rows; the data does not exercise it", twin)
		}
		if tc.twin == "" && driveReads*2 > asWritten {
			t.Errorf("%s: %d logical reads, as written %d: r did not drive", tc.q, driveReads, asWritten)
		}
	}
	// UPDATE … FROM with the same shape changes the same rows.
	before, _ := query(`SELECT k, j FROM dbo.l WHERE g IN (SELECT j FROM dbo.r WHERE k = 30)`)
	run(`UPDATE l SET j = -1 FROM dbo.l AS l JOIN dbo.r AS r ON l.g = r.j WHERE r.k = 30`)
	after, _ := query(`SELECT k FROM dbo.l WHERE j = -1`)
	if len(after) != len(before) || len(after) == 0 {
		t.Errorf("UPDATE … FROM: %d rows set, want %d", len(after), len(before))
	}
}

// BenchmarkJoinDrivingTable: Entity Framework's shape — 100,000 orders
// joined to the one customer (of 1,000) the WHERE picks by e-mail. As
// written it read every order and sought its customer.
func BenchmarkJoinDrivingTable(b *testing.B) {
	ctx := context.Background()
	s := newSASession(b, openExecTestInstance(b, "joindrivebench"))
	run := func(q string) {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	run(`CREATE TABLE dbo.Customers (Id int PRIMARY KEY, Email nvarchar(100) NOT NULL UNIQUE)`)
	run(`CREATE TABLE dbo.Orders (Id int PRIMARY KEY, CustomerId int NOT NULL, Total decimal(10,2) NOT NULL)`)
	run(`CREATE INDEX IX_Orders_CustomerId ON dbo.Orders (CustomerId)`)
	run(`INSERT dbo.Customers SELECT value, CONCAT(N'c', value, N'@example.com') FROM GENERATE_SERIES(1, 1000)`)
	run(`INSERT dbo.Orders SELECT value, value % 1000 + 1, value % 97 FROM GENERATE_SERIES(1, 100000)`)
	q := `SELECT [o].[Id], [o].[Total] FROM [Orders] AS [o] INNER JOIN [Customers] AS [c] ON [o].[CustomerId] = [c].[Id] WHERE [c].[Email] = N'c417@example.com'`
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		run(q)
	}
}
