package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ProductVersion is the SQL Server version mirrorsql reports (16.0 is SQL
// Server 2022), matching the version in LOGINACK.
const ProductVersion = "16.0.4218.0"

// VersionString is @@VERSION.
func (s *Session) VersionString() string {
	return "Microsoft SQL Server 2022 (RTM-CU20) - " + ProductVersion + " (X64) \n\tmirrorsql " + s.srv.Version() +
		"\n\tCopyright (C) 2026 mirrorsql developers\n\tDeveloper Edition (64-bit) on Linux <X64>"
}

var sysname = types.NVarCharType(128)

func nvarchar(s string) types.Value { return types.NewNVarChar(s) }

func (c *compiler) globalVar(g *ast.GlobalVar) (*expr, error) {
	s := c.s
	name := strings.ToUpper(strings.TrimPrefix(g.Name, "@@"))
	dyn := func(t types.Type, f func(ec *evalCtx) types.Value) (*expr, error) {
		return &expr{typ: t, col: -1, eval: func(ec *evalCtx, _ Row) (types.Value, error) { return f(ec), nil }}, nil
	}
	switch name {
	case "VERSION":
		return dyn(types.NVarCharType(300), func(*evalCtx) types.Value { return nvarchar(s.VersionString()) })
	case "SERVERNAME":
		return dyn(sysname, func(*evalCtx) types.Value { return nvarchar(s.srv.ServerName()) })
	case "SERVICENAME":
		return dyn(sysname, func(*evalCtx) types.Value { return nvarchar("MSSQLSERVER") })
	case "SPID":
		return dyn(types.TypeSmallInt, func(*evalCtx) types.Value { return types.NewSmallInt(int16(s.SPID)) })
	case "TRANCOUNT":
		return dyn(types.TypeInt, func(*evalCtx) types.Value { return types.NewInt(int32(s.nest.TranCount())) })
	case "ROWCOUNT":
		return dyn(types.TypeInt, func(*evalCtx) types.Value { return types.NewInt(int32(s.rowcnt)) })
	case "ERROR":
		return dyn(types.TypeInt, func(*evalCtx) types.Value { return types.NewInt(s.errNum) })
	case "IDENTITY":
		return dyn(types.DecimalType(38, 0), func(*evalCtx) types.Value {
			if s.ident.IsNull() {
				return types.Null(types.Decimal)
			}
			v, _ := types.Convert(s.ident, types.DecimalType(38, 0), 0)
			return v
		})
	case "DBTS":
		return dyn(types.Type{ID: types.VarBinary, Length: 8}, func(*evalCtx) types.Value { return dbts(s.db) }) // rowversion.go
	case "LANGUAGE":
		return dyn(sysname, func(*evalCtx) types.Value { return nvarchar(s.Opts.Language) })
	case "LANGID":
		return dyn(types.TypeSmallInt, func(*evalCtx) types.Value { return types.NewSmallInt(0) })
	case "DATEFIRST":
		return dyn(types.TypeTinyInt, func(*evalCtx) types.Value { return types.NewTinyInt(uint8(s.Opts.DateFirst)) })
	case "LOCK_TIMEOUT":
		return dyn(types.TypeInt, func(*evalCtx) types.Value { return types.NewInt(s.Opts.LockTimeout) })
	case "MAX_PRECISION":
		return dyn(types.TypeTinyInt, func(*evalCtx) types.Value { return types.NewTinyInt(38) })
	case "TEXTSIZE":
		return dyn(types.TypeInt, func(*evalCtx) types.Value { return types.NewInt(s.Opts.TextSize) })
	case "NESTLEVEL":
		return dyn(types.TypeInt, func(*evalCtx) types.Value {
			return types.NewInt(int32(s.depth())) // perm.go
		})
	case "OPTIONS":
		return dyn(types.TypeInt, func(*evalCtx) types.Value { return types.NewInt(s.Opts.OptionBits()) })
	case "MICROSOFTVERSION":
		return dyn(types.TypeInt, func(*evalCtx) types.Value { return types.NewInt(16<<24 | 4218) })
	case "FETCH_STATUS", "CURSOR_ROWS":
		return c.cursorGlobalVar(name) // cursor.go
	case "PROCID":
		// The module whose body runs (proc.go, trigger.go, ddl_trigger.go and
		// udf.go set the body's objectID); 0 in a batch. A module's body is
		// compiled in its own scope, and a one-RETURN function's expression
		// is evaluated in its caller's (udf.go: returnOnly), so the id is
		// taken here, where the text belongs to the module.
		if bs := s.batch; bs != nil && bs.module && bs.objectID != 0 {
			id := types.NewInt(bs.objectID)
			return dyn(types.TypeInt, func(*evalCtx) types.Value { return id })
		}
		return dyn(types.TypeInt, func(*evalCtx) types.Value {
			if s.batch != nil {
				return types.NewInt(s.batch.objectID)
			}
			return types.NewInt(0)
		})
	case "REMSERVER": // no remote server calls: NULL, as for a local login
		return dyn(sysname, func(*evalCtx) types.Value { return types.Null(types.NVarChar) })
	case "CONNECTIONS", "CPU_BUSY", "IDLE", "IO_BUSY", "PACK_RECEIVED", "PACK_SENT", "TOTAL_READ", "TOTAL_WRITE", "TOTAL_ERRORS", "PACKET_ERRORS", "TIMETICKS":
		return dyn(types.TypeInt, func(*evalCtx) types.Value { return types.NewInt(0) })
	case "MAX_CONNECTIONS":
		return dyn(types.TypeInt, func(*evalCtx) types.Value { return types.NewInt(32767) })
	}
	return nil, &Error{Number: 137, Severity: 15, State: 2, Message: "Must declare the scalar variable \"" + g.Name + "\"."}
}

// systemFunc compiles the built-in functions that read session or catalog state.
func (c *compiler) systemFunc(name string, f *ast.FuncCall) (*expr, bool, error) {
	if x, ok, err := c.sql2022Func(name, f); ok || err != nil { // funcs2022.go
		return x, ok, err
	}
	if x, ok, err := c.triggerFunc(name, f); ok || err != nil { // trigger_funcs.go
		return x, ok, err
	}
	if x, ok, err := c.loginFunc(name, f); ok || err != nil { // loginfuncs.go
		return x, ok, err
	}
	if x, ok, err := c.metaFunc(name, f); ok || err != nil { // metafuncs.go
		return x, ok, err
	}
	s := c.s
	args, err := func() ([]*expr, error) {
		switch name {
		case "DB_NAME", "DB_ID", "OBJECT_ID", "OBJECT_NAME", "SCHEMA_NAME", "SCHEMA_ID", "SERVERPROPERTY",
			"DATABASEPROPERTYEX", "SUSER_SNAME", "SUSER_NAME", "USER_NAME", "HOST_NAME", "APP_NAME",
			"ERROR_NUMBER", "ERROR_MESSAGE", "ERROR_SEVERITY", "ERROR_STATE", "ERROR_LINE", "ERROR_PROCEDURE",
			"XACT_STATE", "SCOPE_IDENTITY", "IDENT_CURRENT", "SUSER_ID", "USER_ID", "IS_SRVROLEMEMBER", "IS_MEMBER",
			"IS_ROLEMEMBER", "OBJECTPROPERTY", "INDEXPROPERTY", "APPLOCK_MODE", "APPLOCK_TEST", "SESSION_CONTEXT", "CONTEXT_INFO",
			"ORIGINAL_DB_NAME", "HAS_DBACCESS", "HAS_PERMS_BY_NAME", "TYPE_NAME", "TYPE_ID", "COL_LENGTH", "COLLATIONPROPERTY", "ORIGINAL_LOGIN",
			"CURRENT_USER", "SESSION_USER", "SYSTEM_USER", "USER", "CONNECTIONPROPERTY", "OBJECT_SCHEMA_NAME", "DB_NAME2",
			"IDENT_SEED", "IDENT_INCR", "FORMATMESSAGE", "COLUMNPROPERTY", "COL_NAME", "SESSIONPROPERTY", "ROWCOUNT_BIG":
			return c.args(f)
		}
		return nil, nil
	}()
	if err != nil {
		return nil, true, err
	}
	str := func(t types.Type, fn func(ec *evalCtx, v []types.Value) (types.Value, error)) (*expr, bool, error) {
		return &expr{typ: t, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
			vals, err := evalArgs(ec, row, args)
			if err != nil {
				return types.Value{}, err
			}
			return fn(ec, vals)
		}}, true, nil
	}
	caught := s.handling
	switch name {
	case "ORIGINAL_DB_NAME": // the database the login asked for (loginDB)
		return str(sysname, func(*evalCtx, []types.Value) (types.Value, error) {
			if s.loginDB == nil {
				return types.Null(types.NVarChar), nil
			}
			return nvarchar(s.loginDB.Name()), nil
		})
	case "DB_NAME":
		return str(sysname, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) == 0 {
				return nvarchar(s.db.Name()), nil
			}
			if v[0].IsNull() {
				return types.Null(types.NVarChar), nil
			}
			id := int32(v[0].Int64())
			for _, d := range s.srv.DatabaseList() {
				if d.Entry.ID == id {
					return nvarchar(d.Entry.Name), nil
				}
			}
			return types.Null(types.NVarChar), nil
		})
	case "DB_ID":
		return str(types.TypeSmallInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) == 0 {
				return types.NewSmallInt(int16(s.db.ID())), nil
			}
			if e := s.srv.ServerCatalog().Database(v[0].Str()); e != nil {
				return types.NewSmallInt(int16(e.ID)), nil
			}
			return types.Null(types.SmallInt), nil
		})
	case "OBJECT_ID":
		return str(types.TypeInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) == 0 || v[0].IsNull() {
				return types.Null(types.Int), nil
			}
			if id, ok := s.objectID(v[0].Str()); ok && s.objectIDVisible(v[0].Str(), id) && s.objectIsOfType(v[0].Str(), id, v[1:]) { // perm_visible.go
				return types.NewInt(id), nil
			}
			return types.Null(types.Int), nil
		})
	case "OBJECT_NAME", "OBJECT_SCHEMA_NAME":
		return str(sysname, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) == 0 || v[0].IsNull() {
				return types.Null(types.NVarChar), nil
			}
			id := int32(v[0].Int64())
			db, cat := s.db, s.catalogFor(s.db)
			if len(v) > 1 { // OBJECT_NAME(object_id, database_id): that database's object
				if db, cat = s.objectNameDatabase(v[1]); db == nil {
					return types.Null(types.NVarChar), nil
				}
			}
			// A system object's metadata is visible to every user (public).
			if schema, n, ok := s.objectNameIn(cat, id); ok && (id < 0 || s.isSA() || s.metadataVisible(db, cat, schema, n)) {
				if name == "OBJECT_SCHEMA_NAME" {
					return nvarchar(schema), nil
				}
				return nvarchar(n), nil
			}
			return types.Null(types.NVarChar), nil
		})
	case "SCHEMA_NAME":
		return str(sysname, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) == 0 {
				return nvarchar(s.defaultSchemaName()), nil // principals_view.go
			}
			if sc := s.catalogFor(s.db).SchemaByID(int32(v[0].Int64())); sc != nil {
				return nvarchar(sc.Name), nil
			}
			return types.Null(types.NVarChar), nil
		})
	case "SCHEMA_ID":
		return str(types.TypeInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			n := s.defaultSchemaName()
			if len(v) > 0 {
				n = v[0].Str()
			}
			if sc := s.catalogFor(s.db).Schema(n); sc != nil {
				return types.NewInt(sc.ID), nil
			}
			return types.Null(types.Int), nil
		})
	case "SERVERPROPERTY":
		return str(types.NVarCharType(128), func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 1 {
				return types.Value{}, ErrWrongArgCount.New("serverproperty", 1)
			}
			return s.serverProperty(v[0].Str()), nil
		})
	case "DATABASEPROPERTYEX":
		return str(types.NVarCharType(128), func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 2 {
				return types.Value{}, ErrWrongArgCount.New("databasepropertyex", 2)
			}
			return s.databaseProperty(v[0].Str(), v[1].Str()), nil
		})
	case "EVENTDATA": // ddl_trigger.go
		if len(f.Args) != 0 {
			return nil, true, ErrWrongArgCount.New("eventdata", 0)
		}
		return str(types.Type{ID: types.XML, Length: types.MaxLength}, func(*evalCtx, []types.Value) (types.Value, error) { return s.eventDataValue(), nil })
	case "SUSER_SNAME", "SUSER_NAME", "SYSTEM_USER", "ORIGINAL_LOGIN", "USER_NAME", "CURRENT_USER", "SESSION_USER", "USER":
		return str(sysname, func(_ *evalCtx, v []types.Value) (types.Value, error) { return s.principalFunc(name, v), nil }) // perm_execas.go
	case "SUSER_ID": // with an argument: loginFunc
		return str(types.TypeInt, func(*evalCtx, []types.Value) (types.Value, error) {
			return loginID(s.srv.ServerCatalog(), s.Login), nil
		})
	case "USER_ID":
		return str(types.TypeInt, func(_ *evalCtx, v []types.Value) (types.Value, error) { return s.userID(v), nil }) // perm_execas.go
	case "SESSION_CONTEXT": // sessioncontext.go
		if len(args) != 1 {
			return nil, true, ErrWrongArgCount.New("session_context", 1)
		}
		if !args[0].typ.ID.IsUnicode() && args[0].typ.ID != types.Unknown {
			return nil, true, &Error{Number: 8116, Severity: 16, State: 1, Message: "Argument data type " + args[0].typ.ID.Name() + " is invalid for argument 1 of session_context function."}
		}
		return str(types.Type{ID: types.SQLVariant}, func(_ *evalCtx, v []types.Value) (types.Value, error) { return s.sessionContext(v[0]), nil })
	case "CONTEXT_INFO":
		return str(types.Type{ID: types.VarBinary, Length: 128}, func(*evalCtx, []types.Value) (types.Value, error) { return s.contextInfo(), nil })
	case "APPLOCK_MODE", "APPLOCK_TEST": // applock.go
		want := 3
		if name == "APPLOCK_TEST" {
			want = 4
		}
		if len(args) != want {
			return nil, true, ErrWrongArgCount.New(strings.ToLower(name), want)
		}
		t := types.TypeInt
		if name == "APPLOCK_MODE" {
			t = types.NVarCharType(32)
		}
		return str(t, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			text := make([]string, len(v))
			for i, x := range v {
				text[i], _ = asText(x)
			}
			if name == "APPLOCK_MODE" {
				return s.appLockMode(text[0], text[1], text[2]), nil
			}
			return s.appLockTest(text[0], text[1], text[2], text[3])
		})
	case "OBJECTPROPERTY": // objectproperty.go
		return str(types.TypeInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 2 {
				return types.Value{}, ErrWrongArgCount.New("objectproperty", 2)
			}
			return s.objectProperty(v[0], v[1]), nil
		})
	case "SESSIONPROPERTY": // sessionproperty.go
		return str(types.TypeInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 1 {
				return types.Value{}, ErrWrongArgCount.New("sessionproperty", 1)
			}
			return s.sessionProperty(v[0]), nil
		})
	case "INDEXPROPERTY": // indexproperty.go
		return str(types.TypeInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 3 {
				return types.Value{}, ErrWrongArgCount.New("indexproperty", 3)
			}
			return s.indexProperty(v[0], v[1], v[2]), nil
		})
	case "HAS_DBACCESS", "HAS_PERMS_BY_NAME": // perm_funcs.go
		return str(types.TypeInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if name == "HAS_DBACCESS" {
				if len(v) != 1 || v[0].IsNull() {
					return types.Null(types.Int), nil
				}
				db, _ := asText(v[0])
				return s.hasDBAccess(db), nil
			}
			if len(v) < 3 || v[2].IsNull() || v[1].IsNull() && !v[0].IsNull() {
				return types.Null(types.Int), nil
			}
			class := "SERVER" // the page's example A: (null, null, 'VIEW SERVER STATE')
			if !v[1].IsNull() {
				class, _ = asText(v[1])
			}
			perm, _ := asText(v[2])
			if len(v) >= 5 && !v[3].IsNull() { // a sub-securable: the column of an object (colperm_views.go)
				if sub, _ := asText(v[4]); !strings.EqualFold(strings.TrimSpace(sub), "COLUMN") || !strings.EqualFold(strings.TrimSpace(class), "OBJECT") {
					return types.Null(types.Int), nil
				}
				return s.columnPermsByName(v[0], perm, v[3]), nil
			}
			return s.hasPermsByName(v[0], class, perm), nil
		})
	case "IS_MEMBER", "IS_ROLEMEMBER", "IS_SRVROLEMEMBER": // roles.go
		return str(types.TypeInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) == 0 || v[0].IsNull() {
				return types.Null(types.Int), nil
			}
			role, _ := asText(v[0])
			var who *string
			if len(v) > 1 && name != "IS_MEMBER" && !v[1].IsNull() {
				w, _ := asText(v[1])
				who = &w
			}
			if name == "IS_SRVROLEMEMBER" {
				return s.isServerRoleMember(role, who), nil
			}
			return s.isRoleMember(role, who), nil
		})
	case "ROWCOUNT_BIG":
		// @@ROWCOUNT as bigint; the CREATE TRIGGER page's triggers start
		// with IF (ROWCOUNT_BIG() = 0) RETURN.
		if len(args) != 0 {
			return nil, true, &Error{Number: 174, Severity: 15, State: 1, Message: "The rowcount_big function requires 0 argument(s)."}
		}
		return str(types.TypeBigInt, func(*evalCtx, []types.Value) (types.Value, error) { return types.NewBigInt(int64(s.rowcnt)), nil })
	case "HOST_NAME":
		return str(sysname, func(*evalCtx, []types.Value) (types.Value, error) { return nvarchar(s.Info.Host), nil })
	case "APP_NAME":
		return str(sysname, func(*evalCtx, []types.Value) (types.Value, error) { return nvarchar(s.Info.Program), nil })
	case "ERROR_NUMBER", "ERROR_SEVERITY", "ERROR_STATE", "ERROR_LINE":
		return str(types.TypeInt, func(*evalCtx, []types.Value) (types.Value, error) {
			ce := caught()
			if ce == nil {
				return types.Null(types.Int), nil
			}
			switch name {
			case "ERROR_NUMBER":
				return types.NewInt(ce.number), nil
			case "ERROR_SEVERITY":
				return types.NewInt(int32(ce.severity)), nil
			case "ERROR_STATE":
				return types.NewInt(int32(ce.state)), nil
			}
			return types.NewInt(ce.line), nil
		})
	case "ERROR_MESSAGE", "ERROR_PROCEDURE":
		return str(types.NVarCharType(4000), func(*evalCtx, []types.Value) (types.Value, error) {
			ce := caught()
			if ce == nil || (name == "ERROR_PROCEDURE" && ce.proc == "") {
				return types.Null(types.NVarChar), nil
			}
			if name == "ERROR_PROCEDURE" {
				return nvarchar(ce.qualifiedProc()), nil
			}
			return nvarchar(ce.message), nil
		})
	case "FORMATMESSAGE":
		// FORMATMESSAGE('text' | msg_number, args…) formats like
		// RAISERROR; an unknown message number gives NULL.
		if len(args) < 1 {
			return nil, true, &Error{Number: 189, Severity: 15, State: 1, Message: "The formatmessage function requires 1 to 254 arguments."}
		}
		return str(types.NVarCharType(2047), func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if !v[0].IsNull() && v[0].TypeID().IsInteger() { // a message number (messages.go)
				if m, ok := s.lookupMessage(int32(v[0].Int64())); ok {
					return nvarchar(formatMessage(m.text, v[1:])), nil
				}
				return types.Null(types.NVarChar), nil
			}
			if v[0].IsNull() || !v[0].TypeID().IsString() {
				return types.Null(types.NVarChar), nil
			}
			return nvarchar(formatMessage(v[0].Str(), v[1:])), nil
		})
	case "XACT_STATE":
		return str(types.TypeSmallInt, func(*evalCtx, []types.Value) (types.Value, error) {
			return types.NewSmallInt(int16(s.nest.XactState())), nil
		})
	case "SCOPE_IDENTITY":
		return str(types.DecimalType(38, 0), func(*evalCtx, []types.Value) (types.Value, error) {
			if s.ident.IsNull() {
				return types.Null(types.Decimal), nil
			}
			return types.Convert(s.ident, types.DecimalType(38, 0), 0)
		})
	case "IDENT_CURRENT":
		return str(types.DecimalType(38, 0), func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 1 || v[0].IsNull() {
				return types.Null(types.Decimal), nil
			}
			tr, err := s.tableByText(v[0].Str())
			if err != nil || tr == nil {
				return types.Null(types.Decimal), nil
			}
			cur, ok := tr.db.IdentityCurrent(tr.t.ID)
			if !ok {
				if i := tr.t.IdentityColumn(); i >= 0 {
					return types.Convert(types.NewBigInt(tr.t.Columns[i].Seed), types.DecimalType(38, 0), 0)
				}
				return types.Null(types.Decimal), nil
			}
			return types.Convert(types.NewBigInt(cur), types.DecimalType(38, 0), 0)
		})
	case "IDENT_SEED", "IDENT_INCR":
		return str(types.DecimalType(38, 0), func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 1 || v[0].IsNull() {
				return types.Null(types.Decimal), nil
			}
			tr, err := s.tableByText(v[0].Str())
			if err != nil || tr == nil {
				return types.Null(types.Decimal), nil
			}
			i := tr.t.IdentityColumn()
			if i < 0 {
				return types.Null(types.Decimal), nil
			}
			n := tr.t.Columns[i].Seed
			if name == "IDENT_INCR" {
				n = tr.t.Columns[i].Increment
			}
			return types.Convert(types.NewBigInt(n), types.DecimalType(38, 0), 0)
		})
	case "TYPE_NAME":
		return str(sysname, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 1 || v[0].IsNull() {
				return types.Null(types.NVarChar), nil
			}
			if n, ok := s.userTypeName(v[0].Int64()); ok { // usertype_views.go
				return nvarchar(n), nil
			}
			if v[0].Int64() == 256 { // sysname's user_type_id (sys.types)
				return nvarchar("sysname"), nil
			}
			t := types.TypeID(v[0].Int64())
			if !t.Valid() || t == types.Unknown {
				return types.Null(types.NVarChar), nil
			}
			return nvarchar(t.Name()), nil
		})
	case "TYPE_ID":
		return str(types.TypeInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 1 {
				return types.Null(types.Int), nil
			}
			if strings.EqualFold(strings.TrimSpace(v[0].Str()), "sysname") {
				return types.NewInt(sysnameTypeID), nil // usertype_sysname.go
			}
			if id, ok := types.LookupTypeID(v[0].Str()); ok {
				return types.NewInt(int32(id)), nil
			}
			if id, ok := s.userTypeID(v[0].Str()); ok { // usertype_views.go
				return types.NewInt(id), nil
			}
			return types.Null(types.Int), nil
		})
	case "COL_NAME":
		// COL_NAME(table_id, column_id): the column's name, NULL when either
		// is unknown (admin tools join sys.index_columns through it).
		if len(f.Args) != 2 {
			return nil, true, ErrWrongArgCount.New("col_name", 2)
		}
		return str(sysname, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			null := types.Null(types.NVarChar)
			if v[0].IsNull() || v[1].IsNull() {
				return null, nil
			}
			schema, name, ok := s.objectName(int32(v[0].Int64()))
			if !ok {
				return null, nil
			}
			tr, found, err := s.resolveTable(&ast.Name{Parts: []*ast.Ident{{Name: schema}, {Name: name}}})
			if err != nil || !found || tr == nil {
				return null, nil
			}
			for _, c := range tr.t.Columns {
				if int64(c.ID) == v[1].Int64() {
					return nvarchar(c.Name), nil
				}
			}
			return null, nil
		})
	case "COLUMNPROPERTY":
		// COLUMNPROPERTY(object_id, column, property): the common
		// properties of a table column; NULL for anything unknown.
		return str(types.TypeInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			null := types.Null(types.Int)
			if len(v) != 3 || v[0].IsNull() || v[1].IsNull() || v[2].IsNull() {
				return null, nil
			}
			if strings.HasPrefix(v[1].Str(), "@") { // a procedure's parameter (metafuncs.go)
				return s.parameterProperty(int32(v[0].Int64()), v[1].Str(), v[2].Str()), nil
			}
			tr := s.tempTableByID(int32(v[0].Int64())) // tempid.go
			if tr == nil {
				schema, name, ok := s.objectName(int32(v[0].Int64()))
				if !ok {
					return null, nil
				}
				var err error
				if tr, err = s.tableByText(schema + "." + name); err != nil || tr == nil {
					return null, nil
				}
			}
			_, col := tr.t.Column(v[1].Str())
			if col == nil {
				return null, nil
			}
			b := func(x bool) (types.Value, error) {
				if x {
					return types.NewInt(1), nil
				}
				return types.NewInt(0), nil
			}
			switch strings.ToLower(v[2].Str()) {
			case "allowsnull":
				return b(col.Nullable)
			case "isidentity":
				return b(col.Identity)
			case "iscomputed":
				return b(col.Computed != "")
			case "columnid":
				return types.NewInt(col.ID), nil
			case "precision":
				if col.Type.ID.IsString() || col.Type.ID.IsBinary() {
					if col.Type.Length == types.MaxLength {
						return types.NewInt(-1), nil
					}
					return types.NewInt(int32(col.Type.Length)), nil
				}
				return types.NewInt(int32(col.Type.CatalogPrecision())), nil
			case "scale":
				if col.Type.ID.IsString() || col.Type.ID.IsBinary() {
					return null, nil
				}
				return types.NewInt(int32(col.Type.CatalogScale())), nil
			case "isrowguidcol":
				return b(col.RowGUIDCol)
			case "isidnotforrepl": // sp_help's Identity set reads it; no NOT FOR REPLICATION here
				return b(false)
			case "ishidden":
				return b(col.Hidden)
			case "generatedalwaystype":
				return types.NewInt(int32(col.Generated)), nil
			case "iscursortype", "isoutparam", "issystemverified":
				return b(false)
			case "usesansitrim": // ANSI_PADDING is always ON: 1 for the padded types
				switch col.Type.ID {
				case types.Char, types.VarChar, types.Binary, types.VarBinary:
					return b(true)
				}
				return null, nil
			case "charmaxlen": // INFORMATION_SCHEMA.COLUMNS' CHARACTER_MAXIMUM_LENGTH
				switch id := col.Type.ID; {
				case id == types.Text || id == types.Image:
					return types.NewInt(2147483647), nil
				case id == types.NText:
					return types.NewInt(1073741823), nil
				case id == types.XML || (id.IsString() || id.IsBinary()) && col.Type.IsMax():
					return types.NewInt(-1), nil
				case id.IsString() || id.IsBinary():
					return types.NewInt(int32(col.Type.Length)), nil
				}
				return null, nil
			case "isfulltextindexed", "isindexable", "isxmlindexable", "isprecise", "isdeterministic", "issparse", "iscolumnset":
				switch strings.ToLower(v[2].Str()) {
				case "isindexable", "isdeterministic":
					return b(true)
				case "isprecise":
					return b(col.Type.ID != types.Float && col.Type.ID != types.Real)
				}
				return b(false)
			}
			return null, nil
		})
	case "COL_LENGTH":
		return str(types.TypeSmallInt, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 2 {
				return types.Null(types.SmallInt), nil
			}
			tr, err := s.tableByText(v[0].Str())
			if err != nil || tr == nil {
				return types.Null(types.SmallInt), nil
			}
			if _, col := tr.t.Column(v[1].Str()); col != nil {
				return types.NewSmallInt(col.Type.CatalogMaxLength()), nil
			}
			return types.Null(types.SmallInt), nil
		})
	case "COLLATIONPROPERTY":
		// sql_variant holding an int, as in SQL Server; NULL for an unknown
		// collation or property.
		return str(types.Type{ID: types.SQLVariant}, func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 2 || v[0].IsNull() || v[1].IsNull() {
				return types.Null(types.SQLVariant), nil
			}
			c, err := types.LookupCollation(v[0].Str())
			if err != nil {
				return types.Null(types.SQLVariant), nil
			}
			if p, ok := c.Property(v[1].Str()); ok {
				return types.NewInt(int32(p)), nil
			}
			return types.Null(types.SQLVariant), nil
		})
	case "CONNECTIONPROPERTY":
		return str(types.NVarCharType(128), func(_ *evalCtx, v []types.Value) (types.Value, error) {
			if len(v) != 1 {
				return types.Null(types.NVarChar), nil
			}
			switch strings.ToLower(v[0].Str()) {
			case "net_transport":
				return nvarchar("TCP"), nil
			case "protocol_type":
				return nvarchar("TSQL"), nil
			case "client_net_address":
				return nvarchar(s.Info.ClientAddr), nil
			case "local_net_address":
				return nvarchar(s.Info.LocalAddr), nil
			}
			return types.Null(types.NVarChar), nil
		})
	}
	return nil, false, nil
}
