package tsql

import (
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// Operator precedence (Transact-SQL reference, "Operator precedence"), from
// loosest: OR; AND; NOT; comparison and the predicates BETWEEN, IN, LIKE,
// IS NULL, quantified comparisons; + - & ^ | ; * / % ; unary + - ~ ; COLLATE.

func (p *parser) expr() ast.Expr {
	p.enter()
	defer p.leave()
	return p.orExpr()
}

func (p *parser) orExpr() ast.Expr {
	x := p.andExpr()
	n := 0
	for p.is(token.OR) {
		p.link(&n)
		p.next()
		y := p.andExpr()
		x = &ast.BinaryExpr{Span: ast.Span{From: x.Pos(), To: y.End()}, Op: ast.OpOr, X: x, Y: y}
	}
	return x
}

func (p *parser) andExpr() ast.Expr {
	x := p.notExpr()
	n := 0
	for p.is(token.AND) {
		p.link(&n)
		p.next()
		y := p.notExpr()
		x = &ast.BinaryExpr{Span: ast.Span{From: x.Pos(), To: y.End()}, Op: ast.OpAnd, X: x, Y: y}
	}
	return x
}

func (p *parser) notExpr() ast.Expr {
	if p.is(token.NOT) {
		from := p.tok.Pos
		p.next()
		p.enter()
		x := p.notExpr()
		p.leave()
		return &ast.UnaryExpr{Span: ast.Span{From: from, To: x.End()}, Op: ast.OpNot, X: x}
	}
	return p.predicate()
}

var compareOps = map[token.Kind]ast.BinaryOp{
	token.EQ: ast.OpEq, token.NE: ast.OpNe, token.LT: ast.OpLt, token.LE: ast.OpLe,
	token.GT: ast.OpGt, token.GE: ast.OpGe, token.NLT: ast.OpNotLt, token.NGT: ast.OpNotGt,
}

func (p *parser) predicate() ast.Expr {
	x := p.additive()
	n := 0
	for {
		p.link(&n)
		from := x.Pos()
		if op, ok := compareOps[p.tok.Kind]; ok {
			p.next()
			var q ast.Quantifier
			switch p.tok.Kind {
			case token.ALL:
				q = ast.QuantAll
			case token.ANY:
				q = ast.QuantAny
			case token.SOME:
				q = ast.QuantSome
			}
			if q != 0 {
				p.next()
				p.expect(token.LPAREN)
				query := p.query()
				p.expect(token.RPAREN)
				x = &ast.QuantifiedExpr{Span: p.span(from), X: x, Op: op, Quantifier: q, Query: query}
				continue
			}
			y := p.additive()
			x = &ast.BinaryExpr{Span: ast.Span{From: from, To: y.End()}, Op: op, X: x, Y: y}
			continue
		}
		not := false
		if p.is(token.NOT) {
			switch p.peek(1).Kind {
			case token.IN, token.BETWEEN, token.LIKE:
				not = true
				p.next()
			}
		}
		switch p.tok.Kind {
		case token.IS:
			p.next()
			n := p.got(token.NOT)
			if p.got(token.DISTINCT) {
				p.expect(token.FROM)
				y := p.additive()
				x = &ast.DistinctExpr{Span: p.span(from), X: x, Not: n, Y: y}
				continue
			}
			p.expect(token.NULL)
			x = &ast.IsNullExpr{Span: p.span(from), X: x, Not: n}
		case token.IN:
			p.next()
			in := &ast.InExpr{X: x, Not: not}
			p.expect(token.LPAREN)
			if p.startsQuery() {
				in.Query = p.query()
			} else {
				in.List = p.exprList()
			}
			p.expect(token.RPAREN)
			in.Span = p.span(from)
			x = in
		case token.BETWEEN:
			p.next()
			lo := p.additive()
			p.expect(token.AND)
			hi := p.additive()
			x = &ast.BetweenExpr{Span: p.span(from), X: x, Not: not, Low: lo, High: hi}
		case token.LIKE:
			p.next()
			l := &ast.LikeExpr{X: x, Not: not, Pattern: p.additive()}
			if p.got(token.ESCAPE) {
				l.Escape = p.additive()
			}
			l.Span = p.span(from)
			x = l
		default:
			return x
		}
	}
}

var additiveOps = map[token.Kind]ast.BinaryOp{
	token.PLUS: ast.OpAdd, token.MINUS: ast.OpSub, token.AMP: ast.OpBitAnd,
	token.CARET: ast.OpBitXor, token.PIPE: ast.OpBitOr, token.SHL: ast.OpShiftLeft,
	token.SHR: ast.OpShiftRight,
}

func (p *parser) additive() ast.Expr {
	x := p.multiplicative()
	n := 0
	for {
		op, ok := additiveOps[p.tok.Kind]
		if !ok {
			return x
		}
		p.link(&n)
		p.next()
		y := p.multiplicative()
		x = &ast.BinaryExpr{Span: ast.Span{From: x.Pos(), To: y.End()}, Op: op, X: x, Y: y}
	}
}

func (p *parser) multiplicative() ast.Expr {
	x := p.unary()
	n := 0
	for {
		var op ast.BinaryOp
		switch p.tok.Kind {
		case token.STAR:
			op = ast.OpMul
		case token.SLASH:
			op = ast.OpDiv
		case token.PERCENTOP:
			op = ast.OpMod
		default:
			return x
		}
		p.link(&n)
		p.next()
		y := p.unary()
		x = &ast.BinaryExpr{Span: ast.Span{From: x.Pos(), To: y.End()}, Op: op, X: x, Y: y}
	}
}

func (p *parser) unary() ast.Expr {
	var op ast.UnaryOp
	switch p.tok.Kind {
	case token.MINUS:
		op = ast.OpNeg
	case token.PLUS:
		op = ast.OpPlus
	case token.TILDE:
		op = ast.OpBitNot
	default:
		return p.postfix(p.primary())
	}
	from := p.tok.Pos
	p.next()
	p.enter()
	x := p.unary()
	p.leave()
	return &ast.UnaryExpr{Span: ast.Span{From: from, To: x.End()}, Op: op, X: x}
}

// postfix applies xml methods called on a parenthesized expression, a
// subquery or a variable, as in (SELECT … FOR XML PATH, TYPE).value('.',
// 'nvarchar(max)') or @x.query('/a'), COLLATE and AT TIME ZONE.
func (p *parser) postfix(x ast.Expr) ast.Expr {
	n := 0
	for p.is(token.DOT) && p.peek(1).Kind == token.IDENT && ast.IsXMLMethod(p.peek(1).Text) && p.peek(2).Kind == token.LPAREN && xmlMethodTarget(x) {
		p.link(&n)
		p.next()
		m := strings.ToUpper(p.tok.Text)
		p.next()
		p.next()
		args := p.exprList()
		p.expect(token.RPAREN)
		x = &ast.XMLMethodExpr{Span: ast.Span{From: x.Pos(), To: p.prevEnd()}, X: x, Method: m, Args: args}
	}
	for {
		switch {
		case p.is(token.COLLATE):
			p.link(&n)
			p.next()
			c := p.ident()
			x = &ast.CollateExpr{Span: ast.Span{From: x.Pos(), To: c.End()}, X: x, Collation: c.Name}
		case p.isWord("AT") && isWordTok(p.peek(1), "TIME") && isWordTok(p.peek(2), "ZONE"):
			// x AT TIME ZONE zone (SQL Server 2016), chained left to right.
			p.link(&n)
			p.next()
			p.next()
			p.next()
			z := p.primary()
			x = &ast.AtTimeZoneExpr{Span: ast.Span{From: x.Pos(), To: z.End()}, X: x, Zone: z}
		default:
			return x
		}
	}
}

// xmlMethodTarget reports whether an xml method may be called on x
// directly (a column's method parses as a multi-part function name).
func xmlMethodTarget(x ast.Expr) bool {
	switch x.(type) {
	case *ast.ParenExpr, *ast.SubqueryExpr, *ast.Variable, *ast.XMLMethodExpr, *ast.CastExpr, *ast.ConvertExpr:
		return true
	case *ast.FuncCall:
		// EVENTDATA().value(…), as the EVENTDATA page's examples write it.
		f := x.(*ast.FuncCall)
		return len(f.Name.Parts) == 1 && strings.EqualFold(f.Name.Last(), "EVENTDATA")
	}
	return false
}

func (p *parser) exprList() []ast.Expr {
	xs := []ast.Expr{p.expr()}
	for p.got(token.COMMA) {
		xs = append(xs, p.expr())
	}
	return xs
}

// funcArgs parses a call's argument list, where DEFAULT stands for a
// user-defined function parameter's default value (dbo.f(1, DEFAULT)).
func (p *parser) funcArgs() []ast.Expr {
	var args []ast.Expr
	for {
		if p.is(token.DEFAULT) {
			args = append(args, &ast.DefaultExpr{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}})
			p.next()
		} else {
			args = append(args, p.expr())
		}
		if !p.got(token.COMMA) {
			return args
		}
	}
}

