package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.dm_db_stats_properties(object_id, stats_id) and
// sys.dm_db_incremental_stats_properties: the statistics objects of
// stats_views.go with the figures the engine has. rows and rows_sampled
// are the table's row count (statistics here describe the whole table,
// as a FULLSCAN does); last_updated is STATS_DATE's value; no histogram
// is kept, so steps is 0, and no modification counter: 0, which tells
// maintenance jobs (IndexOptimize @OnlyModifiedStatistics) that nothing
// needs an update rather than that everything does. No statistics are
// incremental, so the incremental function has no rows, as SQL Server's
// has none for non-incremental statistics.

func init() {
	cols := []ViewColumn{{Name: "object_id", Type: types.TypeInt}, {Name: "stats_id", Type: types.TypeInt},
		{Name: "last_updated", Type: types.TypeDateTime}, {Name: "rows", Type: types.TypeBigInt},
		{Name: "rows_sampled", Type: types.TypeBigInt}, {Name: "steps", Type: types.TypeInt},
		{Name: "unfiltered_rows", Type: types.TypeBigInt}, {Name: "modification_counter", Type: types.TypeBigInt},
		{Name: "persisted_sample_percent", Type: types.TypeFloat}}
	RegisterTableFunc(TableFunc{Name: "dm_db_stats_properties", Cols: cols, MinArgs: 2, MaxArgs: 2, Rows: statsProperties})
	inc := append(append(append([]ViewColumn(nil), cols[:2]...), ViewColumn{Name: "partition_number", Type: types.TypeInt}), cols[2:]...)
	RegisterTableFunc(TableFunc{Name: "dm_db_incremental_stats_properties", Cols: inc, MinArgs: 2, MaxArgs: 2,
		Rows: func(*Session, []types.Value) ([]Row, error) { return nil, nil }})
}

// statsProperties is one row for a statistics object of the current
// database, none for ids that name none (or NULL), as SQL Server.
func statsProperties(s *Session, args []types.Value) ([]Row, error) {
	oid, ok1 := ArgInt32(args[0])
	sid, ok2 := ArgInt32(args[1])
	if !ok1 || !ok2 {
		return nil, nil
	}
	t := s.catalogFor(s.db).TableByID(oid)
	if t == nil {
		return nil, nil
	}
	found := false
	for _, ix := range t.Indexes {
		found = found || (!ix.IsHeap() && ix.IndexID == sid)
	}
	for _, us := range t.Statistics {
		found = found || us.ID == sid
	}
	if !found {
		return nil, nil
	}
	var rows int64
	for _, ix := range t.Indexes {
		if ix.IndexID <= 1 { // the heap or clustered index holds every row
			n, _, err := s.storedObjectSize(s.db, ix.StoreID)
			if err != nil {
				return nil, err
			}
			rows = n
		}
	}
	when := t.Created
	if t.Modified.After(when) {
		when = t.Modified
	}
	n := types.NewBigInt(rows)
	return []Row{{i32(oid), i32(sid), dt(when), n, n, i32(0), n, types.NewBigInt(0), types.NewFloat(0)}}, nil
}
