package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Running INSERT, UPDATE and DELETE through a partitioned view
// (viewdml_partitioned.go).

func (pv *partView) errOutput() error {
	return pvError(489, 1, "The OUTPUT clause cannot be specified because the target view \""+pv.name+"\" is a partitioned view.")
}

var errPVTop = pvError(417, 1, "TOP is not allowed in an UPDATE or DELETE statement against a partitioned view.")

var errPVNoPartition = pvError(4457, 1, "The attempted insert or update of the partitioned view failed because the value of the partitioning column does not belong to any of the partitions.")

// memberRefusal is 4434 when a member has an INSTEAD OF trigger for the
// statement's event: the view's statement would bypass it.
func (s *Session) memberRefusal(pv *partView, event string) error {
	for _, m := range pv.members {
		if hasInsteadOfTrigger(s, s.catalogFor(m.tr.db), m.tr.cat.Key(m.tr.t.Schema, m.tr.t.Name), event) {
			return pvError(4434, 1, "Partitioned view '"+pv.shown+"' is not updatable because table '"+bracketed(m.tr)+"' has an INSTEAD OF trigger.")
		}
	}
	return nil
}

// moveRefusal is SQL Server's refusal of an UPDATE of the partitioning
// column, which deletes and inserts rows: 4450 for a member with an
// IDENTITY column (the moved row could not keep its value), 4453 for one
// with a DML trigger (it would see a DELETE and an INSERT, not the
// UPDATE).
func (s *Session) moveRefusal(pv *partView) error {
	for _, m := range pv.members {
		if ic := m.tr.t.IdentityColumn(); ic >= 0 {
			name := m.tr.t.Columns[ic].Name
			for i, c := range m.cols {
				if strings.EqualFold(c, name) {
					name = pv.cols[i]
				}
			}
			return pvError(4450, 1, "Cannot update partitioned view '"+pv.shown+"' because the definition of the view column '"+name+"' in table '"+bracketed(m.tr)+"' has an IDENTITY constraint.")
		}
	}
	for _, m := range pv.members {
		if len(enabledTriggers(s.catalogFor(m.tr.db).TableTriggers(m.tr.cat.Key(m.tr.t.Schema, m.tr.t.Name)))) > 0 {
			return pvError(4453, 1, "Cannot UPDATE partitioning column '"+pv.cols[pv.partCol]+"' of view '"+pv.shown+"' because the table '"+bracketed(m.tr)+"' has a INSERT, UPDATE or DELETE trigger.")
		}
	}
	return nil
}

// partitionedInsert inserts the rows of st, each into the member whose
// CHECK takes its partitioning value.
func (s *Session) partitionedInsert(ctx context.Context, st *ast.InsertStmt, pv *partView, out Output) error {
	if st.Output != nil {
		return pv.errOutput()
	}
	if err := s.memberRefusal(pv, "INSERT"); err != nil {
		return err
	}
	allCols := pvError(4448, 1, "Cannot INSERT into partitioned view '"+pv.shown+"' because values were not supplied for all columns.")
	if st.DefaultValues || st.Exec != nil {
		return allCols
	}
	// order[j] is the view column of source value j: the column list must
	// name every view column, in any order.
	order := make([]int, 0, len(pv.cols))
	if len(st.Columns) == 0 {
		for i := range pv.cols {
			order = append(order, i)
		}
	} else {
		named := map[int]bool{}
		for _, id := range st.Columns {
			i := pv.column(id.Name)
			if i < 0 {
				return ErrInvalidColumn.New(id.Name)
			}
			named[i] = true
			order = append(order, i)
		}
		if len(named) != len(pv.cols) {
			return allCols
		}
	}
	for _, m := range pv.members {
		if ic := m.tr.t.IdentityColumn(); ic >= 0 {
			return pvError(4433, 1, "Cannot INSERT into partitioned view '"+pv.shown+"' because table '"+bracketed(m.tr)+"' has an IDENTITY constraint.")
		}
	}
	ec := newEvalCtx(ctx, s)
	var src []Row
	switch {
	case st.Values != nil:
		c := &compiler{s: s, sc: &scope{}}
		for _, vals := range st.Values {
			if len(vals) != len(order) {
				return ErrColumnCountMismatch.New()
			}
			row := make(Row, len(vals))
			for j, x := range vals {
				if _, isDefault := x.(*ast.DefaultExpr); isDefault {
					return pvError(4449, 1, "Using defaults is not allowed in views that contain a set operator.")
				}
				e, err := c.expr(x)
				if err != nil {
					return err
				}
				if row[j], err = e.eval(ec, nil); err != nil {
					return err
				}
			}
			src = append(src, row)
		}
	case st.Query != nil:
		var err error
		if src, err = s.insertQueryRows(ec, st, len(order)); err != nil {
			return err
		}
	}
	if st.Top != nil {
		lim, err := s.dmlLimit(ec, st.Top)
		if err != nil {
			return err
		}
		src = src[:lim.cut(len(src))]
	}
	rows := make([]Row, len(src))
	for r, in := range src {
		row := make(Row, len(pv.cols))
		for j, v := range in {
			row[order[j]] = v
		}
		rows[r] = row
	}
	n, err := s.pvInsertRows(ctx, ec, pv, rows, "INSERT", out)
	if err != nil {
		return err
	}
	return s.done(out, CmdInsert, n, true)
}

