package exec

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// DML triggers. CREATE TRIGGER stores the statement's text in the database
// catalog (logged and mirrored like any module). AFTER (or FOR) triggers
// fire once per INSERT, UPDATE, DELETE or MERGE statement, after its rows
// are written and inside its transaction, even when no row was affected.
// The body sees the statement's rows as the pseudo-tables inserted and
// deleted, runs in a scope of its own (like a procedure), and an error in it
// fails the triggering statement, whose writes are then undone.
//
// Nested triggers fire (up to the nesting limit of 32, error 217), also
// when the chain comes back to a trigger already running (indirect
// recursion); a trigger does not fire itself again through its own writes
// (direct recursion), as with the database option RECURSIVE_TRIGGERS OFF
// (the default). INSTEAD OF triggers, on
// tables and views, are in instead_of.go.

// createTrigger records a trigger on a table (or, INSTEAD OF, a view) of
// the current database.
func (s *Session) createTrigger(ctx context.Context, st *ast.CreateTriggerStmt) error {
	if st.Database {
		return s.createDDLTrigger(ctx, st) // ddl_trigger.go
	}
	objSchema, objName, kind, err := s.triggerObject(st)
	if err != nil {
		return err
	}
	name := &ast.Name{Span: st.Name.Span, Parts: append([]*ast.Ident(nil), st.Name.Parts...)}
	if len(name.Parts) == 1 {
		// A trigger lives in its table's schema.
		name.Parts = append([]*ast.Ident{{Name: objSchema}}, name.Parts...)
	}
	_, cat, schema, err := s.ddlTarget(ctx, name)
	if err != nil {
		return err
	}
	key := cat.Key(schema, st.Name.Last())
	existing := cat.Triggers[key]
	if err := checkModuleMode(cat, schema, st.Name.Last(), st.Mode, existing != nil); err != nil {
		return err
	}
	objKey := cat.Key(objSchema, objName)
	if st.InsteadOf {
		for _, ev := range st.Events {
			if m, err := s.insteadOfModule(cat, objKey, ev); err != nil {
				return err
			} else if m != nil && m != existing {
				verb := "CREATE"
				if existing != nil {
					verb = "ALTER"
				}
				return errInsteadOfExists.New(verb, st.Name.Last(), kind, nameText(st.Table), ev)
			}
		}
		if kind == "table" {
			if err := checkInsteadOfCascade(cat.Table(objSchema, objName), st, existing != nil); err != nil {
				return err // cascade_triggers.go
			}
		}
	}
	now := time.Now().UTC()
	m := &catalog.Module{Schema: schema, Name: st.Name.Last(), Type: "TR", Table: objKey,
		Text: s.moduleDefinition(st), Encrypted: encrypted(st.Options), ModuleSets: s.moduleSets(),
		Created: now, Modified: now} // module_source.go, module_sets.go
	if existing != nil {
		m.ID, m.Created = existing.ID, existing.Created
	} else {
		m.ID = cat.NewObjectID()
	}
	cat.Triggers[key] = m
	return nil
}

// triggerObject resolves the table, or for INSTEAD OF also the view, a
// trigger is created on (8197 for anything else, temporary tables included).
func (s *Session) triggerObject(st *ast.CreateTriggerStmt) (schema, name, kind string, err error) {
	bad := &Error{Number: 8197, Severity: 16, State: 4, Message: "The object '" + nameText(st.Table) + "' does not exist or is invalid for this operation."}
	tr, ok, err := s.resolveTable(st.Table)
	if err != nil {
		return "", "", "", err
	}
	if ok {
		if strings.HasPrefix(tr.t.Name, "#") {
			return "", "", "", bad
		}
		return tr.t.Schema, tr.t.Name, "table", nil
	}
	db, err := s.resolveDatabase(st.Table.Part(2))
	if err != nil {
		return "", "", "", err
	}
	schema = s.objectSchema(s.catalogFor(db), st.Table.Part(1), st.Table.Last()) // names.go
	v := s.catalogFor(db).View(schema, st.Table.Last())
	if v == nil || !st.InsteadOf {
		return "", "", "", bad // AFTER triggers are for tables only
	}
	return v.Schema, v.Name, "view", nil
}

