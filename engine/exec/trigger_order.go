package exec

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sp_settriggerorder and what shows its work: the First and Last AFTER
// trigger of a table for INSERT, UPDATE or DELETE fire before and after
// the others (which fire in creation order here; SQL Server leaves their
// order undefined), sys.trigger_events.is_first / is_last and OBJECTPROPERTY
// ExecIsFirst…Trigger / ExecIsLast…Trigger. The order is part of the
// logged catalog (catalog.Module.First / Last); ALTER TRIGGER drops it, as
// the page says.

func init() {
	RegisterProc("sp_settriggerorder", spSetTriggerOrder)
	cols := []ViewColumn{{"object_id", vInt}, {"type", vInt}, {"type_desc", vDesc}, {"is_first", vBit},
		{"is_last", vBit}, {"event_group_type", vInt}, {"event_group_type_desc", vDesc}, {"is_trigger_event", vBit}}
	// No server-scoped triggers here (sys.server_triggers is empty): their
	// events are no rows.
	RegisterView("sys.server_trigger_events", cols, func(*Session, Database) ([]Row, error) { return nil, nil })
	RegisterView("sys.trigger_events", cols,
		func(s *Session, db Database) ([]Row, error) {
			// DML triggers' events, then DDL triggers' (ddl_event_types.go).
			cat := s.catalogFor(db)
			var out []Row
			for _, m := range cat.Triggers {
				def, _ := s.triggerDef(m)
				if def == nil {
					continue
				}
				for _, ev := range []string{"INSERT", "UPDATE", "DELETE"} {
					if !hasEvent(def, ev) {
						continue
					}
					out = append(out, Row{i32(m.ID), i32(dmlEventType[ev]), str(ev), bit(slices.Contains(m.First, ev)),
						bit(slices.Contains(m.Last, ev)), types.Null(types.Int), types.Null(types.NVarChar), bit(true)})
				}
			}
			return append(out, s.ddlTriggerEventRows(db)...), nil
		})
}

// dmlEventType is sys.trigger_events.type of the DML events.
var dmlEventType = map[string]int32{"INSERT": 1, "UPDATE": 2, "DELETE": 3}

// spSetTriggerOrder is sp_settriggerorder @triggername, @order ('First',
// 'Last' or 'None'), @stmttype [, @namespace] for a DML trigger. The page's
// refusals — no such AFTER trigger, a statement type it is not defined
// for, a First (Last) trigger already set for the table and statement
// type, one trigger both First and Last — are 15009 and 15600 here: their
// numbers in SQL Server are not documented, and these are the messages
// SQL Server's system procedures give for a missing object and for an
// invalid option.
func spSetTriggerOrder(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
	name := ArgString(args, 0, "@triggername")
	order := strings.ToUpper(strings.TrimSpace(ArgString(args, 1, "@order")))
	ev := strings.ToUpper(strings.TrimSpace(ArgString(args, 2, "@stmttype")))
	id, ok := s.objectID(name)
	var m *catalog.Module
	if ok {
		for _, t := range s.catalogFor(s.db).Triggers {
			if t.ID == id {
				m = t
			}
		}
	}
	def := (*ast.CreateTriggerStmt)(nil)
	if m != nil {
		def, _ = s.triggerDef(m)
	}
	if m == nil || def == nil || def.InsteadOf {
		return 1, &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + name + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
	}
	invalid := &Error{Number: 15600, Severity: 15, State: 1, Message: "An invalid parameter or option was specified for procedure 'sys.sp_settriggerorder'."}
	if order != "FIRST" && order != "LAST" && order != "NONE" || !hasEvent(def, ev) {
		return 1, invalid
	}
	for _, t := range s.catalogFor(s.db).Triggers {
		if t.Table != m.Table {
			continue
		}
		other := t.ID != m.ID
		if order == "FIRST" && (other && slices.Contains(t.First, ev) || !other && slices.Contains(t.Last, ev)) ||
			order == "LAST" && (other && slices.Contains(t.Last, ev) || !other && slices.Contains(t.First, ev)) {
			return 1, invalid
		}
	}
	cat, err := s.mutableCatalog(ctx, s.db)
	if err != nil {
		return 1, err
	}
	now := time.Now().UTC()
	for k, t := range cat.Triggers {
		c := *t
		changed := false
		drop := func(list []string) []string {
			if i := slices.Index(list, ev); i >= 0 {
				changed = true
				return slices.Delete(slices.Clone(list), i, i+1)
			}
			return list
		}
		if t.ID != m.ID {
			continue
		}
		c.First, c.Last = drop(c.First), drop(c.Last)
		switch order {
		case "FIRST":
			c.First, changed = append(slices.Clone(c.First), ev), true
		case "LAST":
			c.Last, changed = append(slices.Clone(c.Last), ev), true
		}
		if changed {
			c.Modified = now
			cat.Triggers[k] = &c
		}
	}
	return 0, nil
}

// orderTriggers puts mods' First trigger for ev first and its Last one
// last, the others keeping their order.
func orderTriggers(mods []*catalog.Module, ev string) []*catalog.Module {
	first, last := -1, -1
	for i, m := range mods {
		if slices.Contains(m.First, ev) {
			first = i
		}
		if slices.Contains(m.Last, ev) {
			last = i
		}
	}
	if first < 0 && last < 0 {
		return mods
	}
	out := make([]*catalog.Module, 0, len(mods))
	if first >= 0 {
		out = append(out, mods[first])
	}
	for i, m := range mods {
		if i != first && i != last {
			out = append(out, m)
		}
	}
	if last >= 0 && last != first {
		out = append(out, mods[last])
	}
	return out
}
