package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// metaFunc compiles the metadata functions of Microsoft's "Metadata
// functions" pages that sysfuncs.go does not: OBJECTPROPERTYEX,
// TYPEPROPERTY, INDEX_COL, INDEXKEY_PROPERTY, FILE_ID, FILE_IDEX, FILE_NAME,
// FILEPROPERTY and DATABASE_PRINCIPAL_ID. Each answers NULL for an unknown
// object, key, file or property, as the pages say, rather than an error.
func (c *compiler) metaFunc(name string, f *ast.FuncCall) (*expr, bool, error) {
	want := map[string]int{"OBJECTPROPERTYEX": 2, "TYPEPROPERTY": 2, "INDEX_COL": 3, "INDEXKEY_PROPERTY": 4,
		"FILE_ID": 1, "FILE_IDEX": 1, "FILE_NAME": 1, "FILEPROPERTY": 2, "DATABASE_PRINCIPAL_ID": -1}
	n, ok := want[name]
	if !ok {
		return nil, false, nil
	}
	if n >= 0 && len(f.Args) != n {
		return nil, true, ErrWrongArgCount.New(strings.ToLower(name), n)
	}
	if n < 0 && len(f.Args) > 1 {
		return nil, true, ErrWrongArgCount.New(strings.ToLower(name), 1)
	}
	args, err := c.args(f)
	if err != nil {
		return nil, true, err
	}
	s := c.s
	fn := func(t types.Type, body func(v []types.Value) types.Value) (*expr, bool, error) {
		return &expr{typ: t, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
			vals, err := evalArgs(ec, row, args)
			if err != nil {
				return types.Value{}, err
			}
			return body(vals), nil
		}}, true, nil
	}
	switch name {
	case "OBJECTPROPERTYEX":
		return fn(types.Type{ID: types.SQLVariant}, func(v []types.Value) types.Value { return s.objectPropertyEx(v[0], v[1]) })
	case "TYPEPROPERTY":
		return fn(types.TypeInt, func(v []types.Value) types.Value { return s.typeProperty(v[0], v[1]) })
	case "INDEX_COL":
		return fn(sysname, func(v []types.Value) types.Value { return s.indexCol(v) })
	case "INDEXKEY_PROPERTY":
		return fn(types.TypeInt, func(v []types.Value) types.Value { return s.indexKeyProperty(v) })
	case "FILE_ID":
		return fn(types.TypeSmallInt, func(v []types.Value) types.Value {
			if r := s.databaseFileRow(v[0]); r != nil {
				return types.NewSmallInt(int16(r[0].Int64()))
			}
			return types.Null(types.SmallInt)
		})
	case "FILE_IDEX":
		return fn(types.TypeInt, func(v []types.Value) types.Value {
			if r := s.databaseFileRow(v[0]); r != nil {
				return types.NewInt(int32(r[0].Int64()))
			}
			return types.Null(types.Int)
		})
	case "FILE_NAME":
		return fn(sysname, func(v []types.Value) types.Value {
			if r := s.databaseFileRow(v[0]); r != nil {
				return r[5]
			}
			return types.Null(types.NVarChar)
		})
	case "FILEPROPERTY":
		return fn(types.TypeInt, func(v []types.Value) types.Value { return s.fileProperty(v[0], v[1]) })
	}
	// DATABASE_PRINCIPAL_ID([name]): the current user's id, or a user's or
	// role's (USER_ID's lookup, which knows both).
	return fn(types.TypeInt, func(v []types.Value) types.Value { return s.userID(v) })
}