// triggerSet collects a DML statement's rows for the triggers of its table.
type triggerSet struct {
	s    *Session
	tr   *tableRef
	stmt string // INSERT, UPDATE, DELETE or MERGE
	// instead: the set runs the INSTEAD OF trigger (instead_of.go), else
	// the AFTER triggers.
	instead bool
	mods    []*catalog.Module
	// inserted and deleted hold, per event, the new and old rows.
	inserted, deleted map[string][]Row
	// setCols are an UPDATE's SET columns (lower case), for UPDATE(col).
	setCols map[string]bool
	// events are a MERGE's trigger events: those of the actions its WHEN
	// clauses specify (mergeEvents).
	events []string
}

// setColumns records an UPDATE's SET columns — a MERGE's, those of all
// its UPDATE clauses — for UPDATE(column) in its triggers.
func (o *outputClause) setColumns(cols map[string]bool) {
	if o.trig != nil {
		o.trig.setCols = cols
	}
}

// triggersFor returns the collector for a statement on tr, or nil when the
// table has no trigger for it (the common case costs one map length check).
func (s *Session) triggersFor(tr *tableRef, stmt string) *triggerSet {
	cat := s.catalogFor(tr.db)
	if len(cat.Triggers) == 0 {
		return nil
	}
	mods := enabledTriggers(cat.TableTriggers(cat.Key(tr.t.Schema, tr.t.Name)))
	if len(mods) == 0 {
		return nil
	}
	return &triggerSet{s: s, tr: tr, stmt: stmt, mods: mods, inserted: map[string][]Row{}, deleted: map[string][]Row{}}
}

// enabledTriggers drops the disabled triggers of mods (trigger_state.go).
func enabledTriggers(mods []*catalog.Module) []*catalog.Module {
	out := mods[:0:0]
	for _, m := range mods {
		if !m.Disabled {
			out = append(out, m)
		}
	}
	return out
}

// collect records one written row: old is nil for an insert, new for a delete.
func (t *triggerSet) collect(old, new Row) {
	ev := t.stmt
	if ev == "MERGE" {
		switch {
		case old == nil:
			ev = "INSERT"
		case new == nil:
			ev = "DELETE"
		default:
			ev = "UPDATE"
		}
	}
	w := len(t.tr.t.Columns)
	if new != nil {
		t.inserted[ev] = append(t.inserted[ev], append(Row(nil), new[:min(len(new), w)]...))
	}
	if old != nil {
		t.deleted[ev] = append(t.deleted[ev], append(Row(nil), old[:min(len(old), w)]...))
	}
}

// fire runs the triggers for the statement's events, in creation order
// but for sp_settriggerorder's First and Last. A MERGE fires those of
// every action it specifies, whether or not that action took a row, as an
// UPDATE that matches no row fires its triggers once: "For every insert,
// update, or delete action specified in the MERGE statement, SQL Server
// fires any corresponding AFTER triggers defined on the target table"
// (MERGE, "Trigger implementation"). It fired only those of actions that
// took rows, so an audit or summary trigger missed the statement.
func (t *triggerSet) fire(ctx context.Context, out Output) error {
	events := []string{t.stmt}
	if t.stmt == "MERGE" {
		events = t.events
	}
	for _, ev := range events {
		for _, m := range orderTriggers(t.mods, ev) { // trigger_order.go: sp_settriggerorder
			if err := t.s.runTrigger(ctx, t, m, ev, out); err != nil {
				return err
			}
		}
	}
	return nil
}

