package engine

import (
	"fmt"
	"testing"
)

// TestReviewBeforeHints: before images Commit takes from the executor's
// reads under X locks (exec/beforehint.go) stay exact through the paths the
// review named beyond TestCommitBeforeImages: a trigger rewriting the row its
// statement wrote, MERGE, a primary key update (delete + insert), an update
// after a delete in one transaction, a savepoint rollback after the first
// hint of a key, and another session committing the same key between two
// transactions of this one. Each batch is checked against the log's history.
func TestReviewBeforeHints(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup string
		sql   []string
	}{
		{name: "trigger rewrites the updated row", setup: "CREATE TRIGGER tr ON t AFTER UPDATE AS UPDATE t SET v = 'trig' WHERE k IN (SELECT k FROM inserted)", sql: []string{
			"UPDATE t SET v = 'x' WHERE k = 1",
			"BEGIN TRAN UPDATE t SET v = 'y' WHERE k = 2 UPDATE t SET v = 'z' WHERE k = 2 COMMIT",
		}},
		{name: "merge", sql: []string{
			"MERGE t AS d USING (SELECT 1 AS k, 'm1' AS v UNION ALL SELECT 50, 'm50') AS s ON d.k = s.k WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, s.v);",
			"MERGE t AS d USING (SELECT 2 AS k) AS s ON d.k = s.k WHEN MATCHED THEN DELETE;",
		}},
		{name: "primary key update", sql: []string{
			"UPDATE t SET k = 60 WHERE k = 3",
			"BEGIN TRAN UPDATE t SET k = 61 WHERE k = 60 UPDATE t SET k = 3 WHERE k = 61 COMMIT",
		}},
		{name: "update after delete", sql: []string{
			"BEGIN TRAN DELETE t WHERE k = 4 UPDATE t SET v = 'ghost' WHERE k = 4 INSERT t VALUES (4, 'new') UPDATE t SET v = 'newer' WHERE k = 4 COMMIT",
		}},
		{name: "savepoint rollback after the first hint", sql: []string{
			"BEGIN TRAN SAVE TRAN s UPDATE t SET v = 'u1' WHERE k = 5 ROLLBACK TRAN s DELETE t WHERE k = 5 COMMIT",
			"BEGIN TRAN SAVE TRAN s INSERT t VALUES (70, 'i') ROLLBACK TRAN s INSERT t VALUES (70, 'j') COMMIT",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inst, s := openTestDatabase(t, t.TempDir())
			t.Cleanup(func() { _ = inst.Close() })
			mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(20)); INSERT t VALUES (1,'a'),(2,'b'),(3,'c'),(4,'d'),(5,'e'),(6,'f'),(7,'g')")
			if tc.setup != "" {
				mustExec(t, s, tc.setup)
			}
			other := newTestSession(t, inst, "d")
			defer inst.EndSession(other)
			for i, q := range tc.sql {
				mustExec(t, s, q)
				// The other session commits keys this one wrote and will write.
				mustExec(t, other, fmt.Sprintf("UPDATE t SET v = 'o%d' WHERE k IN (1, 2, 3, 4, 5, 6, 7, 50, 70)", i))
			}
			checkBeforeImages(t, inst.Database("d"))
		})
	}
}
