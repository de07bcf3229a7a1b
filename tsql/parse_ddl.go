package tsql

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// createStmt dispatches CREATE, ALTER and CREATE OR ALTER.
func (p *parser) createStmt() ast.Statement {
	from := p.tok.Pos
	mode := ast.ModeCreate
	if p.is(token.ALTER) {
		mode = ast.ModeAlter
	}
	p.next()
	if mode == ast.ModeCreate && p.is(token.OR) {
		p.next()
		p.expect(token.ALTER)
		mode = ast.ModeCreateOrAlter
	}
	p.checkBatchFirst(from, mode)
	switch p.tok.Kind {
	case token.TABLE:
		if mode == ast.ModeAlter {
			return p.alterTable(from)
		}
		if mode == ast.ModeCreate {
			return p.createTable(from)
		}
	case token.UNIQUE, token.CLUSTERED, token.NONCLUSTERED, token.INDEX:
		if mode == ast.ModeCreate {
			return p.createIndex(from)
		}
		if mode == ast.ModeAlter && p.is(token.INDEX) {
			return p.alterIndex(from)
		}
	case token.VIEW:
		return p.createView(from, mode)
	case token.PROC, token.PROCEDURE:
		return p.createProc(from, mode)
	case token.FUNCTION:
		return p.createFunction(from, mode)
	case token.TRIGGER:
		return p.createTrigger(from, mode)
	case token.DATABASE:
		if mode == ast.ModeAlter {
			return p.alterDatabase(from)
		}
		if mode == ast.ModeCreate {
			return p.createDatabase(from)
		}
	case token.SCHEMA:
		if mode == ast.ModeCreate {
			p.next()
			s := &ast.CreateSchemaStmt{Name: p.ident()}
			if p.got(token.AUTHORIZATION) {
				s.Authorization = p.ident()
			}
			for p.schemaElementNext() {
				el := p.statementNoSemi()
				switch st := el.(type) {
				case *ast.CreateTableStmt:
					st.Name = inSchema(st.Name, s.Name)
				case *ast.CreateViewStmt:
					st.Name = inSchema(st.Name, s.Name)
				}
				s.Elements = append(s.Elements, el)
			}
			s.Span = p.span(from)
			return s
		}
		if mode == ast.ModeAlter {
			return p.alterSchemaStmt(from) // parse_trigger_state.go
		}
	case token.AUTHORIZATION:
		if mode == ast.ModeAlter {
			return p.alterAuthorization(from) // parse_trigger_state.go
		}
	case token.IDENT:
		switch {
		case mode == ast.ModeCreateOrAlter:
		case p.isWord("SEQUENCE"):
			return p.createSequence(from, mode == ast.ModeAlter)
		case p.isWord("PARTITION") && mode != ast.ModeCreateOrAlter:
			return p.partitionStmt(from, mode == ast.ModeAlter) // parse_partition.go
		case p.isWord("SYNONYM") && mode == ast.ModeCreate:
			p.next()
			s := &ast.CreateSynonymStmt{Name: p.name()}
			p.expect(token.FOR)
			s.Target = p.name()
			s.Span = p.span(from)
			return s
		case p.isWord("TYPE") && mode == ast.ModeCreate:
			return p.createType(from) // parse_table.go
		case p.isWord("ENDPOINT"):
			return p.createEndpoint(from, mode == ast.ModeAlter)
		case p.isWord("LOGIN"):
			return p.createLogin(from, mode == ast.ModeAlter)
		case p.isWord("ROLE") && mode != ast.ModeCreateOrAlter:
			return p.roleStmt(from, mode == ast.ModeAlter, false)
		case p.isWord("SERVER") && mode == ast.ModeAlter:
			p.next()
			if !p.isWord("ROLE") {
				p.fail("ROLE")
			}
			return p.roleStmt(from, true, true)
		case p.isWord("MASTER") && mode == ast.ModeCreate:
			return p.createMasterKey(from)
		case p.isWord("CERTIFICATE") && mode == ast.ModeCreate:
			return p.createCertificate(from)
		}
	case token.USER:
		if mode != ast.ModeCreateOrAlter {
			return p.createUser(from, mode == ast.ModeAlter)
		}
	case token.STATISTICS:
		if mode == ast.ModeCreate {
			return p.createStatistics(from) // parse_stats.go
		}
	}
	p.fail("object type")
	return nil
}

