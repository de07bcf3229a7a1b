package exec

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Transact-SQL cursors: DECLARE … CURSOR, OPEN, FETCH, CLOSE, DEALLOCATE,
// cursor variables (DECLARE @c CURSOR, SET @c = CURSOR … FOR), @@FETCH_STATUS,
// @@CURSOR_ROWS and CURSOR_STATUS.
//
// DECLARE fixes what the cursor asks for (cursor_keyed.go resolves what
// OPEN makes of it): a STATIC (or FAST_FORWARD) cursor keeps a copy of its
// rows; KEYSET and DYNAMIC ones keep the store keys of each base row a
// member came from and read the values afresh at every FETCH. GLOBAL
// cursors (the default, as the database option CURSOR_DEFAULT is GLOBAL)
// live as long as the session; LOCAL ones belong to the batch or procedure
// that declared them and vanish with it. UPDATE and DELETE … WHERE CURRENT
// OF change the row the cursor is on (cursor_positioned.go).

// Cursor errors.
var (
	errCursorExists    = errorKind{16915, 16, 1, "A cursor with the name '%s' already exists.", AbortStatement}
	errCursorMissing   = errorKind{16916, 16, 1, "A cursor with the name '%s' does not exist.", AbortStatement}
	errCursorNotOpen   = errorKind{16917, 16, 2, "Cursor is not open.", AbortStatement}
	errCursorOpen      = errorKind{16905, 16, 1, "The cursor is already open.", AbortStatement}
	errCursorFwdOnly   = errorKind{16911, 16, 1, "fetch: The fetch type %s cannot be used with forward only cursors.", AbortStatement}
	errCursorVarEmpty  = errorKind{16950, 16, 2, "The variable '%s' does not currently have a cursor allocated to it.", AbortStatement}
	errCursorIntoCount = errorKind{16924, 16, 1, "Cursorfetch: The number of variables declared in the INTO list must match that of selected columns.", AbortStatement}
	errCursorDynamic   = errorKind{16925, 16, 1, "The fetch type %s cannot be used with dynamic cursors.", AbortStatement}
	errCursorForUpdate = errorKind{16957, 16, 1, "FOR UPDATE cannot be specified on a READ ONLY cursor.", AbortStatement}
)

// cursor is one declared cursor.
type cursor struct {
	name  string
	isVar bool // held by a cursor variable (name is the variable's, with '@')
	// refs counts the cursor variables SET @v = name (or = @other) made
	// hold the cursor besides its own name or variable: DEALLOCATE of
	// one of them leaves it to the others (the DEALLOCATE page).
	refs  int
	decl  *ast.DeclareCursorStmt
	local bool
	// scroll: SCROLL, or STATIC/KEYSET/DYNAMIC without FORWARD_ONLY; any
	// other cursor fetches NEXT only (16911).
	scroll bool
	// asked is the sensitivity DECLARE asked for, sens what OPEN made of
	// it (cursor_keyed.go): a query the cursor cannot follow to its base
	// rows is STATIC whatever was asked.
	asked, sens sensitivity
	fastForward bool
	cc          concurrency
	// scrollOwner holds a SCROLL_LOCKS cursor's lock on the row it fetched
	// outside a transaction, to its next FETCH or CLOSE (cursor_scrolllocks.go).
	scrollOwner *txn.Owner
	readOnly    bool // READ_ONLY, FOR READ ONLY, STATIC, FAST_FORWARD or a STATIC conversion
	open        bool
	cols        []ResultColumn
	rows        []Row       // a STATIC cursor's copy of its rows
	keyed       *cursorKeys // a KEYSET or DYNAMIC cursor's members (cursor_keyed.go)
	pos         int         // -1 before the first row, the member count after the last
	// hole: the last FETCH met a KEYSET member deleted since OPEN (-2).
	hole bool
	// id, created and status (the last FETCH's, -9 before one) are what
	// sys.dm_exec_cursors shows (cursor_dmv.go).
	id      int32
	created time.Time
	status  int32
}

