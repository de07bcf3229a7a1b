package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// FOR XML RAW and FOR XML AUTO.
//
// RAW writes each row as one element, <row> or RAW('name'), whose
// attributes are the named columns (NULLs left out); with ELEMENTS the
// columns are subelements instead. AUTO names each element after the
// table its columns come from (the alias, else the table name as written)
// and nests the tables in the order their columns first appear in the
// select list: consecutive rows with the same values of an outer table's
// columns share its element. A column of no table (an expression) belongs
// to the table nesting level reached when it appears. ROOT('r') wraps the
// result; TYPE is accepted and the result stays nvarchar(max), as for FOR
// XML PATH (forjson.go). Not supported: XSINIL, XMLDATA, XMLSCHEMA, BINARY
// BASE64 and, in attribute mode, columns without a name (40508).

// xmlLevel is one element level of a FOR XML AUTO result.
type xmlLevel struct {
	name string
	cols []int // result columns written on this level's element
}

func (s *Session) buildForXMLRawAuto(q *ast.Query, outer *scope) (*plan, error) {
	f := q.For
	inner := *q
	inner.For = nil
	p, err := s.buildQuery(&inner, outer, nil)
	if err != nil {
		return nil, err
	}
	elements, root := false, ""
	for _, d := range f.Directives {
		switch d.Name {
		case "ELEMENTS":
			elements = true
		case "TYPE":
		case "ROOT":
			root = "root"
			if d.Value != nil {
				if root, err = s.constText(d.Value); err != nil {
					return nil, err
				}
			}
		default:
			return nil, ErrNotSupported.New("FOR XML " + d.Name)
		}
	}
	var cols []int
	for i, c := range p.cols {
		if c.hidden {
			continue
		}
		if c.name == "" && !elements {
			return nil, ErrNotSupported.New("A column without a name in attribute-centric FOR XML")
		}
		cols = append(cols, i)
	}
	var levels []xmlLevel
	if f.Mode == "RAW" {
		name := "row"
		if f.Arg != nil {
			if name, err = s.constText(f.Arg); err != nil {
				return nil, err
			}
		}
		levels = []xmlLevel{{name: name, cols: cols}}
	} else if levels, err = s.autoLevels(q, outer, cols); err != nil {
		return nil, err
	}
	names := make([]string, len(p.cols))
	for i, c := range p.cols {
		names[i] = xmlName(c.name)
	}
	return &plan{cols: []scopeCol{{name: forXMLColumn, typ: types.NVarCharType(types.MaxLength)}}, open: func(ec *evalCtx) (rowIter, error) {
		w := &xmlWriter{levels: levels, names: names, elements: elements}
		text, n, err := renderRows(ec, p, func(b *strings.Builder, _ int, r Row) error { return w.row(b, r) })
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return &sliceIter{}, nil
		}
		var b strings.Builder
		b.WriteString(text)
		w.closeTo(&b, 0)
		text = b.String()
		if root != "" {
			text = "<" + root + ">" + text + "</" + root + ">"
		}
		return &sliceIter{rows: []Row{{types.NewNVarChar(text)}}}, nil
	}}, nil
}

// constText evaluates a FOR XML name argument.
func (s *Session) constText(e ast.Expr) (string, error) {
	vt, err := s.evalScalar(context.Background(), e)
	if err != nil {
		return "", err
	}
	return vt.v.Str(), nil
}

// xmlName is a column name as an XML name: each character XML names do
// not allow is written _xHHHH_, as SQL Server does.
func xmlName(n string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i, r := range n {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f ||
			i > 0 && (r >= '0' && r <= '9' || r == '-' || r == '.')
		if ok {
			b.WriteRune(r)
			continue
		}
		b.WriteString("_x")
		for sh := 12; sh >= 0; sh -= 4 {
			b.WriteByte(hex[(r>>uint(sh))&0xF])
		}
		b.WriteByte('_')
	}
	return b.String()
}

// autoLevels assigns the result columns of a FOR XML AUTO query to the
// tables they come from, in order of first appearance.
func (s *Session) autoLevels(q *ast.Query, outer *scope, cols []int) ([]xmlLevel, error) {
	core, ok := q.Body.(*ast.SelectCore)
	if !ok || len(core.From) == 0 {
		return []xmlLevel{{name: "row", cols: cols}}, nil
	}
	src, err := s.buildFrom(core.From, nil, outer)
	if err != nil {
		return nil, err
	}
	written := map[string]string{}
	for _, te := range core.From {
		exposedNames(te, written)
	}
	// The table of each select item's column(s); "" for an expression.
	var quals []string
	for _, it := range core.Items {
		switch x := it.Expr.(type) {
		case *ast.Star:
			scs, err := src.sc.starCols(x.Qualifier)
			if err != nil {
				return nil, err
			}
			for _, c := range scs {
				quals = append(quals, c.qual)
			}
		case *ast.ColumnRef:
			c, _, err := src.sc.lookup(x.Name)
			if err != nil {
				quals = append(quals, "")
				continue
			}
			quals = append(quals, c.qual)
		default:
			quals = append(quals, "")
		}
	}
	var levels []xmlLevel
	at := map[string]int{}
	cur := -1
	for _, i := range cols {
		q := ""
		if i < len(quals) {
			q = quals[i]
		}
		if q == "" {
			if cur < 0 {
				levels = append(levels, xmlLevel{name: firstName(core.From[0], written)})
				cur = 0
			}
			levels[cur].cols = append(levels[cur].cols, i)
			continue
		}
		l, seen := at[q]
		if !seen {
			name := written[q]
			if name == "" {
				name = q
			}
			l = len(levels)
			levels = append(levels, xmlLevel{name: xmlName(name)})
			at[q] = l
		}
		levels[l].cols = append(levels[l].cols, i)
		cur = max(cur, l)
	}
	return levels, nil
}

