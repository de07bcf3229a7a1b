package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// target resolves the table an INSERT/UPDATE/DELETE writes.
func (s *Session) target(te ast.TableExpr) (*tableRef, string, error) {
	switch t := te.(type) {
	case *ast.TableName:
		tr, ok, err := s.resolveTable(t.Name)
		if err != nil {
			return nil, "", err
		}
		if !ok {
			if _, syn, isSyn := s.synonymBase(t.Name); isSyn { // its base is not a table
				return nil, "", errSynonymInvalid.New(synonymDisplay(syn))
			}
			if len(t.Name.Parts) == 1 {
				return nil, strings.ToLower(t.Name.Last()), nil // maybe an alias from FROM
			}
			return nil, "", ErrInvalidObject.New(nameText(t.Name))
		}
		if err := checkClusteredEnabled(tr); err != nil { // index_disable.go
			return nil, "", err
		}
		alias := t.Name.Last() // the table's name, or a synonym's (synonym.go)
		if t.Alias != nil {
			alias = t.Alias.Name
		}
		return tr, strings.ToLower(alias), nil
	case *ast.VariableTable:
		v := s.lookupVar(t.Var.Name)
		if v == nil || v.table == nil {
			return nil, "", ErrMustDeclare.New(t.Var.Name)
		}
		if v.readOnly {
			return nil, "", errTVPReadOnly.New(v.name) // usertype.go
		}
		alias := t.Var.Name
		if t.Alias != nil {
			alias = t.Alias.Name
		}
		return v.table, strings.ToLower(alias), nil
	}
	return nil, "", ErrNotSupported.New("This DML target")
}

func (s *Session) runInsert(ctx context.Context, st *ast.InsertStmt, out Output) error {
	defer s.scopeViewCheck()() // viewcheck.go
	if len(st.Values) > maxInsertValues {
		// Table Value Constructor: INSERT … VALUES takes at most 1000 rows
		// (a derived table's VALUES has no limit); the batch was refused
		// when it compiled (compile_check.go) unless it came another way.
		return errTooManyInsertValues()
	}
	// A parameterized INSERT … VALUES into a table keeps its bound target
	// (dmlplan.go); anything else binds here every time.
	var name *ast.Name
	if st.With == nil && st.Top == nil && st.Values != nil {
		name = plannedTarget(st.Target)
	}
	var tr *tableRef
	var cols []int
	var rb *rowBuilder
	keep := false
	plan := s.dmlPlanFor(st, name)
	if plan != nil {
		tr, cols, rb = plan.tr, plan.cols, plan.rb
	} else {
		if done, err := s.insteadOfInsert(ctx, st, out); done || err != nil {
			return err // instead_of.go
		}
		if pv, ok, err := s.partitionedView(st.With, st.Target); ok || err != nil {
			if err != nil {
				return err
			}
			return s.partitionedInsert(ctx, st, pv, out) // viewdml_partitioned.go
		}
		if vst, ok, err := s.viewInsert(st); err != nil {
			return err
		} else if ok {
			st = vst // through a view or CTE: see viewdml.go
			name = nil
		}
		if st.With != nil {
			pop, err := s.pushCTEs(st.With, nil)
			if err != nil {
				return err
			}
			defer pop()
		}
		var err error
		if tr, cols, err = s.bindInsert(st); err != nil {
			return err
		}
		keep = name != nil
	}
	if err := s.lockTargetIn(ctx, tr, targetTableMode(st.Target, nil)); err != nil {
		return err // dml_target_lock.go
	}
	if err := s.checkTargetSets(tr, "INSERT"); err != nil {
		return err // quoted_ident_required.go
	}
	t := tr.t
	ec := newEvalCtx(ctx, s)
	identCol := t.IdentityColumn()
	var err error

	// Source rows, materialized first (a SELECT from the target table must not
	// see the rows being inserted).
	var src []Row
	var defaults map[[2]int]bool // (row, value) positions given as DEFAULT; made at the first
	var values *insertCompiled   // VALUES compiled on a miss, for the plan kept below
	switch {
	case st.DefaultValues:
		src = []Row{{}}
		cols = nil
	case st.Values != nil:
		// Compiled or kept with the plan (insertcompiled.go).
		if src, defaults, values, err = s.insertValues(ec, st, cols, plan, name); err != nil {
			return err
		}
	case st.Query != nil:
		if st.Query.For != nil {
			return forClauseNotAllowed(st.Query.For, false, "INSERT") // forxml_opts.go
		}
		pop, err := s.runDMLTables(ctx, st.Query, out) // dml_table.go
		if err != nil {
			return err
		}
		defer pop()
		if src, err = s.insertQueryRows(ec, st, len(cols)); err != nil {
			return err
		}
	case st.Exec != nil:
		rows, err := s.execCaptureTo(ctx, st.Exec, out)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if len(r) != len(cols) {
				return ErrColumnCountMismatch.New()
			}
		}
		src = rows
	}
	if !st.DefaultValues {
		lim, err := s.dmlLimit(ec, st.Top)
		if err != nil {
			return err
		}
		src = src[:lim.cut(len(src))]
	}

	if rb == nil {
		if rb, err = s.newRowBuilder(tr, "INSERT"); err != nil {
			return err
		}
		if keep {
			s.keepDMLPlan(st, "INSERT", &dmlPlan{tr: tr, cols: cols, rb: rb, values: values})
		}
	}
	outp, err := s.newInsertOutput(st.Output, tr, out)
	if err != nil {
		return err
	}
	var lastIdent types.Value
	n := int64(0)
	rb.deferSelfReferences()
	defer func() { rb.selfRefRows = nil }() // a failed statement's rows are not checked
	for ri, in := range src {
		row := make(Row, len(t.Columns)+1)
		given := make([]bool, len(t.Columns))
		for i, ci := range cols {
			given[ci] = true
			if defaults[[2]int{ri, i}] {
				given[ci] = false
				continue
			}
			if row[ci], err = rb.store(ci, in[i]); err != nil {
				return err
			}
		}
		ident, err := rb.complete(ec, row, given)
		if err != nil {
			return err
		}
		if !ident.IsNull() {
			lastIdent = ident
		}
		if err := s.insertRow(ctx, tr, row, "INSERT"); err == errDupKeyIgnored {
			continue // IGNORE_DUP_KEY (ignore_dup_key.go)
		} else if err != nil {
			return err
		}
		if err := outp.emit(ec, nil, row); err != nil {
			return err
		}
		n++
	}
	if err := rb.checkSelfReferences(ec); err != nil {
		return err
	}
	if identCol >= 0 {
		s.noteIdentity(tr, lastIdent)
	}
	if err := outp.finish(ctx); err != nil {
		return err
	}
	return s.done(out, CmdInsert, n, true)
}

