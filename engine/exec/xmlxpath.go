package exec

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// XQuery of the xml data type methods, evaluated as XPath by
// github.com/antchfx/xpath over documents parsed by antchfx/xmlquery.
//
// SQL Server's XQuery is a superset of what applications write in
// value(), exist(), query() and nodes(): location paths with attributes,
// positional and value predicates, text(), local-name(), string(),
// count(), contains() … — all XPath. The translation from XQuery is small:
// sql:variable("@v") and sql:column("c") become literals of the value they
// read (per row), data(x) becomes string(x) and the fn: prefix is dropped.
// What XPath does not have (FLWOR beyond for … return, constructors,
// namespace declarations) fails to compile and is reported as SQL Server's
// XQuery syntax error 2209. Differences, knowingly taken: value() takes the
// first item where SQL Server requires a statically singleton path (2389),
// and a node from nodes() is a copy of its subtree, so paths from it cannot
// climb to its ancestors ('..' finds nothing).

var (
	errXQuerySyntax = errorKind{2209, 16, 1, "XQuery [%s]: Syntax error near '%s'", AbortStatement}
	errXQueryEval   = errorKind{2209, 16, 1, "XQuery [%s]: %s", AbortStatement}

	// sqlRef matches sql:variable("@v") and sql:column("t.c").
	sqlRef = regexp.MustCompile(`sql:(variable|column)\(\s*["']([^"']+)["']\s*\)`)
	// fnPrefix and dataCall are the XQuery spellings XPath 1.0 lacks.
	fnPrefix = regexp.MustCompile(`\bfn:`)
	dataCall = regexp.MustCompile(`\bdata\s*\(`)
)

// xquery is a compiled xml method query. Queries without sql:variable or
// sql:column are compiled once (fixed); the others are compiled per row
// from parts (the text around the references) and refs.
type xquery struct {
	method string // "value()" … for messages
	text   string
	fixed  *xpath.Expr
	parts  []string
	refs   []*expr
	// agg is an XQuery aggregate the whole query applies to its path's
	// items (xmlxpath_agg.go), "" for none.
	agg string
}

// compileXQuery translates and, when it reads no SQL value, compiles q.
func (c *compiler) compileXQuery(method, q string) (*xquery, error) {
	x := &xquery{method: method + "()", text: q}
	t := fnPrefix.ReplaceAllString(xqueryNamespaces(q), "") // xmlxpath_ns.go
	t = dataCall.ReplaceAllString(t, "string(")
	x.agg, t = splitXQueryAggregate(t) // xmlxpath_agg.go
	last := 0
	for _, m := range sqlRef.FindAllStringSubmatchIndex(t, -1) {
		kind, name := t[m[2]:m[3]], t[m[4]:m[5]]
		var ref ast.Expr
		if kind == "variable" {
			ref = &ast.Variable{Name: name}
		} else {
			ref = &ast.ColumnRef{Name: dottedName(name)}
		}
		e, err := c.expr(ref)
		if err != nil {
			return nil, err
		}
		x.parts = append(x.parts, t[last:m[0]])
		x.refs = append(x.refs, e)
		last = m[1]
	}
	x.parts = append(x.parts, t[last:])
	if len(x.refs) == 0 {
		e, err := x.compile(t)
		if err != nil {
			return nil, err
		}
		x.fixed = e
	}
	return x, nil
}

// dottedName splits sql:column's "t.c" into a name.
func dottedName(s string) *ast.Name {
	n := &ast.Name{}
	for _, p := range strings.Split(s, ".") {
		n.Parts = append(n.Parts, &ast.Ident{Name: p})
	}
	return n
}

func (x *xquery) compile(t string) (e *xpath.Expr, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, err = nil, errXQuerySyntax.New(x.method, x.text)
		}
	}()
	e, err = xpath.Compile(t)
	if err != nil {
		return nil, errXQuerySyntax.New(x.method, x.text)
	}
	return e, nil
}

// expr returns the XPath expression for one row.
func (x *xquery) expr(ec *evalCtx, row Row) (*xpath.Expr, error) {
	if x.fixed != nil {
		return x.fixed, nil
	}
	var b strings.Builder
	for i, r := range x.refs {
		b.WriteString(x.parts[i])
		v, err := r.eval(ec, row)
		if err != nil {
			return nil, err
		}
		b.WriteString(xpathLiteral(v))
	}
	b.WriteString(x.parts[len(x.parts)-1])
	return x.compile(b.String())
}

