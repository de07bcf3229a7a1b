package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// System-versioned temporal tables (ast/temporal.go): the period column
// clause, PERIOD FOR SYSTEM_TIME, SYSTEM_VERSIONING and FOR SYSTEM_TIME.

// atPeriod reports PERIOD FOR … among table elements: PERIOD alone may be a
// column's name.
func (p *parser) atPeriod() bool {
	return p.isWord("PERIOD") && p.peek(1).Kind == token.FOR
}

// periodDef parses PERIOD FOR SYSTEM_TIME (start, end).
func (p *parser) periodDef() *ast.PeriodDef {
	from := p.tok.Pos
	p.expectWord("PERIOD")
	p.expect(token.FOR)
	p.expectWord("SYSTEM_TIME")
	p.expect(token.LPAREN)
	d := &ast.PeriodDef{StartCol: p.ident()}
	p.expect(token.COMMA)
	d.EndCol = p.ident()
	p.expect(token.RPAREN)
	d.Span = p.span(from)
	return d
}

// generatedAlways parses GENERATED ALWAYS AS ROW START|END [HIDDEN] into c.
func (p *parser) generatedAlways(c *ast.ColumnDef) {
	p.expectWord("GENERATED")
	p.expectWord("ALWAYS")
	p.expect(token.AS)
	p.expectWord("ROW")
	switch {
	case p.gotWord("START"):
		c.Generated = ast.GeneratedRowStart
	case p.got(token.END):
		c.Generated = ast.GeneratedRowEnd
	default:
		p.fail("START or END")
	}
	if p.gotWord("HIDDEN") {
		c.Hidden = true
	}
}

// systemVersioning parses SYSTEM_VERSIONING = ON [(…)] | OFF.
func (p *parser) systemVersioning() *ast.SystemVersioning {
	from := p.tok.Pos
	p.expectWord("SYSTEM_VERSIONING")
	p.expect(token.EQ)
	v := &ast.SystemVersioning{}
	if p.got(token.OFF) {
		v.Span = p.span(from)
		return v
	}
	p.expect(token.ON)
	v.On = true
	if p.got(token.LPAREN) {
		for {
			if p.gotWord("HISTORY_TABLE") {
				p.expect(token.EQ)
				v.History = p.name()
			} else {
				v.Options = append(v.Options, p.versioningOption())
			}
			if !p.got(token.COMMA) {
				break
			}
		}
		p.expect(token.RPAREN)
	}
	v.Span = p.span(from)
	return v
}

// versioningOption parses DATA_CONSISTENCY_CHECK = ON|OFF or
// HISTORY_RETENTION_PERIOD = INFINITE | n unit, kept as written.
func (p *parser) versioningOption() *ast.Option {
	from := p.tok.Pos
	o := &ast.Option{Name: p.anyWord("HISTORY_TABLE, DATA_CONSISTENCY_CHECK or HISTORY_RETENTION_PERIOD")}
	p.expect(token.EQ)
	if p.is(token.INT) {
		n := p.tok.Text
		p.next()
		o.Word = n + " " + p.anyWord("a retention unit")
	} else {
		o.Word = p.anyWord("ON, OFF or INFINITE")
	}
	o.Span = p.span(from)
	return o
}

// createTableOptions parses CREATE TABLE's WITH (option [, …]):
// SYSTEM_VERSIONING, and the storage options (DATA_COMPRESSION = PAGE …) in
// Options.
func (p *parser) createTableOptions(t *ast.CreateTableStmt) {
	p.expect(token.WITH)
	p.expect(token.LPAREN)
	for {
		if p.isWord("SYSTEM_VERSIONING") {
			t.Versioning = p.systemVersioning()
		} else {
			t.Options = append(t.Options, p.option(false))
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
}

// alterTableSet parses SET (option [, …]) of ALTER TABLE from SET.
func (p *parser) alterTableSet(from token.Pos) ast.AlterTableAction {
	p.expect(token.SET)
	p.expect(token.LPAREN)
	a := &ast.AlterTableSet{}
	for {
		if p.isWord("SYSTEM_VERSIONING") {
			a.Versioning = p.systemVersioning()
		} else {
			a.Options = append(a.Options, p.option(false))
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
	a.Span = p.span(from)
	return a
}

// atSystemTime reports FOR SYSTEM_TIME after a table name.
func (p *parser) atSystemTime() bool {
	return p.is(token.FOR) && isWordTok(p.peek(1), "SYSTEM_TIME")
}

// systemTime parses FOR SYSTEM_TIME AS OF t | FROM a TO b | BETWEEN a AND
// b | CONTAINED IN (a, b) | ALL.
func (p *parser) systemTime() *ast.SystemTime {
	from := p.tok.Pos
	p.expect(token.FOR)
	p.expectWord("SYSTEM_TIME")
	st := &ast.SystemTime{}
	switch {
	case p.got(token.AS):
		p.expect(token.OF)
		st.Kind, st.Lower = ast.SystemTimeAsOf, p.unary()
	case p.got(token.FROM):
		st.Kind, st.Lower = ast.SystemTimeFromTo, p.unary()
		p.expect(token.TO)
		st.Upper = p.unary()
	case p.got(token.BETWEEN):
		st.Kind, st.Lower = ast.SystemTimeBetween, p.unary()
		p.expect(token.AND)
		st.Upper = p.unary()
	case p.gotWord("CONTAINED"):
		p.expect(token.IN)
		p.expect(token.LPAREN)
		st.Kind, st.Lower = ast.SystemTimeContainedIn, p.expr()
		p.expect(token.COMMA)
		st.Upper = p.expr()
		p.expect(token.RPAREN)
	case p.got(token.ALL):
		st.Kind = ast.SystemTimeAll
	default:
		p.fail("AS OF, FROM, BETWEEN, CONTAINED IN or ALL")
	}
	st.Span = p.span(from)
	return st
}

// atPeriodAfterDrop reports DROP PERIOD FOR SYSTEM_TIME in ALTER TABLE.
func (p *parser) atPeriodAfterDrop() bool {
	return isWordTok(p.peek(1), "PERIOD") && p.peek(2).Kind == token.FOR
}

// periodWords parses PERIOD FOR SYSTEM_TIME.
func (p *parser) periodWords() {
	p.expectWord("PERIOD")
	p.expect(token.FOR)
	p.expectWord("SYSTEM_TIME")
}