func bigEndian(v int64) []byte {
	u := uint64(v)
	return []byte{byte(u >> 56), byte(u >> 48), byte(u >> 40), byte(u >> 32), byte(u >> 24), byte(u >> 16), byte(u >> 8), byte(u)}
}

func (s *Session) runUpdate(ctx context.Context, st *ast.UpdateStmt, out Output) error {
	defer s.scopeViewCheck()()       // viewcheck.go
	beforeWrite := s.dml.beforeWrite // only this statement's (dmlplan.go)
	s.dml.beforeWrite = nil
	// An UPDATE of one table without FROM keeps its bound target (dmlplan.go).
	var name *ast.Name
	if st.With == nil && st.Top == nil && len(st.From) == 0 && st.CurrentOf == nil {
		name = plannedTarget(st.Target)
	}
	var tr *tableRef
	var src *source
	var off int
	var rb *rowBuilder
	var err error
	keep := false
	var sets []updateSet
	var setCols []string
	var where pred
	var compiled bool         // src, sets, setCols and where are set
	var newParts *dmlCompiled // compiled on a miss, kept with the plan
	if p := s.dmlPlanFor(st, name); p != nil {
		tr, rb = p.tr, p.rb
		c, err := s.planParts(p, st) // dmlcompiled.go
		if err != nil {
			return err
		}
		defer c.release()
		src, sets, setCols, where, compiled = c.src, c.sets, c.setCols, c.where, true
	} else if st.CurrentOf != nil {
		// Through a view: its base table, which the cursor reads (cursor_view.go).
		if vst, ok, err := s.viewUpdate(st); err != nil {
			return err
		} else if ok {
			st = vst
		}
		var after func()
		if tr, src, off, after, err = s.positionedSource(ctx, st.Target, st.From, st.CurrentOf, st.Set, out); err != nil {
			return err // cursor_positioned.go
		}
		defer after()
	} else {
		if done, err := s.insteadOfUpdate(ctx, st, out); done || err != nil {
			return err // instead_of.go
		}
		if len(st.From) == 0 {
			if pv, ok, err := s.partitionedView(st.With, st.Target); ok || err != nil {
				if err != nil {
					return err
				}
				return s.partitionedUpdate(ctx, st, pv, out) // viewdml_partitioned.go
			}
		}
		kv, keyed, err := s.keyedViewTarget(st.With, st.Target, st.From, st.Set, false) // viewdml_keyed.go
		if err != nil {
			return err
		}
		if keyed {
			if st, err = keyedOutput(kv, st); err != nil {
				return err // viewdml_keyed.go
			}
			if st, err = kv.updateStmt(st); err != nil {
				return err
			}
			name = nil
		} else if vst, ok, err := s.viewUpdate(st); err != nil {
			return err
		} else if ok {
			st = vst // through a view or CTE: see viewdml.go
			name = nil
		}
		if st.With != nil {
			pop, err := s.pushCTEs(st.With, nil)
			if err != nil {
				return err
			}
			defer pop()
		}
		switch {
		case keyed:
			tr, src, off = kv.tr, kv.src, kv.off
		case name != nil && s.recordParts(nil, keptUpdate(st)):
			// Compiled to be kept with the plan (dmlcompiled.go).
			if tr, err = s.plannedTable(st.Target); err != nil {
				return err
			}
			c, kept, err := s.compileParts(tr, st.Target, st.Where, st, true)
			if err != nil {
				return err
			}
			defer c.release()
			src, sets, setCols, where, compiled = c.src, c.sets, c.setCols, c.where, true
			if kept {
				newParts = c
			}
		default:
			if tr, src, off, err = s.dmlSource(st.Target, st.From, st.Where); err != nil {
				return err
			}
		}
		keep = name != nil
	}
	if err := s.lockTargetIn(ctx, tr, s.targetLockMode(targetTableMode(st.Target, st.From), src)); err != nil {
		return err // dml_target_lock.go, dml_target_decl.go
	}
	if err := s.checkTargetSets(tr, "UPDATE"); err != nil {
		return err // quoted_ident_required.go
	}
	ec := newEvalCtx(ctx, s)
	if !compiled {
		if sets, setCols, err = s.compileSets(st, tr, src); err != nil {
			return err
		}
		if where, err = compileWhere(s, src, st.Where); err != nil {
			return err
		}
	}
	targets, full, err := s.collectTargets(ec, src, where, tr, off, st.Top, s.targetRowMode(tr, st.Target, st.From))
	if err != nil {
		return err
	}
	if rb == nil {
		if rb, err = s.newRowBuilder(tr, "UPDATE"); err != nil {
			return err
		}
		if keep {
			s.keepDMLPlan(st, "UPDATE", &dmlPlan{tr: tr, rb: rb, compiled: newParts})
		}
	}
	outp, err := s.newOutput(st.Output, tr, out, "UPDATE", fromScope(st.From, st.CurrentOf, src))
	if err != nil {
		return err
	}
	ec.cascadeState().targetsLocked = !outputsInto(st.Output) // fk_children.go
	defer s.checkAtEnd(ec, rb)()                              // fk_deferred.go
	if outp.trig != nil {
		m := make(map[string]bool, len(setCols))
		for _, k := range setCols {
			m[k] = true
		}
		outp.setColumns(m) // UPDATE(column) in triggers (trigger.go)
	}
	n := len(tr.t.Columns)
	// Every new row is computed before any is written (Halloween protection: a
	// subquery in SET must not see this statement's own changes).
	newRows := make([]Row, len(targets))
	for i, old := range targets {
		nrow := append(Row(nil), old...)
		for _, set := range sets {
			v, err := set.x.eval(ec, full[i])
			if err != nil {
				return err
			}
			if set.col >= 0 {
				if set.op != ast.AssignEq && set.op != 0 {
					if v, err = compound(set.op, nrow[set.col], v); err != nil {
						return err
					}
				}
				if nrow[set.col], err = rb.store(set.col, v); err != nil {
					return err
				}
			}
			if set.v != nil {
				if set.col >= 0 {
					v = nrow[set.col]
				}
				if err := set.v.assign(v); err != nil {
					return err
				}
			}
		}
		newRows[i] = nrow
	}
	if beforeWrite != nil {
		if err := beforeWrite(); err != nil {
			return err
		}
	}
	// Several rows changing a key are written in two passes (updaterows.go).
	twoPass := false
	if len(targets) > 1 {
		cols := make([]int, 0, len(sets))
		for _, set := range sets {
			cols = append(cols, set.col)
		}
		twoPass = updatesKey(tr, cols)
	}
	for i, old := range targets {
		nrow := newRows[i]
		if err := rb.validate(ec, nrow); err != nil {
			return err
		}
		if uniqueKeyChanged(tr.t, old, nrow) { // foreignkey.go: a key a FOREIGN KEY may reference
			if err := s.checkReferences(ec, tr, old, nrow, "UPDATE"); err != nil {
				return err
			}
		}
		if twoPass {
			continue
		}
		if err := s.updateRow(ctx, tr, old, nrow[:n+1]); err != nil {
			return err
		}
		outp.src = full[i]
		if err := outp.emit(ec, old, nrow); err != nil {
			return err
		}
	}
	if twoPass {
		if err := s.updateRows(ctx, tr, targets, newRows); err != nil {
			return err
		}
		for i, old := range targets {
			outp.src = full[i]
			if err := outp.emit(ec, old, newRows[i]); err != nil {
				return err
			}
		}
	}
	if err := s.checkStatementEnd(ec, rb); err != nil {
		return err
	}
	if err := outp.finish(ctx); err != nil {
		return err
	}
	return s.done(out, CmdUpdate, int64(len(targets)), true)
}