// members is the number of rows (STATIC) or members (KEYSET, DYNAMIC).
func (c *cursor) members() int {
	if c.keyed != nil {
		return len(c.keyed.keys)
	}
	return len(c.rows)
}

// cursorState is a session's global cursors and its fetch status
// variables, and the triggers it is running (trigger.go).
type cursorState struct {
	global      map[string]*cursor
	fetchStatus int32
	cursorRows  int32
	lastID      int32          // the last cursor_id given (sys.dm_exec_cursors)
	firing      map[int32]bool // object ids of triggers being run
	// cascades collects the running DML statement's cascaded rows for the
	// child tables' AFTER triggers (cascade_triggers.go); here, not in
	// Session, as only a database with triggers needs it.
	cascades *cascadeFires
	// updated answers UPDATE(column) in the scope of a running trigger.
	updated map[*batchState]func(col string) bool
	// compiling marks functions whose RETURN-only body is being compiled (udf.go).
	compiling map[int32]bool
	// scroll is the session's lock workspace and the SCROLL_LOCKS cursors
	// holding a row lock outside a transaction (cursor_scrolllocks.go).
	scroll scrollHolds
	// targetDecl is the FROM entry that is the target of the UPDATE or
	// DELETE being built (dml_target_decl.go); here, not in Session, which
	// is at its size budget (TestSessionSizeBudget).
	targetDecl *ast.TableName
	// wholeTarget is a read of that entry with no key bound.
	wholeTarget *tableRef
}

func (s *Session) cursorState() *cursorState {
	if s.cursors == nil {
		s.cursors = &cursorState{global: map[string]*cursor{}, fetchStatus: -1, firing: map[int32]bool{}, updated: map[*batchState]func(string) bool{}, compiling: map[int32]bool{}}
	}
	return s.cursors
}

// cursorStmt runs the cursor statements; handled is false for any other.
func (s *Session) cursorStmt(ctx context.Context, st ast.Statement, out Output) (handled bool, err error) {
	switch st := st.(type) {
	case *ast.DeclareCursorStmt:
		return true, s.declareCursor(st)
	case *ast.SetCursorStmt:
		key := strings.ToLower(st.Var.Name)
		if _, ok := s.batch.cursors[key]; !ok {
			return true, ErrMustDeclare.New(st.Var.Name)
		}
		c := newCursor(st.Cursor)
		if st.Cursor.ForUpdate && c.readOnly {
			return true, errCursorForUpdate.New()
		}
		c.name, c.isVar, c.local, c.id = st.Var.Name, true, true, s.nextCursorID()
		s.batch.cursors[key] = c
		return true, nil
	case *ast.OpenStmt:
		return true, s.openCursor(ctx, st.Cursor, out)
	case *ast.FetchStmt:
		return true, s.fetchCursor(ctx, st, out)
	case *ast.CloseStmt:
		c, err := s.findCursor(st.Cursor)
		if err != nil {
			return true, err
		}
		if !c.open {
			return true, errCursorNotOpen.New()
		}
		s.closeCursor(c)
		s.cursorState().cursorRows = 0
		return true, nil
	case *ast.DeallocateStmt:
		c, err := s.findCursor(st.Cursor)
		if err != nil {
			return true, err
		}
		switch {
		case st.Cursor.Var != nil:
			s.batch.cursors[strings.ToLower(st.Cursor.Var.Name)] = nil // the variable stays declared
		case c.local:
			delete(s.batch.cursors, strings.ToLower(st.Cursor.Name.Name))
		default:
			delete(s.cursorState().global, strings.ToLower(st.Cursor.Name.Name))
		}
		if c.refs > 0 {
			// Another name or variable still holds it: only this
			// reference goes (SET @v = name's cursor_assign.go).
			c.refs--
			return true, nil
		}
		if c.open {
			s.closeCursor(c)
			s.cursorState().cursorRows = 0
		}
		return true, nil
	}
	return false, nil
}

