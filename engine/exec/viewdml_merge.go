package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// MERGE into an updatable view or CTE (MERGE's target_table "can be a
// view"; CREATE VIEW's "Updatable Views"). As for INSERT, UPDATE and
// DELETE through a view (viewdml.go) the statement is rewritten onto the
// view's one base table, aliased with the name the MERGE gives its target
// (its alias, or the view's name) so qualified references still resolve:
// SET and INSERT columns become base columns (4406 for a view column that
// is an expression; an INSERT without a column list names the view's
// columns in order), view columns read in ON, the WHEN conditions, the SET
// and VALUES expressions and OUTPUT become base columns, and OUTPUT's
// inserted.* and deleted.* are the view's columns. Only the rows the view
// shows are the target: runMerge keeps the base rows the view's WHERE
// selects (targetWhere), so a row the view hides is neither matched nor
// "not matched by source". WITH CHECK OPTION checks every inserted and
// updated row (550).
//
// A bare column name is a target column or a source column: one both
// show is ambiguous (209); one only the base table has — a column the view
// hides — is 207, not the hidden column.
//
// A view over several tables: each action may change the columns of one
// base table only, as for INSERT, UPDATE and DELETE through it
// (viewdml_join.go) — a DELETE, which would remove rows of every table,
// and a SET or INSERT column list spanning two tables are 4405, a view
// column that is an expression 4406. A MERGE that passes those checks is
// not served yet (40508), rather than 208 as if the view did not exist.
// A view with TOP still reports 208.

// viewMerge rewrites st when its target is an updatable view or CTE; vb is
// the view's base (its where the target filter, its check the CHECK OPTION
// to arm), src the MERGE's source, already built. st's CTEs must be
// pushed. ok is false when the target is not a view.
func (s *Session) viewMerge(st *ast.MergeStmt) (c *ast.MergeStmt, vb *viewBase, src *source, check, ok bool, err error) {
	tn, isName := st.Target.(*ast.TableName)
	if !isName {
		return nil, nil, nil, false, false, nil
	}
	if _, _, _, isView, err := s.viewDefinition(st.With, &ast.TableName{Name: tn.Name}); !isView || err != nil {
		return nil, nil, nil, false, false, err
	}
	if c, ok = reparse(st); !ok {
		return nil, nil, nil, false, false, nil
	}
	ctn := c.Target.(*ast.TableName)
	viewRef := &ast.TableName{Name: ctn.Name}
	q, cols, name, _, _ := s.viewDefinition(c.With, viewRef)
	shown := nameText(ctn.Name)
	isCTE := c.With != nil && withHasCTE(c.With, name)
	if err := notUpdatable(q, shown, isCTE); err != nil {
		return nil, nil, nil, false, true, err // viewdml_join.go
	}
	if err := s.mergeJoinView(q, cols, shown, c); err != nil {
		return nil, nil, nil, false, true, err
	}
	qual := ctn.Name.Last()
	if ctn.Alias != nil {
		qual = ctn.Alias.Name
	}
	vb, ok, err = s.updatableBase(q, cols, qual)
	if !ok || err != nil {
		return nil, nil, nil, false, false, err
	}
	check = s.hasCheckOption(c.With, viewRef)
	if vb, ok, err = s.nestedBase(vb, check); !ok || err != nil {
		return nil, nil, nil, false, err != nil, err // viewdml_nested.go
	}
	vb.shown, vb.inFrom = shown, true
	if src, err = s.buildTableExpr(c.Source, nil, nil); err != nil {
		return nil, nil, nil, false, true, err
	}
	vb.others = func() *scope { return src.sc }
	if err := vb.renameMerge(c); err != nil {
		return nil, nil, nil, false, true, err
	}
	c.Target = vb.target()
	return c, vb, src, check, true, nil
}

// renameMerge maps c's view columns to base columns (viewMerge).
func (vb *viewBase) renameMerge(c *ast.MergeStmt) error {
	if err := vb.rename(c.On); err != nil {
		return err
	}
	for _, w := range c.Whens {
		if w.Cond != nil {
			if err := vb.rename(w.Cond); err != nil {
				return err
			}
		}
		switch w.Action {
		case ast.MergeUpdate:
			if err := vb.renameUpdate(w.Set, nil); err != nil {
				return err
			}
		case ast.MergeInsert:
			list := w.Columns
			if len(list) == 0 && !w.DefaultValues {
				for _, n := range vb.order {
					list = append(list, &ast.Ident{Name: n})
				}
			}
			mapped := make([]*ast.Ident, len(list))
			for i, id := range list {
				var err error
				if mapped[i], err = vb.baseColumn(id); err != nil {
					return err
				}
			}
			w.Columns = mapped
			for _, v := range w.Values {
				if err := vb.rename(v); err != nil {
					return err
				}
			}
		}
	}
	return vb.renameOutput(c.Output) // viewdml_from.go
}

// bindBare decides a bare column name of a statement through a view that
// reads other sources (vb.others): a name both the view and another
// source show is ambiguous (209); one only another source shows is
// qualified with that source's name, so that a column of the base table
// the view hides cannot make it ambiguous; one neither shows is 207, even
// when the base table has it. done is false for a view column, which the
// caller maps to its base column.
func (vb *viewBase) bindBare(n *ast.ColumnRef) (done bool, err error) {
	name := n.Name.Last()
	if pseudoColumn(name) != 0 {
		return false, nil
	}
	others := vb.others()
	if others == nil {
		return false, nil // the sources could not be built: as before
	}
	col, found, err := others.find(n.Name)
	if err != nil {
		return true, err
	}
	_, known := vb.cols[strings.ToLower(name)]
	switch {
	case found && known:
		return true, ErrAmbiguousColumn.New(name)
	case found:
		if col.qual != "" {
			n.Name = &ast.Name{Span: n.Name.Span, Parts: []*ast.Ident{{Name: col.qual}, n.Name.Parts[0]}}
		}
		return true, nil
	case !known:
		return true, ErrInvalidColumn.New(name)
	}
	return false, nil
}

// mergeJoinView is the error of a MERGE into a view over several tables
// (q, its column names cols, shown as shown): nil when the view reads one
// table (or is not made of tables and joins).
func (s *Session) mergeJoinView(q *ast.Query, cols []*ast.Ident, shown string, c *ast.MergeStmt) error {
	core, isCore := q.Body.(*ast.SelectCore)
	if !isCore {
		return nil
	}
	jv, ok, err := s.analyseJoinView(core, cols, shown)
	if !ok || err != nil {
		return err
	}
	for _, w := range c.Whens {
		var names []string
		switch w.Action {
		case ast.MergeDelete:
			return errViewMultiple(shown)
		case ast.MergeUpdate:
			for _, set := range w.Set {
				names = append(names, set.Column.Last())
			}
		case ast.MergeInsert:
			for _, id := range w.Columns {
				names = append(names, id.Name)
			}
			if len(w.Columns) == 0 {
				for _, jc := range jv.cols {
					names = append(names, jc.name)
				}
			}
		}
		if _, err := jv.targetOf(names); err != nil {
			return err
		}
	}
	return ErrNotSupported.New("MERGE into a view over several tables")
}