// subqueryIsOperand reports, at the first token inside parentheses that
// starts with a parenthesized query, whether that inner group is an operand
// of a larger expression rather than the whole query: in
// IF ((SELECT COUNT(*) FROM t) = 1 AND @x = 1) the token after the inner
// group's closing parenthesis is an operator, whereas in ((SELECT 1)) or
// ((SELECT 1) UNION (SELECT 2)) it closes the outer group or continues a
// query.
func (p *parser) subqueryIsOperand() bool {
	if !p.is(token.LPAREN) {
		return false
	}
	depth := 0
	for i := 0; ; i++ {
		switch p.peek(i).Kind {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if depth == 0 {
				switch p.peek(i + 1).Kind {
				case token.RPAREN, token.UNION, token.EXCEPT, token.INTERSECT, token.EOF:
					return false
				}
				return true
			}
		case token.EOF:
			return false
		}
	}
}

// startsQuery reports whether the current token starts a query (SELECT,
// WITH, or parentheses around one).
func (p *parser) startsQuery() bool {
	switch p.tok.Kind {
	case token.SELECT, token.WITH:
		return true
	case token.LPAREN:
		for i := 1; i <= maxDepth; i++ {
			switch p.peek(i).Kind {
			case token.LPAREN:
				continue
			case token.SELECT, token.WITH:
				return true
			}
			return false
		}
	}
	return false
}

