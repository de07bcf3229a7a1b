package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The xml nodes() method as a table source:
//
//	SELECT t.c.value('.', 'int') FROM @x.nodes('/r/i') AS t(c)
//	SELECT d.id, i.c.value('@a', 'int') FROM dbo.docs AS d CROSS APPLY d.doc.nodes('/r/i') AS i(c)
//
// One row per node the XQuery selects, in document order, with the one
// column the alias names. The column holds the node's subtree and its type
// is marked (xmlContextLength) so value(), query(), exist() and nodes() on
// it start at the node, as SQL Server's context node does. The source is
// opened per outer row, so under CROSS/OUTER APPLY it reads the outer
// row's xml.

// columnXMLNodes compiles tbl.col.nodes('…') alias(c), which parses as a
// call of a multi-part function name, when the name without its last part
// is a column in scope (ok false otherwise).
func (s *Session) columnXMLNodes(t *ast.TableFunc, outer *scope) (src *source, ok bool, err error) {
	parts := t.Call.Name.Parts
	if len(parts) < 2 || !strings.EqualFold(parts[len(parts)-1].Name, "NODES") || t.Call.Star || t.Call.Distinct || t.With != nil {
		return nil, false, nil
	}
	n := &ast.Name{Span: t.Call.Name.Span, Parts: parts[:len(parts)-1]}
	col := &ast.ColumnRef{Span: n.Span, Name: n}
	c := &compiler{s: s, sc: &scope{outer: outer}}
	if _, err := c.expr(col); err != nil {
		return nil, false, nil
	}
	m := &ast.XMLMethodExpr{Span: t.Call.Span, X: col, Method: "NODES", Args: t.Call.Args}
	src, err = s.buildXMLNodes(m, t.Alias, t.Columns, outer)
	return src, true, err
}

// buildXMLNodes compiles X.nodes('xquery') AS alias(column).
func (s *Session) buildXMLNodes(m *ast.XMLMethodExpr, alias *ast.Ident, cols []*ast.Ident, outer *scope) (*source, error) {
	if alias == nil || len(cols) != 1 {
		return nil, ErrNotSupported.New("The nodes() method without an alias and one column (AS t(c))")
	}
	if err := s.requireQuotedIdentifier("SELECT"); err != nil { // quoted_ident_required.go
		return nil, err
	}
	lits, err := xmlMethodArgs(m, 1)
	if err != nil {
		return nil, err
	}
	c := &compiler{s: s, sc: &scope{outer: outer}}
	in, err := c.expr(m.X)
	if err != nil {
		return nil, err
	}
	if in.typ.ID != types.XML && !in.typ.ID.IsString() {
		return nil, ErrNotSupported.New("The nodes() method on type " + in.typ.ID.Name())
	}
	nodeCtx := in.typ.ID == types.XML && in.typ.Length == xmlContextLength
	q, err := c.compileXQuery("nodes", lits[0])
	if err != nil {
		return nil, err
	}
	sc := &scope{outer: outer, cols: []scopeCol{{
		qual: strings.ToLower(alias.Name), name: cols[0].Name,
		typ: types.Type{ID: types.XML, Length: xmlContextLength}, idx: 0,
	}}}
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		v, err := in.eval(ec, nil)
		if err != nil || v.IsNull() {
			return &sliceIter{}, err
		}
		doc, err := parseXMLContext(v.Str(), nodeCtx)
		if err != nil {
			return nil, err
		}
		xe, err := q.expr(ec, nil)
		if err != nil {
			return nil, err
		}
		items, err := q.run(xe, doc)
		if err != nil {
			return nil, err
		}
		rows := make([]Row, 0, len(items))
		for _, it := range items {
			rows = append(rows, Row{types.NewString(types.XML, it.xml())})
		}
		return &sliceIter{rows: rows}, nil
	}}, nil
}
