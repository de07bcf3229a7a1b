package exec

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// Usage and modification counters (issue #5): what sys.dm_db_index_usage_stats,
// sys.dm_db_index_operational_stats and sys.dm_db_stats_properties'
// modification_counter report, and what UPDATE STATISTICS resets.
//
// Where they live. A database that counts implements usageHolder (the
// engine's databases do; #temp tables and test stores do not, and are not
// counted). Its DBUsage maps a table's object_id to a tableUsage, found once
// per tableRef — a statement's resolved table, which DML plans keep across
// executions (dmlplan.go) — and kept on it (tableRef.use). Per row the
// executor then does atomic adds on that struct and nothing else: no map
// lookup, no lock, no clock read. Per statement and table it reads the clock
// once and adds to each index's counters.
//
// What "per statement" means. SQL Server counts user_seeks / user_scans /
// user_lookups / user_updates once per execution of a plan operator that
// touches the index, not per row. Here a tableRef remembers the session's
// statement ordinal (errSets, which grows by one at the end of every
// statement, batch.go) at which it last counted, so a nested-loop join that
// reopens its inner table once per outer row counts one seek, and a
// statement run in a WHILE loop counts once per iteration.
//
// Lifetime. The usage counters are in memory and start at zero when the
// database opens (server start, RESTORE, a mirroring role change), as SQL
// Server's usage DMVs do. The statistics modification counter is kept in
// the database, as SQL Server's is (stats_persist.go): written with the
// statistics and at each checkpoint, read on the table's first use.
//
// Granularity. The modification counter is per table (every inserted,
// deleted or updated row counts once for every statistics object of the
// table), where SQL Server counts changes to each statistics object's
// leading column: an UPDATE that sets only a non-key column counts here and
// not there. Counting per column would put a loop over the changed columns
// on every updated row. Rolled-back changes count, as in SQL Server (its
// counter is not transactional either).

// usageHolder is implemented by databases whose usage is counted.
type usageHolder interface {
	Usage() *DBUsage
}

// DBUsage holds one database's counters. The zero value is ready; a
// database embeds one and returns it from Usage.
type DBUsage struct {
	mu     sync.RWMutex
	tables map[int32]*tableUsage
}

