package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// cursorOptions are the Transact-SQL extended DECLARE CURSOR options.
var cursorOptions = map[string]bool{
	"LOCAL": true, "GLOBAL": true, "FORWARD_ONLY": true, "SCROLL": true, "STATIC": true,
	"KEYSET": true, "DYNAMIC": true, "FAST_FORWARD": true, "READ_ONLY": true,
	"SCROLL_LOCKS": true, "OPTIMISTIC": true, "TYPE_WARNING": true,
}

// declareCursor parses DECLARE name CURSOR [options] FOR query [FOR READ
// ONLY | FOR UPDATE [OF cols]] after DECLARE.
func (p *parser) declareCursor(from token.Pos) ast.Statement {
	s := &ast.DeclareCursorStmt{Name: p.ident()}
	// The ISO form, DECLARE name [INSENSITIVE] [SCROLL] CURSOR FOR …,
	// takes none of the Transact-SQL options after CURSOR. INSENSITIVE is
	// a STATIC (read-only) cursor; without SCROLL an ISO cursor fetches
	// NEXT only.
	if p.isWord("INSENSITIVE") || p.isWord("SCROLL") {
		if p.gotWord("INSENSITIVE") {
			s.Options = append(s.Options, "STATIC")
		}
		if p.gotWord("SCROLL") {
			s.Options = append(s.Options, "SCROLL")
		} else {
			s.Options = append(s.Options, "FORWARD_ONLY")
		}
		if !p.is(token.CURSOR) || p.peek(1).Kind != token.FOR {
			p.expect(token.CURSOR)
			p.fail("FOR")
		}
	}
	p.cursorDef(from, s)
	return s
}

// cursorDef parses CURSOR [options] FOR query [FOR READ ONLY | FOR UPDATE
// [OF cols]] into s, for DECLARE name CURSOR and SET @var = CURSOR.
func (p *parser) cursorDef(from token.Pos, s *ast.DeclareCursorStmt) {
	p.expect(token.CURSOR)
	for !p.is(token.FOR) {
		w := p.word()
		if !cursorOptions[w] || p.tok.Kind != token.IDENT {
			p.fail("cursor option or FOR")
		}
		s.Options = append(s.Options, w)
		p.next()
	}
	p.expect(token.FOR)
	s.Query = p.query()
	if p.is(token.FOR) {
		p.next()
		if p.got(token.READ) {
			p.expectWord("ONLY")
			s.ReadOnly = true
		} else {
			p.expect(token.UPDATE)
			s.ForUpdate = true
			if p.got(token.OF) {
				s.UpdateColumns = p.identList()
			}
		}
	}
	s.Span = p.span(from)
}

// cursorRef parses [GLOBAL] name or @cursor_variable.
func (p *parser) cursorRef() *ast.CursorRef {
	from := p.tok.Pos
	c := &ast.CursorRef{}
	switch {
	case p.is(token.VARIABLE):
		c.Var = &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}
		p.next()
	case p.isWord("GLOBAL") && p.peek(1).Kind == token.IDENT:
		p.next()
		c.Global = true
		c.Name = p.ident()
	default:
		c.Name = p.ident()
	}
	c.Span = p.span(from)
	return c
}

func (p *parser) openStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.OPEN)
	return &ast.OpenStmt{Cursor: p.cursorRef(), Span: p.span(from)}
}

func (p *parser) closeStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.CLOSE)
	return &ast.CloseStmt{Cursor: p.cursorRef(), Span: p.span(from)}
}

func (p *parser) deallocateStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.DEALLOCATE)
	return &ast.DeallocateStmt{Cursor: p.cursorRef(), Span: p.span(from)}
}

// fetchStmt parses FETCH [[NEXT|PRIOR|FIRST|LAST|ABSOLUTE n|RELATIVE n]
// FROM] cursor [INTO @v, …].
func (p *parser) fetchStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.FETCH)
	s := &ast.FetchStmt{}
	switch w := p.word(); w {
	case "NEXT", "PRIOR", "FIRST", "LAST":
		if p.peek(1).Kind == token.FROM {
			s.Direction = w
			p.next()
		}
	case "ABSOLUTE", "RELATIVE":
		if p.tok.Kind == token.IDENT && p.peek(1).Kind != token.INTO && p.peek(1).Kind != token.SEMICOLON && p.peek(1).Kind != token.EOF {
			s.Direction = w
			p.next()
			s.Offset = p.additive()
			if !p.is(token.FROM) {
				p.fail("FROM")
			}
		}
	}
	if p.got(token.FROM) && s.Direction == "" {
		s.Direction = "NEXT"
	}
	s.Cursor = p.cursorRef()
	if p.got(token.INTO) {
		for {
			if !p.is(token.VARIABLE) {
				p.fail("variable")
			}
			s.Into = append(s.Into, &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text})
			p.next()
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	s.Span = p.span(from)
	return s
}
