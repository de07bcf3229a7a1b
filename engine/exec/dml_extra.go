package exec

import (
	"context"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

const latestLSN = storage.Latest

// outputClause evaluates an OUTPUT clause over inserted/deleted rows and sends
// the results to the client or into a table.
type outputClause struct {
	s     *Session
	exprs []*expr
	cols  []ResultColumn
	rows  []Row
	into  *tableRef
	// intoCols are the positions in into's columns the items are stored in,
	// in item order (OUTPUT … INTO t (column_list)).
	intoCols []int
	out      Output
	width    int
	trig     *triggerSet // the table's triggers for this statement, or nil (trigger.go)
	// cascades: the statement's cascaded rows, whose tables' triggers fire
	// before trig (cascade_triggers.go).
	cascades *cascadeFires
	// action: a MERGE's clause, whose items may read $action.
	action bool
	// srcWidth is the width of a MERGE's source row, whose columns the
	// items may read (EF Core's batched insert outputs i._Position); src is
	// the source row of the change being emitted, set by runMerge.
	srcWidth int
	src      Row
	// then is the statement's second OUTPUT clause (OUTPUT … INTO …
	// OUTPUT …), which returns the rows the first stores.
	then *outputClause
}

// newOutput compiles OUTPUT items against a scope with the pseudo-tables
// "deleted" (old row) and "inserted" (new row). A nil clause yields a no-op.
// For MERGE, src is the source's scope: its columns follow $action in the
// row emit builds.
func (s *Session) newOutput(oc *ast.OutputClause, tr *tableRef, out Output, stmt string, src ...*scope) (*outputClause, error) {
	o := &outputClause{s: s, out: out, trig: s.triggersFor(tr, stmt)}
	if stmt != "INSERT" {
		o.cascades = s.beginCascades(tr)
	}
	if oc == nil {
		return o, nil
	}
	if err := s.compileOutput(o, oc, tr, stmt, src...); err != nil {
		return nil, err
	}
	if oc.Then != nil {
		// OUTPUT … INTO … OUTPUT …: the second clause sees the same rows
		// and returns them; triggers and cascades are the first's.
		o.then = &outputClause{s: s, out: out}
		if err := s.compileOutput(o.then, oc.Then, tr, stmt, src...); err != nil {
			return nil, err
		}
		if stmt != "MERGE" && o.trig != nil && s.hasAfterTrigger(o.trig, stmt) {
			return nil, ErrOutputTriggers.New(tr.displayName())
		}
	}
	return o, nil
}

// newInsertOutput is newOutput for an INSERT, nil when the statement has
// neither an OUTPUT clause nor triggers to collect rows for: emit and finish
// then do nothing, and the usual single-row INSERT allocates no clause.
func (s *Session) newInsertOutput(oc *ast.OutputClause, tr *tableRef, out Output) (*outputClause, error) {
	if oc == nil {
		trig := s.triggersFor(tr, "INSERT")
		if trig == nil {
			return nil, nil
		}
		return &outputClause{s: s, out: out, trig: trig}, nil
	}
	return s.newOutput(oc, tr, out, "INSERT")
}

// compileOutput compiles one OUTPUT clause's items (and INTO target) into o.
// For UPDATE and DELETE with a FROM clause and for MERGE, src is the
// source's scope: its columns (from_table_name.column) follow the two
// pseudo-tables, and $action for MERGE, in the row emit builds.
func (s *Session) compileOutput(o *outputClause, oc *ast.OutputClause, tr *tableRef, stmt string, src ...*scope) error {
	if oc.Into == nil && o.trig != nil && stmt != "MERGE" && s.hasAfterTrigger(o.trig, stmt) {
		return ErrOutputTriggers.New(tr.displayName())
	}
	del := tableScope(tr, "deleted", nil)
	ins := tableScope(tr, "inserted", nil)
	outputPseudoTables(del, ins, stmt)
	sc := concatScopes(del, ins)
	outputNullability(sc, stmt) // nullability.go
	o.width = del.width()
	base := 2 * o.width
	if stmt == "MERGE" {
		// $action: nvarchar(10) INSERT, UPDATE or DELETE, what the merge did
		// to the row; it follows the two pseudo-tables in the row emit builds.
		o.action = true
		sc.cols = append(sc.cols, scopeCol{name: "$action", typ: types.NVarCharType(10), notNull: true, idx: base})
		base++
	}
	if len(src) > 0 && src[0] != nil {
		for _, col := range src[0].cols {
			col.idx += base
			sc.cols = append(sc.cols, col)
		}
		o.srcWidth = src[0].width()
	}
	c := &compiler{s: s, sc: sc}
	for _, item := range oc.Items {
		if st, ok := item.Expr.(*ast.Star); ok {
			q := "inserted"
			if stmt == "DELETE" {
				q = "deleted"
			}
			if st.Qualifier != nil {
				q = strings.ToLower(st.Qualifier.Last())
			}
			for _, col := range sc.cols {
				if col.hidden || col.qual != q {
					continue
				}
				idx := col.idx
				o.exprs = append(o.exprs, &expr{typ: col.typ, col: idx, eval: func(_ *evalCtx, r Row) (types.Value, error) { return r[idx], nil }})
				o.cols = append(o.cols, ResultColumn{Name: col.name, Type: col.typ, Nullable: !col.notNull, NotNull: col.notNull})
			}
			continue
		}
		x, err := c.expr(item.Expr)
		if err != nil {
			return err
		}
		name := ""
		if item.Alias != nil {
			name = item.Alias.Name
		} else if cr, ok := item.Expr.(*ast.ColumnRef); ok {
			name = cr.Name.Last()
		}
		o.exprs = append(o.exprs, x)
		nn := c.notNull(item.Expr)
		o.cols = append(o.cols, ResultColumn{Name: name, Type: x.typ, Nullable: !nn, NotNull: nn})
	}
	if oc.Into != nil {
		into, _, err := s.target(oc.Into)
		if err != nil {
			return err
		}
		if into == nil {
			return ErrInvalidObject.New(oc.Into.SQL())
		}
		if _, table := oc.Into.(*ast.TableName); table { // a table variable may have CHECKs
			if err := s.checkOutputIntoTarget(into); err != nil {
				return err
			}
		}
		if o.intoCols, err = s.insertColumnList(into, oc.IntoColumns); err != nil {
			return err
		}
		if err := selectListCount(len(o.exprs), len(o.intoCols), oc.IntoColumns != nil); err != nil {
			return err
		}
		o.into = into
	}
	return nil
}

// outputPseudoTables makes OUTPUT's inserted and deleted columns bind as
// SQL Server binds them: only qualified (OUTPUT id is 207, Invalid column
// name, where bun's Returning("id") sends it), and deleted not at all in an
// INSERT nor inserted in a DELETE (4104, the multi-part identifier could
// not be bound): their columns there keep their place in the row but no
// name.
func outputPseudoTables(del, ins *scope, stmt string) {
	for _, sc := range []*scope{del, ins} {
		unbound := stmt == "INSERT" && sc == del || stmt == "DELETE" && sc == ins
		for i := range sc.cols {
			sc.cols[i].qualifiedOnly = true
			if unbound {
				sc.cols[i].qual, sc.cols[i].hidden = "", true
			}
		}
	}
}

// selectListCount checks that an INSERT's SELECT list or an OUTPUT INTO's
// items fill the column list (120, 121) or, without one, the table's
// writable columns (213), as SQL Server does.
// insertQueryRows runs an INSERT's SELECT into rows for cols target columns
// (213 / 120 / 121 when the select list does not match them).
func (s *Session) insertQueryRows(ec *evalCtx, st *ast.InsertStmt, cols int) ([]Row, error) {
	p, err := s.buildQuery(st.Query, nil, nil)
	if err != nil {
		return nil, err
	}
	if err := selectListCount(len(p.cols), cols, st.Columns != nil); err != nil {
		return nil, err
	}
	it, err := p.open(ec)
	if err != nil {
		return nil, err
	}
	return drain(it)
}

func selectListCount(items, cols int, list bool) error {
	switch {
	case items == cols:
		return nil
	case !list:
		return ErrColumnCountMismatch.New()
	case items > cols:
		return ErrSelectListLonger.New()
	default:
		return ErrSelectListShorter.New()
	}
}

// SQL Server's 331, 332 and 333: rows an OUTPUT clause writes INTO a table
// are not checked as an INSERT's are — no trigger fires, no constraint that
// looks at other rows or tables is enforced — so the table may have none.
var (
	errOutputIntoTriggers   = errorKind{331, 16, 1, "The target table '%s' of the OUTPUT INTO clause cannot have any enabled triggers.", AbortStatement}
	errOutputIntoForeignKey = errorKind{332, 16, 1, "The target table '%s' of the OUTPUT INTO clause cannot be on either side of a (primary key, foreign key) relationship. Found reference constraint '%s'.", AbortStatement}
	errOutputIntoCheck      = errorKind{333, 16, 1, "The target table '%s' of the OUTPUT INTO clause cannot have any enabled check constraints or any enabled rules. Found check constraint or rule '%s'.", AbortStatement}
)

// checkOutputIntoTarget refuses an OUTPUT INTO table with an enabled
// trigger (331), a foreign key to or from it, enabled or not (332), or an
// enabled CHECK constraint (333), as SQL Server does for a table (a table
// variable is exempt).
func (s *Session) checkOutputIntoTarget(into *tableRef) error {
	t, cat := into.t, s.catalogFor(into.db) // the catalog triggersFor reads
	key := cat.Key(t.Schema, t.Name)
	if cat != nil && len(cat.Triggers) > 0 && len(enabledTriggers(cat.TableTriggers(key))) > 0 {
		return errOutputIntoTriggers.New(into.displayName())
	}
	if len(t.ForeignKeys) > 0 {
		return errOutputIntoForeignKey.New(into.displayName(), t.ForeignKeys[0].Name)
	}
	if cat != nil {
		for _, other := range cat.SortedTables() { // the first in order, as checkReferences reads them
			for _, fk := range other.ForeignKeys {
				if fk.RefTable == key {
					return errOutputIntoForeignKey.New(into.displayName(), fk.Name)
				}
			}
		}
	}
	for _, c := range t.Checks {
		if !c.Disabled {
			return errOutputIntoCheck.New(into.displayName(), c.Name)
		}
	}
	return nil
}

// ErrOutputTriggers is SQL Server's 334: an OUTPUT clause without INTO on a
// table that has an AFTER trigger for the statement's action (the trigger's
// results would interleave with the OUTPUT rows).
var ErrOutputTriggers = errorKind{334, 16, 1, "The target table '%s' of the DML statement cannot have any enabled triggers if the statement contains an OUTPUT clause without INTO clause.", AbortStatement}

// hasAfterTrigger reports whether t holds an AFTER trigger for event ev
// (INSERT, UPDATE or DELETE). MERGE is checked by checkMergeOutputTriggers,
// against the actions of its WHEN clauses.
func (s *Session) hasAfterTrigger(t *triggerSet, ev string) bool {
	for _, m := range t.mods {
		stmts, err := s.parseModule(m.Text, m.ModuleSets)
		if err != nil || len(stmts) == 0 {
			continue
		}
		def, ok := stmts[0].(*ast.CreateTriggerStmt)
		if !ok || def.InsteadOf {
			continue
		}
		if slices.Contains(def.Events, ev) {
			return true
		}
	}
	return false
}

func (o *outputClause) emit(ec *evalCtx, old, new Row) error {
	if o == nil {
		return nil // an INSERT with no OUTPUT and no triggers (newInsertOutput)
	}
	if o.trig != nil {
		o.trig.collect(old, new)
	}
	if o.exprs == nil {
		return nil
	}
	if o.then != nil {
		o.then.src = o.src
		if err := o.then.emit(ec, old, new); err != nil {
			return err
		}
	}
	row := make(Row, 2*o.width, 2*o.width+1+o.srcWidth)
	if o.action {
		act := "UPDATE"
		switch {
		case old == nil:
			act = "INSERT"
		case new == nil:
			act = "DELETE"
		}
		row = append(row, types.NewNVarChar(act))
	}
	if o.srcWidth > 0 {
		base := len(row)
		row = append(row, o.src[:min(len(o.src), o.srcWidth)]...)
		row = row[:base+o.srcWidth]
	}
	if old != nil {
		copy(row, old[:min(len(old), o.width)])
	}
	if new != nil {
		copy(row[o.width:], new[:min(len(new), o.width)])
	}
	r := make(Row, len(o.exprs))
	for i, x := range o.exprs {
		v, err := x.eval(ec, row)
		if err != nil {
			return err
		}
		r[i] = v
	}
	o.rows = append(o.rows, r)
	return nil
}

// finish sends the OUTPUT rows (after the statement's writes succeeded).
func (o *outputClause) finish(ctx context.Context) error {
	if o == nil {
		return nil
	}
	if err := o.cascades.fire(ctx, o.out); err != nil {
		return err
	}
	if o.trig != nil {
		if err := o.trig.fire(ctx, o.out); err != nil {
			return err
		}
	}
	if o.exprs == nil {
		return nil
	}
	if o.into != nil {
		ec := newEvalCtx(ctx, o.s)
		rb, err := o.s.newRowBuilder(o.into, "INSERT")
		if err != nil {
			return err
		}
		for _, r := range o.rows {
			row := make(Row, len(o.into.t.Columns)+1)
			given := make([]bool, len(o.into.t.Columns))
			for j, ci := range o.intoCols {
				given[ci] = true
				if row[ci], err = rb.store(ci, r[j]); err != nil {
					return err
				}
			}
			if _, err := rb.complete(ec, row, given); err != nil {
				return err
			}
			if err := o.s.insertRow(ctx, o.into, row, "INSERT"); err != nil && err != errDupKeyIgnored {
				return err // a duplicate IGNORE_DUP_KEY leaves out is no error (ignore_dup_key.go)
			}
		}
		return o.then.finish(ctx)
	}
	if err := o.out.Columns(o.cols); err != nil {
		return err
	}
	for _, r := range o.rows {
		if err := o.out.Row(r); err != nil {
			return err
		}
	}
	return nil
}

// runTruncate empties a table: its storage objects are replaced by new ones and
// the old ones dropped at commit, so TRUNCATE is one small log record.
func (s *Session) runTruncate(ctx context.Context, st *ast.TruncateStmt, out Output) error {
	tr, ok, err := s.resolveTable(st.Table)
	if err != nil {
		return err
	}
	if !ok {
		return &Error{Number: 4701, Severity: 16, State: 1, Message: "Cannot find the object \"" + nameText(st.Table) + "\" because it does not exist or you do not have permissions."}
	}
	if err := temporalDDLCheck(tr, errTruncateTemporal); err != nil { // temporal.go
		return err
	}
	key := tr.cat.Key(tr.t.Schema, tr.t.Name)
	for okey, other := range tr.cat.Tables {
		if okey == key {
			// A foreign key that references its own table does not stop
			// TRUNCATE (TRUNCATE TABLE's restrictions): every row goes.
			continue
		}
		for _, fk := range other.ForeignKeys {
			if fk.RefTable == key {
				return ErrTruncateFK.New(tr.displayName())
			}
		}
	}
	if err := s.lockSchema(ctx, tr); err != nil {
		return err
	}
	if st.Partitions != nil {
		return s.truncatePartitions(ctx, tr, st.Partitions) // partition_switch.go
	}
	cat, err := s.mutableCatalog(ctx, tr.db)
	if err != nil {
		return err
	}
	t := cat.Table(tr.t.Schema, tr.t.Name)
	d := s.tx.dbTx(tr.db)
	for _, ix := range t.Indexes {
		d.writes.Drops = append(d.writes.Drops, ix.StoreID)
		ix.StoreID = cat.NewStoreID()
	}
	if c := t.IdentityColumn(); c >= 0 {
		tr.db.SeeIdentity(t.ID, t.Columns[c].Seed-t.Columns[c].Increment, -t.Columns[c].Increment)
	}
	return nil
}

// intoCore returns the SELECT that carries INTO: the query's own, or the
// first SELECT of a UNION/EXCEPT/INTERSECT (SELECT … INTO t FROM a UNION
// SELECT … FROM b creates t from the whole set operation, as SQL Server does).
func intoCore(body ast.QueryExpr) *ast.SelectCore {
	for {
		switch b := body.(type) {
		case *ast.SelectCore:
			if b.Into != nil {
				return b
			}
			return nil
		case *ast.SetOp:
			body = b.Left
		default:
			return nil
		}
	}
}

// selectInto creates a table from a query's columns and fills it.
func (s *Session) selectInto(ctx context.Context, st *ast.SelectStmt, core *ast.SelectCore, out Output) error {
	into := core.Into
	core.Into = nil
	defer func() { core.Into = into }()
	p, err := s.buildQuery(st.Query, nil, nil)
	if err != nil {
		return err
	}
	if err := p.checkOutputCollations(); err != nil { // its columns need one (collation_conflict.go)
		return err
	}
	cols := make([]*ast.ColumnDef, 0, len(p.cols))
	for _, c := range p.cols {
		if c.name == "" {
			return &Error{Number: 1038, Severity: 15, State: 5, Message: "An object or column name is missing or empty. For SELECT INTO statements, verify each column has a name. For other statements, look for empty alias names. Aliases defined as \"\" or [] are not allowed. Change the alias to a valid name."}
		}
		// NOT NULL exactly where the result metadata says so (notNull): a
		// bare NOT NULL column, a constant, ISNULL with a NOT NULL
		// replacement, as SQL Server derives the new table's columns.
		null := ast.Null
		if c.notNull {
			null = ast.NotNull
		}
		def := &ast.ColumnDef{Name: &ast.Ident{Name: c.name}, Type: typeToAST(c.typ), Nullable: null}
		if collatable(c.typ.ID) {
			def.Collation = intoCollation(s, c).Name()
		}
		cols = append(cols, def)
	}
	identPos, identSrc := s.intoIdentity(st.Query, core, len(cols))
	if identPos >= 0 {
		cols[identPos].Identity, cols[identPos].Nullable = identityDef(identSrc), ast.NotNull
	}
	if err := s.createTable(ctx, &ast.CreateTableStmt{Name: into, Columns: cols}); err != nil {
		return err
	}
	tr, ok, err := s.resolveTable(into)
	if err != nil || !ok {
		return err
	}
	ec := newEvalCtx(ctx, s)
	it, err := p.open(ec)
	if err != nil {
		return err
	}
	rows, err := drain(it)
	if err != nil {
		return err
	}
	rb, err := s.newRowBuilder(tr, "INSERT")
	if err != nil {
		return err
	}
	for _, r := range rows {
		row := make(Row, len(tr.t.Columns)+1)
		for i := range tr.t.Columns {
			if row[i], err = rb.store(i, r[i]); err != nil {
				return err
			}
			if i == identPos && !row[i].IsNull() {
				// The copied values, as under IDENTITY_INSERT: the next
				// generated one follows the last of them.
				tr.db.SeeIdentity(tr.t.ID, row[i].Int64(), identSrc.Increment)
			}
		}
		if err := s.insertRow(ctx, tr, row, "INSERT"); err != nil {
			return err
		}
	}
	return s.done(out, CmdInsert, int64(len(rows)), true)
}

// intoCollation is the collation of SELECT INTO's column made from c: the
// expression's, as its type and length are ("Each column in new_table has
// the same name, data type, nullability, and value as the corresponding
// expression"), so a #temp table filled from a case-sensitive database's
// column compares and joins as that column does rather than under
// tempdb's default (468 on the join back to it). A coercible-default
// expression that carries no collation of its own (DB_NAME(), a catalog
// function's name) takes the current database's, as literals do.
func intoCollation(s *Session, c scopeCol) types.Collation {
	if c.deriv() == derivCoercible && c.typ.Collation == types.DefaultCollation {
		return s.defaultCollation()
	}
	return c.typ.Collation
}

// typeToAST renders a type as a parsed data type (for SELECT INTO's columns).
func typeToAST(t types.Type) *ast.DataType {
	dt := &ast.DataType{Name: t.ID.Name()}
	switch {
	case t.ID == types.XML || t.ID == types.Text || t.ID == types.NText || t.ID == types.Image:
		// Types without a length (2716 if one is written).
	case t.ID == types.Decimal || t.ID == types.Numeric:
		dt.Params, dt.Precision, dt.Scale = 2, int(t.Precision), int(t.Scale)
	case t.ID.IsString() || t.ID.IsBinary():
		dt.Params = 1
		if t.Length == types.MaxLength {
			dt.Max = true
		} else {
			dt.Length = t.Length
			if dt.Length == 0 {
				dt.Length = 1
			}
		}
	case t.ID == types.Time || t.ID == types.DateTime2 || t.ID == types.DateTimeOffset:
		dt.Params, dt.Scale = 1, int(t.Scale)
	}
	return dt
}