// runTrigger runs one trigger for event ev if it is defined for it.
func (s *Session) runTrigger(ctx context.Context, t *triggerSet, m *catalog.Module, ev string, out Output) error {
	stmts, err := s.parseModule(m.Text, m.ModuleSets) // module_sets.go
	if err != nil {
		return err
	}
	def, ok := stmts[0].(*ast.CreateTriggerStmt)
	if !ok {
		return nil
	}
	fires := false
	for _, e := range def.Events {
		fires = fires || e == ev
	}
	ps := s.cursorState()
	if !fires || def.InsteadOf != t.instead || (t.instead && ps.firing[m.ID]) || (!s.recursiveTriggers(t.tr.db.Name()) && s.directTriggerRecursion(m)) {
		return nil
	}
	if s.depth() >= maxNesting { // perm.go
		return errNestingLimit
	}
	defer s.keepOptions()()
	s.runUnderSets(m.ModuleSets) // module_sets.go
	bs := s.callScope(newBatchState(nil, true))
	bs.text, bs.qiOff, bs.module = m.Text, m.QuotedIdentifierOff, true
	bs.objectID = m.ID // @@PROCID: OBJECT_NAME(@@PROCID) is the audit trigger's idiom
	ps.updated[bs] = func(col string) bool {
		return ev == "INSERT" || (ev == "UPDATE" && (t.setCols == nil || t.setCols[strings.ToLower(col)]))
	}
	bs.ctes = []map[string]*cteDef{{
		"inserted": pseudoTable(t.tr, "inserted", t.inserted[ev]),
		"deleted":  pseudoTable(t.tr, "deleted", t.deleted[ev]),
	}}
	defer s.enterModule(t.tr.db, t.tr.t.Schema, def.Options...)() // perm.go: ownership chain, WITH EXECUTE AS
	prevBatch, prevDB, prevProc, prevCount := s.batch, s.db, s.proc, s.rowcnt
	run := &dmlTriggerRun{insteadOf: def.InsteadOf, columns: func() []byte {
		names := make([]string, len(t.tr.t.Columns))
		for i, c := range t.tr.t.Columns {
			names[i] = c.Name
		}
		return columnsUpdatedMask(names, ps.updated[bs]) // trigger_funcs.go
	}}
	s.batch, s.db, s.proc = bs, t.tr.db, &procFrame{name: m.Name, schema: m.Schema, parent: s.proc, extra: s.dynLevels(), trigger: m, dml: run}
	// @@ROWCOUNT at the start of the body is the triggering statement's
	// count (IF @@ROWCOUNT = 0 RETURN is the usual first line).
	s.rowcnt = t.rowCount(ev)
	wasFiring := ps.firing[m.ID]
	ps.firing[m.ID] = true
	defer func() {
		s.batch, s.db, s.proc, s.rowcnt = prevBatch, prevDB, prevProc, prevCount
		if !wasFiring {
			delete(ps.firing, m.ID)
		}
		delete(ps.updated, bs)
	}()
	fr := &funcRun{out: out, trigger: true}
	// A #t the trigger creates is dropped when it ends (proctemp.go), in
	// the firing statement's transaction.
	bs.temps = &tempScope{temps: s.tempTableIDs()}
	implied := s.beginTriggerTran() // trigger_abort.go
	if _, err = s.runFuncList(ctx, def.Body, fr); err == nil && fr.doomed {
		err = errTriggerDoomed.New()
	} else if err != nil {
		_, raised := fr.last.(*ast.RaiserrorStmt)
		err = triggerAbort(err, raised) // trigger_abort.go
	}
	s.dropScopeTemps(ctx, bs.temps)
	return s.endTriggerTran(implied, err)
}

