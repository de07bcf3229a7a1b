package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// tableElements parses (column defs and table constraints) into t.
func (p *parser) tableElements(t *ast.CreateTableStmt) {
	p.expect(token.LPAREN)
	for {
		if p.atPeriod() {
			t.Period = p.periodDef() // parse_temporal.go
		} else if p.is(token.INDEX) {
			t.Indexes = append(t.Indexes, p.inlineIndex(true))
		} else if p.startsConstraint() {
			t.Constraints = append(t.Constraints, p.tableConstraint())
		} else {
			t.Columns = append(t.Columns, p.columnDef())
		}
		if !p.got(token.COMMA) {
			break
		}
		if p.is(token.RPAREN) {
			break // a trailing comma is accepted by SQL Server
		}
	}
	p.expect(token.RPAREN)
}

func (p *parser) startsConstraint() bool {
	switch p.tok.Kind {
	case token.CONSTRAINT, token.PRIMARY, token.UNIQUE, token.CHECK, token.FOREIGN:
		return true
	}
	return false
}

func (p *parser) createTable(from token.Pos) ast.Statement {
	p.expect(token.TABLE)
	t := &ast.CreateTableStmt{Name: p.name()}
	p.tableElements(t)
	if p.is(token.ON) {
		t.On = p.dataSpace() // parse_partition.go
	}
	if p.gotWord("TEXTIMAGE_ON") {
		p.identOrKeyword() // accepted and ignored
	}
	if p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
		p.createTableOptions(t) // WITH (SYSTEM_VERSIONING = ON, DATA_COMPRESSION = PAGE …)
	}
	t.Span = p.span(from)
	return t
}

// columnDef parses name type [column options…] or name AS expr.
func (p *parser) columnDef() *ast.ColumnDef {
	from := p.tok.Pos
	c := &ast.ColumnDef{Name: p.ident()}
	if p.got(token.AS) {
		c.Computed = p.expr()
		if p.gotWord("PERSISTED") {
			c.Persisted = true
		}
	} else {
		c.Type = p.dataType()
	}
	p.columnOptions(c)
	c.Span = p.span(from)
	return c
}

func (p *parser) columnOptions(c *ast.ColumnDef) {
	for {
		switch p.tok.Kind {
		case token.COLLATE:
			p.next()
			c.Collation = p.ident().Name
		case token.NULL:
			p.next()
			c.Nullable = ast.Null
		case token.NOT:
			p.next()
			p.expect(token.NULL)
			c.Nullable = ast.NotNull
		case token.IDENTITY:
			from := p.tok.Pos
			p.next()
			id := &ast.Identity{}
			if p.got(token.LPAREN) {
				id.Seed = p.signedNumber()
				p.expect(token.COMMA)
				id.Increment = p.signedNumber()
				p.expect(token.RPAREN)
			}
			// IDENTITY … NOT FOR REPLICATION (AdventureWorks' keys): only
			// replication agents' inserts behave differently, and there are
			// none here, so it is accepted and not kept, like CHECK's.
			if p.is(token.NOT) && p.peek(1).Kind == token.FOR {
				p.next()
				p.next()
				p.expect(token.REPLICATION)
			}
			id.Span = p.span(from)
			c.Identity = id
		case token.ROWGUIDCOL:
			p.next()
			c.RowGUIDCol = true
		case token.DEFAULT:
			p.next()
			c.Default = p.expr()
			c.WithValues = p.withValues()
		case token.CONSTRAINT:
			if p.peek(2).Kind == token.DEFAULT {
				p.next()
				c.DefaultName = p.ident()
				p.next()
				c.Default = p.expr()
				c.WithValues = p.withValues()
				continue
			}
			c.Constraints = append(c.Constraints, p.columnConstraint())
		case token.PRIMARY, token.UNIQUE, token.CHECK, token.REFERENCES, token.FOREIGN:
			c.Constraints = append(c.Constraints, p.columnConstraint())
		case token.INDEX:
			if c.Index != nil {
				return
			}
			c.Index = p.inlineIndex(false)
		default:
			if p.isWord("GENERATED") {
				p.generatedAlways(c) // parse_temporal.go
				continue
			}
			if p.isWord("SPARSE") {
				p.next()
				c.Sparse = true
				continue
			}
			if p.isWord("COLUMN_SET") {
				p.next()
				p.expect(token.FOR)
				p.expectWord("ALL_SPARSE_COLUMNS")
				c.ColumnSet = true
				continue
			}
			if p.isWord("FILESTREAM") {
				p.next()
				continue
			}
			return
		}
	}
}

