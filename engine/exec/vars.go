package exec

import (
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// variable is a T-SQL local variable: a scalar, or a table variable.
type variable struct {
	name  string
	typ   types.Type
	val   types.Value
	table *tableRef
	// tableType is the table type a table variable or table-valued parameter
	// was declared with (usertype.go); readOnly marks READONLY parameters,
	// which DML may not change (10700).
	tableType *catalog.UserType
	readOnly  bool
	// decl is the DECLARE that created the variable (nil for parameters).
	decl *ast.VarDecl
	// perCall: a parameter of a function compiled into its caller's
	// statement (an inline TVF, a RETURN-only scalar function), assigned
	// again at each call within one statement, so a subquery reading it
	// must not run once per statement (subquery_once.go).
	perCall bool
}

// batchState is the state of one batch or procedure invocation: its variables,
// CTEs in scope, and the error being handled by a CATCH block.
type batchState struct {
	vars varTable
	// probe, set while a derived query compiles as written, records what
	// its SELECTs output (pushdown.go).
	probe *pushProbe
	// applyWatch, set while an apply join's right side compiles, counts
	// how it reads its base tables (join_apply.go).
	applyWatch *applyWatch
	applyN     int // the apply joins compiled, naming their left rows
	// text is the batch or procedure text, for error line numbers.
	text   string
	ctes   []map[string]*cteDef
	caught *caughtError
	// outer is the error of the CATCH block the module or dynamic batch was
	// called from: the ERROR_* functions see it (the TRY...CATCH page's
	// usp_GetErrorInfo, called in a CATCH block), a bare THROW does not.
	outer  *caughtError
	parent *batchState
	// notes are the informational messages the running statement raised
	// (1756 for a FOREIGN KEY on a temporary table), sent with its warnings
	// (warnings.go); kept here, not in Session, whose size is budgeted.
	notes []*Error
	// dmlTables are the rows of the nested DML statements of the running
	// INSERT … SELECT (dml_table.go); kept here, not in Session, whose
	// size is budgeted (idle sessions).
	dmlTables map[*ast.DMLTable]*dmlTableRows
	// ddlFiring is the DDL statement running before its DDL triggers
	// (ddl_trigger.go); here, not in Session, for the same reason.
	ddlFiring ast.Statement
	// inProc marks procedure bodies (DONEINPROC, RETURN value).
	inProc bool
	// dynamic marks the batch of EXEC('…'): a batch of its own, whose errors
	// name no procedure even when a procedure runs it.
	dynamic bool
	// dynLevel is the number of EXEC('…') batches, this one included, run
	// since the innermost module began (depth, @@NESTLEVEL).
	dynLevel int32
	// qiOff is the QUOTED_IDENTIFIER setting text was read under (OFF when
	// set), so that reading it again finds the same statements (goto.go).
	// module marks the static body of a procedure, function or trigger,
	// where SET QUOTED_IDENTIFIER and ANSI_NULLS change nothing
	// (module_sets.go).
	qiOff, module bool
	// returnValue is a procedure's RETURN status.
	returnValue int32
	// maxRecursion is the current statement's OPTION (MAXRECURSION n); -1 when
	// not given (SQL Server's default, 100), 0 for no limit.
	maxRecursion int
	// cursors are the LOCAL cursors declared in this scope (cursor.go).
	cursors map[string]*cursor
	// hash is text's hash once hashed (querystats.go); objectID the
	// procedure whose body this is, 0 otherwise.
	hash     uint64
	hashed   bool
	objectID int32
	// running is text as the request's running text (request_statement.go),
	// once a statement of it ran.
	running *runningText
	// body is the statement list the batch or module runs and cur the
	// statement running in it (runStatement, runFuncStmt): a variable
	// whose DECLARE comes earlier in body's text but did not run is found
	// through them (declareSkipped).
	body []ast.Statement
	cur  ast.Statement
	// temps is the temp table scope of a procedure, trigger or dynamic
	// batch (proctemp.go): nil in a plain batch and in functions.
	temps *tempScope
}

func newBatchState(parent *batchState, inProc bool) *batchState {
	bs := new(batchState)
	bs.init(parent, inProc)
	return bs
}

// init makes bs a new batch state (newBatchState), in memory its caller
// allocated with something else (invoke's frame).
func (bs *batchState) init(parent *batchState, inProc bool) {
	*bs = batchState{parent: parent, inProc: inProc, maxRecursion: -1}
}

// handling is the error of the CATCH block in whose scope the session runs:
// the current batch's own, else the one its caller was handling.
func (s *Session) handling() *caughtError {
	if s.batch == nil {
		return nil
	}
	if s.batch.caught != nil {
		return s.batch.caught
	}
	return s.batch.outer
}

// callScope makes bs, the batch state of a module or dynamic batch about to
// run, part of the current CATCH block's scope.
func (s *Session) callScope(bs *batchState) *batchState {
	bs.outer = s.handling()
	return bs
}

// caughtError is the error a CATCH block is handling (ERROR_NUMBER() …).
type caughtError struct {
	number   int32
	severity uint8
	state    uint8
	message  string
	line     int32
	proc     string
	// procSchema qualifies proc for ERROR_PROCEDURE() (Error.procSchema).
	procSchema string
}

// qualifiedProc is ERROR_PROCEDURE()'s value: schema.procedure for a
// module with a schema, as SQL Server 2017 and later return it.
func (ce *caughtError) qualifiedProc() string {
	if ce.procSchema == "" {
		return ce.proc
	}
	return ce.procSchema + "." + ce.proc
}

func (s *Session) lookupVar(name string) *variable {
	if s.batch == nil {
		return nil
	}
	if v := s.batch.vars.get(strings.ToLower(name)); v != nil {
		return v
	}
	return s.declareSkipped(name)
}

// declareSkipped declares the variable name when a DECLARE of it comes
// before the running statement in the batch's (or module's) text but did
// not run — it sat in an IF branch not taken, a loop never entered, a
// CATCH block, after a RETURN. A DECLARE's scope is textual, from the
// DECLARE to the end of the batch (Microsoft's DECLARE @local_variable
// page), so the variable exists, NULL, as if declared without a value.
// Only a miss comes here: most lookups find their variable in vars.
func (s *Session) declareSkipped(name string) *variable {
	b := s.batch
	if b.body == nil || b.cur == nil || !b.cur.Pos().IsValid() {
		return nil
	}
	at := b.cur.Pos().Offset()
	var found *ast.VarDecl
	for _, st := range b.body {
		if definesModule(st) { // compile_check.go: a module's variables are its own
			continue
		}
		ast.Inspect(st, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			if d, ok := n.(*ast.VarDecl); ok && strings.EqualFold(d.Name, name) && d.Pos().IsValid() && d.Pos().Offset() < at {
				found = d
			}
			return true
		})
		if found != nil {
			break
		}
	}
	if found == nil {
		return nil
	}
	v, err := s.declare(found)
	if err != nil {
		return nil
	}
	return v
}

