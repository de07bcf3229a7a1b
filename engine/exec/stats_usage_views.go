package exec

import (
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.dm_db_index_usage_stats and sys.dm_db_index_operational_stats over the
// counters of stats_usage.go.
//
//   - dm_db_index_usage_stats: a row per index of every database the session
//     may open that a user statement used since the database opened (SQL
//     Server adds the row at first use, too). user_seeks / user_scans /
//     user_lookups / user_updates count statements (see stats_usage.go), with
//     the time of the last one; system_* are 0 and NULL (no internal query
//     reads user indexes here).
//   - dm_db_index_operational_stats(database_id, object_id, index_id,
//     partition_number): a row per index (partition 1) of the databases and
//     objects named, counted or not, as SQL Server lists every index of
//     objects in its metadata cache. leaf_insert_count / leaf_update_count /
//     leaf_delete_count are the table's rows inserted, updated and deleted
//     (the same figures on each of its indexes: rows are counted per table,
//     not per index entry); range_scan_count and singleton_lookup_count are
//     per index and per statement. Lock, latch, page, LOB and version
//     figures are 0: the engine does not count them.

// usageDatabases resolves a database_id argument the way
// physicalStatsDatabases does, with each database's id.
func (s *Session) usageDatabases(v types.Value) []DatabaseInfo {
	id, one := ArgInt32(v)
	one = one && id != 0
	var out []DatabaseInfo
	for _, d := range s.srv.DatabaseList() {
		if d.Open == nil || (one && d.Entry.ID != id) || d.Open.CheckAccess() != nil || s.CheckDatabaseAccess(d.Open) != nil {
			continue
		}
		out = append(out, d)
	}
	return out
}

// lastTime is a last_* column: NULL for never.
func lastTime(ns int64) types.Value {
	if ns == 0 {
		return types.Null(types.DateTime)
	}
	return dt(time.Unix(0, ns))
}

func indexUsageRows(s *Session, _ Database) ([]Row, error) {
	i64 := func(n int64) types.Value { return types.NewBigInt(n) }
	nullDT := types.Null(types.DateTime)
	var out []Row
	for _, d := range s.usageDatabases(types.Null(types.Int)) {
		for _, t := range s.catalogFor(d.Open).SortedTables() {
			tu := tableUsageOf(d.Open, t.ID)
			if tu == nil {
				continue
			}
			for _, ix := range t.Indexes {
				u := tu.indexSnapshot(ix.IndexID)
				if u == nil {
					continue
				}
				seeks, scans, lookups, updates := u.seeks.Load(), u.scans.Load(), u.lookups.Load(), u.updates.Load()
				if seeks+scans+lookups+updates == 0 {
					continue
				}
				out = append(out, Row{types.NewSmallInt(int16(d.Entry.ID)), i32(t.ID), i32(ix.IndexID),
					i64(seeks), i64(scans), i64(lookups), i64(updates),
					lastTime(u.lastSeek.Load()), lastTime(u.lastScan.Load()), lastTime(u.lastLookup.Load()), lastTime(u.lastUpdate.Load()),
					i64(0), i64(0), i64(0), i64(0), nullDT, nullDT, nullDT, nullDT})
			}
		}
	}
	return out, nil
}

// operationalStatsCols are sys.dm_db_index_operational_stats' columns
// (SQL Server 2019 and later), after the leading identifying ones.
var operationalStatsCols = []string{"leaf_insert_count", "leaf_delete_count", "leaf_update_count", "leaf_ghost_count",
	"nonleaf_insert_count", "nonleaf_delete_count", "nonleaf_update_count", "leaf_allocation_count", "nonleaf_allocation_count",
	"leaf_page_merge_count", "nonleaf_page_merge_count", "range_scan_count", "singleton_lookup_count", "forwarded_fetch_count",
	"lob_fetch_in_pages", "lob_fetch_in_bytes", "lob_orphan_create_count", "lob_orphan_insert_count",
	"row_overflow_fetch_in_pages", "row_overflow_fetch_in_bytes", "column_value_push_off_row_count",
	"column_value_pull_in_row_count", "row_lock_count", "row_lock_wait_count", "row_lock_wait_in_ms", "page_lock_count",
	"page_lock_wait_count", "page_lock_wait_in_ms", "index_lock_promotion_attempt_count", "index_lock_promotion_count",
	"page_latch_wait_count", "page_latch_wait_in_ms", "page_io_latch_wait_count", "page_io_latch_wait_in_ms",
	"tree_page_latch_wait_count", "tree_page_latch_wait_in_ms", "tree_page_io_latch_wait_count",
	"tree_page_io_latch_wait_in_ms", "page_compression_attempt_count", "page_compression_success_count",
	"version_generated_inrow", "version_generated_offrow", "ghost_version_inrow", "ghost_version_offrow",
	"insert_over_ghost_version_inrow", "insert_over_ghost_version_offrow"}

func indexOperationalStats(s *Session, args []types.Value) ([]Row, error) {
	objID, oneObj := ArgInt32(args[1])
	oneObj = oneObj && objID != 0
	ixID, oneIx := ArgInt32(args[2])
	oneIx = oneIx && ixID != -1
	part, onePart := ArgInt32(args[3])
	if onePart && part != 0 && part != 1 {
		return nil, nil
	}
	var out []Row
	for _, d := range s.usageDatabases(args[0]) {
		for _, t := range s.catalogFor(d.Open).SortedTables() {
			if oneObj && t.ID != objID {
				continue
			}
			tu := tableUsageOf(d.Open, t.ID)
			for _, ix := range t.Indexes {
				if oneIx && ix.IndexID != ixID {
					continue
				}
				out = append(out, operationalRow(d.Entry.ID, t, ix, tu))
			}
		}
	}
	return out, nil
}

func operationalRow(dbID int32, t *catalog.Table, ix *catalog.Index, tu *tableUsage) Row {
	figures := make(map[string]int64, 5)
	if tu != nil {
		figures["leaf_insert_count"] = tu.leaf[leafInsert].Load()
		figures["leaf_update_count"] = tu.leaf[leafUpdate].Load()
		figures["leaf_delete_count"] = tu.leaf[leafDelete].Load()
		if u := tu.indexSnapshot(ix.IndexID); u != nil {
			figures["range_scan_count"] = u.rangeScans.Load()
			figures["singleton_lookup_count"] = u.singletonLookups.Load()
		}
	}
	row := Row{types.NewSmallInt(int16(dbID)), i32(t.ID), i32(ix.IndexID), i32(1), types.NewBigInt(int64(partitionID(ix.StoreID)))}
	for _, c := range operationalStatsCols {
		row = append(row, types.NewBigInt(figures[c]))
	}
	return row
}

func init() {
	big := types.TypeBigInt
	systemViews["sys.dm_db_index_usage_stats"] = &virtualTable{cols: []vcol{{"database_id", vSmallInt}, {"object_id", vInt},
		{"index_id", vInt}, {"user_seeks", big}, {"user_scans", big}, {"user_lookups", big}, {"user_updates", big},
		{"last_user_seek", vDateTime}, {"last_user_scan", vDateTime}, {"last_user_lookup", vDateTime}, {"last_user_update", vDateTime},
		{"system_seeks", big}, {"system_scans", big}, {"system_lookups", big}, {"system_updates", big},
		{"last_system_seek", vDateTime}, {"last_system_scan", vDateTime}, {"last_system_lookup", vDateTime}, {"last_system_update", vDateTime}},
		rows: indexUsageRows}
	cols := []ViewColumn{{Name: "database_id", Type: vSmallInt}, {Name: "object_id", Type: vInt}, {Name: "index_id", Type: vInt},
		{Name: "partition_number", Type: vInt}, {Name: "hobt_id", Type: big}}
	for _, c := range operationalStatsCols {
		cols = append(cols, ViewColumn{Name: c, Type: big})
	}
	RegisterTableFunc(TableFunc{Name: "dm_db_index_operational_stats", Cols: cols, MinArgs: 4, MaxArgs: 4, Rows: indexOperationalStats})
}
