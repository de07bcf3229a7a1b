package exec

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SystemProc is a built-in procedure implemented in Go. The engine registers
// those that need the instance (sp_dbmmonitor*, sp_who …).
type SystemProc func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error)

var systemProcs = map[string]SystemProc{}

// RegisterProc adds a system procedure (lower-case name).
func RegisterProc(name string, p SystemProc) { systemProcs[strings.ToLower(name)] = p }

// argValue finds an argument by position or name.
func argValue(args []*ProcArg, pos int, name string) (types.Value, bool) {
	n := 0
	for _, a := range args {
		if a.Name != "" {
			if strings.EqualFold(a.Name, name) {
				return a.Value, !a.Default
			}
			continue
		}
		if n == pos {
			return a.Value, !a.Default
		}
		n++
	}
	return types.Value{}, false
}

// ArgGiven reports whether an argument was passed (NULL included), not
// left out or passed as DEFAULT.
func ArgGiven(args []*ProcArg, pos int, name string) bool {
	_, ok := argValue(args, pos, name)
	return ok
}

// ArgString returns an argument's text ("" when absent or NULL).
func ArgString(args []*ProcArg, pos int, name string) string {
	v, ok := argValue(args, pos, name)
	if !ok || v.IsNull() {
		return ""
	}
	s, _ := asText(v)
	return s
}

// ArgInt returns an argument's integer value and whether it was given.
func ArgInt(args []*ProcArg, pos int, name string) (int64, bool) {
	v, ok := argValue(args, pos, name)
	if !ok || v.IsNull() {
		return 0, false
	}
	c, err := types.Convert(v, types.TypeBigInt, 0)
	if err != nil {
		return 0, false
	}
	return c.Int64(), true
}

// SendRows sends one result set.
func SendRows(s *Session, out Output, cols []ResultColumn, rows []Row) error {
	if err := out.Columns(cols); err != nil {
		return err
	}
	for _, r := range rows {
		if err := out.Row(r); err != nil {
			return err
		}
	}
	return s.done(out, CmdSelect, int64(len(rows)), true)
}