// alterColumnOptions parses what ALTER COLUMN allows after the type:
// COLLATE, NULL or NOT NULL, SPARSE. Defaults, IDENTITY and constraints are
// not part of ALTER COLUMN's grammar, so SQL Server stops there with a syntax
// error (156 near UNIQUE, DEFAULT, IDENTITY …): Sequelize's sync({alter})
// sends `ALTER COLUMN name NVARCHAR(100) NOT NULL UNIQUE` and relies on that
// error, and executing it instead would change the column's constraints.
func (p *parser) alterColumnOptions(c *ast.ColumnDef) {
	for {
		switch {
		case p.is(token.COLLATE):
			p.next()
			c.Collation = p.ident().Name
		case p.is(token.NULL):
			p.next()
			c.Nullable = ast.Null
		case p.is(token.NOT) && p.peek(1).Kind == token.NULL:
			p.next()
			p.next()
			c.Nullable = ast.NotNull
		case p.isWord("SPARSE"):
			p.next()
			c.Sparse = true
		default:
			return
		}
	}
}

// signedNumber parses [-]number as an expression (IDENTITY seeds).
func (p *parser) signedNumber() ast.Expr {
	if p.is(token.MINUS) {
		from := p.tok.Pos
		p.next()
		x := p.literal()
		return &ast.UnaryExpr{Span: p.span(from), Op: ast.OpNeg, X: x}
	}
	return p.literal()
}

func (p *parser) columnConstraint() *ast.Constraint {
	return p.constraintBody(true)
}

func (p *parser) tableConstraint() *ast.Constraint {
	return p.constraintBody(false)
}

// constraintBody parses [CONSTRAINT name] PRIMARY KEY | UNIQUE | CHECK |
// [FOREIGN KEY (cols)] REFERENCES | DEFAULT … FOR col. Column-level
// constraints may omit the column list.
func (p *parser) constraintBody(column bool) *ast.Constraint {
	from := p.tok.Pos
	c := &ast.Constraint{}
	if p.got(token.CONSTRAINT) {
		c.Name = p.ident()
	}
	switch p.tok.Kind {
	case token.PRIMARY, token.UNIQUE:
		c.Kind = ast.UniqueKey
		if p.got(token.PRIMARY) {
			p.expect(token.KEY)
			c.Kind = ast.PrimaryKey
		} else {
			p.next()
		}
		if p.got(token.CLUSTERED) {
			c.Cluster = ast.Clustered
		} else if p.got(token.NONCLUSTERED) {
			c.Cluster = ast.NonClustered
		}
		if p.is(token.LPAREN) || !column {
			p.expect(token.LPAREN)
			c.Columns = p.orderItems()
			p.expect(token.RPAREN)
		}
		c.Options = p.constraintIndexOptions()
		if p.is(token.ON) && p.peek(1).Kind != token.DELETE && p.peek(1).Kind != token.UPDATE {
			c.On = p.dataSpace() // parse_partition.go
		}
	case token.CHECK:
		p.next()
		if p.got(token.NOT) {
			p.expect(token.FOR)
			p.expect(token.REPLICATION) // NOT FOR REPLICATION: accepted, not kept
		}
		p.expect(token.LPAREN)
		c.Kind = ast.CheckConstraint
		c.Check = p.expr()
		p.expect(token.RPAREN)
	case token.FOREIGN, token.REFERENCES:
		c.Kind = ast.ForeignKey
		if p.got(token.FOREIGN) {
			p.expect(token.KEY)
			// A column constraint may say FOREIGN KEY REFERENCES without a
			// column list (CREATE TABLE's column_constraint grammar; the
			// "Create nested triggers" page's emp_mgr table does).
			if !column || p.is(token.LPAREN) {
				p.expect(token.LPAREN)
				c.Columns = p.orderItems()
				p.expect(token.RPAREN)
			}
		} else if !column {
			p.fail("FOREIGN KEY")
		}
		p.expect(token.REFERENCES)
		c.RefTable = p.name()
		if p.is(token.LPAREN) {
			c.RefColumns = p.parenIdentList()
		}
		for p.is(token.ON) {
			p.next()
			del := p.is(token.DELETE)
			if !del {
				p.expect(token.UPDATE)
			} else {
				p.next()
			}
			a := p.refAction()
			if del {
				c.OnDelete = a
			} else {
				c.OnUpdate = a
			}
		}
		if p.is(token.NOT) && p.peek(1).Kind == token.FOR {
			p.next()
			p.next()
			p.expect(token.REPLICATION)
		}
	case token.DEFAULT:
		if column {
			p.fail("constraint")
		}
		p.next()
		c.Kind = ast.DefaultConstraint
		c.Check = p.expr()
		p.expect(token.FOR)
		c.ForColumn = p.ident()
	default:
		p.fail("PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY or DEFAULT")
	}
	c.Span = p.span(from)
	return c
}

