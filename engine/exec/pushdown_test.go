package exec_test

import (
	"strings"
	"testing"
)

// pushdownSetup is a 10,000-row orders table with a customer index, its
// customers, the same orders split in two member tables of a partitioned
// view, and views of every shape a filter may go into.
var pushdownSetup = []string{
	`CREATE TABLE dbo.po (OrderID int NOT NULL PRIMARY KEY, CustID int NOT NULL, Amount int NOT NULL, Note varchar(20) NULL)`,
	`CREATE INDEX ix_po_cust ON dbo.po (CustID)`,
	`INSERT dbo.po SELECT value, value % 500, value % 97, CASE WHEN value % 10 = 0 THEN NULL ELSE 'n' + CAST(value AS varchar(10)) END FROM GENERATE_SERIES(1, 10000)`,
	`CREATE TABLE dbo.pc (CustID int NOT NULL PRIMARY KEY, Name varchar(20) NOT NULL)`,
	`INSERT dbo.pc SELECT value, 'c' + CAST(value AS varchar(10)) FROM GENERATE_SERIES(0, 499)`,
	`CREATE TABLE dbo.po1 (OrderID int NOT NULL PRIMARY KEY CHECK (OrderID BETWEEN 1 AND 5000), CustID int NOT NULL, Amount int NOT NULL)`,
	`CREATE TABLE dbo.po2 (OrderID int NOT NULL PRIMARY KEY CHECK (OrderID BETWEEN 5001 AND 10000), CustID int NOT NULL, Amount int NOT NULL)`,
	`INSERT dbo.po1 SELECT OrderID, CustID, Amount FROM dbo.po WHERE OrderID <= 5000`,
	`INSERT dbo.po2 SELECT OrderID, CustID, Amount FROM dbo.po WHERE OrderID > 5000`,
	`CREATE VIEW dbo.vOrders AS SELECT OrderID, CustID, Amount, Note FROM dbo.po`,
	`CREATE VIEW dbo.vRenamed (Id, Cust, Amt) AS SELECT OrderID, CustID, Amount FROM dbo.po`,
	`CREATE VIEW dbo.vStar AS SELECT * FROM dbo.po`,
	`CREATE VIEW dbo.vOfView AS SELECT OrderID AS Id, Amount FROM dbo.vOrders`,
	`CREATE VIEW dbo.vJoin AS SELECT o.OrderID, o.Amount, c.CustID, c.Name FROM dbo.po AS o JOIN dbo.pc AS c ON c.CustID = o.CustID`,
	`CREATE VIEW dbo.vLeft AS SELECT c.CustID, c.Name, o.OrderID, o.Amount FROM dbo.pc AS c LEFT JOIN dbo.po AS o ON o.CustID = c.CustID AND o.Amount > 95`,
	`CREATE VIEW dbo.vGroup AS SELECT CustID, COUNT(*) AS n, SUM(Amount) AS total FROM dbo.po GROUP BY CustID`,
	`CREATE VIEW dbo.vUnion AS SELECT OrderID, CustID, Amount FROM dbo.po1 UNION ALL SELECT OrderID, CustID, Amount FROM dbo.po2`,
	`CREATE VIEW dbo.vDistinct AS SELECT DISTINCT CustID, Amount FROM dbo.po`,
	`CREATE VIEW dbo.vTop AS SELECT TOP (5000) OrderID, Amount FROM dbo.po ORDER BY Amount, OrderID`,
	`CREATE VIEW dbo.vWindow AS SELECT OrderID, CustID, ROW_NUMBER() OVER (PARTITION BY CustID ORDER BY OrderID) AS rn FROM dbo.po`,
	`CREATE VIEW dbo.vCheck AS SELECT OrderID, Amount FROM dbo.po WHERE Amount < 50 WITH CHECK OPTION`,
	`CREATE VIEW dbo.vBound WITH SCHEMABINDING AS SELECT OrderID, Amount FROM dbo.po`,
}