func (s *Session) systemProc(ctx context.Context, pname string, name *ast.Name, args []*ProcArg, out Output) (int32, bool, error) {
	switch pname {
	case "sp_executesql":
		if len(args) == 0 {
			return 0, true, ErrProcMissingArg.New("sp_executesql", "@statement")
		}
		// The statement is the first argument whatever it is called:
		// SQL Server documents @stmt and scripts also write @statement.
		if !unicodeArg(args[0].Value) {
			return 0, true, errNotUnicodeParam("@statement")
		}
		stmt, _ := asText(args[0].Value)
		decls := ""
		rest := args[1:]
		if len(args) > 1 && (args[1].Name == "" || strings.EqualFold(args[1].Name, "@params")) {
			if !unicodeArg(args[1].Value) {
				return 0, true, errNotUnicodeParam("@params")
			}
			decls = ArgString(args, 1, "@params")
			rest = args[2:]
		}
		return 0, true, s.ExecuteSQL(ctx, stmt, decls, rest, out)
	case "sp_help":
		return 0, true, s.spHelp(ctx, args, out) // sp_help.go
	case "sp_refreshview":
		rc, err := s.spRefreshModule(ctx, args, true) // sp_refresh.go
		return rc, true, err
	case "sp_refreshsqlmodule":
		rc, err := s.spRefreshModule(ctx, args, false)
		return rc, true, err
	case "sp_recompile":
		rc, err := s.spRecompile(ctx, args, out)
		return rc, true, err
	case "sp_helpfilegroup":
		return 0, true, s.spHelpFilegroup(ctx, args, out) // sp_helpmore.go
	case "sp_helptrigger":
		rc, err := s.spHelpTrigger(ctx, args, out)
		return rc, true, err
	case "sp_helpserver":
		rc, err := s.spHelpServer(ctx, args, out)
		return rc, true, err
	case "sp_helplanguage":
		rc, err := s.spHelpLanguage(args, out) // language.go
		return rc, true, err
	case "sp_helptext":
		if col := ArgString(args, 1, "@columnname"); col != "" {
			return 0, true, s.spHelpTextColumn(ctx, ArgString(args, 0, "@objname"), col, out) // sysprocs_roles.go
		}
		return 0, true, s.spHelpText(ctx, args, out) // module_ddl.go
	case "sp_helprole":
		rc, err := s.spHelpRole(args, out) // sysprocs_roles.go
		return rc, true, err
	case "sp_helprolemember":
		rc, err := s.spHelpRoleMember(args, out)
		return rc, true, err
	case "sp_tables":
		return 0, true, s.spTables(ctx, args, out) // compat_sptables.go
	case "sp_columns":
		return 0, true, s.spColumns(ctx, args, out) // spcolumns.go
	case "sp_helpindex":
		tr, err := s.tableByText(ArgString(args, 0, "@objname"))
		if err != nil || tr == nil {
			return 1, true, &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + ArgString(args, 0, "@objname") + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
		}
		var rows []Row
		for _, ix := range tr.t.Indexes {
			if ix.IsHeap() {
				continue
			}
			desc := "nonclustered"
			if ix.Clustered {
				desc = "clustered"
			}
			if ix.IgnoreDupKey { // sp_helpindex names it before unique
				desc += ", ignore duplicate keys"
			}
			if ix.Unique {
				desc += ", unique"
			}
			if ix.Primary {
				desc += ", primary key"
			} else if ix.Constraint {
				desc += ", unique key" // a UNIQUE constraint's index
			}
			desc += " located on PRIMARY"
			keys := make([]string, len(ix.Columns))
			for i, kc := range ix.Columns {
				keys[i] = tr.t.Columns[kc.Column].Name
				if kc.Desc {
					keys[i] += "(-)"
				}
			}
			rows = append(rows, Row{str(ix.Name), types.NewVarChar(desc), types.NewNVarChar(strings.Join(keys, ", "))})
		}
		if len(rows) == 0 { // a heap: SQL Server's procedure says so instead of an empty set
			return 0, true, out.Message(&Error{Number: 15472, Severity: 10, State: 1, Message: "The object '" + ArgString(args, 0, "@objname") + "' does not have any indexes, or you do not have permissions."})
		}
		return 0, true, SendRows(s, out, []ResultColumn{{Name: "index_name", Type: vName}, {Name: "index_description", Type: types.VarCharType(210)}, {Name: "index_keys", Type: types.NVarCharType(2078)}}, rows)
	case "sp_helpconstraint":
		rc, err := s.spHelpConstraint(args, out) // sp_helpconstraint.go
		return rc, true, err
	case "sp_depends":
		rc, err := s.spDepends(args, out) // sp_depends.go
		return rc, true, err
	case "sp_rename":
		if err := s.checkRename(ArgString(args, 0, "@objname"), strings.ToUpper(ArgString(args, 2, "@objtype"))); err != nil {
			return 1, true, err // perm_stmt.go
		}
		ret, ok, err := s.spRename(ctx, args)
		if err == nil && ret == 0 {
			err = out.Message(&Error{Number: 15477, Severity: 10, State: 1, Message: "Caution: Changing any part of an object name could break scripts and stored procedures."})
		}
		return ret, ok, err
	case "sp_prepare", "sp_execute", "sp_unprepare", "sp_prepexec":
		return 0, true, ErrNotSupported.New(pname + " through EXEC (use RPC)")
	case "sp_xml_preparedocument", "sp_xml_removedocument":
		return s.xmlDocProc(ctx, pname, args) // openxml_doc.go
	case "sp_getapplock":
		ret, err := s.spGetAppLock(ctx, args, out) // applock.go
		return ret, true, err
	case "sp_releaseapplock":
		ret, err := s.spReleaseAppLock(args, out)
		return ret, true, err
	case "sp_updatestats":
		return 0, true, s.spUpdateStats(ctx, out) // stats_update.go
	case "sp_addrolemember", "sp_droprolemember":
		return 0, true, s.spRoleMember(ctx, pname == "sp_addrolemember", args) // roles.go
	case "sp_set_session_context":
		return 0, true, s.spSetSessionContext(args) // sessioncontext.go
	case "sp_reset_connection", "sp_dboption", "sp_serveroption":
		return 0, true, nil
	}
	if p := systemProcs[pname]; p != nil {
		ret, err := p(ctx, s, args, out)
		return ret, true, err
	}
	return 0, false, nil
}

// runQueryText runs a query written in T-SQL and sends its result.
func (s *Session) runQueryText(ctx context.Context, out Output, text string) error {
	return s.execDynamic(ctx, text, nil, out)
}

// RunQuery is runQueryText for system procedures registered by the engine.
func (s *Session) RunQuery(ctx context.Context, out Output, text string) error {
	return s.runQueryText(ctx, out, text)
}

