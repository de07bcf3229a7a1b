package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SELECT … FOR XML PATH[('row')]: column names are XPath steps relative to
// the row element, as SQL Server maps them ("Use PATH Mode with FOR XML"):
//
//	name, a/b/c    an element (nested in a, b); consecutive columns whose
//	               paths share a prefix share its elements, so a/b, a/c is
//	               <a><b>…</b><c>…</c></a> and x, x is <x>……</x>
//	@x, a/@x       an attribute of the row element or of a; it must come
//	               before anything else the element holds (6852)
//	text()         a text node; data() an atomic value, separated from the
//	               atomic value before it by a space ("1 2 3" across rows)
//	no name, *,    the value inline: xml as markup, anything else as text
//	node()
//	comment(), processing-instruction(t)   a comment, a processing instruction
//
// NULLs are left out (an element that would hold nothing but NULLs is not
// written) unless ELEMENTS XSINIL, which writes a NULL element column as
// <x xsi:nil="true"/>. PATH('') leaves the row element out. The names are
// checked when the query is planned, with SQL Server's errors (6849 …
// 6864); the rows are then written in one pass without intermediate
// strings, which keeps the PATH('') concatenation idiom cheap.

// pathColKind is what a FOR XML PATH column becomes.
type pathColKind uint8

const (
	pathElement pathColKind = iota // the last element of elems holds the value
	pathAttr                       // attribute name of the innermost element (or row)
	pathText                       // text()
	pathData                       // data()
	pathInline                     // unnamed, *, node()
	pathComment                    // comment()
	pathPI                         // processing-instruction(name)
)

// pathCol is one result column of a FOR XML PATH query.
type pathCol struct {
	idx   int // result column
	kind  pathColKind
	ids   []int    // element instances on its path, outermost first
	names []string // their names
	name  string   // attribute name or processing-instruction target
	node  string   // the column's name for error 6841
	isXML bool
}

func (s *Session) buildForXMLPath(q *ast.Query, outer *scope) (*plan, error) {
	opts, p, err := s.forXMLSource(q, outer)
	if err != nil {
		return nil, err
	}
	cols, err := pathColumns(p.cols, opts.rowName)
	if err != nil {
		return nil, err
	}
	for _, c := range cols {
		if c.kind != pathElement && c.kind != pathAttr {
			continue
		}
		for _, n := range append(append([]string(nil), c.names...), c.name) {
			if err := checkXMLPrefix(q, n, "column", p.cols[c.idx].name); err != nil {
				return nil, err
			}
		}
	}
	return opts.documentPlan(p, func() (func(*strings.Builder, Row) error, func(*strings.Builder)) {
		w := &pathWriter{opts: &opts, cols: cols}
		return w.row, nil
	}), nil
}

// pathColumns maps the visible result columns to what they become, and
// decides which consecutive columns share elements.
func pathColumns(rc []scopeCol, rowName string) ([]pathCol, error) {
	var cols []pathCol
	var prevNames []string
	var prevIDs []int
	nextID := 0
	// content marks the element instances (-1: the row element) that
	// something other than an attribute has been written into.
	content := map[int]bool{}
	// attrs holds the attributes given to each element instance so far.
	attrs := map[int]map[string]bool{}
	for i, c := range rc {
		if c.hidden {
			continue
		}
		pc, err := parsePathColumn(c.name)
		if err != nil {
			return nil, err
		}
		pc.idx, pc.node = i, c.name
		pc.isXML = c.typ.ID == types.XML
		switch {
		case pc.isXML && pc.kind == pathAttr:
			return nil, errForXMLAttrType.New(c.name)
		case pc.isXML && (pc.kind == pathText || pc.kind == pathData || pc.kind == pathComment || pc.kind == pathPI):
			return nil, errForXMLNodeTestXML.New(c.name)
		}
		k := 0
		for k < len(prevNames) && k < len(pc.names) && prevNames[k] == pc.names[k] {
			k++
		}
		pc.ids = append(append([]int(nil), prevIDs[:k]...), make([]int, len(pc.names)-k)...)
		for j := k; j < len(pc.names); j++ {
			pc.ids[j] = nextID
			nextID++
		}
		prevNames, prevIDs = pc.names, pc.ids
		target := -1
		if len(pc.ids) > 0 {
			target = pc.ids[len(pc.ids)-1]
		}
		if pc.kind == pathAttr {
			if content[target] {
				return nil, errForXMLAttrAfter.New(c.name)
			}
			if target == -1 && rowName == "" {
				return nil, errForXMLNoRowTagAttr.New()
			}
			if attrs[target] == nil {
				attrs[target] = map[string]bool{}
			}
			if attrs[target][pc.name] {
				return nil, errForXMLRepeatedAttr.New(c.name)
			}
			attrs[target][pc.name] = true
			content[-1] = content[-1] || len(pc.ids) > 0
			for _, id := range pc.ids[:max(len(pc.ids)-1, 0)] {
				content[id] = true
			}
		} else {
			content[-1] = true
			for _, id := range pc.ids {
				content[id] = true
			}
		}
		cols = append(cols, pc)
	}
	return cols, nil
}

