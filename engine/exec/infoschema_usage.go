package exec

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// INFORMATION_SCHEMA.VIEW_TABLE_USAGE, VIEW_COLUMN_USAGE and
// ROUTINE_COLUMNS, which schema-compare tools and ORMs read to order views
// by what they depend on and to learn a table-valued function's result.
//
// SQL Server fills the usage views from the dependencies it recorded when
// the view was created (sys.sql_dependencies): every table or view the
// view's query names in its own database, and every column of those it
// references anywhere in the query (select list, joins, WHERE, GROUP BY,
// subqueries; all of them for a *). The catalog here keeps only a view's
// definition, so the dependencies are read from it now: each column
// reference is resolved against the FROM of the SELECT it is in, then the
// enclosing ones, as the binder resolves it. A view that names a table
// since dropped lists the tables that remain.
func init() {
	usageCols := []vcol{{"VIEW_CATALOG", vName}, {"VIEW_SCHEMA", vName}, {"VIEW_NAME", vName},
		{"TABLE_CATALOG", vName}, {"TABLE_SCHEMA", vName}, {"TABLE_NAME", vName}}
	systemViews["information_schema.view_table_usage"] = &virtualTable{
		cols: usageCols,
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, v := range sortedViews(s.catalogFor(db)) { // infoschema_columns.go
				u := s.viewUsage(db, v)
				for _, t := range u.tables {
					out = append(out, Row{str(db.Name()), str(v.Schema), str(v.Name), str(db.Name()), str(t.schema), str(t.name)})
				}
			}
			return out, nil
		},
	}
	systemViews["information_schema.view_column_usage"] = &virtualTable{
		cols: append(usageCols[:6:6], vcol{"COLUMN_NAME", vName}),
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			for _, v := range sortedViews(s.catalogFor(db)) {
				u := s.viewUsage(db, v)
				for _, t := range u.tables {
					for _, c := range t.cols {
						if t.used[strings.ToLower(c)] {
							out = append(out, Row{str(db.Name()), str(v.Schema), str(v.Name), str(db.Name()), str(t.schema), str(t.name), str(c)})
						}
					}
				}
			}
			return out, nil
		},
	}
	// One row per result column of each table-valued function, inline or
	// multi-statement, in INFORMATION_SCHEMA.COLUMNS' 23 columns.
	systemViews["information_schema.routine_columns"] = &virtualTable{
		cols: infoSchemaColumnsCols,
		rows: func(s *Session, db Database) ([]Row, error) {
			var out []Row
			cat := s.catalogFor(db)
			for _, m := range sortedModules(cat.Functions) {
				if m.Type != "IF" && m.Type != "TF" {
					continue
				}
				for _, c := range s.functionColumns(db, m) {
					out = append(out, infoSchemaColumnRow(db.Name(), cat, m.Schema, m.Name, c))
				}
			}
			return out, nil
		},
	}
	for _, v := range []string{"information_schema.view_table_usage", "information_schema.view_column_usage", "information_schema.routine_columns"} {
		filteredViews[v] = visibilityKey{id: -1, parent: -1, schema: 1, name: 2} // perm_visible.go
	}
}

// sortedModules lists modules by schema and name.
func sortedModules(ms map[string]*catalog.Module) []*catalog.Module {
	return slices.SortedFunc(maps.Values(ms), func(a, b *catalog.Module) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Schema), strings.ToLower(b.Schema)), cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)))
	})
}

// functionColumns returns the result columns of table-valued function m
// in db, numbered from 1: a multi-statement function's RETURNS table, an
// inline one's query bound now (nil when it no longer binds).
func (s *Session) functionColumns(db Database, m *catalog.Module) []*catalog.Column {
	stmts, err := parseModuleShared(m.Text, m.ModuleSets) // module_sets.go
	if err != nil || len(stmts) == 0 {
		return nil
	}
	def, ok := stmts[0].(*ast.CreateFunctionStmt)
	if !ok {
		return nil
	}
	fn := &userFunc{mod: m, def: def, db: db}
	var out []*catalog.Column
	switch {
	case def.ReturnTable != nil:
		tr, err := s.tableVarShape(fn) // udf.go
		if err != nil {
			return nil
		}
		for _, c := range tr.t.Columns {
			if !c.Hidden {
				col := *c
				col.ID = int32(len(out) + 1)
				out = append(out, &col)
			}
		}
	case def.Query != nil:
		defer s.enterModule(db, m.Schema)() // perm.go: the function's ownership chain
		p, _, err := s.inlinePlan(fn)
		if err != nil {
			return nil
		}
		for _, c := range p.cols {
			if !c.hidden {
				out = append(out, &catalog.Column{ID: int32(len(out) + 1), Name: c.name, Type: c.typ, Nullable: !c.notNull})
			}
		}
	}
	return out
}

// usedObject is a table or view a view's query names, with the columns it
// has (in column order) and those the query uses (lower case).
type usedObject struct {
	schema, name string
	cols         []string
	used         map[string]bool
}

// scopeEntry is one FROM reference in scope: its alias (or name) and what
// it names.
type scopeEntry struct {
	alias string
	obj   *usedObject
}

