package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ALTER TABLE on temporal tables (temporal.go): SET (SYSTEM_VERSIONING …),
// ADD/DROP PERIOD, ADD/DROP HIDDEN, and the column changes of a
// system-versioned table, which SQL Server applies to its history table in
// the same statement so the two keep the same columns.

var (
	// errDropPeriodVersioned and errNoPeriod: SQL Server's numbers for these
	// two were not found in a public source; the texts follow its wording.
	errDropPeriodVersioned = errorKind{13554, 16, 1, "Drop period operation failed on table '%s' because it is not a supported operation on system-versioned temporal tables.", AbortStatement}
	errNoPeriod            = errorKind{13555, 16, 1, "Table '%s' does not have a SYSTEM_TIME period.", AbortStatement}
	errHiddenNotPeriod     = errorKind{13575, 16, 1, "ADD HIDDEN and DROP HIDDEN are supported only on period columns; column '%s' is not a period column.", AbortStatement}
	errVersionedIdentity   = errorKind{13704, 16, 1, "System-versioned table schema modification failed because history table '%s' has IDENTITY column specification. Consider dropping all IDENTITY column specifications and trying again.", AbortStatement}
	errVersionedComputed   = errorKind{13724, 16, 1, "System-versioned table schema modification failed because adding computed column while system-versioning is ON is not supported.", AbortStatement}
)

// alterTemporal runs the temporal ALTER TABLE actions (done) and the checks
// and history changes that go before an ordinary action on a temporal
// table. t is the table in cat, the transaction's catalog, under its
// schema lock.
func (s *Session) alterTemporal(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, action ast.AlterTableAction) (bool, error) {
	qname := qualifiedName(tr.db, t)
	switch a := action.(type) {
	case *ast.AlterTableSet:
		if v := a.Versioning; v != nil {
			if v.On {
				return true, s.enableVersioning(tr.db, cat, t, v)
			}
			return true, disableVersioning(tr.db, cat, t)
		}
		for _, o := range a.Options {
			if strings.EqualFold(o.Name, "LOCK_ESCALATION") {
				switch optionWord(o) { // ddl_objects.go
				case "TABLE":
					t.LockEscalation = 0
				case "DISABLE":
					t.LockEscalation = 1
				case "AUTO":
					t.LockEscalation = 2
				}
			}
		}
		return true, nil
	case *ast.AlterTableHidden:
		_, col := t.Column(a.Column.Name)
		if col == nil {
			return true, &Error{Number: 4924, Severity: 16, State: 1, Message: "ALTER TABLE ALTER COLUMN failed because column '" + a.Column.Name + "' does not exist in table '" + t.Name + "'."}
		}
		if col.Generated == 0 {
			return true, errHiddenNotPeriod.New(col.Name)
		}
		col.Hidden = a.Hidden
		return true, nil
	case *ast.AlterTableAdd:
		if len(a.Columns) > 0 && t.HistoryOf != 0 {
			return true, errHistoryAddColumn.New(qname)
		}
		if t.HistoryID != 0 {
			if err := s.addHistoryColumns(ctx, tr, cat, t, a.Columns); err != nil {
				return true, err
			}
		}
	case *ast.AlterTableDrop:
		if a.Period {
			switch {
			case t.Period == nil:
				return true, errNoPeriod.New(qname)
			case t.HistoryID != 0:
				return true, errDropPeriodVersioned.New(qname)
			}
			for _, c := range t.Columns {
				if c.ID == t.Period.StartCol || c.ID == t.Period.EndCol {
					c.Generated, c.Hidden = 0, false
				}
			}
			t.Period = nil
			return true, nil
		}
		for _, it := range a.Items {
			if !it.Column {
				continue
			}
			_, col := t.Column(it.Name.Name)
			if col == nil {
				continue
			}
			if t.HistoryOf != 0 {
				return true, errHistoryDropColumn.New(qname)
			}
			if t.Period != nil && (col.ID == t.Period.StartCol || col.ID == t.Period.EndCol) {
				return true, chainErrors([]error{&Error{Number: 5074, Severity: 16, State: 1, Message: "The object 'SYSTEM_TIME' is dependent on column '" + col.Name + "'."}},
					&Error{Number: 4922, Severity: 16, State: 9, Message: "ALTER TABLE DROP COLUMN " + col.Name + " failed because one or more objects access this column."})
			}
			if t.HistoryID != 0 {
				if err := s.dropHistoryColumn(ctx, tr, cat, t, col.Name); err != nil {
					return true, err
				}
			}
		}
	case *ast.AlterTableAlterColumn:
		if t.HistoryOf != 0 {
			return true, errHistoryAlterColumn.New(a.Column.Name.Name, qname)
		}
		if t.HistoryID != 0 {
			if err := s.alterHistoryColumn(ctx, tr, cat, t, a.Column); err != nil {
				return true, err
			}
		}
	}
	return false, nil
}

