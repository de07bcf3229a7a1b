package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
)

// The row builder: what every write path (INSERT, UPDATE, MERGE, bulk
// paths) applies to a table's rows — defaults, identity, computed columns,
// conversion and truncation, NOT NULL, CHECK and FOREIGN KEY.

// rowBuilder fills and checks the rows written to one table: defaults,
// identity, conversions, truncation, NOT NULL, CHECK and FOREIGN KEY.
type rowBuilder struct {
	s        *Session
	tr       *tableRef
	defaults []*expr // per column, nil where none; nil when the table has no DEFAULT
	checks   []pred
	checkCat []*catalog.Check
	// rowVersion is the rowversion column's position, or -1 (rowversion.go).
	rowVersion int
	stmt       string
	// computed are the computed columns' expressions (computed.go).
	computed []*expr
	// viewCheck is the target view's CHECK OPTION, or nil (viewcheck.go).
	viewCheck pred
	// truncate: SET ANSI_WARNINGS OFF, a string or binary value too long
	// for its column is cut to fit rather than refused (2628); lenient:
	// ARITHABORT OFF too, a value that overflows its column's type is
	// stored as NULL with a warning (arithabort.go). Read when the builder
	// is made, as the plans that keep it are per SET options.
	truncate, lenient bool
	// selfRefRows, while an INSERT runs, collects the rows whose FOREIGN
	// KEYs reference their own table, to be checked once the statement's
	// rows are all written (checkSelfReferences); nil checks them at once.
	selfRefRows *[]Row
	// foreignKeysLater: validate leaves every FOREIGN KEY to its caller,
	// which checks them when the statement ends (a cascade's rows,
	// fk_cascade_writes.go).
	foreignKeysLater bool
}

func (s *Session) newRowBuilder(tr *tableRef, stmt string) (*rowBuilder, error) {
	rb := &rowBuilder{s: s, tr: tr, stmt: stmt, rowVersion: rowVersionColumn(tr.t),
		truncate: s.Opts.Flags&ansiWarningsFlag == 0, lenient: s.arithLenient()}
	if stmt == "INSERT" || stmt == "UPDATE" || stmt == "MERGE" {
		if err := s.takeViewCheck(rb); err != nil { // viewcheck.go
			return nil, err
		}
	}
	// defaults and its compiler are made at the first column with a DEFAULT:
	// most tables written row by row have none.
	var empty *compiler
	for i, c := range tr.t.Columns {
		if c.Default == "" {
			continue
		}
		if empty == nil {
			empty = &compiler{s: s, sc: &scope{}}
			rb.defaults = make([]*expr, len(tr.t.Columns))
		}
		e, err := tsql.ParseExpr(c.Default)
		if err != nil {
			return nil, err
		}
		empty.bareColumnDefault = isBareNewSequentialID(e) && c.Type.ID == types.UniqueIdentifier
		if rb.defaults[i], err = empty.expr(e); err != nil {
			return nil, err
		}
	}
	var tc *compiler
	if len(tr.t.Checks) > 0 {
		tc = &compiler{s: s, sc: tableScope(tr, "", nil)}
	}
	for _, ck := range tr.t.Checks {
		if ck.Disabled { // ALTER TABLE … NOCHECK CONSTRAINT (constraint_state.go)
			continue
		}
		e, err := tsql.ParseExpr(ck.Expr)
		if err != nil {
			return nil, err
		}
		p, err := tc.pred(e)
		if err != nil {
			return nil, err
		}
		rb.checks = append(rb.checks, p)
		rb.checkCat = append(rb.checkCat, ck)
	}
	var err error
	if rb.computed, err = s.compileComputed(tr.t); err != nil {
		return nil, err
	}
	return rb, nil
}

// defaultValue is column i's DEFAULT, or NULL.
func (rb *rowBuilder) defaultValue(ec *evalCtx, i int) (types.Value, error) {
	if rb.defaults == nil || rb.defaults[i] == nil {
		return types.Null(rb.tr.t.Columns[i].Type.ID), nil
	}
	return rb.defaults[i].eval(ec, nil)
}

// store converts v for column i, reporting truncation as error 2628.
func (rb *rowBuilder) store(i int, v types.Value) (types.Value, error) {
	col := rb.tr.t.Columns[i]
	if v.IsNull() {
		return types.Null(col.Type.ID), nil
	}
	// The table's name is only for error 2628's text: build it when the value
	// does not fit (CheckFits is deterministic), not for every value stored.
	if err := types.CheckFits(v, col.Type, "", col.Name); err != nil && !rb.truncate {
		return v, types.CheckFits(v, col.Type, rb.tr.errorName(), col.Name)
	}
	cv, err := types.ImplicitConvert(v, col.Type)
	if err != nil {
		return softenArith(&evalCtx{s: rb.s}, rb.lenient, col.Type, err)
	}
	if col.Type.ID.IsString() || col.Type.ID.IsBinary() {
		return types.Convert(cv, col.Type, 0)
	}
	return cv, nil
}