func (s *Session) runDelete(ctx context.Context, st *ast.DeleteStmt, out Output) error {
	beforeWrite := s.dml.beforeWrite // only this statement's (dmlplan.go)
	s.dml.beforeWrite = nil
	// A DELETE from one table without FROM keeps its bound target (dmlplan.go).
	var name *ast.Name
	if st.With == nil && st.Top == nil && len(st.From) == 0 && st.CurrentOf == nil {
		name = plannedTarget(st.Target)
	}
	var tr *tableRef
	var src *source
	var off int
	var err error
	var where pred
	var compiled bool // src and where are set
	if p := s.dmlPlanFor(st, name); p != nil {
		tr = p.tr
		c, err := s.planParts(p, st) // dmlcompiled.go
		if err != nil {
			return err
		}
		defer c.release()
		src, where, compiled = c.src, c.where, true
	} else if st.CurrentOf != nil {
		if vst, ok, err := s.viewDelete(st); err != nil {
			return err
		} else if ok {
			st = vst // through a view, as UPDATE
		}
		var after func()
		if tr, src, off, after, err = s.positionedSource(ctx, st.Target, st.From, st.CurrentOf, nil, out); err != nil {
			return err // cursor_positioned.go
		}
		defer after()
	} else {
		if done, err := s.insteadOfDelete(ctx, st, out); done || err != nil {
			return err // instead_of.go
		}
		if len(st.From) == 0 {
			if pv, ok, err := s.partitionedView(st.With, st.Target); ok || err != nil {
				if err != nil {
					return err
				}
				return s.partitionedDelete(ctx, st, pv, out) // viewdml_partitioned.go
			}
		}
		kv, keyed, err := s.keyedViewTarget(st.With, st.Target, st.From, nil, true) // viewdml_keyed.go
		if err != nil {
			return err
		}
		if keyed {
			if st, err = keyedOutput(kv, st); err != nil {
				return err // viewdml_keyed.go
			}
			name = nil
		} else if vst, ok, err := s.viewDelete(st); err != nil {
			return err
		} else if ok {
			st = vst // through a view or CTE: see viewdml.go
			name = nil
		}
		if st.With != nil {
			pop, err := s.pushCTEs(st.With, nil)
			if err != nil {
				return err
			}
			defer pop()
		}
		var newParts *dmlCompiled // compiled to be kept with the plan (dmlcompiled.go)
		switch {
		case keyed:
			tr, src, off = kv.tr, kv.src, kv.off
		case name != nil && s.recordParts(nil, keptDelete(st)):
			if tr, err = s.plannedTable(st.Target); err != nil {
				return err
			}
			c, kept, err := s.compileParts(tr, st.Target, st.Where, nil, true)
			if err != nil {
				return err
			}
			defer c.release()
			src, where, compiled = c.src, c.where, true
			if kept {
				newParts = c
			}
		default:
			if tr, src, off, err = s.dmlSource(st.Target, st.From, st.Where); err != nil {
				return err
			}
		}
		if name != nil {
			s.keepDMLPlan(st, "DELETE", &dmlPlan{tr: tr, compiled: newParts})
		}
	}
	if err := s.lockTargetIn(ctx, tr, s.targetLockMode(targetTableMode(st.Target, st.From), src)); err != nil {
		return err // dml_target_lock.go, dml_target_decl.go
	}
	if err := s.checkTargetSets(tr, "DELETE"); err != nil {
		return err // quoted_ident_required.go
	}
	ec := newEvalCtx(ctx, s)
	if !compiled {
		if where, err = compileWhere(s, src, st.Where); err != nil {
			return err
		}
	}
	targets, full, err := s.collectTargets(ec, src, where, tr, off, st.Top, s.targetRowMode(tr, st.Target, st.From))
	if err != nil {
		return err
	}
	if beforeWrite != nil {
		if err := beforeWrite(); err != nil {
			return err
		}
	}
	outp, err := s.newOutput(st.Output, tr, out, "DELETE", fromScope(st.From, st.CurrentOf, src))
	if err != nil {
		return err
	}
	ec.cascadeState().targetsLocked = !outputsInto(st.Output) // fk_children.go
	defer s.checkAtEnd(ec, nil)()                             // fk_deferred.go
	for i, old := range targets {
		if err := s.checkReferences(ec, tr, old, nil, "DELETE"); err != nil {
			return err
		}
		if err := s.deleteRow(ctx, tr, old); err != nil {
			return err
		}
		outp.src = full[i]
		if err := outp.emit(ec, old, nil); err != nil {
			return err
		}
	}
	if err := s.checkStatementEnd(ec, nil); err != nil {
		return err
	}
	if err := outp.finish(ctx); err != nil {
		return err
	}
	return s.done(out, CmdDelete, int64(len(targets)), true)
}

