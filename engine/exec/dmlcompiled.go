package exec

import (
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The compiled part of a kept UPDATE or DELETE plan (issues #4 and #5, CPU
// per single-row write).
//
// A dmlPlan (dmlplan.go) keeps what an UPDATE or DELETE decides about its
// target; what reads a value was compiled on every execution: the source
// (the table's scope, the seek bounds, the access path, a fourth resolution
// of the table), the SET list and the WHERE — about 40 of an UPDATE by key's
// ~90 allocations. dmlCompiled keeps those too, compiled as bound SELECT
// plans are (boundplan.go): every variable they read is read through a slot
// of the plan (compiler.variable), which a hit points at this execution's
// variable, so values are read when the statement runs, as without it.
//
// Which statements. Those a dmlPlan is kept for (an UPDATE or DELETE of one
// table named by one or two parts, without WITH, TOP or FROM) whose SET
// values and WHERE consist only of what boundExpr allows — column
// references, literals, variables, operators, CASE, CAST/CONVERT, LIKE,
// BETWEEN, IN lists, IS NULL — and whose SET list assigns no variable. No
// function call (a UDF runs statements; GETDATE() must be read per
// execution), no subquery.
//
// Exactness. The compiled part is used only under its plan, so the plan's
// checks hold first (the session's database, the table's committed catalog
// pointer — every DDL on the table, its indexes, triggers, constraints or
// computed columns and every GRANT/DENY/REVOKE publishes a new one —, no
// private catalog in the transaction, every SET option, no CTE of the
// name). On top of those, on every hit:
//   - every variable it reads exists in the batch's scope, is a scalar and
//     has the type (length, precision, scale, collation) it was compiled
//     for; otherwise the statement is compiled afresh and that compile is
//     kept instead;
//   - the SELECT permission check that resolving the source makes
//     (checkTableRead: the user may have changed by EXECUTE AS, which the
//     catalog does not see) runs again where the compile would have run it;
//     its error is returned as the compile would have, and a column gate is
//     never kept — such an execution compiles as before;
//   - it is not in use: a busy part (re-entered through a trigger) is not
//     used, and the inner execution compiles afresh.
//
// Everything else runs on every execution exactly as without it: OUTPUT and
// AFTER triggers (newOutput), the row locks and re-reads, CHECK/FOREIGN KEY
// validation (the plan's rowBuilder), the writes, the permission checks at
// statement dispatch.
type dmlCompiled struct {
	src     *source
	where   pred // nil without WHERE
	sets    []updateSet
	setCols []string
	vars    []*varSlot
	busy    bool
}

// updateSet is one compiled item of an UPDATE's SET list.
type updateSet struct {
	col int       // the table column set, -1 for a variable only
	v   *variable // SET @v = … (never in a kept part)
	op  ast.AssignOp
	x   *expr
}

// keptUpdate reports whether an UPDATE's SET list and WHERE allow a kept
// compiled part (the list above).
func keptUpdate(st *ast.UpdateStmt) bool {
	for _, sc := range st.Set {
		if sc.Var != nil || sc.Column == nil || sc.Value == nil || !boundExpr(sc.Value) {
			return false
		}
	}
	return st.Where == nil || boundExpr(st.Where)
}

// keptDelete is keptUpdate for a DELETE.
func keptDelete(st *ast.DeleteStmt) bool {
	return st.Where == nil || boundExpr(st.Where)
}

// useDMLCompiled returns p's compiled part marked busy when it may be used
// now (see the list above), nil when the statement must be compiled. err is
// the permission error the compile would have returned.
func (s *Session) useDMLCompiled(p *dmlPlan) (*dmlCompiled, error) {
	c := p.compiled
	if c == nil || c.busy || s.dml.noCompiled {
		return nil, nil
	}
	if !s.pointSlots(c.vars) { // boundplan.go
		return nil, nil
	}
	gate, err := s.checkTableRead(c.src.table) // colperm.go
	if err != nil {
		return nil, err
	}
	if gate != nil {
		return nil, nil
	}
	c.busy = true
	s.dml.compiledHits++
	return c, nil
}

// planParts returns the compiled source, SET list and WHERE of an UPDATE or
// DELETE (st) run from plan p: p's kept part when it may be used now, else a
// compile, which p keeps when st allows it (keptUpdate, keptDelete) and
// nothing is in use. Its release ends the run.
func (s *Session) planParts(p *dmlPlan, st ast.Statement) (*dmlCompiled, error) {
	c, err := s.useDMLCompiled(p)
	if c != nil || err != nil {
		return c, err
	}
	var target ast.TableExpr
	var where ast.Expr
	var upd *ast.UpdateStmt
	var allowed bool
	switch st := st.(type) {
	case *ast.UpdateStmt:
		target, where, upd, allowed = st.Target, st.Where, st, keptUpdate(st)
	case *ast.DeleteStmt:
		target, where, allowed = st.Target, st.Where, keptDelete(st)
	}
	c, kept, err := s.compileParts(p.tr, target, where, upd, s.recordParts(p, allowed))
	if kept {
		p.compiled = c
	}
	return c, err
}

// compileParts compiles the source, the SET list (upd) and the WHERE of a
// planned UPDATE or DELETE on target tr, recording the variables they read
// when rec is set. The result may be kept (keep) when rec is set and the
// source is tr's table read without a column gate; it is then busy.
func (s *Session) compileParts(tr *tableRef, target ast.TableExpr, where ast.Expr, upd *ast.UpdateStmt, rec bool) (c *dmlCompiled, keep bool, err error) {
	if rec {
		outer := s.recVars
		s.recVars = &[]*varSlot{}
		defer func() { s.recVars = outer }()
	}
	c = &dmlCompiled{}
	if c.src, err = s.targetSource(target, where); err != nil {
		return nil, false, err
	}
	if upd != nil {
		if c.sets, c.setCols, err = s.compileSets(upd, tr, c.src); err != nil {
			return nil, false, err
		}
	}
	if c.where, err = compileWhere(s, c.src, where); err != nil {
		return nil, false, err
	}
	if rec && c.src.table != nil && c.src.table.t == tr.t && len(c.src.masks) == 1 && c.src.masks[0].gate == nil {
		c.vars = *s.recVars
		c.busy = true
		return c, true, nil
	}
	return c, false, nil
}

// recordParts reports whether a planned statement's parts are compiled to
// be kept: kept parts are on, and p (nil on a miss) has none in use.
func (s *Session) recordParts(p *dmlPlan, allowed bool) bool {
	return allowed && !s.dml.noCompiled && !s.dml.off && (p == nil || p.compiled == nil || !p.compiled.busy)
}

// plannedTable resolves the target of an UPDATE or DELETE without FROM as
// dmlSource does (208 when it names no table).
func (s *Session) plannedTable(target ast.TableExpr) (*tableRef, error) {
	tr, _, err := s.target(target)
	if err != nil {
		return nil, err
	}
	if tr == nil {
		return nil, ErrInvalidObject.New(target.SQL())
	}
	return tr, nil
}

// release ends a run of the compiled part.
func (c *dmlCompiled) release() {
	if c != nil {
		c.busy = false
	}
}

// compileWhere compiles a DML statement's WHERE over its source; nil
// without one.
func compileWhere(s *Session, src *source, where ast.Expr) (pred, error) {
	if where == nil {
		return nil, nil
	}
	return (&compiler{s: s, sc: src.sc}).pred(where)
}

// compileSets compiles an UPDATE's SET list over its source, and lists the
// columns it sets (lower case, for 264 and UPDATE(column)): a SET list is
// short, so a slice (and a map only for triggers) instead of a map per
// statement.
func (s *Session) compileSets(st *ast.UpdateStmt, tr *tableRef, src *source) ([]updateSet, []string, error) {
	c := &compiler{s: s, sc: src.sc}
	sets := make([]updateSet, 0, len(st.Set))
	setCols := make([]string, 0, len(st.Set))
	for _, sc := range st.Set {
		if sc.Column != nil {
			k := strings.ToLower(sc.Column.Last())
			if slices.Contains(setCols, k) {
				return nil, nil, &Error{Number: 264, Severity: 16, State: 1, Message: "The column name '" + sc.Column.Last() + "' is specified more than once in the SET clause or column list of an INSERT. A column cannot be assigned more than one value in the same clause. Modify the clause to make sure that a column is updated only once. If this statement updates or inserts columns into a view, column aliasing can conceal the duplication in your code."}
			}
			setCols = append(setCols, k)
		}
		x, err := s.compileSetValue(c, tr, sc)
		if err != nil {
			return nil, nil, err
		}
		set := updateSet{col: -1, op: sc.Op, x: x}
		if sc.Var != nil {
			if set.v = s.lookupVar(sc.Var.Name); set.v == nil {
				return nil, nil, ErrMustDeclare.New(sc.Var.Name)
			}
		}
		if sc.Column != nil {
			i, col := tr.column(sc.Column.Last())
			if col == nil {
				return nil, nil, ErrInvalidColumn.New(sc.Column.Last())
			}
			if col.Computed != "" {
				return nil, nil, errComputedWrite(col.Name)
			}
			if col.Identity {
				return nil, nil, ErrUpdateIdentity.New(col.Name)
			}
			if col.Generated != 0 && tr.t.Period != nil { // temporal.go
				return nil, nil, errUpdateGenerated.New(qualifiedName(tr.db, tr.t))
			}
			set.col = i
		}
		sets = append(sets, set)
	}
	return sets, setCols, nil
}

// compileSetValue compiles a SET clause's value; SET column = DEFAULT is
// the column's default, or NULL when it has none (UPDATE's example J).
func (s *Session) compileSetValue(c *compiler, tr *tableRef, sc *ast.SetClause) (*expr, error) {
	if _, isDefault := sc.Value.(*ast.DefaultExpr); !isDefault || sc.Column == nil || sc.Var != nil {
		return c.expr(sc.Value)
	}
	_, col := tr.column(sc.Column.Last())
	if col == nil {
		return nil, ErrInvalidColumn.New(sc.Column.Last())
	}
	if col.Default == "" {
		t := col.Type
		return &expr{typ: t, col: -1, eval: func(*evalCtx, Row) (types.Value, error) { return types.Null(t.ID), nil }}, nil
	}
	e, err := tsql.ParseExpr(col.Default)
	if err != nil {
		return nil, err
	}
	return (&compiler{s: s, sc: &scope{}}).expr(e)
}
