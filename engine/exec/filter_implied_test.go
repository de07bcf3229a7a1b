package exec_test

import "testing"

// TestIndexHintFilteredIndex: an INDEX hint may name a filtered index only
// when the query's conditions imply its filter; otherwise the optimizer
// has no plan and the batch ends with 8622 (SQL Server reads a filtered
// index only for queries its filter covers: "Create filtered indexes";
// a parameter or variable covers no filter on the values it may hold,
// only IS NOT NULL). The hint was obeyed with
// a scan of the table, returning rows the index does not hold (issue #5).
func TestIndexHintFilteredIndex(t *testing.T) {
	p := newPlanProbe(t, "hintfiltered")
	p.run(`CREATE TABLE dbo.f (id int PRIMARY KEY, st int NULL, email varchar(20) NULL, amt int NOT NULL);
		CREATE INDEX ix_email ON dbo.f (email) WHERE email IS NOT NULL;
		CREATE INDEX ix_open ON dbo.f (amt) WHERE st IN (1, 2) AND amt > 10;
		CREATE INDEX ix_ne ON dbo.f (amt) WHERE st <> 3;
		INSERT dbo.f VALUES (1, 1, 'a@x', 50), (2, 2, NULL, 5), (3, 3, 'c@x', 20), (4, NULL, 'd@x', 30)`)
	const noPlan = "error 8622/16: Query processor could not produce a query plan because of the hints defined in this query. Resubmit the query without specifying any hints and without using SET FORCEPLAN."
	cases := []struct{ q, want string }{
		// The filter follows from the query's conditions: the rows.
		{`SELECT id FROM dbo.f WITH (INDEX (ix_email)) WHERE email = 'a@x'`, "--;1"},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_email)) WHERE email IS NOT NULL AND amt > 25 ORDER BY id`, "--;1;4"},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_email)) WHERE email LIKE 'a%'`, "--;1"},
		// A comparison with a variable is true only for a non-NULL column.
		{`DECLARE @e varchar(20) = 'a@x'; SELECT id FROM dbo.f WITH (INDEX (ix_email)) WHERE email = @e`, "--;1"},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_open)) WHERE st = 1 AND amt >= 11`, "--;1"},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_open)) WHERE st IN (2, 1) AND amt BETWEEN 20 AND 60`, "--;1"},
		{`SELECT id FROM dbo.f AS x WITH (INDEX (ix_open)) WHERE x.amt > 40 AND 1 = x.st`, "--;1"},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_ne)) WHERE st = 1`, "--;1"},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_ne)) WHERE st <> 3 ORDER BY id`, "--;1;2"},
		// It does not: no plan.
		{`SELECT id FROM dbo.f WITH (INDEX (ix_email)) WHERE amt > 0`, noPlan},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_email))`, noPlan},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_email)) WHERE email IS NULL`, noPlan},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_email)) WHERE email = 'a@x' OR amt = 5`, noPlan},
		{`DECLARE @s int = 1; SELECT id FROM dbo.f WITH (INDEX (ix_open)) WHERE st = @s AND amt > 20`, noPlan},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_open)) WHERE st = 1`, noPlan},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_open)) WHERE st = 3 AND amt > 20`, noPlan},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_open)) WHERE st IN (1, 3) AND amt > 20`, noPlan},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_open)) WHERE st = 1 AND amt >= 10`, noPlan},
		{`SELECT id FROM dbo.f WITH (INDEX (ix_ne)) WHERE st = 3`, noPlan},
		{`UPDATE dbo.f WITH (INDEX (ix_email)) SET amt = amt + 1 WHERE amt > 100`, noPlan},
		{`SELECT id FROM dbo.f WITH (FORCESEEK, INDEX (ix_email)) WHERE amt = 50`, noPlan},
	}
	for _, c := range cases {
		if got := p.traced(c.q); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.q, got, c.want)
		}
	}
}
