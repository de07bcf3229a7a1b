package exec

import (
	"context"
	"encoding/base64"
	"io"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/catalog/types/funcs"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SELECT … FOR JSON PATH | AUTO.
//
// The query's rows become one JSON array of objects, returned as a single
// nvarchar(max) column named JSON_F52E2B61-18A1-11d1-B105-00805F49916B.
// PATH nests "a.b" column names into objects; AUTO nests the columns of
// each further table of the FROM clause in an array named after it
// (forjson_auto.go).
// NULLs are left out unless INCLUDE_NULL_VALUES; ROOT('name') wraps the
// array in an object; WITHOUT_ARRAY_WRAPPER drops the brackets. Values are
// written as SQL Server does: numbers bare, bit as true/false, date and
// time in ISO 8601 (CONVERT style 126), binary as base64, strings escaped
// (including "/" as "\/"). An empty result is no row at all (NULL in a
// subquery). SQL Server splits long results over rows of 2,033
// characters for old clients; this returns one row.
//
// FOR XML PATH is in forxml_path.go, RAW and AUTO in forxml.go, EXPLICIT
// in forxml_explicit.go.

const forJSONColumn = "JSON_F52E2B61-18A1-11d1-B105-00805F49916B"

// buildForClause plans a query with a FOR clause.
func (s *Session) buildForClause(q *ast.Query, outer *scope) (*plan, error) {
	f := q.For
	if f.Kind == "XML" && f.Mode == "PATH" {
		return s.buildForXMLPath(q, outer)
	}
	if f.Kind == "XML" && (f.Mode == "RAW" || f.Mode == "AUTO") {
		return s.buildForXMLRawAuto(q, outer) // forxml.go
	}
	if f.Kind == "XML" && f.Mode == "EXPLICIT" {
		return s.buildForXMLExplicit(q, outer) // forxml_explicit.go
	}
	if f.Kind != "JSON" {
		return nil, ErrNotSupported.New("FOR " + f.Kind + " " + f.Mode)
	}
	if f.Mode != "PATH" && f.Mode != "AUTO" {
		return nil, ErrNotSupported.New("FOR JSON " + f.Mode)
	}
	inner := *q
	inner.For = nil
	p, err := s.buildQuery(&inner, outer, nil)
	if err != nil {
		return nil, err
	}
	if f.Mode == "AUTO" {
		if core, ok := q.Body.(*ast.SelectCore); ok && len(core.From) == 0 {
			return nil, &Error{Number: 13600, Severity: 16, State: 1, Message: "FOR JSON AUTO requires at least one table for generating JSON objects. Use FOR JSON PATH or add a FROM clause with a table name."}
		}
	}
	opts := forJSONOptions{path: f.Mode == "PATH"}
	for _, d := range f.Directives {
		switch d.Name {
		case "INCLUDE_NULL_VALUES":
			opts.nulls = true
		case "WITHOUT_ARRAY_WRAPPER":
			opts.noWrapper = true
		case "ROOT":
			opts.root = "root"
			if d.Value != nil {
				vt, err := s.evalScalar(context.Background(), d.Value)
				if err != nil {
					return nil, err
				}
				opts.root = vt.v.Str()
			}
		}
	}
	opts.raw = jsonColumns(q, len(p.cols))
	names := make([]string, len(p.cols))
	for i, c := range p.cols {
		names[i] = c.name
		if c.name == "" {
			return nil, &Error{Number: 13605, Severity: 16, State: 1, Message: "Column expressions and data sources without names or aliases cannot be formatted as JSON text using FOR JSON clause. Add alias to the unnamed column or table."}
		}
	}
	var levels []xmlLevel
	if f.Mode == "AUTO" {
		cols := make([]int, len(p.cols))
		for i := range cols {
			cols[i] = i
		}
		if levels, err = s.autoLevels(q, outer, cols); err != nil { // forxml.go
			return nil, err
		}
	}
	return &plan{cols: []scopeCol{{name: forJSONColumn, typ: types.NVarCharType(types.MaxLength)}}, open: func(ec *evalCtx) (rowIter, error) {
		var text string
		var n int
		var err error
		if len(levels) > 1 {
			w := &jsonAutoWriter{opts: opts, names: names, levels: levels}
			text, n, err = renderRows(ec, p, w.row)
			if err == nil && n > 0 {
				var b strings.Builder
				w.closeTo(&b, 0)
				text += b.String()
			}
		} else {
			text, n, err = renderRows(ec, p, func(b *strings.Builder, i int, r Row) error {
				if i > 0 {
					b.WriteByte(',')
				}
				return opts.object(b, names, r)
			})
		}
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return &sliceIter{}, nil
		}
		if !opts.noWrapper {
			text = "[" + text + "]"
		}
		if opts.root != "" {
			text = "{" + jsonString(opts.root) + ":" + text + "}"
		}
		return &sliceIter{rows: []Row{{types.NewNVarChar(text)}}}, nil
	}}, nil
}

