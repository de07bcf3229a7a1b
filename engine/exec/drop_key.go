package exec

import (
	"context"
	"sort"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ALTER TABLE … ADD of columns with constraints, and DROP CONSTRAINT of a
// PRIMARY KEY or UNIQUE constraint:
// SQL Server refuses while a FOREIGN KEY references its columns (3725,
// then 3727), and dropping the clustered one turns the table into a heap.

// keyReferrers returns 3725 for each FOREIGN KEY (on any table, this one
// included) whose referenced columns are exactly ix's key columns.
func keyReferrers(cat *catalog.Database, t *catalog.Table, ix *catalog.Index) []error {
	key := cat.Key(t.Schema, t.Name)
	want := make([]int, len(ix.Columns))
	for i, kc := range ix.Columns {
		want[i] = kc.Column
	}
	sort.Ints(want)
	var errs []error
	for _, other := range cat.SortedTables() {
		for _, fk := range other.ForeignKeys {
			if fk.RefTable != key || len(fk.RefColumns) != len(want) {
				continue
			}
			got := append([]int(nil), fk.RefColumns...)
			sort.Ints(got)
			same := true
			for i := range got {
				same = same && got[i] == want[i]
			}
			if same {
				errs = append(errs, &Error{Number: 3725, Severity: 16, State: 0,
					Message: "The constraint '" + ix.Name + "' is being referenced by table '" + other.Name + "', foreign key constraint '" + fk.Name + "'."})
			}
		}
	}
	return errs
}

// dropKeyConstraint drops the PRIMARY KEY or UNIQUE constraint of t named
// name, if it is one (done): refused while a FOREIGN KEY references it; the
// clustered one leaves a heap, a nonclustered one's storage is dropped.
func (s *Session) dropKeyConstraint(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, name string) (done bool, err error) {
	for i, ix := range t.Indexes {
		if !ix.Constraint || !cat.SameName(ix.Name, name) {
			continue
		}
		if refs := keyReferrers(cat, t, ix); len(refs) > 0 {
			return true, chainErrors(refs, &Error{Number: 3727, Severity: 16, State: 0, Message: "Could not drop constraint. See previous errors."})
		}
		if i == 0 {
			return true, s.declusterTable(ctx, tr, cat, t)
		}
		t.Indexes = append(t.Indexes[:i], t.Indexes[i+1:]...)
		d := s.tx.dbTx(tr.db)
		d.writes.Drops = append(d.writes.Drops, ix.StoreID)
		return true, nil
	}
	return false, nil
}

// declusterTable drops the clustered key of t: its rows move to a new heap
// (keyed by row id) on the key's partition scheme, if any, and every
// nonclustered index, whose entries point at the clustered key, is rebuilt
// on new storage; the old storage is dropped. clusterHeap is the inverse.
func (s *Session) declusterTable(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table) error {
	rows, err := s.takeRows(ctx, tr, cat, t)
	if err != nil {
		return err
	}
	old := t.RowStore()
	heap := &catalog.Index{IndexID: 0, StoreID: cat.NewStoreID(), Scheme: old.Scheme, PartitionColumn: old.PartitionColumn}
	t.Indexes = append([]*catalog.Index{heap}, t.Indexes[1:]...)
	for _, ix := range t.Indexes[1:] {
		ix.StoreID = cat.NewStoreID()
	}
	ntr := &tableRef{db: tr.db, cat: cat, t: t, versioning: true}
	for _, row := range rows {
		if err := s.insertRow(ctx, ntr, row, "ALTER TABLE"); err != nil {
			return err
		}
	}
	return nil
}

// addedConstraints is what ALTER TABLE … ADD adds after its columns: each
// added column's own constraints (ADD id int CONSTRAINT pk PRIMARY KEY,
// ADD pid int REFERENCES p(id), … CHECK (…)) on that column, as CREATE
// TABLE takes them, then the table-level ones.
func addedConstraints(a *ast.AlterTableAdd) []*ast.Constraint {
	var out []*ast.Constraint
	for _, cd := range a.Columns {
		for _, c := range cd.Constraints {
			if len(c.Columns) == 0 {
				cc := *c
				cc.Columns = []*ast.OrderItem{{Expr: &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{cd.Name}}}}}
				c = &cc
			}
			out = append(out, c)
		}
	}
	return append(out, a.Constraints...)
}

// takeRows reads every row of t and drops all of its storage (row store
// and indexes) at commit: the caller writes the rows again on new storage
// after changing how t is keyed (clusterHeap, declusterTable).
func (s *Session) takeRows(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table) ([]Row, error) {
	it, err := s.scan(newEvalCtx(ctx, s), &tableRef{db: tr.db, cat: cat, t: t}, nil, nil, false)
	if err != nil {
		return nil, err
	}
	rows, err := drain(it)
	if err != nil {
		return nil, err
	}
	d := s.tx.dbTx(tr.db)
	for _, ix := range t.Indexes {
		d.writes.Drops = append(d.writes.Drops, ix.StoreID)
	}
	return rows, nil
}
