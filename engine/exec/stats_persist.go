package exec

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Statistics kept in the database (issue #5). SQL Server stores a
// statistics object's contents and its modification counter in the
// database, so they survive a restart, are in a backup and reach a mirror.
// Here each statistics object's contents (stats_store.go) are a record
// under catalog.ObjectIdentity — beside the identity counters and sequence
// reservations, and for the same reason: a small transaction of its own,
// committed (logged, fsynced, sent to the mirror) whether the statement
// that built them commits or not, copied by BACKUP with that object and
// redone by a mirror like any row.
//
// Keys. "stats" + the table's object_id + the stats_id (4 bytes each, big
// endian) holds one statistics object; stats_id 0 (no statistics object
// has it: a heap's index_id) holds the table's modification counter.
//
// When they are written. A statistics object when it is built or updated
// (the first build after an index or CREATE STATISTICS, UPDATE
// STATISTICS, an automatic update), with its table's counter in the same
// transaction. The counter alone — which every modified row moves, too
// often for a write each — at each checkpoint (SaveStatisticsCounters)
// when it moved since it was last written: after a crash it may be behind
// by the modifications since the last checkpoint, as SQL Server's may be;
// it is never ahead, and a statistics object's record is whole or absent.
//
// When they are read. On the table's first use after the database opens
// (tableUsageOf, tableUsageMade) and after a role change or revert, which
// replace the records under the counters (ForgetStatistics). A database
// written before this (no records) builds them on first need, as before.
// A record whose columns, type or filter no longer match its statistics
// object (dropped and made again under the same id) is rebuilt.

// statsKeyPrefix starts every statistics record's key.
const statsKeyPrefix = "stats"

// maxStatsRecord is the largest statistics record written: histograms of
// long strings beyond it stay in memory only (built again after a restart).
const maxStatsRecord = 1 << 20

// eachStatsRecord calls fn for each record of table tid in st, in stats_id
// order (0, its counter, first), with it positioned on the record.
func eachStatsRecord(st storage.Reader, tid int32, fn func(sid int32, it storage.Iterator)) {
	lo := binary.BigEndian.AppendUint32([]byte(statsKeyPrefix), uint32(tid))
	var hi []byte // the last table id's range has no key after it
	if uint32(tid) != ^uint32(0) {
		hi = binary.BigEndian.AppendUint32([]byte(statsKeyPrefix), uint32(tid)+1)
	}
	it, err := st.NewIterator(catalog.ObjectIdentity, lo, hi, false, storage.Latest)
	if err != nil {
		return
	}
	defer it.Close()
	for it.Next() {
		if k := it.Key(); len(k) == len(lo)+4 {
			fn(int32(binary.BigEndian.Uint32(k[len(lo):])), it)
		}
	}
}

// statsKey is the key of statistics sid of table tid (0: its counter).
func statsKey(tid, sid int32) []byte {
	k := binary.BigEndian.AppendUint32([]byte(statsKeyPrefix), uint32(tid))
	return binary.BigEndian.AppendUint32(k, uint32(sid))
}

// storedStats is a statistics object's record (JSON: floats round-trip
// exactly; the upper bounds are one encoded row of the leading column's
// type).
type storedStats struct {
	Version int        `json:"v"`
	Columns []int      `json:"cols"`
	Filter  string     `json:"filter,omitempty"`
	Type    types.Type `json:"type"`
	Rows    int64      `json:"rows"`
	Sampled int64      `json:"sampled"`
	// Unfiltered is the table's rows when built; absent (0) in a record
	// of statistics that are not filtered, whose rows it equals.
	Unfiltered int64     `json:"unfiltered,omitempty"`
	Every      int64     `json:"every"`
	Base       int64     `json:"base"` // the table's counter when built
	Density    []float64 `json:"density"`
	AvgLen     []float64 `json:"avg_len"`
	Hi         []byte    `json:"hi"`
	Range      []float64 `json:"range"`
	Eq         []float64 `json:"eq"`
	Distinct   []int64   `json:"distinct"`
	AvgRange   []float64 `json:"avg_range"`
	// Updated is the last update (STATS_DATE) and UpdBase the counter
	// then; zero when the statistics were built but never updated.
	Updated time.Time `json:"updated,omitzero"`
	UpdBase int64     `json:"upd_base,omitempty"`
}

// encodeStats encodes h (and st, its last update, when ok).
func encodeStats(h *histEntry, st statsState, ok bool) ([]byte, error) {
	c := h.c
	r := storedStats{Version: 1, Columns: h.cols, Filter: h.filter, Type: c.typ, Rows: c.rows, Sampled: c.sampled,
		Every: h.every, Base: h.base, Density: c.density, AvgLen: c.avgLen}
	if c.unfiltered != c.rows {
		r.Unfiltered = c.unfiltered
	}
	his := make([]types.Value, len(c.steps))
	typs := make([]types.Type, len(c.steps))
	for i, s := range c.steps {
		his[i], typs[i] = s.hi, c.typ
		r.Range, r.Eq = append(r.Range, s.rangeRows), append(r.Eq, s.eqRows)
		r.Distinct, r.AvgRange = append(r.Distinct, s.distinctRange), append(r.AvgRange, s.avgRange)
	}
	var err error
	if r.Hi, err = types.EncodeRow(nil, his, typs); err != nil {
		return nil, err
	}
	if ok {
		r.Updated, r.UpdBase = st.updated, st.base
	}
	return json.Marshal(r)
}

// decodeStats decodes a record; ok is false for one this release cannot
// read (a damaged or newer one), which is then built again.
func decodeStats(b []byte) (h *histEntry, st statsState, updated, ok bool) {
	var r storedStats
	if json.Unmarshal(b, &r) != nil || r.Version != 1 || len(r.Columns) == 0 ||
		len(r.Density) != len(r.Columns) || len(r.AvgLen) != len(r.Columns) {
		return nil, st, false, false
	}
	n := len(r.Range)
	if len(r.Eq) != n || len(r.Distinct) != n || len(r.AvgRange) != n {
		return nil, st, false, false
	}
	typs := make([]types.Type, n)
	for i := range typs {
		typs[i] = r.Type
	}
	his, err := types.DecodeRow(r.Hi, typs)
	if err != nil || len(his) != n {
		return nil, st, false, false
	}
	c := &statsContents{rows: r.Rows, sampled: r.Sampled, unfiltered: r.Unfiltered, density: r.Density, avgLen: r.AvgLen, typ: r.Type,
		steps: make([]histStep, n)}
	if r.Unfiltered == 0 {
		c.unfiltered = r.Rows
	}
	for i := range c.steps {
		c.steps[i] = histStep{hi: his[i], rangeRows: r.Range[i], eqRows: r.Eq[i], distinctRange: r.Distinct[i], avgRange: r.AvgRange[i]}
	}
	h = &histEntry{c: c, cols: r.Columns, filter: r.Filter, base: r.Base, every: max(r.Every, 1)}
	if !r.Updated.IsZero() {
		st = statsState{base: r.UpdBase, updated: r.Updated, rows: r.Rows, steps: n}
		updated = true
	}
	return h, st, updated, true
}

// ensureLoaded reads table tid's records from db's store the first time
// the table's counters are used since the database opened (or forgot
// them): the stored statistics, and the counter, added to the
// modifications counted since open so that tableUsage.mods counts from
// the table's first recorded modification.
func (t *tableUsage) ensureLoaded(db Database, tid int32) {
	if t.loaded.Load() {
		return
	}
	t.loadMu.Lock()
	defer t.loadMu.Unlock()
	if t.loaded.Load() {
		return
	}
	defer t.loaded.Store(true)
	st := db.Store()
	if st == nil {
		return
	}
	eachStatsRecord(st, tid, func(sid int32, it storage.Iterator) {
		if sid == 0 {
			if v := it.Value(); len(v) == 8 {
				p := int64(binary.BigEndian.Uint64(v))
				t.mods.Add(p)
				t.savedMods.Store(p)
			}
			return
		}
		h, upd, updated, ok := decodeStats(it.Value())
		if !ok {
			return
		}
		t.mu.Lock()
		if t.hists == nil {
			t.hists = make(map[int32]*histEntry)
		}
		if t.hists[sid] == nil {
			t.hists[sid] = h
		}
		if updated {
			if t.stats == nil {
				t.stats = make(map[int32]*statsState)
			}
			if t.stats[sid] == nil {
				t.stats[sid] = &upd
			}
		}
		t.mu.Unlock()
	})
	t.histGen.Add(1)
}

// persistStats writes statistics sid of table tid (h, and its last update)
// and the table's counter in a transaction of their own. A database that
// cannot take it (read-only, a mirror, a snapshot) keeps them in memory
// only; a failure is not the statement's.
func persistStats(ctx context.Context, db Database, tid, sid int32, t *tableUsage, h *histEntry) {
	g, ok := db.(interface{ NewTxnID() uint64 })
	if !ok {
		return
	}
	if ro, isRO := db.(readOnlyDatabase); isRO && ro.ReadOnlyError() != nil {
		return
	}
	st, updated := t.statsOf(sid)
	rec, err := encodeStats(h, st, updated)
	if err != nil || len(rec) > maxStatsRecord {
		return
	}
	ws := storage.NewWriteSet(0)
	if ws.Put(catalog.ObjectIdentity, statsKey(tid, sid), rec) != nil {
		return
	}
	mods := t.mods.Load()
	if ws.Put(catalog.ObjectIdentity, statsKey(tid, 0), binary.BigEndian.AppendUint64(nil, uint64(mods))) != nil {
		return
	}
	if db.Commit(context.WithoutCancel(ctx), &Writes{TxnID: g.NewTxnID(), Set: ws}) == nil {
		t.savedMods.Store(mods)
	}
}

// SaveStatisticsCounters writes the modification counters of db's tables
// that moved since they were last written, in one transaction (the engine
// calls it at each checkpoint of an online database).
func SaveStatisticsCounters(ctx context.Context, db Database) error {
	h, ok := db.(usageHolder)
	if !ok {
		return nil
	}
	g, ok := db.(interface{ NewTxnID() uint64 })
	if !ok {
		return nil
	}
	if ro, isRO := db.(readOnlyDatabase); isRO && ro.ReadOnlyError() != nil {
		return nil
	}
	u := h.Usage()
	type moved struct {
		t    *tableUsage
		mods int64
	}
	u.mu.RLock()
	ids := make([]int32, 0, len(u.tables))
	tables := make([]*tableUsage, 0, len(u.tables))
	for id, t := range u.tables {
		ids, tables = append(ids, id), append(tables, t)
	}
	u.mu.RUnlock()
	cat := db.Catalog()
	var todo []moved
	ws := storage.NewWriteSet(0)
	for i, t := range tables {
		if cat == nil || cat.TableByID(ids[i]) == nil {
			continue // dropped: its counter has no statistics left to count for
		}
		if !t.loaded.Load() {
			if t.mods.Load() == 0 {
				continue
			}
			t.ensureLoaded(db, ids[i]) // adds the stored counter to what was counted since open
		}
		mods := t.mods.Load()
		if mods == t.savedMods.Load() {
			continue
		}
		if err := ws.Put(catalog.ObjectIdentity, statsKey(ids[i], 0), binary.BigEndian.AppendUint64(nil, uint64(mods))); err != nil {
			return err
		}
		todo = append(todo, moved{t, mods})
	}
	if len(todo) == 0 {
		return nil
	}
	if err := db.Commit(context.WithoutCancel(ctx), &Writes{TxnID: g.NewTxnID(), Set: ws}); err != nil {
		return err
	}
	for _, m := range todo {
		m.t.savedMods.Store(m.mods)
	}
	return nil
}

// ForgetStatistics makes db's tables read their statistics and counters
// from the store again on their next use, dropping what memory holds. The
// engine calls it when the records changed under them: a role change (a
// mirror's redo wrote its principal's), a revert.
func ForgetStatistics(db Database) {
	h, ok := db.(usageHolder)
	if !ok {
		return
	}
	u := h.Usage()
	u.mu.RLock()
	defer u.mu.RUnlock()
	for _, t := range u.tables {
		t.loadMu.Lock()
		t.mu.Lock()
		t.hists, t.stats = nil, nil
		t.mu.Unlock()
		t.mods.Store(0)
		t.savedMods.Store(0)
		t.loaded.Store(false)
		t.histGen.Add(1)
		t.loadMu.Unlock()
	}
}
