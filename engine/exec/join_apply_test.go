package exec_test

import (
	"slices"
	"strings"
	"testing"
)

// TestJoinApplyView: a view, derived table or CTE joined by a column
// equality is sought per left row when the left side is small — ON's
// equality goes into it with the left row's value (join_apply.go), as SQL
// Server's nested loop with an outer reference does — where it was read
// whole and hashed (issue #5); a large left side still hashes it. Each
// query's rows equal the twin's, whose ON writes the view's column + 0
// (nothing to push: the view read once and hashed).
func TestJoinApplyView(t *testing.T) {
	p := newPlanProbe(t, "joinapply")
	for _, q := range pushdownSetup { // pushdown_test.go
		p.run(q)
	}
	for _, q := range []string{
		`CREATE TABLE dbo.cust (id int PRIMARY KEY, name varchar(20) NOT NULL, region int NOT NULL)`,
		`INSERT dbo.cust SELECT value, 'c' + CAST(value AS varchar(10)), value % 10 FROM GENERATE_SERIES(0, 19999)`,
		`CREATE VIEW dbo.vCust AS SELECT id, name FROM dbo.cust`,
		`CREATE VIEW dbo.vCustPc AS SELECT c.id, c.name, p.Name AS pname FROM dbo.cust c JOIN dbo.pc p ON p.CustID = c.id % 500`,
		// The view's alias for its table is the query's for its own.
		`CREATE VIEW dbo.vSameAlias AS SELECT o.id AS CustID, o.name FROM dbo.cust AS o WHERE o.region < 5`,
	} {
		p.run(q)
	}
	const tables = "po|pc|cust"
	for _, tc := range []struct {
		name, q, from, to string
		maxReads          int
	}{
		{"view, one order", `SELECT o.OrderID, v.name FROM dbo.po o JOIN dbo.vCust v ON v.id = o.CustID WHERE o.OrderID = 5`, "v.id = o.CustID", "v.id + 0 = o.CustID", 2},
		{"view, LEFT JOIN, an expression of the left row", `SELECT o.OrderID, v.name FROM dbo.po o LEFT JOIN dbo.vCust v ON v.id = o.CustID * 40 + o.Amount WHERE o.OrderID BETWEEN 5 AND 9`, "v.id = o.CustID", "v.id + 0 = o.CustID", 6},
		{"view, LEFT JOIN, no match", `SELECT o.OrderID, v.name FROM dbo.po o LEFT JOIN dbo.vCust v ON v.id = o.CustID + 50000 WHERE o.OrderID IN (3, 4)`, "v.id = o.CustID", "v.id + 0 = o.CustID", 4},
		{"derived table", `SELECT o.OrderID, d.name FROM dbo.po o JOIN (SELECT id, name FROM dbo.cust WHERE region > 2) d ON d.id = o.CustID WHERE o.OrderID < 10`, "d.id = o.CustID", "d.id + 0 = o.CustID", 12},
		{"CTE", `WITH c AS (SELECT id, name FROM dbo.cust) SELECT o.OrderID, c.name FROM dbo.po o JOIN c ON c.id = o.CustID AND c.name <> 'x' WHERE o.OrderID <= 3`, "c.id = o.CustID", "c.id + 0 = o.CustID", 4},
		{"view with a join", `SELECT o.OrderID, v.pname FROM dbo.po o JOIN dbo.vCustPc v ON v.id = o.CustID WHERE o.OrderID = 5`, "v.id = o.CustID", "v.id + 0 = o.CustID", 3},
		{"the view's alias is the query's", `SELECT o.OrderID, v.name FROM dbo.po AS o JOIN dbo.vSameAlias AS v ON v.CustID = o.CustID WHERE o.OrderID BETWEEN 1 AND 4`, "v.CustID = o.CustID", "v.CustID + 0 = o.CustID", 5},
		// Every order: the view is read once and hashed.
		{"view, every order", `SELECT o.OrderID, v.name FROM dbo.po o JOIN dbo.vCust v ON v.id = o.CustID`, "v.id = o.CustID", "v.id + 0 = o.CustID", 100},
		// A derived table that names an enclosing query's column too.
		{"correlated, in a subquery", `SELECT p.CustID, (SELECT COUNT(*) FROM dbo.po o JOIN (SELECT id FROM dbo.cust WHERE region = p.CustID % 10) d ON d.id = o.CustID WHERE o.OrderID <= 3) FROM dbo.pc p WHERE p.CustID < 30`, "d.id = o.CustID", "d.id + 0 = o.CustID", 130},
	} {
		twin := strings.Replace(tc.q, tc.from, tc.to, 1)
		if twin == tc.q {
			t.Fatalf("%s: no twin", tc.q)
		}
		got, reads := p.readsAndRows(tc.q, tables, true)
		want, twinReads := p.readsAndRows(twin, tables, true)
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %d rows %v\nwant %d rows %v of %s", tc.name, len(got), got, len(want), want, twin)
		}
		if len(want) == 0 {
			t.Errorf("%s: the twin returns no rows", tc.name)
		}
		if reads > tc.maxReads {
			t.Errorf("%s: %d logical reads, want at most %d (the twin %d)", tc.name, reads, tc.maxReads, twinReads)
		}
		t.Logf("%s: %d rows, %d logical reads (twin %d)", tc.name, len(got), reads, twinReads)
	}
}
