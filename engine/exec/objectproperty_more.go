package exec

import (
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// objectPropertyMore answers the OBJECTPROPERTY properties of the
// OBJECTPROPERTY page that objectProperty does not: the trigger ones
// (HasInsertTrigger …, ExecIsUpdateTrigger …, ExecIsAfterTrigger),
// TableHasForeignRef, the constraint ones (CnstIsClustKey, CnstIsColumn …)
// and IsDeterministic. ok is false for a property it does not know.
func (s *Session) objectPropertyMore(cat *catalog.Database, id int32, typ string, row Row, prop string) (types.Value, bool) {
	null := types.Null(types.Int)
	b := oneZero
	switch prop {
	case "hasinserttrigger", "hasupdatetrigger", "hasdeletetrigger", "hasaftertrigger", "hasinsteadoftrigger":
		if typ != "U" && typ != "V" {
			return null, true
		}
		ev := strings.ToUpper(strings.TrimSuffix(strings.TrimPrefix(prop, "has"), "trigger"))
		for _, m := range cat.Triggers {
			if triggerParent(cat, m) != id {
				continue
			}
			def, _ := s.triggerDef(m)
			if def == nil {
				continue
			}
			switch ev {
			case "AFTER":
				if !def.InsteadOf {
					return b(true), true
				}
			case "INSTEADOF":
				if def.InsteadOf {
					return b(true), true
				}
			default:
				if hasEvent(def, ev) { // instead_of.go
					return b(true), true
				}
			}
		}
		return b(false), true
	case "execisinserttrigger", "execisupdatetrigger", "execisdeletetrigger", "execisaftertrigger", "execisinsteadoftrigger",
		"execisfirstinserttrigger", "execisfirstupdatetrigger", "execisfirstdeletetrigger",
		"execislastinserttrigger", "execislastupdatetrigger", "execislastdeletetrigger":
		if typ != "TR" {
			return null, true
		}
		var def *ast.CreateTriggerStmt
		var m *catalog.Module
		for _, t := range cat.Triggers {
			if t.ID == id {
				def, _ = s.triggerDef(t)
				m = t
			}
		}
		if def == nil {
			return null, true
		}
		switch ev := strings.ToUpper(strings.TrimSuffix(strings.TrimPrefix(prop, "execis"), "trigger")); ev {
		case "AFTER":
			return b(!def.InsteadOf), true
		case "INSTEADOF":
			return b(def.InsteadOf), true
		case "FIRSTINSERT", "FIRSTUPDATE", "FIRSTDELETE": // trigger_order.go
			return b(slices.Contains(m.First, strings.TrimPrefix(ev, "FIRST"))), true
		case "LASTINSERT", "LASTUPDATE", "LASTDELETE":
			return b(slices.Contains(m.Last, strings.TrimPrefix(ev, "LAST"))), true
		default:
			return b(hasEvent(def, ev)), true
		}
	case "tablehasforeignref":
		if typ != "U" {
			return null, true
		}
		t := cat.TableByID(id)
		for _, x := range cat.SortedTables() {
			for _, fk := range x.ForeignKeys {
				if fk.RefTable == cat.Key(t.Schema, t.Name) {
					return b(true), true
				}
			}
		}
		return b(false), true
	case "cnstisclustkey", "cnstisnonclustkey":
		if typ != "PK" && typ != "UQ" {
			return null, true
		}
		t := cat.TableByID(int32(row[4].Int64()))
		for _, ix := range t.Indexes {
			if ix.Constraint && ix.ConstraintID == id {
				return b(ix.Clustered == (prop == "cnstisclustkey")), true
			}
		}
		return null, true
	case "cnstiscolumn":
		// A single-column CHECK or DEFAULT constraint, or a column's
		// constraint (only DEFAULT constraints are always of one column).
		switch typ {
		case "D":
			return b(true), true
		case "C", "F", "PK", "UQ":
			return b(false), true
		}
		return null, true
	case "cnstisdisabled", "cnstisnotrepl", "cnstisnottrusted":
		if typ != "C" && typ != "F" {
			return null, true
		}
		return null, false // constraint_state.go's answer, if any
	case "isdeterministic":
		if typ != "FN" && typ != "IF" && typ != "TF" && typ != "V" {
			return null, true
		}
		text, ms, _, ok := moduleTextSets(cat, id)
		if !ok {
			return null, true
		}
		// A module that is not schema-bound is not deterministic (the
		// "Deterministic and nondeterministic functions" page); one that
		// is, is unless it calls a nondeterministic built-in.
		bound, _ := s.moduleOptions(text, ms) // module_ddl.go
		if !bound {
			return b(false), true
		}
		stmts, err := s.parseModule(text, ms)
		if err != nil {
			return null, true
		}
		// A function that reads a table or view is not deterministic
		// either (its result depends on data): only a view may.
		function := typ != "V"
		for _, st := range stmts {
			found := false
			ast.Inspect(st, func(n ast.Node) bool {
				if e, ok := n.(ast.Expr); ok && !found && nondeterministic(e) { // computed.go
					found = true
				}
				if tn, ok := n.(*ast.TableName); ok && function && !strings.HasPrefix(tn.Name.Last(), "@") {
					found = true
				}
				return !found
			})
			if found {
				return b(false), true
			}
		}
		return b(true), true
	}
	return null, false
}
