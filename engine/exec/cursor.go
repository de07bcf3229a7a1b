package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Transact-SQL cursors: DECLARE … CURSOR, OPEN, FETCH, CLOSE, DEALLOCATE,
// cursor variables (DECLARE @c CURSOR, SET @c = CURSOR … FOR), @@FETCH_STATUS,
// @@CURSOR_ROWS and CURSOR_STATUS.
//
// OPEN runs the query and keeps its rows, so every cursor behaves as STATIC:
// changes made after OPEN are not seen, even by KEYSET or DYNAMIC cursors
// (a documented deviation; FORWARD_ONLY/FAST_FORWARD fetch order is the
// same). GLOBAL cursors (the default, as the database option CURSOR_DEFAULT
// is GLOBAL) live as long as the session; LOCAL ones belong to the batch or
// procedure that declared them and vanish with it.

// Cursor errors.
var (
	errCursorExists    = errorKind{16915, 16, 1, "A cursor with the name '%s' already exists.", AbortStatement}
	errCursorMissing   = errorKind{16916, 16, 1, "A cursor with the name '%s' does not exist.", AbortStatement}
	errCursorNotOpen   = errorKind{16917, 16, 2, "Cursor is not open.", AbortStatement}
	errCursorOpen      = errorKind{16905, 16, 1, "The cursor is already open.", AbortStatement}
	errCursorFwdOnly   = errorKind{16911, 16, 1, "fetch: The fetch type %s cannot be used with forward only cursors.", AbortStatement}
	errCursorVarEmpty  = errorKind{16950, 16, 2, "The variable '%s' does not currently have a cursor allocated to it.", AbortStatement}
	errCursorIntoCount = errorKind{16924, 16, 1, "Cursorfetch: The number of variables declared in the INTO list must match that of selected columns.", AbortStatement}
)

// cursor is one declared cursor.
type cursor struct {
	name   string
	isVar  bool // held by a cursor variable (name is the variable's, with '@')
	decl   *ast.DeclareCursorStmt
	local  bool
	scroll bool // SCROLL, or STATIC/KEYSET/DYNAMIC without FORWARD_ONLY
	static bool // STATIC or KEYSET: @@CURSOR_ROWS counts the rows
	open   bool
	cols   []ResultColumn
	rows   []Row
	pos    int // -1 before the first row, len(rows) after the last
}

// cursorState is a session's global cursors and its fetch status
// variables, and the triggers it is running (trigger.go).
type cursorState struct {
	global      map[string]*cursor
	fetchStatus int32
	cursorRows  int32
	firing      map[int32]bool // object ids of triggers being run
	// updated answers UPDATE(column) in the scope of a running trigger.
	updated map[*batchState]func(col string) bool
	// compiling marks functions whose RETURN-only body is being compiled (udf.go).
	compiling map[int32]bool
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
		c.name, c.isVar, c.local = st.Var.Name, true, true
		s.batch.cursors[key] = c
		return true, nil
	case *ast.OpenStmt:
		return true, s.openCursor(ctx, st.Cursor)
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
		c.open, c.rows = false, nil
		s.cursorState().cursorRows = 0
		return true, nil
	case *ast.DeallocateStmt:
		c, err := s.findCursor(st.Cursor)
		if err != nil {
			return true, err
		}
		switch {
		case c.isVar:
			s.batch.cursors[strings.ToLower(c.name)] = nil // the variable stays declared
		case c.local:
			delete(s.batch.cursors, strings.ToLower(c.name))
		default:
			delete(s.cursorState().global, strings.ToLower(c.name))
		}
		if c.open {
			s.cursorState().cursorRows = 0
		}
		return true, nil
	}
	return false, nil
}

// newCursor makes a closed cursor from its definition.
func newCursor(st *ast.DeclareCursorStmt) *cursor {
	c := &cursor{decl: st, pos: -1}
	if st.Name != nil {
		c.name = st.Name.Name
	}
	forward := false
	for _, o := range st.Options {
		switch o {
		case "LOCAL":
			c.local = true
		case "SCROLL":
			c.scroll = true
		case "STATIC", "KEYSET":
			c.static, c.scroll = true, c.scroll || !forward
		case "DYNAMIC":
			c.scroll = c.scroll || !forward
		case "FORWARD_ONLY", "FAST_FORWARD":
			forward, c.scroll = true, false
		}
	}
	return c
}

func (s *Session) declareCursor(st *ast.DeclareCursorStmt) error {
	c := newCursor(st)
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

func (s *Session) openCursor(ctx context.Context, ref *ast.CursorRef) error {
	c, err := s.findCursor(ref)
	if err != nil {
		return err
	}
	if c.open {
		return errCursorOpen.New()
	}
	p, err := s.buildQuery(c.decl.Query, nil, nil)
	if err != nil {
		return err
	}
	it, err := p.open(newEvalCtx(ctx, s))
	if err != nil {
		return err
	}
	rows, err := drain(it)
	if err != nil {
		return err
	}
	c.cols, c.rows, c.pos, c.open = p.resultColumns(), rows, -1, true
	cs := s.cursorState()
	cs.cursorRows = -1
	if c.static {
		cs.cursorRows = int32(len(rows))
	}
	return nil
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
	n := len(c.rows)
	var k int64
	if st.Offset != nil {
		vt, err := s.evalScalar(ctx, st.Offset)
		if err != nil {
			return err
		}
		k = vt.v.Int64()
	}
	switch dir {
	case "NEXT":
		c.pos++
	case "PRIOR":
		c.pos--
	case "FIRST":
		c.pos = 0
	case "LAST":
		c.pos = n - 1
	case "ABSOLUTE":
		switch {
		case k > 0:
			c.pos = int(min(k, int64(n))) - 1
			if k > int64(n) {
				c.pos = n
			}
		case k < 0:
			c.pos = int(max(int64(n)+k, -1))
		default:
			c.pos = -1
		}
	case "RELATIVE":
		c.pos = int(max(min(int64(c.pos)+k, int64(n)), -1))
	}
	c.pos = max(min(c.pos, n), -1)
	cs := s.cursorState()
	var row Row
	if c.pos >= 0 && c.pos < n {
		row = c.rows[c.pos]
		cs.fetchStatus = 0
	} else {
		cs.fetchStatus = -1
	}
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
		switch {
		case cur == nil:
			return types.NewSmallInt(-3), nil
		case !cur.open:
			return types.NewSmallInt(-1), nil
		case cur.static && len(cur.rows) == 0:
			return types.NewSmallInt(0), nil
		}
		return types.NewSmallInt(1), nil
	}}, nil
}

// declareCursorVar is DECLARE @name CURSOR: a variable that holds no cursor
// until SET @name = CURSOR … FOR. It lives with the scope's LOCAL cursors,
// under its '@' name, which no cursor name can take.
func (s *Session) declareCursorVar(d *ast.VarDecl) (*variable, error) {
	key := strings.ToLower(d.Name)
	if s.batch.cursors == nil {
		s.batch.cursors = map[string]*cursor{}
	}
	if _, ok := s.batch.cursors[key]; ok || s.batch.vars[key] != nil {
		return nil, ErrVariableDeclared.New(d.Name)
	}
	s.batch.cursors[key] = nil
	return &variable{name: d.Name}, nil
}