// parsePathColumn splits a column name into its element steps and what
// its last step is, with SQL Server's errors for names it refuses.
func parsePathColumn(name string) (pathCol, error) {
	if name == "" {
		return pathCol{kind: pathInline}, nil
	}
	if strings.HasPrefix(name, "/") || strings.HasSuffix(name, "/") || strings.Contains(name, "//") {
		return pathCol{}, errForXMLPathSlash.New(name)
	}
	steps := strings.Split(name, "/")
	last := steps[len(steps)-1]
	pc := pathCol{names: steps[:len(steps)-1]}
	switch {
	case strings.HasPrefix(last, "@"):
		pc.kind, pc.name = pathAttr, last[1:]
		if pc.name == "" {
			return pathCol{}, errForXMLBadName.New(name, '@', '@')
		}
		if r, bad := badXMLName(pc.name); bad {
			return pathCol{}, errForXMLBadName.New(name, r, r)
		}
	case last == "text()":
		pc.kind = pathText
	case last == "data()":
		pc.kind = pathData
	case last == "node()" || last == "*":
		pc.kind = pathInline
	case last == "comment()":
		pc.kind = pathComment
	case strings.HasPrefix(last, "processing-instruction"):
		target, ok := strings.CutPrefix(last, "processing-instruction(")
		if ok {
			target, ok = strings.CutSuffix(target, ")")
		}
		if _, bad := badXMLName(target); !ok || target == "" || bad {
			return pathCol{}, errForXMLBadPI.New(name)
		}
		pc.kind, pc.name = pathPI, target
	default:
		pc.kind = pathElement
		pc.names = steps
	}
	for _, st := range pc.names {
		if st == "" {
			return pathCol{}, errForXMLPathSlash.New(name)
		}
		if r, bad := badXMLName(st); bad {
			return pathCol{}, errForXMLBadName.New(name, r, r)
		}
	}
	return pc, nil
}

// pathWriter writes the rows of a FOR XML PATH query.
type pathWriter struct {
	opts  *forXMLOptions
	cols  []pathCol
	open  []int    // element instances open below the row element
	names []string // their names
	// pending: the innermost open start tag still lacks its '>' (it may
	// take attributes, or close as <x/>). atomic: the last thing written
	// was a data() value.
	pending, atomic bool
}

func (w *pathWriter) row(b *strings.Builder, r Row) error {
	o := w.opts
	if o.rowName != "" {
		b.WriteByte('<')
		b.WriteString(o.rowName)
		if o.root == "" {
			b.WriteString(o.decls)
		}
		w.pending, w.atomic = true, false
	}
	for i := range w.cols {
		c := &w.cols[i]
		v := r[c.idx]
		if v.IsNull() {
			if o.xsinil && c.kind == pathElement {
				w.moveTo(b, c.ids[:len(c.ids)-1], c.names)
				w.startTag(b, c.names[len(c.names)-1], len(c.ids) == 1)
				b.WriteString(` xsi:nil="true"/>`)
				w.pending = false
			}
			continue
		}
		w.moveTo(b, c.ids, c.names)
		if c.kind == pathAttr {
			if !w.pending {
				return errForXMLAttrAfter.New(c.node)
			}
			b.WriteByte(' ')
			b.WriteString(c.name)
			b.WriteString(`="`)
			if err := writeXMLValue(b, v, true, c.node); err != nil {
				return err
			}
			b.WriteByte('"')
			continue
		}
		w.endStartTag(b)
		switch c.kind {
		case pathData:
			if w.atomic {
				b.WriteByte(' ')
			}
			if err := writeXMLValue(b, v, false, c.node); err != nil {
				return err
			}
			w.atomic = true
			continue
		case pathComment, pathPI:
			t, err := asText(v)
			if err != nil {
				return err
			}
			// Markup is not escaped here (sp_WhoIsActive shows query text
			// as <?query --…--?>), but what XML does not allow is refused.
			if r, bad := badXMLChar(t); bad {
				return errForXMLBadChar.New(c.node, r)
			}
			if c.kind == pathComment {
				b.WriteString("<!--" + t + "-->")
			} else {
				b.WriteString("<?" + c.name + " " + t + "?>")
			}
		default:
			if err := writeXMLValue(b, v, false, c.node); err != nil {
				return err
			}
		}
		w.atomic = false
	}
	w.moveTo(b, nil, nil)
	if o.rowName != "" {
		if w.pending {
			b.WriteString("/>")
		} else {
			b.WriteString("</" + o.rowName + ">")
		}
		w.pending, w.atomic = false, false
	}
	return nil
}

// moveTo closes the open elements that are not on path ids and opens the
// ones that are not open yet (leaving the innermost start tag pending).
func (w *pathWriter) moveTo(b *strings.Builder, ids []int, names []string) {
	k := 0
	for k < len(w.open) && k < len(ids) && w.open[k] == ids[k] {
		k++
	}
	for len(w.open) > k {
		l := len(w.open) - 1
		if w.pending {
			b.WriteString("/>")
			w.pending = false
		} else {
			b.WriteString("</" + w.names[l] + ">")
		}
		w.open, w.names = w.open[:l], w.names[:l]
		w.atomic = false
	}
	for j := k; j < len(ids); j++ {
		w.startTag(b, names[j], j == 0)
		w.open, w.names = append(w.open, ids[j]), append(w.names, names[j])
	}
}

// startTag writes "<name" after ending the pending start tag; without a
// row element or ROOT, each top-level element carries the namespace
// declarations itself.
func (w *pathWriter) startTag(b *strings.Builder, name string, top bool) {
	w.endStartTag(b)
	b.WriteByte('<')
	b.WriteString(name)
	if top && w.opts.rowName == "" && w.opts.root == "" {
		b.WriteString(w.opts.decls)
	}
	w.pending, w.atomic = true, false
}

func (w *pathWriter) endStartTag(b *strings.Builder) {
	if w.pending {
		b.WriteByte('>')
		w.pending = false
	}
}
