package exec

import (
	"context"
	"errors"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Clustered indexes made and dropped on tables that may hold rows, as SQL
// Server does: a clustered index (unique or not: uniquifier.go) or a
// clustered PRIMARY KEY/UNIQUE constraint on a heap becomes its row store,
// DROP INDEX of a clustered index or DROP CONSTRAINT of a clustered key
// turns the table back into a heap, and CREATE … WITH (DROP_EXISTING = ON)
// may change the clustered index's key or uniqueness. Each reads the rows
// (takeRows, which drops all of the table's storage at commit) and writes
// them again on new storage for every index: nonclustered entries hold the
// row key, which changes. It is all one transaction's catalog change and
// row writes, logged as any DDL and DML are, so recovery, backups and the
// mirror's redo see the same table.

// clusterHeap adds a clustered key constraint c to a heap that may hold
// rows; duplicates fail with 1505.
func (s *Session) clusterHeap(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, c *ast.Constraint) error {
	rows, err := s.takeRows(ctx, tr, cat, t) // drop_key.go
	if err != nil {
		return err
	}
	heap := *t.RowStore()
	if err := s.addConstraint(cat, t, c, false); err != nil {
		return err
	}
	if err := placeRowStore(cat, t, &heap, c.On); err != nil {
		return err
	}
	return s.rewriteKeyed(ctx, tr, cat, t, rows)
}

// clusterHeapIndex makes ix, a new clustered index of CREATE [UNIQUE]
// CLUSTERED INDEX, the row store of t, a heap that may hold rows; on is its
// ON clause.
func (s *Session) clusterHeapIndex(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, ix *catalog.Index, on *ast.DataSpace) error {
	rows, err := s.takeRows(ctx, tr, cat, t) // drop_key.go
	if err != nil {
		return err
	}
	heap := *t.RowStore()
	if err := addIndex(cat, t, ix, true); err != nil {
		return err
	}
	if err := placeRowStore(cat, t, &heap, on); err != nil {
		return err
	}
	return s.rewriteKeyed(ctx, tr, cat, t, rows)
}

// placeRowStore puts t's new clustered index on its ON clause, or where the
// heap it replaces was (partition_place.go).
func placeRowStore(cat *catalog.Database, t *catalog.Table, heap *catalog.Index, on *ast.DataSpace) error {
	rs := t.RowStore()
	if on != nil {
		return placeIndex(cat, t, rs, on)
	}
	if heap.IsPartitioned() {
		rs.Scheme, rs.PartitionColumn = heap.Scheme, heap.PartitionColumn
		return checkUniquePartitioning(t, rs)
	}
	return nil
}

// rewriteKeyed writes rows, read by takeRows before t's row store changed,
// onto new storage for every index of t. A duplicate in a unique clustered
// key is 1505 (the nonclustered indexes held these rows already).
func (s *Session) rewriteKeyed(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, rows []Row) error {
	for _, ix := range t.Indexes {
		ix.StoreID = cat.NewStoreID()
	}
	ntr := &tableRef{db: tr.db, cat: cat, t: t, versioning: true}
	if uniquified(t.RowStore()) {
		ntr.uniq = map[string]uint32{} // the new store is empty: number duplicates without reading
	}
	for _, row := range rows {
		if err := s.insertRow(ctx, ntr, row, "ALTER TABLE"); err != nil {
			var e *Error
			if errors.As(err, &e) && (e.Number == 2627 || e.Number == 2601) {
				return errCreateUniqueDuplicate(t, t.RowStore(), row)
			}
			return err
		}
	}
	return nil
}

// errCreateUniqueDuplicate is 1505: building unique index ix found two rows
// with row's key.
func errCreateUniqueDuplicate(t *catalog.Table, ix *catalog.Index, row Row) *Error {
	return &Error{Number: 1505, Severity: 16, State: 1, Message: "The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name '" + t.Schema + "." + t.Name + "' and the index name '" + ix.Name + "'. The duplicate key value is (" + keyText(t, ix, row) + ")."}
}

// redefineIndex is CREATE INDEX … WITH (DROP_EXISTING = ON) that changes
// the definition of ix, an index of t, to nix (columns, included columns,
// uniqueness, filter, clustered or not): SQL Server drops and rebuilds it
// in one statement. An index that enforces a constraint keeps its
// definition (1907); a clustered index does not become nonclustered here.
func (s *Session) redefineIndex(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, ix, nix *catalog.Index, clustered bool, on *ast.DataSpace) error {
	if ix.Constraint {
		return &Error{Number: 1907, Severity: 16, State: 1, Message: "Cannot recreate index '" + ix.Name + "'. The new index definition does not match the constraint being enforced by the existing index."}
	}
	if ix.Clustered && !clustered {
		return ErrNotSupported.New("CREATE NONCLUSTERED INDEX … WITH (DROP_EXISTING = ON) of a clustered index")
	}
	if nix.Filter != "" && clustered {
		return &Error{Number: 10611, Severity: 16, State: 1, Message: "Filtered clustered indexes are not supported."}
	}
	if clustered {
		rows, err := s.takeRows(ctx, tr, cat, t) // drop_key.go
		if err != nil {
			return err
		}
		old := *t.RowStore()
		if ix.Clustered {
			t.Indexes[0] = &catalog.Index{IndexID: 0, Scheme: old.Scheme, PartitionColumn: old.PartitionColumn}
		} else { // a nonclustered index becomes the clustered one
			removeIndex(t, ix)
		}
		if err := addIndex(cat, t, nix, true); err != nil {
			return err
		}
		if err := placeRowStore(cat, t, &old, on); err != nil {
			return err
		}
		return s.rewriteKeyed(ctx, tr, cat, t, rows)
	}
	d := s.tx.dbTx(tr.db)
	d.writes.Drops = append(d.writes.Drops, ix.StoreID)
	ix.Columns, ix.Included, ix.Unique, ix.Filter, ix.StoreID = nix.Columns, nix.Included, nix.Unique, nix.Filter, cat.NewStoreID()
	if err := placeIndex(cat, t, ix, on); err != nil {
		return err
	}
	return s.buildIndexes(ctx, tr, cat, t, []*catalog.Index{ix})
}

// removeIndex takes ix out of t's indexes (its storage is the caller's).
func removeIndex(t *catalog.Table, ix *catalog.Index) {
	for i, other := range t.Indexes {
		if other == ix {
			t.Indexes = append(t.Indexes[:i], t.Indexes[i+1:]...)
			return
		}
	}
}
