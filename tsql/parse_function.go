package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// createFunction parses the three forms of CREATE FUNCTION (see
// ast.CreateFunctionStmt) after CREATE/ALTER [OR ALTER].
func (p *parser) createFunction(from token.Pos, mode ast.CreateMode) ast.Statement {
	p.expect(token.FUNCTION)
	s := &ast.CreateFunctionStmt{Mode: mode, Name: p.name()}
	p.expect(token.LPAREN)
	if p.is(token.VARIABLE) {
		for {
			s.Params = append(s.Params, p.procParam())
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	p.expect(token.RPAREN)
	p.expectWord("RETURNS")
	switch {
	case p.is(token.TABLE):
		p.next()
	case p.is(token.VARIABLE):
		s.ReturnVar = p.tok.Text
		p.next()
		tf := p.tok.Pos
		p.expect(token.TABLE)
		s.ReturnTable = &ast.CreateTableStmt{}
		p.tableElements(s.ReturnTable)
		s.ReturnTable.Span = p.span(tf)
	default:
		s.Returns = p.dataType()
	}
	if p.got(token.WITH) {
		for {
			s.Options = append(s.Options, p.functionOption())
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	p.got(token.AS)
	if s.Returns == nil && s.ReturnTable == nil {
		p.expect(token.RETURN)
		if p.got(token.LPAREN) {
			s.Query = p.query()
			p.expect(token.RPAREN)
		} else {
			s.Query = p.query()
		}
	} else {
		p.expect(token.BEGIN)
		s.Body = p.statementsUntil(func() bool { return p.is(token.END) })
		p.expect(token.END)
	}
	s.Span = p.span(from)
	return s
}

// functionOption parses one WITH option of CREATE FUNCTION, returned as
// upper-case text: SCHEMABINDING, ENCRYPTION, RETURNS NULL ON NULL INPUT,
// CALLED ON NULL INPUT, EXECUTE AS CALLER|SELF|OWNER|'user', INLINE = ON|OFF.
func (p *parser) functionOption() string {
	w := p.anyWord("function option")
	switch w {
	case "RETURNS", "CALLED":
		if w == "RETURNS" {
			p.expect(token.NULL)
			w += " NULL"
		}
		p.expect(token.ON)
		p.expect(token.NULL)
		p.expectWord("INPUT")
		return w + " ON NULL INPUT"
	case "EXECUTE", "EXEC":
		return p.moduleExecuteAs() // parse_execas.go
	case "INLINE":
		p.expect(token.EQ)
		return "INLINE = " + p.anyWord("ON or OFF")
	}
	return w
}
