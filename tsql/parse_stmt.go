package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// statement parses one statement and an optional trailing ';'.
func (p *parser) statement() ast.Statement {
	p.enter()
	p.stmtDepth++
	defer func() { p.depth--; p.stmtDepth-- }()
	s := p.statementNoSemi()
	if !p.got(token.SEMICOLON) {
		if m, ok := s.(*ast.MergeStmt); ok {
			// SQL Server requires MERGE's terminator (10713), at the line
			// where the statement ends.
			panic(bailout{newError(p.fileOf(), m.To-1, ErrMergeSemicolon,
				"A MERGE statement must be terminated by a semi-colon (;).", "expected ';' after MERGE, found "+describe(p.tok))})
		}
	}
	return s
}

// statementNoSemi dispatches on the statement's first token(s).
func (p *parser) statementNoSemi() ast.Statement {
	switch p.tok.Kind {
	case token.SELECT, token.LPAREN:
		return p.selectStmt()
	case token.WITH:
		return p.withStmt()
	case token.INSERT:
		return p.insertStmt(nil)
	case token.UPDATE:
		if p.peek(1).Kind == token.STATISTICS {
			return p.updateStatistics()
		}
		return p.updateStmt(nil)
	case token.DELETE:
		return p.deleteStmt(nil)
	case token.MERGE:
		return p.mergeStmt(nil)
	case token.TRUNCATE:
		return p.truncateStmt()
	case token.CREATE, token.ALTER:
		return p.createStmt()
	case token.DROP:
		return p.dropStmt()
	case token.DECLARE:
		return p.declareStmt()
	case token.SET:
		return p.setStmt()
	case token.IF:
		return p.ifStmt()
	case token.WHILE:
		return p.whileStmt()
	case token.BEGIN:
		return p.beginStmt()
	case token.COMMIT, token.ROLLBACK, token.SAVE:
		return p.tranStmt()
	case token.BREAK:
		from := p.tok.Pos
		p.next()
		return &ast.BreakStmt{Span: p.span(from)}
	case token.CONTINUE:
		from := p.tok.Pos
		p.next()
		return &ast.ContinueStmt{Span: p.span(from)}
	case token.RETURN:
		return p.returnStmt()
	case token.PRINT:
		from := p.tok.Pos
		p.next()
		return &ast.PrintStmt{X: p.expr(), Span: p.span(from)}
	case token.RAISERROR:
		return p.raiserrorStmt()
	case token.WAITFOR:
		return p.waitforStmt()
	case token.EXEC, token.EXECUTE:
		return p.execStmt()
	case token.USE:
		from := p.tok.Pos
		p.next()
		return &ast.UseStmt{Database: p.ident(), Span: p.span(from)}
	case token.GOTO:
		from := p.tok.Pos
		p.next()
		return &ast.GotoStmt{Label: p.ident(), Span: p.span(from)}
	case token.BACKUP:
		return p.backupStmt()
	case token.BULK:
		return p.bulkInsertStmt() // parse_bulk.go
	case token.RESTORE:
		return p.restoreStmt()
	case token.CHECKPOINT:
		from := p.tok.Pos
		p.next()
		c := &ast.CheckpointStmt{}
		if p.is(token.INT) {
			c.Duration = p.literal()
		}
		c.Span = p.span(from)
		return c
	case token.DBCC:
		return p.dbccStmt()
	case token.KILL:
		from := p.tok.Pos
		p.next()
		return &ast.KillStmt{Target: p.expr(), Span: p.span(from)}
	case token.SHUTDOWN:
		from := p.tok.Pos
		p.next()
		s := &ast.ShutdownStmt{}
		if p.is(token.WITH) && isWordTok(p.peek(1), "NOWAIT") {
			p.next()
			p.next()
			s.NoWait = true
		}
		s.Span = p.span(from)
		return s
	case token.GRANT, token.REVOKE, token.DENY:
		return p.grantStmt()
	case token.RECONFIGURE:
		from := p.tok.Pos
		p.next()
		s := &ast.ReconfigureStmt{}
		if p.is(token.WITH) && isWordTok(p.peek(1), "OVERRIDE") {
			p.next()
			p.next()
			s.WithOverride = true
		}
		s.Span = p.span(from)
		return s
	case token.REVERT:
		from := p.tok.Pos
		p.next()
		st := &ast.RevertStmt{}
		if p.is(token.WITH) && isWordTok(p.peek(1), "COOKIE") {
			p.next()
			p.next()
			p.expect(token.EQ)
			st.Cookie = p.tok.Text
			p.expect(token.VARIABLE)
		}
		st.Span = p.span(from)
		return st
	case token.OPEN:
		return p.openStmt()
	case token.FETCH:
		return p.fetchStmt()
	case token.CLOSE:
		return p.closeStmt()
	case token.DEALLOCATE:
		return p.deallocateStmt()
	case token.IDENT:
		if p.isWord("THROW") {
			return p.throwStmt()
		}
		if p.atTriggerState() {
			return p.triggerStateStmt() // parse_trigger_state.go
		}
		if !p.tok.Quoted && p.peek(1).Kind == token.COLON && p.peek(1).Pos == p.tok.End {
			from := p.tok.Pos
			l := &ast.LabelStmt{Label: p.ident()}
			p.next()
			l.Span = p.span(from)
			return l
		}
		if p.first && !p.isWord("GO") {
			// A procedure name alone as the first statement of a batch is
			// an EXECUTE. GO is the client-side batch separator: a server
			// that receives it reports a syntax error.
			return p.execBody(p.tok.Pos)
		}
	}
	p.fail("statement")
	return nil
}

func (p *parser) selectStmt() ast.Statement {
	from := p.tok.Pos
	q := p.query()
	return &ast.SelectStmt{Span: p.span(from), Query: q}
}

// withStmt parses WITH ctes followed by SELECT, INSERT, UPDATE, DELETE or
// MERGE.
func (p *parser) withStmt() ast.Statement {
	from := p.tok.Pos
	w := p.withClause()
	var s ast.Statement
	switch p.tok.Kind {
	case token.SELECT, token.LPAREN:
		q := &ast.Query{With: w, Body: p.unionTerm()}
		p.queryTail(q)
		q.Span = p.span(from)
		return &ast.SelectStmt{Span: q.Span, Query: q}
	case token.INSERT:
		s = p.insertStmt(w)
	case token.UPDATE:
		s = p.updateStmt(w)
	case token.DELETE:
		s = p.deleteStmt(w)
	case token.MERGE:
		s = p.mergeStmt(w)
	default:
		p.fail("SELECT, INSERT, UPDATE, DELETE or MERGE")
	}
	return s
}
