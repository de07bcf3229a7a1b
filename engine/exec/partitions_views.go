package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// The storage views DBA scripts and tools read for row counts and sizes:
// sys.partitions (SUM(rows) … WHERE index_id IN (0, 1) is how everyone
// counts a table's rows without scanning it), sys.dm_db_partition_stats,
// sys.allocation_units, and the one filegroup every database has,
// sys.filegroups / sys.data_spaces (each SSMS database script tests it).
//
// An index is one partition in the PRIMARY filegroup unless it is placed on
// a partition scheme (partition_views.go counts those per partition). Its row
// count and size are its stored entries and their bytes, as the database's
// commits keep them (rowcount.go: no row is read once the index has been
// counted); pages are its bytes over 8,060 (a page's worth of row data),
// reserved space rounded up to 8-page extents.

// partitionID is the partition_id / hobt_id of a stored index, in SQL
// Server's range.
func partitionID(storeID uint32) int64 { return 72057594037927936 + int64(storeID)<<16 }

// HobtID is the hobt_id of a stored index: sys.dm_tran_locks's
// resource_associated_entity_id for its KEY locks, which joins
// sys.partitions.hobt_id.
func HobtID(storeID uint32) int64 { return partitionID(storeID) }

// storedObjectSize counts the entries and bytes of stored object obj: from
// the database's row counts when it keeps them (rowcount.go), else by
// walking them.
func (s *Session) storedObjectSize(db Database, obj uint32) (rows, bytes int64, err error) {
	if rows, bytes, ok, err := s.countedSize(context.Background(), db, obj); ok {
		return rows, bytes, err
	}
	it, err := s.reader(db).NewIterator(obj, nil, nil, false, storage.Latest)
	if err != nil {
		return 0, 0, err
	}
	defer it.Close()
	for it.Next() {
		rows++
		bytes += int64(len(it.Key()) + len(it.Value()))
	}
	return rows, bytes, it.Err()
}

// partitionRow is one partition of an index with its counts.
type partitionRow struct {
	t           *catalog.Table
	ix          *catalog.Index
	number      int32 // partition_number, 1-based
	rows, bytes int64
}

func (s *Session) partitionRows(db Database) ([]partitionRow, error) {
	var out []partitionRow
	cat := s.catalogFor(db)
	for _, t := range cat.SortedTables() {
		if tablePartitioned(t) {
			ps, err := s.partitionedRows(db, cat, t) // partition_views.go
			if err != nil {
				return nil, err
			}
			out = append(out, ps...)
			continue
		}
		// A #table in tempdb's views: its rows are in the session's temp
		// database, not tempdb's store (tempdb_views.go).
		src := storeOf(db, t)
		for _, ix := range t.Indexes {
			var rows, bytes int64
			if src != nil {
				var err error
				if rows, bytes, err = s.storedObjectSize(src, ix.StoreID); err != nil {
					return nil, err
				}
			}
			out = append(out, partitionRow{t: t, ix: ix, number: 1, rows: rows, bytes: bytes})
		}
	}
	return out, nil
}

// pages is the used and reserved 8-KB pages of bytes of row data.
func pages(bytes int64) (used, reserved int64) {
	used = (bytes + 8059) / 8060
	return used, (used + 7) / 8 * 8
}

