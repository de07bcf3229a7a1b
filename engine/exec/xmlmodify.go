package exec

import (
	"regexp"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The xml modify() method (XML DML), in UPDATE … SET col.modify('…') and
// SET @x.modify('…'); the parser turns both into an assignment of an
// ast.XMLMethodExpr with Method MODIFY whose X is the column or variable,
// so modify() is an expression here that yields the changed document.
//
// The three statements, with the forms applications use:
//
//	insert <e>…</e> | sql:variable("@xml") | attribute a {"v"} | text {"t"}
//	       (as first into | as last into | into | after | before) target
//	delete path
//	replace value of target with value
//
// Targets and values are XQuery (xmlxpath.go), so sql:variable and
// sql:column work in them; insert and replace use the first node the
// target selects where SQL Server requires a single node (2226).

var (
	xmlDMLDelete  = regexp.MustCompile(`(?is)^\s*delete\s+(.+?)\s*$`)
	xmlDMLReplace = regexp.MustCompile(`(?is)^\s*replace\s+value\s+of\s+(.+?)\s+with\s+(.+?)\s*$`)
	xmlDMLInsert  = regexp.MustCompile(`(?is)^\s*insert\s+(.+?)\s+(as\s+first\s+into|as\s+last\s+into|into|after|before)\s+(.+?)\s*$`)
	xmlDMLAttr    = regexp.MustCompile(`(?is)^attribute\s+([\w.:-]+)\s*\{\s*(.+?)\s*\}$`)
	xmlDMLText    = regexp.MustCompile(`(?is)^text\s*\{\s*(.+?)\s*\}$`)
)

// xmlDML is one compiled modify() statement.
type xmlDML struct {
	op     string  // "delete", "replace", "insert"
	where  string  // insert: "as first into", "as last into", "into", "after", "before"
	target *xquery // the nodes acted on
	value  *xquery // replace's new value, insert's attribute or text value
	xml    string  // insert: a constant element constructor
	ref    *expr   // insert sql:variable("@x")
	attr   string  // insert attribute name
	kind   byte    // insert source: 'e' xml, 'v' variable, 'a' attribute, 't' text
}

// compileXMLDML parses a modify() argument.
func (c *compiler) compileXMLDML(dml string) (*xmlDML, error) {
	d := &xmlDML{}
	var err error
	switch {
	case xmlDMLReplace.MatchString(dml):
		m := xmlDMLReplace.FindStringSubmatch(dml)
		d.op = "replace"
		if d.target, err = c.compileXQuery("modify", m[1]); err != nil {
			return nil, err
		}
		d.value, err = c.compileXQuery("modify", m[2])
	case xmlDMLDelete.MatchString(dml):
		d.op = "delete"
		d.target, err = c.compileXQuery("modify", xmlDMLDelete.FindStringSubmatch(dml)[1])
	case xmlDMLInsert.MatchString(dml):
		m := xmlDMLInsert.FindStringSubmatch(dml)
		d.op, d.where = "insert", strings.ToLower(strings.Join(strings.Fields(m[2]), " "))
		if d.target, err = c.compileXQuery("modify", m[3]); err != nil {
			return nil, err
		}
		src := strings.TrimSpace(m[1])
		switch {
		case strings.HasPrefix(src, "<"):
			d.kind, d.xml = 'e', src
			if _, err := parseXMLContext(src, false); err != nil {
				return nil, err
			}
		case sqlRef.MatchString(src) && sqlRef.FindStringIndex(src)[0] == 0:
			sm := sqlRef.FindStringSubmatch(src)
			var ref ast.Expr = &ast.Variable{Name: sm[2]}
			if sm[1] == "column" {
				ref = &ast.ColumnRef{Name: dottedName(sm[2])}
			}
			d.kind = 'v'
			if d.ref, err = c.expr(ref); err != nil {
				return nil, err
			}
		case xmlDMLAttr.MatchString(src):
			am := xmlDMLAttr.FindStringSubmatch(src)
			d.kind, d.attr = 'a', am[1]
			d.value, err = c.compileXQuery("modify", am[2])
		case xmlDMLText.MatchString(src):
			d.kind = 't'
			d.value, err = c.compileXQuery("modify", xmlDMLText.FindStringSubmatch(src)[1])
		default:
			return nil, errXQuerySyntax.New("modify()", src)
		}
	default:
		return nil, errXQuerySyntax.New("modify()", strings.TrimSpace(dml))
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// apply runs the statement on the document doc (its root) for one row.
func (d *xmlDML) apply(ec *evalCtx, row Row, doc *xmlquery.Node) error {
	te, err := d.target.expr(ec, row)
	if err != nil {
		return err
	}
	targets, err := d.target.run(te, doc)
	if err != nil {
		return err
	}
	switch d.op {
	case "delete":
		for _, t := range targets {
			if t.nav == nil {
				continue
			}
			n := t.nav.Current()
			switch t.nav.NodeType() {
			case xpath.AttributeNode:
				n.RemoveAttr(t.nav.LocalName())
			case xpath.RootNode:
			default:
				xmlquery.RemoveFromTree(n)
			}
		}
		return nil
	case "replace":
		if len(targets) == 0 || targets[0].nav == nil {
			return nil // an empty target changes nothing, as in SQL Server
		}
		s, err := d.scalar(ec, row, doc)
		if err != nil {
			return err
		}
		t := targets[0]
		n := t.nav.Current()
		switch t.nav.NodeType() {
		case xpath.AttributeNode:
			n.SetAttr(t.nav.LocalName(), s)
		case xpath.TextNode:
			n.Data = s
		case xpath.ElementNode:
			for c := n.FirstChild; c != nil; c = n.FirstChild {
				xmlquery.RemoveFromTree(c)
			}
			xmlquery.AddChild(n, &xmlquery.Node{Type: xmlquery.TextNode, Data: s})
		}
		return nil
	}
	if len(targets) == 0 || targets[0].nav == nil {
		return nil
	}
	target := targets[0].nav.Current()
	if d.kind == 'a' {
		s, err := d.scalar(ec, row, doc)
		if err != nil {
			return err
		}
		if target.Type == xmlquery.ElementNode {
			target.SetAttr(d.attr, s)
		}
		return nil
	}
	nodes, err := d.sourceNodes(ec, row, doc)
	if err != nil {
		return err
	}
	for i, n := range nodes {
		switch d.where {
		case "into", "as last into":
			xmlquery.AddChild(target, n)
		case "as first into":
			if i == 0 || nodes[i-1].Parent != target {
				insertBefore(target, target.FirstChild, n)
			} else {
				xmlquery.AddImmediateSibling(nodes[i-1], n)
			}
		case "after":
			prev := target
			if i > 0 {
				prev = nodes[i-1]
			}
			xmlquery.AddImmediateSibling(prev, n)
		case "before":
			insertBefore(target.Parent, target, n)
		}
	}
	return nil
}

// scalar is the string value of replace's or an attribute's value.
func (d *xmlDML) scalar(ec *evalCtx, row Row, doc *xmlquery.Node) (string, error) {
	ve, err := d.value.expr(ec, row)
	if err != nil {
		return "", err
	}
	items, err := d.value.run(ve, doc)
	if err != nil || len(items) == 0 {
		return "", err
	}
	return items[0].str(), nil
}

// sourceNodes returns fresh nodes for insert's source.
func (d *xmlDML) sourceNodes(ec *evalCtx, row Row, doc *xmlquery.Node) ([]*xmlquery.Node, error) {
	var text string
	switch d.kind {
	case 't':
		s, err := d.scalar(ec, row, doc)
		if err != nil {
			return nil, err
		}
		return []*xmlquery.Node{{Type: xmlquery.TextNode, Data: s}}, nil
	case 'e':
		text = d.xml
	case 'v':
		v, err := d.ref.eval(ec, row)
		if err != nil || v.IsNull() {
			return nil, err
		}
		if v.TypeID() != types.XML {
			return []*xmlquery.Node{{Type: xmlquery.TextNode, Data: v.String()}}, nil
		}
		text = v.Str()
	}
	frag, err := parseXMLContext(text, false)
	if err != nil {
		return nil, err
	}
	var out []*xmlquery.Node
	for n := frag.FirstChild; n != nil; {
		next := n.NextSibling
		if n.Type != xmlquery.DeclarationNode {
			xmlquery.RemoveFromTree(n)
			out = append(out, n)
		}
		n = next
	}
	return out, nil
}

// insertBefore links n into parent before ref (at the end when ref is nil).
func insertBefore(parent, ref, n *xmlquery.Node) {
	if parent == nil {
		return
	}
	if ref == nil {
		xmlquery.AddChild(parent, n)
		return
	}
	n.Parent, n.NextSibling, n.PrevSibling = parent, ref, ref.PrevSibling
	if ref.PrevSibling != nil {
		ref.PrevSibling.NextSibling = n
	} else {
		parent.FirstChild = n
	}
	ref.PrevSibling = n
}

// xmlModify compiles X.modify('xml dml'): the document with the change
// made, for the assignment the parser built around it.
func (c *compiler) xmlModify(e *ast.XMLMethodExpr) (*expr, error) {
	lits, err := xmlMethodArgs(e, 1)
	if err != nil {
		return nil, err
	}
	in, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
	d, err := c.compileXMLDML(lits[0])
	if err != nil {
		return nil, err
	}
	t := types.Type{ID: types.XML, Length: types.MaxLength}
	eval := func(ec *evalCtx, row Row) (types.Value, error) {
		v, err := in.eval(ec, row)
		if err != nil || v.IsNull() {
			return types.Null(types.XML), err // modify() of NULL leaves NULL
		}
		doc, err := parseXMLContext(v.Str(), false)
		if err != nil {
			return types.Value{}, err
		}
		if err := d.apply(ec, row, doc); err != nil {
			return types.Value{}, err
		}
		return types.NewString(types.XML, xmlItem{nav: xmlquery.CreateXPathNavigator(doc)}.xml()), nil
	}
	return &expr{typ: t, col: -1, eval: eval}, nil
}
