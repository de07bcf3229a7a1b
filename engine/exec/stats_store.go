package exec

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// Stored statistics (issue #5): the contents of each statistics object — an
// index's (its leading column's histogram, its key's density vector) or a
// CREATE STATISTICS one — kept in memory beside the table's usage counters
// (stats_usage.go), so the planner can estimate rows (stats_estimate.go)
// and DBCC SHOW_STATISTICS, sys.dm_db_stats_histogram and
// sys.dm_db_stats_properties report what is stored, as SQL Server does.
//
// When they are built. Kept in the database (stats_persist.go); the first
// need after an index or statistics is made builds them (a query's estimate, SHOW_STATISTICS), which stands for
// the statistics SQL Server made when the index or statistics was created —
// so that build does not reset the modification counter or last_updated.
// UPDATE STATISTICS, sp_updatestats and CREATE STATISTICS rebuild them and
// do. An estimate rebuilds them first when they are stale, as
// AUTO_UPDATE_STATISTICS does: when the modifications since they were
// built pass SQL Server's threshold for the rows they counted, 500 up to
// 500 rows and min(500 + 20 % of n, sqrt(1000 × n)) beyond (and any
// modification of statistics built over an empty table) — unless the
// statistics are NORECOMPUTE or the database's AUTO_UPDATE_STATISTICS is
// OFF. That rebuild is an update: it resets the counter and last_updated.
//
// What a build costs. One pass over the row store without locks (the
// committed rows and the session's own writes, like storedObjectSize) that
// decodes only the statistics' columns — of every row up to
// statsFullScanRows rows, else of every k-th row (rows_sampled shows how
// many), the histogram's counts scaled up and the distinct values
// estimated from the sample (statsSample). The reads do not count in SET
// STATISTICS IO, as SQL Server's statistics queries do not.

// statsFullScanRows is the table size up to which a default (automatic, or
// UPDATE STATISTICS without FULLSCAN or SAMPLE) build reads every row;
// above it a build decodes about this many rows.
const statsFullScanRows = 100_000

// histEntry is one statistics object's stored contents.
type histEntry struct {
	c      *statsContents
	cols   []int  // the columns it was built over (a dropped and re-made id is rebuilt)
	filter string // the filter it was built under (filtered statistics, stats_filter.go)
	base   int64  // tableUsage.mods when built
	every  int64  // the sampling step used (1: every row), for RESAMPLE
}

// storedHist returns stats id's stored contents, nil when none.
func (t *tableUsage) storedHist(id int32) *histEntry {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.hists[id]
}

// storeHist keeps h as stats id's contents and, for an update (not the
// first build of statistics that already existed), records the update:
// its modification counter starts again from zero.
func (t *tableUsage) storeHist(id int32, h *histEntry, update bool, now time.Time) {
	t.mu.Lock()
	if t.hists == nil {
		t.hists = make(map[int32]*histEntry)
	}
	t.hists[id] = h
	t.mu.Unlock()
	if update {
		t.markUpdated(id, now, h.c.rows, len(h.c.steps))
	}
	t.histGen.Add(1)
}

// autoUpdateThreshold is the modifications after which statistics built
// over rows rows are out of date (SQL Server 2016's dynamic threshold).
func autoUpdateThreshold(rows int64) int64 {
	if rows <= 500 {
		return 500
	}
	n := float64(rows)
	return int64(math.Min(500+0.2*n, math.Sqrt(1000*n)))
}

// stale reports whether h, built mods modifications ago, is out of date.
func (h *histEntry) stale(mods int64) bool {
	if mods <= 0 {
		return false
	}
	return h.c.rows == 0 || mods > autoUpdateThreshold(h.c.rows)
}

// autoUpdateOn reports whether db's AUTO_UPDATE_STATISTICS is ON (the
// default).
func (s *Session) autoUpdateOn(db Database) bool {
	if s.srv == nil {
		return true
	}
	e := s.srv.ServerCatalog().Database(db.Name())
	return e == nil || !strings.EqualFold(e.Options["AUTO_UPDATE_STATISTICS"], "OFF")
}