type forJSONOptions struct {
	path, nulls, noWrapper bool
	root                   string
	// raw marks columns that already hold JSON (a nested FOR JSON
	// subquery, JSON_QUERY): they are embedded, not quoted.
	raw []bool
}

// jsonColumns marks the select-list items of q that produce JSON text.
func jsonColumns(q *ast.Query, n int) []bool {
	core, ok := q.Body.(*ast.SelectCore)
	if !ok || len(core.Items) != n {
		return nil
	}
	raw := make([]bool, n)
	for i, it := range core.Items {
		x := it.Expr
		for {
			p, ok := x.(*ast.ParenExpr)
			if !ok {
				break
			}
			x = p.X
		}
		switch x := x.(type) {
		case *ast.SubqueryExpr:
			raw[i] = x.Query.For != nil && x.Query.For.Kind == "JSON"
		case *ast.FuncCall:
			raw[i] = len(x.Name.Parts) == 1 && strings.EqualFold(x.Name.Last(), "JSON_QUERY")
		}
	}
	return raw
}

// object writes one row as a JSON object; with PATH, dotted names nest.
func (o forJSONOptions) object(b *strings.Builder, names []string, r Row) error {
	b.WriteByte('{')
	var open []string // the nested objects currently open
	first := true
	for i, name := range names {
		v := r[i]
		if v.IsNull() && !o.nulls {
			continue
		}
		parts := []string{name}
		if o.path {
			parts = strings.Split(name, ".")
		}
		prefix := parts[:len(parts)-1]
		// Close the objects not shared with this column's prefix, open the new ones.
		k := 0
		for k < len(open) && k < len(prefix) && open[k] == prefix[k] {
			k++
		}
		for len(open) > k {
			b.WriteByte('}')
			open = open[:len(open)-1]
			first = false
		}
		for _, p := range prefix[k:] {
			if !first {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(p) + ":{")
			open = append(open, p)
			first = true
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(jsonString(parts[len(parts)-1]))
		b.WriteByte(':')
		text, err := jsonValueText(v)
		if err != nil {
			return err
		}
		if i < len(o.raw) && o.raw[i] && !v.IsNull() {
			text = v.Str()
		}
		b.WriteString(text)
	}
	for range open {
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return nil
}

// jsonValueText renders one value as FOR JSON does.
func jsonValueText(v types.Value) (string, error) {
	id := v.TypeID()
	switch {
	case v.IsNull():
		return "null", nil
	case id == types.Bit:
		return strconv.FormatBool(v.Bool()), nil
	case id == types.Money || id == types.SmallMoney:
		// money keeps its four decimals ("Price":2024.9940 on the FOR
		// JSON page), where CONVERT's default style keeps two.
		c, err := types.ConvertWith(v, types.VarCharType(40), 2, types.ConvertOptions{})
		if err != nil {
			return "", err
		}
		return c.Str(), nil
	case id.IsNumeric():
		t, err := asText(v)
		return t, err
	case id.IsBinary():
		return jsonString(base64.StdEncoding.EncodeToString(v.Bytes())), nil
	case id.IsDateTime():
		c, err := types.ConvertWith(v, types.NVarCharType(100), 126, types.ConvertOptions{})
		if err != nil {
			return "", err
		}
		return jsonString(c.Str()), nil
	}
	t, err := asText(v)
	if err != nil {
		return "", err
	}
	return jsonString(t), nil
}

// jsonString quotes s as FOR JSON does: ", \ and / escaped, control
// characters as \uXXXX (the escapes STRING_ESCAPE(s, 'json') writes).
func jsonString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	funcs.AppendJSONEscaped(&b, s)
	b.WriteByte('"')
	return b.String()
}

// renderRows runs p and writes each of its rows into one text with write
// (given the row's 0-based index), for FOR JSON and FOR XML, which turn a
// whole result into a single value. It returns the text and the row count.
func renderRows(ec *evalCtx, p *plan, write func(b *strings.Builder, i int, r Row) error) (string, int, error) {
	it, err := p.open(ec)
	if err != nil {
		return "", 0, err
	}
	defer it.Close()
	var b strings.Builder
	for n := 0; ; n++ {
		r, err := it.Next()
		if err == io.EOF {
			return b.String(), n, nil
		}
		if err != nil {
			return "", n, err
		}
		if err := write(&b, n, r); err != nil {
			return "", n, err
		}
	}
}
