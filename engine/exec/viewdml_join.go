package exec

import (
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// INSERT, UPDATE and DELETE through a view over several tables (CREATE
// VIEW's "Updatable Views"): the statement may modify the columns of one
// base table only. An UPDATE runs on the keyed path (viewdml_keyed.go)
// with the view's join as its source and the one table its SET columns
// belong to as the target, so each base row the view shows is updated
// once however many view rows show it; an INSERT becomes an INSERT into
// that table; a DELETE, which would remove rows of every table, is 4405,
// as is a SET or column list spanning two tables. A view column that is
// an expression is 4406. Views that aggregate, are DISTINCT or GROUP BY
// are 4403 (4418 for a CTE, which SQL Server reports as a derived table).
//
// WITH CHECK OPTION on the keyed path: the view's WHERE is compiled with
// its references to the target table reading the new base row and the
// others reading the joined row (extra hidden columns of the source), so
// an UPDATE that takes a row out of the view is 550 before anything is
// written. An INSERT's new row must join the other tables' rows as the
// view does (noteJoinInsertCheck).

// joinCol is one column of a view over joins: the FROM source and base
// column it selects; src is -1 for an expression.
type joinCol struct {
	name string
	src  int
	base string
}

// joinSrc is one table of a view's FROM under the name the view uses.
type joinSrc struct {
	qual string
	tr   *tableRef
	name *ast.Name
}

type joinView struct {
	shown string
	srcs  []joinSrc
	cols  []joinCol
}

func errViewMultiple(shown string) error {
	return &Error{Number: 4405, Severity: 16, State: 1, Message: "View or function '" + shown + "' is not updatable because the modification affects multiple base tables."}
}

// notUpdatable is SQL Server's error for a view or CTE whose query no
// modification can go through; nil when the shape may be updatable.
func notUpdatable(q *ast.Query, shown string, isCTE bool) error {
	switch b := q.Body.(type) {
	case *ast.SelectCore:
		agg := map[string]*ast.FuncCall{}
		var order []string
		exprs := make([]ast.Expr, 0, len(b.Items))
		for _, it := range b.Items {
			exprs = append(exprs, it.Expr)
		}
		collectAggregates(exprs, agg, &order)
		if b.Distinct || len(b.GroupBy) > 0 || b.Having != nil || len(agg) > 0 {
			if isCTE {
				return &Error{Number: 4418, Severity: 16, State: 1, Message: "Derived table '" + shown + "' is not updatable because it contains aggregates, or a DISTINCT or GROUP BY clause, or PIVOT or UNPIVOT operator."}
			}
			return &Error{Number: 4403, Severity: 16, State: 1, Message: "Cannot update the view or function '" + shown + "' because it contains aggregates, or a DISTINCT or GROUP BY clause, or PIVOT or UNPIVOT operator."}
		}
	case *ast.SetOp:
		switch {
		case isCTE:
			return &Error{Number: 4417, Severity: 16, State: 1, Message: "Derived table '" + shown + "' is not updatable because the definition contains a UNION operator."}
		case b.Op == ast.Union:
			return &Error{Number: 4426, Severity: 16, State: 1, Message: "View '" + shown + "' is not updatable because the definition contains a UNION operator."}
		case b.Op != ast.UnionAll:
			return &Error{Number: 4447, Severity: 16, State: 1, Message: "View '" + shown + "' is not updatable because the definition contains a set operator."}
		}
	}
	return nil
}

// fromTables lists the tables of a FROM made of tables and joins only;
// ok is false for anything else (a derived table, a function, a view).
func (s *Session) fromTables(from []ast.TableExpr) ([]joinSrc, bool, error) {
	var out []joinSrc
	var walk func(t ast.TableExpr) (bool, error)
	walk = func(t ast.TableExpr) (bool, error) {
		switch x := t.(type) {
		case *ast.TableName:
			if x.SystemTime != nil {
				return false, nil
			}
			tr, found, err := s.resolveTable(x.Name)
			if err != nil || !found {
				return false, err
			}
			q := x.Name.Last()
			if x.Alias != nil {
				q = x.Alias.Name
			}
			out = append(out, joinSrc{qual: q, tr: tr, name: x.Name})
			return true, nil
		case *ast.Join:
			if x.Kind == ast.CrossApply || x.Kind == ast.OuterApply {
				return false, nil
			}
			if ok, err := walk(x.Left); !ok || err != nil {
				return ok, err
			}
			return walk(x.Right)
		case *ast.ParenTable:
			return walk(x.Table)
		}
		return false, nil
	}
	for _, t := range from {
		if ok, err := walk(t); !ok || err != nil {
			return nil, false, err
		}
	}
	return out, true, nil
}

// analyseJoinView maps the columns of a view over several tables to the
// tables they come from; ok is false when the FROM has one table or is
// not made of tables and joins.
func (s *Session) analyseJoinView(core *ast.SelectCore, colNames []*ast.Ident, shown string) (*joinView, bool, error) {
	srcs, ok, err := s.fromTables(core.From)
	if !ok || err != nil || len(srcs) < 2 {
		return nil, false, err
	}
	jv := &joinView{shown: shown, srcs: srcs}
	bySrc := func(q string) int {
		for i, sr := range srcs {
			if strings.EqualFold(sr.qual, q) {
				return i
			}
		}
		return -1
	}
	for _, it := range core.Items {
		if it.Var != nil {
			return nil, false, nil
		}
		switch x := it.Expr.(type) {
		case *ast.Star:
			for i, sr := range srcs {
				if x.Qualifier != nil && !strings.EqualFold(x.Qualifier.Last(), sr.qual) {
					continue
				}
				for _, c := range sr.tr.t.Columns {
					if !c.Hidden {
						jv.cols = append(jv.cols, joinCol{name: c.Name, src: i, base: c.Name})
					}
				}
			}
			continue
		case *ast.ColumnRef:
			jc := joinCol{name: x.Name.Last(), src: -1}
			if len(x.Name.Parts) >= 2 {
				if i := bySrc(x.Name.Part(1)); i >= 0 {
					if _, c := srcs[i].tr.t.Column(x.Name.Last()); c != nil {
						jc.src, jc.base = i, c.Name
					}
				}
			} else {
				for i, sr := range srcs {
					if _, c := sr.tr.t.Column(x.Name.Last()); c != nil {
						if jc.src >= 0 {
							return nil, false, nil // ambiguous: the view would not compile
						}
						jc.src, jc.base = i, c.Name
					}
				}
			}
			if it.Alias != nil {
				jc.name = it.Alias.Name
			}
			jv.cols = append(jv.cols, jc)
		default:
			if it.Alias == nil {
				return nil, false, nil
			}
			jv.cols = append(jv.cols, joinCol{name: it.Alias.Name, src: -1})
		}
	}
	if len(colNames) > 0 {
		if len(colNames) != len(jv.cols) {
			return nil, false, nil
		}
		for i, c := range colNames {
			jv.cols[i].name = c.Name
		}
	}
	return jv, true, nil
}

// column finds a view column by name; nil for an unknown one.
func (jv *joinView) column(name string) *joinCol {
	for i := range jv.cols {
		if strings.EqualFold(jv.cols[i].name, name) {
			return &jv.cols[i]
		}
	}
	return nil
}

// targetOf is the one table the written view columns belong to: 4406 for
// an expression column, 4405 for columns of two tables; -1 when no known
// column is written.
func (jv *joinView) targetOf(names []string) (int, error) {
	t := -1
	for _, n := range names {
		c := jv.column(n)
		if c == nil {
			continue // the base table reports 207
		}
		if c.src < 0 {
			return -1, &Error{Number: 4406, Severity: 16, State: 1, Message: "Update or insert of view or function '" + jv.shown + "' failed because it contains a derived or constant field."}
		}
		if t >= 0 && t != c.src {
			return -1, errViewMultiple(jv.shown)
		}
		t = c.src
	}
	return t, nil
}

// joinKeyed prepares the keyed path for an UPDATE (set non-nil) or DELETE
// through a view over several tables; ok is false when the view is not
// one.
func (s *Session) joinKeyed(q *ast.Query, core *ast.SelectCore, colNames []*ast.Ident, name string, target ast.TableExpr, set []*ast.SetClause, del bool, check bool) (*keyedView, bool, error) {
	jv, ok, err := s.analyseJoinView(core, colNames, target.SQL())
	if !ok || err != nil {
		return nil, false, err
	}
	if del {
		return nil, true, errViewMultiple(jv.shown)
	}
	var names []string
	for _, sc := range set {
		if sc.Column != nil {
			names = append(names, sc.Column.Last())
		}
	}
	t, err := jv.targetOf(names)
	if err != nil {
		return nil, true, err
	}
	if t < 0 {
		t = 0
	}
	src := jv.srcs[t]
	var chk *keyedCheck
	if check && core.Where != nil {
		if chk, err = jv.checkFor(core.Where, t); err != nil {
			return nil, true, err
		}
	}
	kv, ok, err := s.keyedPlan(q, core, src.tr, src.qual, colNames, name, target, chk)
	if !ok || err != nil {
		return nil, ok, err
	}
	kv.cols = map[string]string{}
	for _, c := range jv.cols {
		base := ""
		if c.src == t {
			base = c.base
		}
		kv.cols[strings.ToLower(c.name)] = base
	}
	return kv, true, nil
}

// keyedCheck is a CHECK OPTION prepared for the keyed path: where reads
// the target's new row as newQual.col and each other column the view's
// WHERE reads as a hidden item of the source.
type keyedCheck struct {
	where ast.Expr
	items []*ast.SelectItem
}

const (
	checkNewQual = "\x00new"
	checkSrcQual = "\x00w"
)

// checkFor rewrites the view's WHERE for the keyed CHECK OPTION with
// source t as the target. It works on a private parse of the text: the
// view's tree is the shared module cache's.
func (jv *joinView) checkFor(where ast.Expr, t int) (*keyedCheck, error) {
	w, err := tsql.ParseExpr(where.SQL())
	if err != nil {
		return nil, err
	}
	chk := &keyedCheck{where: w}
	ast.Inspect(w, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Query:
			return false
		case *ast.ColumnRef:
			if jv.refersTo(n.Name, t) {
				n.Name = &ast.Name{Span: n.Name.Span, Parts: []*ast.Ident{{Name: checkNewQual}, {Name: n.Name.Last()}}}
				return true
			}
			alias := fmt.Sprintf("\x00w%d", len(chk.items))
			chk.items = append(chk.items, &ast.SelectItem{Expr: &ast.ColumnRef{Name: n.Name}, Alias: &ast.Ident{Name: alias}})
			n.Name = &ast.Name{Span: n.Name.Span, Parts: []*ast.Ident{{Name: checkSrcQual}, {Name: alias}}}
		}
		return true
	})
	return chk, nil
}

