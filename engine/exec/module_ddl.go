package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Catalog plumbing shared by functions, triggers and sequences: DROP, the
// sys.objects rows, sys.sql_modules and name/id lookups for OBJECT_ID and
// OBJECT_NAME.

// lockCatalog takes, for the rest of the transaction, an exclusive lock on
// db's catalog for the changes made here (modules, sequence values). A
// transaction's catalog is a copy published whole at commit, so two
// transactions changing copies taken side by side would lose one's change
// (a sequence would hand out a value twice). Taken before the copy, the lock
// makes the second wait for the first's commit and copy its result. Every
// first copy of a shared catalog takes it (mutableCatalog).
func (s *Session) lockCatalog(ctx context.Context, db Database) error {
	return s.lock(ctx, txn.ObjectResource(uint32(db.ID()), catalog.ObjectCatalog), txn.ModeX, txn.ForTransaction)
}

// checkModuleMode checks CREATE, ALTER or CREATE OR ALTER of a function or
// trigger named name in schema, where exists says whether one of that kind is
// there: CREATE of a name any object holds is 2714, and so is CREATE OR ALTER
// of a name another kind of object holds; ALTER of a missing one is 208.
func checkModuleMode(cat *catalog.Database, schema, name string, mode ast.CreateMode, exists bool) error {
	switch {
	case (mode == ast.ModeCreate || !exists) && cat.ObjectExists(schema, name):
		return ErrObjectExists.New(name)
	case mode == ast.ModeAlter && !exists:
		return ErrInvalidObject.New(name)
	}
	return nil
}

// isModuleDrop reports the DROP kinds handled by dropModules.
func isModuleDrop(k ast.ObjectKind) bool {
	return k == ast.ObjFunction || k == ast.ObjTrigger || k == ast.ObjSequence || k == ast.ObjSynonym
}

// dropModules is DROP FUNCTION | TRIGGER | SEQUENCE [IF EXISTS] name, …;
// a missing object is error 3701 unless IF EXISTS.
func (s *Session) dropModules(ctx context.Context, st *ast.DropStmt) error {
	if st.Database {
		return s.dropDDLTriggers(ctx, st) // ddl_trigger.go
	}
	for _, n := range st.Names {
		_, cat, schema, err := s.ddlExisting(ctx, n) // names.go
		if err != nil {
			return err
		}
		key := cat.Key(schema, n.Last())
		var m map[string]*catalog.Module
		what := "function"
		switch st.Kind {
		case ast.ObjTrigger:
			m, what = cat.Triggers, "trigger"
		case ast.ObjSynonym:
			if err := dropSynonym(cat, key, st.IfExists, nameText(n)); err != nil { // synonym.go
				return err
			}
			continue
		case ast.ObjSequence:
			if cat.Sequences[key] == nil {
				if st.IfExists {
					continue
				}
				return ErrCannotDropObject.New("sequence", nameText(n))
			}
			delete(cat.Sequences, key)
			continue
		default:
			m = cat.Functions
		}
		if m[key] == nil {
			if st.IfExists {
				continue
			}
			return ErrCannotDropObject.New(what, nameText(n))
		}
		if st.Kind == ast.ObjFunction {
			if by := s.boundReferrer(cat, schema, n.Last()); by != "" { // schemabind.go
				return errBoundDrop("FUNCTION", m[key].Schema+"."+m[key].Name, by)
			}
		}
		delete(m, key)
	}
	return nil
}

// moduleObjectRows are the sys.objects rows of functions, triggers and
// sequences, in the column order of objectRows.
func moduleObjectRows(cat *catalog.Database, kind string) []Row {
	var out []Row
	add := func(name string, id int32, schema string, parent int32, typ, desc string, created, modified types.Value) {
		if kind != "" && kind != typ {
			return
		}
		out = append(out, Row{str(name), i32(id), null, i32(schemaID(cat, schema)), i32(parent), objectType(typ),
			str(desc), created, modified, bit(false), bit(false), bit(false)})
	}
	for _, m := range cat.Functions {
		add(m.Name, m.ID, m.Schema, 0, m.Type, m.TypeDesc(), dt(m.Created), dt(m.Modified))
	}
	for _, m := range cat.Triggers {
		add(m.Name, m.ID, m.Schema, triggerParent(cat, m), "TR", m.TypeDesc(), dt(m.Created), dt(m.Modified))
	}
	for _, q := range cat.Sequences {
		add(q.Name, q.ID, q.Schema, 0, "SO", "SEQUENCE_OBJECT", dt(q.Created), dt(q.Modified))
	}
	for _, y := range cat.Synonyms { // synonym.go
		add(y.Name, y.ID, y.Schema, 0, "SN", "SYNONYM", dt(y.Created), dt(y.Modified))
	}
	return out
}

