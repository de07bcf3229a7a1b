package exec

import (
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// INSERT, UPDATE and DELETE through an updatable view or a CTE name.
//
// SQL Server modifies a view (or CTE) whose rows come from exactly one base
// table: the statement is applied to that table, with the view's columns
// standing for the base columns they select and the view's WHERE limiting
// UPDATE and DELETE to the rows the view shows. This is done by rewriting
// the statement: the target becomes the base table, aliased with the
// view's name so qualified references still resolve; column references
// to the target are renamed to base columns; the view's WHERE is ANDed to
// the statement's. The statement is re-parsed from its text first, so the
// session's parse cache never sees the rewrite.
//
// Supported: a view or CTE defined as SELECT [col [AS alias] | *], … FROM
// one table [WHERE …], with no DISTINCT, TOP, GROUP BY, HAVING or set
// operation (a statement with its own FROM: viewdml_from.go). Anything else
// keeps the old behaviour (the target is not a table: 208). Writing a
// view column that is an expression is error 4406.

// viewBase is the single base table under a view or CTE.
type viewBase struct {
	name  string               // the view or CTE name (the base table's alias)
	shown string               // the target as written (messages)
	table *ast.Name            // the base table
	cols  map[string]string    // view column (lower case) → base column; "" for an expression
	exprs map[string]*viewExpr // view column (lower case) → its expression (viewdml_outexpr.go)
	order []string             // view columns in order (INSERT without a column list)
	where ast.Expr             // the view's WHERE, or nil
	// check, when checkSet, is the CHECK OPTION predicate of a view over
	// views (viewdml_nested.go), nil for none; otherwise where is checked
	// when the view has the option.
	check    ast.Expr
	checkSet bool
	// inFrom: the statement has its own FROM (viewdml_from.go), where a
	// bare name the view does not show may be another table's column.
	inFrom bool
	// others, when set, is the scope of the statement's other sources (its
	// FROM without the view, a MERGE's source), nil when they could not be
	// built; bindBare (viewdml_merge.go) decides bare names with it.
	others func() *scope
	// sess binds the names of subqueries (viewdml_subquery.go); nil leaves
	// subqueries as written.
	sess *Session
}

// viewDefinition finds the query behind a DML target that names a CTE of
// with or a user view; ok is false for anything else.
func (s *Session) viewDefinition(with *ast.WithClause, target ast.TableExpr) (q *ast.Query, cols []*ast.Ident, name string, ok bool, err error) {
	tn, isName := target.(*ast.TableName)
	if !isName {
		return nil, nil, "", false, nil
	}
	if with != nil && len(tn.Name.Parts) == 1 {
		for _, c := range with.CTEs {
			if strings.EqualFold(c.Name.Name, tn.Name.Last()) {
				return c.Query, c.Columns, c.Name.Name, true, nil
			}
		}
	}
	if len(tn.Name.Parts) == 1 && s.lookupCTE(tn.Name.Last()) != nil {
		return nil, nil, "", false, nil
	}
	if _, isTable, err := s.resolveTable(tn.Name); err != nil || isTable {
		return nil, nil, "", false, err
	}
	cv, name, err := s.catalogView(tn)
	if cv == nil || err != nil {
		return nil, nil, "", false, err
	}
	return cv.Query, cv.Columns, name, true, nil
}

// catalogView parses the user view tn names; nil when it names none.
func (s *Session) catalogView(tn *ast.TableName) (*ast.CreateViewStmt, string, error) {
	db, err := s.resolveDatabase(tn.Name.Part(2))
	if err != nil {
		return nil, "", nil
	}
	schema := s.objectSchema(s.catalogFor(db), tn.Name.Part(1), tn.Name.Last()) // names.go
	v := s.catalogFor(db).View(schema, tn.Name.Last())
	if v == nil {
		return nil, "", nil
	}
	stmts, err := parseModuleShared(v.Text, v.ModuleSets) // module_sets.go
	if err != nil || len(stmts) == 0 {
		return nil, "", err
	}
	cv, isView := stmts[0].(*ast.CreateViewStmt)
	if !isView {
		return nil, "", nil
	}
	return cv, v.Name, nil
}

// hasCheckOption reports a DML target that is a user view made WITH CHECK
// OPTION (a CTE never is).
func (s *Session) hasCheckOption(with *ast.WithClause, target ast.TableExpr) bool {
	tn, isName := target.(*ast.TableName)
	if !isName {
		return false
	}
	if len(tn.Name.Parts) == 1 && (s.lookupCTE(tn.Name.Last()) != nil || with != nil && withHasCTE(with, tn.Name.Last())) {
		return false
	}
	cv, _, _ := s.catalogView(tn)
	return cv != nil && cv.WithCheckOption
}

func withHasCTE(with *ast.WithClause, name string) bool {
	for _, c := range with.CTEs {
		if strings.EqualFold(c.Name.Name, name) {
			return true
		}
	}
	return false
}

// updatableBase analyses a view's query; ok is false when it is not a
// single-table SELECT this rewrite supports.
func (s *Session) updatableBase(q *ast.Query, colNames []*ast.Ident, name string) (*viewBase, bool, error) {
	core, isCore := q.Body.(*ast.SelectCore)
	if !isCore || q.With != nil || core.Distinct || core.Top != nil || len(core.GroupBy) > 0 || core.Having != nil || len(core.From) != 1 {
		return nil, false, nil
	}
	bt, isTable := core.From[0].(*ast.TableName)
	if !isTable {
		return nil, false, nil
	}
	tr, found, err := s.resolveTable(bt.Name)
	if err != nil {
		return nil, false, err
	}
	if !found {
		// A view over a view: nestedBase (viewdml_nested.go) goes on down.
		if cv, _, _ := s.catalogView(bt); cv == nil || bt.SystemTime != nil {
			return nil, false, nil
		}
		tr = nil
	}
	vb := &viewBase{name: name, table: bt.Name, cols: map[string]string{}, exprs: map[string]*viewExpr{}, sess: s}
	add := func(viewCol, baseCol string) {
		vb.cols[strings.ToLower(viewCol)] = baseCol
		vb.order = append(vb.order, viewCol)
	}
	for _, it := range core.Items {
		if it.Var != nil {
			return nil, false, nil
		}
		switch x := it.Expr.(type) {
		case *ast.Star:
			if tr == nil {
				return nil, false, nil // * over a view: not served
			}
			for _, c := range tr.t.Columns {
				add(c.Name, c.Name)
			}
		case *ast.ColumnRef:
			n := x.Name.Last()
			if it.Alias != nil {
				add(it.Alias.Name, n)
			} else {
				add(n, n)
			}
		default:
			name := ""
			switch {
			case it.Alias != nil:
				name = it.Alias.Name
			case len(colNames) > 0:
				// The view's column list names it (renamed below).
				name = "\x00expr" + strconv.Itoa(len(vb.order))
			default:
				return nil, false, nil
			}
			add(name, "")
			vb.exprs[strings.ToLower(name)] = newViewExpr(it.Expr) // viewdml_outexpr.go
		}
	}
	if len(colNames) > 0 {
		if len(colNames) != len(vb.order) {
			return nil, false, nil
		}
		renamed, exprs := map[string]string{}, map[string]*viewExpr{}
		for i, c := range colNames {
			renamed[strings.ToLower(c.Name)] = vb.cols[strings.ToLower(vb.order[i])]
			if e := vb.exprs[strings.ToLower(vb.order[i])]; e != nil {
				exprs[strings.ToLower(c.Name)] = e
			}
			vb.order[i] = c.Name
		}
		vb.cols, vb.exprs = renamed, exprs
	}
	qualifiers := []string{bt.Name.Last()}
	if bt.Alias != nil {
		qualifiers = []string{bt.Alias.Name}
	}
	if core.Where != nil {
		vb.where = core.Where
		requalify(vb.where, qualifiers, name)
	}
	return vb, true, nil
}

// requalify points the column references of x qualified with one of from
// at the qualifier to (the base table's new alias), outside subqueries.
func requalify(x ast.Node, from []string, to string) {
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Query:
			return false
		case *ast.ColumnRef:
			if len(n.Name.Parts) >= 2 {
				q := n.Name.Parts[len(n.Name.Parts)-2].Name
				for _, f := range from {
					if strings.EqualFold(q, f) {
						n.Name = &ast.Name{Span: n.Name.Span, Parts: []*ast.Ident{{Name: to}, n.Name.Parts[len(n.Name.Parts)-1]}}
						break
					}
				}
			}
		}
		return true
	})
}

