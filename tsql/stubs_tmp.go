package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

func (p *parser) alterDatabase(from token.Pos) ast.Statement          { p.fail("x"); return nil }
func (p *parser) createDatabase(from token.Pos) ast.Statement         { p.fail("x"); return nil }
func (p *parser) createEndpoint(from token.Pos, a bool) ast.Statement { p.fail("x"); return nil }
func (p *parser) createLogin(from token.Pos, a bool) ast.Statement    { p.fail("x"); return nil }
func (p *parser) createUser(from token.Pos) ast.Statement             { p.fail("x"); return nil }
func (p *parser) createMasterKey(from token.Pos) ast.Statement        { p.fail("x"); return nil }
func (p *parser) createCertificate(from token.Pos) ast.Statement      { p.fail("x"); return nil }
func (p *parser) backupStmt() ast.Statement                           { p.fail("x"); return nil }
func (p *parser) restoreStmt() ast.Statement                          { p.fail("x"); return nil }
func (p *parser) dbccStmt() ast.Statement                             { p.fail("x"); return nil }
func (p *parser) grantStmt() ast.Statement                            { p.fail("x"); return nil }
