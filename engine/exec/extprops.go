package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Extended properties: sp_addextendedproperty, sp_updateextendedproperty,
// sp_dropextendedproperty (@name, @value, @level0type, @level0name,
// @level1type, @level1name, @level2type, @level2name), the rows of
// sys.extended_properties and fn_listextendedproperty. EF Core migrations
// write table and column comments with them (MS_Description) and SSMS and
// schema tools read them back. They live in the database's catalog
// (catalog/extprops.go), so they are logged, mirrored and restored with
// it, and a property of a dropped object stops being listed.
//
// Levels: none (the database); SCHEMA; SCHEMA + TABLE, VIEW, PROCEDURE or
// FUNCTION; and below a table COLUMN, INDEX, CONSTRAINT or TRIGGER, below
// a procedure or function PARAMETER. Anything else, or a name that does
// not exist, is SQL Server's 15135.

func init() {
	RegisterProc("sp_addextendedproperty", extPropProc(extAdd))
	RegisterProc("sp_updateextendedproperty", extPropProc(extUpdate))
	RegisterProc("sp_dropextendedproperty", extPropProc(extDrop))
}

type extOp int

const (
	extAdd extOp = iota
	extUpdate
	extDrop
)

// extTarget is what a level list names.
type extTarget struct {
	class        uint8
	major, minor int32
	shown        string // the names joined with '.', as messages quote them
	schema, obj  string // for the permission check ("" at database level)
}

// extPropProc is one of the three procedures. The value is the second
// argument of add and update; drop has none, so its levels start one
// position earlier.
func extPropProc(op extOp) SystemProc {
	return func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		proc := [...]string{"sp_addextendedproperty", "sp_updateextendedproperty", "sp_dropextendedproperty"}[op]
		name := ArgString(args, 0, "@name")
		if name == "" {
			return 1, ErrProcMissingArg.New(proc, "@name")
		}
		first := 2
		if op == extDrop {
			first = 1
		}
		var lv [6]string
		for i, p := range []string{"@level0type", "@level0name", "@level1type", "@level1name", "@level2type", "@level2name"} {
			lv[i] = ArgString(args, first+i, p)
		}
		cat := s.catalogFor(s.db)
		target, err := s.extResolve(cat, lv)
		if err != nil {
			return 1, err
		}
		if !s.mayChangeExtProps(cat, target) {
			return 1, errExtInvalid(target.shown)
		}
		mcat, err := s.mutableCatalog(ctx, s.db)
		if err != nil {
			return 1, err
		}
		i := extFind(mcat, target, name)
		switch op {
		case extAdd:
			if i >= 0 {
				return 1, &Error{Number: 15233, Severity: 16, State: 1, Message: "Property cannot be added. Property '" + name + "' already exists for '" + target.shown + "'."}
			}
		default:
			if i < 0 {
				return 1, &Error{Number: 15217, Severity: 16, State: 2, Message: "Property cannot be updated or deleted. Property '" + name + "' does not exist for '" + target.shown + "'."}
			}
		}
		if op == extDrop {
			mcat.ExtendedProperties = append(mcat.ExtendedProperties[:i], mcat.ExtendedProperties[i+1:]...)
			return 0, nil
		}
		p := &catalog.ExtendedProperty{Class: target.class, MajorID: target.major, MinorID: target.minor, Name: name, Null: true}
		for _, a := range args {
			if strings.EqualFold(a.Name, "@value") || a.Name == "" && a == positional(args, 1) {
				if !a.Value.IsNull() && !a.Default {
					text, _ := asText(a.Value)
					p.Value, p.Type, p.Null = text, a.Type.String(), false
				}
			}
		}
		if i >= 0 {
			mcat.ExtendedProperties[i] = p
		} else {
			mcat.ExtendedProperties = append(extPurge(mcat), p)
		}
		return 0, nil
	}
}

// positional is the n-th positional argument, or nil.
func positional(args []*ProcArg, n int) *ProcArg {
	k := 0
	for _, a := range args {
		if a.Name != "" {
			continue
		}
		if k == n {
			return a
		}
		k++
	}
	return nil
}

func errExtInvalid(shown string) error {
	return &Error{Number: 15135, Severity: 16, State: 8, Message: "Object is invalid. Extended properties are not permitted on '" + shown + "', or the object does not exist."}
}

// extFind is the index in cat of the property name on target, or -1.
func extFind(cat *catalog.Database, t extTarget, name string) int {
	for i, p := range cat.ExtendedProperties {
		if p.Class == t.class && p.MajorID == t.major && p.MinorID == t.minor && strings.EqualFold(p.Name, name) && extAlive(cat, p) {
			return i
		}
	}
	return -1
}

