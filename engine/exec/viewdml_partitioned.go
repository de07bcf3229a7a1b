package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// INSERT, UPDATE and DELETE through a partitioned view (CREATE VIEW's
// "Partitioned Views" and "Conditions for Modifying Data in Partitioned
// Views"): a view that is a UNION ALL of SELECTs, each of every column of
// one member table, where one view column is each member's primary key
// column with a CHECK constraint on it alone that says which values the
// member holds. An INSERT routes each row to the member whose CHECK takes
// its partitioning value (4457 when none does); an UPDATE and a DELETE run
// on every member, the view's columns renamed to the member's; an UPDATE
// of the partitioning column deletes the rows it changes and routes the
// new rows as an INSERT, as SQL Server does, so a row may move to another
// member. A view that does not qualify is refused with SQL Server's
// errors (4436, 4438, 4440, 4442, 4443, 4416); a statement outside the
// documented restrictions too (4448, 4449, 4433, 489, 417).

// pvMember is one member table of a partitioned view.
type pvMember struct {
	tr   *tableRef
	name *ast.Name                                // as the view names it
	cols []string                                 // view column i → base column
	part func(ec *evalCtx, row Row) (bool, error) // its CHECKs on the partitioning column, over a table row
	rb   *rowBuilder
}

type partView struct {
	shown   string // db.schema.view, as SQL Server names it in these errors
	name    string // the view's name (the members' alias in rewrites)
	cols    []string
	partCol int
	members []*pvMember
}

func pvError(num int32, state uint8, msg string) error {
	return &Error{Number: num, Severity: 16, State: state, Message: msg}
}

func bracketed(tr *tableRef) string {
	return "[" + tr.db.Name() + "].[" + tr.t.Schema + "].[" + tr.t.Name + "]"
}

// partitionedView analyses a DML target that is a user view made of UNION
// ALL; ok is false for any other target.
func (s *Session) partitionedView(with *ast.WithClause, target ast.TableExpr) (*partView, bool, error) {
	tn, isName := target.(*ast.TableName)
	if !isName {
		return nil, false, nil
	}
	if len(tn.Name.Parts) == 1 && (s.lookupCTE(tn.Name.Last()) != nil || with != nil && withHasCTE(with, tn.Name.Last())) {
		return nil, false, nil
	}
	if _, isTable, err := s.resolveTable(tn.Name); err != nil || isTable {
		return nil, false, err
	}
	cv, name, err := s.catalogView(tn)
	if cv == nil || err != nil {
		return nil, false, err
	}
	op, isSet := cv.Query.Body.(*ast.SetOp)
	if !isSet || op.Op != ast.UnionAll {
		return nil, false, nil
	}
	schema := s.objectSchema(s.catalogFor(s.db), tn.Name.Part(1), tn.Name.Last()) // names.go
	dbName := s.db.Name()
	if d := tn.Name.Part(2); d != "" {
		dbName = d
	}
	pv := &partView{shown: dbName + "." + schema + "." + name, name: name, partCol: -1}
	var cores []*ast.SelectCore
	var flatten func(q ast.QueryExpr) bool
	flatten = func(q ast.QueryExpr) bool {
		switch x := q.(type) {
		case *ast.SetOp:
			return x.Op == ast.UnionAll && flatten(x.Left) && flatten(x.Right)
		case *ast.ParenQuery:
			return x.Query.With == nil && len(x.Query.OrderBy) == 0 && flatten(x.Query.Body)
		case *ast.SelectCore:
			cores = append(cores, x)
			return true
		}
		return false
	}
	disallowed := pvError(4416, 1, "UNION ALL view '"+pv.shown+"' is not updatable because the definition contains a disallowed construct.")
	if !flatten(op) {
		return nil, true, disallowed
	}
	seen := map[string]bool{}
	for k, core := range cores {
		if core.Where != nil {
			return nil, true, pvError(4426, 1, "View '"+target.SQL()+"' is not updatable because the definition contains a UNION operator.")
		}
		if core.Distinct || core.Top != nil || len(core.GroupBy) > 0 || core.Having != nil || len(core.From) != 1 {
			return nil, true, disallowed
		}
		bt, isTable := core.From[0].(*ast.TableName)
		if !isTable {
			return nil, true, disallowed
		}
		tr, found, err := s.resolveTable(bt.Name)
		if err != nil || !found {
			return nil, false, err
		}
		key := strings.ToLower(tr.db.Name() + "." + tr.t.Schema + "." + tr.t.Name)
		if seen[key] {
			return nil, true, pvError(4442, 1, "UNION ALL view '"+pv.shown+"' is not updatable because base table '"+bracketed(tr)+"' is used multiple times.")
		}
		seen[key] = true
		m := &pvMember{tr: tr, name: bt.Name}
		var names []string
		used := map[string]bool{}
		for _, it := range core.Items {
			switch x := it.Expr.(type) {
			case *ast.Star:
				for _, c := range tr.t.Columns {
					if !c.Hidden {
						m.cols = append(m.cols, c.Name)
						names = append(names, c.Name)
					}
				}
				continue
			case *ast.ColumnRef:
				_, c := tr.t.Column(x.Name.Last())
				if c == nil {
					return nil, false, nil
				}
				if used[strings.ToLower(c.Name)] {
					return nil, true, pvError(4443, 1, "UNION ALL view '"+pv.shown+"' is not updatable because column '"+c.Name+"' of base table '"+bracketed(tr)+"' is used multiple times.")
				}
				used[strings.ToLower(c.Name)] = true
				m.cols = append(m.cols, c.Name)
				n := c.Name
				if it.Alias != nil {
					n = it.Alias.Name
				}
				names = append(names, n)
			default:
				return nil, true, &Error{Number: 4406, Severity: 16, State: 1, Message: "Update or insert of view or function '" + target.SQL() + "' failed because it contains a derived or constant field."}
			}
		}
		if k == 0 {
			pv.cols = names
			if len(cv.Columns) == len(names) {
				for i, c := range cv.Columns {
					pv.cols[i] = c.Name
				}
			}
		} else if len(m.cols) != len(pv.cols) {
			return nil, false, nil // the view does not compile
		}
		pv.members = append(pv.members, m)
	}
	for _, m := range pv.members {
		if m.tr.t.PrimaryKey() == nil {
			return nil, true, pvError(4440, 1, "UNION ALL view '"+pv.shown+"' is not updatable because a primary key was not found on table '"+bracketed(m.tr)+"'.")
		}
	}
	for i := range pv.cols {
		if s.partitionsOn(pv, i) {
			pv.partCol = i
			break
		}
	}
	if pv.partCol < 0 {
		return nil, true, pvError(4436, 12, "UNION ALL view '"+pv.shown+"' is not updatable because a partitioning column was not found.")
	}
	for _, m := range pv.members {
		visible := 0
		for _, c := range m.tr.t.Columns {
			if !c.Hidden {
				visible++
			}
		}
		if len(m.cols) < visible {
			return nil, true, pvError(4438, 1, "Partitioned view '"+pv.shown+"' is not updatable because it does not deliver all columns from its member tables.")
		}
	}
	return pv, true, s.compilePartChecks(pv)
}