// declare adds a variable to the current batch.
func (s *Session) declare(d *ast.VarDecl) (*variable, error) {
	return s.declareIn(d, nil)
}

// declareIn is declare storing the variable in slot when slot is not nil:
// invoke allocates its parameters' variables together, not one each.
func (s *Session) declareIn(d *ast.VarDecl, slot *variable) (*variable, error) {
	if d.Type != nil && strings.EqualFold(d.Type.Name, "cursor") {
		return s.declareCursorVar(d) // cursor.go
	}
	key := strings.ToLower(d.Name)
	if v := s.batch.vars.get(key); v != nil {
		if v.decl == d {
			// The same DECLARE run again, in a loop: SQL Server declares a
			// variable once per batch (134 is for a second DECLARE of the
			// name), so it keeps its value, a table variable its rows.
			return v, nil
		}
		return nil, ErrVariableDeclared.New(d.Name)
	}
	v := slot
	if v == nil {
		v = new(variable)
	}
	*v = variable{name: d.Name, decl: d}
	var t types.Type
	def := d.Table
	if def == nil {
		var ut *catalog.UserType
		var err error
		if t, ut, err = s.declTypeOf(d.Type); err != nil { // usertype.go
			return nil, err
		}
		if ut != nil && ut.IsTable() { // DECLARE @t dbo.TableType
			if def, err = tableTypeDef(ut); err != nil {
				return nil, err
			}
			v.tableType = ut
		}
	}
	if def != nil {
		tdb := newTableVariableStore()
		cat := tdb.Catalog().Clone()
		if s.db != nil { // its columns take the current database's collation (dbcollation.go)
			cat.Collation = s.catalogFor(s.db).Collation
		}
		t, err := s.tableFromDef(cat, tdb, def, "dbo", "@"+strings.TrimPrefix(d.Name, "@"))
		if err != nil {
			return nil, err
		}
		tdb.cat.Store(cat)
		v.table = &tableRef{db: tdb, cat: cat, t: t}
		s.batch.vars.put(key, v)
		return v, nil
	}
	v.typ = s.coercible(t) // the database's collation (dbcollation.go)
	v.val = types.Null(t.ID)
	s.batch.vars.put(key, v)
	return v, nil
}

