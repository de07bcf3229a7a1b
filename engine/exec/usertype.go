package exec

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// User-defined types (CREATE TYPE … FROM, CREATE TYPE … AS TABLE). They are
// catalog objects of the database (catalog/usertypes.go): created and dropped
// by DDL, so they are logged, persisted and reach the mirror with the
// catalog. An alias type stands for its base type wherever a data type is
// written (DECLARE, parameters, columns); a table type is the shape of table
// variables and of READONLY table-valued parameters.

// User-defined type errors, with SQL Server's numbers and texts.
var (
	errTypeExists     = errorKind{219, 16, 1, "The type '%s' already exists, or you do not have permission to create it.", AbortStatement}
	errTypeNotFound   = errorKind{218, 16, 1, "Could not find the type '%s'. Either it does not exist or you do not have the necessary permission.", AbortStatement}
	errTypeInUse      = errorKind{3732, 16, 1, "Cannot drop type '%s' because it is being referenced by object '%s'. There may be other objects that reference this type.", AbortStatement}
	errTVPNotReadOnly = errorKind{352, 15, 1, "The table-valued parameter \"%s\" must be declared with the READONLY option.", AbortBatch}
	errTVPReadOnly    = errorKind{10700, 16, 1, "The table-valued parameter \"%s\" is READONLY and cannot be modified.", AbortStatement}
	errTableTypeCol   = errorKind{350, 16, 1, "The column \"%s\" does not have a valid data type. A column cannot be of a user-defined table type.", AbortStatement}
	errTVPClash       = errorKind{206, 16, 2, "Operand type clash: %s is incompatible with %s", AbortStatement}
	// errTypeUnknown is a data type that is neither a system type nor a user
	// type of the database (the column number is not tracked: always #1).
	errTypeUnknown = errorKind{2715, 16, 3, "Column, parameter, or variable #1: Cannot find data type %s.", AbortStatement}
)

// TableArg is the value of a table-valued argument (a TVP from the wire, or a
// table variable passed to EXEC): rows in the table type's column order.
// Given[i] false marks a column whose values the client left out (TVP
// fDefault columns: identity and defaulted columns), filled as by INSERT.
// TypeName is the type the client named, for error texts.
type TableArg struct {
	TypeName string
	Rows     []Row
	Given    []bool
}

// userTypeStmt runs CREATE TYPE; handled is false for other statements.
func (s *Session) userTypeStmt(ctx context.Context, st ast.Statement) (handled bool, err error) {
	ct, ok := st.(*ast.CreateTypeStmt)
	if !ok {
		return false, nil
	}
	return true, s.createType(ctx, ct)
}

func (s *Session) createType(ctx context.Context, st *ast.CreateTypeStmt) error {
	_, cat, schema, err := s.ddlTarget(ctx, st.Name)
	if err != nil {
		return err
	}
	name := st.Name.Last()
	if cat.UserType(schema, name) != nil || (st.Name.Part(1) == "" && isSystemTypeName(name)) {
		return errTypeExists.New(name)
	}
	ut := &catalog.UserType{ID: cat.NewUserTypeID(), Schema: schema, Name: name, Created: time.Now().UTC()}
	if st.Table != nil {
		// Build the shape once now, so a definition that cannot make a table
		// (bad types, duplicate columns, constraints on missing columns) fails
		// at CREATE TYPE as in SQL Server, not at every later use.
		scratch := newTableVariableStore()
		if _, err := s.tableFromDef(scratch.Catalog().Clone(), scratch, st.Table, "dbo", "@"+name); err != nil {
			return err
		}
		ut.Text, ut.ObjectID = st.SQL(), cat.NewObjectID()
	} else {
		if _, err := declType(st.Base); err != nil { // an alias of an alias is not allowed either
			return err
		}
		ut.Base, ut.NotNull = st.Base.SQL(), st.NotNull
	}
	cat.Types[cat.Key(schema, name)] = ut
	return nil
}

// dropTypes is DROP TYPE [IF EXISTS] name: 218 when missing (without IF
// EXISTS), 3732 while a table column or a procedure or function parameter
// uses it.
func (s *Session) dropTypes(ctx context.Context, st *ast.DropStmt) error {
	for _, n := range st.Names {
		_, cat, schema, err := s.ddlExisting(ctx, n) // names.go
		if err != nil {
			return err
		}
		ut := cat.UserType(schema, n.Last())
		if ut == nil {
			if st.IfExists {
				continue
			}
			return errTypeNotFound.New(nameText(n))
		}
		if user := s.typeUser(cat, ut); user != "" {
			return errTypeInUse.New(nameText(n), user)
		}
		delete(cat.Types, cat.Key(schema, n.Last()))
	}
	return nil
}

// typeUser names an object that uses ut (a table with a column of the type,
// a procedure or function with a parameter of it), or "".
func (s *Session) typeUser(cat *catalog.Database, ut *catalog.UserType) string {
	for _, t := range cat.SortedTables() {
		for _, c := range t.Columns {
			if c.UserType == ut.ID {
				return t.Name
			}
		}
	}
	uses := func(text string) bool {
		stmts, err := s.parse(text)
		if err != nil || len(stmts) == 0 {
			return false
		}
		var params []*ast.ProcParam
		switch x := stmts[0].(type) {
		case *ast.CreateProcStmt:
			params = x.Params
		case *ast.CreateFunctionStmt:
			params = x.Params
		}
		for _, p := range params {
			if p.Type != nil && namesType(p.Type, ut) {
				return true
			}
		}
		return false
	}
	var mods []*catalog.Module // procedures and functions, in object id order
	for _, p := range cat.Procedures {
		mods = append(mods, &catalog.Module{ID: p.ID, Name: p.Name, Text: p.Text})
	}
	for _, f := range cat.Functions {
		mods = append(mods, f)
	}
	slices.SortFunc(mods, func(a, b *catalog.Module) int { return cmp.Compare(a.ID, b.ID) })
	for _, m := range mods {
		if uses(m.Text) {
			return m.Name
		}
	}
	return ""
}

