package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// createStatistics parses CREATE STATISTICS name ON table (column, …)
// [WHERE filter] [WITH FULLSCAN | SAMPLE n PERCENT | NORECOMPUTE …].
func (p *parser) createStatistics(from token.Pos) ast.Statement {
	p.expect(token.STATISTICS)
	s := &ast.CreateStatisticsStmt{Name: p.ident()}
	p.expect(token.ON)
	s.Table = p.name()
	s.Columns = p.parenIdentList()
	if p.got(token.WHERE) {
		s.Where = p.expr()
	}
	if p.got(token.WITH) {
		s.Options = p.statisticsOptions()
	}
	s.Span = p.span(from)
	return s
}
