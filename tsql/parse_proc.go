package tsql

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// startsExpr reports whether the current token can begin an expression
// (used where an expression is optional: RETURN, EXEC arguments).
func (p *parser) startsExpr() bool {
	switch p.tok.Kind {
	case token.INT, token.DECIMAL, token.FLOAT, token.MONEY, token.STRING, token.NSTRING,
		token.BINARY, token.NULL, token.VARIABLE, token.SYSVAR, token.LPAREN, token.MINUS,
		token.PLUS, token.TILDE, token.CASE, token.EXISTS, token.CONVERT, token.TRY_CONVERT,
		token.COALESCE, token.NULLIF, token.LEFT, token.RIGHT, token.NOT:
		return true
	case token.IDENT:
		return !p.isWord("THROW") && p.peek(1).Kind != token.COLON
	}
	return niladic[p.tok.Kind]
}

func (p *parser) declareStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.DECLARE)
	if p.is(token.IDENT) && (p.peek(1).Kind == token.CURSOR || isWordTok(p.peek(1), "INSENSITIVE") || isWordTok(p.peek(1), "SCROLL")) {
		return p.declareCursor(from) // parse_cursor.go
	}
	d := &ast.DeclareStmt{}
	for {
		vf := p.tok.Pos
		if !p.is(token.VARIABLE) {
			p.fail("variable")
		}
		v := &ast.VarDecl{Name: p.tok.Text}
		p.next()
		p.got(token.AS)
		if p.is(token.CURSOR) {
			v.Type = &ast.DataType{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: "cursor"}
			p.next()
		} else if p.is(token.TABLE) {
			p.next()
			tf := p.tok.Pos
			v.Table = &ast.CreateTableStmt{}
			p.tableElements(v.Table)
			v.Table.Span = p.span(tf)
		} else {
			v.Type = p.dataType()
			if p.got(token.EQ) {
				v.Value = p.expr()
			}
		}
		v.Span = p.span(vf)
		d.Vars = append(d.Vars, v)
		if !p.got(token.COMMA) {
			break
		}
	}
	d.Span = p.span(from)
	return d
}

// setWordOptions take a bare word argument (SetWord).
var setWordOptions = map[string]bool{"DATEFORMAT": true, "LANGUAGE": true, "DEADLOCK_PRIORITY": true}

func (p *parser) setStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.SET)
	if p.is(token.VARIABLE) {
		s := &ast.SetVariableStmt{Var: &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}}
		p.next()
		if p.is(token.DOT) && isWordTok(p.peek(1), "MODIFY") && p.peek(2).Kind == token.LPAREN {
			// SET @x.modify('xml dml'): an assignment of the changed
			// document, as parse_dml.go's xmlModify does for a column.
			p.next()
			p.next()
			p.next()
			args := p.exprList()
			p.expect(token.RPAREN)
			s.Op = ast.AssignEq
			s.Value = &ast.XMLMethodExpr{Span: p.span(s.Var.Pos()), X: s.Var, Method: "MODIFY", Args: args}
			s.Span = p.span(from)
			return s
		}
		s.Op = assignOps[p.tok.Kind]
		if s.Op == 0 {
			p.fail("'='")
		}
		p.next()
		if s.Op == ast.AssignEq && p.is(token.CURSOR) {
			c := &ast.SetCursorStmt{Var: s.Var, Cursor: &ast.DeclareCursorStmt{}}
			p.cursorDef(p.tok.Pos, c.Cursor) // parse_cursor.go
			c.Span = p.span(from)
			return c
		}
		s.Value = p.expr()
		s.Span = p.span(from)
		return s
	}
	s := &ast.SetOptionStmt{}
	if p.is(token.TRANSACTION) {
		p.next()
		p.expectWord("ISOLATION")
		p.expectWord("LEVEL")
		s.Options = []string{"TRANSACTION ISOLATION LEVEL"}
		s.Kind = ast.SetWord
		switch {
		case p.is(token.READ):
			p.next()
			if p.gotWord("UNCOMMITTED") {
				s.Word = "READ UNCOMMITTED"
			} else {
				p.expectWord("COMMITTED")
				s.Word = "READ COMMITTED"
			}
		case p.gotWord("REPEATABLE"):
			p.expect(token.READ)
			s.Word = "REPEATABLE READ"
		case p.gotWord("SNAPSHOT"):
			s.Word = "SNAPSHOT"
		case p.gotWord("SERIALIZABLE"):
			s.Word = "SERIALIZABLE"
		default:
			p.fail("isolation level")
		}
		s.Span = p.span(from)
		return s
	}
	if p.is(token.IDENTITY_INSERT) {
		p.next()
		s.Options = []string{"IDENTITY_INSERT"}
		s.Table = p.name()
		s.Kind = ast.SetOnOff
		s.On = p.onOff()
		s.Span = p.span(from)
		return s
	}
	for {
		name := p.anyWord("SET option")
		if name == "STATISTICS" || name == "SHOWPLAN" {
			name += " " + p.anyWord("option")
		}
		s.Options = append(s.Options, name)
		if !p.got(token.COMMA) {
			break
		}
	}
	switch {
	case p.is(token.ON) || p.is(token.OFF):
		s.Kind = ast.SetOnOff
		s.On = p.onOff()
		for _, o := range s.Options {
			if o == "QUOTED_IDENTIFIER" {
				p.setQuotedIdentifier(s.On) // options.go
			}
		}
	case len(s.Options) == 1 && setWordOptions[s.Options[0]] && p.is(token.IDENT) && !p.tok.Quoted:
		s.Kind = ast.SetWord
		s.Word = strings.ToUpper(p.tok.Text)
		if s.Options[0] == "LANGUAGE" {
			s.Word = p.tok.Text // a name, echoed as typed by error 2740
		}
		p.next()
	case len(s.Options) == 1:
		s.Kind = ast.SetExpr
		s.Arg = p.expr()
	default:
		p.fail("ON or OFF")
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) onOff() bool {
	switch p.tok.Kind {
	case token.ON:
		p.next()
		return true
	case token.OFF:
		p.next()
		return false
	}
	p.fail("ON or OFF")
	return false
}