var literalKinds = map[token.Kind]ast.LitKind{
	token.INT: ast.LitInt, token.DECIMAL: ast.LitDecimal, token.FLOAT: ast.LitFloat,
	token.MONEY: ast.LitMoney, token.STRING: ast.LitString, token.NSTRING: ast.LitString,
	token.BINARY: ast.LitBinary,
}

// niladic lists the reserved words that are functions without parentheses.
var niladic = map[token.Kind]bool{
	token.CURRENT_TIMESTAMP: true, token.CURRENT_USER: true, token.SESSION_USER: true,
	token.SYSTEM_USER: true, token.USER: true, token.CURRENT_DATE: true, token.CURRENT_TIME: true,
}

func (p *parser) literal() *ast.Literal {
	t := p.tok
	k, ok := literalKinds[t.Kind]
	if !ok {
		p.fail("constant")
	}
	p.next()
	return &ast.Literal{Span: ast.Span{From: t.Pos, To: t.End}, Kind: k, National: t.Kind == token.NSTRING, Text: t.Text, Value: t.Value}
}

func (p *parser) primary() ast.Expr {
	t := p.tok
	from := t.Pos
	switch t.Kind {
	case token.INT, token.DECIMAL, token.FLOAT, token.MONEY, token.STRING, token.NSTRING, token.BINARY:
		return p.literal()
	case token.NULL:
		p.next()
		return &ast.NullLit{Span: ast.Span{From: from, To: t.End}}
	case token.VARIABLE:
		p.next()
		return &ast.Variable{Span: ast.Span{From: from, To: t.End}, Name: t.Text}
	case token.SYSVAR:
		p.next()
		return &ast.GlobalVar{Span: ast.Span{From: from, To: t.End}, Name: strings.ToUpper(t.Text)}
	case token.LPAREN:
		p.next()
		if p.startsQuery() && !p.subqueryIsOperand() {
			q := p.query()
			p.expect(token.RPAREN)
			return &ast.SubqueryExpr{Span: p.span(from), Query: q}
		}
		x := p.expr()
		p.expect(token.RPAREN)
		return &ast.ParenExpr{Span: p.span(from), X: x}
	case token.CASE:
		return p.caseExpr()
	case token.EXISTS:
		p.next()
		p.expect(token.LPAREN)
		q := p.query()
		p.expect(token.RPAREN)
		return &ast.ExistsExpr{Span: p.span(from), Query: q}
	case token.CONVERT, token.TRY_CONVERT:
		p.next()
		p.expect(token.LPAREN)
		c := &ast.ConvertExpr{Try: t.Kind == token.TRY_CONVERT, Type: p.dataType()}
		p.expect(token.COMMA)
		c.X = p.expr()
		if p.got(token.COMMA) {
			c.Style = p.expr()
		}
		p.expect(token.RPAREN)
		c.Span = p.span(from)
		return c
	case token.COALESCE, token.NULLIF, token.LEFT, token.RIGHT, token.UPDATE: // UPDATE(column) in triggers
		if p.peek(1).Kind != token.LPAREN {
			p.fail("'('")
		}
		p.next()
		name := &ast.Name{Span: ast.Span{From: from, To: t.End}, Parts: []*ast.Ident{{Span: ast.Span{From: from, To: t.End}, Name: strings.ToUpper(t.Text)}}}
		return p.funcCall(name)
	case token.PRECISION:
		// SQL Server takes the reserved word PRECISION unquoted as a column
		// name in an expression: the ALTER TABLE page's
		// SELECT name, max_length, precision, scale FROM sys.columns.
		if k := p.peek(1).Kind; k != token.DOT && k != token.LPAREN {
			id := p.identOrKeyword()
			return &ast.ColumnRef{Span: id.Span, Name: &ast.Name{Span: id.Span, Parts: []*ast.Ident{id}}}
		}
	case token.IDENT:
		if p.isWord("NEXT") && isWordTok(p.peek(1), "VALUE") && p.peek(2).Kind == token.FOR {
			return p.nextValue() // parse_trigger.go
		}
		if x, ok := p.specialCall(); ok { // parse_func2022.go
			return x
		}
		if (p.isWord("CAST") || p.isWord("TRY_CAST")) && p.peek(1).Kind == token.LPAREN {
			try := p.isWord("TRY_CAST")
			p.next()
			p.next()
			x := p.expr()
			p.expect(token.AS)
			typ := p.dataType()
			p.expect(token.RPAREN)
			return &ast.CastExpr{Span: p.span(from), Try: try, X: x, Type: typ}
		}
		if k := p.peek(1).Kind; k != token.DOT && k != token.LPAREN {
			return p.columnRef1()
		}
		name := p.name()
		if p.is(token.LPAREN) {
			return p.funcCall(name)
		}
		return &ast.ColumnRef{Span: name.Span, Name: name}
	}
	if niladic[t.Kind] {
		p.next()
		name := &ast.Name{Span: ast.Span{From: from, To: t.End}, Parts: []*ast.Ident{{Span: ast.Span{From: from, To: t.End}, Name: strings.ToUpper(t.Text)}}}
		return &ast.FuncCall{Span: p.span(from), Name: name, Niladic: true}
	}
	p.fail("expression")
	return nil
}

