package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Compiled plans of constant queries, kept per session (issue #2,
// performance: `SELECT 1`).
//
// The parse of a batch is cached (plancache.go), but every execution used to
// compile it again: for `SELECT 1` buildSelect, the literal's parse and the
// plan's closures were a third of the objects the server allocated per
// request and 8 % of its CPU. A general bound-plan cache has to rebind
// parameters and variables (compiled expressions point at the variable they
// read, expr.go), invalidate on every catalog change and follow the session's
// SET options. This cache sidesteps all three by taking only queries whose
// plan cannot depend on them: a SELECT list of literals and operators on
// them, without FROM, WHERE, GROUP BY, TOP, DISTINCT, ORDER BY, CTEs, FOR,
// INTO, variables, functions or subqueries (constantQuery). What such a plan
// can still depend on — the current database (a string literal takes its
// default collation) and the SET options (ANSI_WARNINGS, CONCAT_NULL_YIELDS_NULL
// at constant folding) — is part of the entry and checked on every hit.
//
// Ownership: the cache belongs to one Session, used by its one goroutine;
// a plan's closures may hold the session, so plans are never shared. Entries
// are keyed by the *ast.Query of the parse caches, which never write a shared
// AST, so one pointer is one text. A plan is run again from open, which the
// plan contract allows (a correlated subquery's plan is opened once per row).

// constPlanEntries bounds a session's cache; when full it starts over,
// which costs one compile per query and keeps the bound trivial.
const constPlanEntries = 64

// constPlan is one cache entry. p is nil for a query that is not constant,
// so the check runs once per query text, not once per execution. Such a
// query may be one a bound plan is kept for (boundplan.go): candidate is
// then set, table names the one table it reads (nil for a query without
// FROM) and bound is its plan while kept.
type constPlan struct {
	p    *plan
	db   Database
	opts Options
	// coll is db's default collation at compile time, which its string
	// literals took: ALTER DATABASE … COLLATE keeps the Database.
	coll types.Collation
	// cols and row are p's result, kept at its first successful execution
	// (select_const.go); send is where each execution copies row to hand
	// it to Output.
	cols      []ResultColumn
	row       Row
	send      Row
	candidate bool
	table     *ast.Name
	bound     *boundPlan
}

// selectPlan compiles a top-level query, reusing the session's compiled plan
// when the query is constant and the database and SET options it was
// compiled under still hold, or when its bound plan still holds
// (boundplan.go). bp is the bound plan returned, busy until its release.
func (s *Session) selectPlan(q *ast.Query) (p *plan, bp *boundPlan, err error) {
	e, seen := s.constPlans[q]
	if seen && e.p != nil && e.db == s.db && e.opts == s.Opts && e.coll == s.defaultCollation() {
		return e.p, nil, nil
	}
	if seen && e.p == nil { // known not constant
		if !e.candidate {
			p, err := s.buildQuery(q, nil, nil)
			return p, nil, err
		}
		if e.bound != nil {
			if p, err := s.useBoundPlan(e.bound); p != nil || err != nil {
				if err != nil {
					return nil, nil, err
				}
				return p, e.bound, nil
			}
			if e.bound.busy { // re-entered: compiled afresh, the kept plan stays
				p, err := s.buildQuery(q, nil, nil)
				return p, nil, err
			}
		}
		p, bp, err = s.compileBound(q, e.table)
		if err != nil {
			return nil, nil, err
		}
		e.bound = bp
		s.constPlans[q] = e
		return p, bp, nil
	}
	if s.constPlans == nil || len(s.constPlans) >= constPlanEntries {
		s.constPlans = make(map[*ast.Query]constPlan, 8)
	}
	if constantQuery(q) {
		if p, err = s.buildQuery(q, nil, nil); err != nil {
			return nil, nil, err
		}
		s.constPlans[q] = constPlan{p: p, db: s.db, opts: s.Opts, coll: s.defaultCollation()}
		return p, nil, nil
	}
	e = constPlan{}
	if !s.noBound {
		e.table, e.candidate = boundCandidate(q)
	}
	if !e.candidate {
		p, err = s.buildQuery(q, nil, nil)
	} else {
		p, e.bound, err = s.compileBound(q, e.table)
	}
	if err != nil {
		return nil, nil, err
	}
	s.constPlans[q] = e
	return p, e.bound, nil
}

// constantQuery reports whether q is a bare SELECT list of constants: no
// clause but the list, and every node of every item is a literal, NULL,
// parentheses, a unary sign or a binary operator. Both checks list what is
// allowed (clauses by field, since ast.Walk does not visit all of them), so
// a node kind added later is not cached until someone decides it may be.
func constantQuery(q *ast.Query) bool {
	core, ok := q.Body.(*ast.SelectCore)
	if !ok || q.With != nil || len(q.OrderBy) > 0 || q.Offset != nil || q.Fetch != nil || len(q.Options) > 0 || q.For != nil {
		return false
	}
	if core.Distinct || core.Top != nil || core.Into != nil || len(core.From) > 0 || core.Where != nil ||
		len(core.GroupBy) > 0 || core.Having != nil || len(core.Items) == 0 {
		return false
	}
	for _, it := range core.Items {
		if it.Var != nil || it.Expr == nil {
			return false
		}
		ast.Inspect(it.Expr, func(n ast.Node) bool {
			switch n := n.(type) {
			case nil, *ast.Literal, *ast.NullLit, *ast.ParenExpr, *ast.BinaryExpr:
			case *ast.UnaryExpr:
				ok = n.Op != ast.OpNot
			default:
				ok = false
			}
			return ok
		})
		if !ok {
			return false
		}
	}
	return true
}

// pristine reports whether a session's temp database has never been
// written: no commit reached it (every #table and table variable change
// commits to it, DDL included) and no identity value was handed out. A
// connection reset keeps a pristine temp database instead of building a new
// empty one (go-mssqldb resets the connection before every pooled request).
func (t *tempDatabase) pristine() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.lsn == 0 && len(t.ident) == 0
}

