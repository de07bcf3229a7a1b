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
// columns are subelements instead (ELEMENTS XSINIL writes a NULL as
// <x xsi:nil="true"/>). AUTO names each element after the table its
// columns come from (the alias, else the table name as written) and nests
// the tables in the order their columns first appear in the select list:
// consecutive rows with the same values of an outer table's columns share
// its element. A column of no table (an expression) belongs to the table
// nesting level reached when it appears. An xml column is always a
// subelement holding its markup, after the attributes; an unnamed xml
// column (a nested FOR XML … TYPE) is inlined. Names are made XML names
// with _xHHHH_ escapes. Binary columns need BINARY BASE64 (6829, 6830:
// SQL Server's URL references to binary data are not produced); inline
// schemas (XMLDATA, XMLSCHEMA) are not produced (40508).

// xmlLevel is one element level of a FOR XML AUTO result.
type xmlLevel struct {
	name string
	raw  string // the name as written, before xmlName: FOR JSON AUTO's key
	cols []int  // result columns written on this level's element
}

func (s *Session) buildForXMLRawAuto(q *ast.Query, outer *scope) (*plan, error) {
	f := q.For
	opts, err := s.forXMLOptions(q)
	if err != nil {
		return nil, err
	}
	if f.Mode == "AUTO" {
		if core, ok := q.Body.(*ast.SelectCore); ok && len(core.From) == 0 {
			return nil, errForXMLAutoNoTable.New()
		}
	}
	p, err := s.buildQuery(withoutFor(q), outer, nil)
	if err != nil {
		return nil, err
	}
	var cols []int
	isXML := make([]bool, len(p.cols))
	for i, c := range p.cols {
		if c.hidden {
			continue
		}
		isXML[i] = c.typ.ID == types.XML
		if c.name == "" && !opts.elements && !isXML[i] {
			return nil, errForXMLUnnamed.New()
		}
		cols = append(cols, i)
	}
	var levels []xmlLevel
	if f.Mode == "RAW" {
		if opts.rowName == "" && !opts.elements {
			return nil, errForXMLNoRowTagAttr.New()
		}
		levels = []xmlLevel{{name: opts.rowName, cols: cols}}
	} else if levels, err = s.autoLevels(q, outer, cols); err != nil {
		return nil, err
	}
	if !opts.elements {
		// An element cannot carry one attribute twice.
		for _, lv := range levels {
			seen := map[string]bool{}
			for _, i := range lv.cols {
				if n := p.cols[i].name; !isXML[i] {
					if seen[n] {
						return nil, errForXMLRepeatedAttr.New(n)
					}
					seen[n] = true
				}
			}
		}
	}
	if !opts.base64 {
		for _, i := range cols {
			if !p.cols[i].typ.ID.IsBinary() {
				continue
			}
			if f.Mode == "RAW" {
				return nil, errForXMLRawBinary.New(p.cols[i].name)
			}
			if p.cols[i].qual == "" {
				return nil, errForXMLAutoBinary.New(p.cols[i].name)
			}
			return nil, ErrNotSupported.New("FOR XML AUTO without BINARY BASE64 (a URL reference to binary column '" + p.cols[i].name + "')")
		}
	}
	names := make([]string, len(p.cols))
	for i, c := range p.cols {
		names[i] = xmlName(c.name)
		if !c.hidden {
			if err := checkXMLPrefix(q, names[i], "column", c.name); err != nil {
				return nil, err
			}
		}
	}
	return opts.documentPlan(p, func() (func(*strings.Builder, Row) error, func(*strings.Builder)) {
		w := &xmlWriter{levels: levels, names: names, isXML: isXML, opts: &opts}
		return w.row, func(b *strings.Builder) { w.closeTo(b, 0) }
	}), nil
}

