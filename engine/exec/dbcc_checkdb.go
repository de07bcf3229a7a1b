package exec

import (
	"context"
	"fmt"
	"sort"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// DBCC CHECKDB and CHECKTABLE check what can go wrong in our storage: a
// nonclustered index that disagrees with its table. Each index is a storage
// object of its own, written in the same commit as the rows (and redone
// from the same log records), so a lost or doubled write, or an index
// maintenance bug, shows as a row without its index entry (8951) or an
// entry without its row (8952) — the errors SQL Server's CHECKDB reports for
// the same disagreement. Pages, allocation and the catalog are badger's and
// ours, not SQL Server's, so there is nothing to check there; a row that
// does not decode with its table's column types (what DATA_PURITY looks
// for) fails the DBCC with the decode error rather than being passed over.

// TableCheck is what DBCC found wrong in one table.
type TableCheck struct {
	Name   string
	ID     int32
	Errors []*Error
}

// CheckTables checks every user table of db (CHECKDB) and returns those
// with consistency errors, in name order.
func (s *Session) CheckTables(ctx context.Context, db Database) ([]TableCheck, error) {
	cat := s.catalogFor(db)
	names := make([]string, 0, len(cat.Tables))
	for k := range cat.Tables {
		names = append(names, k)
	}
	sort.Strings(names)
	var out []TableCheck
	for _, k := range names {
		t := cat.Tables[k]
		errs, err := s.checkTableIndexes(ctx, &tableRef{db: db, cat: cat, t: t})
		if err != nil {
			return nil, err
		}
		if len(errs) > 0 {
			out = append(out, TableCheck{Name: t.Name, ID: t.ID, Errors: errs})
		}
	}
	return out, nil
}

// CheckTable checks the table DBCC CHECKTABLE names (2501 when there is
// none); with noIndex it only resolves it.
func (s *Session) CheckTable(ctx context.Context, name string, noIndex bool) (TableCheck, error) {
	tr, err := s.dbccTable(name)
	if err != nil {
		return TableCheck{}, err
	}
	tc := TableCheck{Name: tr.t.Name, ID: tr.t.ID}
	if !noIndex {
		tc.Errors, err = s.checkTableIndexes(ctx, tr)
	}
	return tc, err
}

// checkTableIndexes compares each nonclustered index of tr with the entries its
// rows need.
func (s *Session) checkTableIndexes(ctx context.Context, tr *tableRef) ([]*Error, error) {
	t := tr.t
	rs := t.RowStore()
	var ixs []*catalog.Index
	for _, ix := range t.Indexes {
		if ix.StoreID != rs.StoreID && !indexOnComputed(t, ix) {
			ixs = append(ixs, ix)
		}
	}
	if len(ixs) == 0 {
		return nil, nil
	}
	r := s.reader(tr.db)
	want := make([]map[string]bool, len(ixs)) // entry keys the rows need, per index
	for i := range want {
		want[i] = map[string]bool{}
	}
	typs := t.ColumnTypes()
	it, err := r.NewIterator(rs.StoreID, nil, nil, false, storage.Latest)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	row := make(Row, len(typs)+1)
	for n := 0; it.Next(); n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if _, err := types.DecodeRowProjected(row[:len(typs)], it.Value(), typs, nil); err != nil {
			return nil, fmt.Errorf("DBCC: table %s: a row does not decode: %w", tr.displayName(), err)
		}
		rowKey := append([]byte(nil), it.Key()...)
		for i, ix := range ixs {
			if in, err := s.inIndex(ctx, tr, ix, row); err != nil {
				return nil, err
			} else if !in {
				continue
			}
			k, err := indexEntryKey(t, ix, row, rowKey)
			if err != nil {
				return nil, err
			}
			want[i][string(k)] = true
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	var errs []*Error
	for i, ix := range ixs {
		ii, err := r.NewIterator(ix.StoreID, nil, nil, false, storage.Latest)
		if err != nil {
			return nil, err
		}
		extra := 0
		for ii.Next() {
			if want[i][string(ii.Key())] {
				delete(want[i], string(ii.Key()))
			} else {
				extra++
			}
		}
		err = ii.Err()
		ii.Close()
		if err != nil {
			return nil, err
		}
		for range want[i] {
			errs = append(errs, &Error{Number: 8951, Severity: 16, State: 1, Message: fmt.Sprintf(
				"Table error: table '%s' (ID %d). Data row does not have a matching index row in the index '%s' (ID %d). Possible missing or invalid keys for the index row matching:",
				t.Name, t.ID, ix.Name, ix.IndexID)})
		}
		for range extra {
			errs = append(errs, &Error{Number: 8952, Severity: 16, State: 1, Message: fmt.Sprintf(
				"Table error: table '%s' (ID %d). Index row in index '%s' (ID %d) does not match any data row. Possible extra or invalid keys for:",
				t.Name, t.ID, ix.Name, ix.IndexID)})
		}
	}
	return errs, nil
}

// indexOnComputed reports an index on a computed column, whose key the
// stored row does not hold (left out of the check rather than guessed).
func indexOnComputed(t *catalog.Table, ix *catalog.Index) bool {
	for _, c := range ix.Columns {
		if t.Columns[c.Column].Computed != "" {
			return true
		}
	}
	return false
}
