package tsql

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// partitionStmt parses CREATE/ALTER PARTITION FUNCTION and PARTITION SCHEME
// from the word PARTITION.
func (p *parser) partitionStmt(from token.Pos, alter bool) ast.Statement {
	p.next()
	if p.got(token.FUNCTION) {
		name := p.ident()
		p.expect(token.LPAREN)
		if alter {
			p.expect(token.RPAREN)
			s := &ast.AlterPartitionFunctionStmt{Name: name}
			if p.gotWord("SPLIT") {
				s.Split = true
			} else {
				p.expect(token.MERGE)
			}
			p.expectWord("RANGE")
			p.expect(token.LPAREN)
			s.Value = p.expr()
			p.expect(token.RPAREN)
			s.Span = p.span(from)
			return s
		}
		s := &ast.CreatePartitionFunctionStmt{Name: name, Type: p.dataType()}
		p.expect(token.RPAREN)
		p.expect(token.AS)
		p.expectWord("RANGE")
		if p.got(token.RIGHT) {
			s.Right = true
		} else {
			p.got(token.LEFT)
		}
		p.expect(token.FOR)
		p.expect(token.VALUES)
		p.expect(token.LPAREN)
		if !p.is(token.RPAREN) {
			s.Values = p.exprList()
		}
		p.expect(token.RPAREN)
		s.Span = p.span(from)
		return s
	}
	p.expectWord("SCHEME")
	name := p.ident()
	if alter {
		s := &ast.AlterPartitionSchemeStmt{Name: name}
		p.expectWord("NEXT")
		p.expectWord("USED")
		if p.tok.Kind == token.IDENT || p.is(token.PRIMARY) {
			s.FileGroup = p.identOrKeyword()
		}
		s.Span = p.span(from)
		return s
	}
	s := &ast.CreatePartitionSchemeStmt{Name: name}
	p.expect(token.AS)
	p.expectWord("PARTITION")
	s.Function = p.ident()
	s.All = p.got(token.ALL)
	p.expect(token.TO)
	p.expect(token.LPAREN)
	for {
		s.FileGroups = append(s.FileGroups, p.identOrKeyword())
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
	s.Span = p.span(from)
	return s
}

// dataSpace parses ON filegroup | ON scheme(column) | ON "default" (the
// cursor is on ON).
func (p *parser) dataSpace() *ast.DataSpace {
	from := p.tok.Pos
	p.expect(token.ON)
	ds := &ast.DataSpace{Name: p.identOrKeyword()}
	if p.got(token.LPAREN) {
		ds.Column = p.ident()
		p.expect(token.RPAREN)
	}
	ds.Span = p.span(from)
	return ds
}

// alterTableSwitch parses SWITCH [PARTITION n] TO target [PARTITION m]
// [WITH (…)] (the cursor is on SWITCH); the WITH options (WAIT_AT_LOW_PRIORITY)
// are accepted and not kept.
func (p *parser) alterTableSwitch(from token.Pos) ast.AlterTableAction {
	p.next()
	a := &ast.AlterTableSwitch{}
	if p.gotWord("PARTITION") {
		a.Partition = p.expr()
	}
	p.expect(token.TO)
	a.Target = p.name()
	if p.gotWord("PARTITION") {
		a.TargetPartition = p.expr()
	}
	if p.is(token.WITH) && p.peek(1).Kind == token.LPAREN {
		p.next()
		p.skipParens()
	}
	a.Span = p.span(from)
	return a
}

// truncatePartitions parses WITH (PARTITIONS (n | n TO m [, …])) after
// TRUNCATE TABLE name.
func (p *parser) truncatePartitions() []*ast.PartitionRange {
	p.expect(token.WITH)
	p.expect(token.LPAREN)
	p.expectWord("PARTITIONS")
	p.expect(token.LPAREN)
	var out []*ast.PartitionRange
	for {
		from := p.tok.Pos
		r := &ast.PartitionRange{From: p.expr()}
		if p.got(token.TO) {
			r.To = p.expr()
		}
		r.Span = p.span(from)
		out = append(out, r)
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
	p.expect(token.RPAREN)
	return out
}
