package exec_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestJoinImpliedOuterJoinRows: an equality implied through a LEFT JOIN's
// ON must not seek away rows the outer join keeps. A LEFT OUTER JOIN
// returns every row of its left input, ON deciding only which right rows
// join it (SQL Server's FROM documentation, "LEFT [ OUTER ]"), so an ON
// equality between two left-side columns says nothing about the kept rows:
// `c LEFT JOIN b ON c.x = c.y … WHERE c.x = 5` keeps the rows of c with
// x = 5 whatever their y, and seeking c by the derived y = 5 dropped them
// (session 31's implied equalities). Each query's rows must equal its
// twin's, whose WHERE column is hidden from every seek (+ 0).
func TestJoinImpliedOuterJoinRows(t *testing.T) {
	p := newPlanProbe(t, "joinimpliedouter")
	p.run(`CREATE TABLE dbo.c (id int PRIMARY KEY, x int NOT NULL, y int NOT NULL, INDEX ix_y (y))`)
	p.run(`CREATE TABLE dbo.b (id int PRIMARY KEY, k int NULL, INDEX ix_k (k))`)
	p.run(`INSERT dbo.c SELECT value, value % 50, value % 7 FROM GENERATE_SERIES(1, 2000)`)
	p.run(`INSERT dbo.b SELECT value, value % 9 FROM GENERATE_SERIES(1, 60)`)
	for _, tc := range []struct{ q, from, to string }{
		// Both columns of the ON equality on the preserved side.
		{`SELECT c.id, b.id FROM dbo.c LEFT JOIN dbo.b ON c.x = c.y AND b.id = c.id WHERE c.x = 5`, "c.x = 5", "c.x + 0 = 5"},
		{`SELECT c.id, b.id FROM dbo.c LEFT JOIN dbo.b ON c.y = c.x AND b.id = c.id WHERE c.x = 5`, "c.x = 5", "c.x + 0 = 5"},
		{`SELECT c.id, b.id FROM dbo.c LEFT JOIN dbo.b ON c.x = c.id AND b.id = c.id WHERE c.x = 5`, "c.x = 5", "c.x + 0 = 5"},
		{`SELECT c.id, b.id FROM dbo.c LEFT JOIN (SELECT id FROM dbo.b) b ON c.x = c.y AND b.id = c.id WHERE c.x = 5`, "c.x = 5", "c.x + 0 = 5"},
		{`DECLARE @v int = 3; SELECT c.id, b.id FROM dbo.c LEFT JOIN dbo.b ON c.y = c.x AND b.k = c.y WHERE c.x = @v`, "c.x = @v", "c.x + 0 = @v"},
		// … under a LEFT JOIN that is the right side of another.
		{`SELECT c.id, b.id, c2.id FROM dbo.c LEFT JOIN (dbo.c c2 LEFT JOIN dbo.b ON c2.x = c2.y AND b.id = c2.id) ON c2.id = c.id AND c2.x = 5 WHERE c.id < 400`, "c2.x = 5", "c2.x + 0 = 5"},
		// … and the ON column of an enclosing query: the inner query keeps
		// its c rows whatever the outer row.
		{`SELECT o.id, (SELECT COUNT(*) FROM dbo.c LEFT JOIN dbo.b ON c.y = o.k AND b.id = c.id WHERE o.k = 4) FROM dbo.b o`, "o.k = 4", "o.k + 0 = 4"},
		// Still derived, and right: the equality names the right side.
		{`SELECT c.id, b.id FROM dbo.c LEFT JOIN dbo.b ON b.k = c.y WHERE c.y = 3`, "c.y = 3", "c.y + 0 = 3"},
		{`SELECT c.id, b.id FROM dbo.c LEFT JOIN dbo.b ON b.k = c.y WHERE b.k = 3`, "b.k = 3", "b.k + 0 = 3"},
		{`SELECT c.id, b.id FROM dbo.c JOIN dbo.b ON c.x = c.y AND b.id = c.id WHERE c.x = 5`, "c.x = 5", "c.x + 0 = 5"},
	} {
		twin := strings.Replace(tc.q, tc.from, tc.to, 1)
		if twin == tc.q {
			t.Fatalf("%s: no twin", tc.q)
		}
		got, _ := p.readsAndRows(tc.q, "c|b", true)
		want, _ := p.readsAndRows(twin, "c|b", true)
		if len(want) == 0 {
			t.Errorf("%s: the twin returns no rows", tc.q)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %d rows\nwant %d rows of %s", tc.q, len(got), len(want), twin)
		}
	}
}