// assign stores a value into a variable, converting it to the variable's type.
func (v *variable) assign(val types.Value) error {
	cv, err := convertTo(val, v.typ)
	if err != nil {
		return err
	}
	if v.typ.ID.IsString() && v.typ.Length > 0 && !cv.IsNull() {
		// Assignment to a shorter variable truncates silently, as in SQL Server.
		cv, err = types.Convert(cv, v.typ, 0)
		if err != nil {
			return err
		}
	}
	v.val = cv
	return nil
}

// cteDef is a common table expression in scope.
type cteDef struct {
	name  string
	cte   *ast.CTE
	outer *scope
	built *plan
	// building is set while the CTE's own query is compiled: a reference to
	// it then (no UNION ALL to recurse through, a self-referencing anchor, a
	// cycle of CTEs) is SQL Server's error, not an endless recursion that
	// would overflow the stack and kill the server.
	building bool
	order    int // position in its WITH clause
}

func (s *Session) pushCTEs(w *ast.WithClause, outer *scope) (func(), error) {
	m := map[string]*cteDef{}
	s.batch.ctes = append(s.batch.ctes, m)
	for i, c := range w.CTEs {
		m[strings.ToLower(c.Name.Name)] = &cteDef{name: c.Name.Name, cte: c, outer: outer, order: i}
	}
	return func() { s.batch.ctes = s.batch.ctes[:len(s.batch.ctes)-1] }, nil
}

// lookupCTE finds the CTE a table name refers to. Inside a CTE's own query
// only it (recursion) and the CTEs defined before it in the same WITH are
// visible, as in SQL Server: a later one is not found (208).
func (s *Session) lookupCTE(name string) *cteDef {
	if s.batch == nil {
		return nil
	}
	for i := len(s.batch.ctes) - 1; i >= 0; i-- {
		m := s.batch.ctes[i]
		d := m[strings.ToLower(name)]
		if d == nil {
			continue
		}
		visible := true
		for _, b := range m {
			if b.building && d.order > b.order {
				visible = false
			}
		}
		if visible {
			return d
		}
	}
	return nil
}

// plan compiles the CTE's query (recursive CTEs iterate to a fixed point).
func (d *cteDef) plan(s *Session, outer *scope) (*plan, error) {
	if d.built != nil {
		return d.built, nil
	}
	so, isSetOp := d.cte.Query.Body.(*ast.SetOp)
	recursive := isSetOp && (so.Op == ast.UnionAll || so.Op == ast.Union) && refersTo(so.Right, d.name)
	if d.building {
		if recursive { // the anchor refers to the CTE itself
			return nil, &Error{Number: 246, Severity: 16, State: 1, Message: "No anchor member was specified for recursive query \"" + d.name + "\"."}
		}
		return nil, &Error{Number: 252, Severity: 16, State: 1, Message: "Recursive common table expression '" + d.name + "' does not contain a top-level UNION ALL operator."}
	}
	d.building = true
	defer func() { d.building = false }()
	if recursive {
		return s.recursiveCTE(d, so, outer)
	}
	return d.compile(s, outer, d.cte.Query)
}

// compile compiles q, the CTE's query or one made from it with a filter
// added (pushdown.go), as the CTE's: under its column list.
func (d *cteDef) compile(s *Session, outer *scope, q *ast.Query) (*plan, error) {
	p, err := s.buildQuery(q, outer, nil)
	if err != nil {
		return nil, err
	}
	if err := renameCols(p, d); err != nil {
		return nil, err
	}
	return p, nil
}

// recursiveOrBuilt reports whether the CTE compiles only through plan: it
// is recursive, already built, or being compiled (a reference to itself,
// which plan refuses).
func (d *cteDef) recursiveOrBuilt() bool {
	if d.built != nil || d.building {
		return true
	}
	so, isSetOp := d.cte.Query.Body.(*ast.SetOp)
	return isSetOp && (so.Op == ast.UnionAll || so.Op == ast.Union) && refersTo(so.Right, d.name)
}

// planQuery is plan for a CTE that is not recursive, compiling q in place
// of its query.
func (d *cteDef) planQuery(s *Session, outer *scope, q *ast.Query) (*plan, error) {
	d.building = true
	defer func() { d.building = false }()
	return d.compile(s, outer, q)
}

