package exec

import (
	"context"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// mergeClause is a compiled WHEN clause of MERGE.
type mergeClause struct {
	when *ast.MergeWhen
	cond pred
	sets []mergeSet
	cols []int
	vals []*expr
}

type mergeSet struct {
	col int
	op  ast.AssignOp
	x   *expr
}

// runMerge runs MERGE: every source row is matched with the target rows that
// satisfy ON; matched pairs take the first WHEN MATCHED clause whose condition
// holds, unmatched source rows the first WHEN NOT MATCHED [BY TARGET] clause,
// unmatched target rows the first WHEN NOT MATCHED BY SOURCE clause. All
// changes are decided before any is written.
func (s *Session) runMerge(ctx context.Context, st *ast.MergeStmt, out Output) error {
	instead, err := s.mergeInsteadOf(st) // merge_instead_of.go
	if err != nil {
		return err
	}
	hints, err := mergeTargetHints(st, s.Opts.Isolation) // merge_lock.go; a view's, before it is replaced by its base
	if err != nil {
		return err
	}
	defer s.scopeViewCheck()() // viewcheck.go
	if st.With != nil {
		pop, err := s.pushCTEs(st.With, nil)
		if err != nil {
			return err
		}
		defer pop()
	}
	vst, vb, src, check, isView, err := s.viewMerge(st) // viewdml_merge.go
	if err != nil {
		return err
	}
	if isView {
		st = vst
	}
	tr, alias, err := s.target(st.Target)
	if err != nil {
		return err
	}
	if tr == nil {
		if tn, isName := st.Target.(*ast.TableName); isName {
			return ErrInvalidObject.New(nameText(tn.Name)) // not "v AS tgt"
		}
		return ErrInvalidObject.New(st.Target.SQL())
	}
	if err := s.checkTargetSets(tr, "MERGE"); err != nil {
		return err // quoted_ident_required.go
	}
	ec := newEvalCtx(ctx, s)
	tsc := tableScope(tr, alias, nil)
	if src == nil {
		if src, err = s.buildTableExpr(st.Source, nil, nil); err != nil {
			return err
		}
	}
	var inView pred // through a view: the base rows it shows
	if isView && vb.where != nil {
		if inView, err = (&compiler{s: s, sc: tsc}).pred(vb.where); err != nil {
			return err
		}
	}
	sc := concatScopes(tsc, src.sc)
	c := &compiler{s: s, sc: sc}
	on, err := c.pred(st.On)
	if err != nil {
		return err
	}
	var clauses []*mergeClause
	for _, w := range st.Whens {
		mc := &mergeClause{when: w}
		if w.Cond != nil {
			if mc.cond, err = c.pred(w.Cond); err != nil {
				return err
			}
		}
		for _, set := range w.Set {
			i, col := tr.t.Column(set.Column.Last())
			if col == nil {
				return ErrInvalidColumn.New(set.Column.Last())
			}
			if col.Generated != 0 && tr.t.Period != nil { // temporal.go
				return errUpdateGenerated.New(qualifiedName(tr.db, tr.t))
			}
			x, err := c.expr(set.Value)
			if err != nil {
				return err
			}
			mc.sets = append(mc.sets, mergeSet{col: i, op: set.Op, x: x})
		}
		if w.Action == ast.MergeInsert {
			if len(w.Columns) == 0 && !w.DefaultValues {
				for i, col := range tr.t.Columns {
					if !col.Identity && !col.Hidden {
						mc.cols = append(mc.cols, i)
					}
				}
			}
			for _, id := range w.Columns {
				i, col := tr.t.Column(id.Name)
				if col == nil {
					return ErrInvalidColumn.New(id.Name)
				}
				mc.cols = append(mc.cols, i)
			}
			if len(w.Values) != len(mc.cols) && !w.DefaultValues {
				return ErrColumnCountMismatch.New()
			}
			for _, v := range w.Values {
				x, err := c.expr(v)
				if err != nil {
					return err
				}
				mc.vals = append(mc.vals, x)
			}
		}
		clauses = append(clauses, mc)
	}

	// Materialize both sides — the target only when it is not sought per
	// source row (merge_seek.go).
	sought, err := s.mergeSeekTarget(st, tr, alias, src, isView)
	if err != nil {
		return err
	}
	// The table lock comes once the statement knows how it reads the
	// target (mergeTableLock, merge_lock.go), before it reads a row.
	if err := s.lockTargetIn(ctx, tr, s.mergeTableLock(tr, hints, sought == nil)); err != nil {
		return err // dml_target_lock.go
	}
	var targets []Row
	if sought == nil {
		if targets, err = s.mergeScan(ec, tr, hints); err != nil { // merge_lock.go
			return err
		}
	}
	if inView != nil {
		shown := targets[:0]
		for _, r := range targets {
			b, err := inView(ec, r)
			if err != nil {
				return err
			}
			if b.IsTrue() {
				shown = append(shown, r)
			}
		}
		targets = shown
	}
	sit, err := src.open(ec)
	if err != nil {
		return err
	}
	sources, err := drain(sit)
	if err != nil {
		return err
	}
	m := &merger{s: s, ec: ec, tr: tr, hints: hints, on: on, inView: inView, clauses: clauses,
		tw: tsc.width(), sw: src.sc.width(), sought: sought, targets: targets}
	m.state = make([]uint8, len(targets))
	if sought == nil {
		if err := m.catchUp(); err != nil { // merge_lock.go
			return err
		}
		if len(m.targets) > 0 {
			m.hash = s.newMergeHash(st.On, tsc, src.sc) // merge_hash.go
		}
	}
	for _, mc := range clauses {
		m.relock = m.relock || mc.when.Match == ast.Matched // merge_lock.go
	}
	for _, sr := range sources {
		if err := m.matchSource(sr); err != nil {
			return err
		}
	}
	if err := m.bySource(); err != nil {
		return err
	}
	changes, targets, tw := m.changes, m.targets, m.tw

	// MERGE TOP (n) [PERCENT] and SET ROWCOUNT n keep the first n of the
	// joined rows that take an action (dml_limit.go), as they limit
	// INSERT, UPDATE and DELETE.
	lim, err := s.dmlLimit(ec, st.Top)
	if err != nil {
		return err
	}
	changes = changes[:lim.cut(len(changes))]
	if instead != nil {
		instead.setCols = mergeSetColumns(tr, clauses)
		if err := s.fireMergeInsteadOf(ctx, ec, instead, tr, changes, targets, out); err != nil {
			return err
		}
		return s.done(out, CmdMerge, int64(len(changes)), true)
	}

	if isView {
		s.noteViewCheck(vb, check) // viewcheck.go
	}
	rb, err := s.newRowBuilder(tr, "MERGE")
	if err != nil {
		return err
	}
	if err := s.checkMergeOutputTriggers(st, tr); err != nil {
		return err
	}
	outp, err := s.newOutput(st.Output, tr, out, "MERGE", src.sc)
	if err != nil {
		return err
	}
	if outp.trig != nil {
		outp.setColumns(mergeSetColumns(tr, clauses)) // UPDATE(column) in triggers (trigger.go)
		outp.trig.events = mergeEvents(st)
	}
	defer s.checkAtEnd(ec, rb)() // fk_deferred.go
	n := len(tr.t.Columns)
	// When updates change a key: deletes, then updates, then inserts, so
	// uniqueness holds as SQL Server checks it, when the statement ends — an
	// update may take a key a deleted row had, and several updates changing
	// a key are written in two passes (updaterows.go). OUTPUT's row order is
	// not defined by SQL Server.
	// Only a MERGE whose updates change a key is reordered; others keep the
	// source's order, which clients reading OUTPUT tend to expect.
	updates, keyCols := 0, []int(nil)
	for _, ch := range changes {
		if ch.clause.when.Action == ast.MergeUpdate {
			updates++
			for _, set := range ch.clause.sets {
				keyCols = append(keyCols, set.col)
			}
		}
	}
	changesKey := updates > 0 && updatesKey(tr, keyCols)
	if changesKey {
		rank := map[ast.MergeAction]int{ast.MergeDelete: 0, ast.MergeUpdate: 1, ast.MergeInsert: 2}
		slices.SortStableFunc(changes, func(a, b mergeChange) int { return rank[a.clause.when.Action] - rank[b.clause.when.Action] })
	}
	twoPass := updates > 1 && changesKey
	var pendOld, pendNew, pendSrc []Row
	flush := func() error {
		if len(pendOld) == 0 {
			return nil
		}
		if err := s.updateRows(ctx, tr, pendOld, pendNew); err != nil {
			return err
		}
		for i := range pendOld {
			outp.src = pendSrc[i]
			if err := outp.emit(ec, pendOld[i], pendNew[i]); err != nil {
				return err
			}
		}
		pendOld = nil
		return nil
	}
	for _, ch := range changes {
		outp.src = ch.row[tw:]
		if ch.clause.when.Action == ast.MergeInsert {
			if err := flush(); err != nil {
				return err
			}
		}
		switch ch.clause.when.Action {
		case ast.MergeDelete:
			old := targets[ch.target]
			if err := s.checkReferences(ec, tr, old, nil, "MERGE"); err != nil {
				return err
			}
			if err := s.deleteRow(ctx, tr, old); err != nil {
				return err
			}
			if err := outp.emit(ec, old, nil); err != nil {
				return err
			}
		case ast.MergeUpdate:
			old := targets[ch.target]
			nrow, err := ch.updatedRow(ec, old, rb.store)
			if err != nil {
				return err
			}
			if err := rb.validate(ec, nrow); err != nil {
				return err
			}
			if uniqueKeyChanged(tr.t, old, nrow) { // foreignkey.go
				if err := s.checkReferences(ec, tr, old, nrow, "MERGE"); err != nil {
					return err
				}
			}
			if twoPass {
				pendOld, pendNew, pendSrc = append(pendOld, old), append(pendNew, nrow[:n+1]), append(pendSrc, ch.row[tw:])
				continue
			}
			if err := s.updateRow(ctx, tr, old, nrow[:n+1]); err != nil {
				return err
			}
			if err := outp.emit(ec, old, nrow); err != nil {
				return err
			}
		case ast.MergeInsert:
			row := make(Row, n+1)
			given := make([]bool, n)
			for i, ci := range ch.clause.cols {
				v, err := ch.clause.vals[i].eval(ec, ch.row)
				if err != nil {
					return err
				}
				if row[ci], err = rb.store(ci, v); err != nil {
					return err
				}
				given[ci] = true
			}
			ident, err := rb.complete(ec, row, given)
			if err != nil {
				return err
			}
			s.noteIdentity(tr, ident)
			if err := s.insertRow(ctx, tr, row, "MERGE"); err != nil {
				return err
			}
			if err := outp.emit(ec, nil, row); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if err := s.checkStatementEnd(ec, rb); err != nil {
		return err
	}
	if err := outp.finish(ctx); err != nil {
		return err
	}
	return s.done(out, CmdMerge, int64(len(changes)), true)
}

// mergeSetColumns are the columns (lower case) UPDATE(column) and
// COLUMNS_UPDATED() report in the triggers a MERGE fires for its updates:
// every column a SET of any of its UPDATE clauses names, whichever clause
// updated a row, as SQL Server reports them from the statement.
func mergeSetColumns(tr *tableRef, clauses []*mergeClause) map[string]bool {
	cols := map[string]bool{}
	for _, mc := range clauses {
		if mc.when.Action != ast.MergeUpdate {
			continue
		}
		for _, set := range mc.sets {
			cols[strings.ToLower(tr.t.Columns[set.col].Name)] = true
		}
	}
	return cols
}

// checkMergeOutputTriggers is SQL Server's 334 for MERGE: an OUTPUT clause
// without INTO is refused when the target has an AFTER trigger for an
// action one of the WHEN clauses can take (the trigger's result sets would
// interleave with the OUTPUT rows). EF Core's batched inserts meet this
// error on tables with triggers, as they do against SQL Server.
func (s *Session) checkMergeOutputTriggers(st *ast.MergeStmt, tr *tableRef) error {
	if st.Output == nil || st.Output.Into != nil && st.Output.Then == nil {
		return nil
	}
	trig := s.triggersFor(tr, "MERGE")
	if trig == nil {
		return nil
	}
	for _, w := range st.Whens {
		ev := map[ast.MergeAction]string{ast.MergeUpdate: "UPDATE", ast.MergeDelete: "DELETE", ast.MergeInsert: "INSERT"}[w.Action]
		if ev != "" && s.hasAfterTrigger(trig, ev) {
			return ErrOutputTriggers.New(tr.displayName())
		}
	}
	return nil
}