// streamRows adapts the top iterator of a query's plan for runSelect, which
// hands every row to an Output before it asks for the next, and Output rows
// are valid only during the call (output.go). A projection on top then fills
// one reused row instead of allocating one per row: streaming a 1M-row table
// spent 18 % of the server's CPU allocating and filling fresh rows (issue #2,
// rows/s). Iterators below the top keep allocating, since sorts, joins and
// captures keep the rows they are given.
//
// The reused row and the column map are the plan's (projectKeep), made at
// its first run: a kept plan (boundplan.go) runs again without making them
// again (issues #2 and #5: they were a fifth of the allocations of a
// repeated sp_executesql lookup). A plan's top-level run is never nested in
// another of the same plan — a bound plan is busy while it runs, and other
// plans are compiled for one execution — so one row per plan is enough.
func streamRows(it rowIter) rowIter {
	p, ok := it.(*projectIter)
	if !ok {
		return it
	}
	if k := p.keep; k.out == nil || len(k.out) != len(p.exprs) {
		k.cols = make([]int, len(p.exprs))
		for i, e := range p.exprs {
			k.cols[i] = e.col
		}
		k.out = make(Row, len(p.exprs))
	}
	return (*reusingProjectIter)(p)
}

// projectKeep is what a projection's plan keeps for streamRows: out, the
// row it fills, and cols, where cols[i] is exprs[i].col: a plain column
// reference is copied from the input row rather than evaluated. A
// types.Value returned by a call comes back through memory, and copying it
// on (twice through the stack, then into out) reloads it across the stores
// that wrote it, a store-forwarding stall per copy: a third of the
// statement's CPU per row when streaming tests/bench's four columns (issue
// #2).
type projectKeep struct {
	out  Row
	cols []int
}

// reusingProjectIter is a projectIter whose rows are valid until the next
// call of Next.
type reusingProjectIter projectIter

func (it *reusingProjectIter) Next() (Row, error) {
	r, err := it.in.Next()
	if err != nil {
		return nil, err
	}
	out, cols := it.keep.out, it.keep.cols
	for i, e := range it.exprs {
		if c := cols[i]; c >= 0 {
			out[i] = r[c]
			continue
		}
		if out[i], err = e.eval(it.ec, r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (it *reusingProjectIter) Close() { it.in.Close() }