// objectPropertyEx is OBJECTPROPERTYEX: OBJECTPROPERTY's properties as a
// sql_variant int, and the ones only it has (BaseType, Cardinality, the
// trigger counts).
func (s *Session) objectPropertyEx(idv, propv types.Value) types.Value {
	null := types.Null(types.SQLVariant)
	id, prop, ok := objectPropertyArgs(idv, propv)
	if !ok {
		return null
	}
	cat := s.catalogFor(s.db)
	switch p := strings.ToLower(prop); p {
	case "basetype":
		if typ := objectTypeOf(cat, id); typ != "" {
			return types.NewString(types.Char, typ) // char(2), as sys.objects.type
		}
		return null
	case "cardinality":
		t := cat.TableByID(id)
		if t == nil {
			return null
		}
		ps, err := s.partitionRows(s.db) // partitions_views.go
		if err != nil {
			return null
		}
		var n int64
		for _, p := range ps {
			if p.t.ID == id && p.ix.IndexID <= 1 {
				n += p.rows
			}
		}
		return types.NewBigInt(n)
	case "tableinserttriggercount", "tableupdatetriggercount", "tabledeletetriggercount":
		if cat.TableByID(id) == nil {
			return null
		}
		ev := strings.TrimSuffix(strings.TrimPrefix(p, "table"), "triggercount")
		n := int32(0)
		for _, m := range cat.Triggers {
			if triggerParent(cat, m) != id {
				continue
			}
			if def, _ := s.triggerDef(m); def != nil && !def.InsteadOf && hasEvent(def, strings.ToUpper(ev)) {
				n++
			}
		}
		return types.NewInt(n)
	}
	return s.objectProperty(idv, propv)
}

// objectTypeOf is sys.objects.type (trimmed) of object id, "" when unknown.
func objectTypeOf(cat *catalog.Database, id int32) string {
	if o := systemObjectByID(id); o != nil { // sysviews_system.go
		return o.typ
	}
	for _, r := range objectRows(cat, "") {
		if int32(r[1].Int64()) == id {
			return strings.TrimSpace(r[5].Str())
		}
	}
	return ""
}

// typeProperty is TYPEPROPERTY(type, property) for a system or alias type
// named as sys.types has it (optionally schema-qualified).
func (s *Session) typeProperty(typev, propv types.Value) types.Value {
	null := types.Null(types.Int)
	if typev.IsNull() || propv.IsNull() || s.db == nil {
		return null
	}
	text, _ := asText(typev)
	prop, _ := asText(propv)
	n, err := parseObjectName(text)
	if err != nil || len(n.Parts) > 2 {
		return null
	}
	vt := systemViews["sys.types"]
	if vt == nil {
		return null
	}
	rows, err := vt.rows(s, s.db)
	if err != nil {
		return null
	}
	cat := s.catalogFor(s.db)
	var r Row
	for _, x := range rows {
		if !strings.EqualFold(x[0].Str(), n.Last()) {
			continue
		}
		if schema := n.Part(1); schema != "" && int32(x[3].Int64()) != schemaID(cat, schema) {
			continue
		}
		r = x
		break
	}
	if r == nil {
		return null
	}
	sys, _ := types.LookupTypeID(r[0].Str())
	str := sys.IsString() || sys.IsBinary()
	if ut := cat.UserTypeByID(int32(r[2].Int64())); ut != nil && ut.Base != "" {
		if b, ok := types.LookupTypeID(strings.TrimSpace(strings.SplitN(ut.Base, "(", 2)[0])); ok {
			str = b.IsString() || b.IsBinary()
		}
	}
	switch strings.ToLower(prop) {
	case "precision":
		if p := r[5].Int64(); p != 0 || !str {
			return types.NewInt(int32(p))
		}
		l := r[4].Int64()
		if sys.IsUnicode() && l > 0 {
			l /= 2
		}
		return types.NewInt(int32(l))
	case "scale":
		if str {
			return null
		}
		return types.NewInt(int32(r[6].Int64()))
	case "allowsnull":
		return oneZero(r[7].Bool())
	case "usesansitrim":
		if !str {
			return null
		}
		return oneZero(true)
	case "ownerid":
		sid := int32(r[3].Int64())
		if sid == 4 { // sys: owned by the sys user
			return types.NewInt(4)
		}
		for _, sc := range cat.Schemas {
			if sc.ID == sid && sc.Owner != "" {
				return s.userID([]types.Value{nvarchar(sc.Owner)})
			}
		}
		return types.NewInt(1)
	}
	return null
}

