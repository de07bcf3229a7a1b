package exec

import (
	"context"
	"sort"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sp_describe_cursor, sp_describe_cursor_columns and sp_cursor_list: the
// cursor-reporting procedures older tools call. They return their report
// as a cursor in a CURSOR OUTPUT parameter (EXEC … @report OUTPUT, where
// @report is a DECLARE @report CURSOR variable with no cursor allocated);
// the report cursor is open, scrollable and read-only, and its rows are
// taken when the procedure runs.

// errCursorOutputAllocated is SQL Server's 16951: a CURSOR OUTPUT argument
// whose variable already holds a cursor.
var errCursorOutputAllocated = errorKind{16951, 16, 1, "The variable '%s' cannot be used as a parameter because a CURSOR OUTPUT parameter must not have a cursor allocated to it before execution of the procedure.", AbortStatement}

func init() {
	RegisterProc("sp_describe_cursor", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		return 0, s.describeCursorProc(args, "sp_describe_cursor", describeCursorCols, s.cursorReport)
	})
	RegisterProc("sp_describe_cursor_columns", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		return 0, s.describeCursorProc(args, "sp_describe_cursor_columns", describeCursorColumnCols, s.cursorColumnsReport)
	})
	RegisterProc("sp_cursor_list", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		ret, err := cursorReturnArg(args, "sp_cursor_list")
		if err != nil {
			return 0, err
		}
		scope, ok := argValue(args, 1, "@cursor_scope")
		if !ok {
			return 0, ErrProcMissingArg.New("sp_cursor_list", "@cursor_scope")
		}
		n, _ := ArgInt32(scope)
		var rows []Row
		for _, ref := range s.visibleCursors() {
			if ref.local && n&1 != 0 || !ref.local && n&2 != 0 {
				rows = append(rows, s.cursorReport(ref.name, ref.c)...)
			}
		}
		ret.cursor = reportCursor(describeCursorCols, rows)
		return 0, nil
	})
}

// The report cursors' columns (sp_describe_cursor's page; sp_cursor_list's
// are the same).
var (
	describeCursorCols = []ResultColumn{
		{Name: "reference_name", Type: vName}, {Name: "cursor_name", Type: vName},
		{Name: "cursor_scope", Type: vTinyInt}, {Name: "status", Type: vInt}, {Name: "model", Type: vTinyInt},
		{Name: "concurrency", Type: vTinyInt}, {Name: "scrollable", Type: vTinyInt}, {Name: "open_status", Type: vTinyInt},
		{Name: "cursor_rows", Type: types.DecimalType(10, 0)}, {Name: "fetch_status", Type: vSmallInt},
		{Name: "column_count", Type: vSmallInt}, {Name: "row_count", Type: types.DecimalType(10, 0)},
		{Name: "last_operation", Type: vTinyInt}, {Name: "cursor_handle", Type: vInt},
	}
	describeCursorColumnCols = []ResultColumn{
		{Name: "column_name", Type: vName, Nullable: true}, {Name: "ordinal_position", Type: vInt},
		{Name: "column_characteristics_flags", Type: vInt}, {Name: "column_size", Type: vInt},
		{Name: "data_type_sql", Type: vSmallInt}, {Name: "column_precision", Type: vTinyInt},
		{Name: "column_scale", Type: vTinyInt}, {Name: "order_position", Type: vInt},
		{Name: "order_direction", Type: types.VarCharType(1), Nullable: true}, {Name: "hidden_column", Type: vSmallInt},
		{Name: "columnid", Type: vInt}, {Name: "objectid", Type: vInt}, {Name: "dbid", Type: vInt},
		{Name: "dbname", Type: vName, Nullable: true},
	}
)

// describeCursorProc runs sp_describe_cursor or sp_describe_cursor_columns:
// find the cursor @cursor_source and @cursor_identity name, report it.
func (s *Session) describeCursorProc(args []*ProcArg, proc string, cols []ResultColumn, report func(string, *cursor) []Row) error {
	ret, err := cursorReturnArg(args, proc)
	if err != nil {
		return err
	}
	src, ok1 := argValue(args, 1, "@cursor_source")
	id, ok2 := argValue(args, 2, "@cursor_identity")
	if !ok1 {
		return ErrProcMissingArg.New(proc, "@cursor_source")
	}
	if !ok2 {
		return ErrProcMissingArg.New(proc, "@cursor_identity")
	}
	source, _ := asText(src)
	name, _ := asText(id)
	key := strings.ToLower(name)
	var c *cursor
	switch strings.ToLower(source) {
	case "local", "variable":
		if s.batch != nil {
			c = s.batch.cursors[key]
		}
		if c != nil && c.isVar != (strings.ToLower(source) == "variable") {
			c = nil
		}
	case "global":
		c = s.cursorState().global[key]
	}
	if c == nil {
		return errCursorMissing.New(name)
	}
	ret.cursor = reportCursor(cols, report(name, c))
	return nil
}

// isCursorVar reports a DECLARE @name CURSOR variable of the running scope.
func (s *Session) isCursorVar(name string) bool {
	if s.batch == nil || !strings.HasPrefix(name, "@") {
		return false
	}
	_, ok := s.batch.cursors[strings.ToLower(name)]
	return ok
}

