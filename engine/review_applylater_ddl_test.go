package engine

import (
	"fmt"
	"strings"
	"testing"
)

// TestReviewQueuedApplyThenDDL (review of 41c2925, the queued store apply):
// row commits whose store writes may still be queued are followed at once by
// DDL on the same table — DROP and CREATE of the same name, TRUNCATE, ALTER
// TABLE ADD/DROP COLUMN — and by reads in the same and in another session.
// A queued write landing after the DDL (a dropped table's rows appearing in
// its successor, truncated rows coming back) or a read not seeing a commit
// that returned would show here; a restart (recovery from the log) must give
// the same answers.
func TestReviewQueuedApplyThenDDL(t *testing.T) {
	tests := []struct {
		name  string
		after string // run right after the inserts, in the same batch stream
		query string
		want  string
	}{
		{"drop and create same name", "DROP TABLE t; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)",
			"SELECT COUNT(*) FROM t", "0"},
		{"truncate", "TRUNCATE TABLE t", "SELECT COUNT(*) FROM t", "0"},
		{"add column", "ALTER TABLE t ADD w int NULL", "SELECT COUNT(*), COUNT(w), SUM(v) FROM t", "50,0,1225"},
		{"drop column", "ALTER TABLE t DROP COLUMN v", "SELECT COUNT(*), SUM(id) FROM t", "50,1225"},
		{"update then delete half", "UPDATE t SET v = v + 1; DELETE t WHERE id % 2 = 0", "SELECT COUNT(*), SUM(v) FROM t", "25,650"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			inst, s := openTestDatabase(t, dir)
			mustExec(t, s, "USE d; CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)")
			for i := range 50 {
				mustExec(t, s, fmt.Sprintf("INSERT t VALUES (%d, %d)", i, i)) // one commit each
			}
			mustExec(t, s, tc.after)
			other := newTestSession(t, inst, "d")
			for _, ss := range []struct {
				who string
				got []string
			}{{"same session", mustExec(t, s, tc.query)}, {"other session", mustExec(t, other, tc.query)}} {
				if got := strings.Join(ss.got, ";"); got != tc.want {
					t.Fatalf("%s: %s = %s, want %s", ss.who, tc.query, got, tc.want)
				}
			}
			inst, s = restartTestInstance(t, inst, dir, "d", s, other)
			defer inst.Close()
			if got := strings.Join(mustExec(t, s, tc.query), ";"); got != tc.want {
				t.Fatalf("after restart: %s = %s, want %s", tc.query, got, tc.want)
			}
		})
	}
}