// rowCount is @@ROWCOUNT at the start of a trigger fired for event ev:
// the rows of the triggering statement. For the AFTER triggers of a MERGE
// that is every row it inserted, updated and deleted, in each of the
// triggers it fires — what @@ROWCOUNT after the MERGE says — so its INSERT
// trigger may see a count above the rows in inserted, or above 0 when it
// inserted none (SQL Server does so since 2008; a trigger should count
// its pseudo-tables instead).
func (t *triggerSet) rowCount(ev string) int64 {
	if t.stmt != "MERGE" || t.instead {
		return int64(max(len(t.inserted[ev]), len(t.deleted[ev])))
	}
	n := 0
	for _, e := range t.events {
		n += max(len(t.inserted[e]), len(t.deleted[e]))
	}
	return int64(n)
}

// mergeEvents are the trigger events of the actions st's WHEN clauses
// specify, each once, in the order INSERT, UPDATE, DELETE.
func mergeEvents(st *ast.MergeStmt) []string {
	var out []string
	for _, ev := range [...]string{"INSERT", "UPDATE", "DELETE"} {
		for _, w := range st.Whens {
			if mergeActionEvent[w.Action] == ev {
				out = append(out, ev)
				break
			}
		}
	}
	return out
}

// directTriggerRecursion reports whether the write about to fire AFTER
// trigger m was made by m itself (its body, or a procedure or function it
// called): the nearest trigger frame is m's. That is the direct recursion
// RECURSIVE_TRIGGERS OFF (the default) prevents; indirect recursion (m's
// write fires another trigger whose write fires m) is nesting, allowed up to
// 32 levels (217) as with SQL Server's default 'nested triggers' 1.
func (s *Session) directTriggerRecursion(m *catalog.Module) bool {
	for f := s.proc; f != nil; f = f.parent {
		if f.trigger != nil {
			return f.trigger.ID == m.ID && f.trigger.Table == m.Table
		}
	}
	return false
}

// recursiveTriggers reports the database option RECURSIVE_TRIGGERS of db
// (OFF by default): ON lets an AFTER trigger's write to its own table fire
// it again, up to the 32-level nesting limit (217).
func (s *Session) recursiveTriggers(db string) bool {
	e := s.srv.ServerCatalog().Database(db)
	return e != nil && strings.EqualFold(e.Options["RECURSIVE_TRIGGERS"], "ON")
}

// pseudoTable is inserted or deleted: the table's columns over rows.
func pseudoTable(tr *tableRef, name string, rows []Row) *cteDef {
	p := &plan{open: func(*evalCtx) (rowIter, error) { return &sliceIter{rows: rows}, nil }}
	for i, c := range tr.t.Columns {
		p.cols = append(p.cols, scopeCol{qual: name, name: c.Name, typ: c.Type, null: c.Nullable, idx: i})
	}
	return &cteDef{name: name, built: p}
}

// updatedPred compiles UPDATE(column), a condition of trigger bodies: true
// when the triggering INSERT wrote, or UPDATE set, the column. Outside a
// trigger it is not a function (195).
func (c *compiler) updatedPred(f *ast.FuncCall) (pred, error) {
	s := c.s
	updated := s.cursorState().updated[s.batch]
	if updated == nil {
		return nil, ErrUnknownFunction.New("UPDATE")
	}
	if len(f.Args) != 1 {
		return nil, ErrWrongArgCount.New("UPDATE", 1)
	}
	cr, ok := f.Args[0].(*ast.ColumnRef)
	if !ok {
		return nil, ErrWrongArgCount.New("UPDATE", 1)
	}
	col := cr.Name.Last()
	return func(*evalCtx, Row) (types.Bool3, error) {
		if updated(col) {
			return types.True, nil
		}
		return types.False, nil
	}, nil
}

// isUpdatedCall reports UPDATE(…), which pred hands to updatedPred.
func isUpdatedCall(e ast.Expr) (*ast.FuncCall, bool) {
	f, ok := e.(*ast.FuncCall)
	return f, ok && len(f.Name.Parts) == 1 && strings.EqualFold(f.Name.Last(), "UPDATE")
}
