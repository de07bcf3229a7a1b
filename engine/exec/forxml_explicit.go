package exec

import (
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SELECT … FOR XML EXPLICIT: the query returns a "universal table" whose
// first two columns are Tag and Parent and whose other columns are named
// ElementName!TagNumber[!AttributeName[!Directive…]] ("Use EXPLICIT Mode
// with FOR XML"). Each row writes one element, the one its Tag names, from
// the columns of that tag number; Parent (NULL or 0: none) names the
// element it goes in, which an earlier row must have opened and left open
// (6833): the usual ORDER BY sorts parents before their children. Rows
// never merge by value, unlike AUTO.
//
// A column without an attribute name is the element's text; with one it
// is an attribute (attributes come first in the start tag, whatever their
// place in the select list) unless a directive says otherwise:
//
//	element, elementxsinil   a subelement (xsinil: NULL as xsi:nil="true")
//	xml                      like element, the value written unescaped
//	cdata                    the value in a CDATA section
//	xmltext                  an overflow document: without a name its root
//	                         element's attributes join the element's (those
//	                         the tag declares win) and its content is added;
//	                         with one, it becomes a subelement of that name
//	hide                     not written (a column kept for ORDER BY)
//	id, idref, nmtoken       an ordinary attribute: they only mean something
//	                         to the XMLDATA schema, which is not produced
//
// Element and attribute names are written as given, unescaped and
// unchecked, as SQL Server does. The universal table's shape is checked
// when the query is planned (6801 … 6835, with SQL Server's order), its
// values as the rows arrive (6803 … 6833, state 2).

var (
	errExplicitColumns    = errorKind{6801, 16, 1, "FOR XML EXPLICIT requires at least three columns, including the tag column, the parent column, and at least one data column.", AbortStatement}
	errExplicitBadName    = errorKind{6802, 16, 1, "FOR XML EXPLICIT query contains the invalid column name '%s'. Use the TAGNAME!TAGID!ATTRIBUTENAME[!..] format where TAGID is a positive integer.", AbortStatement}
	errExplicitTagType    = errorKind{6803, 16, 1, "FOR XML EXPLICIT requires the first column to hold positive integers that represent XML tag IDs.", AbortStatement}
	errExplicitTagValue   = errorKind{6803, 16, 2, "FOR XML EXPLICIT requires the first column to hold positive integers that represent XML tag IDs.", AbortStatement}
	errExplicitParentType = errorKind{6804, 16, 1, "FOR XML EXPLICIT requires the second column to hold NULL or nonnegative integers that represent XML parent tag IDs.", AbortStatement}
	errExplicitParentVal  = errorKind{6804, 16, 2, "FOR XML EXPLICIT requires the second column to hold NULL or nonnegative integers that represent XML parent tag IDs.", AbortStatement}
	errExplicitCircular   = errorKind{6805, 16, 2, "FOR XML EXPLICIT stack overflow occurred. Circular parent tag relationships are not allowed.", AbortStatement}
	errExplicitNoTag      = errorKind{6806, 16, 2, "Undeclared tag ID %d is used in a FOR XML EXPLICIT query.", AbortStatement}
	errExplicitNoParent   = errorKind{6807, 16, 2, "Undeclared parent tag ID %d is used in a FOR XML EXPLICIT query.", AbortStatement}
	errExplicitRedeclared = errorKind{6812, 16, 1, "XML tag ID %d that was originally declared as '%s' is being redeclared as '%s'.", AbortStatement}
	errExplicitIDTwice    = errorKind{6813, 16, 1, "FOR XML EXPLICIT cannot combine multiple occurrences of ID, IDREF, IDREFS, NMTOKEN, and/or NMTOKENS in column name '%s'.", AbortStatement}
	errExplicitIDNoName   = errorKind{6814, 16, 1, "In the FOR XML EXPLICIT clause, ID, IDREF, IDREFS, NMTOKEN, and NMTOKENS require attribute names in '%s'.", AbortStatement}
	errExplicitIDHidden   = errorKind{6815, 16, 1, "In the FOR XML EXPLICIT clause, ID, IDREF, IDREFS, NMTOKEN, and NMTOKENS attributes cannot be hidden in '%s'.", AbortStatement}
	errExplicitIDContent  = errorKind{6816, 16, 1, "In the FOR XML EXPLICIT clause, ID, IDREF, IDREFS, NMTOKEN, and NMTOKENS attributes cannot be generated as CDATA, XML, or XMLTEXT in '%s'.", AbortStatement}
	errExplicitKindTwice  = errorKind{6817, 16, 1, "FOR XML EXPLICIT cannot combine multiple occurrences of ELEMENT, XML, XMLTEXT, and CDATA in column name '%s'.", AbortStatement}
	errExplicitColName    = errorKind{6820, 16, 1, "FOR XML EXPLICIT requires column %d to be named '%s' instead of '%s'.", AbortStatement}
	errExplicitDirective  = errorKind{6824, 16, 1, "In the FOR XML EXPLICIT clause, mode '%s' in a column name is invalid.", AbortStatement}
	errExplicitIDREFS     = errorKind{6826, 16, 1, "Every IDREFS or NMTOKENS column in a FOR XML EXPLICIT query must appear in a separate SELECT clause, and the instances must be ordered directly after the element to which they belong.", AbortStatement}
	errExplicitXMLText2   = errorKind{6827, 16, 1, "FOR XML EXPLICIT queries allow only one XMLTEXT column per tag. Column '%s' declares another XMLTEXT column that is not permitted.", AbortStatement}
	errExplicitXMLTextTyp = errorKind{6828, 16, 1, "XMLTEXT column '%s' must be of a string data type or of type XML.", AbortStatement}
	errExplicitNotOpen    = errorKind{6833, 16, 1, "Parent tag ID %d is not among the open tags. FOR XML EXPLICIT requires parent tags to be opened first. Check the ordering of the result set.", AbortStatement}
	errExplicitHideTwice  = errorKind{6835, 16, 1, "FOR XML EXPLICIT field '%s' can specify the directive HIDE only once.", AbortStatement}
	errExplicitCDATAXML   = errorKind{6843, 16, 1, "FOR XML EXPLICIT: XML data types and CLR types cannot be processed as CDATA in column name '%s'. Consider converting XML to a string type. Consider converting CLR types to XML and then to a string type.", AbortStatement}
)

// explicitKind is what a universal table column becomes in its element.
type explicitKind uint8

const (
	explicitAttr    explicitKind = iota // an attribute (a name, no content directive)
	explicitText                        // the element's text (no attribute name)
	explicitElement                     // element / elementxsinil: a subelement
	explicitXML                         // xml: unescaped, in a subelement when named
	explicitCDATA                       // cdata: a CDATA section, in a subelement when named
	explicitXMLText                     // xmltext: an overflow document
	explicitHide                        // hide: nothing
)

// explicitCol is one data column of the universal table.
type explicitCol struct {
	idx    int // result column
	tag    int
	attr   string // attribute or subelement name; "" when none
	kind   explicitKind
	xsinil bool // elementxsinil
	isXML  bool // the column's type is xml
}

// explicitTag is one tag number of the universal table: its element name,
// its columns in select-list order and the attribute names it declares
// (an overflow document's attributes of the same name are dropped).
type explicitTag struct {
	name  string
	cols  []explicitCol
	attrs map[string]bool
}

func (s *Session) buildForXMLExplicit(q *ast.Query, outer *scope) (*plan, error) {
	opts, p, err := s.forXMLSource(q, outer)
	if err != nil {
		return nil, err
	}
	var vis []int
	for i, c := range p.cols {
		if !c.hidden {
			vis = append(vis, i)
		}
	}
	// SQL Server looks for binary columns before the table's shape.
	if !opts.base64 {
		for _, i := range vis {
			if p.cols[i].typ.ID.IsBinary() {
				return nil, errForXMLRawBinary.New(p.cols[i].name)
			}
		}
	}
	tags, xsinil, err := explicitColumns(p.cols, vis, opts.schema != "")
	if err != nil {
		return nil, err
	}
	if opts.schema != "" {
		return nil, ErrNotSupported.New("FOR XML EXPLICIT, XMLDATA (an inline XDR schema)")
	}
	if xsinil {
		opts.decls = xsiNamespace + opts.decls
	}
	tagIdx, parentIdx := vis[0], vis[1]
	return opts.documentPlan(p, func() (func(*strings.Builder, Row) error, func(*strings.Builder)) {
		w := &explicitWriter{tags: tags, opts: &opts}
		row := func(b *strings.Builder, r Row) error { return w.row(b, r, r[tagIdx], r[parentIdx]) }
		return row, func(b *strings.Builder) { w.closeTo(b, 0) }
	}), nil
}

// explicitColumns checks the universal table's columns (vis: the visible
// result columns) and groups the data columns by tag. xmldata applies the
// checks that exist only for the XMLDATA schema (6814, 6816). xsinil
// reports an elementxsinil column.
func explicitColumns(rc []scopeCol, vis []int, xmldata bool) (map[int]*explicitTag, bool, error) {
	if len(vis) < 3 {
		return nil, false, errExplicitColumns.New()
	}
	for k, want := range []string{"TAG", "PARENT"} {
		if c := rc[vis[k]]; !strings.EqualFold(c.name, want) {
			return nil, false, errExplicitColName.New(k+1, want, c.name)
		}
	}
	if !explicitIntType(rc[vis[0]].typ) {
		return nil, false, errExplicitTagType.New()
	}
	if !explicitIntType(rc[vis[1]].typ) {
		return nil, false, errExplicitParentType.New()
	}
	tags := map[int]*explicitTag{}
	xsinil := false
	for _, i := range vis[2:] {
		name := rc[i].name
		col, elem, err := explicitColumn(name, xmldata)
		if err != nil {
			return nil, false, err
		}
		col.idx = i
		col.isXML = rc[i].typ.ID == types.XML
		if col.kind == explicitCDATA && col.isXML {
			return nil, false, errExplicitCDATAXML.New(name)
		}
		if col.kind == explicitXMLText && !col.isXML && !rc[i].typ.ID.IsString() {
			return nil, false, errExplicitXMLTextTyp.New(name)
		}
		t := tags[col.tag]
		if t == nil {
			t = &explicitTag{name: elem, attrs: map[string]bool{}}
			tags[col.tag] = t
		} else if t.name != elem {
			return nil, false, errExplicitRedeclared.New(col.tag, t.name, elem)
		}
		if col.kind == explicitXMLText {
			for _, o := range t.cols {
				if o.kind == explicitXMLText {
					return nil, false, errExplicitXMLText2.New(name)
				}
			}
		}
		if col.kind == explicitAttr {
			t.attrs[col.attr] = true
		}
		xsinil = xsinil || col.xsinil
		t.cols = append(t.cols, col)
	}
	return tags, xsinil, nil
}

// explicitIntType reports whether Tag or Parent has a type SQL Server
// takes: int (an untyped NULL is int too).
func explicitIntType(t types.Type) bool {
	return t.ID == types.Int || t.ID == types.Unknown
}

// explicitColumn parses one data column's name, checking its directives
// in the order SQL Server does. It returns the column and its element name.
func explicitColumn(name string, xmldata bool) (explicitCol, string, error) {
	var c explicitCol
	parts := strings.Split(name, "!")
	if len(parts) < 2 || parts[0] == "" {
		return c, "", errExplicitBadName.New(name)
	}
	tag, err := strconv.Atoi(parts[1])
	if err != nil || tag <= 0 || strings.HasPrefix(parts[1], "+") {
		return c, "", errExplicitBadName.New(name)
	}
	c.tag = tag
	if len(parts) > 2 {
		c.attr = parts[2]
	}
	var hides, ids, contents int
	idrefs := false
	c.kind = explicitAttr
	for _, d := range parts[min(len(parts), 3):] {
		switch strings.ToLower(d) {
		case "hide":
			hides++
		case "id", "idref", "nmtoken":
			ids++
		case "idrefs", "nmtokens":
			ids++
			idrefs = true
		case "element":
			contents++
			c.kind = explicitElement
		case "elementxsinil":
			contents++
			c.kind, c.xsinil = explicitElement, true
		case "xml":
			contents++
			c.kind = explicitXML
		case "cdata":
			contents++
			c.kind = explicitCDATA
		case "xmltext":
			contents++
			c.kind = explicitXMLText
		default:
			return c, "", errExplicitDirective.New(d)
		}
	}
	switch {
	case hides > 1:
		return c, "", errExplicitHideTwice.New(name)
	case ids > 1:
		return c, "", errExplicitIDTwice.New(name)
	case contents > 1:
		return c, "", errExplicitKindTwice.New(name)
	case ids > 0 && hides > 0:
		return c, "", errExplicitIDHidden.New(name)
	case xmldata && ids > 0 && c.attr == "":
		return c, "", errExplicitIDNoName.New(name)
	case xmldata && ids > 0 && (c.kind == explicitXML || c.kind == explicitCDATA || c.kind == explicitXMLText):
		return c, "", errExplicitIDContent.New(name)
	case idrefs:
		// IDREFS lists come from a separate SELECT of the UNION, which
		// only XMLDATA gives a meaning; SQL Server refuses the column.
		return c, "", errExplicitIDREFS.New()
	}
	switch {
	case hides > 0:
		c.kind = explicitHide
	case c.attr == "" && (c.kind == explicitAttr || c.kind == explicitElement):
		c.kind, c.xsinil = explicitText, false
	}
	return c, parts[0], nil
}

// explicitOpen is an element a row opened and later rows may nest in.
type explicitOpen struct {
	tag  int
	name string
	// started: its start tag has been ended with '>' (it has content or
	// children); otherwise it still closes as <name …/>.
	started bool
}

// explicitWriter writes the universal table's rows, keeping the elements
// later rows may nest in open.
type explicitWriter struct {
	tags map[int]*explicitTag
	opts *forXMLOptions
	open []explicitOpen
}

func (w *explicitWriter) row(b *strings.Builder, r Row, tagV, parentV types.Value) error {
	if tagV.IsNull() || tagV.Int64() <= 0 {
		return errExplicitTagValue.New()
	}
	tag := int(tagV.Int64())
	t := w.tags[tag]
	if t == nil {
		return errExplicitNoTag.New(tag)
	}
	parent := 0
	if !parentV.IsNull() {
		if parentV.Int64() < 0 {
			return errExplicitParentVal.New()
		}
		parent = int(parentV.Int64())
	}
	depth := 0 // how many open elements the new one goes under
	if parent != 0 {
		if w.tags[parent] == nil {
			return errExplicitNoParent.New(parent)
		}
		depth = -1
		for i := len(w.open) - 1; i >= 0; i-- {
			if w.open[i].tag == parent {
				depth = i + 1
				break
			}
		}
		if depth < 0 {
			return errExplicitNotOpen.New(parent)
		}
		for _, o := range w.open[:depth] {
			if o.tag == tag {
				return errExplicitCircular.New()
			}
		}
	}
	w.closeTo(b, depth)
	if depth > 0 && !w.open[depth-1].started {
		b.WriteByte('>')
		w.open[depth-1].started = true
	}
	started, err := w.element(b, t, r, depth == 0)
	if err != nil {
		return err
	}
	w.open = append(w.open, explicitOpen{tag: tag, name: t.name, started: started})
	return nil
}

// closeTo closes the open elements deeper than n.
func (w *explicitWriter) closeTo(b *strings.Builder, n int) {
	for len(w.open) > n {
		o := w.open[len(w.open)-1]
		if o.started {
			b.WriteString("</" + o.name + ">")
		} else {
			b.WriteString("/>")
		}
		w.open = w.open[:len(w.open)-1]
	}
}

// element writes the start of t's element for r: its start tag, then its
// content, leaving it open for the rows nested in it. It reports whether
// the start tag was ended with '>'.
func (w *explicitWriter) element(b *strings.Builder, t *explicitTag, r Row, top bool) (bool, error) {
	b.WriteString("<" + t.name)
	if top && w.opts.root == "" {
		b.WriteString(w.opts.decls)
	}
	for _, c := range t.cols {
		v := r[c.idx]
		if c.kind != explicitAttr || v.IsNull() || c.isXML {
			continue
		}
		b.WriteString(" " + c.attr + `="`)
		if err := writeXMLValue(b, v, true, c.attr); err != nil {
			return false, err
		}
		b.WriteByte('"')
	}
	// An unnamed overflow document's attributes follow the tag's own.
	var overflow []xmlTextDoc
	for _, c := range t.cols {
		if c.kind != explicitXMLText || r[c.idx].IsNull() {
			continue
		}
		d, err := parseXMLText(r[c.idx].Str(), c.attr)
		if err != nil {
			return false, err
		}
		overflow = append(overflow, d)
		if c.attr != "" {
			continue
		}
		for _, a := range d.attrs {
			if !t.attrs[a.name] {
				b.WriteString(" " + a.name + `="` + a.raw + `"`)
			}
		}
	}
	started := false
	begin := func() {
		if !started {
			b.WriteByte('>')
			started = true
		}
	}
	for _, c := range t.cols {
		v := r[c.idx]
		if c.kind == explicitHide || c.kind == explicitAttr && !c.isXML {
			continue
		}
		if v.IsNull() {
			if c.xsinil {
				begin()
				b.WriteString("<" + c.attr + ` xsi:nil="true"/>`)
			}
			continue
		}
		begin()
		switch c.kind {
		case explicitXMLText:
			d := overflow[0]
			overflow = overflow[1:]
			if c.attr == "" {
				b.WriteString(d.content)
				continue
			}
			b.WriteString("<" + c.attr)
			for _, a := range d.attrs {
				b.WriteString(" " + a.name + `="` + a.raw + `"`)
			}
			if d.content == "" {
				b.WriteString("/>")
			} else {
				b.WriteString(">" + d.content + "</" + c.attr + ">")
			}
			continue
		case explicitText:
			if err := writeXMLValue(b, v, false, t.name); err != nil {
				return false, err
			}
			continue
		}
		if c.attr != "" {
			b.WriteString("<" + c.attr + ">")
		}
		switch c.kind {
		case explicitXML:
			if err := writeXMLRaw(b, v); err != nil {
				return false, err
			}
		case explicitCDATA:
			var raw strings.Builder
			if err := writeXMLRaw(&raw, v); err != nil {
				return false, err
			}
			// A section cannot hold "]]>": end it after the first ']'.
			b.WriteString("<![CDATA[" + strings.ReplaceAll(raw.String(), "]]>", "]]]><![CDATA[]>") + "]]>")
		default: // element, or an xml column with an attribute name
			if err := writeXMLValue(b, v, false, c.attr); err != nil {
				return false, err
			}
		}
		if c.attr != "" {
			b.WriteString("</" + c.attr + ">")
		}
	}
	return started, nil
}

// writeXMLRaw writes v as text without escaping (the xml and cdata
// directives): strings as they are, other types as FOR XML formats them.
func writeXMLRaw(b *strings.Builder, v types.Value) error {
	if id := v.TypeID(); id.IsString() || id == types.XML {
		b.WriteString(v.Str())
		return nil
	}
	return writeXMLValue(b, v, false, "")
}
