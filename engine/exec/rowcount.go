package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Row counts without reading the rows (issues #4 #5).
//
// A Database that keeps its stored objects' committed entry counts and
// bytes (engine.Database, engine/rowcounts.go) answers sys.partitions,
// sys.dm_db_partition_stats, sys.allocation_units, sp_spaceused and the
// planner from them; any other (a database snapshot, a session's tempdb)
// is counted by walking the entries, as before.
//
// Whose rows. The committed ones, plus the asking session's own
// uncommitted writes (as the walk read them through its write set): SQL
// Server documents sys.partitions.rows as approximate and its metadata
// counts every open transaction's inserts; ours counts what a reader of the
// table would get back, which for another session's open transaction is not
// its rows. The figures are not versioned (nor are SQL Server's): a SNAPSHOT
// transaction sees the newest committed count.

// RowCounter is the Database side of the row counts (docs/conventions.md).
type RowCounter interface {
	// StoredSize is the committed entries of a stored object (a heap or
	// clustered index, a nonclustered index: catalog.Index.StoreID) and
	// their key + value bytes. It counts them once after the database
	// opens, after redo or a role change, or after ForgetRowCounts; then
	// it is maintained by every commit, without I/O.
	StoredSize(ctx context.Context, storeID uint32) (rows, bytes int64, err error)
	// ApproxRowCount is the planner's figure: the committed entries of a
	// stored object if they are known, without any I/O (ok false when
	// nothing has counted them since the database opened).
	ApproxRowCount(storeID uint32) (rows int64, ok bool)
	// ForgetRowCounts drops the figures of the objects (all of them when
	// none is named): the next StoredSize counts from the store (DBCC
	// UPDATEUSAGE).
	ForgetRowCounts(storeIDs ...uint32)
}

// ApproxRows is the planner's cardinality of a stored object of db (a
// heap or clustered index: the table's rows; a nonclustered index: its
// entries): cheap, no I/O, committed rows only, ok false when db keeps no
// figures or has not counted the object yet.
func ApproxRows(db Database, storeID uint32) (rows int64, ok bool) {
	if rc, is := db.(RowCounter); is {
		return rc.ApproxRowCount(storeID)
	}
	return 0, false
}

// countedSize is storedObjectSize from the database's figures, when it
// keeps them: the committed figures plus the session's own uncommitted
// writes to obj. ok is false when db keeps none.
func (s *Session) countedSize(ctx context.Context, db Database, obj uint32) (rows, bytes int64, ok bool, err error) {
	rc, is := db.(RowCounter)
	if !is {
		return 0, 0, false, nil
	}
	rows, bytes, err = rc.StoredSize(ctx, obj)
	if err != nil {
		return 0, 0, true, err
	}
	d := s.txDB(db)
	if d == nil || d.writes.Set == nil || d.writes.Set.Len() == 0 {
		return rows, bytes, true, nil
	}
	// Each of the transaction's writes to obj against the committed row:
	// an insert, an update (bytes only) or a delete.
	store := db.Store()
	d.writes.Set.EachEntry(obj, func(key, value []byte, deleted bool) bool {
		before, found, gerr := store.Get(ctx, obj, key, storage.Latest)
		if gerr != nil {
			err = gerr
			return false
		}
		switch {
		case deleted && found:
			rows--
			bytes -= int64(len(key) + len(before))
		case deleted:
		case found:
			bytes += int64(len(value) - len(before))
		default:
			rows++
			bytes += int64(len(key) + len(value))
		}
		return true
	})
	return rows, bytes, true, err
}
