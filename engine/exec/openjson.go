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
	if t.With != nil {
		return s.buildOpenJSONWith(t, outer, args, qual)
	}
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
		return lazyRows(func() ([]Row, error) {
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
			return rows, nil
		}), nil
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

// openJSONColumn is one compiled column of OPENJSON … WITH.
type openJSONColumn struct {
	typ    types.Type
	path   funcs.JSONPath
	asJSON bool
}

// buildOpenJSONWith compiles OPENJSON with an explicit schema: one row per
// element of the array at the path (one row for an object), each column
// read from the element by its own path ('$.name' by default) and
// converted to its type; AS JSON columns (nvarchar(max) only, 13618)
// return an object or array as text. A missing property is NULL (lax) or
// 13608 (strict).
func (s *Session) buildOpenJSONWith(t *ast.TableFunc, outer *scope, args []*expr, qual string) (*source, error) {
	sc := &scope{outer: outer}
	cols := make([]openJSONColumn, len(t.With))
	for i, wc := range t.With {
		typ, err := declType(wc.Type)
		if err != nil {
			return nil, err
		}
		if wc.AsJSON && !(typ.ID == types.NVarChar && typ.Length == types.MaxLength) {
			return nil, &Error{Number: 13618, Severity: 16, State: 1, Message: "AS JSON option can be specified only for column of nvarchar(max) type in WITH clause."}
		}
		path := `$."` + strings.ReplaceAll(wc.Name.Name, `"`, `\"`) + `"`
		if wc.Path != nil {
			lit, ok := wc.Path.(*ast.Literal)
			if !ok {
				return nil, ErrNotSupported.New("A non-literal OPENJSON column path")
			}
			path = lit.Value
		}
		p, err := funcs.ParseJSONPath(path, false)
		if err != nil {
			return nil, err
		}
		cols[i] = openJSONColumn{typ: typ, path: p, asJSON: wc.AsJSON}
		sc.cols = append(sc.cols, scopeCol{qual: qual, name: wc.Name.Name, typ: typ, null: true, idx: i})
	}
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		return lazyRows(func() ([]Row, error) {
			vals, err := evalArgs(ec, nil, args)
			if err != nil {
				return nil, err
			}
			elems, err := openJSONElements(vals)
			if err != nil {
				return nil, err
			}
			rows := make([]Row, 0, len(elems))
			for _, raw := range elems {
				row := make(Row, len(cols))
				for i, c := range cols {
					if row[i], err = c.read(raw); err != nil {
						return nil, err
					}
				}
				rows = append(rows, row)
			}
			return rows, nil
		}), nil
	}}, nil
}

// openJSONElements is what OPENJSON … WITH maps to rows: the elements of
// the array at the path, or the object itself.
func openJSONElements(vals []types.Value) ([][]byte, error) {
	ms, err := openJSONMembers(vals)
	if err != nil || ms == nil {
		return nil, err
	}
	text, _ := asText(vals[0])
	doc := []byte(text)
	path := "$"
	if len(vals) > 1 {
		path, _ = asText(vals[1])
	}
	p, err := funcs.ParseJSONPath(path, false)
	if err != nil {
		return nil, err
	}
	start, end, _, err := funcs.JSONLocate(doc, p)
	if err != nil {
		return nil, err
	}
	if doc[start] == '{' {
		return [][]byte{doc[start:end]}, nil
	}
	out := make([][]byte, len(ms))
	for i, m := range ms {
		out[i] = m.Raw
	}
	return out, nil
}

// read extracts and converts one column from an element.
func (c openJSONColumn) read(raw []byte) (types.Value, error) {
	null := types.Null(c.typ.ID)
	start, end, found, err := funcs.JSONLocate(raw, c.path)
	if err != nil {
		return null, err
	}
	if !found {
		if c.path.Strict {
			return null, &Error{Number: 13608, Severity: 16, State: 2, Message: "Property cannot be found on the specified JSON path."}
		}
		return null, nil
	}
	v := raw[start:end]
	text, isNull, scalar := funcs.JSONScalarText(v)
	switch {
	case c.asJSON:
		if scalar {
			return null, nil
		}
		return types.NewNVarChar(string(v)), nil
	case !scalar || isNull:
		return null, nil
	}
	if c.typ.ID == types.Bit && (text == "true" || text == "false") {
		return types.NewBit(text == "true"), nil
	}
	return types.ConvertWith(types.NewNVarChar(text), c.typ, 0, types.ConvertOptions{})
}

// lazyIter computes its rows on the first Next, so that an error in them
// comes after the result's COLMETADATA, as SQL Server sends it.
type lazyIter struct {
	fill func() ([]Row, error)
	rows *sliceIter
}

func lazyRows(fill func() ([]Row, error)) rowIter { return &lazyIter{fill: fill} }

func (it *lazyIter) Next() (Row, error) {
	if it.rows == nil {
		rows, err := it.fill()
		if err != nil {
			return nil, err
		}
		it.rows = &sliceIter{rows: rows}
	}
	return it.rows.Next()
}

func (it *lazyIter) Close() {}
