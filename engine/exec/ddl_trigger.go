package exec

import (
	"context"
	"encoding/xml"
	"sort"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Database-scoped DDL triggers (CREATE TRIGGER name ON DATABASE FOR
// event_type_or_group, …). They are kept in the catalog's DDLTriggers, not
// with the schema-scoped DML triggers: they have no schema, OBJECT_ID does
// not find them and sys.objects does not list them, while sys.triggers
// (parent_class 0, DATABASE) and sys.sql_modules do. Being catalog state
// they are logged, survive a restart and reach a mirror like any module.
//
// A DDL trigger fires after its statement has run, inside the statement's
// transaction (its own when none is open, as for DML triggers,
// trigger_abort.go), so a ROLLBACK in it undoes the DDL and ends the batch
// with 3609. EVENTDATA() in its body is the event's EVENT_INSTANCE xml.

// ddlEvent is one DDL event: its type and the object it is about.
type ddlEvent struct {
	kind       string // CREATE_TABLE, …; "" for no event
	schema     string
	object     string
	objectType string // TABLE, VIEW, …
}

// ddlEventOf maps a statement to its DDL event.
func ddlEventOf(st ast.Statement) ddlEvent {
	verb := func(m ast.CreateMode) string {
		if m == ast.ModeAlter {
			return "ALTER_"
		}
		return "CREATE_" // CREATE OR ALTER of a new module is a CREATE
	}
	// A temporary table or procedure is no event: "DDL triggers do not fire
	// in response to events that affect local or global temporary tables and
	// stored procedures" (DDL Triggers page), so a safety trigger on
	// DROP_TABLE does not refuse an application's DROP TABLE #t.
	named := func(kind, typ string, n *ast.Name) ddlEvent {
		if n != nil && strings.HasPrefix(n.Last(), "#") {
			return ddlEvent{}
		}
		e := ddlEvent{kind: kind, objectType: typ}
		if n != nil {
			e.schema, e.object = n.Part(1), n.Last()
		}
		return e
	}
	switch st := st.(type) {
	case *ast.CreateTableStmt:
		return named("CREATE_TABLE", "TABLE", st.Name)
	case *ast.AlterTableStmt:
		return named("ALTER_TABLE", "TABLE", st.Name)
	case *ast.DropTableStmt:
		return named("DROP_TABLE", "TABLE", st.Names[0])
	case *ast.CreateViewStmt:
		return named(verb(st.Mode)+"VIEW", "VIEW", st.Name)
	case *ast.CreateProcStmt:
		return named(verb(st.Mode)+"PROCEDURE", "PROCEDURE", st.Name)
	case *ast.CreateFunctionStmt:
		return named(verb(st.Mode)+"FUNCTION", "FUNCTION", st.Name)
	case *ast.CreateTriggerStmt:
		return named(verb(st.Mode)+"TRIGGER", "TRIGGER", st.Name)
	case *ast.CreateIndexStmt:
		e := named("CREATE_INDEX", "INDEX", st.Table)
		e.object = st.Name.Name
		return e
	case *ast.DropIndexStmt:
		e := named("DROP_INDEX", "INDEX", st.Items[0].Table)
		e.object = st.Items[0].Index.Name
		return e
	case *ast.CreateSchemaStmt:
		return ddlEvent{kind: "CREATE_SCHEMA", object: st.Name.Name, objectType: "SCHEMA"}
	case *ast.CreateUserStmt:
		if st.Alter {
			return ddlEvent{kind: "ALTER_USER", object: st.Name.Name, objectType: "SQL USER"}
		}
		return ddlEvent{kind: "CREATE_USER", object: st.Name.Name, objectType: "SQL USER"}
	case *ast.CreateRoleStmt:
		return ddlEvent{kind: "CREATE_ROLE", object: st.Name.Name, objectType: "ROLE"}
	case *ast.DropStmt:
		typ := dropEventTypes[st.Kind]
		if typ == "" || len(st.Names) == 0 {
			return ddlEvent{}
		}
		e := named("DROP_"+typ, typ, st.Names[0])
		if st.Kind == ast.ObjUser {
			e.objectType = "SQL USER"
		}
		return e
	}
	return ddlEvent{}
}

// dropEventTypes names the object types of the DROP statements that are DDL
// events.
var dropEventTypes = map[ast.ObjectKind]string{ast.ObjView: "VIEW", ast.ObjProcedure: "PROCEDURE", ast.ObjFunction: "FUNCTION",
	ast.ObjTrigger: "TRIGGER", ast.ObjSchema: "SCHEMA", ast.ObjUser: "USER", ast.ObjRole: "ROLE",
	ast.ObjSynonym: "SYNONYM", ast.ObjSequence: "SEQUENCE", ast.ObjType: "TYPE"}

// ddlTriggerEvent returns st's event when the current database has DDL
// triggers and st is not the statement already firing them (""
// otherwise: the common case costs one map length check).
func (s *Session) ddlTriggerEvent(st ast.Statement) ddlEvent {
	if s.db == nil || s.batch == nil || s.batch.ddlFiring == st {
		return ddlEvent{}
	}
	ev := ddlEventOf(st) // a type switch: no cost for other statements
	if ev.kind == "" || len(s.catalogFor(s.db).DDLTriggers) == 0 {
		return ddlEvent{}
	}
	return ev
}

// runFiringDDL runs st, then the enabled DDL triggers of the database that
// cover its event, in creation order, in the statement's transaction.
func (s *Session) runFiringDDL(ctx context.Context, st ast.Statement, ev ddlEvent, out Output) error {
	b := s.batch
	prev := b.ddlFiring
	b.ddlFiring = st
	err := s.execStatement(ctx, st, out)
	b.ddlFiring = prev
	if err != nil {
		return err
	}
	db := s.db
	cat := s.catalogFor(db)
	var mods []*catalog.Module
	for _, m := range cat.DDLTriggers {
		if !m.Disabled {
			mods = append(mods, m)
		}
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].ID < mods[j].ID })
	if ev.schema == "" && ev.objectType != "SCHEMA" && ev.objectType != "SQL USER" && ev.objectType != "ROLE" {
		ev.schema = "dbo"
	}
	data := s.eventData(db, ev, s.statementText(st))
	for _, m := range mods {
		if err := s.runDDLTrigger(ctx, db, m, ev, data, out); err != nil {
			return err
		}
	}
	return nil
}