// rename maps the column references of x that designate view columns
// (unqualified, or qualified with the view's name) to base columns; a
// reference to an expression column is error 4406 when write is set.
func (vb *viewBase) rename(x ast.Node) error {
	var err error
	ast.Inspect(x, func(n ast.Node) bool {
		if err != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.Query:
			if vb.sess != nil {
				err = vb.renameQuery(n, nil) // viewdml_subquery.go
			}
			return false
		case *ast.ColumnRef:
			parts := n.Name.Parts
			if len(parts) >= 2 && !strings.EqualFold(parts[len(parts)-2].Name, vb.name) {
				return true
			}
			if len(parts) == 1 && vb.others != nil {
				done, e := vb.bindBare(n) // viewdml_merge.go
				if e != nil || done {
					err = e
					return false
				}
			}
			base, known := vb.cols[strings.ToLower(n.Name.Last())]
			if !known {
				// A name the view does not show must not reach the base
				// table's other columns (DELETE v WHERE v.hidden = 1
				// deleted by a column the view hides): 207, as SQL Server.
				if len(parts) >= 2 || !vb.inFrom {
					err = ErrInvalidColumn.New(n.Name.Last())
					return false
				}
				return true
			}
			if base == "" {
				err = vb.errDerived()
				return false
			}
			last := *parts[len(parts)-1]
			last.Name = base
			n.Name = &ast.Name{Span: n.Name.Span, Parts: []*ast.Ident{{Name: vb.name}, &last}}
		}
		return true
	})
	return err
}

