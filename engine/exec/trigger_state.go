package exec

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// ENABLE / DISABLE TRIGGER and ALTER TABLE … ENABLE / DISABLE TRIGGER: a
// disabled trigger stays defined (sys.triggers.is_disabled = 1) but does
// not fire, AFTER or INSTEAD OF, until enabled again. The state is part
// of the logged catalog, so it survives a restart and reaches the mirror.

// runTriggerState runs { ENABLE | DISABLE } TRIGGER … ON ….
func (s *Session) runTriggerState(ctx context.Context, st *ast.TriggerStateStmt) error {
	if st.Database {
		return s.ddlTriggerState(ctx, st) // ddl_trigger.go
	}
	if st.Table == nil {
		// ON DATABASE / ALL SERVER name DDL triggers, which this server
		// does not have: ALL is nothing to do, a name is not found.
		if st.All {
			return nil
		}
		return errCannotFind(st.Names[0])
	}
	tr, ok, err := s.resolveTable(st.Table)
	if err != nil {
		return err
	}
	if !ok {
		return s.viewTriggerState(ctx, st)
	}
	if err := s.lockSchema(ctx, tr); err != nil {
		return err
	}
	cat, err := s.mutableCatalog(ctx, tr.db)
	if err != nil {
		return err
	}
	names := make([]string, len(st.Names))
	for i, n := range st.Names {
		names[i] = n.Last()
	}
	return setTriggersEnabled(cat, cat.Key(tr.t.Schema, tr.t.Name), st.Enable, st.All, names, func(name string) error {
		return errCannotFind(&ast.Name{Parts: []*ast.Ident{{Name: name}}})
	})
}

// viewTriggerState is ENABLE/DISABLE TRIGGER on a view (its INSTEAD OF
// triggers).
func (s *Session) viewTriggerState(ctx context.Context, st *ast.TriggerStateStmt) error {
	db, err := s.resolveDatabase(st.Table.Part(2))
	if err != nil {
		return err
	}
	schema := s.objectSchema(s.catalogFor(db), st.Table.Part(1), st.Table.Last()) // names.go
	if s.catalogFor(db).View(schema, st.Table.Last()) == nil {
		return errCannotFind(st.Table)
	}
	cat, err := s.mutableCatalog(ctx, db)
	if err != nil {
		return err
	}
	v := cat.View(schema, st.Table.Last())
	names := make([]string, len(st.Names))
	for i, n := range st.Names {
		names[i] = n.Last()
	}
	return setTriggersEnabled(cat, cat.Key(v.Schema, v.Name), st.Enable, st.All, names, func(name string) error {
		return errCannotFind(&ast.Name{Parts: []*ast.Ident{{Name: name}}})
	})
}

// alterTableTriggers is ALTER TABLE t { ENABLE | DISABLE } TRIGGER …; a
// name that is not a trigger of t is 4920.
func alterTableTriggers(cat *catalog.Database, t *catalog.Table, a *ast.AlterTableTrigger) error {
	names := make([]string, len(a.Names))
	for i, n := range a.Names {
		names[i] = n.Name
	}
	return setTriggersEnabled(cat, cat.Key(t.Schema, t.Name), a.Enable, a.All, names, func(name string) error {
		return &Error{Number: 4920, Severity: 16, State: 1, Message: "ALTER TABLE failed because trigger '" + name + "' does not belong to table '" + t.Name + "'."}
	})
}

// setTriggersEnabled sets the state of the named triggers (or all) of the
// object with key table in the statement's mutable catalog. Modules are
// shared with the committed catalog, so a changed one is copied.
func setTriggersEnabled(cat *catalog.Database, table string, enable, all bool, names []string, missing func(string) error) error {
	pick := map[string]bool{}
	for _, n := range names {
		pick[strings.ToLower(n)] = true
	}
	found := map[string]bool{}
	now := time.Now().UTC()
	for k, m := range cat.Triggers {
		if m.Table != table || !all && !pick[strings.ToLower(m.Name)] {
			continue
		}
		found[strings.ToLower(m.Name)] = true
		if m.Disabled == !enable {
			continue
		}
		c := *m
		c.Disabled, c.Modified = !enable, now
		cat.Triggers[k] = &c
	}
	for _, n := range names {
		if !found[strings.ToLower(n)] {
			return missing(n)
		}
	}
	return nil
}