// exposedNames maps each table source's exposed name (lower case) to the
// name FOR XML AUTO gives its elements: the alias, else the name as written.
func exposedNames(te ast.TableExpr, out map[string]string) {
	switch t := te.(type) {
	case *ast.TableName:
		if t.Alias != nil {
			out[strings.ToLower(t.Alias.Name)] = t.Alias.Name
		} else {
			out[strings.ToLower(t.Name.Last())] = nameText(t.Name)
		}
	case *ast.DerivedTable:
		out[strings.ToLower(identName(t.Alias))] = identName(t.Alias)
	case *ast.ValuesTable:
		out[strings.ToLower(identName(t.Alias))] = identName(t.Alias)
	case *ast.TableFunc:
		out[strings.ToLower(identName(t.Alias))] = identName(t.Alias)
	case *ast.Join:
		exposedNames(t.Left, out)
		exposedNames(t.Right, out)
	case *ast.ParenTable:
		exposedNames(t.Table, out)
	}
}

// firstName is the element name of the first table source.
func firstName(te ast.TableExpr, written map[string]string) string {
	switch t := te.(type) {
	case *ast.TableName:
		if t.Alias != nil {
			return xmlName(t.Alias.Name)
		}
		return xmlName(nameText(t.Name))
	case *ast.Join:
		return firstName(t.Left, written)
	case *ast.ParenTable:
		return firstName(t.Table, written)
	}
	m := map[string]string{}
	exposedNames(te, m)
	for _, v := range m {
		return xmlName(v)
	}
	return "row"
}

// xmlWriter writes rows as nested elements, keeping the outer levels of
// the previous row open while their values repeat.
type xmlWriter struct {
	levels   []xmlLevel
	names    []string
	elements bool
	open     []Row // per open level, the row that opened it
}

func (w *xmlWriter) row(b *strings.Builder, r Row) error {
	// The first level whose values differ from the open element's.
	keep := 0
	for keep < len(w.open) && keep < len(w.levels)-1 && sameValues(w.open[keep], r, w.levels[keep].cols) {
		keep++
	}
	w.closeTo(b, keep)
	for l := keep; l < len(w.levels); l++ {
		lv := w.levels[l]
		if l > 0 && allNull(r, lv.cols) {
			break // an outer join's missing side: no element
		}
		leaf := l == len(w.levels)-1
		if err := w.start(b, lv, r, leaf); err != nil {
			return err
		}
		if !leaf {
			w.open = append(w.open, append(Row(nil), r...))
		}
	}
	return nil
}

// closeTo closes the open elements deeper than level n.
func (w *xmlWriter) closeTo(b *strings.Builder, n int) {
	for len(w.open) > n {
		l := len(w.open) - 1
		b.WriteString("</" + w.levels[l].name + ">")
		w.open = w.open[:l]
	}
}

// start writes level lv's element for r: complete when leaf, else open.
func (w *xmlWriter) start(b *strings.Builder, lv xmlLevel, r Row, leaf bool) error {
	b.WriteString("<" + lv.name)
	if !w.elements {
		for _, i := range lv.cols {
			if r[i].IsNull() {
				continue
			}
			text, err := xmlValueText(r[i])
			if err != nil {
				return err
			}
			b.WriteString(" " + w.names[i] + `="` + attrEscaper.Replace(text) + `"`)
		}
		if leaf {
			b.WriteString("/>")
		} else {
			b.WriteString(">")
		}
		return nil
	}
	b.WriteString(">")
	for _, i := range lv.cols {
		if r[i].IsNull() {
			continue
		}
		text, err := xmlValueText(r[i])
		if err != nil {
			return err
		}
		if w.names[i] == "" {
			b.WriteString(text)
			continue
		}
		b.WriteString("<" + w.names[i] + ">" + text + "</" + w.names[i] + ">")
	}
	if leaf {
		b.WriteString("</" + lv.name + ">")
	}
	return nil
}

// attrEscaper escapes, in an attribute, what xmlValueText leaves as is.
var attrEscaper = strings.NewReplacer(`"`, "&quot;", "\n", "&#x0A;", "\t", "&#x09;")

func sameValues(a, b Row, cols []int) bool {
	for _, i := range cols {
		if a[i].IsNull() != b[i].IsNull() {
			return false
		}
		if a[i].IsNull() {
			continue
		}
		// Binary equality: AUTO nests rows whose values repeat exactly.
		if c, err := types.Compare(a[i], b[i], types.Latin1GeneralBIN2); err != nil || c != 0 {
			return false
		}
	}
	return true
}

func allNull(r Row, cols []int) bool {
	for _, i := range cols {
		if !r[i].IsNull() {
			return false
		}
	}
	return true
}
