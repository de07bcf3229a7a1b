package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Schema-bound and indexed views.
//
// CREATE VIEW … WITH SCHEMABINDING names its tables in two parts and lists
// its columns (no *), and while it exists its base tables cannot be
// dropped (3729; schemabind.go). CREATE INDEX on such a view takes SQL Server's rules
// and errors — the first index is a unique clustered one, later ones may
// be nonclustered — and checks the view's rows for duplicate keys (1505).
// The view's rows are still computed from its base tables when it is
// read, so every query's result is what SQL Server returns; the index
// shows in sys.indexes and sys.index_columns. Not done: a write to a base
// table that would duplicate the view's unique key is not refused (SQL
// Server's 2601).

var (
	errSchemaBindStar = &Error{Number: 1054, Severity: 15, State: 6, Message: "Syntax '*' is not allowed in schema-bound objects."}
)

func errSchemaBindName(kind, module, name string) error {
	return &Error{Number: 4512, Severity: 16, State: 3, Message: "Cannot schema bind " + kind + " '" + module + "' because name '" + name + "' is invalid for schema binding. Names must be in two-part format and an object cannot reference itself."}
}

// isSchemaBound reports WITH SCHEMABINDING among a view's options.
func isSchemaBound(st *ast.CreateViewStmt) bool {
	for _, o := range st.Options {
		if strings.EqualFold(o, "SCHEMABINDING") {
			return true
		}
	}
	return false
}

// checkSchemaBinding applies CREATE VIEW … WITH SCHEMABINDING's rules to
// the view's query.
func checkSchemaBinding(st *ast.CreateViewStmt) error {
	if !isSchemaBound(st) {
		return nil
	}
	return checkBindable("view", st.Name.Last(), st.Query)
}

// checkBindable applies SCHEMABINDING's rules to a view's query or a
// function's body: no SELECT * (1054) and objects in two-part names (4512).
// A CTE's or table variable's name is no object, and an EXISTS subquery's
// select list is never read, so its * is allowed.
func checkBindable(kind, module string, node ast.Node) error {
	ctes := map[string]bool{}
	existsCores := map[ast.Node]bool{}
	ast.Inspect(node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CTE:
			if n.Name != nil {
				ctes[strings.ToLower(n.Name.Name)] = true
			}
		case *ast.ExistsExpr:
			if n.Query != nil {
				existsCores[n.Query.Body] = true
			}
		}
		return true
	})
	var err error
	ast.Inspect(node, func(n ast.Node) bool {
		if err != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectCore:
			if existsCores[n] {
				return true
			}
			for _, it := range n.Items {
				if _, star := it.Expr.(*ast.Star); star {
					err = errSchemaBindStar
					return false
				}
			}
		case *ast.TableName:
			last := n.Name.Last()
			if len(n.Name.Parts) != 2 && !strings.HasPrefix(last, "@") &&
				!(len(n.Name.Parts) == 1 && ctes[strings.ToLower(last)]) {
				err = errSchemaBindName(kind, module, nameText(n.Name))
				return false
			}
		}
		return true
	})
	return err
}

// viewReferrer names a schema-bound view of cat that reads schema.table —
// an indexed one only when indexed — or "".
func (s *Session) viewReferrer(cat *catalog.Database, schema, table string, indexed bool) string {
	for _, v := range cat.Views {
		if indexed && len(v.Indexes) == 0 {
			continue
		}
		stmts, err := parseModuleShared(v.Text, v.ModuleSets) // module_sets.go
		if err != nil || len(stmts) == 0 {
			continue
		}
		cv, ok := stmts[0].(*ast.CreateViewStmt)
		if !ok || !isSchemaBound(cv) {
			continue
		}
		found := false
		ast.Inspect(cv.Query, func(n ast.Node) bool {
			if tn, ok := n.(*ast.TableName); ok && len(tn.Name.Parts) == 2 &&
				strings.EqualFold(tn.Name.Part(1), schema) && strings.EqualFold(tn.Name.Last(), table) {
				found = true
			}
			return !found
		})
		if found {
			return v.Name
		}
	}
	return ""
}