// refersTo reports a column reference of the view's query that reads
// source t.
func (jv *joinView) refersTo(n *ast.Name, t int) bool {
	if _, c := jv.srcs[t].tr.t.Column(n.Last()); c == nil {
		return false
	}
	if len(n.Parts) >= 2 {
		return strings.EqualFold(n.Part(1), jv.srcs[t].qual)
	}
	for i, sr := range jv.srcs {
		if i == t {
			continue
		}
		if _, c := sr.tr.t.Column(n.Last()); c != nil {
			return false
		}
	}
	return true
}

// compileKeyedCheck compiles chk against the row the update loop checks:
// the new base row, then the source row.
func (s *Session) compileKeyedCheck(kv *keyedView, chk *keyedCheck) error {
	src := kv.src.sc.cols
	sc := &scope{}
	first := kv.off + len(kv.tr.t.Columns) + 1
	n := len(kv.tr.t.Columns)
	for i, c := range kv.tr.t.Columns {
		sc.cols = append(sc.cols, scopeCol{qual: checkNewQual, name: c.Name, typ: c.Type, null: c.Nullable, idx: i})
	}
	for j := range chk.items {
		c := src[first+j]
		sc.cols = append(sc.cols, scopeCol{qual: checkSrcQual, name: fmt.Sprintf("\x00w%d", j), typ: c.typ, null: c.null, idx: n + first + j})
	}
	p, err := (&compiler{s: s, sc: sc}).pred(chk.where)
	if err != nil {
		return err
	}
	kv.check = p
	return nil
}

