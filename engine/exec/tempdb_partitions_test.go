package exec_test

import "testing"

// TestTempdbPartitionsCountTempTables: tempdb.sys.partitions and
// tempdb.sys.dm_db_partition_stats count a #temp table's rows, as DBA
// scripts size one (WHERE object_id = OBJECT_ID('tempdb..#t')). The views
// listed the session's #tables but counted their storage in tempdb's own
// store, where they are not kept: 0 rows whatever the table held, while
// sp_spaceused '#t' counted them (issue #5).
func TestTempdbPartitionsCountTempTables(t *testing.T) {
	p := newPlanProbe(t, "tempparts")
	p.run(`CREATE TABLE #rc (id int PRIMARY KEY, v int NOT NULL, INDEX ix_v (v)); INSERT #rc VALUES (1, 10), (2, 20), (3, 30)`)
	q := `SELECT p.index_id, p.rows, ps.row_count FROM tempdb.sys.partitions AS p
		JOIN tempdb.sys.dm_db_partition_stats AS ps ON ps.partition_id = p.partition_id
		WHERE p.object_id = OBJECT_ID('tempdb..#rc') ORDER BY p.index_id`
	steps := []struct{ sql, want string }{
		{"", "1|3|3,2|3|3"},
		{"DELETE #rc WHERE id = 2", "1|2|2,2|2|2"},
		// The session's own open transaction counts, as for a user table.
		{"BEGIN TRAN; INSERT #rc VALUES (4, 40), (5, 50)", "1|4|4,2|4|4"},
		{"ROLLBACK", "1|2|2,2|2|2"},
	}
	for _, st := range steps {
		if st.sql != "" {
			p.run(st.sql)
		}
		if got := p.rowsText(q); got != st.want {
			t.Errorf("after %q: (index_id, rows, row_count) %s, want %s", st.sql, got, st.want)
		}
	}
}
