package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Index DMVs of maintenance scripts (Ola Hallengren's IndexOptimize, Glenn
// Berry's fragmentation query, sp_BlitzIndex):
//
//   - sys.dm_db_index_physical_stats: one row per index and partition (the
//     leaf level, index_level 0, also in DETAILED mode), page_count as
//     sys.dm_db_partition_stats computes it (stored bytes over 8,060).
//     avg_fragmentation_in_percent is 0: the store is an LSM tree whose
//     compaction rewrites keys in order, so there is no page-order
//     fragmentation to measure or to repair (REORGANIZE/REBUILD are no-ops
//     that maintenance scripts then never need to run). record_count,
//     record sizes and page fullness are counted in SAMPLED and DETAILED
//     mode and NULL in LIMITED, as SQL Server's.
//   - sys.dm_db_index_usage_stats: stats_usage_views.go.
//   - sys.dm_db_missing_index_details / _groups / _group_stats and
//     sys.dm_db_mirroring_auto_page_repair: no rows (no missing-index
//     suggestions are made; no page is ever repaired from the partner), with
//     SQL Server's columns so the scripts joining them run.

// indexStats counts an index's entries and their sizes.
type indexStats struct {
	rows, bytes int64
	minRec      int64
	maxRec      int64
}

func (s *Session) indexEntryStats(db Database, obj uint32) (indexStats, error) {
	var st indexStats
	it, err := s.reader(db).NewIterator(obj, nil, nil, false, storage.Latest)
	if err != nil {
		return st, err
	}
	defer it.Close()
	for it.Next() {
		n := int64(len(it.Key()) + len(it.Value()))
		if st.rows == 0 || n < st.minRec {
			st.minRec = n
		}
		st.maxRec = max(st.maxRec, n)
		st.rows++
		st.bytes += n
	}
	return st, it.Err()
}

// physicalStatsDatabases resolves the database_id argument: NULL or 0 is
// every database the session may open.
func (s *Session) physicalStatsDatabases(v types.Value) []Database {
	id, ok := ArgInt32(v)
	if ok && id != 0 {
		if db := s.databaseByID(id); db != nil && db.CheckAccess() == nil && s.CheckDatabaseAccess(db) == nil {
			return []Database{db}
		}
		return nil
	}
	var out []Database
	for _, d := range s.srv.DatabaseList() {
		if d.Open != nil && d.Open.CheckAccess() == nil && s.CheckDatabaseAccess(d.Open) == nil {
			out = append(out, d.Open)
		}
	}
	return out
}

func indexPhysicalStats(s *Session, args []types.Value) ([]Row, error) {
	objID, oneObj := ArgInt32(args[1])
	oneObj = oneObj && objID != 0
	ixID, oneIx := ArgInt32(args[2])
	oneIx = oneIx && ixID != -1
	part, onePart := ArgInt32(args[3])
	onePart = onePart && part != 0
	mode := "LIMITED"
	if !args[4].IsNull() {
		m, _ := asText(args[4])
		mode = strings.ToUpper(strings.TrimSpace(m))
	}
	if mode != "SAMPLED" && mode != "DETAILED" { // DEFAULT, LIMITED (and anything else)
		mode = "LIMITED"
	}
	if onePart && part != 1 {
		return nil, nil
	}
	i64 := func(n int64) types.Value { return types.NewBigInt(n) }
	f64 := func(f float64) types.Value { return types.NewFloat(f) }
	nullBig, nullInt, nullFloat := types.Null(types.BigInt), types.Null(types.Int), types.Null(types.Float)
	var out []Row
	for _, db := range s.physicalStatsDatabases(args[0]) {
		dbID := int32(0)
		for _, d := range s.srv.DatabaseList() {
			if d.Open == db {
				dbID = d.Entry.ID
			}
		}
		for _, t := range s.catalogFor(db).SortedTables() {
			if oneObj && t.ID != objID {
				continue
			}
			for _, ix := range t.Indexes {
				if oneIx && ix.IndexID != ixID {
					continue
				}
				st, err := s.indexEntryStats(db, ix.StoreID)
				if err != nil {
					return nil, err
				}
				used, _ := pages(st.bytes)
				typ := "NONCLUSTERED INDEX"
				switch {
				case ix.IsHeap():
					typ = "HEAP"
				case ix.Clustered:
					typ = "CLUSTERED INDEX"
				}
				fragments := int64(0)
				if used > 0 {
					fragments = 1
				}
				var fragCount, fragSize types.Value = i64(fragments), f64(float64(used))
				if ix.IsHeap() {
					fragCount, fragSize = nullBig, nullFloat
				}
				records, spaceUsed, ghosts := nullBig, nullFloat, nullBig
				minRec, maxRec, avgRec, forwarded := nullInt, nullInt, nullFloat, nullBig
				if mode != "LIMITED" {
					records, ghosts = i64(st.rows), i64(0)
					spaceUsed = f64(0)
					if used > 0 {
						spaceUsed = f64(100 * float64(st.bytes) / float64(used*8060))
					}
					minRec, maxRec, avgRec = types.NewInt(int32(st.minRec)), types.NewInt(int32(st.maxRec)), f64(0)
					if st.rows > 0 {
						avgRec = f64(float64(st.bytes) / float64(st.rows))
					}
					if ix.IsHeap() {
						forwarded = i64(0)
					}
				}
				out = append(out, Row{types.NewSmallInt(int16(dbID)), i32(t.ID), i32(ix.IndexID), i32(1), str(typ), str("IN_ROW_DATA"),
					types.NewTinyInt(1), types.NewTinyInt(0), f64(0), fragCount, fragSize, i64(used), spaceUsed, records, ghosts,
					ghosts, minRec, maxRec, avgRec, forwarded, i64(0), i64(partitionID(ix.StoreID)), types.NewTinyInt(0), str("NOT VALID"),
					i64(0), i64(0), i64(0), i64(0), i64(0), i64(0)})
			}
		}
	}
	return out, nil
}

func init() {
	big, flt := types.TypeBigInt, types.TypeFloat
	RegisterTableFunc(TableFunc{Name: "dm_db_index_physical_stats", MinArgs: 5, MaxArgs: 5, Rows: indexPhysicalStats,
		Cols: []ViewColumn{{"database_id", vSmallInt}, {"object_id", vInt}, {"index_id", vInt}, {"partition_number", vInt},
			{"index_type_desc", vDesc}, {"alloc_unit_type_desc", vDesc}, {"index_depth", vTinyInt}, {"index_level", vTinyInt},
			{"avg_fragmentation_in_percent", flt}, {"fragment_count", big}, {"avg_fragment_size_in_pages", flt}, {"page_count", big},
			{"avg_page_space_used_in_percent", flt}, {"record_count", big}, {"ghost_record_count", big}, {"version_ghost_record_count", big},
			{"min_record_size_in_bytes", vInt}, {"max_record_size_in_bytes", vInt}, {"avg_record_size_in_bytes", flt},
			{"forwarded_record_count", big}, {"compressed_page_count", big}, {"hobt_id", big}, {"columnstore_delete_buffer_state", vTinyInt},
			{"columnstore_delete_buffer_state_desc", vDesc}, {"version_record_count", big}, {"inrow_version_record_count", big},
			{"inrow_diff_version_record_count", big}, {"total_inrow_version_payload_size_in_bytes", big},
			{"offrow_regular_version_record_count", big}, {"offrow_long_term_version_record_count", big}}})

	none := func(*Session, Database) ([]Row, error) { return nil, nil }
	text := types.NVarCharType(4000)
	systemViews["sys.dm_db_missing_index_details"] = &virtualTable{cols: []vcol{{"index_handle", vInt}, {"database_id", vSmallInt},
		{"object_id", vInt}, {"equality_columns", text}, {"inequality_columns", text}, {"included_columns", text}, {"statement", text}},
		rows: none}
	systemViews["sys.dm_db_missing_index_groups"] = &virtualTable{cols: []vcol{{"index_group_handle", vInt}, {"index_handle", vInt}}, rows: none}
	systemViews["sys.dm_db_missing_index_group_stats"] = &virtualTable{cols: []vcol{{"group_handle", vInt}, {"unique_compiles", big},
		{"user_seeks", big}, {"user_scans", big}, {"last_user_seek", vDateTime}, {"last_user_scan", vDateTime},
		{"avg_total_user_cost", flt}, {"avg_user_impact", flt}, {"system_seeks", big}, {"system_scans", big},
		{"last_system_seek", vDateTime}, {"last_system_scan", vDateTime}, {"avg_total_system_cost", flt}, {"avg_system_impact", flt}},
		rows: none}
	systemViews["sys.dm_db_mirroring_auto_page_repair"] = &virtualTable{cols: []vcol{{"database_id", vInt}, {"file_id", vInt},
		{"page_id", big}, {"error_type", vInt}, {"page_status", vInt}, {"modification_time", vDateTime}}, rows: none} // int, as reference §3.7 (sys.dm_hadr_auto_page_repair has smallint/tinyint)
}