// table returns the counters of the table with id, made on first use.
func (u *DBUsage) table(id int32) *tableUsage {
	u.mu.RLock()
	t := u.tables[id]
	u.mu.RUnlock()
	if t != nil {
		return t
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if t = u.tables[id]; t == nil {
		if u.tables == nil {
			u.tables = make(map[int32]*tableUsage)
		}
		t = &tableUsage{}
		u.tables[id] = t
	}
	return t
}

// lookup returns the table's counters, or nil when nothing was counted yet.
func (u *DBUsage) lookup(id int32) *tableUsage {
	u.mu.RLock()
	defer u.mu.RUnlock()
	return u.tables[id]
}

// Leaf operation kinds, the index into tableUsage.leaf.
const (
	leafInsert = iota
	leafUpdate
	leafDelete
)

// tableUsage is one table's counters.
type tableUsage struct {
	// mods counts row modifications (inserted, updated, deleted rows): the
	// stored counter (stats_persist.go) plus those since the database
	// opened; a statistics object's modification_counter is
	// mods minus the value it had when the statistics were last updated.
	mods atomic.Int64
	// leaf counts rows inserted, updated and deleted (the leaf_*_count
	// columns of sys.dm_db_index_operational_stats, the table's figures on
	// each of its indexes).
	leaf [3]atomic.Int64
	// moves counts rows an UPDATE gave a new store key (a changed
	// clustered key): a DYNAMIC cursor takes its members again when it
	// grows, as when leaf_insert_count does (cursor_dynamic.go).
	moves atomic.Int64

	mu      sync.Mutex
	indexes map[int32]*indexUsage // by index_id
	stats   map[int32]*statsState // by stats_id: statistics updated since start
	hists   map[int32]*histEntry  // by stats_id: stored contents (stats_store.go)
	// loaded is set once the table's stored statistics and counter were
	// read (stats_persist.go), under loadMu; savedMods is the counter as
	// last written.
	loaded    atomic.Bool
	loadMu    sync.Mutex
	savedMods atomic.Int64
	// histGen counts stores of hists: a plan's seek-or-scan choice made
	// from them is made again after one (stats_estimate.go).
	histGen atomic.Int64
	// lastView is the index counters of the catalog.Table last resolved.
	lastView atomic.Pointer[indexView]
}

// indexUsage is one index's counters. The last* fields are UnixNano times, 0
// for never.
type indexUsage struct {
	seeks, scans, lookups, updates             atomic.Int64
	lastSeek, lastScan, lastLookup, lastUpdate atomic.Int64
	rangeScans, singletonLookups               atomic.Int64
}

// statsState is what UPDATE STATISTICS recorded for one statistics object.
type statsState struct {
	base    int64     // tableUsage.mods when updated
	updated time.Time // when
	rows    int64     // rows counted then
	steps   int       // histogram steps then (stats_histogram.go)
}

// index returns the counters of index id, made on first use.
func (t *tableUsage) index(id int32) *indexUsage {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.indexes == nil {
		t.indexes = make(map[int32]*indexUsage)
	}
	ix := t.indexes[id]
	if ix == nil {
		ix = &indexUsage{}
		t.indexes[id] = ix
	}
	return ix
}

// indexSnapshot returns index id's counters, nil when it has none.
func (t *tableUsage) indexSnapshot(id int32) *indexUsage {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.indexes[id]
}

// statsOf returns what the last UPDATE STATISTICS of stats id recorded, and
// whether there was one since the database opened.
func (t *tableUsage) statsOf(id int32) (statsState, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := t.stats[id]
	if st == nil {
		return statsState{}, false
	}
	return *st, true
}

// modifications is stats id's modification_counter.
func (t *tableUsage) modifications(id int32) int64 {
	st, _ := t.statsOf(id)
	return max(t.mods.Load()-st.base, 0)
}

// markUpdated records that stats id was updated now over rows rows, making
// a histogram of steps steps: its modification counter starts again from
// zero.
func (t *tableUsage) markUpdated(id int32, now time.Time, rows int64, steps int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stats == nil {
		t.stats = make(map[int32]*statsState)
	}
	t.stats[id] = &statsState{base: t.mods.Load(), updated: now, rows: rows, steps: steps}
}

// tableUse is a tableRef's handle on its table's counters (held by value
// in the tableRef: resolving it allocates nothing). It belongs to the
// session that owns the tableRef (tableRefs are never shared between
// sessions).
type tableUse struct {
	t *tableUsage // nil until resolved
	v *indexView  // the counters of t's indexes, for the catalog.Table resolved
	// writeMark and readMark are the statement ordinals (errSets+1) at which
	// this tableRef last counted a write and a read.
	writeMark, readMark uint64
}

// indexView is the counters of one catalog.Table's indexes, by position in
// its Indexes. A table's catalog entry is immutable (DDL publishes a clone),
// so the view made for it stays right; tableUsage keeps the latest one for
// the tableRefs that follow.
type indexView struct {
	table *catalog.Table
	ix    []*indexUsage
}

// view returns the index counters for ct, made when ct is not the table
// the last view was made for.
func (t *tableUsage) view(ct *catalog.Table) *indexView {
	if v := t.lastView.Load(); v != nil && v.table == ct {
		return v
	}
	v := &indexView{table: ct, ix: make([]*indexUsage, len(ct.Indexes))}
	for i, ix := range ct.Indexes {
		v.ix[i] = t.index(ix.IndexID)
	}
	t.lastView.Store(v)
	return v
}

// usageFor returns tr's counters, resolving them at the first use of tr;
// nil when tr's database does not count.
func (s *Session) usageFor(tr *tableRef) *tableUse {
	u := &tr.use
	if u.t != nil {
		return u
	}
	h, ok := tr.db.(usageHolder)
	if !ok {
		return nil
	}
	u.t = h.Usage().table(tr.t.ID)
	u.v = u.t.view(tr.t)
	return u
}

// noteWrite counts n rows of kind (leafInsert …) written to tr by the running
// statement: the table's modification counter, and once per statement a user
// update on each of its indexes.
func (s *Session) noteWrite(tr *tableRef, kind int, n int64) {
	u := s.usageFor(tr)
	if u == nil {
		return
	}
	u.t.mods.Add(n)
	u.t.leaf[kind].Add(n)
	if mark := s.errSets + 1; u.writeMark != mark {
		u.writeMark = mark
		now := time.Now().UnixNano()
		for _, ix := range u.v.ix {
			ix.updates.Add(1)
			ix.lastUpdate.Store(now)
		}
	}
}

// noteMove counts a row of tr an UPDATE moved to a new store key.
func (s *Session) noteMove(tr *tableRef) {
	if u := s.usageFor(tr); u != nil {
		u.t.moves.Add(1)
	}
}

// noteRead counts, once per statement, tr's read through ap: a scan of the
// row store (ap nil), or a seek of ap's index — a singleton lookup when it
// names a whole unique key — plus, for a nonclustered index, a lookup of
// the row store.
func (s *Session) noteRead(tr *tableRef, ap *accessPath) {
	u := s.usageFor(tr)
	if u == nil {
		return
	}
	mark := s.errSets + 1
	if u.readMark == mark {
		return
	}
	u.readMark = mark
	now := time.Now().UnixNano()
	row := u.v.ix[0] // the heap or clustered index comes first (catalog.Table.RowStore)
	if ap == nil {
		row.scans.Add(1)
		row.lastScan.Store(now)
		row.rangeScans.Add(1)
		return
	}
	ix := u.indexAt(tr.t, ap.ix)
	if ix == nil {
		return
	}
	switch {
	case ap.scan: // INDEX (ix) read the whole index
		ix.scans.Add(1)
		ix.lastScan.Store(now)
	default:
		ix.seeks.Add(1)
		ix.lastSeek.Store(now)
	}
	if ap.ix.Unique && len(ap.eq) == len(ap.ix.Columns) {
		ix.singletonLookups.Add(1)
	} else {
		ix.rangeScans.Add(1)
	}
	if ap.ix.IndexID > 1 && ix != row {
		row.lookups.Add(1)
		row.lastLookup.Store(now)
		row.singletonLookups.Add(1)
	}
}

// indexAt is the counters of ix, an index of t.
func (u *tableUse) indexAt(t *catalog.Table, ix *catalog.Index) *indexUsage {
	for i, x := range t.Indexes {
		if x == ix {
			return u.v.ix[i]
		}
	}
	return nil
}

// tableUsageOf returns the counters of table id in db, nil when db does not
// count or nothing was counted for the table.
func tableUsageOf(db Database, id int32) *tableUsage {
	h, ok := db.(usageHolder)
	if !ok {
		return nil
	}
	t := h.Usage().lookup(id)
	if t != nil {
		t.ensureLoaded(db, id)
	}
	return t
}

// tableUsageMade is tableUsageOf, making the table's entry when db counts.
func tableUsageMade(db Database, id int32) *tableUsage {
	h, ok := db.(usageHolder)
	if !ok {
		return nil
	}
	t := h.Usage().table(id)
	t.ensureLoaded(db, id) // stats_persist.go
	return t
}