// funcCall parses (args) [OVER (…)] after a function name.
func (p *parser) funcCall(name *ast.Name) ast.Expr {
	f := &ast.FuncCall{Name: name}
	p.expect(token.LPAREN)
	switch {
	case p.is(token.STAR):
		p.next()
		f.Star = true
	case p.is(token.RPAREN):
	default:
		if p.got(token.DISTINCT) {
			f.Distinct = true
		} else {
			p.got(token.ALL)
		}
		f.Args = p.funcArgs()
	}
	p.expect(token.RPAREN)
	if p.isWord("WITHIN") && p.peek(1).Kind == token.GROUP {
		p.next()
		p.next()
		p.expect(token.LPAREN)
		f.WithinGroup = p.orderBy()
		p.expect(token.RPAREN)
	}
	if (p.isWord("IGNORE") || p.isWord("RESPECT")) && isWordTok(p.peek(1), "NULLS") {
		f.Nulls = strings.ToUpper(p.tok.Text)
		p.next()
		p.next()
	}
	if p.is(token.OVER) {
		f.Over = p.overClause()
	}
	f.Span = p.span(name.Pos())
	return f
}

// overClause parses OVER (spec) or, naming a window of the WINDOW clause,
// OVER w.
func (p *parser) overClause() *ast.OverClause {
	from := p.tok.Pos
	p.expect(token.OVER)
	if p.is(token.IDENT) {
		w := p.ident()
		return &ast.OverClause{Span: p.span(from), Window: w, Bare: true}
	}
	return p.windowSpec(from)
}

// windowSpec parses ([window_name] [PARTITION BY …] [ORDER BY …] [ROWS|RANGE
// …]); from is where the clause began.
func (p *parser) windowSpec(from token.Pos) *ast.OverClause {
	p.expect(token.LPAREN)
	o := &ast.OverClause{}
	if p.is(token.IDENT) && !p.isWord("PARTITION") && !p.isWord("ROWS") && !p.isWord("RANGE") {
		o.Window = p.ident()
	}
	if p.isWord("PARTITION") {
		p.next()
		p.expect(token.BY)
		o.PartitionBy = p.exprList()
	}
	if p.is(token.ORDER) {
		o.OrderBy = p.orderBy()
	}
	if p.isWord("ROWS") || p.isWord("RANGE") {
		o.Frame = p.windowFrame()
	}
	p.expect(token.RPAREN)
	o.Span = p.span(from)
	return o
}

