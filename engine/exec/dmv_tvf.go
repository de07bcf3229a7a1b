package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Table-valued dynamic management functions (sys.dm_db_index_physical_stats,
// sys.dm_db_log_info, sys.dm_io_virtual_file_stats …): a fixed column list
// and rows computed from the evaluated arguments when the source is opened,
// so CROSS APPLY sys.dm_…(t.object_id) re-evaluates per outer row. Functions
// that need instance state are registered by the engine (RegisterTableFunc),
// the others by this package.

// TableFunc describes a registered table-valued system function.
type TableFunc struct {
	// Name is the function's name without schema (dm_db_log_info).
	Name string
	Cols []ViewColumn
	// MinArgs and MaxArgs bound the argument count: fewer is SQL Server's
	// 313, more its 8144.
	MinArgs, MaxArgs int
	// Rows computes the result; args has MaxArgs entries, missing trailing
	// arguments (and DEFAULT) are NULL.
	Rows func(s *Session, args []types.Value) ([]Row, error)
}

var tableFuncs = map[string]*TableFunc{}

// RegisterTableFunc adds a table-valued system function. It is called from
// init functions only (the map is read without a lock afterwards).
func RegisterTableFunc(f TableFunc) { tableFuncs[strings.ToUpper(f.Name)] = &f }

// buildRegisteredTableFunc compiles a call of a registered function; ok is
// false when name is not one.
func (s *Session) buildRegisteredTableFunc(t *ast.TableFunc, outer *scope) (src *source, ok bool, err error) {
	f := tableFuncs[strings.ToUpper(t.Call.Name.Last())]
	if f == nil {
		return nil, false, nil
	}
	if len(t.Call.Args) < f.MinArgs {
		return nil, true, &Error{Number: 313, Severity: 16, State: 3, Message: "An insufficient number of arguments were supplied for the procedure or function sys." + f.Name + "."}
	}
	if len(t.Call.Args) > f.MaxArgs {
		return nil, true, ErrProcTooManyArgs.New(f.Name)
	}
	c := &compiler{s: s, sc: &scope{outer: outer}}
	call := t.Call
	for i, a := range call.Args { // DEFAULT: the argument's default, NULL for these functions
		if _, ok := a.(*ast.DefaultExpr); ok {
			if call == t.Call {
				cp := *t.Call
				cp.Args = append([]ast.Expr(nil), t.Call.Args...)
				call = &cp
			}
			call.Args[i] = &ast.NullLit{Span: a.(*ast.DefaultExpr).Span}
		}
	}
	args, err := c.args(call)
	if err != nil {
		return nil, true, err
	}
	q := strings.ToLower(identName(t.Alias))
	sc := &scope{outer: outer}
	for i, col := range f.Cols {
		sc.cols = append(sc.cols, scopeCol{qual: q, name: col.Name, typ: col.Type, idx: i})
	}
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		vals, err := evalArgs(ec, nil, args)
		if err != nil {
			return nil, err
		}
		full := make([]types.Value, f.MaxArgs)
		copy(full, vals)
		for i := len(vals); i < len(full); i++ {
			full[i] = types.Null(types.Int)
		}
		rows, err := f.Rows(s, full)
		if err != nil {
			return nil, err
		}
		return &sliceIter{rows: rows}, nil
	}}, true, nil
}

// ArgInt32 reads an integer argument of a table function: ok is false for
// NULL (SQL Server's "all") and for values that are not integers.
func ArgInt32(v types.Value) (int32, bool) {
	if v.IsNull() {
		return 0, false
	}
	c, err := types.Convert(v, types.TypeInt, 0)
	if err != nil {
		return 0, false
	}
	return int32(c.Int64()), true
}

// databaseByID returns the open database with id, or nil.
func (s *Session) databaseByID(id int32) Database {
	for _, d := range s.srv.DatabaseList() {
		if d.Entry.ID == id && d.Open != nil {
			return d.Open
		}
	}
	return nil
}
