package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// AFTER triggers of the tables a cascading referential action changes
// (ON DELETE / ON UPDATE CASCADE, SET NULL, SET DEFAULT; foreignkey.go).
// SQL Server's documented order ("Triggers and cascading referential
// actions"): every cascade the statement causes is done first; then the
// AFTER triggers of the tables the cascades affected fire, once per table
// and event with that table's cascaded rows as deleted/inserted, in the
// opposite order of the cascading actions (the deepest table of a chain
// first, a chain's triggers all before the next chain's); the trigger of
// the statement's own target fires last, even when no row was affected.
// A cascaded table whose rows did not change fires nothing. DML in those
// triggers is a statement of its own, with its own cascades.
//
// A cascade cannot run into an INSTEAD OF trigger: a FOREIGN KEY with a
// cascading DELETE or UPDATE action is refused on a table that has an
// INSTEAD OF trigger for that event (1787), and the trigger on a table that
// has such a key (2113). SQL Server's texts say "cascaded DELETE or UPDATE";
// SET NULL and SET DEFAULT are cascading actions too and are refused alike.

var (
	errCascadeInsteadOf = errorKind{1787, 16, 0, "Cannot define foreign key constraint '%s' with cascaded DELETE or UPDATE on table '%s' because the table has an INSTEAD OF DELETE or UPDATE TRIGGER defined on it.", AbortStatement}
	errInsteadOfCascade = errorKind{2113, 16, 1, "Cannot %s INSTEAD OF DELETE or INSTEAD OF UPDATE TRIGGER '%s' on table '%s'. This is because the table has a FOREIGN KEY with cascading DELETE or UPDATE.", AbortStatement}
)

// cascadeFires collects, for one DML statement, the rows its cascading
// actions changed per child table and event, in the order the tables were
// first changed.
type cascadeFires struct {
	sets []*triggerSet
}

// beginCascades starts the collector of a DML statement on tr's cascades
// (nil when tr's database has no trigger: nothing to fire): a statement
// run by a trigger it fires starts its own.
func (s *Session) beginCascades(tr *tableRef) *cascadeFires {
	if len(s.catalogFor(tr.db).Triggers) == 0 {
		if s.cursors != nil {
			s.cursors.cascades = nil
		}
		return nil
	}
	c := &cascadeFires{}
	s.cursorState().cascades = c
	return c
}

// cascadeSet returns the collector of the rows a cascading action deletes
// (ev DELETE) or updates in child table ctr, nil when ctr has no trigger
// for it. It is called before the cascade goes deeper, so that a table's
// place in the firing order is where its cascade began; cols are the
// foreign key's columns, which UPDATE(column) reports as set.
func (s *Session) cascadeSet(ctr *tableRef, ev string, cols []int) *triggerSet {
	if s.cursors == nil {
		return nil
	}
	c := s.cursors.cascades
	if c == nil {
		return nil
	}
	for _, t := range c.sets {
		if t.tr.t == ctr.t && t.stmt == ev {
			return t
		}
	}
	set := s.triggersFor(ctr, ev)
	if set == nil {
		return nil
	}
	if ev == "UPDATE" {
		set.setCols = map[string]bool{}
		for _, ci := range cols {
			set.setCols[strings.ToLower(ctr.t.Columns[ci].Name)] = true
		}
	}
	c.sets = append(c.sets, set)
	return set
}

// fire runs the cascaded tables' AFTER triggers, the last table changed
// first.
func (c *cascadeFires) fire(ctx context.Context, out Output) error {
	if c == nil {
		return nil
	}
	for i := len(c.sets) - 1; i >= 0; i-- {
		if err := c.sets[i].fire(ctx, out); err != nil {
			return err
		}
	}
	return nil
}

// cascades reports whether action is a cascading referential action.
func cascades(action string) bool {
	return action != "" && action != "NO_ACTION"
}

// checkCascadeTarget refuses foreign key fk of table t when it cascades an
// event t has an INSTEAD OF trigger for (1787), enabled or not.
func (s *Session) checkCascadeTarget(cat *catalog.Database, t *catalog.Table, fk *catalog.ForeignKey) error {
	if len(cat.Triggers) == 0 || !cascades(fk.OnDelete) && !cascades(fk.OnUpdate) {
		return nil
	}
	for _, m := range cat.TableTriggers(cat.Key(t.Schema, t.Name)) {
		def, err := s.triggerDef(m)
		if err != nil || def == nil || !def.InsteadOf {
			continue
		}
		if cascades(fk.OnDelete) && hasEvent(def, "DELETE") || cascades(fk.OnUpdate) && hasEvent(def, "UPDATE") {
			return errCascadeInsteadOf.New(fk.Name, t.Name)
		}
	}
	return nil
}

// checkInsteadOfCascade refuses an INSTEAD OF DELETE (UPDATE) trigger st
// on table t when a foreign key of t cascades deletes (updates) (2113).
func checkInsteadOfCascade(t *catalog.Table, st *ast.CreateTriggerStmt, alter bool) error {
	if t == nil || !st.InsteadOf {
		return nil
	}
	for _, fk := range t.ForeignKeys {
		if cascades(fk.OnDelete) && hasEvent(st, "DELETE") || cascades(fk.OnUpdate) && hasEvent(st, "UPDATE") {
			verb := "create"
			if alter {
				verb = "alter"
			}
			return errInsteadOfCascade.New(verb, st.Name.Last(), t.Name)
		}
	}
	return nil
}
