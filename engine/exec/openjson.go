package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/catalog/types/funcs"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// buildOpenJSON compiles OPENJSON(json [, path]) in FROM, the default
// schema: one row per member of the object (or element of the array) at
// path, with columns key nvarchar(4000), value nvarchar(max) and type int
// (0 null, 1 string, 2 number, 3 boolean, 4 array, 5 object). A string
// value is unescaped, an object or array is its JSON text, null is NULL.
// A missing path gives no rows (lax) or 13608 (strict); invalid JSON is
// 13609.
func (s *Session) buildOpenJSON(t *ast.TableFunc, outer *scope) (*source, error) {
	c := &compiler{s: s, sc: &scope{outer: outer}}
	if len(t.Call.Args) < 1 || len(t.Call.Args) > 2 {
		return nil, &Error{Number: 174, Severity: 15, State: 1, Message: "The openjson function requires 1 to 2 arguments."}
	}
	args, err := c.args(t.Call)
	if err != nil {
		return nil, err
	}
	qual := strings.ToLower(identName(t.Alias))
	sc := &scope{outer: outer, cols: []scopeCol{
		{qual: qual, name: "key", typ: types.NVarCharType(4000), idx: 0},
		{qual: qual, name: "value", typ: types.NVarCharType(types.MaxLength), idx: 1},
		{qual: qual, name: "type", typ: types.TypeInt, idx: 2},
	}}
	if len(t.Columns) > 0 {
		if len(t.Columns) != len(sc.cols) {
			return nil, &Error{Number: 8159, Severity: 16, State: 1, Message: "'" + identName(t.Alias) + "' has fewer columns than were specified in the column list."}
		}
		for i, col := range t.Columns {
			sc.cols[i].name = strings.ToLower(col.Name)
		}
	}
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		vals, err := evalArgs(ec, nil, args)
		if err != nil {
			return nil, err
		}
		ms, err := openJSONMembers(vals)
		if err != nil {
			return nil, err
		}
		rows := make([]Row, 0, len(ms))
		for _, m := range ms {
			v := types.Null(types.NVarChar)
			if text, isNull, scalar := funcs.JSONScalarText(m.Raw); !scalar {
				v = types.NewNVarChar(string(m.Raw))
			} else if !isNull {
				v = types.NewNVarChar(text)
			}
			rows = append(rows, Row{types.NewNVarChar(m.Key), v, types.NewInt(int32(funcs.JSONType(m.Raw)))})
		}
		return &sliceIter{rows: rows}, nil
	}}, nil
}

// openJSONMembers evaluates OPENJSON's arguments down to the members it
// returns.
func openJSONMembers(vals []types.Value) ([]funcs.JSONMember, error) {
	if vals[0].IsNull() || (len(vals) > 1 && vals[1].IsNull()) {
		return nil, nil
	}
	text, err := asText(vals[0])
	if err != nil {
		return nil, err
	}
	path := "$"
	if len(vals) > 1 {
		if path, err = asText(vals[1]); err != nil {
			return nil, err
		}
	}
	p, err := funcs.ParseJSONPath(path, false)
	if err != nil {
		return nil, err
	}
	doc := []byte(text)
	if err := funcs.ValidateJSON(doc); err != nil {
		return nil, err
	}
	start, end, found, err := funcs.JSONLocate(doc, p)
	if err != nil {
		return nil, err
	}
	if !found {
		if p.Strict {
			return nil, &Error{Number: 13608, Severity: 16, State: 1, Message: "Property cannot be found on the specified JSON path."}
		}
		return nil, nil
	}
	ms, _, ok, err := funcs.JSONMembers(doc, start, end)
	if err != nil || !ok {
		return nil, err
	}
	return ms, nil
}