func (p *parser) ifStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.IF)
	s := &ast.IfStmt{Cond: p.expr()}
	s.Then = p.statement()
	if p.got(token.ELSE) {
		s.Else = p.statement()
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) whileStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.WHILE)
	s := &ast.WhileStmt{Cond: p.expr()}
	s.Body = p.statement()
	s.Span = p.span(from)
	return s
}

// statementsUntil parses statements until stop reports true (at EOF the
// caller's expect fails).
func (p *parser) statementsUntil(stop func() bool) []ast.Statement {
	var list []ast.Statement
	for !stop() && !p.is(token.EOF) {
		if p.got(token.SEMICOLON) {
			continue
		}
		list = append(list, p.statement())
	}
	return list
}

func (p *parser) beginStmt() ast.Statement {
	from := p.tok.Pos
	nt := p.peek(1)
	switch {
	case nt.Kind == token.TRAN || nt.Kind == token.TRANSACTION || nt.Kind == token.DISTRIBUTED:
		return p.tranStmt()
	case isWordTok(nt, "TRY"):
		p.next()
		p.next()
		s := &ast.TryCatchStmt{}
		s.Try = p.statementsUntil(func() bool { return p.is(token.END) && isWordTok(p.peek(1), "TRY") })
		p.expect(token.END)
		p.expectWord("TRY")
		p.expect(token.BEGIN)
		p.expectWord("CATCH")
		s.Catch = p.statementsUntil(func() bool { return p.is(token.END) && isWordTok(p.peek(1), "CATCH") })
		p.expect(token.END)
		p.expectWord("CATCH")
		s.Span = p.span(from)
		return s
	}
	p.next()
	b := &ast.BlockStmt{}
	b.Body = p.statementsUntil(func() bool { return p.is(token.END) })
	if len(b.Body) == 0 && p.is(token.END) {
		p.fail("a statement") // BEGIN END is 102 near 'END', as in SQL Server
	}
	p.expect(token.END)
	b.Span = p.span(from)
	return b
}

// tranName parses an optional transaction name or variable.
func (p *parser) tranName(s *ast.TransactionStmt) {
	switch {
	case p.is(token.VARIABLE):
		s.Var = &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}
		p.next()
	case p.is(token.IDENT) && p.startsExpr() && !p.atTriggerState():
		s.Name = p.ident()
	}
}

