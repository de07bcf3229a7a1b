package exec

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// xml data type methods on an expression (ast.XMLMethodExpr): value(),
// query() and exist(); nodes() is a table source (xmlnodes.go).
//
// value() with the paths of the string-aggregation idiom of DBA scripts
//
//	STUFF((SELECT N',' + name … FOR XML PATH(''), TYPE).value(N'.[1]', N'nvarchar(max)'), 1, 1, N'')
//
// takes a fast path that reads the text without building a tree: '.',
// '.[1]', '(.)[1]', '/' and '(/)[1]' give the string value of the whole
// document (all its character data, entities decoded, in document order);
// 'text()[1]', '(text())[1]', './text()[1]', '(./text())[1]' and their
// '/'-rooted forms give its first top-level text node (NULL when there is
// none, as in SQL Server). Every other XQuery goes through xmlxpath.go.
// value()'s result is converted to the type named by its second argument
// as CONVERT would; an empty result is NULL.

// xmlWholeDoc and xmlFirstText are the fast value() paths (spaces
// removed), by meaning.
var (
	xmlWholeDoc  = map[string]bool{".": true, ".[1]": true, "(.)[1]": true, "/": true, "(/)[1]": true}
	xmlFirstText = map[string]bool{
		"text()[1]": true, "(text())[1]": true, "./text()[1]": true, "(./text())[1]": true,
		"/text()[1]": true, "(/text())[1]": true,
	}
)

var (
	errXMLMethodLiteral = errorKind{8172, 16, 1, `The argument %d of the XML data type method "%s" must be a string literal.`, AbortStatement}
	// errXMLParse carries encoding/xml's description, not SQL Server's
	// exact "XML parsing: line l, character c, …" text.
	errXMLParse = errorKind{9400, 16, 1, "XML parsing: %s", AbortStatement}
)

// xmlMethodArgs checks a method's argument count and that each argument
// is a string literal (8172), and returns their values.
func xmlMethodArgs(e *ast.XMLMethodExpr, n int) ([]string, error) {
	m := strings.ToLower(e.Method)
	if len(e.Args) != n {
		return nil, ErrWrongArgCount.New(m, n)
	}
	lits := make([]string, n)
	for i, a := range e.Args {
		l, ok := a.(*ast.Literal)
		if !ok || l.Kind != ast.LitString {
			return nil, errXMLMethodLiteral.New(i+1, m)
		}
		lits[i] = l.Value
	}
	return lits, nil
}