// indexOf finds index index_id of the table named or numbered by v.
func (s *Session) indexOf(t *catalog.Table, idv types.Value) *catalog.Index {
	if t == nil || idv.IsNull() {
		return nil
	}
	id, err := types.Convert(idv, types.TypeInt, 0)
	if err != nil {
		return nil
	}
	for _, ix := range t.Indexes {
		if int64(ix.IndexID) == id.Int64() && !ix.IsHeap() {
			return ix
		}
	}
	return nil
}

// indexKeyColumn is key column key_id (1-based) of an index, nil when absent.
func indexKeyColumn(t *catalog.Table, ix *catalog.Index, keyv types.Value) *catalog.IndexColumn {
	if ix == nil || keyv.IsNull() {
		return nil
	}
	k, err := types.Convert(keyv, types.TypeInt, 0)
	if err != nil || k.Int64() < 1 || k.Int64() > int64(len(ix.Columns)) {
		return nil
	}
	kc := &ix.Columns[k.Int64()-1]
	if kc.Column < 0 || kc.Column >= len(t.Columns) {
		return nil
	}
	return kc
}

// indexCol is INDEX_COL('[db.][schema.]table', index_id, key_id).
func (s *Session) indexCol(v []types.Value) types.Value {
	null := types.Null(types.NVarChar)
	if v[0].IsNull() {
		return null
	}
	text, _ := asText(v[0])
	tr, err := s.tableByText(text)
	if err != nil || tr == nil {
		return null
	}
	if kc := indexKeyColumn(tr.t, s.indexOf(tr.t, v[1]), v[2]); kc != nil {
		return nvarchar(tr.t.Columns[kc.Column].Name)
	}
	return null
}

// indexKeyProperty is INDEXKEY_PROPERTY(object_id, index_id, key_id,
// ColumnId | IsDescending).
func (s *Session) indexKeyProperty(v []types.Value) types.Value {
	null := types.Null(types.Int)
	if v[0].IsNull() || v[3].IsNull() {
		return null
	}
	id, err := types.Convert(v[0], types.TypeInt, 0)
	if err != nil {
		return null
	}
	t := s.catalogFor(s.db).TableByID(int32(id.Int64()))
	kc := indexKeyColumn(t, s.indexOf(t, v[1]), v[2])
	if kc == nil {
		return null
	}
	prop, _ := asText(v[3])
	switch strings.ToLower(prop) {
	case "columnid":
		return types.NewInt(t.Columns[kc.Column].ID)
	case "isdescending":
		return oneZero(kc.Desc)
	}
	return null
}

// databaseFileRow is the current database's sys.database_files row of a
// file named (a string) or numbered (an integer) by v; nil when none.
func (s *Session) databaseFileRow(v types.Value) Row {
	vt := systemViews["sys.database_files"]
	if v.IsNull() || vt == nil || s.db == nil {
		return nil
	}
	rows, err := vt.rows(s, s.db)
	if err != nil {
		return nil
	}
	byID := !v.TypeID().IsString()
	var id int64
	var name string
	if byID {
		x, err := types.Convert(v, types.TypeInt, 0)
		if err != nil {
			return nil
		}
		id = x.Int64()
	} else {
		name, _ = asText(v)
	}
	for _, r := range rows {
		if byID && r[0].Int64() == id || !byID && strings.EqualFold(r[5].Str(), name) {
			return r
		}
	}
	return nil
}