// xpathLiteral writes a SQL value as an XPath literal: numbers as numbers,
// everything else as a string (NULL is the empty sequence in SQL Server;
// an empty node-set here).
func xpathLiteral(v types.Value) string {
	if v.IsNull() {
		return "/.."
	}
	if v.TypeID().IsNumeric() {
		if f, err := strconv.ParseFloat(v.String(), 64); err == nil {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	s := v.String()
	switch {
	case !strings.Contains(s, `"`):
		return `"` + s + `"`
	case !strings.Contains(s, `'`):
		return `'` + s + `'`
	}
	parts := strings.Split(s, `"`)
	return `concat("` + strings.Join(parts, `", '"', "`) + `")`
}

// xmlItem is one item of a query's result: a node (with the navigator
// positioned on it, so attributes are items too) or an atomic value.
type xmlItem struct {
	nav  *xmlquery.NodeNavigator
	atom string
}

// str is the item's string value (fn:string).
func (it xmlItem) str() string {
	if it.nav == nil {
		return it.atom
	}
	if it.nav.NodeType() == xpath.RootNode {
		return it.nav.Current().InnerText()
	}
	return it.nav.Value()
}

// xml is the item serialized as query() returns it.
func (it xmlItem) xml() string {
	if it.nav == nil {
		return xmlEscapeText(it.atom)
	}
	switch it.nav.NodeType() {
	case xpath.AttributeNode:
		return xmlEscapeText(it.nav.Value())
	case xpath.RootNode:
		var b strings.Builder
		for n := it.nav.Current().FirstChild; n != nil; n = n.NextSibling {
			writeXMLNode(&b, n)
		}
		return b.String()
	case xpath.TextNode:
		return xmlEscapeText(it.nav.Value())
	}
	var b strings.Builder
	writeXMLNode(&b, it.nav.Current())
	return b.String()
}

// writeXMLNode serializes a node as SQL Server writes xml: empty
// elements as <a />, attributes in double quotes, no XML declaration.
func writeXMLNode(b *strings.Builder, n *xmlquery.Node) {
	switch n.Type {
	case xmlquery.TextNode, xmlquery.CharDataNode:
		b.WriteString(xmlEscapeText(n.Data))
	case xmlquery.CommentNode:
		b.WriteString("<!--" + n.Data + "-->")
	case xmlquery.ProcessingInstruction:
		b.WriteString(n.OutputXML(true))
	case xmlquery.ElementNode:
		name := n.Data
		if n.Prefix != "" {
			name = n.Prefix + ":" + n.Data
		}
		b.WriteString("<" + name)
		for _, a := range n.Attr {
			b.WriteByte(' ')
			if a.Name.Space != "" {
				b.WriteString(a.Name.Space + ":")
			}
			b.WriteString(a.Name.Local + `="` + xmlEscapeAttr(a.Value) + `"`)
		}
		if n.FirstChild == nil {
			b.WriteString(" />")
			return
		}
		b.WriteByte('>')
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeXMLNode(b, c)
		}
		b.WriteString("</" + name + ">")
	}
}

func xmlEscapeAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;").Replace(s)
}

func xmlEscapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// run evaluates the query against the context node and returns its items.
func (x *xquery) run(e *xpath.Expr, ctx *xmlquery.Node) (items []xmlItem, err error) {
	defer func() {
		if r := recover(); r != nil {
			items, err = nil, errXQueryEval.New(x.method, fmt.Sprint(r))
		}
	}()
	if x.agg != "" {
		defer func() { items = aggregateItems(x.agg, items) }()
	}
	switch r := e.Evaluate(xmlquery.CreateXPathNavigator(ctx)).(type) {
	case *xpath.NodeIterator:
		for r.MoveNext() {
			nav, ok := r.Current().Copy().(*xmlquery.NodeNavigator)
			if ok {
				items = append(items, xmlItem{nav: nav})
			}
		}
	case float64:
		items = append(items, xmlItem{atom: formatXQueryNumber(r)})
	case bool:
		items = append(items, xmlItem{atom: strconv.FormatBool(r)})
	case string:
		items = append(items, xmlItem{atom: r})
	}
	return items, nil
}

// formatXQueryNumber prints a number as XQuery's xs:double string value
// does for the common cases: integers without a fraction.
func formatXQueryNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// xmlContextLength marks the xml type of a nodes() column: its value is
// one node's subtree, and methods called on it start at that node rather
// than at the document (SQL Server's context node of nodes()).
const xmlContextLength = -3

// parseXMLContext parses an xml value and returns the node its methods
// start from: the document, or for a nodes() column the node itself.
func parseXMLContext(doc string, nodeCtx bool) (*xmlquery.Node, error) {
	root, err := xmlquery.Parse(strings.NewReader(withoutEncoding(doc))) // openxml_doc.go
	if err != nil {
		if strings.ContainsRune(doc, '<') {
			return nil, errXMLParse.New(err.Error())
		}
		// Text only: a document with one text node.
		root = &xmlquery.Node{Type: xmlquery.DocumentNode}
		if doc != "" {
			xmlquery.AddChild(root, &xmlquery.Node{Type: xmlquery.TextNode, Data: doc})
		}
	}
	if nodeCtx {
		// The node is the one child besides the declaration the parser adds.
		var only *xmlquery.Node
		for n := root.FirstChild; n != nil; n = n.NextSibling {
			if n.Type == xmlquery.DeclarationNode {
				continue
			}
			if only != nil {
				return root, nil
			}
			only = n
		}
		if only != nil {
			return only, nil
		}
	}
	return root, nil
}