// runDDLTrigger runs DDL trigger m for ev if one of its events covers it.
func (s *Session) runDDLTrigger(ctx context.Context, db Database, m *catalog.Module, ev ddlEvent, data string, out Output) error {
	stmts, err := s.parseModule(m.Text, m.ModuleSets) // module_sets.go
	if err != nil {
		return err
	}
	if len(stmts) == 0 {
		return nil
	}
	def, ok := stmts[0].(*ast.CreateTriggerStmt)
	if !ok || !def.Database {
		return nil
	}
	fires := false
	for _, e := range def.Events {
		fires = fires || ddlEventCovers(e, ev.kind)
	}
	if !fires || s.directTriggerRecursion(m) {
		return nil
	}
	if s.depth() >= maxNesting { // perm.go
		return errNestingLimit
	}
	defer s.keepOptions()()
	s.runUnderSets(m.ModuleSets) // module_sets.go
	bs := s.callScope(newBatchState(nil, true))
	bs.text, bs.qiOff, bs.module = m.Text, m.QuotedIdentifierOff, true
	// @@PROCID is the DDL trigger's id.
	bs.objectID = m.ID
	defer s.enterModule(db, "dbo", def.Options...)() // perm.go
	prevBatch, prevDB, prevProc := s.batch, s.db, s.proc
	s.batch, s.db, s.proc = bs, db, &procFrame{name: m.Name, parent: s.proc, extra: s.dynLevels(), trigger: m, event: data}
	defer func() { s.batch, s.db, s.proc = prevBatch, prevDB, prevProc }()
	fr := &funcRun{out: out, trigger: true}
	// A #t the trigger creates is dropped when it ends (proctemp.go), in
	// the firing statement's transaction.
	bs.temps = &tempScope{temps: s.tempTableIDs()}
	implied := s.beginTriggerTran() // trigger_abort.go
	if _, err = s.runFuncList(ctx, def.Body, fr); err == nil && fr.doomed {
		err = errTriggerDoomed.New()
	} else if err != nil {
		_, raised := fr.last.(*ast.RaiserrorStmt)
		err = triggerAbort(err, raised)
	}
	s.dropScopeTemps(ctx, bs.temps)
	return s.endTriggerTran(implied, err)
}

