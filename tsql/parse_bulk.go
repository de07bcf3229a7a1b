package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// bulkInsertStmt parses BULK INSERT table FROM 'file' [WITH (option, …)].
func (p *parser) bulkInsertStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.BULK)
	p.expect(token.INSERT)
	s := &ast.BulkInsertStmt{Table: p.name()}
	p.expect(token.FROM)
	s.File = p.expr()
	if p.got(token.WITH) {
		s.Options, _ = p.backupOptions(false)
	}
	s.Span = p.span(from)
	return s
}
