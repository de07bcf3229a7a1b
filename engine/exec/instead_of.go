package exec

import (
	"context"
	"io"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// INSTEAD OF triggers, on tables and views.
//
// An INSERT, UPDATE or DELETE whose target has an INSTEAD OF trigger for
// its event does not write: it works out the rows it would have written
// (inserted: the new rows, deleted: the old ones, both in the target's
// columns) and runs the trigger on them instead, in the statement's
// transaction. The statement's AFTER triggers do not fire (nothing was
// written by it); the trigger's own writes fire the AFTER triggers of what
// they write. A statement the trigger runs against its own target does not
// fire it again but writes the table (or the view's base table) directly,
// as SQL Server documents. A view with an INSTEAD OF trigger takes the
// event even when it is not updatable (a join, an aggregate): the trigger
// decides what it means.
//
// Rules checked at CREATE TRIGGER (createTrigger): one INSTEAD OF trigger
// per event and object (2111); a view takes only INSTEAD OF triggers
// (8197). Not supported: OUTPUT on a statement an INSTEAD OF trigger
// takes, INSERT … EXEC into one, and MERGE into a view with one (MERGE
// into a table with them: merge_instead_of.go).

var errInsteadOfExists = errorKind{2111, 16, 1, "Cannot %s trigger '%s' on %s '%s' because an INSTEAD OF %s trigger already exists on this object.", AbortStatement}

// insteadOf finds the INSTEAD OF trigger for event on a DML target that is
// not already running, with a collector shaped like the target's rows; nil
// when there is none (the statement then runs as usual).
func (s *Session) insteadOf(with *ast.WithClause, target ast.TableExpr, from []ast.TableExpr, event string) (*triggerSet, error) {
	tn, ok := target.(*ast.TableName)
	if !ok {
		return nil, nil
	}
	if len(tn.Name.Parts) == 1 {
		if a := aliasedTable(from, tn.Name.Last()); a != nil {
			tn = a // UPDATE t … FROM dbo.x AS t
		}
	}
	if len(tn.Name.Parts) == 1 {
		if s.lookupCTE(tn.Name.Last()) != nil {
			return nil, nil
		}
		if with != nil {
			for _, c := range with.CTEs {
				if strings.EqualFold(c.Name.Name, tn.Name.Last()) {
					return nil, nil
				}
			}
		}
	}
	db, err := s.resolveDatabase(tn.Name.Part(2))
	if err != nil {
		return nil, nil // the statement reports it
	}
	cat := s.catalogFor(db)
	if len(cat.Triggers) == 0 {
		return nil, nil
	}
	tr, isTable, err := s.resolveTable(tn.Name)
	if err != nil {
		return nil, nil
	}
	var key string
	var view *catalog.View
	if isTable {
		key = tr.cat.Key(tr.t.Schema, tr.t.Name)
	} else {
		schema := s.objectSchema(cat, tn.Name.Part(1), tn.Name.Last()) // names.go
		if view = cat.View(schema, tn.Name.Last()); view == nil {
			return nil, nil
		}
		key = cat.Key(view.Schema, view.Name)
	}
	m, err := s.insteadOfModule(cat, key, event)
	if m == nil || err != nil {
		return nil, err
	}
	if view != nil {
		// The pseudo-tables of a view trigger have the view's columns.
		p, _, err := s.userView(tn.Name, nil)
		if err != nil {
			return nil, err
		}
		t := &catalog.Table{Schema: view.Schema, Name: view.Name}
		for i, c := range p.cols {
			t.Columns = append(t.Columns, &catalog.Column{ID: int32(i + 1), Name: c.name, Type: c.typ, Nullable: true})
		}
		tr = &tableRef{db: db, cat: cat, t: t}
	}
	return &triggerSet{s: s, tr: tr, stmt: event, mods: []*catalog.Module{m}, instead: true,
		inserted: map[string][]Row{}, deleted: map[string][]Row{}}, nil
}

// insteadOfModule is the INSTEAD OF trigger for event on the object with
// key, unless it is the one running now.
func (s *Session) insteadOfModule(cat *catalog.Database, key, event string) (*catalog.Module, error) {
	for _, m := range cat.TableTriggers(key) {
		def, err := s.triggerDef(m)
		if err != nil {
			return nil, err
		}
		if def == nil || !def.InsteadOf || !hasEvent(def, event) || m.Disabled {
			continue
		}
		if s.cursorState().firing[m.ID] {
			return nil, nil
		}
		return m, nil
	}
	return nil, nil
}

// triggerDef parses a trigger's stored CREATE TRIGGER (nil if it is not one).
func (s *Session) triggerDef(m *catalog.Module) (*ast.CreateTriggerStmt, error) {
	stmts, err := s.parseModule(m.Text, m.ModuleSets)
	if err != nil || len(stmts) == 0 {
		return nil, err
	}
	def, _ := stmts[0].(*ast.CreateTriggerStmt)
	return def, nil
}

func hasEvent(def *ast.CreateTriggerStmt, event string) bool {
	for _, e := range def.Events {
		if e == event {
			return true
		}
	}
	return false
}

// queryRows runs q and returns its rows.
func (s *Session) queryRows(ctx context.Context, q *ast.Query) ([]Row, *plan, error) {
	p, err := s.buildQuery(q, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	it, err := p.open(newEvalCtx(ctx, s))
	if err != nil {
		return nil, nil, err
	}
	defer it.Close()
	var rows []Row
	for {
		r, err := it.Next()
		if err == io.EOF {
			return rows, p, nil
		}
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, append(Row(nil), r...))
	}
}

// startInsteadOf finds the INSTEAD OF trigger of a statement's target and
// brings its CTEs into scope. A nil ts means the statement is not taken by a
// trigger when err is nil, and is taken but failed when err is set
// (unsupported, named by what, when the statement has it: 40508's text).
// The caller defers pop when ts is not nil.
func (s *Session) startInsteadOf(with *ast.WithClause, target ast.TableExpr, from []ast.TableExpr, event string, unsupported bool, what string) (ts *triggerSet, pop func(), err error) {
	ts, err = s.insteadOf(with, target, from, event)
	if ts == nil || err != nil {
		return nil, nil, err
	}
	if unsupported {
		return nil, nil, ErrNotSupported.New(what + " that an INSTEAD OF trigger takes")
	}
	pop = func() {}
	if with != nil {
		if pop, err = s.pushCTEs(with, nil); err != nil {
			return nil, nil, err
		}
	}
	return ts, pop, nil
}

// insteadOfInsert runs an INSERT's INSTEAD OF trigger; done is false when
// the target has none.
func (s *Session) insteadOfInsert(ctx context.Context, st *ast.InsertStmt, out Output) (done bool, err error) {
	ts, pop, err := s.startInsteadOf(st.With, st.Target, nil, "INSERT", st.Output != nil || st.Exec != nil, "OUTPUT or EXEC in an INSERT")
	if ts == nil {
		return err != nil, err
	}
	defer pop()
	t := ts.tr.t
	var cols []int
	if len(st.Columns) == 0 {
		for i, c := range t.Columns {
			if !c.Identity && c.Computed == "" {
				cols = append(cols, i)
			}
		}
	} else {
		for _, id := range st.Columns {
			i, c := t.Column(id.Name)
			if c == nil {
				return true, ErrInvalidColumn.New(id.Name)
			}
			cols = append(cols, i)
		}
	}
	var src []Row
	switch {
	case st.DefaultValues:
		src, cols = []Row{{}}, nil
	case st.Values != nil:
		// DEFAULT is NULL here: the trigger decides what to write.
		rows := make([][]ast.Expr, len(st.Values))
		for i, r := range st.Values {
			if len(r) != len(cols) {
				if len(r) > len(cols) {
					return true, ErrInsertValueCount.New()
				}
				return true, ErrInsertColumnCount.New()
			}
			rows[i] = make([]ast.Expr, len(r))
			for j, e := range r {
				if _, ok := e.(*ast.DefaultExpr); ok {
					e = &ast.NullLit{}
				}
				rows[i][j] = e
			}
		}
		core := &ast.SelectCore{Items: []*ast.SelectItem{{Expr: &ast.Star{}}},
			From: []ast.TableExpr{&ast.ValuesTable{Rows: rows, Alias: &ast.Ident{Name: "v"}, Columns: valueNames(len(cols))}}}
		if src, _, err = s.queryRows(ctx, &ast.Query{Body: core}); err != nil {
			return true, err
		}
	default:
		var p *plan
		if src, p, err = s.queryRows(ctx, st.Query); err != nil {
			return true, err
		}
		if len(p.cols) != len(cols) {
			if len(p.cols) > len(cols) {
				return true, ErrInsertValueCount.New()
			}
			return true, ErrInsertColumnCount.New()
		}
	}
	rows := make([]Row, len(src))
	for i, r := range src {
		row := make(Row, len(t.Columns))
		for j, c := range cols {
			if row[c], err = convertTo(r[j], t.Columns[c].Type); err != nil {
				return true, err
			}
		}
		rows[i] = row
	}
	ts.inserted["INSERT"] = rows
	if err := ts.fire(ctx, out); err != nil {
		return true, err
	}
	return true, s.done(out, CmdInsert, int64(len(rows)), true)
}

func valueNames(n int) []*ast.Ident {
	ids := make([]*ast.Ident, n)
	for i := range ids {
		ids[i] = &ast.Ident{Name: "c" + itoa(i+1)}
	}
	return ids
}

// targetRows runs SELECT <target columns>, <extra> FROM … WHERE … for an
// UPDATE or DELETE that an INSTEAD OF trigger takes: the rows the
// statement would change.
func (s *Session) targetRows(ctx context.Context, ts *triggerSet, target ast.TableExpr, from []ast.TableExpr, where ast.Expr, top *ast.Top, extra []ast.Expr) ([]Row, error) {
	tn := target.(*ast.TableName)
	qual := tn.Name.Last()
	core := &ast.SelectCore{Top: top, Where: where, From: from}
	if len(core.From) == 0 {
		core.From = []ast.TableExpr{target}
	}
	for _, c := range ts.tr.t.Columns {
		ref := &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{{Name: qual}, {Name: c.Name}}}}
		core.Items = append(core.Items, &ast.SelectItem{Expr: ref})
	}
	for _, e := range extra {
		core.Items = append(core.Items, &ast.SelectItem{Expr: e})
	}
	rows, _, err := s.queryRows(ctx, &ast.Query{Body: core})
	return rows, err
}

