package tests

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestMergeTriggerColumnsUpdated: the AFTER and INSTEAD OF triggers a
// MERGE fires for its updates report, through UPDATE(column) and
// COLUMNS_UPDATED(), the columns the SETs of its UPDATE clauses name —
// all of them, whichever clause updated a row — and not every column, as
// they did; its inserts report every column (issue #5).
func TestMergeTriggerColumnsUpdated(t *testing.T) {
	db := harness.Start(t, harness.Options{}).DB("master")
	c := appConn(t, db)
	ctx := context.Background()
	connExec(t, c, `CREATE TABLE dbo.m (k int PRIMARY KEY, a int NULL, b int NULL, c int NULL);
CREATE TABLE dbo.v (k int PRIMARY KEY, a int NULL, b int NULL, c int NULL);
CREATE TABLE dbo.trig_log (id int IDENTITY PRIMARY KEY, tbl varchar(10), ev varchar(10), ua bit, ub bit, uc bit, mask varbinary(8));
INSERT dbo.m VALUES (1, 0, 0, 0), (2, 0, 0, 0); INSERT dbo.v VALUES (1, 0, 0, 0), (2, 0, 0, 0)`)
	connExec(t, c, `CREATE TRIGGER dbo.m_after ON dbo.m AFTER INSERT, UPDATE AS
INSERT dbo.trig_log (tbl, ev, ua, ub, uc, mask)
SELECT 'after', CASE WHEN EXISTS (SELECT * FROM deleted) THEN 'UPDATE' ELSE 'INSERT' END,
  CASE WHEN UPDATE(a) THEN 1 ELSE 0 END, CASE WHEN UPDATE(b) THEN 1 ELSE 0 END, CASE WHEN UPDATE(c) THEN 1 ELSE 0 END, COLUMNS_UPDATED()`)
	connExec(t, c, `CREATE TRIGGER dbo.v_instead ON dbo.v INSTEAD OF INSERT, UPDATE AS
INSERT dbo.trig_log (tbl, ev, ua, ub, uc, mask)
SELECT 'instead', CASE WHEN EXISTS (SELECT * FROM deleted) THEN 'UPDATE' ELSE 'INSERT' END,
  CASE WHEN UPDATE(a) THEN 1 ELSE 0 END, CASE WHEN UPDATE(b) THEN 1 ELSE 0 END, CASE WHEN UPDATE(c) THEN 1 ELSE 0 END, COLUMNS_UPDATED()`)
	// Only key 1 is in the source: the second UPDATE clause updates no row.
	for _, tbl := range []string{"m", "v"} {
		connExec(t, c, fmt.Sprintf(`MERGE dbo.%s AS t USING (VALUES (1, 5), (3, 6)) AS s(k, x) ON t.k = s.k
WHEN MATCHED AND t.k = 1 THEN UPDATE SET a = s.x
WHEN MATCHED THEN UPDATE SET b = s.x, a = 0
WHEN NOT MATCHED BY SOURCE AND t.k = 99 THEN UPDATE SET b = 1
WHEN NOT MATCHED THEN INSERT (k, c) VALUES (s.k, s.x);`, tbl))
	}
	rows, err := c.QueryContext(ctx, "SELECT tbl, ev, ua, ub, uc, CONVERT(varchar(20), mask, 1) FROM dbo.trig_log ORDER BY tbl, ev")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var tbl, ev, mask string
		var ua, ub, uc bool
		if err := rows.Scan(&tbl, &ev, &ua, &ub, &uc, &mask); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %s a=%v b=%v c=%v %s", tbl, ev, ua, ub, uc, mask))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// Columns k, a, b, c are bits 0-3: a and b are 0x06, all four 0x0F.
	want := []string{
		"after INSERT a=true b=true c=true 0x0F",
		"after UPDATE a=true b=true c=false 0x06",
		"instead INSERT a=true b=true c=true 0x0F",
		"instead UPDATE a=true b=true c=false 0x06",
	}
	if !slices.Equal(got, want) {
		t.Errorf("trigger log:\n%q\nwant\n%q", got, want)
	}
}