func (vb *viewBase) errDerived() error {
	return &Error{Number: 4406, Severity: 16, State: 1, Message: "Update or insert of view or function '" + vb.shown + "' failed because it contains a derived or constant field."}
}

// baseColumn maps a written view column to its base column.
func (vb *viewBase) baseColumn(id *ast.Ident) (*ast.Ident, error) {
	base, known := vb.cols[strings.ToLower(id.Name)]
	if !known {
		// Not the base table's answer: it may have a column the view hides.
		return nil, ErrInvalidColumn.New(id.Name)
	}
	if base == "" {
		return nil, vb.errDerived()
	}
	c := *id
	c.Name = base
	return &c, nil
}

func (vb *viewBase) target() *ast.TableName {
	return &ast.TableName{Name: vb.table, Alias: &ast.Ident{Name: vb.name}}
}

func (vb *viewBase) and(where ast.Expr) ast.Expr {
	switch {
	case vb.where == nil:
		return where
	case where == nil:
		return vb.where
	}
	return &ast.BinaryExpr{Op: ast.OpAnd, X: &ast.ParenExpr{X: where}, Y: &ast.ParenExpr{X: vb.where}}
}

// reparse returns a private copy of a statement, parsed from its text.
func reparse[T ast.Statement](st T) (T, bool) {
	var zero T
	text := st.SQL()
	if _, isMerge := any(st).(*ast.MergeStmt); isMerge {
		text += ";" // MERGE must end with one (10713); SQL() leaves it out
	}
	stmts, err := tsql.ParseBatch(text)
	if err != nil || len(stmts) != 1 {
		return zero, false
	}
	c, ok := stmts[0].(T)
	return c, ok
}

// viewUpdate rewrites an UPDATE through a view or CTE; ok is false when
// st's target is not one.
func (s *Session) viewUpdate(st *ast.UpdateStmt) (*ast.UpdateStmt, bool, error) {
	if len(st.From) > 0 {
		return s.viewUpdateFrom(st) // viewdml_from.go
	}
	q, cols, name, ok, err := s.viewDefinition(st.With, st.Target)
	if !ok || err != nil {
		return nil, false, err
	}
	c, ok := reparse(st)
	if !ok {
		return nil, false, nil
	}
	q, cols, name, _, _ = s.viewDefinition(c.With, c.Target)
	vb, ok, err := s.updatableBase(q, cols, name)
	if !ok || err != nil {
		return nil, false, err
	}
	if vb, ok, err = s.nestedBase(vb, s.hasCheckOption(st.With, st.Target)); !ok || err != nil {
		return nil, err != nil, err // viewdml_nested.go
	}
	vb.shown = c.Target.SQL()
	if err := vb.renameUpdate(c.Set, c.Where); err != nil {
		return nil, true, err
	}
	if err := vb.renameOutput(c.Output); err != nil { // viewdml_from.go
		return nil, true, err
	}
	s.noteViewCheck(vb, s.hasCheckOption(st.With, st.Target)) // viewcheck.go
	c.Target, c.Where = vb.target(), vb.and(c.Where)
	return c, true, nil
}