// closeCursorsOnCommit closes the session's open cursors when SET
// CURSOR_CLOSE_ON_COMMIT is ON and a transaction commits or rolls back
// (not to a savepoint); with it OFF, the default, they stay open.
func (s *Session) closeCursorsOnCommit() {
	if s.Opts.Flags&cursorCloseOnCommitFlag == 0 {
		return
	}
	for _, c := range s.cursorState().global {
		if c.open {
			s.closeCursor(c)
		}
	}
	if s.batch != nil {
		for _, c := range s.batch.cursors {
			if c != nil && c.open {
				s.closeCursor(c)
			}
		}
	}
}

// newCursor makes a closed cursor from its definition. Naming STATIC,
// KEYSET or DYNAMIC makes a cursor scrollable unless FORWARD_ONLY says
// otherwise; one that names none is forward-only and DYNAMIC, or KEYSET
// with SCROLL; FAST_FORWARD is a forward-only read-only STATIC cursor.
func newCursor(st *ast.DeclareCursorStmt) *cursor {
	c := &cursor{decl: st, pos: -1, asked: sensDynamic, created: time.Now(), status: -9}
	if st.Name != nil {
		c.name = st.Name.Name
	}
	forward, scroll, named := false, false, false
	for _, o := range st.Options {
		switch o {
		case "LOCAL":
			c.local = true
		case "SCROLL":
			scroll = true
		case "STATIC":
			c.asked, named = sensStatic, true
		case "KEYSET":
			c.asked, named = sensKeyset, true
		case "DYNAMIC":
			c.asked, named = sensDynamic, true
		case "FORWARD_ONLY":
			forward = true
		case "FAST_FORWARD":
			forward, c.fastForward, c.asked, named = true, true, sensStatic, true
		case "READ_ONLY":
			c.cc = ccReadOnly
		case "SCROLL_LOCKS":
			c.cc = ccScrollLocks
		case "OPTIMISTIC":
			c.cc = ccOptimistic
		}
	}
	c.scroll = !forward && (scroll || named)
	if !named && scroll {
		c.asked = sensKeyset
	}
	c.readOnly = c.cc == ccReadOnly || st.ReadOnly || c.asked == sensStatic
	return c
}

// nextCursorID numbers the session's cursors for sys.dm_exec_cursors.
func (s *Session) nextCursorID() int32 {
	cs := s.cursorState()
	cs.lastID++
	return cs.lastID
}

func (s *Session) declareCursor(st *ast.DeclareCursorStmt) error {
	c := newCursor(st)
	c.id = s.nextCursorID()
	if st.ForUpdate && c.readOnly {
		return errCursorForUpdate.New()
	}
	key := strings.ToLower(c.name)
	if c.local {
		if s.batch.cursors == nil {
			s.batch.cursors = map[string]*cursor{}
		}
		if s.batch.cursors[key] != nil {
			return errCursorExists.New(c.name)
		}
		s.batch.cursors[key] = c
		return nil
	}
	g := s.cursorState().global
	if g[key] != nil {
		return errCursorExists.New(c.name)
	}
	g[key] = c
	return nil
}

// findCursor resolves a cursor reference: a local cursor of the current
// scope first, then a global one (GLOBAL name looks only at globals).
func (s *Session) findCursor(ref *ast.CursorRef) (*cursor, error) {
	if ref.Var != nil {
		c, ok := s.batch.cursors[strings.ToLower(ref.Var.Name)]
		switch {
		case !ok:
			return nil, ErrMustDeclare.New(ref.Var.Name)
		case c == nil:
			return nil, errCursorVarEmpty.New(ref.Var.Name)
		}
		return c, nil
	}
	key := strings.ToLower(ref.Name.Name)
	if !ref.Global && s.batch != nil {
		if c := s.batch.cursors[key]; c != nil {
			return c, nil
		}
	}
	if c := s.cursorState().global[key]; c != nil {
		return c, nil
	}
	return nil, errCursorMissing.New(ref.Name.Name)
}