// memberChecks are the enabled CHECK constraints of m that read only base
// column col.
func memberChecks(m *pvMember, col string) []ast.Expr {
	var out []ast.Expr
	for _, ck := range m.tr.t.Checks {
		if ck.Disabled {
			continue
		}
		e, err := tsql.ParseExpr(ck.Expr)
		if err != nil {
			continue
		}
		only, seen := true, false
		ast.Inspect(e, func(n ast.Node) bool {
			if c, ok := n.(*ast.ColumnRef); ok {
				seen = true
				if !strings.EqualFold(c.Name.Last(), col) {
					only = false
				}
			}
			return true
		})
		if only && seen {
			out = append(out, e)
		}
	}
	return out
}

// partitionsOn reports view column i as the partitioning column: in every
// member a primary key column with a CHECK on it alone.
func (s *Session) partitionsOn(pv *partView, i int) bool {
	ranges := make([][]pvRange, len(pv.members))
	judged := true
	for k, m := range pv.members {
		col := m.cols[i]
		inKey := false
		for _, ic := range m.tr.t.PrimaryKey().Columns {
			if strings.EqualFold(m.tr.t.Columns[ic.Column].Name, col) {
				inKey = true
			}
		}
		checks := memberChecks(m, col)
		if !inKey || len(checks) == 0 {
			return false
		}
		_, c := m.tr.t.Column(col)
		if r, ok := s.pvRanges(checks, col, c.Type); ok && judged {
			ranges[k] = r
		} else {
			judged = false
		}
	}
	if judged { // viewdml_partitioned_ranges.go: the members' ranges must not overlap
		for a := range ranges {
			for b := a + 1; b < len(ranges); b++ {
				_, c := pv.members[a].tr.t.Column(pv.members[a].cols[i])
				if pvOverlap(ranges[a], ranges[b], c.Type) {
					return false
				}
			}
		}
	}
	return true
}

// compilePartChecks compiles each member's partitioning CHECKs into one
// predicate over a row of its table.
func (s *Session) compilePartChecks(pv *partView) error {
	for _, m := range pv.members {
		c := &compiler{s: s, sc: tableScope(m.tr, "", nil)}
		var preds []pred
		for _, e := range memberChecks(m, m.cols[pv.partCol]) {
			p, err := c.pred(e)
			if err != nil {
				return err
			}
			preds = append(preds, p)
		}
		m.part = func(ec *evalCtx, row Row) (bool, error) {
			for _, p := range preds {
				b, err := p(ec, row)
				if err != nil || !b.IsTrue() {
					return false, err
				}
			}
			return true, nil
		}
	}
	return nil
}
