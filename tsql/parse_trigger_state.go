package tsql

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// atTriggerState reports ENABLE TRIGGER or DISABLE TRIGGER at the cursor
// (ENABLE and DISABLE are not reserved words).
func (p *parser) atTriggerState() bool {
	return (p.isWord("ENABLE") || p.isWord("DISABLE")) && p.peek(1).Kind == token.TRIGGER
}

// triggerStateStmt parses { ENABLE | DISABLE } TRIGGER { name [, …] | ALL }
// ON { object | DATABASE | ALL SERVER }.
func (p *parser) triggerStateStmt() ast.Statement {
	from := p.tok.Pos
	s := &ast.TriggerStateStmt{Enable: p.isWord("ENABLE")}
	p.next()
	p.expect(token.TRIGGER)
	if p.got(token.ALL) {
		s.All = true
	} else {
		for {
			s.Names = append(s.Names, p.name())
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	p.expect(token.ON)
	switch {
	case p.got(token.DATABASE):
		s.Database = true
	case p.is(token.ALL):
		p.next()
		if !p.gotWord("SERVER") {
			p.fail("SERVER")
		}
		s.Server = true
	default:
		s.Table = p.name()
	}
	s.Span = p.span(from)
	return s
}

// alterTableTrigger parses the { ENABLE | DISABLE } TRIGGER { ALL | name
// [, …] } action of ALTER TABLE.
func (p *parser) alterTableTrigger(from token.Pos) ast.AlterTableAction {
	a := &ast.AlterTableTrigger{Enable: p.isWord("ENABLE")}
	p.next()
	p.expect(token.TRIGGER)
	if p.got(token.ALL) {
		a.All = true
	} else {
		a.Names = p.identList()
	}
	a.Span = p.span(from)
	return a
}

// alterSchemaStmt parses ALTER SCHEMA name TRANSFER [class ::] securable
// (the cursor is on SCHEMA).
func (p *parser) alterSchemaStmt(from token.Pos) ast.Statement {
	p.expect(token.SCHEMA)
	s := &ast.AlterSchemaStmt{Name: p.ident()}
	if !p.gotWord("TRANSFER") {
		p.fail("TRANSFER")
	}
	switch {
	case (p.isWord("OBJECT") || p.isWord("TYPE")) && p.peek(1).Kind == token.COLONCOLON:
		s.Class = strings.ToUpper(p.tok.Text)
		p.next()
		p.next()
	case p.isWord("XML") && p.peek(1).Kind == token.SCHEMA:
		p.next()
		p.next()
		if !p.gotWord("COLLECTION") {
			p.fail("COLLECTION")
		}
		p.expect(token.COLONCOLON)
		s.Class = "XML SCHEMA COLLECTION"
	}
	s.Object = p.name()
	s.Span = p.span(from)
	return s
}

// alterAuthorization parses ALTER AUTHORIZATION ON [class ::] entity TO
// { principal | SCHEMA OWNER } (the cursor is on AUTHORIZATION). The class
// is one to three words before :: (OBJECT, SCHEMA, DATABASE, ROLE, SERVER
// ROLE, XML SCHEMA COLLECTION, …), kept upper-cased with single spaces.
func (p *parser) alterAuthorization(from token.Pos) ast.Statement {
	p.expect(token.AUTHORIZATION)
	p.expect(token.ON)
	s := &ast.AlterAuthorizationStmt{}
	for n := 1; n <= 3; n++ {
		if p.peek(n).Kind != token.COLONCOLON {
			continue
		}
		words := make([]string, 0, n)
		for i := 0; i < n; i++ {
			if p.tok.Kind == token.IDENT && p.tok.Quoted {
				p.fail("a securable class")
			}
			words = append(words, strings.ToUpper(p.tok.Text))
			p.next()
		}
		p.expect(token.COLONCOLON)
		s.Class = strings.Join(words, " ")
		break
	}
	s.Object = p.name()
	p.expect(token.TO)
	if p.is(token.SCHEMA) && isWordTok(p.peek(1), "OWNER") {
		p.next()
		p.next()
		s.SchemaOwner = true
	} else {
		s.Principal = p.ident()
	}
	s.Span = p.span(from)
	return s
}

// alterTableRebuild parses ALTER TABLE's REBUILD [PARTITION = ALL | n]
// [WITH (options)] action (the cursor is on REBUILD).
func (p *parser) alterTableRebuild(from token.Pos) ast.AlterTableAction {
	p.next()
	a := &ast.AlterTableRebuild{}
	if p.gotWord("PARTITION") {
		p.expect(token.EQ)
		if p.got(token.ALL) {
			a.All = true
		} else {
			a.Partition = p.expr()
		}
	}
	if p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
		p.next()
		p.next()
		for {
			a.Options = append(a.Options, p.option(false))
			if !p.got(token.COMMA) {
				break
			}
		}
		p.expect(token.RPAREN)
	}
	a.Span = p.span(from)
	return a
}