var assignBinary = map[ast.AssignOp]ast.BinaryOp{
	ast.AssignAdd: ast.OpAdd, ast.AssignSub: ast.OpSub, ast.AssignMul: ast.OpMul, ast.AssignDiv: ast.OpDiv,
	ast.AssignMod: ast.OpMod, ast.AssignBitAnd: ast.OpBitAnd, ast.AssignBitOr: ast.OpBitOr, ast.AssignBitXor: ast.OpBitXor,
}

// insteadOfUpdate runs an UPDATE's INSTEAD OF trigger; done is false when
// the target has none.
func (s *Session) insteadOfUpdate(ctx context.Context, st *ast.UpdateStmt, out Output) (done bool, err error) {
	ts, pop, err := s.startInsteadOf(st.With, st.Target, st.From, "UPDATE", st.Output != nil, "OUTPUT in an UPDATE")
	if ts == nil {
		return err != nil, err
	}
	defer pop()
	t := ts.tr.t
	qual := st.Target.(*ast.TableName).Name.Last()
	// New values: the SET expression of each assigned column, in column order.
	set := map[int]ast.Expr{}
	ts.setCols = map[string]bool{}
	for _, sc := range st.Set {
		if sc.Column == nil {
			continue // @v = expr: nothing to write
		}
		i, c := t.Column(sc.Column.Last())
		if c == nil {
			return true, ErrInvalidColumn.New(sc.Column.Last())
		}
		v := sc.Value
		if op, ok := assignBinary[sc.Op]; ok {
			cur := &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{{Name: qual}, {Name: c.Name}}}}
			v = &ast.BinaryExpr{Op: op, X: cur, Y: &ast.ParenExpr{X: v}}
		}
		set[i] = v
		ts.setCols[strings.ToLower(c.Name)] = true
	}
	idx := make([]int, 0, len(set))
	var extra []ast.Expr
	for i := range t.Columns {
		if e, ok := set[i]; ok {
			idx = append(idx, i)
			extra = append(extra, e)
		}
	}
	rows, err := s.targetRows(ctx, ts, st.Target, st.From, st.Where, st.Top, extra)
	if err != nil {
		return true, err
	}
	w := len(t.Columns)
	for _, r := range rows {
		old := r[:w:w]
		nw := append(Row(nil), old...)
		for k, i := range idx {
			if nw[i], err = convertTo(r[w+k], t.Columns[i].Type); err != nil {
				return true, err
			}
		}
		ts.deleted["UPDATE"] = append(ts.deleted["UPDATE"], old)
		ts.inserted["UPDATE"] = append(ts.inserted["UPDATE"], nw)
	}
	if err := ts.fire(ctx, out); err != nil {
		return true, err
	}
	return true, s.done(out, CmdUpdate, int64(len(rows)), true)
}

