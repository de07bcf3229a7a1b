package tsql

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

func withFrom(w *ast.WithClause, from token.Pos) token.Pos {
	if w != nil {
		return w.Pos()
	}
	return from
}

// dmlTarget parses the target of INSERT/UPDATE/DELETE/MERGE: a table
// variable, or a table name with an alias (MERGE only) and table hints.
func (p *parser) dmlTarget(alias bool) ast.TableExpr {
	from := p.tok.Pos
	if p.is(token.VARIABLE) {
		v := &ast.VariableTable{Var: &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}}
		p.next()
		if alias {
			v.Alias = p.alias()
		}
		v.Span = p.span(from)
		return v
	}
	t := &ast.TableName{Name: p.name()}
	// MERGE's target takes its hints before the alias, as SQL Server's
	// grammar has it (MERGE t WITH (HOLDLOCK) AS d — the usual upsert); the
	// alias first is accepted too.
	hints := func() {
		if t.Hints == nil && p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
			p.next()
			t.Hints = p.tableHints()
		}
	}
	hints()
	if alias {
		t.Alias = p.alias()
		hints()
	}
	t.Span = p.span(from)
	return t
}

func (p *parser) insertStmt(w *ast.WithClause) ast.Statement {
	from := withFrom(w, p.tok.Pos)
	p.expect(token.INSERT)
	s := &ast.InsertStmt{With: w}
	if p.is(token.TOP) {
		s.Top = p.top()
	}
	p.got(token.INTO)
	s.Target = p.dmlTarget(false)
	if p.is(token.LPAREN) {
		s.Columns = p.insertColumns()
	}
	if p.isWord("OUTPUT") {
		s.Output = p.outputClause()
	}
	switch {
	case p.is(token.VALUES):
		p.next()
		s.Values = p.valuesRows()
	case p.is(token.DEFAULT):
		p.next()
		p.expect(token.VALUES)
		s.DefaultValues = true
	case p.is(token.EXEC) || p.is(token.EXECUTE):
		s.Exec = p.execStmt().(*ast.ExecStmt)
	case p.startsQuery():
		s.Query = p.query()
	default:
		p.fail("VALUES, SELECT, EXECUTE or DEFAULT VALUES")
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) outputClause() *ast.OutputClause {
	from := p.tok.Pos
	p.expectWord("OUTPUT")
	o := &ast.OutputClause{Items: p.selectItems()}
	if p.got(token.INTO) {
		// INTO { @table_variable | output_table } [ ( column_list ) ]: a
		// name, never a table-valued function call.
		o.Into = p.dmlTarget(false)
		if p.is(token.LPAREN) {
			o.IntoColumns = p.parenIdentList()
		}
		if p.isWord("OUTPUT") {
			// OUTPUT … INTO … OUTPUT …: the second returns rows and has
			// no INTO of its own.
			then := p.tok.Pos
			p.next()
			o.Then = &ast.OutputClause{Items: p.selectItems()}
			o.Then.Span = p.span(then)
		}
	}
	o.Span = p.span(from)
	return o
}

// setClauses parses UPDATE's SET list.
func (p *parser) setClauses() []*ast.SetClause {
	var cs []*ast.SetClause
	for {
		from := p.tok.Pos
		c := &ast.SetClause{}
		if p.is(token.VARIABLE) {
			c.Var = &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}
			p.next()
			op := assignOps[p.tok.Kind]
			if op == 0 {
				p.fail("'='")
			}
			p.next()
			c.Op = op
			if op == ast.AssignEq && p.is(token.IDENT) && assignOps[p.peekAfterName()] != 0 {
				c.Column = p.name()
				c.Op = assignOps[p.tok.Kind]
				p.next()
			}
		} else {
			c.Column = p.name()
			if m := c.Column.Parts[len(c.Column.Parts)-1]; len(c.Column.Parts) > 1 && (strings.EqualFold(m.Name, "MODIFY") || strings.EqualFold(m.Name, "WRITE")) && !m.Quoted && p.is(token.LPAREN) {
				c.Value = p.xmlModify(c)
				c.Span = p.span(from)
				cs = append(cs, c)
				if !p.got(token.COMMA) {
					return cs
				}
				continue
			}
			c.Op = assignOps[p.tok.Kind]
			if c.Op == 0 {
				p.fail("'='")
			}
			p.next()
		}
		c.Value = p.valueOrDefault()
		c.Span = p.span(from)
		cs = append(cs, c)
		if !p.got(token.COMMA) {
			return cs
		}
	}
}

// peekAfterName returns the kind of the token after the multi-part name
// starting at the current token.
func (p *parser) peekAfterName() token.Kind {
	i := 1
	for p.peek(i).Kind == token.DOT {
		i++
		if p.peek(i).Kind == token.IDENT {
			i++
		}
	}
	return p.peek(i).Kind
}

func (p *parser) updateStmt(w *ast.WithClause) ast.Statement {
	from := withFrom(w, p.tok.Pos)
	p.expect(token.UPDATE)
	s := &ast.UpdateStmt{With: w}
	if p.is(token.TOP) {
		s.Top = p.top()
	}
	s.Target = p.dmlTarget(false)
	p.expect(token.SET)
	s.Set = p.setClauses()
	if p.isWord("OUTPUT") {
		s.Output = p.outputClause()
	}
	if p.got(token.FROM) {
		s.From = p.tableList()
	}
	if p.got(token.WHERE) {
		s.Where, s.CurrentOf = p.whereOrCurrentOf()
	}
	p.queryHintsIgnored()
	s.Span = p.span(from)
	return s
}

