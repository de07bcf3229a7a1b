package tsql

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// queryHint parses one hint of OPTION (…). Most are WORD [value] (see
// option); OPTIMIZE FOR and USE HINT have their own shapes:
//
//	OPTIMIZE FOR UNKNOWN
//	OPTIMIZE FOR ( @v UNKNOWN | @v = literal [, …] )
//	USE HINT ( 'name' [, …] )
//
// ORMs and data-access code send them (Dapper users add OPTIMIZE FOR
// UNKNOWN against parameter sniffing). They only steer SQL Server's
// optimizer, so the parser keeps them as Name (OPTIMIZE, USE) and Word,
// the rest of the hint in canonical text (FOR UNKNOWN, FOR (@a = 5),
// HINT ('…')), which the formatter prints back as written.
func (p *parser) queryHint() *ast.Option {
	from := p.tok.Pos
	switch {
	case p.isWord("OPTIMIZE") && p.peek(1).Kind == token.FOR:
		p.next()
		p.next()
		o := &ast.Option{Name: "OPTIMIZE", Word: "FOR"}
		if p.gotWord("UNKNOWN") {
			o.Word = "FOR UNKNOWN"
			o.Span = p.span(from)
			return o
		}
		p.expect(token.LPAREN)
		var items []string
		for {
			item := p.tok.Text
			p.expect(token.VARIABLE)
			if p.gotWord("UNKNOWN") {
				item += " UNKNOWN"
			} else {
				p.expect(token.EQ)
				item += " = " + ast.Format(p.expr())
			}
			items = append(items, item)
			if !p.got(token.COMMA) {
				break
			}
		}
		p.expect(token.RPAREN)
		o.Word = "FOR (" + strings.Join(items, ", ") + ")"
		o.Span = p.span(from)
		return o
	case p.is(token.USE) && isWordTok(p.peek(1), "HINT"):
		p.next()
		p.next()
		p.expect(token.LPAREN)
		var names []string
		for {
			if !p.is(token.STRING) && !p.is(token.NSTRING) {
				p.expect(token.STRING) // fails: a hint name is a string
			}
			names = append(names, ast.Format(p.expr()))
			if !p.got(token.COMMA) {
				break
			}
		}
		p.expect(token.RPAREN)
		return &ast.Option{Span: p.span(from), Name: "USE", Word: "HINT (" + strings.Join(names, ", ") + ")"}
	}
	return p.option(true)
}

// oldStyleHints lists the table hints SQL Server still accepts in
// parentheses without WITH (FROM t (NOLOCK)): a deprecated form that much
// existing application code uses.
var oldStyleHints = map[string]bool{
	"NOLOCK": true, "READUNCOMMITTED": true, "READCOMMITTED": true, "READCOMMITTEDLOCK": true, "REPEATABLEREAD": true,
	"SERIALIZABLE": true, "HOLDLOCK": true, "UPDLOCK": true, "XLOCK": true, "ROWLOCK": true, "PAGLOCK": true,
	"TABLOCK": true, "TABLOCKX": true, "READPAST": true, "NOWAIT": true,
}

// atOldStyleHints reports whether the parser is at "(" followed by one or
// more such hints separated by commas and ")": then the parentheses are
// table hints, not a table-valued function's arguments.
func (p *parser) atOldStyleHints() bool {
	if !p.is(token.LPAREN) {
		return false
	}
	for i := 1; ; i += 2 {
		t := p.peek(i)
		if t.Kind != token.IDENT || t.Quoted || !oldStyleHints[strings.ToUpper(t.Text)] {
			return false
		}
		switch p.peek(i + 1).Kind {
		case token.RPAREN:
			return true
		case token.COMMA:
		default:
			return false
		}
	}
}