// checkBatchFirst enforces SQL Server's batch rule for CREATE/ALTER VIEW,
// PROCEDURE and FUNCTION and CREATE SCHEMA: inside another statement they
// are a syntax error (156 near the object keyword); after another
// statement of the batch, error 111 on the line of CREATE.
func (p *parser) checkBatchFirst(from token.Pos, mode ast.CreateMode) {
	var what string
	switch p.tok.Kind {
	case token.VIEW:
		what = "CREATE VIEW"
		if mode == ast.ModeAlter {
			what = "ALTER VIEW"
		}
	case token.PROC, token.PROCEDURE:
		what = "CREATE/ALTER PROCEDURE"
	case token.FUNCTION:
		what = "CREATE FUNCTION"
		if mode == ast.ModeAlter {
			what = "ALTER FUNCTION"
		}
	case token.TRIGGER:
		what = "CREATE TRIGGER"
		if mode == ast.ModeAlter {
			what = "ALTER TRIGGER"
		}
	case token.SCHEMA:
		if mode != ast.ModeCreate {
			return
		}
		what = "CREATE SCHEMA"
	default:
		return
	}
	if p.stmtDepth > 1 {
		p.fail("a statement allowed here")
	}
	if !p.first {
		panic(bailout{newError(p.fileOf(), from, ErrNotFirstInBatch,
			"'"+what+"' must be the first statement in a query batch.", what+" after another statement")})
	}
	p.inModule = what != "CREATE SCHEMA"
}