func renameCols(p *plan, d *cteDef) error {
	if len(d.cte.Columns) == 0 {
		return nil
	}
	if len(d.cte.Columns) != len(p.cols) {
		return &Error{Number: 8158, Severity: 16, State: 1, Message: "'" + d.name + "' has more columns than were specified in the column list."}
	}
	cols := append([]scopeCol(nil), p.cols...)
	for i, c := range d.cte.Columns {
		cols[i].name = c.Name
	}
	p.cols = cols
	return nil
}

// refersTo reports whether a query expression mentions table name.
func refersTo(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if t, ok := x.(*ast.TableName); ok && len(t.Name.Parts) == 1 && strings.EqualFold(t.Name.Last(), name) {
			found = true
		}
		return !found
	})
	return found
}

// maxRecursion is SQL Server's default MAXRECURSION.
const maxRecursion = 100

// recursiveCTE evaluates anchor UNION ALL recursive-member by iterating: each
// round runs the recursive members over the previous round's rows. As in
// SQL Server there may be several of each: the anchors are the members
// before the first that refers to the CTE, combined by their own UNION
// [ALL]s, and every member after them is recursive (sp_ineachdb's list
// parser has two).
func (s *Session) recursiveCTE(d *cteDef, so *ast.SetOp, outer *scope) (*plan, error) {
	var recMembers []ast.QueryExpr
	anchorExpr := ast.QueryExpr(so)
	for {
		top, ok := anchorExpr.(*ast.SetOp)
		if !ok || !refersTo(top, d.name) || (top.Op != ast.UnionAll && top.Op != ast.Union) {
			break
		}
		recMembers = append([]ast.QueryExpr{top.Right}, recMembers...)
		anchorExpr = top.Left
	}
	if refersTo(anchorExpr, d.name) {
		return nil, &Error{Number: 246, Severity: 16, State: 1, Message: "No anchor member was specified for recursive query \"" + d.name + "\"."}
	}
	anchor, err := s.buildQueryExpr(anchorExpr, outer)
	if err != nil {
		return nil, err
	}
	cols := append([]scopeCol(nil), anchor.cols...)
	var work []Row
	self := &plan{cols: cols, open: func(*evalCtx) (rowIter, error) { return &sliceIter{rows: work}, nil }}
	d.built = self
	tmp := &plan{cols: cols}
	if err := renameCols(tmp, d); err != nil {
		return nil, err
	}
	self.cols = tmp.cols
	recs := make([]*plan, len(recMembers))
	for i, m := range recMembers {
		if recs[i], err = s.buildQueryExpr(m, outer); err != nil {
			d.built = nil
			return nil, err
		}
	}
	d.built = nil
	if err := checkRecursiveTypes(d.name, self.cols, recs); err != nil { // cte_recursive.go
		return nil, err
	}
	perRow := make([]bool, len(recs))
	for i, m := range recMembers {
		perRow[i] = hasWindowFunction(m)
	}
	// A column is NOT NULL only if the anchor's and the recursive member's
	// both are. The recursive member was compiled assuming the anchor's
	// nullability for its self-reference, which holds by induction over the
	// rounds when the member then agrees.
	out := append([]scopeCol(nil), self.cols...)
	for i := range out {
		for _, rec := range recs {
			out[i].notNull = out[i].notNull && i < len(rec.cols) && rec.cols[i].notNull
		}
	}
	return &plan{cols: out, open: func(ec *evalCtx) (rowIter, error) {
		it, err := anchor.open(ec)
		if err != nil {
			return nil, err
		}
		all, err := drain(it)
		if err != nil {
			return nil, err
		}
		work = all
		limit := maxRecursion
		if s.batch != nil && s.batch.maxRecursion >= 0 {
			limit = s.batch.maxRecursion
		}
		for level := 0; len(work) > 0; level++ {
			if limit > 0 && level > limit {
				return nil, &Error{Number: 530, Severity: 16, State: 1, Message: fmt.Sprintf("The statement terminated. The maximum recursion %d has been exhausted before statement completion.", limit)}
			}
			var next []Row
			level := work
			for i, rec := range recs {
				// A member with a window function sees one row of the
				// previous round at a time, as SQL Server's stack spool
				// feeds it (the CTE page's example I: ROW_NUMBER is 1 on
				// every row of the second level, not 1 to 4).
				batches := [][]Row{level}
				if perRow[i] {
					batches = batches[:0]
					for _, r := range level {
						batches = append(batches, []Row{r})
					}
				}
				for _, b := range batches {
					work = b
					it, err := rec.open(ec)
					if err != nil {
						return nil, err
					}
					rows, err := drain(it)
					if err != nil {
						return nil, err
					}
					next = append(next, rows...)
				}
			}
			all = append(all, next...)
			work = next
		}
		return &sliceIter{rows: all}, nil
	}}, nil
}
