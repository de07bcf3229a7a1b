package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// MERGE into a table with INSTEAD OF triggers (issue #5). SQL Server's
// MERGE documentation: when the target has an enabled INSTEAD OF trigger
// for an action the MERGE specifies, it must have one for every action
// the MERGE specifies (else 5316), and those actions are not run — the
// triggers fire instead, with inserted and deleted holding the rows the
// actions would have written. Here MERGE matches and decides its actions
// as usual (locks included: the rows it would change are locked X, as the
// UPDATE or DELETE the trigger then runs would lock them), then hands
// each event's rows to its trigger (trigger.go's MERGE collector), in the
// order INSERT, UPDATE, DELETE, once each when it has rows. As for
// INSERT, UPDATE and DELETE (instead_of.go), columns an insert leaves out
// are NULL in inserted, OUTPUT is not supported, and a trigger running
// its own statement against the target writes it directly.
//
// A view target with INSTEAD OF triggers is still refused (40508): its
// rows have no store key for MERGE to match them by.

var errMergeInsteadOfPartial = errorKind{5316, 16, 1, "The target '%s' of the MERGE statement has an INSTEAD OF trigger on some, but not all, of the actions specified in the MERGE statement. In a MERGE statement, if any action has an enabled INSTEAD OF trigger on the target, then all actions must have enabled INSTEAD OF triggers.", AbortStatement}

// mergeActionEvent is the trigger event of a MERGE action.
var mergeActionEvent = map[ast.MergeAction]string{ast.MergeInsert: "INSERT", ast.MergeUpdate: "UPDATE", ast.MergeDelete: "DELETE"}

// mergeInsteadOf returns the INSTEAD OF triggers that take st's actions,
// nil when its target has none for them.
func (s *Session) mergeInsteadOf(st *ast.MergeStmt) (*triggerSet, error) {
	used := map[string]bool{}
	for _, w := range st.Whens {
		used[mergeActionEvent[w.Action]] = true
	}
	var ts *triggerSet
	missing := false
	for _, ev := range [...]string{"INSERT", "UPDATE", "DELETE"} {
		if !used[ev] {
			continue
		}
		t, err := s.insteadOf(st.With, st.Target, []ast.TableExpr{st.Target}, ev)
		switch {
		case err != nil:
			return nil, err
		case t == nil:
			missing = true
		case ts == nil:
			ts = t
			ts.stmt = "MERGE"
		default:
			for _, m := range t.mods {
				if !containsModule(ts.mods, m.ID) { // one trigger FOR INSERT, UPDATE
					ts.mods = append(ts.mods, m)
				}
			}
		}
	}
	switch {
	case ts == nil:
		return nil, nil
	case missing:
		return nil, errMergeInsteadOfPartial.New(ts.tr.t.Name)
	case ts.tr.t.ID == 0: // a view's pseudo-table shape (insteadOf)
		return nil, ErrNotSupported.New("MERGE into a view with an INSTEAD OF trigger")
	case st.Output != nil:
		return nil, ErrNotSupported.New("OUTPUT in a MERGE that an INSTEAD OF trigger takes")
	}
	ts.events = mergeEvents(st)
	return ts, nil
}

// fireMergeInsteadOf gives each decided change's rows to ts and fires its
// triggers, writing nothing. ts.setCols are the MERGE's SET columns
// (mergeSetColumns), for UPDATE(column).
func (s *Session) fireMergeInsteadOf(ctx context.Context, ec *evalCtx, ts *triggerSet, tr *tableRef, changes []mergeChange, targets []Row, out Output) error {
	cols := tr.t.Columns
	for _, ch := range changes {
		switch ch.clause.when.Action {
		case ast.MergeDelete:
			ts.collect(targets[ch.target], nil)
		case ast.MergeUpdate:
			old := targets[ch.target]
			nrow, err := ch.updatedRow(ec, old, func(col int, v types.Value) (types.Value, error) {
				return convertTo(v, cols[col].Type)
			})
			if err != nil {
				return err
			}
			ts.collect(old, nrow)
		case ast.MergeInsert:
			row := make(Row, len(cols))
			for i, c := range cols {
				row[i] = types.Null(c.Type.ID)
			}
			for i, ci := range ch.clause.cols {
				v, err := ch.clause.vals[i].eval(ec, ch.row)
				if err != nil {
					return err
				}
				if row[ci], err = convertTo(v, cols[ci].Type); err != nil {
					return err
				}
			}
			ts.collect(nil, row)
		}
	}
	return ts.fire(ctx, out)
}

func containsModule(mods []*catalog.Module, id int32) bool {
	for _, m := range mods {
		if m.ID == id {
			return true
		}
	}
	return false
}

// updatedRow is old with ch's SET clauses applied: each value evaluated
// against ch's joined row, combined with the column's value for a compound
// assignment (+= …), and stored through store (the row builder's conversion
// and checks, or a plain conversion for an INSTEAD OF trigger's inserted row).
func (ch *mergeChange) updatedRow(ec *evalCtx, old Row, store func(col int, v types.Value) (types.Value, error)) (Row, error) {
	nrow := append(Row(nil), old...)
	for _, set := range ch.clause.sets {
		v, err := set.x.eval(ec, ch.row)
		if err != nil {
			return nil, err
		}
		if set.op != ast.AssignEq && set.op != 0 {
			if v, err = compound(set.op, nrow[set.col], v); err != nil {
				return nil, err
			}
		}
		if nrow[set.col], err = store(set.col, v); err != nil {
			return nil, err
		}
	}
	return nrow, nil
}
