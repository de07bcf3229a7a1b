package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The columns of a view, as the catalog views list them
// (INFORMATION_SCHEMA.COLUMNS, sys.columns): the catalog keeps a view's
// definition only, so its columns are those of its query, bound now in the
// view's database — names (the view's column list first), types, and
// nullability as its result set reports them; a column that is a plain
// reference to a table column keeps that column's alias type and
// rowversion. A view that no longer binds (its table dropped) lists none,
// where SQL Server keeps the columns it had at creation.

// viewColumns returns view v's columns in database db, numbered from 1.
func (s *Session) viewColumns(db Database, v *catalog.View) []*catalog.Column {
	stmts, err := parseModuleShared(v.Text, v.ModuleSets) // module_sets.go
	if err != nil || len(stmts) == 0 {
		return nil
	}
	cv, ok := stmts[0].(*ast.CreateViewStmt)
	if !ok {
		return nil
	}
	prevDB, prevBatch := s.db, s.batch
	s.db, s.batch = db, newBatchState(nil, true)
	defer func() { s.db, s.batch = prevDB, prevBatch }()
	defer s.enterModule(db, v.Schema)() // perm.go: the view's ownership chain
	p, err := s.buildQuery(cv.Query, nil, nil)
	if err != nil {
		return nil
	}
	src := s.sources(cv.Query, len(p.cols)) // describe.go
	var out []*catalog.Column
	for i, c := range p.cols {
		if c.hidden {
			continue
		}
		col := &catalog.Column{ID: int32(len(out) + 1), Name: c.name, Type: c.typ, Nullable: !c.notNull}
		if i < len(cv.Columns) {
			col.Name = cv.Columns[i].Name
		}
		if sc := src[i]; sc != nil && sc.db == db.Name() {
			col.UserType, col.RowVersion = sc.c.UserType, sc.c.RowVersion
		}
		out = append(out, col)
	}
	return out
}