func (s *Session) openCursor(ctx context.Context, ref *ast.CursorRef, out Output) error {
	c, err := s.findCursor(ref)
	if err != nil {
		return err
	}
	if c.open {
		return errCursorOpen.New()
	}
	keyed, err := s.openKeyed(ctx, c, out) // cursor_keyed.go
	if err != nil {
		return err
	}
	if keyed == nil {
		p, err := s.buildQuery(c.decl.Query, nil, nil)
		if err != nil {
			return err
		}
		rows, err := s.planRows(ctx, p)
		if err != nil {
			return err
		}
		c.cols, c.rows, c.sens = p.resultColumns(), rows, sensStatic
	}
	c.keyed, c.pos, c.open, c.hole = keyed, -1, true, false
	c.readOnly = c.readOnly || c.sens == sensStatic
	cs := s.cursorState()
	cs.cursorRows = -1
	if c.sens != sensDynamic && !c.fastForward {
		cs.cursorRows = int32(c.members())
	}
	return nil
}

// closeCursor closes an open cursor: its rows and keys go, and the locks
// a SCROLL_LOCKS cursor holds outside a transaction.
func (s *Session) closeCursor(c *cursor) {
	s.releaseScrollLocks(c) // cursor_scrolllocks.go
	c.open, c.rows, c.keyed, c.hole = false, nil, nil, false
}