// whereOrCurrentOf parses what follows an UPDATE's or DELETE's WHERE: a
// search condition, or CURRENT OF [GLOBAL] cursor | @cursor_variable.
func (p *parser) whereOrCurrentOf() (ast.Expr, *ast.CursorRef) {
	if p.is(token.CURRENT) && p.peek(1).Kind == token.OF {
		p.next()
		p.next()
		return nil, p.cursorRef()
	}
	return p.expr(), nil
}

// queryHintsIgnored accepts OPTION (…) after DML; the hints are dropped.
func (p *parser) queryHintsIgnored() {
	if p.is(token.OPTION) {
		var q ast.Query
		p.queryTail(&q)
	}
}

func (p *parser) deleteStmt(w *ast.WithClause) ast.Statement {
	from := withFrom(w, p.tok.Pos)
	p.expect(token.DELETE)
	s := &ast.DeleteStmt{With: w}
	if p.is(token.TOP) {
		s.Top = p.top()
	}
	p.got(token.FROM)
	s.Target = p.dmlTarget(false)
	if p.isWord("OUTPUT") {
		s.Output = p.outputClause()
	}
	if p.got(token.FROM) {
		s.From = p.tableList()
	}
	if p.got(token.WHERE) {
		s.Where, s.CurrentOf = p.whereOrCurrentOf()
	}
	p.queryHintsIgnored()
	s.Span = p.span(from)
	return s
}

func (p *parser) truncateStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.TRUNCATE)
	p.expect(token.TABLE)
	s := &ast.TruncateStmt{Table: p.name()}
	if p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
		s.Partitions = p.truncatePartitions() // parse_partition.go
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) mergeStmt(w *ast.WithClause) ast.Statement {
	from := withFrom(w, p.tok.Pos)
	p.expect(token.MERGE)
	s := &ast.MergeStmt{With: w}
	if p.is(token.TOP) {
		s.Top = p.top()
	}
	p.got(token.INTO)
	s.Target = p.dmlTarget(true)
	p.expectWord("USING")
	s.Source = p.joinedTable()
	p.expect(token.ON)
	s.On = p.expr()
	for p.is(token.WHEN) {
		s.Whens = append(s.Whens, p.mergeWhen())
	}
	if s.Whens == nil {
		p.fail("WHEN")
	}
	if p.isWord("OUTPUT") {
		s.Output = p.outputClause()
	}
	p.queryHintsIgnored()
	s.Span = p.span(from)
	return s
}

func (p *parser) mergeWhen() *ast.MergeWhen {
	from := p.tok.Pos
	p.expect(token.WHEN)
	m := &ast.MergeWhen{Match: ast.Matched}
	if p.got(token.NOT) {
		m.Match = ast.NotMatched
	}
	p.expectWord("MATCHED")
	if m.Match == ast.NotMatched && p.got(token.BY) {
		if p.gotWord("SOURCE") {
			m.Match = ast.NotMatchedBySource
		} else {
			p.expectWord("TARGET")
		}
	}
	if p.got(token.AND) {
		m.Cond = p.expr()
	}
	p.expect(token.THEN)
	switch p.tok.Kind {
	case token.UPDATE:
		p.next()
		p.expect(token.SET)
		m.Action = ast.MergeUpdate
		m.Set = p.setClauses()
	case token.DELETE:
		p.next()
		m.Action = ast.MergeDelete
	case token.INSERT:
		p.next()
		m.Action = ast.MergeInsert
		if p.is(token.LPAREN) {
			m.Columns = p.parenIdentList()
		}
		if p.got(token.DEFAULT) {
			p.expect(token.VALUES)
			m.DefaultValues = true
		} else {
			p.expect(token.VALUES)
			rows := p.valuesRows()
			if len(rows) != 1 {
				p.fail("one row of values")
			}
			m.Values = rows[0]
		}
	default:
		p.fail("UPDATE, DELETE or INSERT")
	}
	m.Span = p.span(from)
	return m
}

// insertColumns parses INSERT's (column, …) list. SQL Server accepts the
// reserved word PRECISION there unquoted (sp_BlitzIndex's
// INSERT #IndexColumns (…, max_length, precision, scale, …) relies on it).
func (p *parser) insertColumns() []*ast.Ident {
	p.expect(token.LPAREN)
	var ids []*ast.Ident
	for {
		if p.is(token.PRECISION) {
			ids = append(ids, p.identOrKeyword())
		} else {
			ids = append(ids, p.ident())
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
	return ids
}

// xmlModify parses the ('xml dml') of SET column.modify('xml dml') after
// the name column.modify, which c.Column holds: it becomes
// SET column = column.modify('xml dml') (an ast.XMLMethodExpr with Method
// MODIFY whose X is the column), so that code which does not know the
// method rejects it instead of assigning the string.
func (p *parser) xmlModify(c *ast.SetClause) ast.Expr {
	n := c.Column
	col := &ast.Name{Span: ast.Span{From: n.Pos(), To: n.Parts[len(n.Parts)-2].End()}, Parts: n.Parts[:len(n.Parts)-1]}
	c.Column, c.Op = col, ast.AssignEq
	p.expect(token.LPAREN)
	args := p.exprList()
	p.expect(token.RPAREN)
	// column.modify('…') of xml, or column .WRITE (expression, offset,
	// length) of a (max) type: both change the column in place.
	method := strings.ToUpper(n.Parts[len(n.Parts)-1].Name)
	return &ast.XMLMethodExpr{Span: p.span(n.Pos()), X: &ast.ColumnRef{Span: col.Span, Name: col}, Method: method, Args: args}
}