// TestPushdownReads: a filter on a view, a derived table or a CTE reaches
// the table beneath it, so a key equality or range reads a few pages (SQL
// Server expands the view into the query and seeks) — through renamed
// columns, a view of a view, a join, a grouping column, every branch of a
// UNION ALL — and never where it would change the rows: a filter on an
// aggregate, below TOP, below a window function on a column it does not
// partition by. Each query's rows are compared with the same query over
// the table read whole (the twin).
func TestPushdownReads(t *testing.T) {
	p := newPlanProbe(t, "pushdown")
	for _, q := range pushdownSetup {
		p.run(q)
	}
	const tables = "po|pc|po1|po2"
	tests := []struct {
		name, query, twin string
		maxReads          int // the reads of the seek it makes; 0: nothing may go in, only the rows are compared
	}{
		{"view, key equality", "SELECT * FROM dbo.vOrders WHERE OrderID = 4321",
			"SELECT OrderID, CustID, Amount, Note FROM dbo.po WITH (INDEX(0)) WHERE OrderID = 4321", 1},
		{"view, key range", "SELECT OrderID, Amount FROM dbo.vOrders WHERE OrderID BETWEEN 100 AND 120",
			"SELECT OrderID, Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID BETWEEN 100 AND 120", 1},
		{"view, variable", "DECLARE @id int = 77; SELECT Amount FROM dbo.vOrders v WHERE v.OrderID = @id",
			"SELECT Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID = 77", 1},
		{"view column list", "SELECT Id, Amt FROM dbo.vRenamed WHERE Id = 500",
			"SELECT OrderID, Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID = 500", 1},
		{"view of *", "SELECT OrderID, Note FROM dbo.vStar WHERE OrderID > 9990",
			"SELECT OrderID, Note FROM dbo.po WITH (INDEX(0)) WHERE OrderID > 9990", 1},
		{"derived table, key equality", "SELECT d.Amount FROM (SELECT OrderID AS k, Amount FROM dbo.po) AS d WHERE d.k = 5",
			"SELECT Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID = 5", 1},
		{"derived column list", "SELECT x FROM (SELECT OrderID, Amount FROM dbo.po) AS d (k, x) WHERE k < 20",
			"SELECT Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID < 20", 1},
		{"CTE, key equality", "WITH c AS (SELECT OrderID, Amount FROM dbo.po) SELECT Amount FROM c WHERE c.OrderID = 8000",
			"SELECT Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID = 8000", 1},
		{"CTE column list, range", "WITH c (k, a) AS (SELECT OrderID, Amount FROM dbo.po) SELECT a FROM c WHERE k >= 9995",
			"SELECT Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID >= 9995", 1},
		{"view of a view", "SELECT Amount FROM dbo.vOfView WHERE Id = 1234",
			"SELECT Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID = 1234", 1},
		{"view with a join, left key", "SELECT Name, Amount FROM dbo.vJoin WHERE OrderID = 2500",
			"SELECT c.Name, o.Amount FROM dbo.po AS o WITH (INDEX(0)) JOIN dbo.pc AS c ON c.CustID = o.CustID WHERE o.OrderID = 2500", 2},
		{"view with a join, right key", "SELECT OrderID FROM dbo.vJoin WHERE CustID = 17",
			"SELECT o.OrderID FROM dbo.po AS o WITH (INDEX(0)) JOIN dbo.pc AS c ON c.CustID = o.CustID WHERE c.CustID = 17", 41},
		{"grouped view, grouping column", "SELECT n, total FROM dbo.vGroup WHERE CustID = 42",
			"SELECT COUNT(*), SUM(Amount) FROM dbo.po WITH (INDEX(0)) WHERE CustID = 42", 21},
		{"grouped view, aggregate", "SELECT CustID FROM dbo.vGroup WHERE n = 20 AND total > 990",
			"SELECT CustID FROM dbo.po WITH (INDEX(0)) GROUP BY CustID HAVING COUNT(*) = 20 AND SUM(Amount) > 990", 0},
		{"UNION ALL view, key equality", "SELECT Amount FROM dbo.vUnion WHERE OrderID = 6001",
			"SELECT Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID = 6001", 2},
		{"UNION ALL view, range across", "SELECT OrderID FROM dbo.vUnion WHERE OrderID BETWEEN 4995 AND 5005",
			"SELECT OrderID FROM dbo.po WITH (INDEX(0)) WHERE OrderID BETWEEN 4995 AND 5005", 2},
		{"DISTINCT view", "SELECT Amount FROM dbo.vDistinct WHERE CustID = 3",
			"SELECT DISTINCT Amount FROM dbo.po WITH (INDEX(0)) WHERE CustID = 3", 21},
		{"TOP view", "SELECT Amount FROM dbo.vTop WHERE OrderID = 10",
			"SELECT Amount FROM (SELECT TOP (5000) OrderID, Amount FROM dbo.po WITH (INDEX(0)) ORDER BY Amount, OrderID) t WHERE OrderID = 10", 0},
		{"window view, partition column", "SELECT OrderID, rn FROM dbo.vWindow WHERE CustID = 9",
			"SELECT OrderID, ROW_NUMBER() OVER (PARTITION BY CustID ORDER BY OrderID) FROM dbo.po WITH (INDEX(0)) WHERE CustID = 9", 1},
		{"window view, other column", "SELECT rn FROM dbo.vWindow WHERE OrderID = 1009",
			"SELECT rn FROM (SELECT OrderID, ROW_NUMBER() OVER (PARTITION BY CustID ORDER BY OrderID) rn FROM dbo.po WITH (INDEX(0))) t WHERE OrderID = 1009", 0},
		{"WITH CHECK OPTION view", "SELECT Amount FROM dbo.vCheck WHERE OrderID = 97",
			"SELECT Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID = 97 AND Amount < 50", 1},
		{"SCHEMABINDING view", "SELECT Amount FROM dbo.vBound WHERE OrderID = 98",
			"SELECT Amount FROM dbo.po WITH (INDEX(0)) WHERE OrderID = 98", 1},
		{"LEFT JOIN view, preserved side", "SELECT OrderID FROM dbo.vLeft WHERE CustID = 4",
			"SELECT o.OrderID FROM dbo.pc AS c LEFT JOIN dbo.po AS o WITH (INDEX(0)) ON o.CustID = c.CustID AND o.Amount > 95 WHERE c.CustID = 4", 22},
		{"LEFT JOIN view, IS NULL on the NULL-extended side", "SELECT CustID FROM dbo.vLeft WHERE OrderID IS NULL AND CustID < 10",
			"SELECT c.CustID FROM dbo.pc AS c LEFT JOIN dbo.po AS o WITH (INDEX(0)) ON o.CustID = c.CustID AND o.Amount > 95 WHERE o.OrderID IS NULL AND c.CustID < 10", 0},
		{"view on the left of a RIGHT JOIN", "SELECT v.OrderID, c.CustID FROM dbo.vOrders AS v RIGHT JOIN dbo.pc AS c ON c.CustID = v.CustID AND v.Amount = 1000 WHERE v.OrderID IS NULL AND c.CustID < 3",
			"SELECT o.OrderID, c.CustID FROM dbo.po AS o WITH (INDEX(0)) RIGHT JOIN dbo.pc AS c ON c.CustID = o.CustID AND o.Amount = 1000 WHERE o.OrderID IS NULL AND c.CustID < 3", 0},
		{"view on a join's right side, ON on it alone", "SELECT c.Name, g.n FROM dbo.pc AS c JOIN dbo.vGroup AS g ON g.CustID = c.CustID AND g.CustID = 42",
			"SELECT c.Name, COUNT(*) FROM dbo.pc AS c JOIN dbo.po AS o WITH (INDEX(0)) ON o.CustID = c.CustID WHERE c.CustID = 42 GROUP BY c.Name", 22},
		{"view on a LEFT JOIN's right side, ON on it alone", "SELECT c.CustID, g.n FROM dbo.pc AS c LEFT JOIN dbo.vGroup AS g ON g.CustID = c.CustID AND g.CustID = 42 WHERE c.CustID BETWEEN 40 AND 43",
			"SELECT c.CustID, CASE WHEN c.CustID = 42 THEN 20 END FROM dbo.pc AS c WHERE c.CustID BETWEEN 40 AND 43", 22},
		{"correlated derived table", "SELECT p.CustID, (SELECT MAX(d.a) FROM (SELECT OrderID AS k, Amount AS a FROM dbo.po) AS d WHERE d.k = p.CustID * 3) FROM dbo.pc AS p WHERE p.CustID BETWEEN 10 AND 12",
			"SELECT p.CustID, (SELECT MAX(o.Amount) FROM dbo.po AS o WITH (INDEX(0)) WHERE o.OrderID = p.CustID * 3) FROM dbo.pc AS p WHERE p.CustID BETWEEN 10 AND 12", 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, reads := p.readsAndRows(tc.query, tables, true)
			want, twinReads := p.readsAndRows(tc.twin, tables, true)
			t.Logf("%s: logical reads %d (the twin: %d)", tc.name, reads, twinReads)
			if strings.Join(rows, "\n") != strings.Join(want, "\n") {
				t.Errorf("rows\n%s\nwant (the twin's)\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
			}
			if tc.maxReads > 0 && reads > tc.maxReads {
				t.Errorf("%d logical reads, want at most %d: the filter does not reach the table", reads, tc.maxReads)
			}
			if len(rows) == 0 {
				t.Errorf("no rows: the case tests nothing")
			}
		})
	}
}