// viewDeps collects the dependencies of one view.
type viewDeps struct {
	s      *Session
	db     Database
	cat    *catalog.Database
	schema string // the view's schema, where a one-part name is looked up first
	tables []*usedObject
	byKey  map[string]*usedObject
	ctes   map[string]bool
}

// viewUsage returns the tables and views view v of db depends on, in the
// order its query first names them.
func (s *Session) viewUsage(db Database, v *catalog.View) *viewDeps {
	d := &viewDeps{s: s, db: db, cat: s.catalogFor(db), schema: v.Schema, byKey: map[string]*usedObject{}, ctes: map[string]bool{}}
	stmts, err := parseModuleShared(v.Text, v.ModuleSets)
	if err != nil || len(stmts) == 0 {
		return d
	}
	if cv, ok := stmts[0].(*ast.CreateViewStmt); ok {
		d.query(cv.Query, nil)
	}
	return d
}

// query walks q with the FROM references of the enclosing SELECTs in outer.
func (d *viewDeps) query(q *ast.Query, outer []scopeEntry) {
	if q == nil {
		return
	}
	if q.With != nil {
		for _, c := range q.With.CTEs {
			d.ctes[strings.ToLower(c.Name.Name)] = true
			d.query(c.Query, outer)
		}
	}
	var orderBy []ast.Node
	for _, o := range q.OrderBy {
		orderBy = append(orderBy, o)
	}
	d.body(q.Body, outer, orderBy)
}

func (d *viewDeps) body(b ast.QueryExpr, outer []scopeEntry, orderBy []ast.Node) {
	switch b := b.(type) {
	case *ast.SelectCore:
		d.core(b, outer, orderBy)
	case *ast.SetOp:
		d.body(b.Left, outer, nil)
		d.body(b.Right, outer, nil)
	case *ast.ParenQuery:
		d.query(b.Query, outer)
	}
}

// core resolves the column references of one SELECT: its own FROM first,
// then the enclosing SELECTs'; subqueries and derived tables are walked
// with this SELECT's references in scope.
func (d *viewDeps) core(c *ast.SelectCore, outer []scopeEntry, extra []ast.Node) {
	var local []scopeEntry
	for _, f := range c.From {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.TableName:
				if o := d.object(n.Name); o != nil {
					alias := n.Name.Last()
					if n.Alias != nil {
						alias = n.Alias.Name
					}
					local = append(local, scopeEntry{alias, o})
				}
				return false
			case *ast.Query:
				return false
			}
			return true
		})
	}
	scope := append(local, outer...)
	visit := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Query:
			d.query(n, scope)
			return false
		case *ast.TableName:
			return false
		case *ast.Star:
			for _, e := range local {
				if n.Qualifier == nil || strings.EqualFold(n.Qualifier.Last(), e.alias) {
					for _, col := range e.obj.cols {
						e.obj.used[strings.ToLower(col)] = true
					}
				}
			}
		case *ast.ColumnRef:
			d.column(n.Name, scope)
		}
		return true
	}
	ast.Inspect(c, visit)
	for _, n := range extra {
		ast.Inspect(n, visit)
	}
}

// column marks the column a reference names, qualified by an alias or
// table name or not, as the first reference in scope that has it.
func (d *viewDeps) column(n *ast.Name, scope []scopeEntry) {
	col, qual := strings.ToLower(n.Last()), n.Part(1)
	for _, e := range scope {
		if qual != "" && !strings.EqualFold(qual, e.alias) {
			continue
		}
		for _, c := range e.obj.cols {
			if strings.ToLower(c) == col {
				e.obj.used[col] = true
				return
			}
		}
		if qual != "" {
			return
		}
	}
}

// object is the table or view of db that a FROM name names, recorded as a
// dependency the first time; nil for a CTE, another database's object or
// a name nothing has.
func (d *viewDeps) object(n *ast.Name) *usedObject {
	if len(n.Parts) > 3 || n.Part(2) != "" && !strings.EqualFold(n.Part(2), d.db.Name()) || strings.HasPrefix(n.Last(), "#") {
		return nil
	}
	schemas := []string{n.Part(1)}
	if n.Part(1) == "" {
		if d.ctes[strings.ToLower(n.Last())] {
			return nil
		}
		schemas = []string{d.schema, "dbo"}
	}
	for _, schema := range schemas {
		key := d.cat.Key(schema, n.Last())
		if o := d.byKey[key]; o != nil {
			return o
		}
		var o *usedObject
		if t := d.cat.Tables[key]; t != nil {
			o = &usedObject{schema: t.Schema, name: t.Name}
			for _, c := range t.Columns {
				if !c.Hidden {
					o.cols = append(o.cols, c.Name)
				}
			}
		} else if v := d.cat.Views[key]; v != nil {
			o = &usedObject{schema: v.Schema, name: v.Name}
			for _, c := range d.s.viewColumns(d.db, v) { // view_columns.go
				o.cols = append(o.cols, c.Name)
			}
		}
		if o != nil {
			o.used = map[string]bool{}
			d.byKey[key] = o
			d.tables = append(d.tables, o)
			return o
		}
	}
	return nil
}
