package exec

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// OPENXML(idoc, rowpattern [, flags]) [WITH (column type ['colpattern'], …)
// | WITH table] in FROM: one row per node rowpattern (XPath 1.0 from the
// document) selects in a document sp_xml_preparedocument prepared.
//
// A column with a colpattern takes the value of the pattern evaluated from
// the row's node (the first node it selects: an element's text, an
// attribute's value; @mp:id and the other metaproperties give the node's
// edge-table facts). Without one, flags decide: 0 or 1 the attribute of
// the column's name, 2 the child element of that name, 3 the attribute
// and else the element; 8 (with 1 or 2) leaves what the other columns
// consumed out of @mp:xmltext. Values are converted to the column's type
// as CAST does; an xml column takes the node's markup.
//
// Without WITH the result is the edge table: every node of each selected
// node's subtree (attributes and their text included), with SQL Server's
// columns id, parentid, nodetype, localname, prefix, namespaceuri,
// datatype, prev and text.

// openXMLColumn is one column of OPENXML's WITH schema.
type openXMLColumn struct {
	name string
	typ  types.Type
	// pattern is the compiled colpattern (nil: mapped by name); meta
	// names a metaproperty (@mp:id → "id") instead.
	pattern *xpath.Expr
	meta    string
	// consumes is the attribute ("@x") or element ("x") a simple pattern
	// or the name mapping reads, left out of @mp:xmltext under flag 8.
	consumes string
}

var openXMLEdgeColumns = []struct {
	name string
	typ  types.Type
}{
	{"id", types.TypeBigInt}, {"parentid", types.TypeBigInt}, {"nodetype", types.TypeInt},
	{"localname", types.NVarCharType(types.MaxLength)}, {"prefix", types.NVarCharType(types.MaxLength)},
	{"namespaceuri", types.NVarCharType(types.MaxLength)}, {"datatype", types.NVarCharType(types.MaxLength)},
	{"prev", types.TypeBigInt}, {"text", types.Type{ID: types.NText, Length: types.MaxLength}},
}

func (s *Session) buildOpenXML(t *ast.TableFunc, outer *scope) (*source, error) {
	c := &compiler{s: s, sc: &scope{outer: outer}}
	if len(t.Call.Args) < 2 || len(t.Call.Args) > 3 {
		return nil, &Error{Number: 174, Severity: 15, State: 1, Message: "The openxml function requires 2 to 3 arguments."}
	}
	args, err := c.args(t.Call)
	if err != nil {
		return nil, err
	}
	qual := strings.ToLower(identName(t.Alias))
	sc := &scope{outer: outer}
	var cols []openXMLColumn
	switch {
	case t.With != nil:
		for _, wc := range t.With {
			typ, err := declType(wc.Type)
			if err != nil {
				return nil, err
			}
			col := openXMLColumn{name: wc.Name.Name, typ: typ}
			if wc.Path != nil {
				lit, ok := wc.Path.(*ast.Literal)
				if !ok {
					return nil, ErrNotSupported.New("A non-literal OPENXML column pattern")
				}
				if err := col.compilePattern(lit.Value); err != nil {
					return nil, err
				}
			}
			cols = append(cols, col)
		}
	case t.WithTable != nil:
		tr, ok, err := s.resolveTable(t.WithTable)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, ErrInvalidObject.New(nameText(t.WithTable))
		}
		for _, tc := range tr.t.Columns {
			cols = append(cols, openXMLColumn{name: tc.Name, typ: tc.Type})
		}
	default:
		for _, ec := range openXMLEdgeColumns {
			cols = append(cols, openXMLColumn{name: ec.name, typ: ec.typ})
		}
	}
	for i, col := range cols {
		sc.cols = append(sc.cols, scopeCol{qual: qual, name: col.name, typ: col.typ, null: true, idx: i})
	}
	edge := t.With == nil && t.WithTable == nil
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		return lazyRows(func() ([]Row, error) {
			vals, err := evalArgs(ec, nil, args)
			if err != nil {
				return nil, err
			}
			doc, err := s.xmlDocument(vals[0])
			if err != nil {
				return nil, err
			}
			pattern, err := asText(vals[1])
			if err != nil {
				return nil, err
			}
			flags := int64(0)
			if len(vals) > 2 && !vals[2].IsNull() {
				f, err := types.Convert(vals[2], types.TypeBigInt, 0)
				if err != nil {
					return nil, err
				}
				flags = f.Int64()
			}
			var rows []Row
			err = guardXPath(func() error {
				navs, err := doc.selectRows(pattern)
				if err != nil {
					return err
				}
				if edge {
					rows = doc.edgeRows(navs)
					return nil
				}
				for _, nav := range navs {
					r, err := doc.schemaRow(nav, cols, flags)
					if err != nil {
						return err
					}
					rows = append(rows, r)
				}
				return nil
			})
			return rows, err
		}), nil
	}}, nil
}