// checkRow applies kv's CHECK OPTION to a new base row nrow of the
// source row full (550 when the row would leave the view).
func (kv *keyedView) checkRow(ec *evalCtx, full, nrow Row) error {
	if kv == nil || kv.check == nil {
		return nil
	}
	n := len(kv.tr.t.Columns)
	row := make(Row, 0, n+len(full))
	row = append(append(row, nrow[:n]...), full...)
	b, err := kv.check(ec, row)
	if err != nil {
		return err
	}
	if !b.IsTrue() {
		return errViewCheckOption
	}
	return nil
}

// joinInsert rewrites an INSERT through a view over several tables into an
// INSERT into the one table its columns belong to; ok is false when the
// view is not one.
func (s *Session) joinInsert(c *ast.InsertStmt, q *ast.Query, colNames []*ast.Ident) (*ast.InsertStmt, bool, error) {
	core, isCore := q.Body.(*ast.SelectCore)
	if !isCore {
		return nil, false, nil
	}
	jv, ok, err := s.analyseJoinView(core, colNames, c.Target.SQL())
	if !ok || err != nil {
		return nil, false, err
	}
	var names []string
	if len(c.Columns) == 0 {
		for _, jc := range jv.cols {
			names = append(names, jc.name)
		}
	} else {
		for _, id := range c.Columns {
			names = append(names, id.Name)
		}
	}
	t, err := jv.targetOf(names)
	if err != nil {
		return nil, true, err
	}
	if t < 0 {
		t = 0
	}
	mapped := make([]*ast.Ident, len(names))
	for i, n := range names {
		id := &ast.Ident{Name: n}
		if i < len(c.Columns) {
			cp := *c.Columns[i]
			id = &cp
		}
		if jc := jv.column(n); jc != nil {
			id.Name = jc.base
		}
		mapped[i] = id
	}
	c.Columns = mapped
	if core.Where != nil && s.hasCheckOption(c.With, c.Target) {
		if err := s.noteJoinInsertCheck(core, jv.srcs[t].qual); err != nil {
			return nil, true, err
		}
	}
	c.Target = &ast.TableName{Name: jv.srcs[t].name}
	return c, true, nil
}

