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

// xml data type methods on an expression (ast.XMLMethodExpr).
//
// Only value() is evaluated, and only with the XPath forms that the
// string-aggregation idiom of DBA scripts uses:
//
//	STUFF((SELECT N',' + name … FOR XML PATH(''), TYPE).value(N'.[1]', N'nvarchar(max)'), 1, 1, N'')
//
// '.', '.[1]', '(.)[1]', '/' and '(/)[1]' give the string value of the
// whole document (all its character data, entities decoded, in document
// order); 'text()[1]', '(text())[1]', './text()[1]', '(./text())[1]' and
// their '/'-rooted forms give its first top-level text node (NULL when
// there is none, as in SQL Server). The result is converted to the type
// named by the second argument as CONVERT would. Any other path, and the
// query(), exist() and nodes() methods, fail with 40508 (not supported)
// rather than return a wrong answer.

// xmlWholeDoc and xmlFirstText are the accepted value() paths (spaces
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

func (c *compiler) xmlMethod(e *ast.XMLMethodExpr) (*expr, error) {
	if e.Method != "VALUE" {
		return nil, ErrNotSupported.New(`The xml data type method "` + strings.ToLower(e.Method) + `"`)
	}
	if len(e.Args) != 2 {
		return nil, ErrWrongArgCount.New(strings.ToLower(e.Method), 2)
	}
	var lits [2]string
	for i, a := range e.Args {
		l, ok := a.(*ast.Literal)
		if !ok || l.Kind != ast.LitString {
			return nil, errXMLMethodLiteral.New(i+1, strings.ToLower(e.Method))
		}
		lits[i] = l.Value
	}
	path := strings.Join(strings.Fields(lits[0]), "")
	whole, first := xmlWholeDoc[path], xmlFirstText[path]
	if !whole && !first {
		return nil, ErrNotSupported.New("The XQuery path '" + lits[0] + "' in value()")
	}
	dt, err := tsql.ParseDataType(lits[1])
	if err != nil {
		return nil, err
	}
	t, err := castType(dt)
	if err != nil {
		return nil, err
	}
	in, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
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
	return &expr{typ: t, col: -1, eval: eval}, nil
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