// namesType reports whether a written data type names ut.
func namesType(dt *ast.DataType, ut *catalog.UserType) bool {
	schema := dt.Schema
	if schema == "" {
		if isSystemTypeName(dt.Name) {
			return false
		}
		schema = "dbo"
	}
	return strings.EqualFold(schema, ut.Schema) && strings.EqualFold(dt.Name, ut.Name)
}

// isSystemTypeName reports whether name is a system data type.
func isSystemTypeName(name string) bool {
	_, err := types.ParseTypeName(name, nil, false)
	return err == nil
}

// findUserType finds the user-defined type dt names in the current database,
// or nil: schema-qualified names, and unqualified names of no system type
// (looked up in the active default schema, then dbo: names.go).
func (s *Session) findUserType(dt *ast.DataType) *catalog.UserType {
	if dt == nil || s.db == nil {
		return nil
	}
	cat := s.catalogFor(s.db)
	if len(cat.Types) == 0 {
		return nil
	}
	name := dt.WrittenName() // its case counts in a case-sensitive database
	if dt.Schema != "" {
		return cat.UserType(dt.Schema, name)
	}
	if sc := s.implicitSchema(cat); sc != "dbo" {
		if ut := cat.UserType(sc, name); ut != nil {
			return ut
		}
	}
	return cat.UserType("dbo", name)
}

// declTypeOf is declType that also knows user-defined types: for an alias
// type it returns the base type and the alias; for a table type, a zero Type
// and the table type (callers make a table of it or refuse it).
func (s *Session) declTypeOf(dt *ast.DataType) (types.Type, *catalog.UserType, error) {
	t, err := declType(dt)
	if err == nil && (dt.Schema == "" || strings.EqualFold(dt.Schema, "sys")) {
		return t, nil, nil
	}
	ut := s.findUserType(dt)
	if ut == nil {
		if err == nil {
			return t, nil, nil
		}
		if dt.Schema != "" || !isSystemTypeName(dt.Name) {
			return types.Type{}, nil, errTypeUnknown.New(dt.SQL())
		}
		return types.Type{}, nil, err
	}
	if ut.IsTable() {
		return types.Type{}, ut, nil
	}
	base, err := parsedDataType(ut.Base)
	if err != nil {
		return types.Type{}, nil, err
	}
	t, err = declType(base)
	return t, ut, err
}

// tableTypeDef is a table type's columns and constraints, parsed from its
// stored CREATE TYPE statement. The result is shared between sessions and
// must not be changed: the column lists of inline constraints, which
// tableFromDef fills in when empty, are filled here before it is shared.
func tableTypeDef(ut *catalog.UserType) (*ast.CreateTableStmt, error) {
	if v, ok := parsedTypes.Load(ut.Text); ok {
		return v.(*ast.CreateTableStmt), nil
	}
	stmts, err := tsql.ParseBatch(ut.Text)
	if err != nil {
		return nil, err
	}
	ct, ok := stmts[0].(*ast.CreateTypeStmt)
	if !ok || ct.Table == nil {
		return nil, ErrNotSupported.New("A table type definition that is not CREATE TYPE … AS TABLE")
	}
	for _, cd := range ct.Table.Columns {
		for _, c := range cd.Constraints {
			if len(c.Columns) == 0 {
				c.Columns = []*ast.OrderItem{{Expr: &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{cd.Name}}}}}
			}
		}
	}
	parsedTypes.Store(ut.Text, ct.Table)
	return ct.Table, nil
}

// parsedTypes caches parsed type texts: alias base types (*ast.DataType) and
// table type definitions (*ast.CreateTableStmt), keyed by their text. Texts
// are few (one per user type ever created) and immutable.
var parsedTypes sync.Map

// parsedDataType parses an alias type's base type text ("varchar(20)").
func parsedDataType(text string) (*ast.DataType, error) {
	if v, ok := parsedTypes.Load(text); ok {
		return v.(*ast.DataType), nil
	}
	stmts, err := tsql.ParseBatch("DECLARE @x " + text)
	if err != nil {
		return nil, err
	}
	d, ok := stmts[0].(*ast.DeclareStmt)
	if !ok || len(d.Vars) != 1 || d.Vars[0].Type == nil {
		return nil, ErrNotSupported.New("The base type " + text)
	}
	parsedTypes.Store(text, d.Vars[0].Type)
	return d.Vars[0].Type, nil
}

// checkTableTypeParams refuses table-type parameters without READONLY (352),
// at CREATE PROCEDURE/FUNCTION and when sp_executesql declares them.
func (s *Session) checkTableTypeParams(params []*ast.ProcParam) error {
	for _, p := range params {
		if p.ReadOnly || p.Type == nil {
			continue
		}
		if _, ut, err := s.declTypeOf(p.Type); err == nil && ut != nil && ut.IsTable() {
			return errTVPNotReadOnly.New(p.Name)
		}
	}
	return nil
}

// aliasCastType is the target type of CAST/CONVERT to an alias type: its
// base type. notSystem is castType's error for dt, returned when dt names no
// alias type either (a table type cannot be a CAST target).
func (s *Session) aliasCastType(dt *ast.DataType, notSystem error) (types.Type, error) {
	ut := s.findUserType(dt)
	if ut == nil || ut.IsTable() {
		return types.Type{}, notSystem
	}
	base, err := parsedDataType(ut.Base)
	if err != nil {
		return types.Type{}, err
	}
	return castType(base)
}