// extPurge drops the properties of objects that no longer exist.
func extPurge(cat *catalog.Database) []*catalog.ExtendedProperty {
	out := cat.ExtendedProperties[:0]
	for _, p := range cat.ExtendedProperties {
		if extAlive(cat, p) {
			out = append(out, p)
		}
	}
	return out
}

// mayChangeExtProps: ALTER on the object (or its schema, or the database)
// is what SQL Server requires; db_owner and the schema owner hold it.
func (s *Session) mayChangeExtProps(cat *catalog.Database, t extTarget) bool {
	switch {
	case t.obj != "":
		return s.mayAlterObject(s.db, cat, t.schema, t.obj)
	case t.schema != "":
		return s.mayAlterSchemaObjects(s.db, cat, t.schema)
	}
	return s.hasDatabasePerm(s.db, cat, "ALTER")
}

// extResolve finds the target of a level list.
func (s *Session) extResolve(cat *catalog.Database, lv [6]string) (extTarget, error) {
	var shownParts []string
	for i := 1; i < 6; i += 2 {
		if lv[i] != "" {
			shownParts = append(shownParts, lv[i])
		}
	}
	shown := strings.Join(shownParts, ".")
	bad := errExtInvalid(shown)
	t0, t1, t2 := strings.ToUpper(lv[0]), strings.ToUpper(lv[2]), strings.ToUpper(lv[4])
	if t0 == "" {
		if t1 != "" || t2 != "" {
			return extTarget{}, bad
		}
		return extTarget{class: 0, shown: s.db.Name()}, nil
	}
	if t0 != "SCHEMA" {
		return extTarget{}, bad
	}
	sc := cat.Schema(lv[1])
	if sc == nil {
		return extTarget{}, bad
	}
	if t1 == "" {
		if t2 != "" {
			return extTarget{}, bad
		}
		return extTarget{class: 3, major: sc.ID, shown: shown, schema: sc.Name}, nil
	}
	k := cat.Key(sc.Name, lv[3])
	var id int32
	var tbl *catalog.Table
	var routineText string
	switch t1 {
	case "TABLE":
		if tbl = cat.Tables[k]; tbl != nil {
			id = tbl.ID
		}
	case "VIEW":
		if v := cat.Views[k]; v != nil {
			id = v.ID
		}
	case "PROCEDURE":
		if p := cat.Procedures[k]; p != nil {
			id, routineText = p.ID, p.Text
		}
	case "FUNCTION":
		if f := cat.Functions[k]; f != nil {
			id, routineText = f.ID, f.Text
		}
	}
	if id == 0 {
		return extTarget{}, bad
	}
	t := extTarget{class: 1, major: id, shown: shown, schema: sc.Name, obj: lv[3]}
	if t2 == "" {
		return t, nil
	}
	switch {
	case t2 == "COLUMN" && tbl != nil:
		if _, c := tbl.Column(lv[5]); c != nil {
			t.minor = c.ID
			return t, nil
		}
	case t2 == "INDEX" && tbl != nil:
		for _, ix := range tbl.Indexes {
			if ix.Name != "" && strings.EqualFold(ix.Name, lv[5]) {
				t.class, t.minor = 7, ix.IndexID
				return t, nil
			}
		}
	case t2 == "CONSTRAINT" && tbl != nil:
		if cid := constraintID(cat, tbl, lv[5]); cid != 0 {
			t.major = cid
			return t, nil
		}
	case t2 == "TRIGGER" && (tbl != nil || t1 == "VIEW"):
		if tr := cat.Triggers[cat.Key(sc.Name, lv[5])]; tr != nil && tr.Table == k {
			t.major = tr.ID
			return t, nil
		}
	case t2 == "PARAMETER" && routineText != "":
		if params, _, ok := s.routineSignature(routineText); ok { // catalogprocs_procs.go
			for i, p := range params {
				if strings.EqualFold(p.Name, lv[5]) {
					t.class, t.minor = 2, int32(i+1)
					return t, nil
				}
			}
		}
	}
	return extTarget{}, bad
}

// constraintID is the object id of t's constraint name (PRIMARY KEY,
// UNIQUE, FOREIGN KEY, CHECK, DEFAULT), 0 if none.
func constraintID(cat *catalog.Database, t *catalog.Table, name string) int32 {
	for _, ix := range t.Indexes {
		if ix.Constraint && cat.SameName(ix.Name, name) {
			return ix.ConstraintID
		}
	}
	for _, fk := range t.ForeignKeys {
		if cat.SameName(fk.Name, name) {
			return fk.ID
		}
	}
	for _, ck := range t.Checks {
		if cat.SameName(ck.Name, name) {
			return ck.ID
		}
	}
	for _, c := range t.Columns {
		if c.DefaultName != "" && cat.SameName(c.DefaultName, name) {
			return c.DefaultID
		}
	}
	return 0
}