// insteadOfDelete runs a DELETE's INSTEAD OF trigger; done is false when
// the target has none.
func (s *Session) insteadOfDelete(ctx context.Context, st *ast.DeleteStmt, out Output) (done bool, err error) {
	ts, pop, err := s.startInsteadOf(st.With, st.Target, st.From, "DELETE", st.Output != nil, "OUTPUT in a DELETE")
	if ts == nil {
		return err != nil, err
	}
	defer pop()
	rows, err := s.targetRows(ctx, ts, st.Target, st.From, st.Where, st.Top, nil)
	if err != nil {
		return true, err
	}
	ts.deleted["DELETE"] = rows
	if err := ts.fire(ctx, out); err != nil {
		return true, err
	}
	return true, s.done(out, CmdDelete, int64(len(rows)), true)
}

// dropObjectTriggers removes the triggers of a dropped table or view, as
// SQL Server does.
func dropObjectTriggers(cat *catalog.Database, key string) {
	for k, m := range cat.Triggers {
		if m.Table == key {
			delete(cat.Triggers, k)
		}
	}
}

// retargetTriggers keeps a renamed table's triggers on it.
func retargetTriggers(cat *catalog.Database, from, to string) {
	for k, m := range cat.Triggers {
		if m.Table == from {
			c := *m // modules may be shared with the committed catalog
			c.Table = to
			cat.Triggers[k] = &c
		}
	}
}

// triggerParent is the object id of a trigger's table or view.
func triggerParent(cat *catalog.Database, m *catalog.Module) int32 {
	if t := cat.Tables[m.Table]; t != nil {
		return t.ID
	}
	if v := cat.Views[m.Table]; v != nil {
		return v.ID
	}
	return 0
}

// aliasedTable finds the table source of from whose alias is name.
func aliasedTable(from []ast.TableExpr, name string) *ast.TableName {
	for _, te := range from {
		switch t := te.(type) {
		case *ast.TableName:
			if t.Alias != nil && strings.EqualFold(t.Alias.Name, name) {
				return t
			}
		case *ast.Join:
			if a := aliasedTable([]ast.TableExpr{t.Left, t.Right}, name); a != nil {
				return a
			}
		case *ast.ParenTable:
			if a := aliasedTable([]ast.TableExpr{t.Table}, name); a != nil {
				return a
			}
		}
	}
	return nil
}