func (p *parser) refAction() ast.RefAction {
	switch {
	case p.gotWord("NO"):
		p.expectWord("ACTION")
		return ast.RefNoAction
	case p.got(token.CASCADE):
		return ast.RefCascade
	case p.got(token.SET):
		if p.got(token.NULL) {
			return ast.RefSetNull
		}
		p.expect(token.DEFAULT)
		return ast.RefSetDefault
	}
	p.fail("NO ACTION, CASCADE, SET NULL or SET DEFAULT")
	return 0
}

// constraintIndexOptions parses WITH (FILLFACTOR = 80, IGNORE_DUP_KEY = ON
// …) after a key constraint: the options of the index it makes.
func (p *parser) constraintIndexOptions() []*ast.Option {
	if !p.is(token.WITH) || p.peek(1).Kind != token.LPAREN {
		return nil
	}
	p.next()
	p.next()
	var opts []*ast.Option
	for {
		opts = append(opts, p.option(false))
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
	return opts
}

func (p *parser) alterTable(from token.Pos) ast.Statement {
	p.expect(token.TABLE)
	s := &ast.AlterTableStmt{Name: p.name()}
	af := p.tok.Pos
	var check uint8
	if p.is(token.WITH) {
		p.next()
		if p.got(token.CHECK) {
			check = 1
		} else {
			p.expect(token.NOCHECK)
			check = 2
		}
	}
	switch {
	case p.is(token.ADD):
		p.next()
		a := &ast.AlterTableAdd{Check: check}
		for {
			if p.atPeriod() {
				a.Period = p.periodDef()
			} else if p.startsConstraint() || p.is(token.DEFAULT) {
				a.Constraints = append(a.Constraints, p.tableConstraint())
			} else {
				a.Columns = append(a.Columns, p.columnDef())
			}
			if !p.got(token.COMMA) {
				break
			}
		}
		a.Span = p.span(af)
		s.Action = a
	case p.is(token.CHECK) || p.is(token.NOCHECK):
		a := &ast.AlterTableCheck{Check: check, Enable: p.is(token.CHECK)}
		p.next()
		p.expect(token.CONSTRAINT)
		if p.got(token.ALL) {
			a.All = true
		} else {
			a.Names = p.identList()
		}
		a.Span = p.span(af)
		s.Action = a
	case check != 0:
		p.fail("ADD")
	case p.atTriggerState():
		s.Action = p.alterTableTrigger(af) // parse_trigger_state.go
	case p.isWord("REBUILD"):
		s.Action = p.alterTableRebuild(af)
	case p.isWord("SWITCH"):
		s.Action = p.alterTableSwitch(af) // parse_partition.go
	case p.is(token.SET) && p.peek(1).Kind == token.LPAREN:
		s.Action = p.alterTableSet(af)
	case p.is(token.DROP) && p.atPeriodAfterDrop():
		p.next()
		p.periodWords()
		s.Action = &ast.AlterTableDrop{Span: p.span(af), Period: true}
	case p.is(token.DROP):
		p.next()
		d := &ast.AlterTableDrop{}
		column := false
		for {
			itf := p.tok.Pos
			if p.got(token.COLUMN) {
				column = true
			} else if p.got(token.CONSTRAINT) {
				column = false
			}
			it := &ast.DropItem{Column: column}
			if p.is(token.IF) {
				p.next()
				p.expect(token.EXISTS)
				it.IfExists = true
			}
			it.Name = p.ident()
			if !column && p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
				// DROP CONSTRAINT pk WITH (ONLINE = ON, MAXDOP = n, MOVE TO
				// …) says how a clustered key's index goes: accepted, the
				// drop is the same.
				p.next()
				p.parenOptions()
			}
			it.Span = p.span(itf)
			d.Items = append(d.Items, it)
			if !p.got(token.COMMA) {
				break
			}
		}
		d.Span = p.span(af)
		s.Action = d
	case p.is(token.ALTER):
		p.next()
		p.expect(token.COLUMN)
		cf := p.tok.Pos
		name := p.ident()
		if (p.is(token.ADD) || p.is(token.DROP)) && isWordTok(p.peek(1), "HIDDEN") {
			hidden := p.is(token.ADD)
			p.next()
			p.next()
			s.Action = &ast.AlterTableHidden{Span: p.span(af), Column: name, Hidden: hidden}
			break
		}
		c := &ast.ColumnDef{Name: name, Type: p.dataType()}
		p.alterColumnOptions(c)
		c.Span = p.span(cf)
		s.Action = &ast.AlterTableAlterColumn{Span: p.span(af), Column: c}
	default:
		p.fail("ADD, DROP or ALTER COLUMN")
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) createIndex(from token.Pos) ast.Statement {
	s := &ast.CreateIndexStmt{}
	s.Unique = p.got(token.UNIQUE)
	if p.got(token.CLUSTERED) {
		s.Cluster = ast.Clustered
	} else if p.got(token.NONCLUSTERED) {
		s.Cluster = ast.NonClustered
	}
	p.expect(token.INDEX)
	s.Name = p.ident()
	p.expect(token.ON)
	s.Table = p.name()
	p.expect(token.LPAREN)
	s.Columns = p.orderItems()
	p.expect(token.RPAREN)
	if p.isWord("INCLUDE") {
		p.next()
		s.Include = p.parenIdentList()
	}
	if p.got(token.WHERE) {
		s.Where = p.expr()
	}
	if p.got(token.WITH) {
		s.Options = p.parenOptions()
	}
	if p.is(token.ON) {
		s.On = p.dataSpace() // parse_partition.go
	}
	s.Span = p.span(from)
	return s
}

// alterIndex parses ALTER INDEX { name | ALL } ON table action [WITH] (options)
// from the word INDEX, with REBUILD's or REORGANIZE's PARTITION = ALL | n.
func (p *parser) alterIndex(from token.Pos) ast.Statement {
	p.expect(token.INDEX)
	s := &ast.AlterIndexStmt{}
	if !p.got(token.ALL) {
		s.Index = p.ident()
	}
	p.expect(token.ON)
	s.Table = p.name()
	switch w := p.anyWord("REBUILD, REORGANIZE, DISABLE or SET"); w {
	case "REBUILD", "REORGANIZE", "DISABLE", "SET", "RESUME", "PAUSE", "ABORT":
		s.Action = w
	default:
		p.i--
		p.tok = p.toks[p.i]
		p.fail("REBUILD, REORGANIZE, DISABLE or SET")
	}
	if (s.Action == "REBUILD" || s.Action == "REORGANIZE") && p.gotWord("PARTITION") {
		p.expect(token.EQ)
		if p.got(token.ALL) {
			s.PartitionAll = true
		} else {
			s.Partition = p.expr()
		}
	}
	if s.Action == "SET" || p.got(token.WITH) {
		s.Options = p.parenOptions()
	}
	s.Span = p.span(from)
	return s
}

// parenOptions parses ( name = value [, …] ): index and file options.
func (p *parser) parenOptions() []*ast.Option {
	p.expect(token.LPAREN)
	var opts []*ast.Option
	for {
		opts = append(opts, p.option(false))
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
	return opts
}

// createType parses CREATE TYPE name FROM base_type [NULL | NOT NULL] and
// CREATE TYPE name AS TABLE (…) after CREATE.
func (p *parser) createType(from token.Pos) ast.Statement {
	p.expectWord("TYPE")
	s := &ast.CreateTypeStmt{Name: p.name()}
	if p.got(token.AS) {
		p.expect(token.TABLE)
		s.Table = &ast.CreateTableStmt{}
		p.tableElements(s.Table)
		s.Table.Span = p.span(from)
	} else {
		p.expect(token.FROM)
		s.Base = p.dataType()
		switch {
		case p.is(token.NOT):
			p.next()
			p.expect(token.NULL)
			s.NotNull = true
		case p.is(token.NULL):
			p.next()
		}
	}
	s.Span = p.span(from)
	return s
}

// inlineIndex parses INDEX name [UNIQUE] [CLUSTERED|NONCLUSTERED] [(columns)]
// [INCLUDE (…)] [WHERE …] [WITH (…)] [ON …] inside a table definition;
// table is set among the table's elements (a column list is required), clear
// after a column (no list: that column).
func (p *parser) inlineIndex(table bool) *ast.InlineIndex {
	from := p.tok.Pos
	p.expect(token.INDEX)
	x := &ast.InlineIndex{Name: p.ident()}
	if table && p.got(token.UNIQUE) {
		x.Unique = true
	}
	if p.got(token.CLUSTERED) {
		x.Cluster = ast.Clustered
	} else if p.got(token.NONCLUSTERED) {
		x.Cluster = ast.NonClustered
	}
	if table {
		p.expect(token.LPAREN)
		x.Columns = p.orderItems()
		p.expect(token.RPAREN)
		if p.gotWord("INCLUDE") {
			x.Include = p.parenIdentList()
		}
		if p.got(token.WHERE) {
			x.Where = p.expr()
		}
	}
	if p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
		p.next()
		x.Options = p.parenOptions()
	}
	if p.is(token.ON) && p.peek(1).Kind != token.DELETE && p.peek(1).Kind != token.UPDATE {
		p.next()
		p.identOrKeyword() // filegroup: accepted, not kept
		if p.is(token.LPAREN) {
			p.parenIdentList()
		}
	}
	x.Span = p.span(from)
	return x
}

// withValues parses WITH VALUES after a column's DEFAULT (ALTER TABLE …
// ADD column … DEFAULT x WITH VALUES, the ALTER TABLE page's example F).
func (p *parser) withValues() bool {
	if p.is(token.WITH) && p.peek(1).Kind == token.VALUES {
		p.next()
		p.next()
		return true
	}
	return false
}