// extPath is where a property lives, as fn_listextendedproperty's levels
// name it: up to three (type, name) pairs. ok is false when the target no
// longer exists.
type extPath struct {
	types, names [3]string
	depth        int
}

func (p *extPath) add(typ, name string) {
	p.types[p.depth], p.names[p.depth] = typ, name
	p.depth++
}

// extLocate computes p's path in cat.
func extLocate(cat *catalog.Database, p *catalog.ExtendedProperty) (extPath, bool) {
	var path extPath
	switch p.Class {
	case 0:
		return path, true
	case 3:
		for _, sc := range cat.Schemas {
			if sc.ID == p.MajorID {
				path.add("SCHEMA", sc.Name)
				return path, true
			}
		}
		return path, false
	}
	for _, t := range cat.Tables {
		if t.ID == p.MajorID {
			path.add("SCHEMA", t.Schema)
			path.add("TABLE", t.Name)
			switch {
			case p.Class == 7:
				for _, ix := range t.Indexes {
					if ix.IndexID == p.MinorID && ix.Name != "" {
						path.add("INDEX", ix.Name)
						return path, true
					}
				}
				return path, false
			case p.MinorID != 0:
				for _, c := range t.Columns {
					if c.ID == p.MinorID {
						path.add("COLUMN", c.Name)
						return path, true
					}
				}
				return path, false
			}
			return path, true
		}
		if name := constraintNameByID(t, p.MajorID); name != "" {
			path.add("SCHEMA", t.Schema)
			path.add("TABLE", t.Name)
			path.add("CONSTRAINT", name)
			return path, true
		}
	}
	for _, v := range cat.Views {
		if v.ID == p.MajorID {
			path.add("SCHEMA", v.Schema)
			path.add("VIEW", v.Name)
			return path, p.MinorID == 0
		}
	}
	routine := func(kind, schema, name string) (extPath, bool) {
		path.add("SCHEMA", schema)
		path.add(kind, name)
		if p.Class == 2 {
			path.add("PARAMETER", "") // named by the caller, who parses the routine
		}
		return path, true
	}
	for _, r := range cat.Procedures {
		if r.ID == p.MajorID {
			return routine("PROCEDURE", r.Schema, r.Name)
		}
	}
	for _, f := range cat.Functions {
		if f.ID == p.MajorID {
			return routine("FUNCTION", f.Schema, f.Name)
		}
	}
	for _, tr := range cat.Triggers {
		if tr.ID == p.MajorID {
			parent := "TABLE"
			if cat.Views[tr.Table] != nil {
				parent = "VIEW"
			}
			_, tname, _ := strings.Cut(tr.Table, ".")
			if t := cat.Tables[tr.Table]; t != nil {
				tname = t.Name
			} else if v := cat.Views[tr.Table]; v != nil {
				tname = v.Name
			}
			path.add("SCHEMA", tr.Schema)
			path.add(parent, tname)
			path.add("TRIGGER", tr.Name)
			return path, true
		}
	}
	return path, false
}

// constraintNameByID is the name of t's constraint with object id id.
func constraintNameByID(t *catalog.Table, id int32) string {
	for _, ix := range t.Indexes {
		if ix.Constraint && ix.ConstraintID == id {
			return ix.Name
		}
	}
	for _, fk := range t.ForeignKeys {
		if fk.ID == id {
			return fk.Name
		}
	}
	for _, ck := range t.Checks {
		if ck.ID == id {
			return ck.Name
		}
	}
	for _, c := range t.Columns {
		if c.DefaultName != "" && c.DefaultID == id {
			return c.DefaultName
		}
	}
	return ""
}

// extAlive reports whether p's target still exists.
func extAlive(cat *catalog.Database, p *catalog.ExtendedProperty) bool {
	_, ok := extLocate(cat, p)
	return ok
}

// extValue is p's value as a sql_variant of its recorded type.
func extValue(p *catalog.ExtendedProperty) types.Value {
	variant := types.Type{ID: types.SQLVariant}
	if p.Null {
		return types.Null(types.SQLVariant)
	}
	v := types.NewNVarChar(p.Value)
	if dt, err := parsedDataType(p.Type); err == nil {
		if t, err := declType(dt); err == nil {
			if c, err := types.Convert(v, t, 0); err == nil {
				v = c
			}
		}
	}
	if c, err := types.Convert(v, variant, 0); err == nil {
		return c
	}
	return v
}