// createViewIndex runs CREATE INDEX when its target is a view; handled is
// false when it names none.
func (s *Session) createViewIndex(ctx context.Context, st *ast.CreateIndexStmt) (handled bool, err error) {
	if _, isTable, _ := s.resolveTable(st.Table); isTable {
		return false, nil
	}
	tn := &ast.TableName{Name: st.Table}
	cv, _, err := s.catalogView(tn)
	if err != nil || cv == nil {
		return false, err
	}
	db, err := s.resolveDatabase(st.Table.Part(2))
	if err != nil {
		return true, err
	}
	shown := nameText(st.Table)                                       // as written, as SQL Server names it
	if err := s.requireQuotedIdentifier("CREATE INDEX"); err != nil { // quoted_ident_required.go
		return true, err
	}
	if !isSchemaBound(cv) {
		return true, &Error{Number: 1939, Severity: 16, State: 1, Message: "Cannot create index on view '" + shown + "' because the view is not schema bound."}
	}
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return true, err
	}
	schema := s.objectSchema(cat, st.Table.Part(1), st.Table.Last()) // names.go
	v := cat.View(schema, st.Table.Last())
	if v == nil {
		return true, errCannotFind(st.Table)
	}
	for _, ix := range v.Indexes {
		if strings.EqualFold(ix.Name, st.Name.Name) {
			return true, &Error{Number: 1913, Severity: 16, State: 1, Message: "The operation failed because an index or statistics with name '" + st.Name.Name + "' already exists on view '" + schema + "." + v.Name + "'."}
		}
	}
	clustered := st.Cluster == ast.Clustered
	switch {
	case clustered && !st.Unique:
		return true, &Error{Number: 1941, Severity: 16, State: 1, Message: "Cannot create nonunique clustered index on view '" + shown + "' because only unique clustered indexes are allowed. Consider creating unique nonclustered index instead."}
	case clustered && len(v.Indexes) > 0:
		return true, &Error{Number: 1902, Severity: 16, State: 3, Message: "Cannot create more than one clustered index on view '" + schema + "." + v.Name + "'. Drop the existing clustered index '" + v.Indexes[0].Name + "' before creating another."}
	case !clustered && len(v.Indexes) == 0:
		return true, &Error{Number: 1940, Severity: 16, State: 1, Message: "Cannot create index on view '" + shown + "'. It does not have a unique clustered index."}
	case st.Where != nil:
		return true, &Error{Number: 10610, Severity: 16, State: 1, Message: "Filtered index '" + st.Name.Name + "' cannot be created on object '" + schema + "." + v.Name + "' because it is not a user table. Filtered indexes are only supported on tables. If you are trying to create a filtered index on a view, consider creating an indexed view with the filter expression incorporated in the view definition."}
	}
	p, err := s.buildQuery(cv.Query, nil, nil)
	if err != nil {
		return true, err
	}
	ix := &catalog.ViewIndex{Name: st.Name.Name, Unique: st.Unique, Clustered: clustered, IndexID: 1}
	if !clustered {
		ix.IndexID = v.Indexes[len(v.Indexes)-1].IndexID + 1
	}
	for _, oc := range st.Columns {
		cr, ok := oc.Expr.(*ast.ColumnRef)
		name := ""
		if ok {
			name = cr.Name.Last()
		}
		found := false
		for _, c := range p.cols {
			if c.name != "" && strings.EqualFold(c.name, name) {
				found, name = true, c.name
				break
			}
		}
		if !found {
			return true, &Error{Number: 1911, Severity: 16, State: 1, Message: "Column name '" + name + "' does not exist in the target table or view."}
		}
		ix.Columns, ix.Desc = append(ix.Columns, name), append(ix.Desc, oc.Desc)
	}
	if st.Unique {
		if err := s.checkViewKeyUnique(ctx, schema, v.Name, ix); err != nil {
			return true, err
		}
	}
	v.Indexes = append(v.Indexes, ix)
	return true, nil
}

// checkViewKeyUnique fails with 1505 when the view's rows repeat the key.
func (s *Session) checkViewKeyUnique(ctx context.Context, schema, view string, ix *catalog.ViewIndex) error {
	cols := make([]string, len(ix.Columns))
	for i, c := range ix.Columns {
		cols[i] = quoteIdent(c)
	}
	list := strings.Join(cols, ", ")
	text := "SELECT TOP (1) " + list + " FROM " + quoteIdent(schema) + "." + quoteIdent(view) + " GROUP BY " + list + " HAVING COUNT_BIG(*) > 1"
	stmts, err := tsql.ParseBatch(text)
	if err != nil {
		return err
	}
	rows, _, err := s.queryRows(ctx, stmts[0].(*ast.SelectStmt).Query)
	if err != nil || len(rows) == 0 {
		return err
	}
	vals := make([]string, len(rows[0]))
	for i, v := range rows[0] {
		if v.IsNull() {
			vals[i] = "<NULL>"
			continue
		}
		t, err := types.Convert(v, types.NVarCharType(types.MaxLength), 0)
		if err != nil {
			return err
		}
		vals[i] = t.Str()
	}
	return &Error{Number: 1505, Severity: 16, State: 1, Message: "The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name '" + schema + "." + view + "' and the index name '" + ix.Name + "'. The duplicate key value is (" + strings.Join(vals, ", ") + ")."}
}

// dropViewIndex runs DROP INDEX for an index of a view; handled is false
// when item's object is not a view with that index. Dropping the
// clustered index drops the others too, as SQL Server does.
func (s *Session) dropViewIndex(ctx context.Context, item *ast.DropIndexItem) (handled bool, err error) {
	cv, _, err := s.catalogView(&ast.TableName{Name: item.Table})
	if err != nil || cv == nil {
		return false, err
	}
	db, err := s.resolveDatabase(item.Table.Part(2))
	if err != nil {
		return false, nil
	}
	schema := s.objectSchema(s.catalogFor(db), item.Table.Part(1), item.Table.Last()) // names.go
	committed := s.catalogFor(db).View(schema, item.Table.Last())
	at := -1
	for i, ix := range committed.Indexes {
		if strings.EqualFold(ix.Name, item.Index.Name) {
			at = i
		}
	}
	if at < 0 {
		return false, nil
	}
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return true, err
	}
	v := cat.View(schema, item.Table.Last())
	if at == 0 {
		v.Indexes = nil
	} else {
		v.Indexes = append(v.Indexes[:at], v.Indexes[at+1:]...)
	}
	return true, nil
}

// viewIndexRows are sys.indexes' rows for the indexes of views.
func viewIndexRows(cat *catalog.Database) []Row {
	var out []Row
	for _, v := range cat.Views {
		for _, ix := range v.Indexes {
			typ, desc := uint8(2), "NONCLUSTERED"
			if ix.Clustered {
				typ, desc = 1, "CLUSTERED"
			}
			out = append(out, Row{i32(v.ID), str(ix.Name), i32(ix.IndexID), types.NewTinyInt(typ), str(desc), bit(ix.Unique),
				bit(false), bit(false), bit(false), bit(false), types.Null(types.NVarChar),
				i32(1), bit(false), types.NewTinyInt(0), bit(false), bit(false), bit(true), bit(true)})
		}
	}
	return out
}