// moduleID finds a function, trigger or sequence by schema and name.
func moduleID(cat *catalog.Database, schema, name string) (int32, bool) {
	k := cat.Key(schema, name)
	if m := cat.Functions[k]; m != nil {
		return m.ID, true
	}
	if m := cat.Triggers[k]; m != nil {
		return m.ID, true
	}
	if q := cat.Sequences[k]; q != nil {
		return q.ID, true
	}
	if y := cat.Synonyms[k]; y != nil {
		return y.ID, true
	}
	return 0, false
}

// moduleName finds a function, trigger or sequence by object id.
func moduleName(cat *catalog.Database, id int32) (schema, name string, ok bool) {
	for _, m := range cat.Functions {
		if m.ID == id {
			return m.Schema, m.Name, true
		}
	}
	for _, m := range cat.Triggers {
		if m.ID == id {
			return m.Schema, m.Name, true
		}
	}
	for _, q := range cat.Sequences {
		if q.ID == id {
			return q.Schema, q.Name, true
		}
	}
	for _, y := range cat.Synonyms {
		if y.ID == id {
			return y.Schema, y.Name, true
		}
	}
	return "", "", false
}

func init() {
	RegisterView("sys.sql_modules", []ViewColumn{{"object_id", vInt}, {"definition", types.NVarCharType(types.MaxLength)},
		{"uses_ansi_nulls", vBit}, {"uses_quoted_identifier", vBit}, {"is_schema_bound", vBit}, {"null_on_null_input", vBit},
		{"is_recompiled", vBit}, {"execute_as_principal_id", vInt}},
		func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			var out []Row
			add := func(id int32, text string, enc bool, ms catalog.ModuleSets, nullOnNull bool) {
				def := types.NewString(types.NVarChar, text)
				if enc {
					def = types.Null(types.NVarChar) // WITH ENCRYPTION
				}
				bound, recompiled := s.moduleOptions(text, ms)
				out = append(out, Row{i32(id), def, bit(!ms.AnsiNullsOff), bit(!ms.QuotedIdentifierOff), bit(bound), bit(nullOnNull), bit(recompiled),
					s.executeAsPrincipal(cat, text, ms)}) // metafuncs.go
			}
			for _, v := range cat.Views {
				add(v.ID, v.Text, v.Encrypted, v.ModuleSets, false)
			}
			for _, p := range cat.Procedures {
				add(p.ID, p.Text, p.Encrypted, p.ModuleSets, false)
			}
			for _, m := range cat.Functions {
				// The definition is as written: line breaks and runs of blanks may
				// separate the words.
				add(m.ID, m.Text, m.Encrypted, m.ModuleSets, strings.Contains(strings.Join(strings.Fields(strings.ToUpper(m.Text)), " "), "RETURNS NULL ON NULL INPUT"))
			}
			for _, m := range cat.Triggers {
				add(m.ID, m.Text, m.Encrypted, m.ModuleSets, false)
			}
			for _, m := range cat.DDLTriggers {
				add(m.ID, m.Text, m.Encrypted, m.ModuleSets, false)
			}
			return out, nil
		})
	RegisterView("sys.triggers", []ViewColumn{{"name", vName}, {"object_id", vInt}, {"parent_class", vTinyInt}, {"parent_class_desc", vDesc},
		{"parent_id", vInt}, {"type", types.Type{ID: types.Char, Length: 2}}, {"type_desc", vDesc}, {"create_date", vDateTime}, {"modify_date", vDateTime},
		{"is_ms_shipped", vBit}, {"is_disabled", vBit}, {"is_not_for_replication", vBit}, {"is_instead_of_trigger", vBit}},
		func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			var out []Row
			for _, m := range cat.Triggers {
				def, _ := s.triggerDef(m)
				out = append(out, Row{str(m.Name), i32(m.ID), types.NewTinyInt(1), str("OBJECT_OR_COLUMN"), i32(triggerParent(cat, m)), types.NewString(types.Char, "TR"),
					str("SQL_TRIGGER"), dt(m.Created), dt(m.Modified), bit(false), bit(m.Disabled), bit(false), bit(def != nil && def.InsteadOf)})
			}
			for _, m := range cat.DDLTriggers { // ddl_trigger.go: parent_class 0, the database
				out = append(out, Row{str(m.Name), i32(m.ID), types.NewTinyInt(0), str("DATABASE"), i32(0), types.NewString(types.Char, "TR"),
					str("SQL_TRIGGER"), dt(m.Created), dt(m.Modified), bit(false), bit(m.Disabled), bit(false), bit(false)})
			}
			return out, nil
		})
	RegisterView("sys.sequences", []ViewColumn{{"name", vName}, {"object_id", vInt}, {"schema_id", vInt}, {"type", types.Type{ID: types.Char, Length: 2}},
		{"type_desc", vDesc}, {"start_value", vBigInt}, {"increment", vBigInt}, {"minimum_value", vBigInt}, {"maximum_value", vBigInt},
		{"is_cycling", vBit}, {"is_cached", vBit}, {"cache_size", vInt}, {"system_type_id", vTinyInt}, {"user_type_id", vInt},
		{"precision", vTinyInt}, {"scale", vTinyInt}, {"current_value", vBigInt}, {"is_exhausted", vBit}, {"last_used_value", vBigInt}},
		func(s *Session, db Database) ([]Row, error) {
			cat := s.catalogFor(db)
			var out []Row
			for k, q := range cat.Sequences {
				cur, started := q.Current, q.Started
				if c := committedSequence(db, k, q); c != nil { // sequence_alloc.go
					var err error
					if cur, started, err = seqAllocFor(db, c.ID).position(context.Background(), db, c, false); err != nil {
						return nil, err
					}
				}
				last := types.Null(types.BigInt)
				if started {
					last = types.NewBigInt(cur)
				} else {
					cur = q.Start
				}
				cacheSize := types.Null(types.Int)
				if q.CacheSize > 0 && !q.NoCache {
					cacheSize = i32(int32(min(q.CacheSize, 1<<31-1)))
				}
				typeID, prec := sequenceTypeInfo(q)
				out = append(out, Row{str(q.Name), i32(q.ID), i32(schemaID(cat, q.Schema)), types.NewString(types.Char, "SO"), str("SEQUENCE_OBJECT"),
					types.NewBigInt(q.Start), types.NewBigInt(q.Increment), types.NewBigInt(q.Min), types.NewBigInt(q.Max), bit(q.Cycle),
					bit(!q.NoCache), cacheSize, types.NewTinyInt(typeID), i32(int32(typeID)), types.NewTinyInt(prec), types.NewTinyInt(0),
					types.NewBigInt(cur), bit(started && sequenceExhausted(q, cur)), last})
			}
			return out, nil
		})
}

