package exec_test

import (
	"slices"
	"strings"
	"testing"
)

// TestOrderSeekNonclustered: with a clustered key (cust, id) and an index
// on (cust, odate), MAX(odate) or MIN(odate) … WHERE cust = @c and TOP …
// ORDER BY odate read the end of the customer's entries in the index (SET
// STATISTICS IO's logical reads), not the customer's clustered range
// sorted — when the index covers the query or the WHERE has nothing but
// the seek's equalities; each query's rows equal its twin's, which no
// index serves (cust + 0). An index hint and a WHERE the index cannot
// judge keep the clustered seek (rows only).
func TestOrderSeekNonclustered(t *testing.T) {
	p := newPlanProbe(t, "orderseek")
	p.run(`CREATE TABLE dbo.o (cust int NOT NULL, id int NOT NULL, odate int NULL, amt int NULL, pad char(40) NOT NULL DEFAULT '', PRIMARY KEY (cust, id))`)
	p.run(`CREATE INDEX o_cd ON dbo.o (cust, odate)`)
	p.run(`INSERT dbo.o (cust, id, odate, amt) SELECT value % 5, value, CASE WHEN value % 45 = 0 THEN NULL ELSE value * 7919 % 977 END, value % 13 FROM GENERATE_SERIES(1, 40000)`)
	twin := strings.NewReplacer("cust = ", "cust + 0 = ")
	for _, tc := range []struct {
		q        string
		maxReads int // 0: rows only
	}{
		{`SELECT MAX(odate) FROM dbo.o WHERE cust = 3`, 2},
		{`SELECT MIN(odate) FROM dbo.o WHERE cust = 3`, 3},
		{`SELECT MIN(odate), MAX(odate) FROM dbo.o WHERE cust = 0`, 5},
		{`DECLARE @c int = 2, @m int; SELECT @m = MAX(odate) FROM dbo.o AS x WHERE x.cust = @c; SELECT @m`, 2},
		{`SELECT TOP (1) odate, id FROM dbo.o WHERE cust = 3 ORDER BY odate DESC, id DESC`, 2},
		{`SELECT TOP (2) id, amt FROM dbo.o WHERE cust = 1 ORDER BY odate DESC, id DESC`, 6},
		{`SELECT TOP (3) odate, id FROM dbo.o WHERE cust = 4 AND odate > 500 ORDER BY odate, id`, 2},
		{`SELECT MAX(odate) FROM dbo.o WHERE cust = 7`, 2},
		// Kept: a hint, a WHERE the index cannot judge without lookups.
		{`SELECT MAX(odate) FROM dbo.o WITH (INDEX (1)) WHERE cust = 3`, 0},
		{`SELECT TOP (2) id, amt FROM dbo.o WHERE cust = 1 AND amt > 5 ORDER BY odate, id`, 0},
	} {
		got, reads := p.readsAndRows(tc.q, "o", false)
		tw := twin.Replace(tc.q)
		if tw == tc.q {
			t.Fatalf("%s: no twin", tc.q)
		}
		want, _ := p.readsAndRows(tw, "o", false)
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", tc.q, got, want)
		}
		if tc.maxReads > 0 && reads > tc.maxReads {
			t.Errorf("%s: %d logical reads, want at most %d", tc.q, reads, tc.maxReads)
		}
		t.Logf("%s: %d reads", tc.q, reads)
	}
}

// BenchmarkOrderSeekNonclustered measures MAX(odate) and TOP (1) … ORDER
// BY odate DESC after WHERE cust = 3 on 100,000 rows of 10 customers,
// clustered (cust, id) with an index on (cust, odate): the index's end
// against the customer's 10,000 rows read and sorted. cpu-ns/op is process
// CPU per statement. A/B against the previous tree with the same file:
//
//	go test ./engine/exec -run '^$' -bench OrderSeekNonclustered -count 1 -benchtime 20x
func BenchmarkOrderSeekNonclustered(b *testing.B) {
	s := benchSession(b, "osb", "CREATE DATABASE osb", "USE osb",
		"CREATE TABLE dbo.o (cust int NOT NULL, id int NOT NULL, odate int NOT NULL, amt int NULL, PRIMARY KEY (cust, id))",
		"CREATE INDEX o_cd ON dbo.o (cust, odate)",
		"INSERT dbo.o SELECT value % 10, value, value * 7919 % 977, value % 13 FROM GENERATE_SERIES(1, 100000)")
	benchQueries(b, s, []benchQuery{
		{"max", "SELECT MAX(odate) FROM dbo.o WHERE cust = 3", 1},
		{"top1", "SELECT TOP (1) id, amt FROM dbo.o WHERE cust = 3 ORDER BY odate DESC, id DESC", 1},
	})
}