// column is the position of the view column named name, or -1.
func (pv *partView) column(name string) int {
	for i, c := range pv.cols {
		if strings.EqualFold(c, name) {
			return i
		}
	}
	return -1
}

// pvInsertRows routes rows of view values to the members and inserts them
// there, member by member (each member's AFTER INSERT triggers see its
// rows), for stmt: an INSERT leaves out a duplicate of an IGNORE_DUP_KEY
// index (3604), the rows an UPDATE of the partitioning column moves are
// written as the UPDATE's (2627 for a duplicate).
func (s *Session) pvInsertRows(ctx context.Context, ec *evalCtx, pv *partView, rows []Row, stmt string, out Output) (int64, error) {
	for _, m := range pv.members {
		rb, err := s.newRowBuilder(m.tr, stmt)
		if err != nil {
			return 0, err
		}
		m.rb = rb
	}
	per := make([][]Row, len(pv.members))
	for _, vals := range rows {
		k, err := pv.route(ec, vals)
		if err != nil {
			return 0, err
		}
		per[k] = append(per[k], vals)
	}
	var n int64
	for k, m := range pv.members {
		if len(per[k]) == 0 {
			continue
		}
		if err := s.lockTarget(ctx, m.tr); err != nil {
			return 0, err
		}
		if err := s.checkTargetSets(m.tr, stmt); err != nil {
			return 0, err
		}
		outp, err := s.newOutput(nil, m.tr, out, "INSERT")
		if err != nil {
			return 0, err
		}
		idx := make([]int, len(pv.cols))
		for i, c := range m.cols {
			idx[i], _ = m.tr.t.Column(c)
		}
		m.rb.deferSelfReferences()
		for _, vals := range per[k] {
			row := make(Row, len(m.tr.t.Columns)+1)
			given := make([]bool, len(m.tr.t.Columns))
			for i, v := range vals {
				given[idx[i]] = true
				if row[idx[i]], err = m.rb.store(idx[i], v); err != nil {
					m.rb.selfRefRows = nil
					return 0, err
				}
			}
			if _, err := m.rb.complete(ec, row, given); err != nil {
				m.rb.selfRefRows = nil
				return 0, err
			}
			if err := s.insertRow(ctx, m.tr, row, stmt); err == errDupKeyIgnored {
				continue // IGNORE_DUP_KEY: left out, with 3604 (ignore_dup_key.go)
			} else if err != nil {
				m.rb.selfRefRows = nil
				return 0, err
			}
			if err := outp.emit(ec, nil, row); err != nil {
				m.rb.selfRefRows = nil
				return 0, err
			}
			n++
		}
		err = m.rb.checkSelfReferences(ec)
		m.rb.selfRefRows = nil
		if err != nil {
			return 0, err
		}
		if err := outp.finish(ctx); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// route is the member a row of view values goes to: the first whose
// partitioning CHECK its value makes TRUE (4457 when none does).
func (pv *partView) route(ec *evalCtx, vals Row) (int, error) {
	for k, m := range pv.members {
		ci, _ := m.tr.t.Column(m.cols[pv.partCol])
		v, err := m.rb.store(ci, vals[pv.partCol])
		if err != nil {
			return 0, err
		}
		row := make(Row, len(m.tr.t.Columns)+1)
		row[ci] = v
		ok, err := m.part(ec, row)
		if err != nil {
			return 0, err
		}
		if ok {
			return k, nil
		}
	}
	return 0, errPVNoPartition
}

// memberBase is the rename of the view's columns to member m's.
func (pv *partView) memberBase(m *pvMember, shown string) *viewBase {
	vb := &viewBase{name: pv.name, shown: shown, table: m.name, cols: map[string]string{}}
	for i, c := range pv.cols {
		vb.cols[strings.ToLower(c)] = m.cols[i]
		vb.order = append(vb.order, c)
	}
	return vb
}

// partitionedUpdate runs an UPDATE through the view on every member; one
// that changes the partitioning column moves rows (partitionedMove).
func (s *Session) partitionedUpdate(ctx context.Context, st *ast.UpdateStmt, pv *partView, out Output) error {
	if st.Output != nil {
		return pv.errOutput()
	}
	if st.Top != nil {
		return errPVTop
	}
	if err := s.memberRefusal(pv, "UPDATE"); err != nil {
		return err
	}
	for _, sc := range st.Set {
		if sc.Column != nil && strings.EqualFold(sc.Column.Last(), pv.cols[pv.partCol]) {
			if err := s.moveRefusal(pv); err != nil {
				return err
			}
			return s.partitionedMove(ctx, st, pv, out)
		}
	}
	var ups []*ast.UpdateStmt
	for _, m := range pv.members {
		c, ok := reparse(st)
		if !ok {
			return pvError(4416, 1, "UNION ALL view '"+pv.shown+"' is not updatable because the definition contains a disallowed construct.")
		}
		vb := pv.memberBase(m, c.Target.SQL())
		for _, sc := range c.Set {
			if sc.Column != nil {
				id, err := vb.baseColumn(sc.Column.Parts[len(sc.Column.Parts)-1])
				if err != nil {
					return err
				}
				sc.Column = &ast.Name{Span: sc.Column.Span, Parts: []*ast.Ident{id}}
			}
			if err := vb.rename(sc.Value); err != nil {
				return err
			}
		}
		if c.Where != nil {
			if err := vb.rename(c.Where); err != nil {
				return err
			}
		}
		c.Target = vb.target()
		ups = append(ups, c)
	}
	return runMembers(s, out, CmdUpdate, ups, func(c *ast.UpdateStmt, o Output) error { return s.runUpdate(ctx, c, o) })
}

// partitionedDelete runs a DELETE through the view on every member.
func (s *Session) partitionedDelete(ctx context.Context, st *ast.DeleteStmt, pv *partView, out Output) error {
	if st.Output != nil {
		return pv.errOutput()
	}
	if st.Top != nil {
		return errPVTop
	}
	if err := s.memberRefusal(pv, "DELETE"); err != nil {
		return err
	}
	var dels []*ast.DeleteStmt
	for _, m := range pv.members {
		c, ok := reparse(st)
		if !ok {
			return pvError(4416, 1, "UNION ALL view '"+pv.shown+"' is not updatable because the definition contains a disallowed construct.")
		}
		vb := pv.memberBase(m, c.Target.SQL())
		if c.Where != nil {
			if err := vb.rename(c.Where); err != nil {
				return err
			}
		}
		c.Target = vb.target()
		dels = append(dels, c)
	}
	return runMembers(s, out, CmdDelete, dels, func(c *ast.DeleteStmt, o Output) error { return s.runDelete(ctx, c, o) })
}

// runMembers runs the members' statements as one statement: each member's
// UPDATE or DELETE finds its rows (and computes its new values), then runs
// the next member's inside its beforeWrite (dmlplan.go) and writes only
// when that returns — so no member's WHERE or SET value sees another
// member's writes, as a table's statement sees none of its own. Run one
// after the other, UPDATE pv SET v = (SELECT SUM(v) FROM pv) summed, in the
// second member, the first's new values (6, 6, 15 where SQL Server gives
// 6, 6, 6), and DELETE … WHERE v >= (SELECT COUNT(*) FROM pv) took rows the
// first member's deletes had brought under the count. The members nest
// last first, so they write in the view's order. Their rows are reported
// as the one statement's count.
func runMembers[T any](s *Session, out Output, cmd Cmd, stmts []T, run func(T, Output) error) error {
	total, err := nestMembers(s, out, stmts, run)
	if err != nil {
		return err
	}
	return s.done(out, cmd, total, true)
}

// nestMembers is runMembers without the statement's DONE.
func nestMembers[T any](s *Session, out Output, stmts []T, run func(T, Output) error) (int64, error) {
	var total int64
	var nest func(i int) error
	nest = func(i int) error {
		if i < 0 {
			return nil
		}
		called := false
		n, err := s.memberRun(out, func(o Output) error {
			s.dml.beforeWrite = func() error { called = true; return nest(i - 1) }
			defer func() { s.dml.beforeWrite = nil }()
			return run(stmts[i], o)
		})
		if err != nil {
			return err
		}
		total += n
		if !called { // a path that returned before finding its rows
			return nest(i - 1)
		}
		return nil
	}
	err := nest(len(stmts) - 1)
	return total, err
}

// partitionedMove runs an UPDATE of the partitioning column: every
// member's rows the WHERE takes are read with their new values first
// (none is changed yet), deleted, and the new rows routed as an INSERT —
// so a row whose new value belongs to another member moves there.
func (s *Session) partitionedMove(ctx context.Context, st *ast.UpdateStmt, pv *partView, out Output) error {
	ec := newEvalCtx(ctx, s)
	var rows []Row
	var dels []*ast.DeleteStmt
	for _, m := range pv.members {
		c, ok := reparse(st)
		if !ok {
			return pvError(4416, 1, "UNION ALL view '"+pv.shown+"' is not updatable because the definition contains a disallowed construct.")
		}
		vb := pv.memberBase(m, c.Target.SQL())
		items := make([]*ast.SelectItem, len(pv.cols))
		for i := range pv.cols {
			items[i] = &ast.SelectItem{Expr: &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{{Name: pv.name}, {Name: m.cols[i]}}}}}
		}
		for _, sc := range c.Set {
			if sc.Var != nil || sc.Column == nil || sc.Op != ast.AssignEq && sc.Op != 0 {
				return pvError(4416, 1, "UNION ALL view '"+pv.shown+"' is not updatable because the definition contains a disallowed construct.")
			}
			i := pv.column(sc.Column.Last())
			if i < 0 {
				return ErrInvalidColumn.New(sc.Column.Last())
			}
			if err := vb.rename(sc.Value); err != nil {
				return err
			}
			items[i] = &ast.SelectItem{Expr: sc.Value}
		}
		if c.Where != nil {
			if err := vb.rename(c.Where); err != nil {
				return err
			}
		}
		q := &ast.Query{Body: &ast.SelectCore{Items: items, From: []ast.TableExpr{vb.target()}, Where: c.Where}}
		p, err := s.buildQuery(q, nil, nil)
		if err != nil {
			return err
		}
		it, err := p.open(ec)
		if err != nil {
			return err
		}
		got, err := drain(it)
		if err != nil {
			return err
		}
		if len(got) == 0 {
			continue
		}
		del := &ast.DeleteStmt{Span: c.Span, Target: vb.target(), Where: c.Where}
		dels = append(dels, del)
		for _, r := range got {
			rows = append(rows, r[:len(pv.cols)])
		}
	}
	// The deletes nest (runMembers): a WHERE that reads more than the row
	// (v > (SELECT COUNT(*) FROM pv)) finds in every member the rows read
	// above, none of the members having lost any yet — evaluated after
	// another member's deletes it took rows that were never read: deleted
	// and not inserted back.
	if _, err := nestMembers(s, out, dels, func(d *ast.DeleteStmt, o Output) error { return s.runDelete(ctx, d, o) }); err != nil {
		return err
	}
	// As the UPDATE it is: a moved row that duplicates a key is 2627 even
	// under IGNORE_DUP_KEY, which would leave it out — deleted above and
	// never written again.
	if _, err := s.pvInsertRows(ctx, ec, pv, rows, "UPDATE", out); err != nil {
		return err
	}
	return s.done(out, CmdUpdate, int64(len(rows)), true)
}