func (p *parser) windowFrame() *ast.WindowFrame {
	from := p.tok.Pos
	f := &ast.WindowFrame{Unit: ast.FrameRows}
	if p.isWord("RANGE") {
		f.Unit = ast.FrameRange
	}
	p.next()
	if p.got(token.BETWEEN) {
		f.Start = p.frameBound()
		p.expect(token.AND)
		f.Until = p.frameBound()
	} else {
		f.Start = p.frameBound()
	}
	f.Span = p.span(from)
	return f
}

func (p *parser) frameBound() *ast.FrameBound {
	from := p.tok.Pos
	b := &ast.FrameBound{}
	switch {
	case p.gotWord("UNBOUNDED"):
		if p.gotWord("PRECEDING") {
			b.Kind = ast.UnboundedPreceding
		} else {
			p.expectWord("FOLLOWING")
			b.Kind = ast.UnboundedFollowing
		}
	case p.is(token.CURRENT):
		p.next()
		p.expectWord("ROW")
		b.Kind = ast.CurrentRow
	default:
		b.Offset = p.additive()
		if p.gotWord("PRECEDING") {
			b.Kind = ast.Preceding
		} else {
			p.expectWord("FOLLOWING")
			b.Kind = ast.Following
		}
	}
	b.Span = p.span(from)
	return b
}

func (p *parser) caseExpr() ast.Expr {
	from := p.tok.Pos
	p.expect(token.CASE)
	p.caseDepth++
	defer func() { p.caseDepth-- }()
	if p.caseDepth > 10 {
		panic(bailout{newError(p.fileOf(), from, ErrCaseNestedTooDeep,
			"Case expressions may only be nested to level 10.", "CASE nested deeper than 10")})
	}
	c := &ast.CaseExpr{}
	if !p.is(token.WHEN) {
		c.Operand = p.expr()
	}
	for p.is(token.WHEN) {
		wf := p.tok.Pos
		p.next()
		w := &ast.When{Cond: p.expr()}
		p.expect(token.THEN)
		w.Result = p.expr()
		w.Span = p.span(wf)
		c.Whens = append(c.Whens, w)
	}
	if c.Whens == nil {
		p.fail("WHEN")
	}
	if p.got(token.ELSE) {
		c.Else = p.expr()
	}
	p.expect(token.END)
	c.Span = p.span(from)
	return c
}

// dataType parses name [(n [, m]) | (MAX)]; DOUBLE PRECISION is float.
func (p *parser) dataType() *ast.DataType {
	from := p.tok.Pos
	t := &ast.DataType{}
	if p.is(token.DOUBLE) {
		p.next()
		p.expect(token.PRECISION)
		t.Name = "float"
		t.Span = p.span(from)
		return t
	}
	if p.is(token.NATIONAL) {
		p.next()
	}
	n := p.name()
	if len(n.Parts) > 2 {
		p.fail("data type")
	}
	id := n.Parts[len(n.Parts)-1]
	t.Name = id.Name
	if !id.Quoted {
		t.Name = strings.ToLower(t.Name)
		if t.Name != id.Name {
			t.SetWrittenName(id.Name)
		}
	}
	if len(n.Parts) == 2 {
		t.Schema = n.Parts[0].Name
	}
	if p.got(token.LPAREN) {
		if p.isWord("MAX") {
			p.next()
			t.Max = true
			t.Params = 1
		} else {
			a := p.typeNumber()
			t.Params = 1
			if p.got(token.COMMA) {
				t.Precision, t.Scale = a, p.typeNumber()
				t.Params = 2
			} else {
				switch ast.TypeParamKind(t.Name) {
				case 'p':
					t.Precision = a
				case 's':
					t.Scale = a
				default:
					t.Length = a
				}
			}
		}
		p.expect(token.RPAREN)
	}
	t.Span = p.span(from)
	return t
}

func (p *parser) typeNumber() int {
	if !p.is(token.INT) {
		p.fail("integer")
	}
	n, err := strconv.Atoi(p.tok.Text)
	if err != nil || n > 1<<30 {
		p.fail("integer")
	}
	p.next()
	return n
}

// intValue parses an integer constant (optionally negative) and returns
// its value.
func (p *parser) intValue() int {
	neg := p.got(token.MINUS)
	n := p.typeNumber()
	if neg {
		n = -n
	}
	return n
}
