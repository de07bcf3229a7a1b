package exec

import (
	"context"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// alterTable runs ALTER TABLE: the column and constraint changes, each
// rewriting rows or building indexes as it needs (ddl.go).
func (s *Session) alterTable(ctx context.Context, st *ast.AlterTableStmt) error {
	if a, ok := st.Action.(*ast.AlterTableSwitch); ok {
		return s.alterTableSwitch(ctx, st.Name, a) // partition_switch.go
	}
	tr, ok, err := s.resolveTable(st.Name)
	if err != nil {
		return err
	}
	if !ok {
		return &Error{Number: 4902, Severity: 16, State: 1, Message: "Cannot find the object \"" + nameText(st.Name) + "\" because it does not exist or you do not have permissions."}
	}
	cat, t, err := s.alteredTable(ctx, tr)
	if err != nil {
		return err
	}
	if done, err := s.alterTemporal(ctx, tr, cat, t, st.Action); done || err != nil {
		return err // temporal_ddl.go
	}
	switch a := st.Action.(type) {
	case *ast.AlterTableAdd:
		if len(a.Columns) > 0 {
			keepNull := map[string]bool{}
			if err := s.rewriteRowsNull(ctx, tr, cat, t, func(nt *catalog.Table) error {
				for _, cd := range a.Columns {
					if _, c := nt.Column(cd.Name.Name); c != nil {
						return &Error{Number: 2705, Severity: 16, State: 4, Message: "Column names in each table must be unique. Column name '" + cd.Name.Name + "' in table '" + nt.Name + "' is specified more than once."}
					}
					if cd.Type == nil { // computed (computed.go): typed below, filled per row
						nt.Columns = append(nt.Columns, computedColumn(cd, int32(len(nt.Columns)+1)))
						continue
					}
					col, err := s.columnFromDef(cat, nt.Name, cd, int32(len(nt.Columns)+1))
					if err != nil {
						return err
					}
					if col.Nullable && cd.Default != nil && !cd.WithValues && cd.Generated == ast.GeneratedNone { // a period column is always filled
						keepNull[col.Name] = true
					}
					nt.Columns = append(nt.Columns, col)
				}
				return s.typeComputedColumns(nt)
			}, keepNull); err != nil {
				return err
			}
		}
		checksBefore, fksBefore := len(t.Checks), len(t.ForeignKeys)
		for _, c := range addedConstraints(a) {
			before := len(t.Indexes)
			if clusteredKey(c) && t.RowStore().IsHeap() {
				if err := s.clusterHeap(ctx, tr, cat, t, c); err != nil {
					return constraintIndexErr(err)
				}
				continue
			}
			if err := s.addConstraint(cat, t, c, true); err != nil {
				return err
			}
			for _, ix := range t.Indexes[before:] {
				if err := placeIndex(cat, t, ix, c.On); err != nil { // partition_place.go
					return err
				}
			}
			if len(t.Indexes) > before {
				if err := s.buildIndexes(ctx, tr, cat, t, t.Indexes[before:]); err != nil {
					return constraintIndexErr(err)
				}
			}
		}
		// WITH CHECK (the default) verifies existing rows (constraint_state.go).
		if err := s.addedConstraintState(ctx, tr, cat, t, a.Check, checksBefore, fksBefore); err != nil {
			return err
		}
	case *ast.AlterTableCheck:
		if err := s.setConstraintsEnabled(ctx, tr, cat, t, a); err != nil {
			return err
		}
	case *ast.AlterTableRebuild:
		// Rows live in one ordered tree per index, rewritten in place by
		// the store's compaction: a rebuild has nothing to change.
		if err := s.checkRebuildPartition(ctx, cat, t.RowStore(), "table", t.Name, a.Partition); err != nil { // partition_switch.go
			return err
		}
		indexStorageOptions(t.RowStore(), a.Options) // DATA_COMPRESSION = … (ddl_objects.go)
	case *ast.AlterTableTrigger:
		if err := alterTableTriggers(cat, t, a); err != nil { // trigger_state.go
			return err
		}
	case *ast.AlterTableDrop:
		for _, item := range a.Items {
			if item.Column {
				i, col := t.Column(item.Name.Name)
				if col == nil {
					if item.IfExists {
						continue
					}
					return &Error{Number: 4924, Severity: 16, State: 1, Message: "ALTER TABLE DROP COLUMN failed because column '" + item.Name.Name + "' does not exist in table '" + t.Name + "'."}
				}
				// Every dependent object is reported (5074), then the
				// statement's failure (4922).
				var deps []error
				dependent := func(obj string) {
					deps = append(deps, &Error{Number: 5074, Severity: 16, State: 1, Message: "The object '" + obj + "' is dependent on column '" + col.Name + "'."})
				}
				if col.DefaultName != "" {
					dependent(col.DefaultName)
				}
				for _, ix := range t.Indexes {
					for _, kc := range ix.Columns {
						if kc.Column == i {
							dependent(ix.Name)
							break
						}
					}
				}
				if partitionedOn(t, i) { // partition_place.go
					dependent(t.Name)
				}
				for _, by := range s.boundColumnReferrers(cat, t.Schema, t.Name, col.Name) { // schemabind.go
					dependent(by)
				}
				if len(deps) > 0 {
					return chainErrors(deps, &Error{Number: 4922, Severity: 16, State: 9, Message: "ALTER TABLE DROP COLUMN " + col.Name + " failed because one or more objects access this column."})
				}
				if err := s.rewriteRows(ctx, tr, cat, t, func(nt *catalog.Table) error {
					nt.Columns = append(nt.Columns[:i], nt.Columns[i+1:]...)
					for _, ix := range nt.Indexes {
						for k := range ix.Columns {
							if ix.Columns[k].Column > i {
								ix.Columns[k].Column--
							}
						}
						if ix.IsPartitioned() && ix.PartitionColumn > i {
							ix.PartitionColumn--
						}
					}
					return nil
				}); err != nil {
					return err
				}
				// The column's permissions go with it (a later column may get its id).
				cat.Permissions = catalog.DropColumnPermissions(cat.Permissions, t.ID, col.ID)
				continue
			}
			if done, err := s.dropKeyConstraint(ctx, tr, cat, t, item.Name.Name); err != nil { // drop_key.go
				return err
			} else if done {
				continue
			}
			if !dropConstraint(cat, t, item.Name.Name) && !item.IfExists {
				return chainErrors([]error{&Error{Number: 3728, Severity: 16, State: 1, Message: "'" + item.Name.Name + "' is not a constraint."}},
					&Error{Number: 3727, Severity: 16, State: 0, Message: "Could not drop constraint. See previous errors."})
			}
		}
	case *ast.AlterTableAlterColumn:
		cd := a.Column
		i, col := t.Column(cd.Name.Name)
		if col == nil {
			return &Error{Number: 4924, Severity: 16, State: 1, Message: "ALTER TABLE ALTER COLUMN failed because column '" + cd.Name.Name + "' does not exist in table '" + t.Name + "'."}
		}
		// A dependent object is 5074, and the statement's failure 4922.
		dependent := func(obj string) error {
			return chainErrors([]error{&Error{Number: 5074, Severity: 16, State: 1, Message: "The object '" + obj + "' is dependent on column '" + col.Name + "'."}},
				&Error{Number: 4922, Severity: 16, State: 9, Message: "ALTER TABLE ALTER COLUMN " + col.Name + " failed because one or more objects access this column."})
		}
		if by := s.boundColumnReferrers(cat, t.Schema, t.Name, col.Name); len(by) > 0 { // schemabind.go
			return dependent(by[0])
		}
		nc, err := s.columnFromDef(cat, t.Name, cd, col.ID)
		if err != nil {
			return err
		}
		for _, ix := range t.Indexes {
			for _, kc := range ix.Columns {
				if kc.Column == i && !widensIndexedColumn(ix, col.Type, nc.Type) {
					return dependent(ix.Name)
				}
			}
		}
		if partitionedOn(t, i) { // partition_place.go: the heap's partitioning
			return dependent(t.Name)
		}
		nc.Identity, nc.Seed, nc.Increment = col.Identity, col.Seed, col.Increment
		nc.Default, nc.DefaultName, nc.DefaultID = col.Default, col.DefaultName, col.DefaultID
		if col.Identity {
			nc.Nullable = false
		}
		if err := s.rewriteRows(ctx, tr, cat, t, func(nt *catalog.Table) error {
			nt.Columns[i] = nc
			return nil
		}); err != nil {
			return err
		}
	default:
		return ErrNotSupported.New("This ALTER TABLE action")
	}
	if err := alterTemporalAfter(t, st.Action); err != nil { // temporal_ddl.go
		return err
	}
	t.Modified = time.Now().UTC()
	return nil
}

// dropConstraint drops a CHECK, FOREIGN KEY or DEFAULT constraint of t by
// name (PRIMARY KEY and UNIQUE ones: dropKeyConstraint, drop_key.go).
func dropConstraint(cat *catalog.Database, t *catalog.Table, name string) bool {
	for i, c := range t.Checks {
		if cat.SameName(c.Name, name) {
			t.Checks = append(t.Checks[:i], t.Checks[i+1:]...)
			return true
		}
	}
	for i, f := range t.ForeignKeys {
		if cat.SameName(f.Name, name) {
			t.ForeignKeys = append(t.ForeignKeys[:i], t.ForeignKeys[i+1:]...)
			return true
		}
	}
	for _, c := range t.Columns {
		if c.DefaultName != "" && cat.SameName(c.DefaultName, name) {
			c.Default, c.DefaultName, c.DefaultID = "", "", 0
			return true
		}
	}
	return false
}

// widensIndexedColumn reports whether ALTER COLUMN may change an index key
// column from old to nt: SQL Server allows it only for a varchar, nvarchar
// or varbinary column whose type stays and whose length does not shrink
// (nor becomes max), in an index that is not a PRIMARY KEY's (the ALTER
// TABLE page's example B widens a UNIQUE varchar column).
func widensIndexedColumn(ix *catalog.Index, old, nt types.Type) bool {
	if ix.Primary || old.ID != nt.ID {
		return false
	}
	switch old.ID {
	case types.VarChar, types.NVarChar, types.VarBinary:
	default:
		return false
	}
	return old.Length > 0 && nt.Length >= old.Length
}
