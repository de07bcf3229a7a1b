package exec

import (
	"context"
	"slices"

	"github.com/mirrorsql/mirrorsql/catalog"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// A multi-row UPDATE that changes a key is checked for uniqueness when its
// last row is written, as SQL Server checks it when the statement ends (its
// plans split each change into a delete and an insert, sort and collapse
// them): UPDATE t SET id = id + 1, swapping two values of a unique column,
// or rows moving in and out of a unique filtered index succeed when the
// rows they leave are unique. Written one row at a time, the first row's
// new key met the second row's old one (a false 2627/2601). updateRows
// removes every old key first, then adds the new ones; statements that
// change no key keep updateRow's single pass.

// updatesKey reports whether a multi-row UPDATE setting the columns cols
// must be written in two passes: a column is part of the row store's key or
// of a unique index, or the table has a unique filtered index (a change to
// the filter's columns moves rows in and out of it).
func updatesKey(t *tableRef, cols []int) bool {
	for i, ix := range t.t.Indexes {
		if i > 0 && !ix.Unique {
			continue
		}
		if i > 0 && ix.Filter != "" {
			return true
		}
		if i == 0 && ix.IsHeap() {
			continue
		}
		for _, kc := range ix.Columns {
			if slices.Contains(cols, kc.Column) {
				return true
			}
		}
	}
	return false
}

// updateRows replaces each olds[i] (with its hidden key) by news[i] in two
// passes: the changed index entries and the moved rows of every old row
// are removed, then every new row and its entries are added, with the
// duplicate checks of updateRow against the statement's final rows. It
// does what updateRow does for each row (the temporal versioning too): a
// change to one belongs in both.
func (s *Session) updateRows(ctx context.Context, tr *tableRef, olds, news []Row) error {
	if err := checkHistoryWrite(tr, errHistoryUpdate); err != nil { // temporal.go
		return err
	}
	n := len(tr.t.Columns)
	rs := tr.t.RowStore()
	newKeys := make([][]byte, len(olds))
	for i, old := range olds {
		if tr.t.HistoryID != 0 {
			if err := s.versionRow(ctx, tr, old); err != nil {
				return err
			}
		}
		key := []byte(old[n].Str())
		if err := s.lockRow(ctx, tr, rs.StoreID, key); err != nil {
			return err
		}
		// A uniquified row moving to another key value gets only its new
		// prefix here: its free key is found in the second pass.
		newKey, err := s.updatedRowKey(ctx, tr, key, news[i], false) // uniquifier.go
		if err != nil {
			return err
		}
		newKeys[i] = newKey
		moved := string(newKey) != string(key)
		for _, ix := range tr.t.Indexes[1:] {
			ok, changed, oldIn, err := s.indexChange(ctx, tr, ix, old, news[i], key, newKey, moved)
			if err != nil {
				return err
			}
			if changed && oldIn {
				if err := s.removeIndexKey(ctx, tr, ix, ok); err != nil {
					return err
				}
			}
		}
		if moved {
			if err := s.writes(tr.db).Delete(rs.StoreID, key); err != nil {
				return err
			}
			s.noteMove(tr) // stats_usage.go: DYNAMIC cursors follow it
		}
	}
	for i, old := range olds {
		new, key, newKey := news[i], []byte(old[n].Str()), newKeys[i]
		moved := string(newKey) != string(key)
		if moved && uniquified(rs) {
			k, err := s.uniquifiedKey(ctx, tr, newKey)
			if err != nil {
				return err
			}
			newKey = k
			if err := s.noteInsert(ctx, tr, rs.StoreID, string(newKey)); err != nil { // keyrange.go
				return err
			}
		} else if moved {
			if err := s.lockRow(ctx, tr, rs.StoreID, newKey); err != nil {
				return err
			}
			if _, exists, err := s.latestReader(tr.db).Get(ctx, rs.StoreID, newKey, storage.Latest); err != nil {
				return err
			} else if exists {
				return duplicateError(tr, rs, new)
			}
			if err := s.noteInsert(ctx, tr, rs.StoreID, string(newKey)); err != nil { // keyrange.go
				return err
			}
		}
		for _, ix := range tr.t.Indexes[1:] {
			_, changed, _, err := s.indexChange(ctx, tr, ix, old, new, key, newKey, moved)
			if err != nil {
				return err
			}
			if changed {
				if err := s.putIndexEntry(ctx, tr, ix, new, newKey); err != nil {
					return err
				}
			}
		}
		enc, err := types.EncodeRow(nil, new[:n], tr.t.ColumnTypes())
		if err != nil {
			return err
		}
		if err := s.writes(tr.db).Put(rs.StoreID, newKey, enc); err != nil {
			return err
		}
	}
	s.noteWrite(tr, leafUpdate, int64(len(olds))) // stats_usage.go
	return nil
}

// indexChange is updateRow's test of one secondary index: the old entry's
// key, whether the entry changes (its key, the row's key, or the row moving
// in or out of a filtered index) and whether the old row has an entry.
func (s *Session) indexChange(ctx context.Context, tr *tableRef, ix *catalog.Index, old, new Row, key, newKey []byte, moved bool) (ok []byte, changed, oldIn bool, err error) {
	if ok, err = indexEntryKey(tr.t, ix, old, key); err != nil {
		return nil, false, false, err
	}
	nk, err := indexEntryKey(tr.t, ix, new, newKey)
	if err != nil {
		return nil, false, false, err
	}
	oldIn, newIn := true, true
	if ix.Filter != "" || ix.Disabled { // filtered.go, index_disable.go
		if oldIn, err = s.inIndex(ctx, tr, ix, old); err != nil {
			return nil, false, false, err
		}
		if newIn, err = s.inIndex(ctx, tr, ix, new); err != nil {
			return nil, false, false, err
		}
	}
	return ok, string(ok) != string(nk) || moved || oldIn != newIn, oldIn, nil
}