// noteJoinInsertCheck arms the CHECK OPTION of an INSERT through a view
// over inner joins (viewcheck.go): a new row qualifies when the view would
// show it, i.e. when the other tables hold rows meeting the joins' ON
// conditions and the view's WHERE with it — an EXISTS over them whose
// references to the target (qual) read the new row. Outer joins keep no
// check.
func (s *Session) noteJoinInsertCheck(core *ast.SelectCore, qual string) error {
	var others []string
	conds := []string{"(" + core.Where.SQL() + ")"}
	inner := true
	var walk func(t ast.TableExpr)
	walk = func(t ast.TableExpr) {
		switch x := t.(type) {
		case *ast.TableName:
			q := x.Name.Last()
			if x.Alias != nil {
				q = x.Alias.Name
			}
			if !strings.EqualFold(q, qual) {
				others = append(others, x.Name.SQL()+" AS "+quoteIdent(q))
			}
		case *ast.Join:
			if x.Kind != ast.InnerJoin && x.Kind != ast.CrossJoin {
				inner = false
			}
			walk(x.Left)
			walk(x.Right)
			if x.On != nil {
				conds = append(conds, "("+x.On.SQL()+")")
			}
		case *ast.ParenTable:
			walk(x.Table)
		}
	}
	for _, t := range core.From {
		walk(t)
	}
	if !inner || len(others) == 0 {
		return nil
	}
	e, err := tsql.ParseExpr("EXISTS (SELECT 1 FROM " + strings.Join(others, ", ") + " WHERE " + strings.Join(conds, " AND ") + ")")
	if err != nil {
		return err
	}
	s.pendingViewCheck = &viewCheck{where: e, alias: qual}
	return nil
}