// compilePattern compiles a column pattern; @mp:name is a metaproperty.
func (c *openXMLColumn) compilePattern(p string) error {
	t := strings.TrimSpace(p)
	if m, ok := strings.CutPrefix(t, "@mp:"); ok {
		c.meta = strings.ToLower(m)
		return nil
	}
	if isXMLName(strings.TrimPrefix(t, "@")) {
		c.consumes = t
	}
	e, err := xpath.CompileWithNS(p, map[string]string{"mp": metapropNamespace})
	if err != nil {
		return xpathError(err)
	}
	c.pattern = e
	return nil
}

// isXMLName reports whether s is a plain (possibly prefixed) name.
func isXMLName(s string) bool {
	_, bad := badXMLName(s)
	return s != "" && !bad
}

func xpathError(err error) error {
	return &Error{Number: 6603, Severity: 16, State: 2, Message: "XML parsing error: " + err.Error(), Abort: AbortStatement}
}

// guardXPath runs fn, turning a panic inside the XPath library (a pattern
// it cannot evaluate) into an error: bad input must not stop the server.
func guardXPath(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = xpathError(fmt.Errorf("%v", r))
		}
	}()
	return fn()
}

// selectRows evaluates a row pattern from the document.
func (d *xmlDoc) selectRows(pattern string) ([]*xmlquery.NodeNavigator, error) {
	e, err := xpath.CompileWithNS(pattern, d.ns)
	if err != nil {
		return nil, xpathError(err)
	}
	var navs []*xmlquery.NodeNavigator
	it := e.Select(xmlquery.CreateXPathNavigator(d.root))
	for it.MoveNext() {
		if nav, ok := it.Current().Copy().(*xmlquery.NodeNavigator); ok {
			navs = append(navs, nav)
		}
	}
	return navs, nil
}

// index is the edge-table position of the navigator's node (-1: the
// document, or a node not numbered).
func (d *xmlDoc) index(nav *xmlquery.NodeNavigator) int {
	n := nav.Current()
	if nav.NodeType() == xpath.AttributeNode {
		for k, a := range n.Attr {
			if a.Name.Local == nav.LocalName() && a.Name.Space == nav.Prefix() {
				if i, ok := d.attrAt[attrKey{n, k}]; ok {
					return i
				}
			}
		}
		return -1
	}
	if i, ok := d.at[n]; ok {
		return i
	}
	return -1
}

// edgeRows is the edge table of the selected nodes' subtrees, each node
// once, in document order.
func (d *xmlDoc) edgeRows(navs []*xmlquery.NodeNavigator) []Row {
	take := make([]bool, len(d.nodes))
	for _, nav := range navs {
		from, to := 0, len(d.nodes) // the document: everything
		if i := d.index(nav); i >= 0 {
			from, to = i, d.nodes[i].end
		} else if nav.NodeType() != xpath.RootNode {
			continue
		}
		for j := from; j < to; j++ {
			take[j] = true
		}
	}
	var rows []Row
	opt := func(s string) types.Value {
		if s == "" {
			return types.Null(types.NVarChar)
		}
		return types.NewNVarChar(s)
	}
	id := func(v int64) types.Value {
		if v < 0 {
			return types.Null(types.BigInt)
		}
		return types.NewBigInt(v)
	}
	for j, e := range d.nodes {
		if !take[j] {
			continue
		}
		text := types.Null(types.NText)
		if e.hasText {
			text = types.NewString(types.NText, e.text)
		}
		rows = append(rows, Row{id(e.id), id(e.parent), types.NewInt(e.kind), opt(e.local), opt(e.prefix),
			opt(e.uri), types.Null(types.NVarChar), id(e.prev), text})
	}
	return rows
}

// schemaRow is the row of one selected node under a WITH schema.
func (d *xmlDoc) schemaRow(nav *xmlquery.NodeNavigator, cols []openXMLColumn, flags int64) (Row, error) {
	r := make(Row, len(cols))
	consumed := map[string]bool{}
	for i, c := range cols {
		text, isXML, ok := "", false, false
		switch {
		case c.meta != "":
			continue // after the others: @mp:xmltext leaves out what they read
		case c.pattern != nil:
			text, isXML, ok = patternValue(c.pattern, nav, c.typ.ID == types.XML)
			if ok && c.consumes != "" {
				consumed[c.consumes] = true
			}
		default:
			text, isXML, ok = nameValue(nav, c.name, flags, c.typ.ID == types.XML)
			if ok {
				consumed[c.name] = true
				consumed["@"+c.name] = true
			}
		}
		v, err := openXMLValue(text, isXML, ok, c.typ)
		if err != nil {
			return nil, err
		}
		r[i] = v
	}
	for i, c := range cols {
		if c.meta == "" {
			continue
		}
		text, ok := d.metaproperty(nav, c.meta, flags, consumed)
		v, err := openXMLValue(text, c.meta == "xmltext", ok, c.typ)
		if err != nil {
			return nil, err
		}
		r[i] = v
	}
	return r, nil
}