// constText evaluates a FOR XML name argument.
func (s *Session) constText(e ast.Expr) (string, error) {
	vt, err := s.evalScalar(context.Background(), e)
	if err != nil {
		return "", err
	}
	return vt.v.Str(), nil
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
	// lead holds the expressions before the first table column: they go
	// on the first table's element, whichever comes first in the select
	// list, or on the first FROM source's when no table column comes.
	var lead []int
	for _, i := range cols {
		q := ""
		if i < len(quals) {
			q = quals[i]
		}
		if q == "" {
			if cur < 0 {
				lead = append(lead, i)
				continue
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
			levels = append(levels, xmlLevel{name: xmlName(name), raw: name})
			at[q] = l
			if l == 0 {
				levels[0].cols = lead
			}
		}
		levels[l].cols = append(levels[l].cols, i)
		cur = max(cur, l)
	}
	if len(levels) == 0 {
		levels = []xmlLevel{{name: firstName(core.From[0], written), cols: lead}}
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
	levels []xmlLevel
	names  []string
	isXML  []bool
	opts   *forXMLOptions
	open   []Row // per open level, the row that opened it
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
		// An outer join's missing side still gets its (empty) element,
		// as in SQL Server.
		leaf := l == len(w.levels)-1
		if err := w.start(b, lv, r, leaf, l == 0); err != nil {
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
// Attribute-centric, the element's attributes are its non-xml columns and
// its subelements its xml columns; with ELEMENTS every column is a
// subelement. An element with no content closes as <name/>.
func (w *xmlWriter) start(b *strings.Builder, lv xmlLevel, r Row, leaf, top bool) error {
	o := w.opts
	if lv.name != "" {
		b.WriteString("<" + lv.name)
		if top && o.root == "" {
			b.WriteString(o.decls)
		}
	}
	if !o.elements {
		for _, i := range lv.cols {
			if r[i].IsNull() || w.isXML[i] {
				continue
			}
			b.WriteString(" " + w.names[i] + `="`)
			if err := writeXMLValue(b, r[i], true, w.names[i]); err != nil {
				return err
			}
			b.WriteByte('"')
		}
	}
	empty := true
	for _, i := range lv.cols {
		if !o.elements && !w.isXML[i] {
			continue
		}
		if r[i].IsNull() {
			if !o.xsinil || w.names[i] == "" {
				continue
			}
			if empty && lv.name != "" {
				b.WriteByte('>')
			}
			empty = false
			b.WriteString("<" + w.names[i] + ` xsi:nil="true"/>`)
			continue
		}
		if empty && lv.name != "" {
			b.WriteByte('>')
		}
		empty = false
		if w.names[i] == "" {
			if err := writeXMLValue(b, r[i], false, ""); err != nil {
				return err
			}
			continue
		}
		b.WriteString("<" + w.names[i] + ">")
		if err := writeXMLValue(b, r[i], false, w.names[i]); err != nil {
			return err
		}
		b.WriteString("</" + w.names[i] + ">")
	}
	switch {
	case lv.name == "":
	case leaf && empty:
		b.WriteString("/>")
	case leaf:
		b.WriteString("</" + lv.name + ">")
	case empty:
		b.WriteByte('>')
	}
	return nil
}

func sameValues(a, b Row, cols []int) bool {
	for _, i := range cols {
		if a[i].IsNull() != b[i].IsNull() {
			return false
		}
		if a[i].IsNull() {
			continue
		}
		if a[i].TypeID() == types.XML {
			return false // xml is not comparable: its element never repeats
		}
		// Binary equality: AUTO nests rows whose values repeat exactly.
		if c, err := types.Compare(a[i], b[i], types.Latin1GeneralBIN2); err != nil || c != 0 {
			return false
		}
	}
	return true
}

// withoutFor is q without its FOR XML clause: the query whose rows a FOR XML
// mode turns into XML.
func withoutFor(q *ast.Query) *ast.Query {
	inner := *q
	inner.For = nil
	return &inner
}

// forXMLSource reads a FOR XML query's options and plans the query under it
// (PATH and EXPLICIT; RAW and AUTO check AUTO's FROM between the two).
func (s *Session) forXMLSource(q *ast.Query, outer *scope) (forXMLOptions, *plan, error) {
	opts, err := s.forXMLOptions(q)
	if err != nil {
		return opts, nil, err
	}
	p, err := s.buildQuery(withoutFor(q), outer, nil)
	return opts, p, err
}
