package exec

import (
	"slices"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Statistics of dropped objects (issue #5). SQL Server's statistics belong
// to their table: DROP TABLE, DROP INDEX and DROP STATISTICS remove them
// with the object, in the same transaction, and a table or index made
// later starts without any ("DROP STATISTICS", "DROP INDEX": "the
// statistics … are dropped"). The records of stats_persist.go are written
// in transactions of their own, so nothing removed them: they stayed in
// the database (in every backup, on the mirror) for ever, and a table or
// index given a dropped one's id (a CREATE rolled back, an index_id
// reused) started with the dropped one's statistics when their columns
// matched — its last_updated, rows and histogram.
//
// At commit of a transaction that changed the schema, the records of every
// statistics object the committed catalog has and the new one does not —
// a dropped table's (and its counter), a dropped index's or statistics'
// — are deleted in that transaction: logged, mirrored and rolled back
// with the DROP. Once it committed, the in-memory copies go too.

// statsGone is what a schema change drops: every statistics object of a
// dropped table, or some statistics objects of a table that stays.
type statsGone struct {
	table int32
	whole bool    // the table was dropped: its counter and entry go too
	ids   []int32 // the statistics ids dropped (when !whole)
}

// dropStatsRecords adds to w the deletions of the statistics records that
// w's catalog drops from db's committed one, and returns what went, for
// forgetDroppedStats once w committed. Nothing for a database that keeps
// no statistics (tempdb's #tables) or a transaction that changed no
// schema.
func dropStatsRecords(db Database, w *Writes) []statsGone {
	if w.Catalog == nil || w.Set == nil {
		return nil
	}
	if _, ok := db.(usageHolder); !ok {
		return nil
	}
	old, st := db.Catalog(), db.Store()
	if old == nil || st == nil {
		return nil
	}
	var gone []statsGone
	for _, ot := range old.Tables {
		nt := w.Catalog.TableByID(ot.ID)
		if nt == nil {
			gone = append(gone, statsGone{table: ot.ID, whole: true})
			continue
		}
		var ids []int32
		for _, x := range tableStatistics(ot) {
			if !sameStatistics(ot, nt, x.id) {
				ids = append(ids, x.id)
			}
		}
		if len(ids) > 0 {
			gone = append(gone, statsGone{table: ot.ID, ids: ids})
		}
	}
	for _, g := range gone {
		deleteStatsRecords(st, w.Set, g)
	}
	return gone
}

// sameStatistics reports whether nt's statistics object sid is ot's: it
// still exists over the same columns and filter (not dropped, nor dropped
// and made again under its id in the same transaction).
func sameStatistics(ot, nt *catalog.Table, sid int32) bool {
	if _, ok := statsTargetOf(nt, sid); !ok {
		return false
	}
	return slices.Equal(statsColumns(ot, sid), statsColumns(nt, sid)) && statsFilter(ot, sid) == statsFilter(nt, sid)
}

// deleteStatsRecords deletes g's records from ws: those the store holds
// (a range of the table's keys; a dropped table's counter too).
func deleteStatsRecords(st storage.Reader, ws *storage.WriteSet, g statsGone) {
	eachStatsRecord(st, g.table, func(sid int32, it storage.Iterator) {
		if g.whole || slices.Contains(g.ids, sid) {
			_ = ws.Delete(catalog.ObjectIdentity, append([]byte(nil), it.Key()...))
		}
	})
}

// forgetDroppedStats drops from db's memory what gone names, once the
// transaction that dropped it committed: a dropped table's counters, a
// dropped statistics object's contents and last update.
func forgetDroppedStats(db Database, gone []statsGone) {
	h, ok := db.(usageHolder)
	if !ok || len(gone) == 0 {
		return
	}
	u := h.Usage()
	for _, g := range gone {
		if g.whole {
			u.mu.Lock()
			delete(u.tables, g.table)
			u.mu.Unlock()
			continue
		}
		t := u.lookup(g.table)
		if t == nil {
			continue
		}
		t.mu.Lock()
		for _, id := range g.ids {
			delete(t.hists, id)
			delete(t.stats, id)
		}
		t.mu.Unlock()
		t.histGen.Add(1)
	}
}