// renameUpdate maps an UPDATE's SET columns and the view columns its SET
// values and WHERE read to base columns (viewUpdate, viewUpdateFrom).
func (vb *viewBase) renameUpdate(sets []*ast.SetClause, where ast.Expr) error {
	for _, sc := range sets {
		if sc.Column != nil {
			id, err := vb.baseColumn(sc.Column.Parts[len(sc.Column.Parts)-1])
			if err != nil {
				return err
			}
			sc.Column = &ast.Name{Span: sc.Column.Span, Parts: []*ast.Ident{id}}
		}
		if err := vb.rename(sc.Value); err != nil {
			return err
		}
	}
	if where != nil {
		return vb.rename(where)
	}
	return nil
}

// viewDelete rewrites a DELETE through a view or CTE.
func (s *Session) viewDelete(st *ast.DeleteStmt) (*ast.DeleteStmt, bool, error) {
	if len(st.From) > 0 {
		return s.viewDeleteFrom(st) // viewdml_from.go
	}
	if _, _, _, ok, err := s.viewDefinition(st.With, st.Target); !ok || err != nil {
		return nil, false, err
	}
	c, ok := reparse(st)
	if !ok {
		return nil, false, nil
	}
	q, cols, name, _, _ := s.viewDefinition(c.With, c.Target)
	vb, ok, err := s.updatableBase(q, cols, name)
	if !ok || err != nil {
		return nil, false, err
	}
	if vb, ok, err = s.nestedBase(vb, false); !ok || err != nil {
		return nil, err != nil, err // viewdml_nested.go
	}
	vb.shown = c.Target.SQL()
	if c.Where != nil {
		if err := vb.rename(c.Where); err != nil {
			return nil, true, err
		}
	}
	if err := vb.renameOutput(c.Output); err != nil { // viewdml_from.go
		return nil, true, err
	}
	c.Target, c.Where = vb.target(), vb.and(c.Where)
	return c, true, nil
}

// viewInsert rewrites an INSERT through a view or CTE: the column list
// (the view's columns when omitted) is mapped to base columns.
func (s *Session) viewInsert(st *ast.InsertStmt) (*ast.InsertStmt, bool, error) {
	if _, _, _, ok, err := s.viewDefinition(st.With, st.Target); !ok || err != nil {
		return nil, false, err
	}
	c, ok := reparse(st)
	if !ok {
		return nil, false, nil
	}
	q, cols, name, _, _ := s.viewDefinition(c.With, c.Target)
	if err := notUpdatable(q, c.Target.SQL(), c.With != nil && withHasCTE(c.With, name)); err != nil {
		return nil, true, err // viewdml_join.go
	}
	if core, isCore := q.Body.(*ast.SelectCore); isCore && core.Top != nil && q.With == nil {
		// TOP limits the rows the view shows, not what may be inserted.
		if s.hasCheckOption(st.With, st.Target) {
			return nil, true, errTopCheckOption(c.Target.SQL()) // viewdml_keyed.go
		}
		nc := *core
		nc.Top = nil
		q = &ast.Query{Body: &nc}
	}
	vb, ok, err := s.updatableBase(q, cols, name)
	if err != nil {
		return nil, false, err
	}
	if !ok {
		return s.joinInsert(c, q, cols) // viewdml_join.go
	}
	if vb, ok, err = s.nestedBase(vb, s.hasCheckOption(st.With, st.Target)); !ok || err != nil {
		return nil, err != nil, err // viewdml_nested.go
	}
	vb.shown = c.Target.SQL()
	list := c.Columns
	if len(list) == 0 {
		for _, n := range vb.order {
			list = append(list, &ast.Ident{Name: n})
		}
	}
	mapped := make([]*ast.Ident, len(list))
	for i, id := range list {
		if mapped[i], err = vb.baseColumn(id); err != nil {
			return nil, true, err
		}
	}
	c.Columns = mapped
	if err := vb.renameOutput(c.Output); err != nil { // viewdml_from.go
		return nil, true, err
	}
	c.Target = &ast.TableName{Name: vb.table}
	s.noteViewCheck(vb, s.hasCheckOption(st.With, st.Target)) // viewcheck.go
	return c, true, nil
}