// spRename renames a table (or other object), a column ('table.col',
// 'COLUMN') or an index ('table.index', 'INDEX'). @objname is parsed as a
// multi-part name, so the bracketed forms ORMs send ('[dbo].[t].[c]',
// N'[Posts].[IX_Posts_BlogId]') resolve like plain ones. Renaming the index
// of a PRIMARY KEY or UNIQUE constraint renames the constraint too, as in
// SQL Server.
func (s *Session) spRename(ctx context.Context, args []*ProcArg) (int32, bool, error) {
	obj := ArgString(args, 0, "@objname")
	newName := ArgString(args, 1, "@newname")
	kind := strings.ToUpper(ArgString(args, 2, "@objtype"))
	shown := kind
	if shown == "" || shown == "OBJECT" {
		shown, kind = "object", ""
	}
	ambiguous := &Error{Number: 15248, Severity: 11, State: 1, Message: "Either the parameter @objname is ambiguous or the claimed @objtype (" + shown + ") is wrong."}
	n, err := parseObjectName(obj)
	if err != nil {
		return 1, true, ambiguous
	}
	leaf := n.Last()
	if kind == "COLUMN" || kind == "INDEX" {
		if len(n.Parts) < 2 {
			return 1, true, ambiguous
		}
		n = &ast.Name{Parts: n.Parts[:len(n.Parts)-1]}
	} else if kind != "" {
		return 1, true, &Error{Number: 15249, Severity: 11, State: 1, Message: "Error: Explicit @objtype '" + kind + "' is unrecognized."}
	}
	tr, ok, err := s.resolveTable(n)
	if (err != nil || !ok || tr == nil) && kind == "" {
		if found, err := s.renameObject(ctx, obj, n, newName); found { // sprename_objects.go
			if err != nil {
				return 1, true, err
			}
			return 0, true, nil
		}
	}
	if err != nil || !ok || tr == nil {
		return 1, true, ambiguous
	}
	// A schema-bound module holds the table's name and the columns it
	// reads (schemabind.go).
	switch kind {
	case "":
		if s.boundReferrer(tr.cat, tr.t.Schema, tr.t.Name) != "" {
			return 1, true, errBoundRename(obj)
		}
	case "COLUMN":
		if _, col := tr.t.Column(leaf); col != nil && len(s.boundColumnReferrers(tr.cat, tr.t.Schema, tr.t.Name, col.Name)) > 0 {
			return 1, true, errBoundRename(obj)
		}
	}
	cat, t, err := s.alteredTable(ctx, tr)
	if err != nil {
		return 1, true, err
	}
	switch kind {
	case "COLUMN":
		_, col := t.Column(leaf)
		if col == nil {
			return 1, true, ambiguous
		}
		if i, _ := t.Column(newName); i >= 0 && !strings.EqualFold(newName, col.Name) {
			return 1, true, &Error{Number: 15335, Severity: 11, State: 1, Message: "Error: The new name '" + newName + "' is already in use as a COLUMN name and would cause a duplicate that is not permitted."}
		}
		renameColumnRefs(t, col.Name, newName) // rename_column.go
		col.Name = newName
	case "INDEX":
		var ix *catalog.Index
		for _, x := range t.Indexes {
			if x.Name != "" && strings.EqualFold(x.Name, leaf) {
				ix = x
			}
		}
		if ix == nil {
			return 1, true, ambiguous
		}
		for _, x := range t.Indexes {
			if x != ix && strings.EqualFold(x.Name, newName) {
				return 1, true, &Error{Number: 15335, Severity: 11, State: 1, Message: "Error: The new name '" + newName + "' is already in use as a INDEX name and would cause a duplicate that is not permitted."}
			}
		}
		if ix.Constraint && !strings.EqualFold(ix.Name, newName) && cat.ObjectExists(t.Schema, newName) {
			return 1, true, &Error{Number: 15335, Severity: 11, State: 1, Message: "Error: The new name '" + newName + "' is already in use as a object name and would cause a duplicate that is not permitted."}
		}
		ix.Name = newName
	default:
		if cat.ObjectExists(t.Schema, newName) {
			return 1, true, &Error{Number: 15335, Severity: 11, State: 1, Message: "Error: The new name '" + newName + "' is already in use as a object name and would cause a duplicate that is not permitted."}
		}
		oldKey, newKey := cat.Key(t.Schema, t.Name), cat.Key(t.Schema, newName)
		delete(cat.Tables, oldKey)
		retargetTriggers(cat, oldKey, newKey) // instead_of.go
		// Foreign keys name their referenced table by key.
		for _, other := range cat.Tables {
			for _, fk := range other.ForeignKeys {
				if fk.RefTable == oldKey {
					fk.RefTable = newKey
				}
			}
		}
		t.Name = newName
		cat.Tables[cat.Key(t.Schema, newName)] = t
	}
	t.Modified = time.Now().UTC()
	return 0, true, nil
}

