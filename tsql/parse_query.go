package tsql

import (
	"strings"
	"unicode/utf8"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// query parses [WITH …] body [ORDER BY …] [OFFSET … [FETCH …]] [OPTION (…)].
func (p *parser) query() *ast.Query {
	p.enter()
	defer p.leave()
	from := p.tok.Pos
	q := &ast.Query{}
	if p.is(token.WITH) {
		q.With = p.withClause()
	}
	q.Body = p.unionTerm()
	p.queryTail(q)
	q.Span = p.span(from)
	return q
}

// queryTail parses ORDER BY, OFFSET/FETCH and OPTION after a query body.
func (p *parser) queryTail(q *ast.Query) {
	if p.is(token.ORDER) {
		q.OrderBy = p.orderBy()
		if p.isWord("OFFSET") {
			p.next()
			q.Offset = p.expr()
			if !p.gotWord("ROWS") {
				p.expectWord("ROW")
			}
			if p.is(token.FETCH) {
				p.next()
				if !p.gotWord("NEXT") {
					p.expectWord("FIRST")
				}
				q.Fetch = p.expr()
				if !p.gotWord("ROWS") {
					p.expectWord("ROW")
				}
				p.expectWord("ONLY")
			}
		}
	}
	if p.is(token.FOR) && (isWordTok(p.peek(1), "XML") || isWordTok(p.peek(1), "JSON")) {
		q.For = p.forClause()
	}
	if p.is(token.OPTION) {
		p.next()
		p.expect(token.LPAREN)
		for {
			q.Options = append(q.Options, p.queryHint()) // parse_queryhints.go
			if !p.got(token.COMMA) {
				break
			}
		}
		p.expect(token.RPAREN)
	}
}

// option parses WORD [= value] or, when bare is set, WORD value.
func (p *parser) option(bare bool) *ast.Option {
	from := p.tok.Pos
	o := &ast.Option{Name: p.anyWord("option")}
	if p.got(token.EQ) {
		p.optionValue(o)
	} else if bare && !p.is(token.COMMA) && !p.is(token.RPAREN) && !p.is(token.EOF) && !p.is(token.SEMICOLON) {
		p.optionValue(o)
	}
	o.Span = p.span(from)
	return o
}

// optionValue parses an option value into o: a reserved word (ON, OFF,
// FULL) or a size with a unit suffix (10MB, 10%) goes to Word, anything
// else is an expression in Value.
func (p *parser) optionValue(o *ast.Option) {
	if p.tok.Kind.IsKeyword() && p.tok.Kind != token.NULL && p.tok.Kind != token.DEFAULT {
		o.Word = p.anyWord("")
		return
	}
	if p.is(token.IDENT) && !p.tok.Quoted && p.word() == "UNLIMITED" {
		o.Word = p.anyWord("")
		return
	}
	if p.is(token.INT) && (p.peek(1).Kind == token.IDENT && !p.peek(1).Quoted || p.peek(1).Kind == token.PERCENTOP) && p.peek(1).Pos == p.tok.End {
		o.Word = p.tok.Text + strings.ToUpper(p.peek(1).Text)
		p.next()
		p.next()
		return
	}
	o.Value = p.expr()
}

func (p *parser) withClause() *ast.WithClause {
	from := p.tok.Pos
	p.expect(token.WITH)
	w := &ast.WithClause{}
	if p.isWord("XMLNAMESPACES") && p.peek(1).Kind == token.LPAREN {
		w.Namespaces = p.xmlNamespaces()
		if !p.got(token.COMMA) {
			w.Span = p.span(from)
			return w
		}
	}
	for {
		cf := p.tok.Pos
		c := &ast.CTE{Name: p.ident()}
		if p.is(token.LPAREN) {
			c.Columns = p.parenIdentList()
		}
		p.expect(token.AS)
		p.expect(token.LPAREN)
		c.Query = p.query()
		p.expect(token.RPAREN)
		c.Span = p.span(cf)
		w.CTEs = append(w.CTEs, c)
		if !p.got(token.COMMA) {
			break
		}
	}
	w.Span = p.span(from)
	return w
}

func (p *parser) unionTerm() ast.QueryExpr {
	x := p.intersectTerm()
	n := 0
	for {
		p.link(&n)
		var op ast.SetOpKind
		switch p.tok.Kind {
		case token.UNION:
			p.next()
			op = ast.Union
			if p.got(token.ALL) {
				op = ast.UnionAll
			}
		case token.EXCEPT:
			p.next()
			op = ast.Except
		default:
			return x
		}
		y := p.intersectTerm()
		x = &ast.SetOp{Span: ast.Span{From: x.Pos(), To: y.End()}, Op: op, Left: x, Right: y}
	}
}

func (p *parser) intersectTerm() ast.QueryExpr {
	x := p.queryTerm()
	n := 0
	for p.is(token.INTERSECT) {
		p.link(&n)
		p.next()
		y := p.queryTerm()
		x = &ast.SetOp{Span: ast.Span{From: x.Pos(), To: y.End()}, Op: ast.Intersect, Left: x, Right: y}
	}
	return x
}

func (p *parser) queryTerm() ast.QueryExpr {
	if p.is(token.LPAREN) {
		from := p.tok.Pos
		p.next()
		q := p.query()
		p.expect(token.RPAREN)
		return &ast.ParenQuery{Span: p.span(from), Query: q}
	}
	return p.selectCore()
}

func (p *parser) top() *ast.Top {
	from := p.tok.Pos
	p.expect(token.TOP)
	t := &ast.Top{}
	if p.got(token.LPAREN) {
		t.Count = p.expr()
		p.expect(token.RPAREN)
	} else {
		t.Count = p.literal()
	}
	if p.got(token.PERCENT) {
		t.Percent = true
	}
	if p.is(token.WITH) && isWordTok(p.peek(1), "TIES") {
		p.next()
		p.next()
		t.WithTies = true
	}
	t.Span = p.span(from)
	return t
}

func (p *parser) selectCore() *ast.SelectCore {
	from := p.tok.Pos
	p.expect(token.SELECT)
	s := &ast.SelectCore{}
	if p.got(token.DISTINCT) {
		s.Distinct = true
	} else {
		p.got(token.ALL)
	}
	if p.is(token.TOP) {
		s.Top = p.top()
	}
	s.Items = p.selectItems()
	if p.got(token.INTO) {
		s.Into = p.name()
	}
	if p.got(token.FROM) {
		s.From = p.tableList()
	}
	if p.got(token.WHERE) {
		s.Where = p.expr()
	}
	if p.is(token.GROUP) {
		p.next()
		p.expect(token.BY)
		s.GroupBy = p.groupByList()
		s.GroupBy = p.groupByWithSummary(s.GroupBy)
	}
	if p.got(token.HAVING) {
		s.Having = p.expr()
	}
	if p.isWord("WINDOW") && p.peek(1).Kind == token.IDENT && p.peek(2).Kind == token.AS {
		p.next()
		for {
			wf := p.tok.Pos
			d := &ast.WindowDef{Name: p.ident()}
			p.expect(token.AS)
			d.Spec = p.windowSpec(p.tok.Pos)
			d.Span = p.span(wf)
			s.Windows = append(s.Windows, d)
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) selectItems() []*ast.SelectItem {
	items := []*ast.SelectItem{p.selectItem()}
	for p.got(token.COMMA) {
		items = append(items, p.selectItem())
	}
	return items
}

var assignOps = map[token.Kind]ast.AssignOp{
	token.EQ: ast.AssignEq, token.PLUSEQ: ast.AssignAdd, token.MINUSEQ: ast.AssignSub,
	token.STAREQ: ast.AssignMul, token.SLASHEQ: ast.AssignDiv, token.PERCENTEQ: ast.AssignMod,
	token.AMPEQ: ast.AssignBitAnd, token.PIPEEQ: ast.AssignBitOr, token.CARETEQ: ast.AssignBitXor,
}

// qualifiedStar reports whether name parts followed by ".*" start here.
func (p *parser) qualifiedStar() bool {
	if !p.is(token.IDENT) {
		return false
	}
	for i := 1; ; i += 2 {
		if p.peek(i).Kind != token.DOT {
			return false
		}
		switch p.peek(i + 1).Kind {
		case token.STAR:
			return true
		case token.IDENT:
		default:
			return false
		}
	}
}

func (p *parser) selectItem() *ast.SelectItem {
	from := p.tok.Pos
	it := &ast.SelectItem{}
	switch {
	case p.is(token.STAR):
		p.next()
		it.Expr = &ast.Star{Span: p.span(from)}
	case p.qualifiedStar():
		n := p.name()
		p.expect(token.DOT)
		p.expect(token.STAR)
		it.Expr = &ast.Star{Span: p.span(from), Qualifier: n}
	case p.is(token.VARIABLE) && assignOps[p.peek(1).Kind] != 0:
		it.Var = &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}
		p.next()
		it.Op = assignOps[p.tok.Kind]
		p.next()
		it.Expr = p.expr()
	case (p.is(token.IDENT) || p.is(token.STRING) || p.is(token.NSTRING)) && p.peek(1).Kind == token.EQ:
		p.checkAlias()
		it.Alias = &ast.Ident{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Value, Quoted: p.tok.Quoted || p.tok.Kind != token.IDENT}
		p.next()
		p.next()
		it.Expr = p.expr()
	default:
		it.Expr = p.expr()
		it.Alias = p.alias()
	}
	it.Span = p.span(from)
	return it
}

// notAlias lists non-reserved words that may follow a table or select item
// and so are never taken as a bare alias.
var notAlias = map[string]bool{"USING": true, "OUTPUT": true, "THROW": true, "OFFSET": true, "WINDOW": true}

// checkAlias rejects an empty string used as an alias (an empty string AS name is
// error 1038, like [] and "") and a string longer than an identifier may be
// (103, as for [..]: the alias names a column, a sysname).
func (p *parser) checkAlias() {
	if p.tok.Value == "" {
		panic(bailout{newError(p.fileOf(), p.tok.Pos, ErrEmptyName, emptyNameMessage, "empty alias")})
	}
	if p.tok.Kind != token.IDENT && utf8.RuneCountInString(p.tok.Value) > maxIdentifierLength {
		prefix := p.tok.Value[:runeOffset(p.tok.Value, maxIdentifierLength)]
		panic(bailout{newError(p.fileOf(), p.tok.Pos, ErrIdentifierTooLong,
			"The identifier that starts with '"+prefix+"' is too long. Maximum length is 128.", "alias too long")})
	}
}

// alias parses [AS] alias, where alias is an identifier or a string.
func (p *parser) alias() *ast.Ident {
	as := p.got(token.AS)
	switch p.tok.Kind {
	case token.IDENT:
		if !as && !p.tok.Quoted && notAlias[p.word()] {
			return nil
		}
		if !as && p.peek(1).Kind == token.COLON {
			return nil // a label
		}
		return p.ident()
	case token.STRING, token.NSTRING:
		p.checkAlias()
		id := &ast.Ident{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Value, Quoted: true}
		p.next()
		return id
	}
	if as {
		p.fail("alias")
	}
	return nil
}

func (p *parser) orderBy() []*ast.OrderItem {
	p.expect(token.ORDER)
	p.expect(token.BY)
	return p.orderItems()
}

func (p *parser) orderItems() []*ast.OrderItem {
	var items []*ast.OrderItem
	for {
		from := p.tok.Pos
		o := &ast.OrderItem{Expr: p.expr()}
		if p.got(token.DESC) {
			o.Desc = true
		} else {
			p.got(token.ASC)
		}
		o.Span = p.span(from)
		items = append(items, o)
		if !p.got(token.COMMA) {
			return items
		}
	}
}

func (p *parser) tableList() []ast.TableExpr {
	ts := []ast.TableExpr{p.joinedTable()}
	for p.got(token.COMMA) {
		ts = append(ts, p.joinedTable())
	}
	return ts
}

// joinedTable parses a table source followed by any joins and APPLYs.
func (p *parser) joinedTable() ast.TableExpr {
	p.enter()
	defer p.leave()
	left := p.tableSource()
	for {
		var kind ast.JoinKind
		switch p.tok.Kind {
		case token.JOIN:
			kind = ast.InnerJoin
		case token.INNER:
			p.next()
			kind = ast.InnerJoin
		case token.LEFT, token.RIGHT, token.FULL:
			kind = map[token.Kind]ast.JoinKind{token.LEFT: ast.LeftJoin, token.RIGHT: ast.RightJoin, token.FULL: ast.FullJoin}[p.tok.Kind]
			p.next()
			p.got(token.OUTER)
		case token.CROSS:
			p.next()
			if p.gotWord("APPLY") {
				kind = ast.CrossApply
			} else {
				kind = ast.CrossJoin
			}
		case token.OUTER:
			p.next()
			p.expectWord("APPLY")
			kind = ast.OuterApply
		case token.PIVOT, token.UNPIVOT:
			left = p.pivots(left) // a joined table pivoted (parse_pivot.go)
			continue
		default:
			return left
		}
		if kind != ast.CrossApply && kind != ast.OuterApply {
			for _, h := range [...]string{"LOOP", "HASH", "MERGE", "REMOTE"} {
				if p.isWord(h) || (h == "MERGE" && p.is(token.MERGE)) {
					p.next()
				}
			}
			p.expect(token.JOIN)
		}
		right := p.tableSource()
		j := &ast.Join{Kind: kind, Left: left, Right: right}
		if kind != ast.CrossJoin && kind != ast.CrossApply && kind != ast.OuterApply {
			p.expect(token.ON)
			j.On = p.expr()
		}
		j.Span = p.span(left.Pos())
		left = j
	}
}

func (p *parser) tableSource() ast.TableExpr {
	return p.pivots(p.tablePrimary())
}

func (p *parser) tablePrimary() ast.TableExpr {
	from := p.tok.Pos
	switch p.tok.Kind {
	case token.LPAREN:
		switch p.peek(1).Kind {
		case token.INSERT, token.UPDATE, token.DELETE, token.MERGE:
			// A DML statement with OUTPUT as a table source (composable
			// DML): the executor allows it only as an INSERT's source.
			p.next()
			d := &ast.DMLTable{Stmt: p.statementNoSemi()}
			p.expect(token.RPAREN)
			d.Alias = p.alias()
			if d.Alias != nil && p.is(token.LPAREN) {
				d.Columns = p.parenIdentList()
			}
			d.Span = p.span(from)
			return d
		}
		if p.startsQuery() {
			p.next()
			d := &ast.DerivedTable{Query: p.query()}
			rp := p.expect(token.RPAREN)
			d.Alias = p.alias()
			if d.Alias == nil {
				// A derived table must be named: SQL Server reports the
				// closing parenthesis.
				panic(bailout{newError(p.fileOf(), rp.Pos, ErrSyntax, "Incorrect syntax near ')'.", "a derived table needs an alias")})
			}
			if d.Alias != nil && p.is(token.LPAREN) {
				d.Columns = p.parenIdentList()
			}
			d.Span = p.span(from)
			return d
		}
		if p.peek(1).Kind == token.VALUES {
			p.next()
			p.next()
			v := &ast.ValuesTable{Rows: p.valuesRows()}
			p.expect(token.RPAREN)
			v.Alias = p.alias()
			if v.Alias != nil && p.is(token.LPAREN) {
				v.Columns = p.parenIdentList()
			}
			v.Span = p.span(from)
			return v
		}
		p.next()
		t := p.joinedTable()
		p.expect(token.RPAREN)
		return &ast.ParenTable{Span: p.span(from), Table: t}
	case token.VARIABLE:
		if p.peek(1).Kind == token.DOT && isWordTok(p.peek(2), "NODES") && p.peek(3).Kind == token.LPAREN {
			return p.xmlNodesTable()
		}
		v := &ast.VariableTable{Var: &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}}
		p.next()
		v.Alias = p.alias()
		v.Span = p.span(from)
		return v
	}
	if p.is(token.OPENXML) && p.peek(1).Kind == token.LPAREN {
		return p.openXML()
	}
	if p.is(token.COLONCOLON) && p.peek(1).Kind == token.IDENT && p.peek(2).Kind == token.LPAREN {
		p.next() // FROM ::fn_trace_gettable(…): the old spelling of a system function call
	}
	n := p.name()
	if p.is(token.LPAREN) && !p.atOldStyleHints() { // parse_queryhints.go
		call := p.funcCall(n).(*ast.FuncCall)
		f := &ast.TableFunc{Call: call}
		if strings.EqualFold(n.Last(), "OPENJSON") && p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
			f.With = p.openJSONSchema()
		}
		f.Alias = p.alias()
		if f.Alias != nil && p.is(token.LPAREN) {
			f.Columns = p.parenIdentList()
		}
		f.Span = p.span(from)
		return f
	}
	t := &ast.TableName{Name: n}
	if p.atSystemTime() {
		t.SystemTime = p.systemTime() // parse_temporal.go
	}
	if p.atOldStyleHints() {
		t.Hints = p.tableHints()
	}
	t.Alias = p.alias()
	if p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
		p.next()
		t.Hints = p.tableHints()
	} else if t.Hints == nil && p.atOldStyleHints() {
		t.Hints = p.tableHints()
	}
	t.Span = p.span(from)
	return t
}