func (p *parser) tranStmt() ast.Statement {
	from := p.tok.Pos
	s := &ast.TransactionStmt{}
	kind := p.tok.Kind
	p.next()
	switch kind {
	case token.BEGIN:
		s.Kind = ast.BeginTran
		s.Distributed = p.got(token.DISTRIBUTED)
		if !p.got(token.TRAN) {
			p.expect(token.TRANSACTION)
		}
		p.tranName(s)
		if p.is(token.WITH) && isWordTok(p.peek(1), "MARK") {
			p.next()
			p.next()
			s.Mark = true
			if p.is(token.STRING) || p.is(token.NSTRING) || p.is(token.VARIABLE) {
				s.MarkDescription = p.primary()
			}
		}
	case token.SAVE:
		s.Kind = ast.SaveTran
		if !p.got(token.TRAN) {
			p.expect(token.TRANSACTION)
		}
		p.tranName(s)
		if s.Name == nil && s.Var == nil {
			p.fail("savepoint name")
		}
	default:
		s.Kind = ast.CommitTran
		if kind == token.ROLLBACK {
			s.Kind = ast.RollbackTran
		}
		switch {
		case p.gotWord("WORK"):
			s.Work = true
		case p.got(token.TRAN) || p.got(token.TRANSACTION):
			p.tranName(s)
		}
		// COMMIT … WITH (DELAYED_DURABILITY = { OFF | ON }): every commit
		// is durable here, so the option is accepted and changes nothing.
		if s.Kind == ast.CommitTran && p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
			p.next()
			p.next()
			p.expectWord("DELAYED_DURABILITY")
			p.expect(token.EQ)
			if !p.got(token.ON) && !p.got(token.OFF) {
				p.fail("ON or OFF")
			}
			p.expect(token.RPAREN)
		}
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) returnStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.RETURN)
	s := &ast.ReturnStmt{}
	if p.startsExpr() {
		s.X = p.expr()
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) throwStmt() ast.Statement {
	from := p.tok.Pos
	p.expectWord("THROW")
	s := &ast.ThrowStmt{}
	if p.startsExpr() {
		s.Number = p.expr()
		p.expect(token.COMMA)
		s.Message = p.expr()
		p.expect(token.COMMA)
		s.State = p.expr()
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) raiserrorStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.RAISERROR)
	p.expect(token.LPAREN)
	s := &ast.RaiserrorStmt{Message: p.expr()}
	p.expect(token.COMMA)
	s.Severity = p.expr()
	p.expect(token.COMMA)
	s.State = p.expr()
	for p.got(token.COMMA) {
		s.Args = append(s.Args, p.expr())
	}
	p.expect(token.RPAREN)
	if p.got(token.WITH) {
		for {
			w := p.anyWord("NOWAIT, LOG or SETERROR")
			if w != "NOWAIT" && w != "LOG" && w != "SETERROR" {
				p.i--
				p.tok = p.toks[p.i]
				p.fail("NOWAIT, LOG or SETERROR")
			}
			s.Options = append(s.Options, w)
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) waitforStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.WAITFOR)
	s := &ast.WaitforStmt{}
	if p.gotWord("DELAY") {
		s.Delay = true
	} else {
		p.expectWord("TIME")
	}
	s.X = p.expr()
	s.Span = p.span(from)
	return s
}

func (p *parser) execStmt() ast.Statement {
	from := p.tok.Pos
	if !p.got(token.EXEC) {
		p.expect(token.EXECUTE)
	}
	if p.is(token.AS) {
		return p.executeAs(from)
	}
	if p.is(token.LPAREN) {
		p.next()
		s := &ast.ExecStmt{Dynamic: p.expr()}
		p.expect(token.RPAREN)
		if p.is(token.AS) && (isWordTok(p.peek(1), "LOGIN") || p.peek(1).Kind == token.USER) {
			// EXECUTE ('…') AS { LOGIN | USER } = 'name' (the EXECUTE
			// page's example M): the context of that batch only.
			afrom := p.tok.Pos
			p.next()
			a := &ast.ExecuteAsStmt{Kind: "USER"}
			if p.gotWord("LOGIN") {
				a.Kind = "LOGIN"
			} else {
				p.expect(token.USER)
			}
			p.expect(token.EQ)
			a.Name = p.expr()
			a.Span = p.span(afrom)
			s.As = a
		}
		if p.is(token.WITH) && isWordTok(p.peek(1), "RESULT") {
			p.next()
			s.ResultSets = p.resultSets()
		}
		s.Span = p.span(from)
		return s
	}
	return p.execBody(from)
}

