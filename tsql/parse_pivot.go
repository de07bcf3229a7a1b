package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// pivots parses any PIVOT (…) AS alias and UNPIVOT (…) AS alias that follow
// the table source t, each applying to everything before it:
//
//	t PIVOT (agg(value) FOR column IN ([v1], [v2] …)) [AS] alias
//	t UNPIVOT (value FOR column IN (c1, c2 …)) [AS] alias
//
// The aggregate must be a call with one column as its argument; whether it
// is an aggregate, and
// whether the columns exist, is checked when the query is bound. The alias
// is required, as in SQL Server.
func (p *parser) pivots(t ast.TableExpr) ast.TableExpr {
	for p.is(token.PIVOT) || p.is(token.UNPIVOT) {
		from := t.Pos()
		if p.got(token.PIVOT) {
			p.expect(token.LPAREN)
			// SQL Server's grammar takes a column, not an expression or *,
			// as the aggregate's argument: agg ( column ).
			af := p.tok.Pos
			agg := &ast.FuncCall{Name: p.name()}
			p.expect(token.LPAREN)
			cf := p.tok.Pos
			col := &ast.ColumnRef{Name: p.name()}
			col.Span = p.span(cf)
			agg.Args = []ast.Expr{col}
			p.expect(token.RPAREN)
			agg.Span = p.span(af)
			pt := &ast.PivotTable{Source: t, Agg: agg}
			p.expect(token.FOR)
			pt.Column = p.ident()
			p.expect(token.IN)
			pt.In = p.parenIdentList()
			p.expect(token.RPAREN)
			if pt.Alias = p.alias(); pt.Alias == nil {
				p.fail("alias")
			}
			pt.Span = p.span(from)
			t = pt
			continue
		}
		p.next()
		p.expect(token.LPAREN)
		ut := &ast.UnpivotTable{Source: t, Value: p.ident()}
		p.expect(token.FOR)
		ut.Column = p.ident()
		p.expect(token.IN)
		ut.In = p.parenIdentList()
		p.expect(token.RPAREN)
		if ut.Alias = p.alias(); ut.Alias == nil {
			p.fail("alias")
		}
		ut.Span = p.span(from)
		t = ut
	}
	return t
}