// tableHints parses (NOLOCK, INDEX(ix), …) after WITH.
func (p *parser) tableHints() []*ast.Option {
	p.expect(token.LPAREN)
	var hs []*ast.Option
	for {
		from := p.tok.Pos
		h := &ast.Option{Name: p.anyWord("table hint")}
		if p.got(token.LPAREN) {
			switch h.Name {
			case "FORCESEEK":
				p.forceSeekHint(h)
			case "INDEX":
				// INDEX (a, b, …): the first value is Value (or Word), the
				// others follow in Sub, one Option each.
				p.optionValue(h)
				for p.got(token.COMMA) {
					of := p.tok.Pos
					o := &ast.Option{Name: "INDEX"}
					p.optionValue(o)
					o.Span = p.span(of)
					h.Sub = append(h.Sub, o)
				}
			default:
				p.optionValue(h)
			}
			p.expect(token.RPAREN)
		} else if h.Name == "INDEX" && p.got(token.EQ) {
			// INDEX = index_id | name, the older spelling of INDEX (…):
			// INDEX = 0 asks for a scan (the SELECT examples' N).
			p.optionValue(h)
		}
		h.Span = p.span(from)
		hs = append(hs, h)
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
	return hs
}

// forceSeekHint parses FORCESEEK's ( index_value ( column [, …] ) ) after
// its "(": the index's name (a ColumnRef) or id in Value, each column in
// Sub as an Option whose Value is the column (a ColumnRef). The column list is part
// of the form — FORCESEEK (ix) alone is a syntax error, as in SQL Server.
func (p *parser) forceSeekHint(h *ast.Option) {
	if p.is(token.INT) {
		h.Value = p.expr()
	} else {
		id := p.ident()
		h.Value = &ast.ColumnRef{Span: id.Span, Name: &ast.Name{Span: id.Span, Parts: []*ast.Ident{id}}}
	}
	p.expect(token.LPAREN)
	for {
		id := p.ident()
		h.Sub = append(h.Sub, &ast.Option{Span: id.Span, Value: &ast.ColumnRef{Span: id.Span, Name: &ast.Name{Span: id.Span, Parts: []*ast.Ident{id}}}})
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
}

// valuesRows parses (a, b), (c, d) … after VALUES; DEFAULT is allowed as a
// value.
func (p *parser) valuesRows() [][]ast.Expr {
	var rows [][]ast.Expr
	for {
		p.expect(token.LPAREN)
		var row []ast.Expr
		for {
			row = append(row, p.valueOrDefault())
			if !p.got(token.COMMA) {
				break
			}
		}
		p.expect(token.RPAREN)
		rows = append(rows, row)
		if !p.got(token.COMMA) {
			return rows
		}
	}
}

func (p *parser) valueOrDefault() ast.Expr {
	if p.is(token.DEFAULT) {
		d := &ast.DefaultExpr{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}}
		p.next()
		return d
	}
	return p.expr()
}

// forClause parses FOR XML|JSON mode [('name')] [, directive [('arg')] …].
func (p *parser) forClause() *ast.ForClause {
	from := p.tok.Pos
	p.expect(token.FOR)
	f := &ast.ForClause{Kind: p.anyWord("XML or JSON")}
	f.Mode = p.anyWord("RAW, AUTO, PATH or EXPLICIT")
	switch f.Mode {
	case "RAW", "AUTO", "PATH", "EXPLICIT":
	default:
		p.i--
		p.tok = p.toks[p.i]
		p.fail("RAW, AUTO, PATH or EXPLICIT")
	}
	if p.got(token.LPAREN) {
		f.Arg = p.expr()
		p.expect(token.RPAREN)
	}
	for p.got(token.COMMA) {
		df := p.tok.Pos
		d := &ast.Option{Name: p.anyWord("FOR XML/JSON directive")}
		// ELEMENTS XSINIL | ABSENT and BINARY BASE64 take a second word.
		if d.Name == "ELEMENTS" && (isWordTok(&p.tok, "XSINIL") || isWordTok(&p.tok, "ABSENT")) ||
			d.Name == "BINARY" && isWordTok(&p.tok, "BASE64") {
			d.Word = strings.ToUpper(p.tok.Text)
			p.next()
		}
		if p.got(token.LPAREN) {
			d.Value = p.expr()
			p.expect(token.RPAREN)
		}
		d.Span = p.span(df)
		f.Directives = append(f.Directives, d)
	}
	f.Span = p.span(from)
	return f
}

// openXML parses OPENXML(idoc, rowpattern [, flags]) [WITH (column type
// ['colpattern'], …) | WITH table] [[AS] alias]. OPENXML is a reserved
// word, so it is not a name a function call starts with.
func (p *parser) openXML() ast.TableExpr {
	from := p.tok.Pos
	n := &ast.Name{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Parts: []*ast.Ident{{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: "OPENXML"}}}
	p.next()
	f := &ast.TableFunc{Call: p.funcCall(n).(*ast.FuncCall)}
	if p.is(token.WITH) {
		if p.peek(1).Kind == token.LPAREN {
			f.With = p.openJSONSchema()
		} else {
			p.next()
			f.WithTable = p.name()
		}
	}
	f.Alias = p.alias()
	f.Span = p.span(from)
	return f
}

// openJSONSchema parses OPENJSON's WITH (name type ['path'] [AS JSON], …).
func (p *parser) openJSONSchema() []*ast.JSONColumn {
	p.expect(token.WITH)
	p.expect(token.LPAREN)
	var cols []*ast.JSONColumn
	for {
		from := p.tok.Pos
		c := &ast.JSONColumn{Name: p.ident(), Type: p.dataType()}
		if p.is(token.STRING) || p.is(token.NSTRING) {
			c.Path = p.expr()
		}
		if p.got(token.AS) {
			p.expectWord("JSON")
			c.AsJSON = true
		}
		c.Span = p.span(from)
		cols = append(cols, c)
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
	return cols
}

// groupByWithSummary parses the older GROUP BY a, b WITH ROLLUP (or WITH
// CUBE) form, which SQL Server documents as equivalent to GROUP BY ROLLUP(a,
// b): it returns the list as that one call, so the executor sees one shape.
// WITH cannot start a CTE here (a statement before a CTE must end with ";"),
// so the two words decide.
func (p *parser) groupByWithSummary(list []ast.Expr) []ast.Expr {
	if !p.is(token.WITH) || !(isWordTok(p.peek(1), "ROLLUP") || isWordTok(p.peek(1), "CUBE")) {
		return list
	}
	from := p.tok.Pos
	p.next()
	word := p.tok
	p.next()
	name := &ast.Name{Span: ast.Span{From: word.Pos, To: p.prevEnd()},
		Parts: []*ast.Ident{{Span: ast.Span{From: word.Pos, To: p.prevEnd()}, Name: strings.ToUpper(word.Text)}}}
	return []ast.Expr{&ast.FuncCall{Span: p.span(from), Name: name, Args: list}}
}

// groupByList parses a GROUP BY list, whose elements may be GROUPING SETS
// (…) besides expressions (ROLLUP(…) and CUBE(…) parse as calls).
func (p *parser) groupByList() []ast.Expr {
	var xs []ast.Expr
	for {
		if isWordTok(&p.tok, "GROUPING") && isWordTok(p.peek(1), "SETS") {
			from := p.tok.Pos
			p.next()
			p.next()
			g := &ast.GroupingSets{}
			p.expect(token.LPAREN)
			for {
				sfrom := p.tok.Pos
				set := &ast.GroupingSet{}
				if p.got(token.LPAREN) {
					if !p.is(token.RPAREN) {
						set.Items = p.exprList()
					}
					p.expect(token.RPAREN)
				} else {
					set.Items = []ast.Expr{p.expr()}
				}
				set.Span = p.span(sfrom)
				g.Sets = append(g.Sets, set)
				if !p.got(token.COMMA) {
					break
				}
			}
			p.expect(token.RPAREN)
			g.Span = p.span(from)
			xs = append(xs, g)
		} else if p.is(token.LPAREN) && p.peek(1).Kind == token.RPAREN {
			// () is the empty group, the grand total ("GROUP BY ()"):
			// GROUPING SETS (()) with its one set empty.
			from := p.tok.Pos
			p.next()
			p.next()
			set := &ast.GroupingSet{Span: p.span(from)}
			xs = append(xs, &ast.GroupingSets{Span: p.span(from), Sets: []*ast.GroupingSet{set}})
		} else {
			xs = append(xs, p.expr())
		}
		if !p.got(token.COMMA) {
			return xs
		}
	}
}

// xmlNamespaces parses XMLNAMESPACES ('uri' AS prefix | DEFAULT 'uri', …).
func (p *parser) xmlNamespaces() []*ast.XMLNamespace {
	p.next()
	p.expect(token.LPAREN)
	var ns []*ast.XMLNamespace
	for {
		from := p.tok.Pos
		x := &ast.XMLNamespace{}
		if p.got(token.DEFAULT) {
			x.URI = p.stringLiteral()
		} else {
			x.URI = p.stringLiteral()
			p.expect(token.AS)
			x.Prefix = p.ident()
		}
		x.Span = p.span(from)
		ns = append(ns, x)
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
	return ns
}

// stringLiteral parses a character string constant.
func (p *parser) stringLiteral() *ast.Literal {
	if !p.is(token.STRING) && !p.is(token.NSTRING) {
		p.fail("string constant")
	}
	return p.literal()
}

// xmlNodesTable parses @x.nodes('xquery') [AS] alias(column), the nodes()
// method of a variable as a table source.
func (p *parser) xmlNodesTable() ast.TableExpr {
	from := p.tok.Pos
	v := &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}
	p.next()
	p.next()
	p.next()
	p.next()
	args := p.exprList()
	p.expect(token.RPAREN)
	m := &ast.XMLMethodExpr{Span: p.span(from), X: v, Method: "NODES", Args: args}
	t := &ast.XMLNodesTable{Method: m, Alias: p.alias()}
	if t.Alias != nil && p.is(token.LPAREN) {
		t.Columns = p.parenIdentList()
	}
	t.Span = p.span(from)
	return t
}
