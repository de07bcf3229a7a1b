package exec

import (
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.dm_db_stats_properties(object_id, stats_id) and
// sys.dm_db_incremental_stats_properties: the statistics objects of
// stats_views.go with the figures the engine has. rows, rows_sampled and
// steps are the stored statistics' (stats_store.go; before any are built,
// the table's row count and 0 steps); last_updated is STATS_DATE's value;
// modification_counter counts the table's row
// modifications since the statistics were last updated (stats_usage.go),
// which is what maintenance jobs (IndexOptimize @OnlyModifiedStatistics)
// select on. No statistics are
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
// database, none for ids that name none (or NULL), as SQL Server. rows and
// rows_sampled are the stored statistics' (stats_store.go), or the table's
// rows now when none are built; modification_counter is the table's row
// modifications since the last update (stats_usage.go).
func statsProperties(s *Session, args []types.Value) ([]Row, error) {
	oid, ok1 := ArgInt32(args[0])
	sid, ok2 := ArgInt32(args[1])
	if !ok1 || !ok2 {
		return nil, nil
	}
	t := s.catalogFor(s.db).TableByID(oid)
	if t == nil || !hasStatistics(t, sid) {
		return nil, nil
	}
	when, rows, mods, updated := statsFacts(s.db, t, sid)
	steps, sampled, unfiltered := int32(0), rows, rows
	if tu := tableUsageMade(s.db, t.ID); tu != nil { // stored ones too (stats_persist.go)
		if st, ok := tu.statsOf(sid); ok {
			steps = int32(st.steps)
		}
		if h := tu.storedHist(sid); h != nil { // stats_store.go
			rows, sampled, steps, updated = h.c.rows, h.c.sampled, int32(len(h.c.steps)), true
			unfiltered = h.c.unfiltered
		}
	}
	if !updated {
		n, err := s.tableRows(s.db, t)
		if err != nil {
			return nil, err
		}
		rows, sampled, unfiltered = n, n, n
	}
	n := types.NewBigInt(rows)
	return []Row{{i32(oid), i32(sid), dt(when), n, types.NewBigInt(sampled), i32(steps), types.NewBigInt(unfiltered), types.NewBigInt(mods), types.NewFloat(0)}}, nil
}

// hasStatistics reports whether t has a statistics object with id sid: an
// index's (not a heap's) or a CREATE STATISTICS one.
func hasStatistics(t *catalog.Table, sid int32) bool {
	for _, ix := range t.Indexes {
		if !ix.IsHeap() && ix.IndexID == sid {
			return true
		}
	}
	for _, us := range t.Statistics {
		if us.ID == sid {
			return true
		}
	}
	return false
}

// statsFacts is what is known of statistics sid of t in db: when it was
// last updated (by UPDATE STATISTICS since the database opened, else when
// the table's definition last changed, which covers the index build or
// CREATE STATISTICS that made it), the rows that update counted, the
// modifications since, and whether there was such an update.
func statsFacts(db Database, t *catalog.Table, sid int32) (when time.Time, rows, mods int64, updated bool) {
	when = t.Created
	if t.Modified.After(when) {
		when = t.Modified
	}
	tu := tableUsageMade(db, t.ID) // stored ones too (stats_persist.go)
	if tu == nil {
		return when, 0, 0, false
	}
	mods = tu.modifications(sid)
	st, ok := tu.statsOf(sid)
	if ok {
		when, rows = st.updated, st.rows
	}
	return when, rows, mods, ok
}

// tableRows counts t's rows: the entries of its heap or clustered index.
func (s *Session) tableRows(db Database, t *catalog.Table) (int64, error) {
	n, _, err := s.storedObjectSize(db, t.RowStore().StoreID)
	return n, err
}