// fetchCursor moves the cursor and returns the row into variables or as a
// one-row result set; @@FETCH_STATUS is 0 on a row, -1 past either end.
func (s *Session) fetchCursor(ctx context.Context, st *ast.FetchStmt, out Output) error {
	c, err := s.findCursor(st.Cursor)
	if err != nil {
		return err
	}
	if !c.open {
		return errCursorNotOpen.New()
	}
	dir := st.Direction
	if dir == "" {
		dir = "NEXT"
	}
	if dir == "ABSOLUTE" && c.sens == sensDynamic {
		return errCursorDynamic.New("Absolute")
	}
	if dir != "NEXT" && !c.scroll {
		return errCursorFwdOnly.New(strings.ToLower(dir))
	}
	var vars []*variable
	if len(st.Into) > 0 {
		if len(st.Into) != len(c.cols) {
			return errCursorIntoCount.New()
		}
		for _, v := range st.Into {
			vr := s.lookupVar(v.Name)
			if vr == nil || vr.table != nil {
				return ErrMustDeclare.New(v.Name)
			}
			vars = append(vars, vr)
		}
	}
	var k int64
	if st.Offset != nil {
		vt, err := s.evalScalar(ctx, st.Offset)
		if err != nil {
			return err
		}
		k = vt.v.Int64()
	}
	var row Row
	status := int32(-1)
	if c.keyed != nil {
		if row, status, err = s.fetchKeyed(ctx, c, dir, k); err != nil { // cursor_keyed.go
			return err
		}
	} else {
		c.pos = movePos(c.pos, len(c.rows), dir, k)
		if c.pos >= 0 && c.pos < len(c.rows) {
			row, status = c.rows[c.pos], 0
		}
	}
	s.cursorState().fetchStatus, c.status = status, status
	if vars != nil {
		if row == nil {
			return nil
		}
		for i, v := range vars {
			if err := v.assign(row[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if err := out.Columns(c.cols); err != nil {
		return err
	}
	cnt := int64(0)
	if row != nil {
		if err := out.Row(row); err != nil {
			return err
		}
		cnt = 1
	}
	return s.done(out, CmdSelect, cnt, true)
}

// movePos is the position a fetch in direction dir (k: the ABSOLUTE or
// RELATIVE offset) moves pos to among n rows: -1 before the first, n
// after the last.
func movePos(pos, n int, dir string, k int64) int {
	switch dir {
	case "NEXT":
		pos++
	case "PRIOR":
		pos--
	case "FIRST":
		pos = 0
	case "LAST":
		pos = n - 1
	case "ABSOLUTE":
		switch {
		case k > int64(n):
			pos = n
		case k > 0:
			pos = int(k) - 1
		case k < 0:
			pos = int(max(int64(n)+k, -1))
		default:
			pos = -1
		}
	case "RELATIVE":
		pos = int(max(min(int64(pos)+k, int64(n)), -1))
	}
	return max(min(pos, n), -1)
}

// cursorGlobalVar compiles @@FETCH_STATUS and @@CURSOR_ROWS.
func (c *compiler) cursorGlobalVar(name string) (*expr, error) {
	s := c.s
	return &expr{typ: types.TypeInt, col: -1, eval: func(*evalCtx, Row) (types.Value, error) {
		cs := s.cursorState()
		if name == "CURSOR_ROWS" {
			return types.NewInt(cs.cursorRows), nil
		}
		return types.NewInt(cs.fetchStatus), nil
	}}, nil
}

// cursorStatus compiles CURSOR_STATUS('local'|'global'|'variable', name):
// 1 open (with rows, for a static cursor), 0 open and empty, -1 closed,
// -3 no such cursor.
func (c *compiler) cursorStatus(f *ast.FuncCall) (*expr, error) {
	if len(f.Args) != 2 {
		return nil, ErrWrongArgCount.New("cursor_status", 2)
	}
	args, err := c.args(f)
	if err != nil {
		return nil, err
	}
	s := c.s
	return &expr{typ: types.TypeSmallInt, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		vals, err := evalArgs(ec, row, args)
		if err != nil {
			return types.Value{}, err
		}
		scope, _ := asText(vals[0])
		name, _ := asText(vals[1])
		key := strings.ToLower(name)
		var cur *cursor
		switch strings.ToLower(scope) {
		case "local":
			if s.batch != nil {
				cur = s.batch.cursors[key]
			}
		case "global":
			cur = s.cursorState().global[key]
		case "variable":
			if s.batch == nil {
				return types.NewSmallInt(-3), nil
			}
			c, ok := s.batch.cursors[key]
			if !ok || !strings.HasPrefix(key, "@") {
				return types.NewSmallInt(-3), nil
			}
			if c == nil {
				return types.NewSmallInt(-2), nil
			}
			cur = c
		default:
			return types.NewSmallInt(-3), nil
		}
		if cur == nil {
			return types.NewSmallInt(-3), nil
		}
		return types.NewSmallInt(cursorStatusOf(cur)), nil
	}}, nil
}

// cursorStatusOf is CURSOR_STATUS of an allocated cursor: 1 open (with
// rows, for a static or keyset one), 0 open and empty, -1 closed.
func cursorStatusOf(cur *cursor) int16 {
	switch {
	case !cur.open:
		return -1
	case cur.sens != sensDynamic && cur.members() == 0:
		return 0
	}
	return 1
}

// declareCursorVar is DECLARE @name CURSOR: a variable that holds no cursor
// until SET @name = CURSOR … FOR. It lives with the scope's LOCAL cursors,
// under its '@' name, which no cursor name can take.
func (s *Session) declareCursorVar(d *ast.VarDecl) (*variable, error) {
	key := strings.ToLower(d.Name)
	if s.batch.cursors == nil {
		s.batch.cursors = map[string]*cursor{}
	}
	if _, ok := s.batch.cursors[key]; ok || s.batch.vars.get(key) != nil {
		return nil, ErrVariableDeclared.New(d.Name)
	}
	s.batch.cursors[key] = nil
	return &variable{name: d.Name}, nil
}