// openXMLValue converts a column's text to its type (NULL when !ok).
func openXMLValue(text string, markup, ok bool, typ types.Type) (types.Value, error) {
	if !ok {
		return types.Null(typ.ID), nil
	}
	src := types.NewNVarChar(text)
	if markup && typ.ID == types.XML {
		src = types.NewString(types.XML, text)
	}
	return types.Convert(src, typ, 0)
}

// patternValue evaluates a column pattern from the row's node: the first
// selected node's value (its markup for an xml column), or a computed
// string, number or boolean.
func patternValue(e *xpath.Expr, nav *xmlquery.NodeNavigator, wantXML bool) (string, bool, bool) {
	switch v := e.Evaluate(nav.Copy()).(type) {
	case *xpath.NodeIterator:
		if !v.MoveNext() {
			return "", false, false
		}
		cur, ok := v.Current().(*xmlquery.NodeNavigator)
		if !ok {
			return v.Current().Value(), false, true
		}
		return navValue(cur, wantXML)
	case string:
		return v, false, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), false, true
	case bool:
		if v {
			return "1", false, true
		}
		return "0", false, true
	}
	return "", false, false
}

// navValue is a node's value: an attribute's, a text's, an element's
// text or, for an xml column, its markup.
func navValue(nav *xmlquery.NodeNavigator, wantXML bool) (string, bool, bool) {
	n := nav.Current()
	switch {
	case nav.NodeType() == xpath.AttributeNode:
		return nav.Value(), false, true
	case n.Type == xmlquery.CharDataNode || n.Type == xmlquery.TextNode:
		return n.Data, false, true
	case wantXML && n.Type == xmlquery.ElementNode:
		return n.OutputXML(true), true, true
	}
	return nav.Value(), false, true
}

// nameValue maps a column by name under flags: the attribute (0, 1, 3) or
// the child element (2, 3) of the row's element.
func nameValue(nav *xmlquery.NodeNavigator, name string, flags int64, wantXML bool) (string, bool, bool) {
	n := nav.Current()
	if nav.NodeType() != xpath.ElementNode {
		return "", false, false
	}
	mode := flags & 3
	if mode != 2 {
		for _, a := range n.Attr {
			if xmlQName(a.Name.Space, a.Name.Local) == name {
				return a.Value, false, true
			}
		}
	}
	if mode&2 != 0 {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xmlquery.ElementNode && xmlQName(c.Prefix, c.Data) == name {
				if wantXML {
					return c.OutputXML(true), true, true
				}
				return c.InnerText(), false, true
			}
		}
	}
	return "", false, false
}

func xmlQName(prefix, local string) string {
	if prefix == "" {
		return local
	}
	return prefix + ":" + local
}

// metaproperty is @mp:name of the row's node; xmltext is the element's
// markup, without what the other columns consumed under flag 8.
func (d *xmlDoc) metaproperty(nav *xmlquery.NodeNavigator, name string, flags int64, consumed map[string]bool) (string, bool) {
	i := d.index(nav)
	if i < 0 {
		return "", false
	}
	e := d.nodes[i]
	parent := func() (edgeNode, bool) {
		if e.parent < 0 {
			return edgeNode{}, false
		}
		return d.nodes[e.parent], true
	}
	num := func(v int64) (string, bool) { return strconv.FormatInt(v, 10), v >= 0 }
	str := func(s string) (string, bool) { return s, s != "" }
	switch name {
	case "id":
		return num(e.id)
	case "parentid":
		return num(e.parent)
	case "localname":
		return str(e.local)
	case "prefix":
		return str(e.prefix)
	case "namespaceuri":
		return str(e.uri)
	case "prev":
		return num(e.prev)
	case "parentlocalname", "parentprefix", "parentnamespaceuri":
		p, ok := parent()
		if !ok {
			return "", false
		}
		return str(map[string]string{"parentlocalname": p.local, "parentprefix": p.prefix, "parentnamespaceuri": p.uri}[name])
	case "xmltext":
		if e.kind != 1 {
			return "", false
		}
		if flags&8 == 0 {
			return e.n.OutputXML(true), true
		}
		return unconsumedXML(e.n, consumed), true
	}
	return "", false
}

// unconsumedXML is an element's markup without the attributes and child
// elements the other columns read (flag 8, XML_NOCOPY).
func unconsumedXML(n *xmlquery.Node, consumed map[string]bool) string {
	var b strings.Builder
	name := xmlQName(n.Prefix, n.Data)
	b.WriteString("<" + name)
	for _, a := range n.Attr {
		an := xmlQName(a.Name.Space, a.Name.Local)
		if consumed["@"+an] {
			continue
		}
		b.WriteString(" " + an + `="`)
		_ = writeXMLEscaped(&b, a.Value, true, an)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xmlquery.ElementNode && consumed[xmlQName(c.Prefix, c.Data)] {
			continue
		}
		b.WriteString(c.OutputXML(true))
	}
	b.WriteString("</" + name + ">")
	return b.String()
}
