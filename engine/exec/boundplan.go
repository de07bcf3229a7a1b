package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Bound plans of parameterized single-table SELECTs, kept per session
// (issues #2 and #5, CPU per point lookup).
//
// Drivers send `SELECT pad FROM dbo.big WHERE id = @p1` through
// sp_executesql (or a prepared handle) again and again. The parse is shared
// (plancache.go), but every execution compiled the query again — resolved
// the table, built its scope, chose the index, compiled the seek bounds,
// the WHERE and the select list: a fifth of the server's CPU per lookup and
// most of its allocations. A bound plan keeps that compiled plan and runs it
// again from open, as constplan.go does for constant queries and
// dmlplan.go for DML targets, in the same per-session map as the constant
// plans and under the same basis as the DML plans (planBasis).
//
// Which queries. Only what the list in boundCandidate allows: one SELECT
// over one base table named by one or two parts (not #temp, not a table
// variable, view, synonym, CTE or system view; no hints, no FOR SYSTEM_TIME),
// or over no table at all (`SELECT @p1`, `SELECT @a + @b AS s`: drivers
// send these too, and a FROM-less query that reads a variable is no
// constant plan), whose select list, WHERE, GROUP BY, HAVING, ORDER BY and
// TOP, OFFSET and FETCH counts consist of column references, literals,
// variables, operators, CASE, CAST/CONVERT, LIKE, BETWEEN, IN lists, IS NULL
// and the plain aggregates — no other function (a UDF runs statements;
// GETDATE() and the like must be read per execution), no subquery, no
// INTO, FOR or OPTION, no variable assignment. A node kind added later is
// not planned until someone decides it may be. TOP (@n), OFFSET @o and
// FETCH @f are compiled as expressions read when the plan opens
// (sortAndLimit), and what the planner decides from them at compile time —
// whether there is a TOP, PERCENT, WITH TIES — is the query text's, so a
// kept plan reads this execution's counts.
//
// Exactness. A plan is used only while everything it was compiled from
// still holds, checked on every hit:
//   - the basis (planBasis): the session's database, the table's database's
//     (for a query without FROM, the session database's: a CAST to an alias
//     type resolves there) committed catalog pointer (any DDL — ALTER TABLE, CREATE/DROP INDEX,
//     DROP and CREATE again, GRANT/DENY/REVOKE, which live in the catalog —
//     publishes a new one), no private catalog in the session's
//     transaction, and every SET option;
//   - a one-part name is not, now, a CTE in scope;
//   - the permission check (none for a query without FROM, which reads no
//     object) that resolving the table makes (checkTableRead)
//     runs again on every hit: its error is returned as the compile would
//     have returned it (229), and a column gate (some column denied) is not
//     planned — the query is compiled as before and says 230 or runs gated.
//     It also covers what the catalog pointer does not: EXECUTE AS, REVERT
//     and ownership chains change the user, not the catalog;
//   - every variable the plan reads exists now in the batch's scope, is a
//     scalar and has the same type (length, precision, scale and collation
//     included) as when compiled. Compiled expressions read the variable
//     through a slot of the plan (compiler.variable), which a hit points at
//     this execution's variable: values are read when the statement runs,
//     as without the plan. Nothing is copied into the variables themselves,
//     so a plan never writes to a scope that outlives the statement.
//
// A plan is not re-entered: it is marked busy while it runs (a UDF in a
// computed column could run the same statement), and a busy plan is not
// used — the query is compiled afresh for the inner execution.
//
// Ownership: the plans belong to one Session, used by its one goroutine;
// their closures hold the session, so they are never shared.

// boundPlan is one kept compiled SELECT.
type boundPlan struct {
	planBasis
	p *plan
	// tr and name are the table read and the name it was read by; both nil
	// for a query without FROM.
	tr    *tableRef
	name  *ast.Name
	vars  []*varSlot
	busy  bool
	reuse int64 // executions that used the plan (tests)
}

// varSlot is a variable as a bound plan reads it: the name it was compiled
// for (lower case, the scope's key), its type then, and the variable of
// the execution that uses the plan now.
type varSlot struct {
	key string
	typ types.Type
	v   *variable
}

// pointSlots points every slot of a kept plan at the batch's variable of
// its name when each exists now as a scalar of the type the plan was
// compiled for; otherwise it changes nothing and reports false.
func (s *Session) pointSlots(vars []*varSlot) bool {
	for _, sl := range vars {
		var v *variable
		if s.batch != nil {
			v = s.batch.vars.get(sl.key)
		}
		if v == nil || v.table != nil || v.typ != sl.typ {
			return false
		}
	}
	for _, sl := range vars {
		sl.v = s.batch.vars.get(sl.key)
	}
	return true
}

// useBoundPlan returns bp's plan marked busy when bp still holds for s
// (see the list above), nil when the query must be compiled. err is the
// permission error the compile would have returned.
func (s *Session) useBoundPlan(bp *boundPlan) (*plan, error) {
	if bp.tr == nil { // no FROM: the session's database is the catalog's
		if bp.busy || !bp.holds(s, bp.db) || !s.pointSlots(bp.vars) {
			return nil, nil
		}
	} else {
		if bp.busy || !bp.holds(s, bp.tr.db) || s.cteShadows(bp.name) {
			return nil, nil
		}
		if !s.pointSlots(bp.vars) {
			return nil, nil
		}
		gate, err := s.checkTableRead(bp.tr) // colperm.go
		if err != nil {
			return nil, err
		}
		if gate != nil {
			return nil, nil
		}
	}
	bp.busy = true
	bp.reuse++
	s.boundHits++
	return bp.p, nil
}