// eventData builds EVENTDATA()'s EVENT_INSTANCE document for ev, with the
// elements the DDL Events page lists for database-level events.
func (s *Session) eventData(db Database, ev ddlEvent, text string) string {
	esc := func(v string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(v))
		return b.String()
	}
	var b strings.Builder
	el := func(name, v string) { b.WriteString("<" + name + ">" + esc(v) + "</" + name + ">") }
	b.WriteString("<EVENT_INSTANCE>")
	el("EventType", ev.kind)
	el("PostTime", time.Now().Format("2006-01-02T15:04:05.000"))
	el("SPID", types.NewInt(s.SPID).String())
	el("ServerName", s.srv.ServerName())
	el("LoginName", s.Login)
	el("UserName", s.currentUser(s.catalogFor(db)))
	el("DatabaseName", db.Name())
	el("SchemaName", ev.schema)
	el("ObjectName", ev.object)
	el("ObjectType", ev.objectType)
	b.WriteString("<TSQLCommand>")
	b.WriteString(`<SetOptions ANSI_NULLS="ON" ANSI_NULL_DEFAULT="ON" ANSI_PADDING="ON" QUOTED_IDENTIFIER="ON" ENCRYPTED="FALSE"/>`)
	el("CommandText", text)
	b.WriteString("</TSQLCommand></EVENT_INSTANCE>")
	return b.String()
}

// eventDataValue is EVENTDATA(): the running DDL trigger's event, NULL
// outside one.
func (s *Session) eventDataValue() types.Value {
	if s.proc == nil || s.proc.event == "" {
		return types.Null(types.XML)
	}
	return types.NewString(types.XML, s.proc.event)
}

var errInvalidEventType = errorKind{1084, 15, 1, "'%s' is an invalid event type.", AbortStatement}

var errEventNotOnTarget = errorKind{1098, 15, 1, "The specified event type(s) is/are not valid on the specified target object.", AbortStatement}

// createDDLTrigger is CREATE / ALTER / CREATE OR ALTER TRIGGER … ON DATABASE.
func (s *Session) createDDLTrigger(ctx context.Context, st *ast.CreateTriggerStmt) error {
	for _, e := range st.Events {
		if _, ok := ddlEventByName[e]; ok && !ddlEventKnown(e) {
			return errEventNotOnTarget.New() // a server-level event ON DATABASE
		}
		if !ddlEventKnown(e) {
			return errInvalidEventType.New(e)
		}
	}
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return err
	}
	if cat.DDLTriggers == nil {
		cat.DDLTriggers = map[string]*catalog.Module{}
	}
	name := st.Name.Last()
	key := strings.ToLower(name)
	existing := cat.DDLTriggers[key]
	switch {
	case st.Mode == ast.ModeCreate && existing != nil:
		return ErrObjectExists.New(name)
	case st.Mode == ast.ModeAlter && existing == nil:
		return ErrInvalidObject.New(name)
	}
	now := time.Now().UTC()
	m := &catalog.Module{Name: name, Type: "TR", Text: s.moduleDefinition(st), Encrypted: encrypted(st.Options),
		ModuleSets: s.moduleSets(), Created: now, Modified: now}
	if existing != nil {
		m.ID, m.Created, m.Disabled = existing.ID, existing.Created, existing.Disabled
	} else {
		m.ID = cat.NewObjectID()
	}
	cat.DDLTriggers[key] = m
	return nil
}

// dropDDLTriggers is DROP TRIGGER [IF EXISTS] name, … ON DATABASE.
func (s *Session) dropDDLTriggers(ctx context.Context, st *ast.DropStmt) error {
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return err
	}
	for _, n := range st.Names {
		key := strings.ToLower(n.Last())
		if cat.DDLTriggers[key] == nil {
			if st.IfExists {
				continue
			}
			return ErrCannotDropObject.New("trigger", nameText(n))
		}
		delete(cat.DDLTriggers, key)
	}
	return nil
}

// ddlTriggerState is { ENABLE | DISABLE } TRIGGER { name, … | ALL } ON DATABASE.
func (s *Session) ddlTriggerState(ctx context.Context, st *ast.TriggerStateStmt) error {
	committed := s.catalogFor(s.db)
	for _, n := range st.Names {
		if committed.DDLTriggers[strings.ToLower(n.Last())] == nil {
			return errCannotFind(n)
		}
	}
	if len(committed.DDLTriggers) == 0 {
		return nil
	}
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return err
	}
	pick := map[string]bool{}
	for _, n := range st.Names {
		pick[strings.ToLower(n.Last())] = true
	}
	now := time.Now().UTC()
	for k, m := range cat.DDLTriggers {
		if (st.All || pick[k]) && m.Disabled == st.Enable {
			c := *m
			c.Disabled, c.Modified = !st.Enable, now
			cat.DDLTriggers[k] = &c
		}
	}
	return nil
}