func init() {
	i64 := func(n int64) types.Value { return types.NewBigInt(n) }
	vBig := types.TypeBigInt
	systemViews["sys.partitions"] = &virtualTable{cols: []vcol{{"partition_id", vBig}, {"object_id", vInt}, {"index_id", vInt},
		{"partition_number", vInt}, {"hobt_id", vBig}, {"rows", vBig}, {"filestream_filegroup_id", types.TypeSmallInt},
		{"data_compression", vTinyInt}, {"data_compression_desc", vDesc},
		{"xml_compression", vBit}, {"xml_compression_desc", types.VarCharType(3)}}, // SQL Server 2022
		rows: func(s *Session, db Database) ([]Row, error) {
			ps, err := s.partitionRows(db)
			if err != nil {
				return nil, err
			}
			out := make([]Row, 0, len(ps))
			for _, p := range ps {
				id := partitionRowID(p)
				out = append(out, Row{i64(id), i32(p.t.ID), i32(p.ix.IndexID), i32(p.number), i64(id), i64(p.rows),
					types.NewSmallInt(0), types.NewTinyInt(p.ix.Compression), str(compressionDesc[p.ix.Compression%3]), bit(false), types.NewVarChar("OFF")})
			}
			return out, nil
		}}
	systemViews["sys.dm_db_partition_stats"] = &virtualTable{cols: []vcol{{"partition_id", vBig}, {"object_id", vInt}, {"index_id", vInt},
		{"partition_number", vInt}, {"in_row_data_page_count", vBig}, {"in_row_used_page_count", vBig},
		{"in_row_reserved_page_count", vBig}, {"lob_used_page_count", vBig}, {"lob_reserved_page_count", vBig},
		{"row_overflow_used_page_count", vBig}, {"row_overflow_reserved_page_count", vBig},
		{"used_page_count", vBig}, {"reserved_page_count", vBig}, {"row_count", vBig}},
		rows: func(s *Session, db Database) ([]Row, error) {
			ps, err := s.partitionRows(db)
			if err != nil {
				return nil, err
			}
			out := make([]Row, 0, len(ps))
			for _, p := range ps {
				used, reserved := pages(p.bytes)
				out = append(out, Row{i64(partitionRowID(p)), i32(p.t.ID), i32(p.ix.IndexID), i32(p.number), i64(used), i64(used),
					i64(reserved), i64(0), i64(0), i64(0), i64(0), i64(used), i64(reserved), i64(p.rows)})
			}
			return out, nil
		}}
	systemViews["sys.allocation_units"] = &virtualTable{cols: []vcol{{"allocation_unit_id", vBig}, {"type", vTinyInt},
		{"type_desc", vDesc}, {"container_id", vBig}, {"data_space_id", vInt}, {"total_pages", vBig},
		{"used_pages", vBig}, {"data_pages", vBig}},
		rows: func(s *Session, db Database) ([]Row, error) {
			ps, err := s.partitionRows(db)
			if err != nil {
				return nil, err
			}
			out := make([]Row, 0, len(ps))
			for _, p := range ps {
				used, reserved := pages(p.bytes)
				id := partitionRowID(p)
				out = append(out, Row{i64(id), types.NewTinyInt(1), str("IN_ROW_DATA"), i64(id), i32(1), i64(reserved), i64(used), i64(used)})
			}
			return out, nil
		}}
	dataSpaceCols := []vcol{{"name", vName}, {"data_space_id", vInt}, {"type", types.Type{ID: types.Char, Length: 2}},
		{"type_desc", vDesc}, {"is_default", vBit}, {"is_system", vBit}}
	primary := func(*Session, Database) ([]Row, error) {
		return []Row{{str("PRIMARY"), i32(1), types.NewString(types.Char, "FG"), str("ROWS_FILEGROUP"), bit(true), bit(false)}}, nil
	}
	systemViews["sys.data_spaces"] = &virtualTable{cols: dataSpaceCols, rows: func(s *Session, db Database) ([]Row, error) {
		r, _ := primary(s, db)
		return append(r, schemeDataSpaceRows(s.catalogFor(db))...), nil // partition_views.go
	}}
	systemViews["sys.filegroups"] = &virtualTable{cols: append(append([]vcol(nil), dataSpaceCols...),
		vcol{"filegroup_guid", types.Type{ID: types.UniqueIdentifier}}, vcol{"log_filegroup_id", vInt},
		vcol{"is_read_only", vBit}, vcol{"is_autogrow_all_files", vBit}),
		rows: func(s *Session, db Database) ([]Row, error) {
			r, _ := primary(s, db)
			return []Row{append(r[0], types.Null(types.UniqueIdentifier), types.Null(types.Int), bit(false), bit(false))}, nil
		}}
}