// noteIdentity records the statement's last identity value for @@IDENTITY and
// SCOPE_IDENTITY() and persists the table's identity counter with the
// transaction, so a restart continues after it.
func (s *Session) noteIdentity(tr *tableRef, last types.Value) {
	if last.IsNull() {
		return
	}
	s.ident = last
	if cur, ok := tr.db.IdentityCurrent(tr.t.ID); ok {
		_ = s.writes(tr.db).Put(catalog.ObjectIdentity, catalog.IdentityKey(tr.t.ID), bigEndian(cur))
	}
}

// bindInsert resolves an INSERT's target table and maps its column list (the
// table's writable columns when it has none) to table columns.
func (s *Session) bindInsert(st *ast.InsertStmt) (*tableRef, []int, error) {
	tr, _, err := s.target(st.Target)
	if err != nil {
		return nil, nil, err
	}
	if tr == nil {
		return nil, nil, ErrInvalidObject.New(st.Target.SQL())
	}
	cols, err := s.insertColumnList(tr, st.Columns)
	if err != nil {
		return nil, nil, err
	}
	return tr, cols, nil
}

// insertColumnList maps the column list of an INSERT (or of an OUTPUT INTO)
// to tr's column positions; without a list, every column a value is given
// for: all but identity (unless IDENTITY_INSERT is ON), computed and hidden
// period columns.
func (s *Session) insertColumnList(tr *tableRef, list []*ast.Ident) ([]int, error) {
	t := tr.t
	// IDENTITY_INSERT is nearly always OFF: skip formatting the table's key.
	identityInsert := s.Opts.IdentityInsert != "" && s.Opts.IdentityInsert == identityKey(tr)
	cols := make([]int, 0, max(len(list), len(t.Columns)))
	if len(list) == 0 {
		for i, c := range t.Columns {
			if c.Identity && !identityInsert {
				continue
			}
			if c.Computed != "" || c.Hidden { // HIDDEN period columns (temporal.go)
				continue
			}
			cols = append(cols, i)
		}
	} else {
		for _, id := range list {
			i, c := tr.column(id.Name) // identcoll.go
			if c == nil {
				return nil, ErrInvalidColumn.New(id.Name)
			}
			if c.Identity && !identityInsert {
				return nil, ErrIdentityInsert.New(t.Name)
			}
			if c.Computed != "" {
				return nil, errComputedWrite(c.Name)
			}
			cols = append(cols, i)
		}
	}
	if identityInsert && len(list) == 0 {
		return nil, &Error{Number: 8101, Severity: 16, State: 1, Message: "An explicit value for the identity column in table '" + tr.displayName() + "' can only be specified when a column list is used and IDENTITY_INSERT is ON."}
	}
	return cols, nil
}

// fromScope is the scope an UPDATE's or DELETE's OUTPUT clause reads
// from_table_name.column in (the OUTPUT clause page's examples E, F and J):
// the FROM clause's, when the statement has one; without FROM the target is
// read only through inserted and deleted.
func fromScope(from []ast.TableExpr, cur *ast.CursorRef, src *source) *scope {
	if len(from) == 0 || cur != nil || src == nil {
		return nil
	}
	return src.sc
}
