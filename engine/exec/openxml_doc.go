package exec

import (
	"context"
	"regexp"
	"strings"

	"github.com/antchfx/xmlquery"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sp_xml_preparedocument and sp_xml_removedocument: the documents OPENXML
// reads. A document is parsed once (with xmlquery, as the xml type is),
// kept per session under an int handle until it is removed or the session
// ends or is reset, and numbered for the edge table and the @mp:
// metaproperties.
//
// Whitespace-only text is dropped when the document is parsed, as SQL
// Server's parser does by default: text() is then the first text that says
// something, and the edge table holds no formatting nodes.

// metapropNamespace is the namespace of OPENXML's metaproperties
// (@mp:id …); the prefix mp is bound to it unless xpath_namespaces binds
// it elsewhere.
const metapropNamespace = "urn:schemas-microsoft-com:xml-metaprop"

var errXMLRemoveHandle = &Error{Number: 6607, Severity: 16, State: 3, Proc: "sp_xml_removedocument",
	Message: "sp_xml_removedocument: The value supplied for parameter number 1 is invalid.", Abort: AbortStatement}

// xmlDocs are a session's prepared documents.
type xmlDocs struct {
	docs map[int32]*xmlDoc
	next int32
}

// xmlDoc is one prepared document.
type xmlDoc struct {
	root *xmlquery.Node
	// nodes are the document's nodes in document order, each element
	// followed by its attributes (each followed by its text) and then its
	// content: the edge table's rows. The root element is id 0.
	nodes []edgeNode
	// at indexes nodes by node, and by element and attribute position.
	at     map[*xmlquery.Node]int
	attrAt map[attrKey]int
	// ns binds the prefixes XPath patterns may use (xpath_namespaces).
	ns map[string]string
}

type attrKey struct {
	n *xmlquery.Node
	i int
}

// edgeNode is one node of a prepared document, as the edge table shows it.
type edgeNode struct {
	id, parent int64 // parent -1: none
	prev       int64 // the previous sibling element's id; -1: none
	kind       int32 // DOM node type: 1 element, 2 attribute, 3 text, 4 CDATA, 7 PI, 8 comment
	local      string
	prefix     string
	uri        string
	text       string
	hasText    bool
	end        int // index after the node's subtree in nodes
	n          *xmlquery.Node
}

// spXMLPrepareDocument runs sp_xml_preparedocument hdoc OUTPUT [, xmltext
// [, xpath_namespaces]]: 0, with the new handle in hdoc.
func (s *Session) spXMLPrepareDocument(args []*ProcArg) (int32, error) {
	const proc = "sp_xml_preparedocument"
	var out *ProcArg
	for _, a := range args {
		if a.Output {
			out = a
			break
		}
	}
	if out == nil {
		return 1, &Error{Number: 6607, Severity: 16, State: 1, Proc: proc, Message: proc + ": The value supplied for parameter number 1 is invalid.", Abort: AbortStatement}
	}
	text := ArgString(args, 1, "@xmltext")
	doc, err := prepareXMLDoc(text, ArgString(args, 2, "@xpath_namespaces"))
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Proc = proc
		}
		return 1, err
	}
	d := &s.xmlDocs
	if d.docs == nil {
		d.docs = map[int32]*xmlDoc{}
	}
	d.next++
	d.docs[d.next] = doc
	out.Result = types.NewInt(d.next)
	return 0, nil
}

// spXMLRemoveDocument runs sp_xml_removedocument hdoc.
func (s *Session) spXMLRemoveDocument(args []*ProcArg) (int32, error) {
	h, ok := ArgInt(args, 0, "@hdoc")
	if !ok || s.xmlDocs.docs[int32(h)] == nil || int64(int32(h)) != h {
		e := *errXMLRemoveHandle
		return 1, &e
	}
	delete(s.xmlDocs.docs, int32(h))
	return 0, nil
}

// prepareXMLDoc parses a document and numbers its nodes. An empty text is
// an empty document.
func prepareXMLDoc(text, namespaces string) (*xmlDoc, error) {
	bad := func(err error) error {
		return &Error{Number: 6602, Severity: 16, State: 2, Message: "The error description is '" + err.Error() + "'.", Abort: AbortStatement}
	}
	root := &xmlquery.Node{Type: xmlquery.DocumentNode}
	if strings.TrimSpace(text) != "" {
		var err error
		if root, err = xmlquery.Parse(strings.NewReader(withoutEncoding(text))); err != nil {
			return nil, bad(err)
		}
		if documentElement(root) == nil {
			return nil, bad(errNoRootElement)
		}
	}
	dropWhitespace(root)
	doc := &xmlDoc{root: root, at: map[*xmlquery.Node]int{}, attrAt: map[attrKey]int{}, ns: map[string]string{"mp": metapropNamespace}}
	if namespaces != "" {
		nr, err := xmlquery.Parse(strings.NewReader(namespaces))
		if err != nil {
			return nil, bad(err)
		}
		if el := documentElement(nr); el != nil {
			for _, a := range el.Attr {
				if a.Name.Space == "xmlns" {
					doc.ns[a.Name.Local] = a.Value
				}
			}
		}
	}
	if el := documentElement(root); el != nil {
		doc.number(el, -1)
	}
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type != xmlquery.ElementNode && n.Type != xmlquery.DeclarationNode {
			doc.number(n, -1)
		}
	}
	return doc, nil
}

