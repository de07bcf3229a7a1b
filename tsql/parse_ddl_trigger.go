package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// ddlTrigger parses the rest of CREATE|ALTER TRIGGER name ON DATABASE
// [WITH option, …] { FOR | AFTER } event_type_or_group [, …] AS body
// (the cursor is after DATABASE). Event names are words; whether they are
// DDL events is the executor's to say (1084), as in SQL Server.
func (p *parser) ddlTrigger(from token.Pos, s *ast.CreateTriggerStmt) ast.Statement {
	s.Database = true
	p.triggerOptions(s)
	switch {
	case p.got(token.FOR):
		s.For = true
	case p.gotWord("AFTER"):
	default:
		p.fail("AFTER or FOR")
	}
	for {
		s.Events = append(s.Events, p.anyWord("event type"))
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.AS)
	s.Body = p.statementsUntil(func() bool { return false })
	s.Span = p.span(from)
	return s
}
