package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// moduleExecuteAs parses the rest of a module's WITH EXECUTE AS clause
// after EXECUTE (or EXEC): AS CALLER | SELF | OWNER | 'user_name'. It
// returns the option as modules keep it in Options: "EXECUTE AS OWNER",
// "EXECUTE AS 'name'" (the engine reads it back, engine/exec
// perm_execas.go).
func (p *parser) moduleExecuteAs() string {
	p.expect(token.AS)
	if p.is(token.STRING) || p.is(token.NSTRING) {
		w := "EXECUTE AS " + ast.QuoteString(p.tok.Value, p.is(token.NSTRING))
		p.next()
		return w
	}
	return "EXECUTE AS " + p.anyWord("CALLER, SELF, OWNER or a user name")
}