// statisticsFor returns the contents of statistics x of t for an estimate:
// the stored ones, built when there are none (or they describe other
// columns), rebuilt first when auto is set and they are stale and may be
// updated automatically. nil when db keeps no counters (a #temp table).
func (s *Session) statisticsFor(ctx context.Context, db Database, t *catalog.Table, x statsTarget, auto bool) (*statsContents, error) {
	tu := tableUsageMade(db, t.ID)
	cols := statsColumns(t, x.id)
	if tu == nil || cols == nil {
		return nil, nil
	}
	h := tu.storedHist(x.id)
	update := false
	switch {
	case h == nil || !slices.Equal(h.cols, cols) || h.c.typ != t.Columns[cols[0]].Type || h.filter != statsFilter(t, x.id):
		// First build: the statistics made with the index stand for it.
	case auto && h.stale(tu.mods.Load()-h.base) && !noRecompute(t, x) && s.autoUpdateOn(db):
		update = true
	default:
		return h.c, nil
	}
	every := s.defaultSampleStep(db, t)
	if update && h != nil {
		every = h.every
	}
	return s.rebuildStatistics(ctx, db, t, x.id, cols, every, update)
}

// rebuildStatistics builds statistics id of t over cols, decoding every
// every-th row, and stores them (an update when update is set).
func (s *Session) rebuildStatistics(ctx context.Context, db Database, t *catalog.Table, id int32, cols []int, every int64, update bool) (*statsContents, error) {
	tu := tableUsageMade(db, t.ID)
	var base int64
	if tu != nil {
		base = tu.mods.Load() // before the read: what changes during it counts
	}
	c, err := s.buildFilteredStatistics(ctx, db, t, cols, every, statsFilter(t, id)) // stats_filter.go
	if err != nil || tu == nil {
		return c, err
	}
	h := &histEntry{c: c, cols: cols, filter: statsFilter(t, id), base: base, every: every}
	tu.storeHist(id, h, update, time.Now())
	persistStats(ctx, db, t.ID, id, tu, h) // stats_persist.go
	return c, nil
}

// defaultSampleStep is the sampling step of a default build of t's
// statistics: every row up to statsFullScanRows rows (by the maintained
// row count; every row when there is none), else about that many.
func (s *Session) defaultSampleStep(db Database, t *catalog.Table) int64 {
	rows, ok := ApproxRows(db, t.RowStore().StoreID)
	if !ok || rows <= statsFullScanRows {
		return 1
	}
	return (rows + statsFullScanRows - 1) / statsFullScanRows
}

// sampleStep is the sampling step UPDATE STATISTICS' or CREATE
// STATISTICS' options ask for: FULLSCAN or SAMPLE 100 PERCENT every row,
// SAMPLE n PERCENT | ROWS its share of the table's rows, RESAMPLE the step
// of the last build (prev, 0 for none), none of them the default.
func (s *Session) sampleStep(db Database, t *catalog.Table, word func(name string) (string, bool), prev int64) int64 {
	if _, ok := word("FULLSCAN"); ok {
		return 1
	}
	if _, ok := word("RESAMPLE"); ok && prev > 0 {
		return prev
	}
	if w, ok := word("SAMPLE"); ok {
		f := strings.Fields(w)
		if len(f) == 2 {
			n, err := strconv.ParseFloat(f[0], 64)
			rows, _ := ApproxRows(db, t.RowStore().StoreID)
			switch {
			case err != nil || n <= 0:
			case strings.EqualFold(f[1], "PERCENT"):
				return max(1, int64(100/math.Min(n, 100)))
			case rows > 0:
				return max(1, rows/int64(math.Max(n, 1)))
			default:
				return 1
			}
		}
	}
	return s.defaultSampleStep(db, t)
}

// shownStatistics is what SHOW_STATISTICS and the statistics DMVs report
// for statistics x of t: the stored contents, built (without an update)
// when there are none; a database that keeps no counters computes them.
func (s *Session) shownStatistics(ctx context.Context, db Database, t *catalog.Table, x statsTarget) (*statsContents, error) {
	c, err := s.statisticsFor(ctx, db, t, x, false)
	if c != nil || err != nil {
		return c, err
	}
	return s.buildFilteredStatistics(ctx, db, t, statsColumns(t, x.id), 1, statsFilter(t, x.id))
}
