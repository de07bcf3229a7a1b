package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// WITH CHECK OPTION: an INSERT or UPDATE through a view made WITH CHECK
// OPTION must leave every row it writes visible through the view, else
// the statement fails with 550 and writes nothing. The view's WHERE, as
// viewdml.go requalified it, is compiled against the base table (aliased
// with the view's name) when the rewritten statement builds its rows, and
// each written row must make it TRUE (NULL fails, as the row would not
// show).

// viewCheck is the pending CHECK OPTION of a rewritten view statement.
type viewCheck struct {
	where ast.Expr // the view's WHERE, qualified with alias
	alias string   // the view's name, the base table's alias
}

var errViewCheckOption = &Error{Number: 550, Severity: 16, State: 1, Message: "The attempted insert or update failed because the target view either specifies WITH CHECK OPTION or spans a view that specifies WITH CHECK OPTION and one or more rows resulting from the operation did not qualify under the CHECK OPTION constraint."}

// noteViewCheck arms the CHECK OPTION of view vb for the row builder the
// rewritten statement makes next, when the view has one.
func (s *Session) noteViewCheck(vb *viewBase, checkOption bool) {
	if vb.checkSet { // a view over views (viewdml_nested.go)
		if vb.check != nil {
			s.pendingViewCheck = &viewCheck{where: vb.check, alias: vb.name}
		}
		return
	}
	if !checkOption {
		return
	}
	where := vb.where
	if where == nil {
		return // every row qualifies
	}
	s.pendingViewCheck = &viewCheck{where: where, alias: vb.name}
}

// scopeViewCheck confines a pending CHECK OPTION to the statement that
// arms it: a statement through a view that failed before it made its row
// builder (a division by zero in its WHERE) left it to the next INSERT or
// UPDATE of any table, which then failed with 207 or 550 or checked its
// rows against another view; and a statement run meanwhile (an INSERT …
// EXEC's procedure) must neither take nor drop its caller's. The caller
// defers the function returned, which restores what was pending before.
func (s *Session) scopeViewCheck() func() {
	prev := s.pendingViewCheck
	s.pendingViewCheck = nil
	return func() { s.pendingViewCheck = prev }
}

// takeViewCheck compiles and clears the pending CHECK OPTION for a row
// builder of tr.
func (s *Session) takeViewCheck(rb *rowBuilder) error {
	vc := s.pendingViewCheck
	if vc == nil {
		return nil
	}
	s.pendingViewCheck = nil
	c := &compiler{s: s, sc: tableScope(rb.tr, vc.alias, nil)}
	p, err := c.pred(vc.where)
	if err != nil {
		return err
	}
	rb.viewCheck = p
	return nil
}

// checkView applies rb's CHECK OPTION to a written row.
func (rb *rowBuilder) checkView(ec *evalCtx, row Row) error {
	if rb.viewCheck == nil {
		return nil
	}
	b, err := rb.viewCheck(ec, row)
	if err != nil {
		return err
	}
	if b != types.True {
		return errViewCheckOption
	}
	return nil
}