// memberRun runs one member's statement and returns its row count; the
// statement's own DONE is held back (the view's statement sends one for
// all members), its triggers' pass through, and the session's DML plan
// cache is off (the rewritten statement is a new tree every time).
func (s *Session) memberRun(out Output, run func(Output) error) (int64, error) {
	mo := &memberOut{Output: out}
	off := s.dml.off
	s.dml.off = true
	err := run(mo)
	s.dml.off = off
	if err != nil {
		if ferr := mo.flush(); ferr != nil {
			return 0, ferr
		}
		return 0, err
	}
	return s.rowcnt, nil
}

type heldDone struct {
	cmd                    Cmd
	n                      int64
	has, inProc, hadFailed bool
}

// memberOut holds back the last DONE it is sent until something else
// follows: the last one is the member statement's own.
type memberOut struct {
	Output
	held *heldDone
}

func (o *memberOut) flush() error {
	if h := o.held; h != nil {
		o.held = nil
		return o.Output.Done(h.cmd, h.n, h.has, h.inProc, h.hadFailed)
	}
	return nil
}

func (o *memberOut) Done(cmd Cmd, n int64, has, inProc, failed bool) error {
	if err := o.flush(); err != nil {
		return err
	}
	o.held = &heldDone{cmd, n, has, inProc, failed}
	return nil
}

func (o *memberOut) Columns(c []ResultColumn) error {
	if err := o.flush(); err != nil {
		return err
	}
	return o.Output.Columns(c)
}

func (o *memberOut) Row(r Row) error {
	if err := o.flush(); err != nil {
		return err
	}
	return o.Output.Row(r)
}

func (o *memberOut) Message(m *Error) error {
	if err := o.flush(); err != nil {
		return err
	}
	return o.Output.Message(m)
}

func (o *memberOut) Error(err error) error {
	if ferr := o.flush(); ferr != nil {
		return ferr
	}
	return o.Output.Error(err)
}
