package exec

import (
	"slices"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// The rows a statement's cascades change (ON UPDATE CASCADE, SET NULL, SET
// DEFAULT) are written when the statement ends, before its foreign keys
// are checked (fk_deferred.go, issue #5). SQL Server's plan joins the
// statement's old and new keys to each child table as it was and writes
// the children it found; written one parent row at a time, a key swap
// (UPDATE p SET k = CASE k WHEN 1 THEN 2 WHEN 2 THEN 1 END) moved the
// children of 1 to 2 and then every child of 2 — those just moved as well
// — to 1, and a child's new key could leave its next parent or child
// unchecked (an orphan the statement then committed). Found while nothing
// cascaded is written yet, each child moves once, by its own old key;
// written together, a child table's changed keys are checked for
// uniqueness against its final rows (updateRows); then checkCascadedParents
// checks each moved key against the parents it must exist in.

// cascadeWrite is one child row a cascade changes from old to new (both
// with the hidden row key) by fk with action, in a statement named stmt.
type cascadeWrite struct {
	ctr      *tableRef
	fk       *catalog.ForeignKey
	action   string
	old, new Row // new nil: the row was since deleted by a cascade
	stmt     string
}

// cascadeWrites are a statement's cascaded changes, in the order they were
// found; at finds a child row's change by its table and row key (a catalog
// older than checkCascadePaths may reach a row by two keys).
type cascadeWrites struct {
	rows []cascadeWrite
	at   map[string]int
	// wrote: the tables writeCascaded changed.
	wrote map[*catalog.Table]bool
	// builders complete the cascaded rows, one per child table.
	builders map[*catalog.Table]*rowBuilder
}

// cascadeBuilder is the row builder of the statement's cascaded rows of
// ctr, made at its first: their FOREIGN KEYs are left to the statement's
// end (checkCascadedParents), or to cascadeUpdate's own check, and its
// errors name the statement, stmt.
func (s *Session) cascadeBuilder(ctr *tableRef, cs *cascadeRun, stmt string) (*rowBuilder, error) {
	w := &cs.cascaded
	if rb := w.builders[ctr.t]; rb != nil {
		return rb, nil
	}
	// Made as no INSERT or UPDATE is: a view's CHECK OPTION waiting for
	// the statement's own builder is not the child table's.
	rb, err := s.newRowBuilder(ctr, "cascade")
	if err != nil {
		return nil, err
	}
	rb.stmt, rb.foreignKeysLater = stmt, true
	if w.builders == nil {
		w.builders = map[*catalog.Table]*rowBuilder{}
	}
	w.builders[ctr.t] = rb
	return rb, nil
}

// rowKeyOf is the key cascadeWrites.at finds row (of ctr) by.
func rowKeyOf(ctr *tableRef, row Row) string {
	return ctr.cat.Key(ctr.t.Schema, ctr.t.Name) + "\x00" + row[len(ctr.t.Columns)].Str()
}

// pending returns the new row a cascade of this statement already gave
// ctr's row (nil when none).
func (w *cascadeWrites) pending(ctr *tableRef, row Row) Row {
	if i, ok := w.at[rowKeyOf(ctr, row)]; ok {
		return w.rows[i].new
	}
	return nil
}

// record notes that the row old of ctr becomes new; a row changed before
// keeps its first old row.
func (w *cascadeWrites) record(c cascadeWrite) {
	k := rowKeyOf(c.ctr, c.old)
	if i, ok := w.at[k]; ok {
		w.rows[i].new = c.new
		return
	}
	if w.at == nil {
		w.at = map[string]int{}
	}
	w.at[k] = len(w.rows)
	w.rows = append(w.rows, c)
}

// forget drops the change of ctr's row that a cascade then deleted.
func (w *cascadeWrites) forget(ctr *tableRef, row Row) {
	if i, ok := w.at[rowKeyOf(ctr, row)]; ok {
		w.rows[i].new = nil
	}
}

// writeCascaded writes the statement's cascaded changes, a child table's
// rows together: in two passes when they change a key, so that they are
// unique as the statement leaves them (updaterows.go).
func (s *Session) writeCascaded(ec *evalCtx) error {
	w := &ec.cascadeState().cascaded
	var order []*catalog.Table
	groups := map[*catalog.Table][]cascadeWrite{}
	for _, c := range w.rows {
		if c.new == nil {
			continue
		}
		if _, ok := groups[c.ctr.t]; !ok {
			order = append(order, c.ctr.t)
		}
		groups[c.ctr.t] = append(groups[c.ctr.t], c)
	}
	w.wrote = map[*catalog.Table]bool{}
	for _, t := range order {
		w.wrote[t] = true
		g := groups[t]
		ctr := g[0].ctr
		var cols []int
		for _, c := range g {
			for _, col := range c.fk.Columns {
				if !slices.Contains(cols, col) {
					cols = append(cols, col)
				}
			}
		}
		if len(g) > 1 && updatesKey(ctr, cols) {
			olds, news := make([]Row, len(g)), make([]Row, len(g))
			for i, c := range g {
				olds[i], news[i] = c.old, c.new
			}
			if err := s.updateRows(ec.ctx, ctr, olds, news); err != nil {
				return err
			}
			continue
		}
		for _, c := range g {
			if err := s.updateRow(ec.ctx, c.ctr, c.old, c.new); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkCascadedParents checks, once every row is written, that each key a
// cascade moved a row to has its parent: every enabled foreign key of the
// child on a column the cascade set (547, FOREIGN KEY, otherwise). A key
// that took its parent's new key by CASCADE has that parent; its other
// keys on the same columns, and a SET DEFAULT's default, may not.
func (s *Session) checkCascadedParents(ec *evalCtx) error {
	w := &ec.cascadeState().cascaded
	rows := w.rows
	*w = cascadeWrites{}
	for _, c := range rows {
		if c.new == nil {
			continue
		}
		for _, g := range c.ctr.t.ForeignKeys {
			if g.Disabled || g == c.fk && c.action == "CASCADE" || !overlaps(g.Columns, c.fk.Columns) {
				continue
			}
			if err := s.checkForeignKey(ec, c.ctr, g, c.new, c.stmt); err != nil {
				return err
			}
		}
	}
	return nil
}

// overlaps reports whether a and b share a column.
func overlaps(a, b []int) bool {
	for _, c := range a {
		if slices.Contains(b, c) {
			return true
		}
	}
	return false
}