// takeCursorOutput makes pa the CURSOR OUTPUT argument for variable name,
// which must hold no cursor (16951).
func (s *Session) takeCursorOutput(pa *ProcArg, name string) error {
	key := strings.ToLower(name)
	if s.batch.cursors[key] != nil {
		return errCursorOutputAllocated.New(name)
	}
	pa.cursorVar, pa.cursorName = key, name
	pa.Value, pa.Type = types.Null(types.Int), types.TypeInt
	return nil
}

// cursorReturnArg is the @cursor_return argument: a cursor variable passed
// OUTPUT (runExec sets cursorVar).
func cursorReturnArg(args []*ProcArg, proc string) (*ProcArg, error) {
	for i, a := range args {
		if a.Name == "" && i == 0 || strings.EqualFold(a.Name, "@cursor_return") {
			if a.cursorVar == "" || !a.Output {
				return nil, &Error{Number: 16957, Severity: 16, State: 1, Message: "The cursor parameter '@cursor_return' of procedure '" + proc + "' must be a cursor variable passed as OUTPUT."}
			}
			return a, nil
		}
	}
	return nil, ErrProcMissingArg.New(proc, "@cursor_return")
}

// reportCursor makes the open, scrollable, read-only cursor a report is
// returned in.
func reportCursor(cols []ResultColumn, rows []Row) *cursor {
	c := newCursor(&ast.DeclareCursorStmt{Options: []string{"LOCAL", "SCROLL", "STATIC", "READ_ONLY"}})
	c.isVar, c.open, c.cols, c.rows, c.sens, c.readOnly = true, true, cols, rows, sensStatic, true
	return c
}

// visibleCursor is a cursor the session can name: a local cursor or cursor
// variable of the running scope, or a global cursor.
type visibleCursor struct {
	name  string
	local bool
	c     *cursor
}

// visibleCursors lists the session's cursors in the order they were made.
func (s *Session) visibleCursors() []visibleCursor {
	var all []visibleCursor
	if s.batch != nil {
		for _, c := range s.batch.cursors {
			if c != nil {
				all = append(all, visibleCursor{c.name, true, c})
			}
		}
	}
	for _, c := range s.cursorState().global {
		all = append(all, visibleCursor{c.name, false, c})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].c.id < all[j].c.id })
	return all
}

// cursorReport is c's row of sp_describe_cursor and sp_cursor_list, c being
// named ref.
func (s *Session) cursorReport(ref string, c *cursor) []Row {
	scope := uint8(2)
	if c.local || c.isVar {
		scope = 1
	}
	sens := c.asked
	if c.open {
		sens = c.sens
	}
	model := map[sensitivity]uint8{sensStatic: 1, sensKeyset: 2, sensDynamic: 3}[sens]
	if c.fastForward {
		model = 4
	}
	cc := uint8(3)
	switch {
	case c.readOnly:
		cc = 1
	case c.cc == ccScrollLocks:
		cc = 2
	}
	// cursor_rows is @@CURSOR_ROWS as OPEN set it; last_operation and
	// row_count follow from what the cursor keeps (OPEN, FETCH, CLOSE).
	rows, last, count := int32(0), uint8(0), int32(0)
	switch {
	case c.open && (sens == sensDynamic || c.fastForward):
		rows, last = -1, 1
	case c.open:
		rows, last = int32(c.members()), 1
	case c.status != -9:
		last = 6
	}
	if c.open && c.status != -9 {
		last = 2
		if c.status == 0 {
			count = 1
		}
	}
	cols := int16(0)
	if c.open {
		cols = int16(len(c.cols))
	}
	return []Row{{types.NewNVarChar(ref), types.NewNVarChar(c.name), types.NewTinyInt(scope),
		types.NewInt(int32(cursorStatusOf(c))), types.NewTinyInt(model), types.NewTinyInt(cc),
		types.NewTinyInt(boolByte(c.scroll)), types.NewTinyInt(boolByte(c.open)), decimal10(rows),
		types.NewSmallInt(int16(c.status)), types.NewSmallInt(cols), decimal10(count),
		types.NewTinyInt(last), types.NewInt(c.id)}}
}

// cursorColumnsReport is sp_describe_cursor_columns' rows: one per column
// of c's result set (none before OPEN, which decides them).
func (s *Session) cursorColumnsReport(_ string, c *cursor) []Row {
	var rows []Row
	for i, col := range c.cols {
		flags := int32(0)
		if fixedLength(col.Type.ID) {
			flags |= 2
		}
		if !col.NotNull {
			flags |= 4
		}
		name := types.Null(types.NVarChar)
		if col.Name != "" {
			name = types.NewNVarChar(col.Name)
		}
		rows = append(rows, Row{name, types.NewInt(int32(i)), types.NewInt(flags),
			types.NewInt(int32(col.Type.CatalogMaxLength())), types.NewSmallInt(int16(col.Type.ID)),
			types.NewTinyInt(col.Type.CatalogPrecision()), types.NewTinyInt(col.Type.CatalogScale()),
			types.NewInt(0), types.Null(types.VarChar), types.NewSmallInt(0),
			types.NewInt(-1), types.NewInt(-1), types.NewInt(-1), types.Null(types.NVarChar)})
	}
	return rows
}

// fixedLength reports a type whose values all take the same space.
func fixedLength(id types.TypeID) bool {
	switch id {
	case types.VarChar, types.NVarChar, types.VarBinary, types.Text, types.NText, types.Image, types.XML, types.SQLVariant:
		return false
	}
	return true
}

func boolByte(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

func decimal10(n int32) types.Value {
	v, _ := types.Convert(types.NewInt(n), types.DecimalType(10, 0), 0)
	return v
}
