package tests

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestMergeFiresTriggersOfEveryAction: a MERGE fires the triggers of every
// action its WHEN clauses specify, also of an action that took no row, as
// an UPDATE matching no row fires its trigger once. SQL Server's MERGE page
// ("Trigger implementation"): "For every insert, update, or delete action
// specified in the MERGE statement, SQL Server fires any corresponding
// AFTER triggers defined on the target table". @@ROWCOUNT at the start of
// each AFTER trigger is the whole MERGE's count (inserted + updated +
// deleted), as after the MERGE. An action the MERGE does not specify fires
// nothing. Only the triggers of actions that took rows fired before.
func TestMergeFiresTriggersOfEveryAction(t *testing.T) {
	db := harness.Start(t, harness.Options{}).DB("master")
	c := appConn(t, db)
	ctx := context.Background()
	connExec(t, c, `CREATE TABLE dbo.m (k int PRIMARY KEY, a int NOT NULL);
CREATE TABLE dbo.iv (k int PRIMARY KEY, a int NOT NULL);
CREATE TABLE dbo.trig_log (id int IDENTITY PRIMARY KEY, msg varchar(60) NOT NULL)`)
	for _, tr := range []string{
		"CREATE TRIGGER dbo.m_ins ON dbo.m AFTER INSERT AS DECLARE @rc int = @@ROWCOUNT; INSERT dbo.trig_log (msg) SELECT CONCAT('ins rc=', @rc, ' i=', (SELECT COUNT(*) FROM inserted), ' d=', (SELECT COUNT(*) FROM deleted))",
		"CREATE TRIGGER dbo.m_upd ON dbo.m AFTER UPDATE AS DECLARE @rc int = @@ROWCOUNT; INSERT dbo.trig_log (msg) SELECT CONCAT('upd rc=', @rc, ' i=', (SELECT COUNT(*) FROM inserted), ' d=', (SELECT COUNT(*) FROM deleted))",
		"CREATE TRIGGER dbo.m_del ON dbo.m AFTER DELETE AS DECLARE @rc int = @@ROWCOUNT; INSERT dbo.trig_log (msg) SELECT CONCAT('del rc=', @rc, ' i=', (SELECT COUNT(*) FROM inserted), ' d=', (SELECT COUNT(*) FROM deleted))",
		"CREATE TRIGGER dbo.iv_upd ON dbo.iv INSTEAD OF UPDATE AS INSERT dbo.trig_log (msg) SELECT CONCAT('instead upd i=', (SELECT COUNT(*) FROM inserted))",
		"CREATE TRIGGER dbo.iv_ins ON dbo.iv INSTEAD OF INSERT AS INSERT dbo.trig_log (msg) SELECT CONCAT('instead ins i=', (SELECT COUNT(*) FROM inserted))",
	} {
		connExec(t, c, tr)
	}
	for _, tc := range []struct {
		name, batch string
		want        []string
	}{
		{"update matching no row", "MERGE dbo.m AS t USING (VALUES (99, 10)) AS s(k, a) ON t.k = s.k WHEN MATCHED THEN UPDATE SET a = 5;",
			[]string{"upd rc=0 i=0 d=0"}},
		{"delete matching no row", "MERGE dbo.m AS t USING (VALUES (99)) AS s(k) ON t.k = s.k WHEN MATCHED THEN DELETE;",
			[]string{"del rc=0 i=0 d=0"}},
		{"upsert that inserts", "MERGE dbo.m AS t USING (VALUES (1, 10), (2, 20)) AS s(k, a) ON t.k = s.k WHEN MATCHED THEN UPDATE SET a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.a);",
			[]string{"ins rc=2 i=2 d=0", "upd rc=2 i=0 d=0"}},
		{"upsert that updates", "MERGE dbo.m AS t USING (VALUES (1, 11)) AS s(k, a) ON t.k = s.k WHEN MATCHED THEN UPDATE SET a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.a);",
			[]string{"ins rc=1 i=0 d=0", "upd rc=1 i=1 d=1"}},
		{"all three, one deletes", "MERGE dbo.m AS t USING (VALUES (1, 11)) AS s(k, a) ON t.k = s.k WHEN MATCHED AND s.a <> t.a THEN UPDATE SET a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.a) WHEN NOT MATCHED BY SOURCE THEN DELETE;",
			[]string{"del rc=1 i=0 d=1", "ins rc=1 i=0 d=0", "upd rc=1 i=0 d=0"}},
		{"insert only: no update trigger", "MERGE dbo.m AS t USING (VALUES (1, 12)) AS s(k, a) ON t.k = s.k WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.a);",
			[]string{"ins rc=0 i=0 d=0"}},
		{"instead of, update matching no row", "MERGE dbo.iv AS t USING (VALUES (5, 1)) AS s(k, a) ON t.k = s.k WHEN MATCHED THEN UPDATE SET a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.a);",
			[]string{"instead ins i=1", "instead upd i=0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			connExec(t, c, "TRUNCATE TABLE dbo.trig_log")
			connExec(t, c, tc.batch)
			rows, err := c.QueryContext(ctx, "SELECT msg FROM dbo.trig_log")
			if err != nil {
				t.Fatal(err)
			}
			got := readRows(rows) // corpus_tds_test.go: "-- " and the row
			for i := range got {
				got[i] = strings.TrimPrefix(got[i], "-- ")
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("triggers logged %q, want %q", got, tc.want)
			}
		})
	}
}