// fileProperty is FILEPROPERTY(file_name, property).
func (s *Session) fileProperty(namev, propv types.Value) types.Value {
	null := types.Null(types.Int)
	if namev.IsNull() || propv.IsNull() || !namev.TypeID().IsString() {
		return null
	}
	r := s.databaseFileRow(namev)
	if r == nil {
		return null
	}
	prop, _ := asText(propv)
	switch strings.ToLower(prop) {
	case "isreadonly":
		return oneZero(r[14].Bool())
	case "isprimaryfile":
		return oneZero(r[0].Int64() == 1)
	case "islogfile":
		return oneZero(r[2].Int64() == 1)
	case "spaceused":
		return types.NewInt(int32(r[9].Int64()))
	}
	return null
}

// schemaConstraintID is the object id of constraint schema.name, as sys.objects
// lists it.
func schemaConstraintID(cat *catalog.Database, schema, name string) (int32, bool) {
	sid := schemaID(cat, schema)
	for _, r := range objectRows(cat, "") {
		switch strings.TrimSpace(r[5].Str()) {
		case "PK", "UQ", "F", "C", "D":
			if int32(r[3].Int64()) == sid && cat.SameName(r[0].Str(), name) {
				return int32(r[1].Int64()), true
			}
		}
	}
	return 0, false
}

// objectIsOfType is OBJECT_ID's object_type argument: with one, the object
// found must be of that sys.objects type (OBJECT_ID(N'dbo.v', N'U') of a
// view is NULL).
func (s *Session) objectIsOfType(text string, id int32, typ []types.Value) bool {
	if len(typ) == 0 || typ[0].IsNull() {
		return true
	}
	want, _ := asText(typ[0])
	want = strings.ToUpper(strings.TrimSpace(want))
	n, err := parseObjectName(text)
	if err != nil {
		return false
	}
	if strings.HasPrefix(n.Last(), "#") {
		return want == "U"
	}
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return false
	}
	return objectTypeOf(s.catalogFor(db), id) == want
}

// databaseOptionProps are DATABASEPROPERTYEX's properties that read a
// database SET option.
var databaseOptionProps = map[string]string{
	"isansinulldefault": "ANSI_NULL_DEFAULT", "isansinullsenabled": "ANSI_NULLS", "isansipaddingenabled": "ANSI_PADDING",
	"isansiwarningsenabled": "ANSI_WARNINGS", "isarithmeticabortenabled": "ARITHABORT", "isnullconcat": "CONCAT_NULL_YIELDS_NULL",
	"isnumericroundabortenabled": "NUMERIC_ROUNDABORT", "isquotedidentifiersenabled": "QUOTED_IDENTIFIER",
	"isrecursivetriggersenabled": "RECURSIVE_TRIGGERS", "isautocreatestatistics": "AUTO_CREATE_STATISTICS",
	"isautoupdatestatistics": "AUTO_UPDATE_STATISTICS", "isclosecursorsoncommitenabled": "CURSOR_CLOSE_ON_COMMIT",
}

// parameterProperty is COLUMNPROPERTY of a procedure's parameter, as
// sys.parameters lists it: IsOutParam, Precision, Scale, IsCursorType.
func (s *Session) parameterProperty(id int32, name, prop string) types.Value {
	null := types.Null(types.Int)
	vt := systemViews["sys.parameters"]
	if vt == nil || s.db == nil {
		return null
	}
	rows, err := vt.rows(s, s.db)
	if err != nil {
		return null
	}
	for _, r := range rows {
		if int32(r[0].Int64()) != id || !strings.EqualFold(r[1].Str(), name) {
			continue
		}
		switch strings.ToLower(prop) {
		case "isoutparam":
			return oneZero(r[8].Bool())
		case "iscursortype":
			return oneZero(r[9].Bool())
		case "precision", "scale":
			if r[6].IsNull() {
				return null
			}
			t := types.TypeID(r[3].Int64())
			if strings.EqualFold(prop, "scale") {
				if t.IsString() || t.IsBinary() {
					return null
				}
				return types.NewInt(int32(r[7].Int64()))
			}
			if t.IsString() || t.IsBinary() { // the length, as for a column
				l := r[5].Int64()
				if t.IsUnicode() && l > 0 {
					l /= 2
				}
				return types.NewInt(int32(l))
			}
			return types.NewInt(int32(r[6].Int64()))
		}
		return null
	}
	return null
}