// validate checks NOT NULL, CHECK and FOREIGN KEY constraints of a full row.
func (rb *rowBuilder) validate(ec *evalCtx, row Row) error {
	t := rb.tr.t
	if rb.rowVersion >= 0 { // every write of the row takes a new rowversion
		row[rb.rowVersion] = rb.s.nextRowVersion(rb.tr.db)
	}
	if t.Period != nil && rb.stmt != "ALTER TABLE" { // temporal.go
		if err := rb.s.stampPeriod(t, row); err != nil {
			return err
		}
	}
	// Every write path ends here with the full row: compute the computed
	// columns from it first.
	if err := rb.fillComputed(ec, row); err != nil {
		return err
	}
	for i, c := range t.Columns {
		if !c.Nullable && row[i].IsNull() {
			return ErrNullNotAllowed.New(c.Name, rb.tr.nullErrorName(), rb.stmt)
		}
	}
	for i, p := range rb.checks {
		b, err := p(ec, row)
		if err != nil {
			return err
		}
		if b == types.False {
			ck := rb.checkCat[i]
			return ErrConstraintConflict.New(rb.stmt, "CHECK", ck.Name, rb.tr.db.Name(), rb.tr.displayName(), checkColumnSuffix(t, ck))
		}
	}
	if err := rb.checkView(ec, row); err != nil {
		return err
	}
	for _, fk := range t.ForeignKeys {
		if fk.Disabled || rb.foreignKeysLater {
			continue
		}
		if rb.selfRefRows != nil && rb.tr.cat.Tables[fk.RefTable] == t {
			continue // checked by checkSelfReferences
		}
		if err := rb.s.checkForeignKey(ec, rb.tr, fk, row, rb.stmt); err != nil {
			return err
		}
	}
	if rb.selfRefRows != nil { // set only for a self-referencing table
		*rb.selfRefRows = append(*rb.selfRefRows, row)
	}
	return nil
}

// selfReferencing reports whether an enabled FOREIGN KEY of the table
// references the table itself (a hierarchy: employee → manager).
func (rb *rowBuilder) selfReferencing() bool {
	for _, fk := range rb.tr.t.ForeignKeys {
		if !fk.Disabled && rb.tr.cat.Tables[fk.RefTable] == rb.tr.t {
			return true
		}
	}
	return false
}

// deferSelfReferences makes validate leave a self-referencing FOREIGN KEY
// to checkSelfReferences. SQL Server checks such a key after the statement
// has inserted its rows (its plan spools them before the check), so a row
// may reference itself — a hierarchy's root, INSERT node VALUES (1, 1) — or
// a row that comes later in the same statement; checked row by row before
// each insert, both were refused with 547.
func (rb *rowBuilder) deferSelfReferences() {
	if rb.selfReferencing() {
		rb.selfRefRows = new([]Row)
	}
}

// checkSelfReferences checks the deferred rows' self-referencing keys, now
// that every row of the statement is written, and stops deferring.
func (rb *rowBuilder) checkSelfReferences(ec *evalCtx) error {
	if rb.selfRefRows == nil {
		return nil
	}
	rows := *rb.selfRefRows
	rb.selfRefRows = nil
	t := rb.tr.t
	for _, row := range rows {
		for _, fk := range t.ForeignKeys {
			if fk.Disabled || rb.tr.cat.Tables[fk.RefTable] != t {
				continue
			}
			if err := rb.s.checkForeignKey(ec, rb.tr, fk, row, rb.stmt); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkColumnSuffix(t *catalog.Table, ck *catalog.Check) string {
	for _, c := range t.Columns {
		if strings.Contains(strings.ToLower(ck.Expr), strings.ToLower(c.Name)) {
			return ", column '" + c.Name + "'"
		}
	}
	return ""
}

// complete fills the columns of row that were not given (identity values,
// defaults), checks the whole row (NOT NULL, CHECK, FOREIGN KEY) and returns
// the identity value of the row, given or generated (NULL when the table has
// none).
func (rb *rowBuilder) complete(ec *evalCtx, row Row, given []bool) (types.Value, error) {
	t := rb.tr.t
	var ident types.Value
	for i, c := range t.Columns {
		if given[i] {
			if c.RowVersion && !row[i].IsNull() {
				return ident, errExplicitRowVersion.New()
			}
			if c.Generated != 0 && t.Period != nil { // temporal.go
				return ident, errExplicitGenerated.New(qualifiedName(rb.tr.db, t))
			}
			if c.Identity {
				rb.tr.db.SeeIdentity(t.ID, row[i].Int64(), c.Increment)
				ident = row[i]
			}
			continue
		}
		if c.Identity {
			v := rb.tr.db.NextIdentity(t.ID, c.Seed, c.Increment)
			iv, err := types.ImplicitConvert(types.NewBigInt(v), c.Type)
			if err != nil {
				return ident, err
			}
			row[i], ident = iv, iv
			continue
		}
		dv, err := rb.defaultValue(ec, i)
		if err != nil {
			return ident, err
		}
		if row[i], err = rb.store(i, dv); err != nil {
			return ident, err
		}
	}
	return ident, rb.validate(ec, row)
}
