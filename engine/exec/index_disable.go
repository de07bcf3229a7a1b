package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ALTER INDEX … DISABLE and the REBUILD that enables the index again, as
// SQL Server does them (docs: "Disable indexes and constraints"):
//
//   - A disabled nonclustered index keeps its definition (sys.indexes
//     is_disabled = 1) and loses its entries: DISABLE drops its store and
//     gives it an empty one, writes do not maintain it (filtered.go inIndex),
//     the planner does not read it (access.go), and a disabled unique index
//     enforces nothing, so REBUILD may find duplicates (1505).
//   - Disabling the clustered index keeps the rows but makes the table
//     unreadable and unwritable (8655) until it is rebuilt or dropped; its
//     nonclustered indexes are disabled with it (3750 each), and only ALTER
//     INDEX ALL … REBUILD enables them again together.
//   - Disabling a unique index disables the foreign keys that reference its
//     columns; disabling the clustered index, every foreign key into and out
//     of the table (1992 each). REBUILD does not enable them again: ALTER
//     TABLE … CHECK CONSTRAINT does.
//
// The flag and the new store id are catalog changes of the statement's
// transaction, so they are logged, mirrored and recovered like any DDL.

var (
	errIndexDisabled           = errorKind{8655, 16, 1, "The query processor is unable to produce a plan because the index '%s' on table or view '%s' is disabled.", AbortStatement}
	errOnDisabledIndex         = errorKind{1973, 16, 1, "Cannot perform the specified operation on disabled index '%s' on table '%s'.", AbortStatement}
	errClusteredDisabled       = errorKind{1974, 16, 1, "Cannot perform the specified operation on table '%s' because its clustered index '%s' is disabled.", AbortStatement}
	msgIndexDisabledWithCIX    = errorKind{3750, 10, 1, "Warning: Index '%s' on table '%s' was disabled as a result of disabling the clustered index on the table.", AbortStatement}
	errForeignKeyIndexDisabled = errorKind{1989, 16, 1, "Cannot enable foreign key constraint '%s' as index '%s' on referenced key is disabled.", AbortStatement}
	msgForeignKeyDisabled      = errorKind{1992, 10, 1, "Warning: Foreign key '%s' on table '%s' referencing table '%s' was disabled as a result of disabling the index '%s'.", AbortStatement}
)

// checkClusteredEnabled is 8655 when tr's clustered index is disabled: no
// statement may read or write the table's rows.
func checkClusteredEnabled(tr *tableRef) error {
	if rs := tr.t.RowStore(); rs.Disabled {
		return errIndexDisabled.New(rs.Name, tr.t.Name)
	}
	return nil
}

// alteredIndexes are the indexes ALTER INDEX { name | ALL } names on t: ALL
// is every index but the heap.
func alteredIndexes(t *catalog.Table, name *ast.Ident) []*catalog.Index {
	var out []*catalog.Index
	for _, ix := range t.Indexes {
		if ix.IsHeap() {
			continue
		}
		if name == nil || strings.EqualFold(ix.Name, name.Name) {
			out = append(out, ix)
		}
	}
	return out
}

// disableIndexes runs ALTER INDEX … DISABLE.
func (s *Session) disableIndexes(ctx context.Context, tr *tableRef, st *ast.AlterIndexStmt, out Output) error {
	cat, t, err := s.alteredTable(ctx, tr)
	if err != nil {
		return err
	}
	var notes []*Error
	for _, ix := range alteredIndexes(t, st.Index) {
		if ix.Disabled {
			continue
		}
		notes = append(notes, s.disableIndex(tr, cat, t, ix, st.Index != nil)...)
	}
	for _, n := range notes {
		if err := out.Message(n); err != nil {
			return err
		}
	}
	return nil
}

// disableIndex disables ix of t (in the statement's catalog cat) and what
// depends on it; it returns the warnings to send. named is false under
// ALTER INDEX ALL, which disables every index itself and so warns about no
// nonclustered index.
func (s *Session) disableIndex(tr *tableRef, cat *catalog.Database, t *catalog.Table, ix *catalog.Index, named bool) []*Error {
	var notes []*Error
	ix.Disabled = true
	clustered := ix == t.RowStore()
	if !clustered {
		s.dropIndexEntries(tr, cat, ix)
	} else {
		for _, nc := range t.Indexes[1:] {
			if nc.Disabled {
				continue
			}
			nc.Disabled = true
			s.dropIndexEntries(tr, cat, nc)
			if named {
				notes = append(notes, msgIndexDisabledWithCIX.New(nc.Name, t.Name))
			}
		}
	}
	if !ix.Unique && !clustered {
		return notes
	}
	key := cat.Key(t.Schema, t.Name)
	for _, child := range cat.SortedTables() {
		for _, fk := range child.ForeignKeys {
			if fk.Disabled {
				continue
			}
			into := fk.RefTable == key && (clustered || indexOn(t, fk.RefColumns) == ix)
			outOf := clustered && child.ID == t.ID
			if !into && !outOf {
				continue
			}
			fk.Disabled, fk.NotTrusted = true, true
			notes = append(notes, msgForeignKeyDisabled.New(fk.Name, child.Name, refTableName(cat, fk), ix.Name))
		}
	}
	return notes
}

// refTableName is the name of the table fk references.
func refTableName(cat *catalog.Database, fk *catalog.ForeignKey) string {
	if rt := cat.Tables[fk.RefTable]; rt != nil {
		return rt.Name
	}
	return fk.RefTable
}

// dropIndexEntries empties nonclustered index ix: its store is dropped at
// commit and it gets a new, empty one that REBUILD fills.
func (s *Session) dropIndexEntries(tr *tableRef, cat *catalog.Database, ix *catalog.Index) {
	w := s.tx.dbTx(tr.db).writes
	w.Drops = append(w.Drops, ix.StoreID)
	ix.StoreID = cat.NewStoreID()
}

// rebuildIndexes runs ALTER INDEX … REBUILD. The store needs no
// defragmenting, so an enabled index is left as it is; a disabled one is
// enabled: the clustered index by clearing its flag (its rows were kept), a
// nonclustered one by building its entries from the rows (1505 when a
// unique one meets duplicates that arrived while it was disabled). A
// nonclustered index cannot be rebuilt while the clustered index is
// disabled (1974).
func (s *Session) rebuildIndexes(ctx context.Context, tr *tableRef, st *ast.AlterIndexStmt) error {
	anyDisabled := false
	for _, ix := range alteredIndexes(tr.t, st.Index) {
		anyDisabled = anyDisabled || ix.Disabled
	}
	rs := tr.t.RowStore()
	if !anyDisabled && !rs.Disabled {
		return nil
	}
	if rs.Disabled && st.Index != nil && !strings.EqualFold(st.Index.Name, rs.Name) {
		return errClusteredDisabled.New(tr.t.Name, rs.Name)
	}
	cat, t, err := s.alteredTable(ctx, tr)
	if err != nil {
		return err
	}
	var build []*catalog.Index
	for _, ix := range alteredIndexes(t, st.Index) {
		if !ix.Disabled {
			continue
		}
		ix.Disabled = false
		if ix != t.RowStore() {
			build = append(build, ix)
		}
	}
	if len(build) == 0 {
		return nil
	}
	return s.buildIndexes(ctx, tr, cat, t, build)
}
