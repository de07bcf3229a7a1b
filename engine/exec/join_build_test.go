package exec_test

import (
	"slices"
	"strings"
	"testing"
)

// TestJoinHashBuildSeeks: the right table of a hash join is read by the
// conditions on it alone — a WHERE equality on its key, written or derived
// through ON (join_implied.go), a range in ON — instead of by a point read
// for each of the first 1,024 left rows and then a scan of all its rows
// (issue #5: `ord o JOIN cu c ON c.id = o.cust WHERE c.id = 7` read cu
// 1,057 times for 15,000 orders of customer 7). The rows equal the twin's,
// whose c.id + 0 seeks nothing.
func TestJoinHashBuildSeeks(t *testing.T) {
	p := newPlanProbe(t, "joinbuildseek")
	p.run(`CREATE TABLE dbo.cu (id int PRIMARY KEY, name varchar(20) NOT NULL)`)
	p.run(`INSERT dbo.cu SELECT value, 'c' + CAST(value AS varchar(10)) FROM GENERATE_SERIES(1, 1000)`)
	p.run(`CREATE TABLE dbo.ord (id int PRIMARY KEY, cust int NOT NULL, amt int NOT NULL)`)
	p.run(`CREATE INDEX ix_ord_cust ON dbo.ord (cust)`)
	p.run(`INSERT dbo.ord SELECT value, CASE WHEN value % 4 = 0 THEN value % 1000 + 1 ELSE 7 END, value FROM GENERATE_SERIES(1, 20000)`)
	for _, tc := range []struct {
		q, from, to string
		maxReads    int // of cu
	}{
		{`SELECT o.id, c.name FROM dbo.ord o JOIN dbo.cu c ON c.id = o.cust WHERE c.id = 7`, "c.id = 7", "c.id + 0 = 7", 1},
		{`SELECT o.id, c.name FROM dbo.ord o JOIN dbo.cu c ON c.id = o.cust WHERE o.cust = 7`, "o.cust = 7", "o.cust + 0 = 7", 1},
		{`DECLARE @c int = 7; SELECT o.id, c.name FROM dbo.ord o INNER JOIN dbo.cu c ON o.cust = c.id WHERE c.id = @c AND o.amt > 100`, "c.id = @c", "c.id + 0 = @c", 1},
		{`SELECT o.id, c.name FROM dbo.ord o, dbo.cu c WHERE c.id = o.cust AND c.id = 7`, "c.id = 7", "c.id + 0 = 7", 1},
		// A range: point reads for the first left rows, then the range.
		{`SELECT o.id, c.name FROM dbo.ord o JOIN dbo.cu c ON c.id = o.cust AND c.id BETWEEN 5 AND 9`, "c.id BETWEEN", "c.id + 0 BETWEEN", 1030},
	} {
		twin := strings.Replace(tc.q, tc.from, tc.to, 1)
		if twin == tc.q {
			t.Fatalf("%s: no twin", tc.q)
		}
		got, reads := p.readsAndRows(tc.q, "cu", true)
		want, twinReads := p.readsAndRows(twin, "cu", true)
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %d rows\nwant %d rows of %s", tc.q, len(got), len(want), twin)
		}
		if len(want) < 14000 {
			t.Errorf("%s: the twin returns %d rows: the case tests nothing", tc.q, len(want))
		}
		if reads > tc.maxReads {
			t.Errorf("%s: cu read %d logical pages, want at most %d (the twin %d)", tc.q, reads, tc.maxReads, twinReads)
		}
		t.Logf("%s: %d rows, cu %d logical reads (twin %d)", tc.q, len(got), reads, twinReads)
	}
}

// TestJoinSeekOrHash: a join whose right table is sought through an index
// that finds many rows per key (a foreign key's) seeks only while the left
// side is small; past the point where the seeks and their lookups cost
// more than a scan of the right table (the index's statistics), it hashes
// the scan (issue #5: 500 customers LEFT JOIN their 10,000 orders read
// 10,518 pages, one seek and 20 lookups per customer, where the scan is
// 31). Rows equal the twin's (o.CustID + 0: no seek, a nested loop).
func TestJoinSeekOrHash(t *testing.T) {
	p := newPlanProbe(t, "joinseekorhash")
	for _, q := range pushdownSetup { // pushdown_test.go
		p.run(q)
	}
	for _, tc := range []struct {
		name, q, from, to string
		maxReads          int // of po
	}{
		{"LEFT JOIN, every customer", `SELECT c.CustID, c.Name, o.OrderID FROM dbo.pc c LEFT JOIN dbo.po o ON o.CustID = c.CustID AND o.Amount > 95`, "o.CustID = c.CustID", "o.CustID + 0 = c.CustID", 35},
		{"the view with that LEFT JOIN", `SELECT * FROM dbo.vLeft`, "", "", 35},
		{"inner join, every customer", `SELECT c.Name, o.Amount FROM dbo.pc c JOIN dbo.po o ON o.CustID = c.CustID`, "o.CustID = c.CustID", "o.CustID + 0 = c.CustID", 35},
		{"inner join, covering, most customers", `SELECT c.CustID, o.OrderID FROM dbo.pc c JOIN dbo.po o ON o.CustID = c.CustID WHERE c.CustID >= 100`, "o.CustID = c.CustID", "o.CustID + 0 = c.CustID", 35},
		// A few left rows still seek.
		{"LEFT JOIN, three customers", `SELECT c.CustID, o.OrderID, o.Amount FROM dbo.pc c LEFT JOIN dbo.po o ON o.CustID = c.CustID WHERE c.CustID < 3`, "o.CustID = c.CustID", "o.CustID + 0 = c.CustID", 65},
		{"inner join, covering, ten customers", `SELECT c.CustID, o.OrderID FROM dbo.pc c JOIN dbo.po o ON o.CustID = c.CustID WHERE c.CustID BETWEEN 10 AND 19`, "o.CustID = c.CustID", "o.CustID + 0 = c.CustID", 12},
	} {
		twin := tc.q
		if tc.from == "" {
			twin = `SELECT c.CustID, c.Name, o.OrderID, o.Amount FROM dbo.pc AS c LEFT JOIN dbo.po AS o WITH (INDEX(0)) ON o.CustID = c.CustID AND o.Amount > 95`
		} else if twin = strings.Replace(tc.q, tc.from, tc.to, 1); twin == tc.q {
			t.Fatalf("%s: no twin", tc.q)
		}
		got, reads := p.readsAndRows(tc.q, "po", true)
		want, twinReads := p.readsAndRows(twin, "po", true)
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %d rows\nwant %d rows of %s", tc.name, len(got), len(want), twin)
		}
		if len(want) == 0 {
			t.Errorf("%s: the twin returns no rows", tc.name)
		}
		if reads > tc.maxReads {
			t.Errorf("%s: po read %d logical pages, want at most %d (the twin %d)", tc.name, reads, tc.maxReads, twinReads)
		}
		t.Logf("%s: %d rows, po %d logical reads (twin %d)", tc.name, len(got), reads, twinReads)
	}
	// UPDATE … FROM the join: the target keeps its seeks (update mode);
	// the same rows change.
	p.run(`UPDATE o SET Amount = Amount + 1000 FROM dbo.pc c JOIN dbo.po o ON o.CustID = c.CustID WHERE c.Name LIKE 'c1%'`)
	if got := p.rowsText(`SELECT COUNT(*) FROM dbo.po WHERE Amount >= 1000`); got != "2220" {
		t.Errorf("UPDATE … FROM: %s rows changed, want 2220", got)
	}
}