// moduleStmt runs the statements of this feature family that stmt.go does
// not dispatch itself: CREATE SEQUENCE, CREATE TRIGGER and the cursor
// statements; handled is false for any other statement.
func (s *Session) moduleStmt(ctx context.Context, st ast.Statement, out Output) (handled bool, err error) {
	switch st := st.(type) {
	case *ast.CreateSequenceStmt:
		return true, s.createSequence(ctx, st)
	case *ast.CreateTriggerStmt:
		return true, s.createTrigger(ctx, st)
	case *ast.AlterScopedConfigStmt:
		return true, s.alterScopedConfig(ctx, st) // scopedconfig.go
	case *ast.CreateSynonymStmt:
		return true, s.createSynonym(ctx, st) // synonym.go
	}
	return s.cursorStmt(ctx, st, out)
}

// statementText is a CREATE statement as the client wrote it (what
// sys.sql_modules.definition, OBJECT_DEFINITION and sp_helptext show, as in
// SQL Server), from the batch text; its canonical SQL when positions are
// unknown.
func (s *Session) statementText(st ast.Statement) string {
	from, to := st.Pos(), st.End()
	if s.batch != nil && from.IsValid() && to.IsValid() {
		if a, b := from.Offset(), to.Offset(); 0 <= a && a < b && b <= len(s.batch.text) {
			return s.batch.text[a:b]
		}
	}
	return st.SQL()
}

