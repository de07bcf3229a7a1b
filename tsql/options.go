package tsql

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// ParseOptions are the session settings that change how a batch is read.
// The zero value is SQL Server's default for ODBC and OLE DB clients (and
// go-mssqldb, whose login asks for the ODBC defaults).
//
// SET QUOTED_IDENTIFIER is a parse-time option in SQL Server ("SET
// QUOTED_IDENTIFIER (Transact-SQL)", Remarks): a batch is read from its
// start under the setting it is given — the session's for a batch the
// client sends and for EXEC('…') / sp_executesql, the module's for dynamic
// SQL inside a procedure — and a SET QUOTED_IDENTIFIER in it changes how
// the rest of the batch is read from that point on, at any nesting of IF,
// WHILE or BEGIN … END and whether or not it runs. The static body of a
// procedure, function, trigger or view is read under the setting captured
// when it was created: a SET QUOTED_IDENTIFIER inside it changes nothing.
type ParseOptions struct {
	// QuotedIdentifierOff is SET QUOTED_IDENTIFIER OFF: text in double
	// quotes is a varchar string literal ("" escapes a quote), as in
	// `SELECT "hello"` or `EXEC sp_x "arg"`; [..] stays an identifier.
	QuotedIdentifierOff bool
}

// options returns the options in effect at the parser's position.
func (p *parser) options() ParseOptions {
	return ParseOptions{QuotedIdentifierOff: p.lex.quotedOff}
}

// setQuotedIdentifier applies a SET QUOTED_IDENTIFIER just parsed: unless
// it is inside a module's body, the tokens after it are read again under
// the new setting. Only double-quoted tokens read differently, so a rest
// without a '"' keeps its tokens.
func (p *parser) setQuotedIdentifier(on bool) {
	if p.inModule || p.lex.quotedOff == !on {
		return
	}
	p.lex.quotedOff = !on
	off := p.tok.Pos.Offset()
	if p.tok.Kind == token.EOF || strings.IndexByte(p.src[off:], '"') < 0 {
		return
	}
	for pos := range p.lex.errs {
		if pos >= p.tok.Pos {
			delete(p.lex.errs, pos)
		}
	}
	p.toks = p.toks[:p.i]
	p.lex.off = off
	p.lex.prev = token.ILLEGAL
	if p.i > 0 {
		p.lex.prev = p.toks[p.i-1].Kind
	}
	p.scanRest()
	p.tok = p.toks[p.i]
}