// execBody parses [@rc =] procedure [args] [WITH RECOMPILE] after EXEC.
func (p *parser) execBody(from token.Pos) ast.Statement {
	s := &ast.ExecStmt{}
	if p.is(token.VARIABLE) && p.peek(1).Kind == token.EQ {
		s.Return = &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}
		p.next()
		p.next()
	}
	if p.is(token.VARIABLE) {
		s.ProcVar = &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}
		p.next()
	} else {
		s.Proc = p.name()
	}
	if p.startsExpr() || p.is(token.DEFAULT) {
		for {
			s.Args = append(s.Args, p.execArg())
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	if p.is(token.WITH) && (isWordTok(p.peek(1), "RECOMPILE") || isWordTok(p.peek(1), "RESULT")) {
		p.next()
		for {
			if p.gotWord("RECOMPILE") {
				s.Options = []string{"RECOMPILE"}
			} else {
				s.ResultSets = p.resultSets()
			}
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	s.Span = p.span(from)
	return s
}

// resultSets parses RESULT SETS { UNDEFINED | NONE | ( ( column … ) [, …] ) }
// (the EXECUTE page); the AS OBJECT, AS TYPE and AS FOR XML forms are not
// supported.
func (p *parser) resultSets() *ast.ResultSets {
	from := p.tok.Pos
	p.expectWord("RESULT")
	p.expectWord("SETS")
	r := &ast.ResultSets{}
	switch {
	case p.gotWord("UNDEFINED"):
		r.Undefined = true
	case p.gotWord("NONE"):
		r.None = true
	default:
		p.expect(token.LPAREN)
		for {
			dfrom := p.tok.Pos
			p.expect(token.LPAREN)
			d := &ast.ResultSetDef{}
			for {
				d.Columns = append(d.Columns, p.columnDef())
				if !p.got(token.COMMA) {
					break
				}
			}
			p.expect(token.RPAREN)
			d.Span = p.span(dfrom)
			r.Sets = append(r.Sets, d)
			if !p.got(token.COMMA) {
				break
			}
		}
		p.expect(token.RPAREN)
	}
	r.Span = p.span(from)
	return r
}

func (p *parser) execArg() *ast.ExecArg {
	from := p.tok.Pos
	a := &ast.ExecArg{}
	if p.is(token.VARIABLE) && p.peek(1).Kind == token.EQ {
		a.Name = p.tok.Text
		p.next()
		p.next()
	}
	a.Value = p.valueOrDefault()
	// A bare one-part identifier is a character constant in a procedure
	// call: EXEC sp_addtype id, 'varchar(11)' passes N'id', and
	// EXEC sp_help [my table] passes N'my table' (SQL Server's EXECUTE:
	// "the value can be an unquoted identifier"). Only the expression that is
	// exactly that name qualifies; id + 1 or dbo.id stay expressions.
	if c, ok := a.Value.(*ast.ColumnRef); ok && len(c.Name.Parts) == 1 {
		a.Value = &ast.Literal{Span: c.Span, Kind: ast.LitString, National: true, Text: ast.QuoteString(c.Name.Last(), true), Value: c.Name.Last()}
	}
	if p.gotWord("OUTPUT") || p.gotWord("OUT") {
		a.Output = true
	}
	a.Span = p.span(from)
	return a
}

// executeAs parses AS LOGIN|USER = name [WITH NO REVERT] | AS CALLER after
// EXECUTE.
func (p *parser) executeAs(from token.Pos) ast.Statement {
	p.expect(token.AS)
	s := &ast.ExecuteAsStmt{}
	switch {
	case p.gotWord("CALLER"):
		s.Kind = "CALLER"
	case p.gotWord("LOGIN"):
		s.Kind = "LOGIN"
	case p.got(token.USER):
		s.Kind = "USER"
	default:
		p.fail("LOGIN, USER or CALLER")
	}
	if s.Kind != "CALLER" {
		p.expect(token.EQ)
		s.Name = p.expr()
		switch {
		case p.is(token.WITH) && isWordTok(p.peek(1), "NO"):
			p.next()
			p.next()
			p.expect(token.REVERT)
			s.NoRevert = true
		case p.is(token.WITH) && isWordTok(p.peek(1), "COOKIE"):
			p.next()
			p.next()
			p.expect(token.INTO)
			s.Cookie = p.tok.Text
			p.expect(token.VARIABLE)
		}
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) updateStatistics() ast.Statement {
	from := p.tok.Pos
	p.expect(token.UPDATE)
	p.expect(token.STATISTICS)
	s := &ast.UpdateStatisticsStmt{Table: p.name()}
	switch {
	case p.is(token.LPAREN):
		s.Statistics = p.parenIdentList()
	case p.is(token.IDENT) && !p.isWord("THROW") && p.peek(1).Kind != token.COLON:
		// One name without parentheses, as IndexOptimize writes it:
		// UPDATE STATISTICS [db].[dbo].[t] [ix] WITH FULLSCAN.
		s.Statistics = []*ast.Ident{p.ident()}
	}
	if p.got(token.WITH) {
		s.Options = p.statisticsOptions()
	}
	s.Span = p.span(from)
	return s
}

// statisticsOptions parses the WITH list of UPDATE / CREATE STATISTICS.
func (p *parser) statisticsOptions() []*ast.Option {
	var opts []*ast.Option
	{
		for {
			o := p.option(false)
			if o.Name == "SAMPLE" && o.Value == nil && o.Word == "" {
				// SAMPLE n PERCENT | ROWS: the amount and unit as one word.
				n := p.additive()
				if !p.is(token.PERCENT) && !p.isWord("ROWS") {
					p.fail("PERCENT or ROWS")
				}
				o.Word = ast.Format(n) + " " + p.anyWord("")
				o.Span = p.span(o.Pos())
			}
			opts = append(opts, o)
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	return opts
}