var extClassDesc = map[uint8]string{0: "DATABASE", 1: "OBJECT_OR_COLUMN", 2: "PARAMETER", 3: "SCHEMA", 7: "INDEX"}

// extendedPropertyRows is sys.extended_properties for db.
func (s *Session) extendedPropertyRows(db Database) []Row {
	cat := s.catalogFor(db)
	var out []Row
	for _, p := range cat.ExtendedProperties {
		if !extAlive(cat, p) {
			continue
		}
		out = append(out, Row{types.NewTinyInt(p.Class), str(extClassDesc[p.Class]), i32(p.MajorID), i32(p.MinorID), str(p.Name), extValue(p)})
	}
	return out
}

// listExtendedProperties is fn_listextendedproperty's rows: the
// properties named name (NULL: all) at exactly the level the arguments
// give; a NULL name at a level means every object of that type.
func (s *Session) listExtendedProperties(args []types.Value) []Row {
	text := func(v types.Value) string {
		if v.IsNull() {
			return ""
		}
		t, _ := asText(v)
		if strings.EqualFold(t, "default") {
			return ""
		}
		return t
	}
	name := text(args[0])
	depth := 0
	var wantType, wantName [3]string
	for i := 0; i < 3; i++ {
		if typ := text(args[1+2*i]); typ != "" {
			wantType[i], wantName[i] = strings.ToUpper(typ), text(args[2+2*i])
			depth = i + 1
		}
	}
	cat := s.catalogFor(s.db)
	var out []Row
	for _, p := range cat.ExtendedProperties {
		if name != "" && !strings.EqualFold(p.Name, name) {
			continue
		}
		path, ok := extLocate(cat, p)
		if !ok || path.depth != depth {
			continue
		}
		if p.Class == 2 {
			path.names[2] = s.parameterName(cat, p)
		}
		match := true
		for i := 0; i < depth; i++ {
			match = match && path.types[i] == wantType[i] && (wantName[i] == "" || strings.EqualFold(path.names[i], wantName[i]))
		}
		if !match {
			continue
		}
		objType, objName := types.Null(types.NVarChar), types.Null(types.NVarChar)
		if depth > 0 {
			objType, objName = str(path.types[depth-1]), str(path.names[depth-1])
		}
		out = append(out, Row{objType, objName, str(p.Name), extValue(p)})
	}
	return out
}

// parameterName is the name of the parameter a class-2 property is on.
func (s *Session) parameterName(cat *catalog.Database, p *catalog.ExtendedProperty) string {
	text := ""
	for _, r := range cat.Procedures {
		if r.ID == p.MajorID {
			text = r.Text
		}
	}
	for _, f := range cat.Functions {
		if f.ID == p.MajorID {
			text = f.Text
		}
	}
	if params, _, ok := s.routineSignature(text); ok && int(p.MinorID) <= len(params) && p.MinorID > 0 {
		return params[p.MinorID-1].Name
	}
	return ""
}

// buildListExtendedPropertyRows compiles fn_listextendedproperty(name,
// level0 type, level0 name, level1 type, level1 name, level2 type, level2
// name): the arguments are evaluated when the source is opened.
func (s *Session) buildListExtendedPropertyRows(t *ast.TableFunc, outer *scope) (*source, error) {
	if len(t.Call.Args) != 7 {
		return nil, ErrWrongArgCount.New("fn_listextendedproperty", 7)
	}
	// DEFAULT stands for NULL here, as in SQL Server's examples.
	call := *t.Call
	call.Args = make([]ast.Expr, len(t.Call.Args))
	for i, a := range t.Call.Args {
		if _, ok := a.(*ast.DefaultExpr); ok {
			a = &ast.NullLit{}
		}
		call.Args[i] = a
	}
	c := &compiler{s: s, sc: &scope{outer: outer}}
	args, err := c.args(&call)
	if err != nil {
		return nil, err
	}
	qual := strings.ToLower(identName(t.Alias))
	sc := &scope{outer: outer}
	for i, col := range []vcol{{"objtype", vName}, {"objname", vName}, {"name", vName}, {"value", types.Type{ID: types.SQLVariant}}} {
		sc.cols = append(sc.cols, scopeCol{qual: qual, name: col.name, typ: col.typ, idx: i})
	}
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		vals, err := evalArgs(ec, nil, args)
		if err != nil {
			return nil, err
		}
		return &sliceIter{rows: s.listExtendedProperties(vals)}, nil
	}}, nil
}