func (c *compiler) xmlMethod(e *ast.XMLMethodExpr) (*expr, error) {
	if e.Method == "WRITE" {
		return c.lobWrite(e) // lobwrite.go: not an xml method
	}
	verb := "SELECT"
	if e.Method == "MODIFY" {
		verb = "UPDATE"
	}
	if err := c.s.requireQuotedIdentifier(verb); err != nil { // quoted_ident_required.go
		return nil, err
	}
	var lits []string
	var err error
	switch e.Method {
	case "VALUE":
		lits, err = xmlMethodArgs(e, 2)
	case "QUERY", "EXIST":
		lits, err = xmlMethodArgs(e, 1)
	case "MODIFY":
		return c.xmlModify(e) // xmlmodify.go
	default:
		return nil, ErrNotSupported.New(`The xml data type method "` + strings.ToLower(e.Method) + `" in an expression`)
	}
	if err != nil {
		return nil, err
	}
	in, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
	nodeCtx := in.typ.ID == types.XML && in.typ.Length == xmlContextLength
	var t types.Type
	switch e.Method {
	case "VALUE":
		dt, err := tsql.ParseDataType(lits[1])
		if err != nil {
			return nil, err
		}
		if t, err = castType(dt); err != nil {
			return nil, err
		}
		path := strings.Join(strings.Fields(lits[0]), "")
		// A nodes() column's whole-document string value is its node's.
		if whole, first := xmlWholeDoc[path], xmlFirstText[path]; whole || (first && !nodeCtx) {
			return xmlValueFast(c, in, t, first), nil
		}
	case "QUERY":
		t = types.Type{ID: types.XML, Length: types.MaxLength}
	case "EXIST":
		t = types.TypeBit
	}
	q, err := c.compileXQuery(strings.ToLower(e.Method), lits[0])
	if err != nil {
		return nil, err
	}
	opts := types.ConvertOptions{DateFormat: c.s.Opts.DateFormat}
	method := e.Method
	eval := func(ec *evalCtx, row Row) (types.Value, error) {
		v, err := in.eval(ec, row)
		if err != nil || v.IsNull() {
			return types.Null(t.ID), err
		}
		doc, err := parseXMLContext(v.Str(), nodeCtx)
		if err != nil {
			return types.Value{}, err
		}
		xe, err := q.expr(ec, row)
		if err != nil {
			return types.Value{}, err
		}
		items, err := q.run(xe, doc)
		if err != nil {
			return types.Value{}, err
		}
		switch method {
		case "EXIST":
			return types.NewBit(len(items) > 0), nil
		case "QUERY":
			var b strings.Builder
			for _, it := range items {
				b.WriteString(it.xml())
			}
			return types.NewString(types.XML, b.String()), nil
		}
		if len(items) == 0 {
			return types.Null(t.ID), nil
		}
		return types.ConvertWith(types.NewString(types.NVarChar, items[0].str()), t, 0, opts)
	}
	return &expr{typ: t, col: -1, eval: eval}, nil
}

// xmlValueFast is value() with a whole-document or first-text path.
func xmlValueFast(c *compiler, in *expr, t types.Type, first bool) *expr {
	opts := types.ConvertOptions{DateFormat: c.s.Opts.DateFormat}
	eval := func(ec *evalCtx, row Row) (types.Value, error) {
		v, err := in.eval(ec, row)
		if err != nil || v.IsNull() {
			return types.Null(t.ID), err
		}
		s, ok, err := xmlStringValue(v.Str(), first)
		if err != nil {
			return types.Value{}, err
		}
		if !ok {
			return types.Null(t.ID), nil
		}
		return types.ConvertWith(types.NewString(types.NVarChar, s), t, 0, opts)
	}
	return &expr{typ: t, col: -1, eval: eval}
}

// xmlStringValue returns the string value of an XML document or fragment:
// all its character data, or with firstText only its first top-level text
// node (ok false when it has none).
func xmlStringValue(doc string, firstText bool) (s string, ok bool, err error) {
	d := xml.NewDecoder(strings.NewReader(doc))
	var b strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", false, errXMLParse.New(err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if !firstText {
				b.Write(t)
				ok = true
			} else if depth == 0 {
				return string(t), true, nil
			}
		}
	}
	return b.String(), ok || !firstText, nil
}

// columnXMLMethod compiles col.value(…), t.col.exist(…) …, which parse as a
// call of a multi-part function name, as the xml method of that column
// when the name without its last part is a column in scope, as SQL Server
// resolves it (ok false otherwise: then it names a user-defined function).
func (c *compiler) columnXMLMethod(f *ast.FuncCall) (x *expr, ok bool, err error) {
	parts := f.Name.Parts
	if len(parts) < 2 || !ast.IsXMLMethod(parts[len(parts)-1].Name) || f.Over != nil || f.Distinct || f.Star {
		return nil, false, nil
	}
	colName := &ast.Name{Span: f.Name.Span, Parts: parts[:len(parts)-1]}
	col := &ast.ColumnRef{Span: colName.Span, Name: colName}
	if _, err := c.expr(col); err != nil {
		return nil, false, nil
	}
	m := &ast.XMLMethodExpr{Span: f.Span, X: col, Method: strings.ToUpper(parts[len(parts)-1].Name), Args: f.Args}
	x, err = c.xmlMethod(m)
	return x, true, err
}