// buildTableFunc compiles a table-valued function in FROM (STRING_SPLIT).
func (s *Session) buildTableFunc(t *ast.TableFunc, outer *scope) (*source, error) {
	name := strings.ToUpper(t.Call.Name.Last())
	if src, ok, err := s.buildRegisteredTableFunc(t, outer); ok { // dmv_tvf.go
		return src, err
	}
	c := &compiler{s: s, sc: &scope{outer: outer}}
	switch name {
	case "OPENJSON":
		return s.buildOpenJSON(t, outer)
	case "OPENXML":
		return s.buildOpenXML(t, outer) // openxml.go
	case "DM_EXEC_SQL_TEXT":
		return s.buildSQLText(t, outer) // sqltext.go
	case "FN_HELPCOLLATIONS":
		return s.buildHelpCollations(t, outer) // helpcollations.go
	case "FN_LISTEXTENDEDPROPERTY":
		return s.buildListExtendedProperty(t, outer) // compat_sysviews.go
	case "GENERATE_SERIES":
		return s.buildGenerateSeries(t, outer) // series.go
	case "STRING_SPLIT":
		if len(t.Call.Args) < 2 {
			return nil, ErrWrongArgCount.New("STRING_SPLIT", 2)
		}
		args, err := c.args(t.Call)
		if err != nil {
			return nil, err
		}
		alias := identName(t.Alias)
		vt := stringSplitType(args[0].typ, args[1].typ)
		// value has the string's collation (the database's for a literal
		// or a variable, dbcollation.go); it stays coercible, yielding to a
		// column's (the semijoin corpus: cs IN (SELECT value …) is no 468).
		if args[0].typ.ID.IsString() {
			vt.Collation = args[0].typ.Collation
		} else {
			vt = c.s.coercible(vt)
		}
		sc := &scope{outer: outer, cols: []scopeCol{{qual: strings.ToLower(alias), name: "value", typ: vt, idx: 0}}}
		// enable_ordinal is a constant: 1 adds the ordinal column, 0 or
		// NULL leaves it out (it was added whenever a third argument was
		// given).
		withOrdinal := len(args) > 2
		if withOrdinal && args[2].konst != nil {
			k := *args[2].konst
			withOrdinal = !k.IsNull() && k.Int64() != 0
		}
		if withOrdinal {
			sc.cols = append(sc.cols, scopeCol{qual: strings.ToLower(alias), name: "ordinal", typ: types.TypeBigInt, idx: 1})
		}
		return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
			vals, err := evalArgs(ec, nil, args)
			if err != nil {
				return nil, err
			}
			if vals[0].IsNull() {
				return &sliceIter{}, nil
			}
			text, _ := asText(vals[0])
			sep, _ := asText(vals[1])
			if len([]rune(sep)) != 1 {
				return nil, &Error{Number: 214, Severity: 16, State: 11, Message: "Procedure expects parameter 'separator' of type 'nchar(1)/nvarchar(1)'."}
			}
			var rows []Row
			for i, part := range strings.Split(text, sep) {
				r := Row{types.NewString(vt.ID, part)}
				if withOrdinal {
					r = append(r, types.NewBigInt(int64(i+1)))
				}
				rows = append(rows, r)
			}
			return &sliceIter{rows: rows}, nil
		}}, nil
	}
	return nil, &Error{Number: 208, Severity: 16, State: 1, Message: "Invalid object name '" + t.Call.Name.SQL() + "'."}
}

// stringSplitType is STRING_SPLIT's value column: nvarchar when the string
// or the separator is nvarchar or nchar, else varchar, of the string's
// length (the STRING_SPLIT page's return types; it was always the string's
// own type, so an nvarchar separator split a varchar into varchar, and a
// char string gave padded char values).
func stringSplitType(str, sep types.Type) types.Type {
	if !str.ID.IsString() {
		return types.NVarCharType(4000)
	}
	n := str.Length
	if str.ID == types.Text || str.ID == types.NText {
		n = types.MaxLength
	}
	if str.ID.IsUnicode() || sep.ID.IsUnicode() {
		return types.NVarCharType(n)
	}
	return types.VarCharType(n)
}

// unicodeArg reports whether sp_executesql may take v as its statement or
// parameter list: nvarchar, nchar or ntext (or NULL), not varchar (214).
func unicodeArg(v types.Value) bool {
	switch v.TypeID() {
	case types.Char, types.VarChar, types.Text:
		return v.IsNull()
	}
	return true
}

// errNotUnicodeParam is 214, sp_executesql given a non-Unicode string.
func errNotUnicodeParam(param string) *Error {
	return &Error{Number: 214, Severity: 16, State: 2, Message: "Procedure expects parameter '" + param + "' of type 'ntext/nchar/nvarchar'."}
}