// schemaOwnerID is sys.schemas.principal_id: the owner named by CREATE
// SCHEMA … AUTHORIZATION (or ALTER AUTHORIZATION); a built-in schema (dbo,
// guest, INFORMATION_SCHEMA, sys, the fixed roles') is owned by the
// principal of its name; any other by dbo.
func schemaOwnerID(cat *catalog.Database, sc *catalog.Schema) int32 {
	if sc.Owner != "" {
		if id, ok := cat.PrincipalID(sc.Owner); ok {
			return id
		}
	}
	if sc.ID <= 4 || sc.ID >= 16384 && sc.ID < 16400 {
		if id, ok := cat.PrincipalID(sc.Name); ok {
			return id
		}
	}
	return 1
}

// lobDataSpace is sys.tables.lob_data_space_id: the filegroup (1, PRIMARY)
// of a table with a large-value column ((max), xml, text, ntext, image), 0
// for one without.
func lobDataSpace(t *catalog.Table) int32 {
	if t == nil {
		return 0
	}
	for _, c := range t.Columns {
		switch {
		case c.Type.Length == types.MaxLength && (c.Type.ID.IsString() || c.Type.ID.IsBinary()),
			c.Type.ID == types.XML, c.Type.ID == types.Text, c.Type.ID == types.NText, c.Type.ID == types.Image:
			return 1
		}
	}
	return 0
}

// executeAsPrincipal is sys.sql_modules.execute_as_principal_id: NULL for
// EXECUTE AS CALLER (the default), -2 for OWNER, the user's id for
// EXECUTE AS 'user'. SELF records its creator, which the catalog does not
// keep: dbo's id, the usual creator.
func (s *Session) executeAsPrincipal(cat *catalog.Database, text string, ms catalog.ModuleSets) types.Value {
	stmts, err := s.parseModule(text, ms)
	if err != nil || len(stmts) == 0 {
		return types.Null(types.Int)
	}
	var opts []string
	switch st := stmts[0].(type) {
	case *ast.CreateFunctionStmt:
		opts = st.Options
	case *ast.CreateProcStmt:
		opts = st.Options
	case *ast.CreateTriggerStmt:
		opts = st.Options
	}
	for _, o := range opts {
		who, ok := strings.CutPrefix(strings.ToUpper(o), "EXECUTE AS ")
		if !ok {
			continue
		}
		switch who = strings.TrimSpace(who); who {
		case "CALLER":
			return types.Null(types.Int)
		case "OWNER":
			return types.NewInt(-2)
		case "SELF":
			return types.NewInt(1)
		}
		if id, ok := cat.PrincipalID(strings.Trim(strings.TrimSpace(o[len("EXECUTE AS "):]), "'")); ok {
			return types.NewInt(id)
		}
	}
	return types.Null(types.Int)
}

// functionDataType is INFORMATION_SCHEMA.ROUTINES.DATA_TYPE of a function:
// its scalar return type's name, or TABLE.
func functionDataType(m *catalog.Module) types.Value {
	if m.Type == "IF" || m.Type == "TF" {
		return types.NewNVarChar("TABLE")
	}
	stmts, err := parseModuleShared(m.Text, m.ModuleSets)
	if err != nil || len(stmts) == 0 {
		return types.Null(types.NVarChar)
	}
	if f, ok := stmts[0].(*ast.CreateFunctionStmt); ok && f.Returns != nil {
		if t, err := declType(f.Returns); err == nil {
			return types.NewNVarChar(t.ID.Name())
		}
	}
	return types.Null(types.NVarChar)
}
