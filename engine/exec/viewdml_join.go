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
// WITH CHECK OPTION: each row written must show through the view, its
// join and WHERE (joinCheck), else 550 and the statement changes nothing.

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
	kv, ok, err := s.keyedPlan(q, core, src.tr, src.qual, colNames, name, target)
	if !ok || err != nil {
		return nil, ok, err
	}
	if check {
		if err := s.joinCheck(core, jv, t); err != nil {
			return nil, true, err
		}
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

// joinCheck arms the CHECK OPTION of a view over several tables for the
// row builder of the statement's target, source t: every row written must
// show through the view, so the view's FROM, with t replaced by the one
// new row, under the view's WHERE must yield a row — the join as well as
// the WHERE decides (an order whose customer is not in the view's region,
// or that has no customer, is 550). The test is compiled against the new
// row (viewcheck.go) and reads the other tables as the statement sees
// them, after the row's SET, not the joined row it was found with. It
// works on a private parse of the view's text: the view's tree is the
// shared module cache's.
func (s *Session) joinCheck(core *ast.SelectCore, jv *joinView, t int) error {
	var b strings.Builder
	b.WriteString("EXISTS (SELECT 1 FROM ")
	for i, f := range core.From {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.SQL())
	}
	if core.Where != nil {
		b.WriteString(" WHERE ")
		b.WriteString(core.Where.SQL())
	}
	b.WriteString(")")
	e, err := tsql.ParseExpr(b.String())
	if err != nil {
		return err
	}
	ex, ok := e.(*ast.ExistsExpr)
	if !ok {
		return fmt.Errorf("view check: parsed %T", e)
	}
	q, ok := ex.Query.Body.(*ast.SelectCore)
	if !ok {
		return fmt.Errorf("view check: parsed %T", ex.Query.Body)
	}
	// The same walk as fromTables: the t-th table becomes the new row.
	n := 0
	var repl func(te ast.TableExpr) ast.TableExpr
	repl = func(te ast.TableExpr) ast.TableExpr {
		switch x := te.(type) {
		case *ast.TableName:
			n++
			if n-1 != t {
				return x
			}
			var items []*ast.SelectItem
			for _, c := range jv.srcs[t].tr.t.Columns {
				if c.Hidden {
					continue
				}
				items = append(items, &ast.SelectItem{
					Expr:  &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{{Name: checkNewQual}, {Name: c.Name}}}},
					Alias: &ast.Ident{Name: c.Name}})
			}
			return &ast.DerivedTable{Query: &ast.Query{Body: &ast.SelectCore{Items: items}}, Alias: &ast.Ident{Name: jv.srcs[t].qual}}
		case *ast.Join:
			x.Left, x.Right = repl(x.Left), repl(x.Right)
		case *ast.ParenTable:
			x.Table = repl(x.Table)
		}
		return te
	}
	for i := range q.From {
		q.From[i] = repl(q.From[i])
	}
	if n != len(jv.srcs) {
		return fmt.Errorf("view check: %d tables, want %d", n, len(jv.srcs))
	}
	s.pendingViewCheck = &viewCheck{where: e, alias: checkNewQual}
	return nil
}

// checkNewQual names the new row in a joinCheck test.
const checkNewQual = "\x00new"

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
	if s.hasCheckOption(c.With, c.Target) {
		if err := s.joinCheck(core, jv, t); err != nil {
			return nil, true, err
		}
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
	c.Target = &ast.TableName{Name: jv.srcs[t].name}
	return c, true, nil
}