// compileBound compiles q, the candidate of a bound plan over the table
// named name (nil: a query without FROM), recording the variables it reads;
// bp is nil when the result may not be kept (the table is not the committed
// one of the session's database, or some of its columns are denied to the
// user).
func (s *Session) compileBound(q *ast.Query, name *ast.Name) (p *plan, bp *boundPlan, err error) {
	outer := s.recVars
	s.recVars = &[]*varSlot{}
	defer func() { s.recVars = outer }()
	p, err = s.buildQuery(q, nil, nil)
	if err != nil {
		return p, nil, err
	}
	if name == nil {
		committed := s.db.Catalog()
		if s.catalogFor(s.db) != committed {
			return p, nil, nil
		}
		basis := planBasis{db: s.db, cat: committed, opts: s.Opts, schema: s.implicitSchema(committed)}
		return p, &boundPlan{planBasis: basis, p: p, vars: *s.recVars, busy: true}, nil
	}
	if s.cteShadows(name) {
		return p, nil, nil
	}
	tr, ok, err := s.resolveTableName(name)
	if err != nil || !ok {
		return p, nil, nil
	}
	basis, ok := s.planBasisFor(tr)
	if !ok {
		return p, nil, nil
	}
	if gate, err := s.checkTableRead(tr); err != nil || gate != nil {
		return p, nil, nil
	}
	return p, &boundPlan{planBasis: basis, p: p, tr: tr, name: name, vars: *s.recVars, busy: true}, nil
}

// release ends a run of the plan (runSelect defers it).
func (bp *boundPlan) release() {
	if bp != nil {
		bp.busy = false
	}
}

// boundCandidate reports whether q is a query a bound plan may be kept for
// (the list above), and returns the name of the one table it reads, nil
// for a query without FROM.
func boundCandidate(q *ast.Query) (*ast.Name, bool) {
	core, ok := q.Body.(*ast.SelectCore)
	if !ok || q.With != nil || len(q.Options) > 0 || q.For != nil {
		return nil, false
	}
	if core.Into != nil || len(core.From) > 1 || len(core.Items) == 0 {
		return nil, false
	}
	exprs := make([]ast.Expr, 0, len(core.Items)+len(core.GroupBy)+len(q.OrderBy)+5)
	for _, it := range core.Items {
		if it.Var != nil || it.Expr == nil {
			return nil, false
		}
		exprs = append(exprs, it.Expr)
	}
	exprs = append(exprs, core.GroupBy...)
	for _, o := range q.OrderBy {
		exprs = append(exprs, o.Expr)
	}
	for _, e := range []ast.Expr{core.Where, core.Having, q.Offset, q.Fetch} {
		if e != nil {
			exprs = append(exprs, e)
		}
	}
	if core.Top != nil {
		if core.Top.Count == nil {
			return nil, false
		}
		exprs = append(exprs, core.Top.Count)
	}
	for _, e := range exprs {
		if !boundExpr(e) {
			return nil, false
		}
	}
	if len(core.From) == 0 {
		return nil, true
	}
	tn, ok := core.From[0].(*ast.TableName)
	if !ok || tn.Name == nil || tn.SystemTime != nil || len(tn.Hints) > 0 ||
		len(tn.Name.Parts) == 0 || len(tn.Name.Parts) > 2 || strings.HasPrefix(tn.Name.Last(), "#") {
		return nil, false
	}
	for _, p := range tn.Name.Parts {
		if p == nil {
			return nil, false
		}
	}
	return tn.Name, true
}

// boundAggregates are the functions a bound plan may call: built-in
// aggregates, which read nothing but their argument.
var boundAggregates = map[string]bool{"COUNT": true, "COUNT_BIG": true, "SUM": true, "MIN": true, "MAX": true, "AVG": true}

// boundExpr reports whether every node of e is one a bound plan allows.
func boundExpr(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil, *ast.Literal, *ast.NullLit, *ast.ParenExpr, *ast.BinaryExpr, *ast.UnaryExpr,
			*ast.Variable, *ast.BetweenExpr, *ast.LikeExpr, *ast.IsNullExpr,
			*ast.CaseExpr, *ast.When, *ast.DataType:
		case *ast.ColumnRef, *ast.Star:
			return false // their names' parts need no look
		case *ast.CastExpr, *ast.ConvertExpr:
		case *ast.InExpr:
			ok = n.Query == nil
		case *ast.FuncCall:
			ok = n.Name != nil && len(n.Name.Parts) == 1 && n.Over == nil && len(n.WithinGroup) == 0 &&
				!n.SpecialSyntax() && !n.Niladic && boundAggregates[strings.ToUpper(n.Name.Last())]
			if ok {
				for _, a := range n.Args {
					ok = ok && boundExpr(a)
				}
			}
			return false // its arguments were checked, its name needs no look
		default:
			ok = false
		}
		return ok
	})
	return ok
}
