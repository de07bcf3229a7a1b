package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Bound target plans of single-table DML, kept per session (issues #4 and
// #5, CPU per single-row write).
//
// Drivers send the same INSERT … VALUES (@p1, @p2), UPDATE … WHERE id = @p1
// and DELETE … WHERE id = @p1 through sp_executesql again and again; the
// parse is shared (plancache.go), but every execution resolved its target
// three times (the INSTEAD OF check, the view check, the target itself),
// mapped the column list and compiled the table's row builder (DEFAULTs,
// CHECKs, computed columns). A dmlPlan keeps those decisions, and only
// those: everything that reads a value — the VALUES, SET and WHERE
// expressions, which point at this call's parameter variables (expr.go) —
// is compiled and run on every execution exactly as without the plan, and
// so are the OUTPUT clause and AFTER triggers (newOutput), the locks, the
// row writes and the permission checks (h2's checks happen at statement
// dispatch and where FROM resolves a table, neither of which a plan skips).
//
// Exactness. A plan is used only while everything it was decided from still
// holds, checked on every hit:
//   - the target database's committed catalog is the same pointer
//     (Database.Catalog is immutable: every DDL — ALTER TABLE ADD/DROP
//     COLUMN, DROP and CREATE, CREATE/DROP INDEX, a trigger or a CHECK, FK
//     or DEFAULT added or dropped, a constraint enabled or disabled —
//     publishes a clone), and the session's transaction has no private
//     catalog for it (DDL earlier in the same transaction edits its clone in
//     place, so plans are neither made against nor used over one);
//   - the session's current database is the same (a one- or two-part name
//     resolves there; three-part names and #temp tables are not planned);
//   - the session's SET options are equal, all of them (ANSI_NULLS,
//     ANSI_WARNINGS, ARITHABORT, QUOTED_IDENTIFIER, NOCOUNT, XACT_ABORT,
//     IDENTITY_INSERT, DATEFORMAT…: the row builder's compiled expressions
//     read some of them at compile time, and the INSERT column list depends
//     on IDENTITY_INSERT);
//   - a one-part name is not, now, the name of a CTE in scope;
//   - a one-part name looks in the same schema first (names.go): the
//     user's default schema, which EXECUTE AS, REVERT and a module change.
//
// What is never planned, because its resolution depends on more than the
// above: a target with an INSTEAD OF trigger (whether it fires depends on
// the triggers running), views and CTEs (rewritten per execution,
// viewdml.go), table variables, statements with WITH, TOP or a FROM clause,
// INSERT … SELECT/EXEC/DEFAULT VALUES. Those run the general path each time.
// Parameters of another type or length need nothing: they are variables,
// read when the statement runs, never part of a plan.
//
// Ownership: a session's plans are used by its one goroutine; plans hold
// the session (rowBuilder.s), so they are never shared. Keys are the
// statement ASTs of the parse caches, which never write a shared AST, so
// one pointer is one text.

// dmlPlanEntries bounds a session's plans; when full the cache starts over
// (one re-bind per statement), which keeps the bound trivial.
const dmlPlanEntries = 64

// planBasis is what a session's cached plan of one statement was bound
// under: the session's database, the committed catalog of the database its
// table lives in, and the session's SET options. DML target plans (here)
// and bound SELECT plans (boundplan.go) keep one and check it on every hit
// (the list above says why each part matters).
type planBasis struct {
	db   Database          // the session's database when bound
	cat  *catalog.Database // the table's committed catalog when bound
	opts Options           // the session's SET options when bound
	// schema is where a one-part name looked first when bound (names.go):
	// SQL Server keys such plans by user (sys.dm_exec_plan_attributes'
	// user_id), so one user's plan never reads another's default schema.
	schema string
}

// planBasisFor returns the basis a plan reading tr may be kept under: tr
// was resolved from the committed catalog of the session's database, and
// the session's transaction has no private catalog for it. ok is false when
// no plan may be kept.
func (s *Session) planBasisFor(tr *tableRef) (planBasis, bool) {
	committed := tr.db.Catalog()
	if tr.db != s.db || tr.cat != committed || s.catalogFor(tr.db) != committed {
		return planBasis{}, false
	}
	return planBasis{db: s.db, cat: committed, opts: s.Opts, schema: s.implicitSchema(committed)}, true
}

// holds reports whether a plan kept under b for a table of database db may
// still be used by s.
func (b *planBasis) holds(s *Session, db Database) bool {
	return b.db == s.db && b.opts == s.Opts && db.Catalog() == b.cat && s.catalogFor(db) == b.cat && b.schema == s.implicitSchema(b.cat)
}

// cteShadows reports whether the one-part name n is, now, the name of a CTE
// in scope (which a FROM or DML target resolves before any table).
func (s *Session) cteShadows(n *ast.Name) bool {
	return len(n.Parts) == 1 && s.batch != nil && len(s.batch.ctes) > 0 && s.lookupCTE(n.Last()) != nil
}

// dmlPlan is one cached binding of an INSERT, UPDATE or DELETE target.
type dmlPlan struct {
	planBasis
	tr *tableRef
	rb *rowBuilder // INSERT and UPDATE
	// cols maps an INSERT's VALUES positions to table columns.
	cols []int
	// compiled is an UPDATE's or DELETE's compiled source, SET list and
	// WHERE, once kept (dmlcompiled.go).
	compiled *dmlCompiled
	// values is an INSERT's compiled VALUES, once kept (insertcompiled.go).
	values *insertCompiled
}

// dmlPlans is a session's plan cache.
type dmlPlans struct {
	m map[ast.Statement]*dmlPlan
	// off disables the cache (tests run every case with and without it).
	off bool
	// noCompiled keeps plans without their compiled part (dmlcompiled.go);
	// compiledHits counts executions that used one (tests). Next to off so
	// the two bools share a word (TestSessionSizeBudget).
	noCompiled bool
	// seekNullFree lets the next seekBounds seek a NOT NULL column compared
	// with a variable or NULL under SET ANSI_NULLS OFF (targetSource,
	// ansiNullsSeek). Also in off's word.
	seekNullFree bool
	// hits counts executions that used a plan (tests).
	hits         int64
	compiledHits int64
	// beforeWrite, when set, is taken by the next runUpdate or runDelete and
	// called once its rows (and new values) are found, before it writes
	// any: a partitioned view's members run nested in it, so every member
	// reads the statement's starting state (runMembers).
	beforeWrite func() error
}

// plannedTarget returns the name of a DML target a plan may be kept for: a
// table named by one or two parts, not a #temp table; nil otherwise.
func plannedTarget(te ast.TableExpr) *ast.Name {
	tn, ok := te.(*ast.TableName)
	if !ok || tn.Name == nil || len(tn.Name.Parts) == 0 || len(tn.Name.Parts) > 2 || strings.HasPrefix(tn.Name.Last(), "#") {
		return nil
	}
	return tn.Name
}

// dmlPlanFor returns the session's plan for st if one was kept and still
// holds (see the list above), else nil.
func (s *Session) dmlPlanFor(st ast.Statement, name *ast.Name) *dmlPlan {
	if name == nil || s.dml.m == nil || s.dml.off {
		return nil
	}
	p := s.dml.m[st]
	if p == nil {
		return nil
	}
	if !p.holds(s, p.tr.db) {
		delete(s.dml.m, st)
		return nil
	}
	if s.cteShadows(name) {
		return nil
	}
	s.dml.hits++
	return p
}

// keepDMLPlan stores p for st when st's target may be planned: p.tr was
// resolved from the committed catalog of the session's database and the
// table has no INSTEAD OF trigger for event.
func (s *Session) keepDMLPlan(st ast.Statement, event string, p *dmlPlan) {
	if s.dml.off || p.tr == nil {
		return
	}
	basis, ok := s.planBasisFor(p.tr)
	if !ok {
		return
	}
	if hasInsteadOfTrigger(s, basis.cat, basis.cat.Key(p.tr.t.Schema, p.tr.t.Name), event) {
		return
	}
	p.planBasis = basis
	p.tr.colTypes = p.tr.t.ColumnTypes() // basis.cat is committed: its tables never change
	if s.dml.m == nil || len(s.dml.m) >= dmlPlanEntries {
		s.dml.m = make(map[ast.Statement]*dmlPlan, 8)
	}
	s.dml.m[st] = p
}

// hasInsteadOfTrigger reports whether the object with key has an INSTEAD OF
// trigger for event in cat, running or not (or a trigger whose definition
// cannot be read, to be safe).
func hasInsteadOfTrigger(s *Session, cat *catalog.Database, key, event string) bool {
	for _, m := range cat.TableTriggers(key) {
		def, err := s.triggerDef(m)
		if err != nil || def == nil || (def.InsteadOf && hasEvent(def, event)) {
			return true
		}
	}
	return false
}
