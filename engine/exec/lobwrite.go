package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// lobWrite compiles UPDATE … SET column .WRITE (expression, @Offset,
// @Length), the partial update of a varchar(max), nvarchar(max) or
// varbinary(max) column (the UPDATE page's .WRITE; the OUTPUT clause
// page's example G): Length characters (bytes for varbinary) from the
// zero-based Offset are replaced by expression. A NULL Offset appends
// expression (Length ignored); a NULL Length replaces everything from
// Offset on; a NULL expression cuts the value at Offset. The column's
// value is read before the update, as any SET expression reads it.
func (c *compiler) lobWrite(e *ast.XMLMethodExpr) (*expr, error) {
	if len(e.Args) != 3 {
		return nil, &Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near 'WRITE'."}
	}
	col, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
	args := make([]*expr, 3)
	for i, a := range e.Args {
		if args[i], err = c.expr(a); err != nil {
			return nil, err
		}
	}
	typ := col.typ
	binary := typ.ID.IsBinary()
	return &expr{typ: typ, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		old, err := col.eval(ec, row)
		if err != nil || old.IsNull() {
			return old, err
		}
		vals := make([]types.Value, 3)
		for i, a := range args {
			if vals[i], err = a.eval(ec, row); err != nil {
				return types.Value{}, err
			}
		}
		// Characters (runes) of a string, bytes of a binary value.
		var cur []rune
		var curB []byte
		n := 0
		if binary {
			curB = old.Bytes()
			n = len(curB)
		} else {
			s, _ := asText(old)
			cur = []rune(s)
			n = len(cur)
		}
		off := int64(n)
		if !vals[1].IsNull() {
			v, err := convertTo(vals[1], types.TypeBigInt)
			if err != nil {
				return types.Value{}, err
			}
			off = min(max(v.Int64(), 0), int64(n))
		}
		end := int64(n)
		if !vals[1].IsNull() && !vals[2].IsNull() && !vals[0].IsNull() {
			v, err := convertTo(vals[2], types.TypeBigInt)
			if err != nil {
				return types.Value{}, err
			}
			end = min(off+max(v.Int64(), 0), int64(n))
		}
		if binary {
			var ins []byte
			if !vals[0].IsNull() {
				b, err := convertTo(vals[0], types.Type{ID: types.VarBinary, Length: types.MaxLength})
				if err != nil {
					return types.Value{}, err
				}
				ins = b.Bytes()
			}
			out := append(append(append([]byte(nil), curB[:off]...), ins...), curB[end:]...)
			if vals[0].IsNull() {
				out = curB[:off]
			}
			return convertTo(types.NewVarBinary(out), typ)
		}
		ins := ""
		if !vals[0].IsNull() {
			ins, _ = asText(vals[0])
		}
		out := string(cur[:off]) + ins + string(cur[end:])
		if vals[0].IsNull() {
			out = string(cur[:off])
		}
		return convertTo(types.NewString(typ.ID, out), typ)
	}}, nil
}
