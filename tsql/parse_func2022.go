package tsql

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// Built-ins whose arguments are not a plain list: TRIM's 2017 and 2022
// forms, JSON_OBJECT's key:value pairs and the NULL clause of JSON_OBJECT
// and JSON_ARRAY (2022), PARSE and TRY_PARSE (2012). Each parses into an
// ast.FuncCall whose special fields record the form, so the executor
// resolves them like other calls.

// specialCall parses the call at the current identifier when it is one
// of the special forms, and reports whether it was.
func (p *parser) specialCall() (ast.Expr, bool) {
	if p.peek(1).Kind != token.LPAREN || p.tok.Quoted {
		return nil, false
	}
	switch strings.ToUpper(p.tok.Text) {
	case "TRIM":
		return p.trimCall(), true
	case "JSON_OBJECT", "JSON_ARRAY":
		return p.jsonCall(), true
	case "PARSE", "TRY_PARSE":
		return p.parseCall(), true
	}
	return nil, false
}

// callName consumes the function name token and the opening parenthesis.
func (p *parser) callName() *ast.FuncCall {
	t := p.tok
	p.next()
	p.expect(token.LPAREN)
	sp := ast.Span{From: t.Pos, To: t.End}
	return &ast.FuncCall{Name: &ast.Name{Span: sp, Parts: []*ast.Ident{{Span: sp, Name: strings.ToUpper(t.Text)}}}}
}

// trimCall parses TRIM([LEADING|TRAILING|BOTH] [chars FROM] s). The
// keyword is a keyword only when an expression follows it, so a column
// named "both" still reads as TRIM(both).
func (p *parser) trimCall() ast.Expr {
	from := p.tok.Pos
	f := p.callName()
	if w := strings.ToUpper(p.tok.Text); p.isWord(w) && (w == "LEADING" || w == "TRAILING" || w == "BOTH") {
		switch p.peek(1).Kind {
		case token.RPAREN, token.COMMA, token.FROM, token.DOT:
		default:
			f.Trim = w
			p.next()
		}
	}
	x := p.expr()
	if p.got(token.FROM) {
		f.TrimFrom = true
		s := p.expr()
		f.Args = []ast.Expr{s, x}
	} else {
		f.Args = []ast.Expr{x}
		for p.got(token.COMMA) { // TRIM(a, b) is refused by the executor's arity check
			f.Args = append(f.Args, p.expr())
		}
	}
	p.expect(token.RPAREN)
	f.Span = p.span(from)
	return f
}

// jsonNullClause parses NULL ON NULL or ABSENT ON NULL when it comes next.
func (p *parser) jsonNullClause(f *ast.FuncCall) bool {
	if (p.is(token.NULL) || p.isWord("ABSENT")) && p.peek(1).Kind == token.ON && p.peek(2).Kind == token.NULL {
		f.JSONNull = strings.ToUpper(p.tok.Text)
		p.next()
		p.next()
		p.next()
		return true
	}
	return false
}

// jsonCall parses JSON_OBJECT([k:v [, …]] [json_null_clause]) and
// JSON_ARRAY([v [, …]] [json_null_clause]).
func (p *parser) jsonCall() ast.Expr {
	from := p.tok.Pos
	object := strings.EqualFold(p.tok.Text, "JSON_OBJECT")
	f := p.callName()
	f.JSONPairs = object
	if !p.is(token.RPAREN) && !p.jsonNullClause(f) {
		for {
			f.Args = append(f.Args, p.expr())
			if object {
				p.expect(token.COLON)
				f.Args = append(f.Args, p.expr())
			}
			if p.jsonNullClause(f) || !p.got(token.COMMA) {
				break
			}
		}
	}
	p.expect(token.RPAREN)
	f.Span = p.span(from)
	return f
}

// parseCall parses PARSE(s AS type [USING culture]) and TRY_PARSE(…).
func (p *parser) parseCall() ast.Expr {
	from := p.tok.Pos
	f := p.callName()
	f.Args = []ast.Expr{p.expr()}
	p.expect(token.AS)
	f.As = p.dataType()
	if p.gotWord("USING") {
		f.Args = append(f.Args, p.expr())
	}
	p.expect(token.RPAREN)
	f.Span = p.span(from)
	return f
}
