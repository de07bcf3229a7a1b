package engine

import (
	"encoding/binary"
	"fmt"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// storedStatsIDs lists the statistics records db holds for table tid
// (engine/exec/stats_persist.go's keys: "stats", object_id, stats_id; 0 is
// the modification counter).
func storedStatsIDs(t *testing.T, db *Database, tid int32) []int32 {
	t.Helper()
	lo := binary.BigEndian.AppendUint32([]byte("stats"), uint32(tid))
	hi := binary.BigEndian.AppendUint32([]byte("stats"), uint32(tid)+1)
	it, err := db.store.NewIterator(catalog.ObjectIdentity, lo, hi, false, storage.Latest)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var ids []int32
	for it.Next() {
		ids = append(ids, int32(binary.BigEndian.Uint32(it.Key()[len(lo):])))
	}
	return ids
}

// TestStatisticsDroppedWithTheirObject: DROP TABLE, DROP INDEX and DROP
// STATISTICS remove the statistics records (kept in the database since
// session 30) in their transaction, as SQL Server drops a table's or an
// index's statistics with it; a rolled-back DROP keeps them; an index made
// again under a dropped one's index_id starts with new statistics, not the
// dropped one's last update.
func TestStatisticsDroppedWithTheirObject(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	defer func() { inst.Close() }()
	mustExec(t, s, `USE d;
CREATE TABLE t (id int PRIMARY KEY, a int, b int);
INSERT t SELECT value, value % 7, value % 11 FROM GENERATE_SERIES(1, 600);
CREATE INDEX ix_a ON t (a);
CREATE INDEX ix_b ON t (b);
CREATE STATISTICS st_ab ON t (a, b);
UPDATE STATISTICS t`)
	db := inst.Database("d")
	tid := db.Catalog().Table("dbo", "t").ID
	check := func(step string, want ...int32) {
		t.Helper()
		if got := storedStatsIDs(t, db, tid); !slices.Equal(got, want) {
			t.Errorf("%s: statistics records of t %v, want %v", step, got, want)
		}
	}
	check("after UPDATE STATISTICS", 0, 1, 2, 3, 4)

	mustExec(t, s, "BEGIN TRAN; DROP INDEX ix_b ON t; ROLLBACK")
	check("DROP INDEX rolled back", 0, 1, 2, 3, 4)
	mustExec(t, s, "DROP INDEX ix_b ON t")
	check("DROP INDEX", 0, 1, 2, 4)
	mustExec(t, s, "DROP STATISTICS t.st_ab")
	check("DROP STATISTICS", 0, 1, 2)

	// ix_a dropped and made again: index_id 2 again (the highest), its
	// statistics last updated by the CREATE, not by the UPDATE before.
	old := mustExec(t, s, "SELECT CONVERT(varchar(30), STATS_DATE(OBJECT_ID('t'), 2), 121)")
	mustExec(t, s, "DROP INDEX ix_a ON t")
	check("DROP INDEX ix_a", 0, 1)
	mustExec(t, s, "WAITFOR DELAY '00:00:00.020'; CREATE INDEX ix_a2 ON t (a)")
	if got := mustExec(t, s, "SELECT index_id FROM sys.indexes WHERE name = 'ix_a2'"); fmt.Sprint(got) != "[2]" {
		t.Fatalf("ix_a2 has index_id %v, the test wants 2", got)
	}
	if got := mustExec(t, s, "SELECT CONVERT(varchar(30), STATS_DATE(OBJECT_ID('t'), 2), 121)"); slices.Equal(got, old) {
		t.Errorf("a new index's statistics show the dropped one's last update %v", got)
	}

	mustExec(t, s, "BEGIN TRAN; DROP TABLE t; ROLLBACK")
	check("DROP TABLE rolled back", 0, 1)
	mustExec(t, s, "DROP TABLE t")
	check("DROP TABLE")

	// And after a restart nothing comes back.
	inst, s = restartTestInstance(t, inst, dir, "d", s)
	db = inst.Database("d")
	check("after restart")
	mustExec(t, s, "SELECT 1")
}