// TestJoinImpliedRoundedCompare: an ON equality that rounds one of its
// columns carries no value to the other. float = bigint compares the
// bigint converted to float (SQL Server's "Data type precedence": the
// lower type converts), so f = 9007199254740993 holds for f = 2⁵³ and
// both k = 2⁵³ and k = 2⁵³ + 1 join it; seeking k by the exact value
// 2⁵³ + 1 dropped the other row. varchar = decimal(10,2) rounds the
// string to two places, which WHERE s = 5.0010 (four places) does not.
func TestJoinImpliedRoundedCompare(t *testing.T) {
	p := newPlanProbe(t, "joinimpliedround")
	p.run(`CREATE TABLE dbo.ff (id int PRIMARY KEY, f float NOT NULL, s varchar(10) NOT NULL)`)
	p.run(`CREATE TABLE dbo.fk (k bigint PRIMARY KEY, d decimal(10,2) NOT NULL, INDEX ix_d (d))`)
	p.run(`INSERT dbo.ff VALUES (1, 9007199254740992, '5.001')`)
	p.run(`INSERT dbo.fk VALUES (9007199254740992, 5.00), (9007199254740993, 5.01), (9007199254740994, 6)`)
	for _, tc := range []struct{ q, from, to string }{
		{`SELECT ff.id, fk.k FROM dbo.fk JOIN dbo.ff ON ff.f = fk.k WHERE ff.f = 9007199254740993`, "ff.f = 9", "ff.f + 0 = 9"},
		{`SELECT ff.id, fk.k FROM dbo.fk, dbo.ff WHERE ff.f = fk.k AND ff.f = 9007199254740993`, "ff.f = 9", "ff.f + 0 = 9"},
		{`SELECT ff.id, fk.k FROM dbo.fk JOIN dbo.ff ON ff.s = fk.d WHERE ff.s = 5.0010`, "ff.s = 5", "ff.s + '' = 5"},
		{`SELECT ff.id, fk.k FROM dbo.fk LEFT JOIN dbo.ff ON ff.s = fk.d WHERE ff.s = 5.0010`, "ff.s = 5", "ff.s + '' = 5"},
	} {
		twin := strings.Replace(tc.q, tc.from, tc.to, 1)
		if twin == tc.q {
			t.Fatalf("%s: no twin", tc.q)
		}
		got, _ := p.readsAndRows(tc.q, "ff|fk", true)
		want, _ := p.readsAndRows(twin, "ff|fk", true)
		if len(want) == 0 {
			t.Errorf("%s: the twin returns no rows", tc.q)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", tc.q, got, want)
		}
	}
}

// TestJoinImpliedTypesChargeOnce: finding the type of a view's column
// compiles the view (join_implied_types.go), which must not charge its
// FROM clauses to the statement's budget of table sources a second time
// (fromlimit.go): a view of 800 joined tables answers alone, and joined
// to a table through an equality the WHERE gives a value, where the
// second charge made it 8623.
func TestJoinImpliedTypesChargeOnce(t *testing.T) {
	p := newPlanProbe(t, "joinimpliedcharge")
	p.run(`CREATE TABLE dbo.tc (id int PRIMARY KEY)`)
	p.run(`INSERT dbo.tc VALUES (1), (5)`)
	var b strings.Builder
	b.WriteString("CREATE VIEW dbo.v800 AS SELECT a0.id FROM dbo.tc a0")
	for i := 1; i < 800; i++ {
		fmt.Fprintf(&b, " JOIN dbo.tc a%d ON a%d.id = a0.id", i, i)
	}
	p.run(b.String())
	for _, q := range []string{
		`SELECT COUNT(*) FROM dbo.v800`,
		`SELECT o.id FROM dbo.tc o JOIN dbo.v800 v ON v.id = o.id WHERE v.id = 5`,
	} {
		if got := p.traced(q); strings.Contains(got, "8623") {
			t.Errorf("%s: %s", q, got)
		}
	}
}

// TestJoinImpliedLeftJoinTableVariable: a LEFT JOIN's ON equality with a
// column of a table variable on its right carries the WHERE's value to
// the left table's seek, as with a table there.
func TestJoinImpliedLeftJoinTableVariable(t *testing.T) {
	p := newPlanProbe(t, "joinimpliedtv")
	p.run(`CREATE TABLE dbo.o (id int PRIMARY KEY, cust int NULL, INDEX ix_cust (cust))`)
	p.run(`INSERT dbo.o SELECT value, value % 500 FROM GENERATE_SERIES(1, 20000)`)
	const q = `DECLARE @c TABLE (id int); INSERT @c VALUES (7), (8); SELECT o.id, c.id FROM dbo.o LEFT JOIN @c c ON c.id = o.cust WHERE c.id = 7`
	got, reads := p.readsAndRows(q, "o", true)
	want, twinReads := p.readsAndRows(strings.Replace(q, "c.id = 7", "c.id + 0 = 7", 1), "o", true)
	if !slices.Equal(got, want) || len(want) != 40 {
		t.Errorf("%d rows, the twin %d; want 40", len(got), len(want))
	}
	if reads*2 > twinReads {
		t.Errorf("%d logical reads, the twin %d: o not sought", reads, twinReads)
	}
}
