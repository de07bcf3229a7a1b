package engine

import (
	"strings"
	"testing"
)

// TestRowCountsOutOfOrderCommit: concurrent commits apply in any order
// (database.go), so a commit can leave the in-flight list while an older
// one is still in it. A first count taken then walks the store as of the
// older commit's read point, which leaves out the newer commit's rows —
// and the newer commit, done before the count existed, never added them:
// sys.partitions said 3 rows for ever while COUNT(*) read 5. The older
// commit is simulated by an LSN held in flight, as a committer descheduled
// between its log append and its store write holds it.
func TestRowCountsOutOfOrderCommit(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, "USE d; CREATE TABLE t (id int PRIMARY KEY, v int); CREATE INDEX iv ON t (v); INSERT t VALUES (1, 1), (2, 2), (3, 3)")
	db := inst.Database("d")
	tr := &db.commits
	for _, step := range []struct{ setup, table, stmt string }{
		{"", "t", "INSERT t VALUES (4, 4), (5, 5)"}, // t counted for the first time while the older commit is in flight
		{"", "t", "DELETE t WHERE id = 5"},          // counted already: the commit adds its change
		// u, made after the first count, counted for the first time.
		{"CREATE TABLE u (id int PRIMARY KEY, v int); CREATE INDEX iv ON u (v); INSERT u VALUES (1, 1), (2, 2), (3, 3)", "u", "DELETE u WHERE id < 3"},
		{"", "u", "INSERT u VALUES (7, 7); UPDATE u SET id = 8 WHERE id = 3"},
	} {
		if step.setup != "" {
			mustExec(t, s, step.setup)
		}
		tr.mu.Lock()
		older := db.log.EndOfLog() // below the next commit's LSN
		tr.inflight = append(tr.inflight, older)
		tr.mu.Unlock()
		mustExec(t, s, step.stmt)
		q := "SELECT index_id, rows FROM sys.partitions WHERE object_id = OBJECT_ID('" + step.table + "') ORDER BY index_id"
		mustExec(t, s, q) // counts while the older commit is in flight
		tr.done(older, nil, nil)
		want := mustExec(t, s, "SELECT COUNT(*) FROM "+step.table)[0]
		if got := strings.Join(mustExec(t, s, q), " "); got != "1,"+want+" 2,"+want {
			t.Errorf("%s: sys.partitions (index_id, rows) %s, want %s rows in each index (COUNT(*))", step.stmt, got, want)
		}
	}
}