// encodingDecl is the encoding pseudo-attribute of an XML declaration.
var encodingDecl = regexp.MustCompile(`\s+encoding\s*=\s*("[^"]*"|'[^']*')`)

// withoutEncoding drops the encoding an XML declaration names: the text
// is already decoded (an nvarchar document often says utf-16, which SQL
// Server accepts), so the parser must not decode it again.
func withoutEncoding(text string) string {
	t := strings.TrimLeft(text, " \t\r\n\uFEFF")
	if !strings.HasPrefix(t, "<?xml") {
		return text
	}
	end := strings.Index(t, "?>")
	if end < 0 {
		return text
	}
	return encodingDecl.ReplaceAllString(t[:end], "") + t[end:]
}

type xmlDocError string

func (e xmlDocError) Error() string { return string(e) }

const errNoRootElement = xmlDocError("XML document must have a top level element.")

// documentElement is the document's root element.
func documentElement(root *xmlquery.Node) *xmlquery.Node {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == xmlquery.ElementNode {
			return n
		}
	}
	return nil
}

// dropWhitespace removes the whitespace-only text nodes under n.
func dropWhitespace(n *xmlquery.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == xmlquery.TextNode && strings.TrimSpace(c.Data) == "" {
			xmlquery.RemoveFromTree(c)
		} else {
			dropWhitespace(c)
		}
		c = next
	}
}

// number appends n and its subtree to the document's nodes.
func (d *xmlDoc) number(n *xmlquery.Node, parent int64) {
	i := len(d.nodes)
	e := edgeNode{id: int64(i), parent: parent, prev: -1, n: n, local: n.Data, prefix: n.Prefix, uri: n.NamespaceURI}
	switch n.Type {
	case xmlquery.ElementNode:
		e.kind = 1
		for p := n.PrevSibling; p != nil; p = p.PrevSibling {
			if j, ok := d.at[p]; ok && p.Type == xmlquery.ElementNode {
				e.prev = int64(j)
				break
			}
		}
	case xmlquery.CharDataNode:
		e.kind, e.local, e.text, e.hasText = 4, "#cdata-section", n.Data, true
	case xmlquery.CommentNode:
		e.kind, e.local, e.text, e.hasText = 8, "#comment", n.Data, true
	case xmlquery.ProcessingInstruction:
		e.kind, e.hasText = 7, true
		if n.ProcInst != nil {
			e.text = n.ProcInst.Inst
		}
	default:
		e.kind, e.local, e.text, e.hasText = 3, "#text", n.Data, true
	}
	if e.kind != 1 {
		e.prefix, e.uri = "", ""
	}
	d.at[n] = i
	d.nodes = append(d.nodes, e)
	if n.Type == xmlquery.ElementNode {
		for k, a := range n.Attr {
			ai := len(d.nodes)
			d.attrAt[attrKey{n, k}] = ai
			d.nodes = append(d.nodes, edgeNode{id: int64(ai), parent: int64(i), prev: -1, kind: 2, local: a.Name.Local, prefix: a.Name.Space, uri: a.NamespaceURI, end: ai + 2})
			d.nodes = append(d.nodes, edgeNode{id: int64(ai + 1), parent: int64(ai), prev: -1, kind: 3, local: "#text", text: a.Value, hasText: true, end: ai + 2})
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			d.number(c, int64(i))
		}
	}
	d.nodes[i].end = len(d.nodes)
}

// xmlDocument finds an OPENXML document by handle.
func (s *Session) xmlDocument(h types.Value) (*xmlDoc, error) {
	if !h.IsNull() {
		c, err := types.Convert(h, types.TypeBigInt, 0)
		if err == nil {
			if d := s.xmlDocs.docs[int32(c.Int64())]; d != nil && int64(int32(c.Int64())) == c.Int64() {
				return d, nil
			}
		}
	}
	return nil, &Error{Number: 6607, Severity: 16, State: 1, Message: "OPENXML: The value supplied for parameter number 1 is invalid.", Abort: AbortStatement}
}

// xmlDocProc runs the two document procedures for the system procedure
// dispatch; ok is false for another name.
func (s *Session) xmlDocProc(_ context.Context, name string, args []*ProcArg) (int32, bool, error) {
	switch name {
	case "sp_xml_preparedocument":
		ret, err := s.spXMLPrepareDocument(args)
		return ret, true, err
	case "sp_xml_removedocument":
		ret, err := s.spXMLRemoveDocument(args)
		return ret, true, err
	}
	return 0, false, nil
}