func (p *parser) createView(from token.Pos, mode ast.CreateMode) ast.Statement {
	p.expect(token.VIEW)
	s := &ast.CreateViewStmt{Mode: mode, Name: p.name()}
	if p.is(token.LPAREN) {
		s.Columns = p.parenIdentList()
	}
	if p.got(token.WITH) {
		for {
			s.Options = append(s.Options, p.anyWord("view attribute"))
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	p.expect(token.AS)
	s.Query = p.query()
	if p.is(token.WITH) && p.peek(1).Kind == token.CHECK {
		p.next()
		p.next()
		p.expect(token.OPTION)
		s.WithCheckOption = true
	}
	s.Span = p.span(from)
	return s
}

// createProc parses a procedure; its body is every statement to the end
// of the batch.
func (p *parser) createProc(from token.Pos, mode ast.CreateMode) ast.Statement {
	p.next()
	s := &ast.CreateProcStmt{Mode: mode, Name: p.name()}
	if p.is(token.SEMICOLON) && p.peek(1).Kind == token.INT {
		p.next()
		p.next() // numbered procedure ;n: accepted, number ignored
	}
	paren := p.got(token.LPAREN)
	if p.is(token.VARIABLE) {
		for {
			s.Params = append(s.Params, p.procParam())
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	if paren {
		p.expect(token.RPAREN)
	}
	if p.got(token.WITH) {
		for {
			w := p.anyWord("procedure option")
			if w == "EXECUTE" || w == "EXEC" {
				p.expect(token.AS)
				if p.is(token.STRING) || p.is(token.NSTRING) {
					w += " AS " + ast.QuoteString(p.tok.Value, p.is(token.NSTRING))
					p.next()
				} else {
					w += " AS " + p.anyWord("CALLER, SELF or OWNER")
				}
				w = "EXECUTE" + strings.TrimPrefix(strings.TrimPrefix(w, "EXECUTE"), "EXEC")
			}
			s.Options = append(s.Options, w)
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	p.expect(token.AS)
	s.Body = p.statementsUntil(func() bool { return false })
	s.Span = p.span(from)
	return s
}

func (p *parser) procParam() *ast.ProcParam {
	from := p.tok.Pos
	prm := &ast.ProcParam{Name: p.tok.Text}
	p.expect(token.VARIABLE)
	p.got(token.AS)
	if p.is(token.CURSOR) { // @c CURSOR VARYING OUTPUT (proc.go binds it)
		prm.Type = &ast.DataType{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: "cursor"}
		p.next()
	} else {
		prm.Type = p.dataType()
	}
	if p.got(token.VARYING) {
		prm.Varying = true
	}
	if p.got(token.EQ) {
		prm.Default = p.expr()
	}
	for {
		switch {
		case p.gotWord("OUTPUT"), p.gotWord("OUT"):
			prm.Output = true
			continue
		case p.gotWord("READONLY"):
			prm.ReadOnly = true
			continue
		}
		break
	}
	prm.Span = p.span(from)
	return prm
}

func (p *parser) ifExists() bool {
	if p.is(token.IF) {
		p.next()
		p.expect(token.EXISTS)
		return true
	}
	return false
}

var dropKinds = map[string]ast.ObjectKind{
	"VIEW": ast.ObjView, "PROC": ast.ObjProcedure, "PROCEDURE": ast.ObjProcedure,
	"FUNCTION": ast.ObjFunction, "SCHEMA": ast.ObjSchema, "LOGIN": ast.ObjLogin,
	"USER": ast.ObjUser, "ENDPOINT": ast.ObjEndpoint, "CERTIFICATE": ast.ObjCertificate,
	"TRIGGER": ast.ObjTrigger, "SYNONYM": ast.ObjSynonym, "TYPE": ast.ObjType,
	"SEQUENCE": ast.ObjSequence, "ROLE": ast.ObjRole,
}

func (p *parser) dropStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.DROP)
	switch p.tok.Kind {
	case token.TABLE:
		p.next()
		s := &ast.DropTableStmt{IfExists: p.ifExists()}
		s.Names = p.nameList()
		s.Span = p.span(from)
		return s
	case token.DATABASE:
		p.next()
		s := &ast.DropDatabaseStmt{IfExists: p.ifExists()}
		s.Names = p.identList()
		s.Span = p.span(from)
		return s
	case token.STATISTICS:
		p.next()
		s := &ast.DropStatisticsStmt{Names: p.nameList()}
		s.Span = p.span(from)
		return s
	case token.INDEX:
		p.next()
		s := &ast.DropIndexStmt{IfExists: p.ifExists()}
		for {
			itf := p.tok.Pos
			n := p.name()
			it := &ast.DropIndexItem{}
			if p.got(token.ON) {
				if len(n.Parts) != 1 {
					p.fail("ON")
				}
				it.Index, it.Table = n.Parts[0], p.name()
			} else {
				if len(n.Parts) < 2 || n.Parts[len(n.Parts)-2].Name == "" {
					p.fail("ON")
				}
				it.Index = n.Parts[len(n.Parts)-1]
				it.Table = &ast.Name{Span: ast.Span{From: n.Pos(), To: n.Parts[len(n.Parts)-2].End()}, Parts: n.Parts[:len(n.Parts)-1]}
			}
			if p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
				p.dropIndexOptions(it)
			}
			it.Span = p.span(itf)
			s.Items = append(s.Items, it)
			if !p.got(token.COMMA) {
				break
			}
		}
		s.Span = p.span(from)
		return s
	}
	w := p.word()
	if w == "PARTITION" {
		p.next()
		kind := ast.ObjPartitionScheme
		if p.got(token.FUNCTION) {
			kind = ast.ObjPartitionFunction
		} else if !p.gotWord("SCHEME") {
			p.fail("FUNCTION or SCHEME")
		}
		s := &ast.DropStmt{Kind: kind, Names: []*ast.Name{p.name()}}
		s.Span = p.span(from)
		return s
	}
	if w == "MASTER" {
		p.next()
		p.expect(token.KEY)
		return &ast.DropStmt{Span: p.span(from), Kind: ast.ObjMasterKey}
	}
	kind, ok := dropKinds[w]
	if !ok {
		p.fail("object type")
	}
	p.next()
	s := &ast.DropStmt{Kind: kind, IfExists: p.ifExists()}
	s.Names = p.nameList()
	if kind == ast.ObjTrigger && p.is(token.ON) && p.peek(1).Kind == token.DATABASE {
		// DROP TRIGGER name [, …] ON DATABASE: DDL triggers.
		p.next()
		p.next()
		s.Database = true
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) nameList() []*ast.Name {
	ns := []*ast.Name{p.name()}
	for p.got(token.COMMA) {
		ns = append(ns, p.name())
	}
	return ns
}

// dropIndexOptions parses DROP INDEX's WITH (ONLINE = ON, MAXDOP = n,
// MOVE TO filegroup | scheme(column) …) into it (the cursor is on WITH).
func (p *parser) dropIndexOptions(it *ast.DropIndexItem) {
	p.next()
	p.expect(token.LPAREN)
	for {
		if p.isWord("MOVE") && p.peek(1).Kind == token.TO {
			from := p.tok.Pos
			p.next()
			p.next()
			ds := &ast.DataSpace{Name: p.identOrKeyword()}
			if p.got(token.LPAREN) {
				ds.Column = p.ident()
				p.expect(token.RPAREN)
			}
			ds.Span = p.span(from)
			it.MoveTo = ds
		} else {
			it.Options = append(it.Options, p.option(false))
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
}

// schemaElementNext reports whether a CREATE SCHEMA element follows: CREATE
// TABLE, CREATE VIEW, GRANT, REVOKE or DENY (the CREATE SCHEMA page's
// CREATE SCHEMA Sprockets AUTHORIZATION … CREATE TABLE … GRANT … DENY …).
func (p *parser) schemaElementNext() bool {
	switch p.tok.Kind {
	case token.CREATE:
		k := p.peek(1).Kind
		return k == token.TABLE || k == token.VIEW
	case token.GRANT, token.REVOKE, token.DENY:
		return true
	}
	return false
}

// inSchema qualifies a one-part name with schema.
func inSchema(n *ast.Name, schema *ast.Ident) *ast.Name {
	if n == nil || len(n.Parts) != 1 {
		return n
	}
	return &ast.Name{Span: n.Span, Parts: []*ast.Ident{schema, n.Parts[0]}}
}
