package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// TRIGGER_NESTLEVEL and COLUMNS_UPDATED, the trigger functions the CREATE
// TRIGGER page's examples use beside UPDATE() (trigger.go).

// dmlTriggerRun is what a DML trigger's frame knows of its firing:
// whether it is an INSTEAD OF trigger (TRIGGER_NESTLEVEL's 'IOT') and the
// bitmask COLUMNS_UPDATED returns.
type dmlTriggerRun struct {
	insteadOf bool
	// columns builds COLUMNS_UPDATED(): one bit per table column, in
	// column order, bit 0 of the first byte being the first column.
	columns func() []byte
}

// columnsUpdatedMask is COLUMNS_UPDATED() for a table of n columns: an
// INSERT sets every column's bit (the page: the columns have explicit or
// implicit values), an UPDATE those its SET names, a DELETE none.
func columnsUpdatedMask(names []string, updated func(string) bool) []byte {
	b := make([]byte, (len(names)+7)/8)
	for i, n := range names {
		if updated(n) {
			b[i/8] |= 1 << (i % 8)
		}
	}
	return b
}

// triggerFunc compiles TRIGGER_NESTLEVEL and COLUMNS_UPDATED; ok is false
// for any other call.
func (c *compiler) triggerFunc(name string, f *ast.FuncCall) (*expr, bool, error) {
	s := c.s
	switch name {
	case "COLUMNS_UPDATED":
		if len(f.Args) != 0 {
			return nil, true, ErrWrongArgCount.New("columns_updated", 0)
		}
		// Like UPDATE(), it is a function only in a DML trigger's body.
		if s.proc == nil || s.proc.dml == nil {
			return nil, true, ErrUnknownFunction.New("COLUMNS_UPDATED")
		}
		run := s.proc.dml
		return &expr{typ: types.Type{ID: types.VarBinary, Length: 8000}, col: -1, eval: func(*evalCtx, Row) (types.Value, error) {
			return types.NewVarBinary(run.columns()), nil
		}}, true, nil
	case "TRIGGER_NESTLEVEL":
		if len(f.Args) > 3 {
			return nil, true, ErrWrongArgCount.New("trigger_nestlevel", 3)
		}
		args, err := c.args(f)
		if err != nil {
			return nil, true, err
		}
		return &expr{typ: types.Type{ID: types.Int}, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
			vals, err := evalArgs(ec, row, args)
			if err != nil {
				return types.Value{}, err
			}
			return types.NewInt(s.triggerNestLevel(vals)), nil
		}}, true, nil
	}
	return nil, false, nil
}

// triggerNestLevel counts the triggers on the call stack (the page:
// "the number of triggers executed for the statement that fired the
// trigger"), restricted by TRIGGER_NESTLEVEL's arguments: an object id
// (0 or NULL: any trigger), 'AFTER' or 'IOT', 'DML' or 'DDL'. Outside a
// trigger it is 0.
func (s *Session) triggerNestLevel(args []types.Value) int32 {
	var id int64
	if len(args) > 0 && !args[0].IsNull() {
		id = args[0].Int64()
	}
	kind, category := "", ""
	if len(args) > 1 && !args[1].IsNull() {
		kind = strings.ToUpper(strings.TrimSpace(args[1].Str()))
	}
	if len(args) > 2 && !args[2].IsNull() {
		category = strings.ToUpper(strings.TrimSpace(args[2].Str()))
	}
	var n int32
	for f := s.proc; f != nil; f = f.parent {
		if f.trigger == nil {
			continue
		}
		if id != 0 && int64(f.trigger.ID) != id {
			continue
		}
		ddl := f.dml == nil
		if (category == "DML" && ddl) || (category == "DDL" && !ddl) {
			continue
		}
		iot := f.dml != nil && f.dml.insteadOf
		if (kind == "AFTER" && iot) || (kind == "IOT" && !iot) {
			continue
		}
		n++
	}
	return n
}
