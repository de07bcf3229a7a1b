package exec

import (
	"context"
	"io"
	"slices"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Enabling, disabling and validating CHECK and FOREIGN KEY constraints:
//
//	ALTER TABLE t NOCHECK CONSTRAINT { ALL | name, … }
//	ALTER TABLE t [WITH { CHECK | NOCHECK }] CHECK CONSTRAINT { ALL | name, … }
//	ALTER TABLE t [WITH { CHECK | NOCHECK }] ADD CONSTRAINT … CHECK | FOREIGN KEY
//
// Every script SSMS generates adds each foreign key and check constraint
// WITH CHECK and then runs ALTER TABLE … CHECK CONSTRAINT on it, and bulk
// loads disable constraints around the load. As in SQL Server: a disabled
// constraint is not enforced (catalog.ConstraintState); a new constraint and
// CHECK CONSTRAINT under WITH CHECK are verified against every existing row
// (error 547 naming the ALTER TABLE statement, nothing changed) and become
// trusted; WITH NOCHECK leaves them untrusted; CHECK CONSTRAINT alone enables
// without verifying.

var (
	errConstraintMissing = errorKind{4917, 16, 1, "Constraint '%s' does not exist.", AbortStatement}
	errNotCheckable      = errorKind{11415, 16, 1, "Object '%s' cannot be disabled or enabled. This action applies only to foreign key and check constraints.", AbortStatement}
)

// setConstraintsEnabled runs ALTER TABLE … [WITH …] CHECK | NOCHECK
// CONSTRAINT on t, a table of the statement's mutable catalog cat.
func (s *Session) setConstraintsEnabled(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, a *ast.AlterTableCheck) error {
	var states []*catalog.ConstraintState
	var checks []*catalog.Check
	var fks []*catalog.ForeignKey
	pick := func(name string) error {
		for _, ck := range t.Checks {
			if cat.SameName(ck.Name, name) {
				states, checks = append(states, &ck.ConstraintState), append(checks, ck)
				return nil
			}
		}
		for _, fk := range t.ForeignKeys {
			if cat.SameName(fk.Name, name) {
				states, fks = append(states, &fk.ConstraintState), append(fks, fk)
				return nil
			}
		}
		for _, ix := range t.Indexes {
			if cat.SameName(ix.Name, name) {
				return errNotCheckable.New(name)
			}
		}
		return errConstraintMissing.New(name)
	}
	if a.All {
		for _, ck := range t.Checks {
			states, checks = append(states, &ck.ConstraintState), append(checks, ck)
		}
		for _, fk := range t.ForeignKeys {
			states, fks = append(states, &fk.ConstraintState), append(fks, fk)
		}
	}
	for _, n := range a.Names {
		if err := pick(n.Name); err != nil {
			return err
		}
	}
	if !a.Enable {
		for _, st := range states {
			st.Disabled, st.NotTrusted = true, true
		}
		return nil
	}
	for _, fk := range fks { // index_disable.go: its key's index must be enabled first
		if parent := cat.Tables[fk.RefTable]; parent != nil {
			if ix := indexOn(parent, fk.RefColumns); ix != nil && (ix.Disabled || parent.RowStore().Disabled) {
				return errForeignKeyIndexDisabled.New(fk.Name, ix.Name)
			}
		}
	}
	if a.Check == 1 { // WITH CHECK: verify every row first
		if err := s.verifyConstraints(ctx, &tableRef{db: tr.db, cat: cat, t: t}, checks, fks); err != nil {
			return err
		}
	}
	for _, st := range states {
		st.Disabled = false
		if a.Check == 1 {
			st.NotTrusted = false
		}
	}
	return nil
}

// addedConstraintState applies WITH CHECK / WITH NOCHECK to the CHECK and
// FOREIGN KEY constraints an ALTER TABLE … ADD just added to t (those
// beyond the counts it had before): verified against every row and trusted
// unless WITH NOCHECK, which leaves them untrusted.
func (s *Session) addedConstraintState(ctx context.Context, tr *tableRef, cat *catalog.Database, t *catalog.Table, check uint8, checksBefore, fksBefore int) error {
	checks, fks := t.Checks[min(checksBefore, len(t.Checks)):], t.ForeignKeys[min(fksBefore, len(t.ForeignKeys)):]
	if check == 2 {
		for _, ck := range checks {
			ck.NotTrusted = true
		}
		for _, fk := range fks {
			fk.NotTrusted = true
		}
		return nil
	}
	if len(checks) == 0 && len(fks) == 0 {
		return nil
	}
	return s.verifyConstraints(ctx, &tableRef{db: tr.db, cat: cat, t: t}, checks, fks)
}

// verifyConstraints checks every row of tr against checks and fks: 547
// for the first row that violates one, as an ALTER TABLE statement.
func (s *Session) verifyConstraints(ctx context.Context, tr *tableRef, checks []*catalog.Check, fks []*catalog.ForeignKey) error {
	if len(checks) == 0 && len(fks) == 0 {
		return nil
	}
	ec := newEvalCtx(ctx, s)
	rb, err := s.newRowBuilder(tr, "ALTER TABLE") // for computed columns
	if err != nil {
		return err
	}
	var preds []pred
	c := &compiler{s: s, sc: tableScope(tr, "", nil)}
	for _, ck := range checks {
		e, err := tsql.ParseExpr(ck.Expr)
		if err != nil {
			return err
		}
		p, err := c.pred(e)
		if err != nil {
			return err
		}
		preds = append(preds, p)
	}
	it, err := s.scan(ec, tr, nil, nil, false)
	if err != nil {
		return err
	}
	defer it.Close()
	for {
		row, err := it.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := rb.fillComputed(ec, row); err != nil {
			return err
		}
		for i, p := range preds {
			b, err := p(ec, row)
			if err != nil {
				return err
			}
			if b == types.False {
				return ErrConstraintConflict.New("ALTER TABLE", "CHECK", checks[i].Name, tr.db.Name(), tr.displayName(), checkColumnSuffix(tr.t, checks[i]))
			}
		}
		for _, fk := range fks {
			if err := s.checkForeignKey(ec, tr, fk, row, "ALTER TABLE"); err != nil {
				return err
			}
		}
	}
}

func init() {
	systemViews["sys.check_constraints"] = &virtualTable{cols: []vcol{{"name", vName}, {"object_id", vInt}, {"principal_id", vInt},
		{"schema_id", vInt}, {"parent_object_id", vInt}, {"type", types.Type{ID: types.Char, Length: 2}}, {"type_desc", vDesc},
		{"create_date", vDateTime}, {"modify_date", vDateTime}, {"is_ms_shipped", vBit}, {"is_published", vBit},
		{"is_schema_published", vBit}, {"is_disabled", vBit}, {"is_not_for_replication", vBit}, {"is_not_trusted", vBit},
		{"parent_column_id", vInt}, {"definition", types.NVarCharType(types.MaxLength)}, {"uses_database_collation", vBit},
		{"is_system_named", vBit}},
		rows: func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			var out []Row
			for _, t := range cat.SortedTables() {
				for _, ck := range t.Checks {
					col := int32(0) // a check on one column names it
					if cols := checkColumns(t, ck); len(cols) == 1 {
						col = int32(cols[0] + 1)
					}
					out = append(out, Row{str(ck.Name), i32(ck.ID), types.Null(types.Int), i32(schemaID(cat, t.Schema)), i32(t.ID),
						types.NewString(types.Char, "C "), str("CHECK_CONSTRAINT"), dt(t.Created), dt(t.Modified), bit(false), bit(false),
						bit(false), bit(ck.Disabled), bit(false), bit(ck.NotTrusted), i32(col), types.NewNVarChar(defaultDefinition(ck.Expr)),
						bit(true), bit(isSystemNamed(ck.Name))})
				}
			}
			return out, nil
		}}
}

// checkColumns lists the distinct columns of t that ck's expression names.
func checkColumns(t *catalog.Table, ck *catalog.Check) []int {
	e, err := tsql.ParseExpr(ck.Expr)
	if err != nil {
		return nil
	}
	var cols []int
	ast.Inspect(e, func(n ast.Node) bool {
		if cr, ok := n.(*ast.ColumnRef); ok {
			if i, _ := t.Column(cr.Name.Last()); i >= 0 && !slices.Contains(cols, i) {
				cols = append(cols, i)
			}
		}
		return true
	})
	return cols
}