// alterTemporalAfter finishes an ALTER TABLE … ADD that ends with PERIOD FOR
// SYSTEM_TIME, once its columns exist.
func alterTemporalAfter(t *catalog.Table, action ast.AlterTableAction) error {
	a, ok := action.(*ast.AlterTableAdd)
	if !ok {
		return nil
	}
	if a.Period != nil {
		return addPeriod(t, a.Period)
	}
	for _, cd := range a.Columns {
		if cd.Generated != ast.GeneratedNone && t.Period == nil {
			return errGeneratedNoPeriod.New()
		}
	}
	return nil
}

// historyRef is a tableRef for writing t's history table during DDL.
func historyRef(tr *tableRef, cat *catalog.Database, t *catalog.Table) (*tableRef, *catalog.Table, error) {
	h := cat.TableByID(t.HistoryID)
	if h == nil {
		return nil, nil, ErrInvalidObject.New(t.Name)
	}
	return &tableRef{db: tr.db, cat: cat, t: h, versioning: true}, h, nil
}

// historyColumnDef is the history table's form of a column added to a
// system-versioned table: the type and nullability, and the DEFAULT only to
// fill the history's existing rows (cleared after).
func historyColumnDef(cd *ast.ColumnDef) *ast.ColumnDef {
	h := *cd
	h.Identity, h.Constraints, h.DefaultName, h.RowGUIDCol = nil, nil, nil, false
	h.Generated, h.Hidden = ast.GeneratedNone, false
	return &h
}

func (s *Session) addHistoryColumns(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, defs []*ast.ColumnDef) error {
	htr, h, err := historyRef(tr, cat, t)
	if err != nil {
		return err
	}
	for _, cd := range defs {
		if cd.Type == nil {
			return errVersionedComputed.New()
		}
		if cd.Identity != nil {
			return errVersionedIdentity.New(qualifiedName(tr.db, h))
		}
	}
	before := len(h.Columns)
	err = s.rewriteRows(ctx, htr, cat, h, func(nt *catalog.Table) error {
		for _, cd := range defs {
			col, err := s.columnFromDef(cat, h.Name, historyColumnDef(cd), int32(len(nt.Columns)+1))
			if err != nil {
				return err
			}
			nt.Columns = append(nt.Columns, col)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range h.Columns[before:] {
		c.Default, c.DefaultName, c.DefaultID = "", "", 0
	}
	return nil
}

func (s *Session) dropHistoryColumn(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, name string) error {
	htr, h, err := historyRef(tr, cat, t)
	if err != nil {
		return err
	}
	i, _ := h.Column(name)
	if i < 0 {
		return nil
	}
	return s.rewriteRows(ctx, htr, cat, h, func(nt *catalog.Table) error {
		nt.Columns = append(nt.Columns[:i], nt.Columns[i+1:]...)
		return nil
	})
}

func (s *Session) alterHistoryColumn(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, cd *ast.ColumnDef) error {
	htr, h, err := historyRef(tr, cat, t)
	if err != nil {
		return err
	}
	i, old := h.Column(cd.Name.Name)
	if old == nil {
		return nil
	}
	nc, err := s.columnFromDef(cat, h.Name, historyColumnDef(cd), old.ID)
	if err != nil {
		return err
	}
	nc.Default, nc.DefaultName, nc.DefaultID = "", "", 0
	nc.Name = old.Name
	return s.rewriteRows(ctx, htr, cat, h, func(nt *catalog.Table) error {
		nt.Columns[i] = nc
		return nil
	})
}
