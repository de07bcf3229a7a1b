package exec_test

import (
	"slices"
	"strings"
	"testing"
)

// TestSeekTippingPointOrderBy: an ORDER BY without TOP that a nonclustered
// seek reads in order no longer keeps the seek however many rows it looks
// up (seektip.go tippedSort): past the tipping point it reads the scan's
// pages and sorts, as SQL Server weighs scan + sort against the lookups;
// below it, it keeps the seek and its order. The rows, in order, equal
// those of the same query over an index-less heap. TOP and OFFSET stop
// the ordered read early and keep the seek; a sniffed plan chooses again
// for each execution's values. dbo.tip is TestSeekTippingPoint's.
func TestSeekTippingPointOrderBy(t *testing.T) {
	p := newPlanProbe(t, "seektiporder")
	p.run("CREATE TABLE dbo.tip (id int PRIMARY KEY, cat int NOT NULL, pad varchar(40) NOT NULL); CREATE INDEX ix_cat ON dbo.tip (cat)")
	p.run("CREATE TABLE dbo.tiph (id int NOT NULL, cat int NOT NULL, pad varchar(40) NOT NULL)")
	p.run("INSERT dbo.tip SELECT value, CASE WHEN value > 4990 THEN value - 3990 ELSE value % 100 END, REPLICATE('x', 30) FROM GENERATE_SERIES(1, 5000)")
	p.run("INSERT dbo.tiph SELECT * FROM dbo.tip")
	_, scanReads := p.readsAndRows("SELECT * FROM dbo.tip WITH (INDEX (0))", "tip", false)
	// Two cached plans: each keeps the choice its first values made
	// (SQL Server's parameter sniffing), and returns its rows in order.
	const procA = "EXEC sp_executesql N'SELECT id, pad FROM dbo.tip WHERE cat > @c ORDER BY cat, id', N'@c int', @c = "
	const procB = "EXEC sp_executesql N'SELECT id, pad FROM dbo.tip WHERE cat >= @c ORDER BY cat, id', N'@c int', @c = "
	for _, tc := range []struct {
		q    string
		scan bool // read as a scan: the scan's reads
		max  int  // else at most this many reads
	}{
		{"SELECT * FROM dbo.tip WHERE cat > 50 ORDER BY cat, id", true, 0},
		{"SELECT id, pad FROM dbo.tip WHERE cat BETWEEN 10 AND 60 ORDER BY cat DESC, id DESC", true, 0},
		{"DECLARE @c int = 40; SELECT id, pad FROM dbo.tip WHERE cat >= @c ORDER BY cat, id", true, 0},
		{"SELECT * FROM dbo.tip WHERE cat = 7 ORDER BY id", false, 51},
		{"SELECT id, pad FROM dbo.tip WHERE cat > 1000 ORDER BY cat, id", false, 12},
		{"SELECT id, pad FROM dbo.tip WHERE cat > 1000 ORDER BY cat DESC, id DESC", false, 12},
		// TOP and OFFSET stop the ordered seek: it is kept.
		{"SELECT TOP (5) id, pad FROM dbo.tip WHERE cat > 50 ORDER BY cat, id", false, 8},
		{"SELECT id, pad FROM dbo.tip WHERE cat > 50 ORDER BY cat, id OFFSET 3 ROWS FETCH NEXT 2 ROWS ONLY", false, 8},
		// A covering read never tips.
		{"SELECT cat, id FROM dbo.tip WHERE cat > 50 ORDER BY cat, id", false, scanReads / 2},
		{procA + "20", true, 0},
		{procA + "1008", true, 0},
		{procB + "1005", false, 8},
		{procB + "20", false, 10000},
	} {
		got, reads := p.readsAndRows(tc.q, "tip", false)
		want, _ := p.readsAndRows(strings.ReplaceAll(tc.q, "dbo.tip", "dbo.tiph"), "tiph", false)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: %d rows in another order or other rows than the heap's %d", tc.q, len(got), len(want))
		}
		switch {
		case tc.scan && reads != scanReads:
			t.Errorf("%s: %d logical reads, want a scan's %d", tc.q, reads, scanReads)
		case !tc.scan && reads > tc.max:
			t.Errorf("%s: %d logical reads, want at most %d", tc.q, reads, tc.max)
		}
		t.Logf("%s: %d reads", tc.q, reads)
	}
}

// BenchmarkSeekTippingPointOrderBy is BenchmarkSeekTippingPoint's table
// read with an ORDER BY that ix_cat gives: nonselective (49,001 rows)
// tips to a scan and a sort, margin (cat = 7, 1,000 rows) keeps the
// ordered seek. cpu-ns/op is process CPU per statement. A/B against the
// previous tree with the same file:
//
//	go test ./engine/exec -run '^$' -bench SeekTippingPointOrderBy -count 1 -benchtime 10x
func BenchmarkSeekTippingPointOrderBy(b *testing.B) {
	s := benchSession(b, "tipob", "CREATE DATABASE tipob", "USE tipob",
		"CREATE TABLE dbo.tip (id int PRIMARY KEY, cat int NOT NULL, pad varchar(40) NOT NULL)",
		"CREATE INDEX ix_cat ON dbo.tip (cat)",
		"INSERT dbo.tip SELECT value, CASE WHEN value > 99990 THEN value - 98990 ELSE value % 100 END, REPLICATE('x', 30) FROM GENERATE_SERIES(1, 100000)")
	benchQueries(b, s, []benchQuery{
		{"nonselective", "SELECT id, pad FROM dbo.tip WHERE cat > 50 ORDER BY cat, id", 49001},
		{"margin", "SELECT id, pad FROM dbo.tip WHERE cat = 7 ORDER BY id", 1000},
	})
}
