package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// createDatabase parses CREATE DATABASE (ON/LOG ON file lists, COLLATE,
// WITH options, FOR ATTACH, AS SNAPSHOT OF).
func (p *parser) createDatabase(from token.Pos) ast.Statement {
	p.expect(token.DATABASE)
	s := &ast.CreateDatabaseStmt{Name: p.ident()}
	if p.isWord("CONTAINMENT") {
		p.next()
		p.expect(token.EQ)
		p.anyWord("NONE or PARTIAL")
	}
	if p.got(token.ON) {
		s.Files = p.fileSpecs()
	}
	if p.isWord("LOG") {
		p.next()
		p.expect(token.ON)
		s.LogFiles = p.fileSpecs()
	}
	if p.got(token.COLLATE) {
		s.Collation = p.ident().Name
	}
	if p.is(token.FOR) && isWordTok(p.peek(1), "ATTACH") {
		p.next()
		p.next()
		s.ForAttach = true
	}
	if p.got(token.WITH) {
		for {
			s.Options = append(s.Options, p.option(false))
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	if p.got(token.AS) {
		p.expectWord("SNAPSHOT")
		p.expect(token.OF)
		s.SnapshotOf = p.ident()
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) fileSpecs() []*ast.FileSpec {
	var fs []*ast.FileSpec
	for {
		from := p.tok.Pos
		f := &ast.FileSpec{}
		if p.got(token.PRIMARY) {
			f.Filegroup = "PRIMARY"
		} else if p.gotWord("FILEGROUP") {
			f.Filegroup = p.ident().Name
		}
		f.Options = p.parenOptions() // parse_table.go
		f.Span = p.span(from)
		fs = append(fs, f)
		if !p.is(token.COMMA) || p.peek(1).Kind == token.IDENT && !isWordTok(p.peek(1), "FILEGROUP") {
			return fs
		}
		p.next()
	}
}

var dbStates = map[string]bool{
	"SINGLE_USER": true, "RESTRICTED_USER": true, "MULTI_USER": true, "ONLINE": true,
	"OFFLINE": true, "EMERGENCY": true, "READ_ONLY": true, "READ_WRITE": true,
}

// alterDatabase parses ALTER DATABASE name|CURRENT SET … [WITH …],
// MODIFY NAME = … or COLLATE ….
func (p *parser) alterDatabase(from token.Pos) ast.Statement {
	p.expect(token.DATABASE)
	if p.isWord("SCOPED") {
		return p.alterScopedConfig(from)
	}
	s := &ast.AlterDatabaseStmt{}
	if !p.got(token.CURRENT) {
		s.Name = p.ident()
	}
	switch {
	case p.is(token.SET):
		p.next()
		for {
			s.Options = append(s.Options, p.databaseOption())
			if !p.got(token.COMMA) {
				break
			}
		}
		if p.got(token.WITH) {
			switch {
			case p.gotWord("NO_WAIT"):
				s.Termination = ast.TermNoWait
			case p.got(token.ROLLBACK):
				if p.gotWord("IMMEDIATE") {
					s.Termination = ast.TermRollbackImmediate
				} else {
					p.expectWord("AFTER")
					s.Termination = ast.TermRollbackAfter
					s.RollbackAfter = p.typeNumber()
					p.gotWord("SECONDS")
				}
			default:
				p.fail("ROLLBACK or NO_WAIT")
			}
		}
	case p.isWord("MODIFY") && p.peek(1).Kind == token.FILE:
		of := p.tok.Pos
		p.next()
		p.next()
		f := p.fileSpecs()
		if len(f) != 1 {
			p.fail("one file")
		}
		s.Options = []ast.DatabaseOption{&ast.ModifyFile{Span: p.span(of), File: f[0]}}
	case p.is(token.ADD) || p.isWord("REMOVE"):
		s.Options = []ast.DatabaseOption{p.addFile()}
	case p.isWord("MODIFY"):
		of := p.tok.Pos
		p.next()
		p.expectWord("NAME")
		p.expect(token.EQ)
		s.Options = []ast.DatabaseOption{&ast.ModifyName{NewName: p.ident()}}
		s.Options[0].(*ast.ModifyName).Span = p.span(of)
	case p.is(token.COLLATE):
		of := p.tok.Pos
		p.next()
		s.Options = []ast.DatabaseOption{&ast.CollateDB{Collation: p.ident().Name}}
		s.Options[0].(*ast.CollateDB).Span = p.span(of)
	default:
		p.fail("SET, MODIFY NAME, MODIFY FILE, ADD FILE or COLLATE")
	}
	s.Span = p.span(from)
	return s
}

// databaseOption parses one option after ALTER DATABASE … SET (mirroring
// reference §2.1, §2.7).
func (p *parser) databaseOption() ast.DatabaseOption {
	from := p.tok.Pos
	w := p.anyWord("database option")
	switch w {
	case "RECOVERY":
		m := p.anyWord("FULL, SIMPLE or BULK_LOGGED")
		if m != "FULL" && m != "SIMPLE" && m != "BULK_LOGGED" {
			p.i--
			p.tok = p.toks[p.i]
			p.fail("FULL, SIMPLE or BULK_LOGGED")
		}
		return &ast.SetRecovery{Span: p.span(from), Model: m}
	case "PARTNER":
		o := &ast.SetPartner{}
		if p.got(token.EQ) {
			o.Action = ast.PartnerAddress
			o.Address = p.stringValue()
		} else {
			switch a := p.anyWord("partner option"); a {
			case "FAILOVER":
				o.Action = ast.PartnerFailover
			case "FORCE_SERVICE_ALLOW_DATA_LOSS":
				o.Action = ast.PartnerForceService
			case "OFF":
				o.Action = ast.PartnerOff
			case "RESUME":
				o.Action = ast.PartnerResume
			case "SUSPEND":
				o.Action = ast.PartnerSuspend
			case "SAFETY":
				if p.got(token.FULL) {
					o.Action = ast.PartnerSafetyFull
				} else {
					p.expect(token.OFF)
					o.Action = ast.PartnerSafetyOff
				}
			case "TIMEOUT":
				o.Action = ast.PartnerTimeout
				o.Timeout = p.typeNumber()
			default:
				p.i--
				p.tok = p.toks[p.i]
				p.fail("partner option")
			}
		}
		o.Span = p.span(from)
		return o
	case "WITNESS":
		o := &ast.SetWitness{}
		if p.got(token.EQ) {
			o.Address = p.stringValue()
		} else {
			p.expect(token.OFF)
			o.Off = true
		}
		o.Span = p.span(from)
		return o
	}
	if dbStates[w] {
		return &ast.SetDBState{Span: p.span(from), State: w}
	}
	o := &ast.SetDBOption{Name: w}
	o.Equals = p.got(token.EQ)
	switch {
	case p.is(token.LPAREN):
		// FILESTREAM (…), QUERY_STORE (…): kept as source text.
		o.Value = p.parenRaw()
	case p.is(token.INT):
		o.Value = p.tok.Text
		p.next()
		if w := p.word(); w == "SECONDS" || w == "MINUTES" {
			o.Value += " " + w // TARGET_RECOVERY_TIME = 60 SECONDS
			p.next()
		}
		if p.is(token.LPAREN) {
			o.Value += " " + p.parenRaw()
		}
	case p.is(token.STRING) || p.is(token.NSTRING):
		o.Value = ast.QuoteString(p.tok.Value, p.is(token.NSTRING))
		p.next()
	case p.is(token.ON) || p.is(token.OFF) || p.is(token.FULL):
		o.Value = p.anyWord("")
		if p.is(token.LPAREN) { // CHANGE_TRACKING = ON (…)
			o.Value += " " + p.parenRaw()
		}
	case p.is(token.IDENT) && !p.tok.Quoted && !p.isWord("THROW") && p.peek(1).Kind != token.COLON:
		o.Value = p.anyWord("")
	case o.Equals:
		p.fail("option value")
	}
	// Options without a value (DISABLE_BROKER, NEW_BROKER …) have Value "".
	o.Span = p.span(from)
	return o
}

// parenRaw returns the source text of ( … ), parentheses included.
func (p *parser) parenRaw() string {
	from := p.tok.Pos
	p.skipParens()
	return p.src[from.Offset():p.prevEnd().Offset()]
}

// stringValue parses a string constant and returns its content.
func (p *parser) stringValue() string {
	if !p.is(token.STRING) && !p.is(token.NSTRING) {
		p.fail("string")
	}
	v := p.tok.Value
	p.next()
	return v
}

// skipParens consumes a balanced ( … ).
func (p *parser) skipParens() {
	p.expect(token.LPAREN)
	for depth := 1; ; {
		switch p.tok.Kind {
		case token.EOF:
			p.fail("')'")
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
		}
		p.next()
		if depth == 0 {
			return
		}
	}
}

// alterScopedConfig parses ALTER DATABASE SCOPED CONFIGURATION [FOR
// SECONDARY] SET name = value | CLEAR PROCEDURE_CACHE [plan_handle] from
// SCOPED.
func (p *parser) alterScopedConfig(from token.Pos) ast.Statement {
	p.expectWord("SCOPED")
	p.expectWord("CONFIGURATION")
	s := &ast.AlterScopedConfigStmt{}
	if p.got(token.FOR) {
		p.expectWord("SECONDARY")
		s.Secondary = true
	}
	if p.gotWord("CLEAR") {
		p.expectWord("PROCEDURE_CACHE")
		s.Clear = true
		if p.is(token.BINARY) || p.is(token.VARIABLE) {
			s.Handle = p.unary()
		}
	} else {
		p.expect(token.SET)
		of := p.tok.Pos
		s.Set = &ast.Option{Name: p.anyWord("a configuration name")}
		p.expect(token.EQ)
		if p.got(token.DEFAULT) {
			s.Set.Word = "DEFAULT"
		} else {
			p.optionValue(s.Set)
		}
		s.Set.Span = p.span(of)
	}
	s.Span = p.span(from)
	return s
}

// addFile parses ADD [LOG] FILE (…) [, (…)] [TO FILEGROUP fg] or REMOVE FILE
// name of ALTER DATABASE.
func (p *parser) addFile() *ast.AddFile {
	from := p.tok.Pos
	a := &ast.AddFile{}
	if p.gotWord("REMOVE") {
		p.expect(token.FILE)
		a.Remove = p.ident()
		a.Span = p.span(from)
		return a
	}
	p.expect(token.ADD)
	if p.gotWord("LOG") {
		a.Log = true
	}
	p.expect(token.FILE)
	a.Files = p.fileSpecs()
	if !a.Log && p.got(token.TO) {
		p.expectWord("FILEGROUP")
		a.Filegroup = p.ident().Name
	}
	a.Span = p.span(from)
	return a
}