// moduleText is the definition of the view, procedure, function,
// trigger (DML or DDL), CHECK or DEFAULT constraint with object id id in cat; ok is false when id has none, enc true
// when it was created WITH ENCRYPTION (and is not to be shown).
func moduleText(cat *catalog.Database, id int32) (text string, enc, ok bool) {
	if o := systemObjectByID(id); o != nil { // sysviews_system.go
		text, ok = o.definition()
		return text, false, ok
	}
	for _, v := range cat.Views {
		if v.ID == id {
			return v.Text, v.Encrypted, true
		}
	}
	for _, p := range cat.Procedures {
		if p.ID == id {
			return p.Text, p.Encrypted, true
		}
	}
	for _, m := range cat.Functions {
		if m.ID == id {
			return m.Text, m.Encrypted, true
		}
	}
	for _, m := range cat.Triggers {
		if m.ID == id {
			return m.Text, m.Encrypted, true
		}
	}
	for _, m := range cat.DDLTriggers {
		if m.ID == id {
			return m.Text, m.Encrypted, true
		}
	}
	// A CHECK or DEFAULT constraint's definition is its stored expression
	// (object types C and D on the OBJECT_DEFINITION and sp_helptext
	// pages), as sys.check_constraints / sys.default_constraints show it.
	for _, t := range cat.SortedTables() {
		for _, ck := range t.Checks {
			if ck.ID == id {
				return defaultDefinition(ck.Expr), false, true
			}
		}
		for _, c := range t.Columns {
			if c.DefaultID == id && c.Default != "" {
				return defaultDefinition(c.Default), false, true
			}
		}
	}
	return "", false, false
}

// objectDefinition compiles OBJECT_DEFINITION(object_id): the module's
// definition in the current database, NULL for other ids.
func (c *compiler) objectDefinition(f *ast.FuncCall) (*expr, error) {
	if len(f.Args) != 1 {
		return nil, ErrWrongArgCount.New("object_definition", 1)
	}
	args, err := c.args(f)
	if err != nil {
		return nil, err
	}
	s := c.s
	return &expr{typ: types.NVarCharType(types.MaxLength), col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		vals, err := evalArgs(ec, row, args)
		if err != nil || vals[0].IsNull() {
			return types.Null(types.NVarChar), err
		}
		text, enc, ok := moduleText(s.catalogFor(s.db), int32(vals[0].Int64()))
		if !ok || enc {
			return types.Null(types.NVarChar), nil
		}
		return types.NewString(types.NVarChar, text), nil
	}}, nil
}

// spHelpText is sp_helptext @objname: the module's definition as rows of a
// Text column, split as SQL Server's procedure splits it (helpTextRows).
func (s *Session) spHelpText(ctx context.Context, args []*ProcArg, out Output) error {
	name := ArgString(args, 0, "@objname")
	id, ok := s.objectID(name)
	if !ok {
		return &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + name + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
	}
	text, enc, ok := moduleText(s.catalogFor(s.db), id)
	if !ok {
		return &Error{Number: 15197, Severity: 16, State: 1, Message: "There is no text for object '" + name + "'."}
	}
	if enc {
		return out.Message(&Error{Number: 15471, Severity: 10, State: 1, Message: "The text for object '" + name + "' is encrypted."})
	}
	if err := out.Columns([]ResultColumn{{Name: "Text", Type: types.NVarCharType(255), Nullable: true}}); err != nil {
		return err
	}
	rows := helpTextRows(text) // module_source.go
	for _, r := range rows {
		if err := out.Row(Row{types.NewString(types.NVarChar, r)}); err != nil {
			return err
		}
	}
	return s.done(out, CmdSelect, int64(len(rows)), true)
}

// moduleOptions reports a module's WITH SCHEMABINDING (a view or function)
// and WITH RECOMPILE (a procedure), from its stored CREATE statement.
func (s *Session) moduleOptions(text string, ms catalog.ModuleSets) (schemaBound, recompiled bool) {
	stmts, err := s.parseModule(text, ms)
	if err != nil || len(stmts) == 0 {
		return false, false
	}
	var opts []string
	switch st := stmts[0].(type) {
	case *ast.CreateViewStmt:
		opts = st.Options
	case *ast.CreateFunctionStmt:
		opts = st.Options
	case *ast.CreateProcStmt:
		opts = st.Options
	}
	for _, o := range opts {
		switch strings.ToUpper(o) {
		case "SCHEMABINDING":
			schemaBound = true
		case "RECOMPILE":
			recompiled = true
		}
	}
	return schemaBound, recompiled
}
