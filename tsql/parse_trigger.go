package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// createTrigger parses a DML trigger after CREATE/ALTER [OR ALTER]; its body
// is every statement to the end of the batch, as for procedures.
func (p *parser) createTrigger(from token.Pos, mode ast.CreateMode) ast.Statement {
	p.expect(token.TRIGGER)
	s := &ast.CreateTriggerStmt{Mode: mode, Name: p.name()}
	p.expect(token.ON)
	if p.got(token.DATABASE) {
		return p.ddlTrigger(from, s) // parse_ddl_trigger.go
	}
	s.Table = p.name()
	p.triggerOptions(s)
	switch {
	case p.got(token.FOR):
		s.For = true
	case p.gotWord("AFTER"):
	case p.gotWord("INSTEAD"):
		p.expect(token.OF)
		s.InsteadOf = true
	default:
		p.fail("AFTER, FOR or INSTEAD OF")
	}
	for {
		switch p.tok.Kind {
		case token.INSERT, token.UPDATE, token.DELETE:
			s.Events = append(s.Events, p.word())
			p.next()
		default:
			p.fail("INSERT, UPDATE or DELETE")
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.AS)
	s.Body = p.statementsUntil(func() bool { return false })
	s.Span = p.span(from)
	return s
}

// createSequence parses CREATE or ALTER SEQUENCE after CREATE/ALTER;
// options may come in any order.
func (p *parser) createSequence(from token.Pos, alter bool) ast.Statement {
	p.expectWord("SEQUENCE")
	s := &ast.CreateSequenceStmt{Name: p.name(), Alter: alter}
	if !alter && p.got(token.AS) {
		s.Type = p.dataType()
	}
	for {
		switch {
		case alter && p.gotWord("RESTART"):
			s.Restart = true
			if p.got(token.WITH) {
				s.RestartAt = p.signedNumber()
			}
		case !alter && p.gotWord("START"):
			p.expect(token.WITH)
			s.Start = p.signedNumber()
		case p.gotWord("INCREMENT"):
			p.expect(token.BY)
			s.Increment = p.signedNumber()
		case p.gotWord("MINVALUE"):
			s.Min = p.signedNumber()
		case p.gotWord("MAXVALUE"):
			s.Max = p.signedNumber()
		case p.gotWord("CYCLE"):
			s.Cycle = true
		case p.gotWord("CACHE"):
			if p.is(token.INT) {
				s.Cache = p.literal()
			}
		case p.gotWord("NO"):
			switch p.word() {
			case "CACHE":
				s.NoCache = true
			case "MINVALUE":
				s.NoMin = true
			case "MAXVALUE":
				s.NoMax = true
			case "CYCLE":
				s.NoCycle = true
			default:
				p.fail("MINVALUE, MAXVALUE, CYCLE or CACHE")
			}
			p.next()
		default:
			s.Span = p.span(from)
			return s
		}
	}
}

// nextValue parses NEXT VALUE FOR sequence in an expression.
func (p *parser) nextValue() ast.Expr {
	from := p.tok.Pos
	p.expectWord("NEXT")
	p.expectWord("VALUE")
	p.expect(token.FOR)
	e := &ast.NextValueExpr{Sequence: p.name()}
	if p.is(token.OVER) {
		e.Over = p.overClause()
	}
	e.Span = p.span(from)
	return e
}

// triggerOptions parses a trigger's WITH options (ENCRYPTION, EXECUTE AS …,
// NATIVE_COMPILATION, SCHEMABINDING), DML and DDL triggers alike.
func (p *parser) triggerOptions(s *ast.CreateTriggerStmt) {
	if !p.got(token.WITH) {
		return
	}
	for {
		w := p.anyWord("trigger option")
		if w == "EXECUTE" || w == "EXEC" {
			w = p.moduleExecuteAs() // parse_execas.go
		}
		s.Options = append(s.Options, w)
		if !p.got(token.COMMA) {
			break
		}
	}
}
