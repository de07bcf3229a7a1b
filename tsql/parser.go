// Package tsql is mirrorsql's T-SQL front end: a lexer, a recursive-descent
// parser producing the syntax tree of package ast, and a script splitter
// for client-side GO separators (SplitScript).
//
// The parser follows go/parser: one token of lookahead (more where T-SQL
// needs it, e.g. BEGIN TRAN vs BEGIN … END), a function per production,
// and errors raised as panics of *Error that are recovered at the package
// entry points, which therefore never panic. Errors are SQL Server's (see
// errors.go): 102 and 156 (incorrect syntax), 105 (unclosed quote), 103
// (identifier too long), 113 (missing */), 111 (CREATE VIEW/PROCEDURE/
// FUNCTION not first in the batch), 191 (nested too deeply) and 1038 (empty
// name), severity 15, state 1, with the line of the offending token.
package tsql

import (
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// maxDepth bounds the nesting of expressions, queries and blocks.
const maxDepth = 512

type parser struct {
	src   string
	lex   lexer
	toks  []Token
	i     int
	tok   Token // == toks[i]
	file  *token.File
	depth int
	// caseDepth is how many CASE expressions enclose the token: SQL Server
	// nests them only to level 10 (125).
	caseDepth int
	// stmtDepth is the nesting of the statement being parsed (1 at the top
	// level of the batch, more inside IF, WHILE, BEGIN … END).
	stmtDepth int
	// first reports whether the statement being parsed is the first of the
	// batch (where a bare procedure name means EXEC).
	first bool
	// inModule is set once a CREATE/ALTER VIEW, PROCEDURE, FUNCTION or
	// TRIGGER begins: a SET QUOTED_IDENTIFIER in a module's body does not
	// change how the body is read (options.go).
	inModule bool
}

// bailout is the panic value of a parse error.
type bailout struct{ err *Error }

func newParser(text string, opts ParseOptions) *parser {
	p := &parser{src: text, lex: lexer{src: text, quotedOff: opts.QuotedIdentifierOff}}
	// Dense SQL has about one token per 3-4 bytes; the cap keeps a batch
	// holding a huge string literal from reserving memory it never uses.
	p.toks = make([]Token, 0, min(len(text)/3+8, 1<<14))
	p.scanRest()
	p.tok = p.toks[0]
	return p
}

// scanRest appends the tokens from the lexer's offset to the end of the
// batch.
func (p *parser) scanRest() {
	for {
		t := p.lex.next()
		p.toks = append(p.toks, t)
		if t.Kind == token.EOF {
			break
		}
	}
}

func (p *parser) fileOf() *token.File {
	if p.file == nil {
		p.file = token.NewFile(p.src)
	}
	return p.file
}

// run calls f, turning a bailout (or any other panic) into an error.
func (p *parser) run(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if b, ok := r.(bailout); ok {
				err = b.err
				return
			}
			e := p.nearError("internal error: " + fmt.Sprint(r))
			err = e
		}
	}()
	f()
	return nil
}

// ParseBatch parses a batch (the text of one SQLBatch request, or one
// GO-separated part of a script) into its statements. Statements need no
// ';'. An empty batch yields no statements and no error. The error, if
// any, is an *Error.
func ParseBatch(text string) ([]ast.Statement, error) {
	stmts, _, err := ParseBatchOptions(text, ParseOptions{})
	return stmts, err
}

// ParseBatchOptions parses a batch as ParseBatch does, read from its start
// under opts. A SET QUOTED_IDENTIFIER in the batch changes how the rest of
// it is read (options.go); end is the options in effect at its end.
func ParseBatchOptions(text string, opts ParseOptions) (stmts []ast.Statement, end ParseOptions, err error) {
	p := newParser(text, opts)
	err = p.run(func() {
		p.first = true
		for p.tok.Kind != token.EOF {
			if p.got(token.SEMICOLON) {
				continue
			}
			stmts = append(stmts, p.statement())
			p.first = false
		}
	})
	if err != nil {
		return nil, opts, err
	}
	return stmts, p.options(), nil
}

// ParseExpr parses a single scalar expression (stored defaults, check
// constraints, computed columns).
func ParseExpr(text string) (ast.Expr, error) {
	p := newParser(text, ParseOptions{})
	var x ast.Expr
	err := p.run(func() {
		x = p.expr()
		if p.tok.Kind != token.EOF {
			p.fail("end of expression")
		}
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// ParseDataType parses a data type reference such as nvarchar(MAX) or
// decimal(10, 2).
func ParseDataType(text string) (*ast.DataType, error) {
	p := newParser(text, ParseOptions{})
	var t *ast.DataType
	err := p.run(func() {
		t = p.dataType()
		if p.tok.Kind != token.EOF {
			p.fail("end of data type")
		}
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// --- token movement ---

func (p *parser) next() {
	if p.i < len(p.toks)-1 {
		p.i++
	}
	p.tok = p.toks[p.i]
}

// peek returns the token n places after the current one (EOF beyond).
func (p *parser) peek(n int) *Token {
	if p.i+n < len(p.toks) {
		return &p.toks[p.i+n]
	}
	return &p.toks[len(p.toks)-1]
}

// prevEnd is the end of the last consumed token.
func (p *parser) prevEnd() token.Pos {
	if p.i == 0 {
		return p.tok.Pos
	}
	return p.toks[p.i-1].End
}

func (p *parser) is(k token.Kind) bool { return p.tok.Kind == k }

func (p *parser) got(k token.Kind) bool {
	if p.tok.Kind == k {
		p.next()
		return true
	}
	return false
}

func (p *parser) expect(k token.Kind) Token {
	t := p.tok
	if t.Kind != k {
		p.fail("'" + k.String() + "'")
	}
	p.next()
	return t
}

// isWordTok reports whether t is the unquoted non-reserved word w (w upper
// case).
func isWordTok(t *Token, w string) bool {
	return t.Kind == token.IDENT && !t.Quoted && strings.EqualFold(t.Text, w)
}

// isWord reports whether the current token is the keyword-like word w.
func (p *parser) isWord(w string) bool { return isWordTok(&p.tok, w) }

func (p *parser) gotWord(w string) bool {
	if p.isWord(w) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expectWord(w string) {
	if !p.gotWord(w) {
		p.fail(w)
	}
}

// word returns the current token's text upper-cased when it is an
// unquoted word (reserved or not), else "".
func (p *parser) word() string {
	if (p.tok.Kind == token.IDENT && !p.tok.Quoted) || p.tok.Kind.IsKeyword() {
		return strings.ToUpper(p.tok.Text)
	}
	return ""
}

// anyWord consumes and returns the current word (upper case) or fails.
func (p *parser) anyWord(what string) string {
	w := p.word()
	if w == "" {
		p.fail(what)
	}
	p.next()
	return w
}

// --- errors ---

// nearError builds SQL Server's error for the current token: its lexical
// error if it has one, else 102/156 near it (the last real token at end of
// input).
func (p *parser) nearError(detail string) *Error {
	t := p.tok
	if t.Kind == token.EOF {
		if p.i > 0 {
			t = p.toks[p.i-1]
		}
		if t.Kind == token.EOF {
			return newError(p.fileOf(), t.Pos, ErrSyntax, "Incorrect syntax near ''.", detail)
		}
	}
	if t.Kind == token.ILLEGAL {
		if e := p.lex.errs[t.Pos]; e != nil {
			return newError(p.fileOf(), t.Pos, e.number, e.msg, detail)
		}
	}
	if t.Kind.IsKeyword() {
		return newError(p.fileOf(), t.Pos, ErrSyntaxNearKeyword, "Incorrect syntax near the keyword '"+t.Text+"'.", detail)
	}
	near := t.Text
	if t.Kind == token.IDENT || t.Kind == token.STRING || t.Kind == token.NSTRING {
		near = t.Value
	}
	return newError(p.fileOf(), t.Pos, ErrSyntax, "Incorrect syntax near '"+near+"'.", detail)
}

func describe(t Token) string {
	if t.Kind == token.EOF {
		return "end of batch"
	}
	return "'" + t.Text + "'"
}

// fail aborts parsing with a syntax error at the current token; expected
// describes what the grammar wanted there.
func (p *parser) fail(expected string) {
	panic(bailout{p.nearError("expected " + expected + ", found " + describe(p.tok))})
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		panic(bailout{newError(p.fileOf(), p.tok.Pos, ErrNestedTooDeeply,
			"Some part of your SQL statement is nested too deeply. Rewrite the query or break it up into smaller queries.", "nesting too deep")})
	}
}

func (p *parser) leave() { p.depth-- }

// maxChain bounds a run of left-associative operators (a AND b AND …,
// a + b + …, … UNION ALL …). Each link deepens the tree that later passes
// (formatting, walks, the binder, evaluation) recurse through: about 200,000
// ANDs overflowed the stack and killed the server. ORM IN-lists written as a
// few thousand ORs stay far below it.
const maxChain = 16384

// link counts one more operator of a chain whose length is *n; past
// maxChain the statement is nested too deeply (191), as enter's nesting.
func (p *parser) link(n *int) {
	*n++
	if *n > maxChain {
		panic(bailout{newError(p.fileOf(), p.tok.Pos, ErrNestedTooDeeply,
			"Some part of your SQL statement is nested too deeply. Rewrite the query or break it up into smaller queries.", "operator chain too long")})
	}
}

// --- names ---

// ident parses one identifier (not a reserved word).
func (p *parser) ident() *ast.Ident {
	if p.tok.Kind != token.IDENT {
		p.fail("identifier")
	}
	id := &ast.Ident{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Value, Quoted: p.tok.Quoted}
	p.next()
	return id
}

// identOrKeyword accepts a reserved word as an identifier too (where T-SQL
// allows it, e.g. after a dot or in option values).
func (p *parser) identOrKeyword() *ast.Ident {
	if p.tok.Kind.IsKeyword() {
		id := &ast.Ident{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}
		p.next()
		return id
	}
	return p.ident()
}

// name parses a multi-part name a.b.c.d with possibly empty inner parts
// (db..t). The parser stops before ".*". The name, its parts slice and its
// identifiers are allocated together.
func (p *parser) name() *ast.Name {
	from := p.tok.Pos
	var n *ast.Name
	switch {
	case p.tok.Kind == token.DOT && p.peek(1).Kind == token.DOT:
		// ..t: database and schema left out on purpose (current ones), as
		// go-mssqldb's bulk copy writes "..table".
		n = &ast.Name{Parts: []*ast.Ident{{Span: ast.Span{From: from, To: from}}}}
	case p.tok.Kind != token.IDENT:
		p.fail("identifier")
	case p.peek(1).Kind != token.DOT:
		return p.name1()
	default:
		n = &ast.Name{Parts: []*ast.Ident{p.ident()}}
	}
	for p.is(token.DOT) && len(n.Parts) < 4 {
		nt := p.peek(1)
		if nt.Kind == token.STAR {
			break
		}
		p.next()
		if p.is(token.DOT) {
			n.Parts = append(n.Parts, &ast.Ident{Span: ast.Span{From: p.tok.Pos, To: p.tok.Pos}})
			continue
		}
		n.Parts = append(n.Parts, p.identOrKeyword())
	}
	n.Span = ast.Span{From: from, To: p.prevEnd()}
	return n
}

// oneName is a single-part name in one allocation.
type oneName struct {
	n     ast.Name
	parts [1]*ast.Ident
	id    ast.Ident
}

// name1 returns the current identifier as a one-part name.
func (p *parser) name1() *ast.Name {
	o := &oneName{}
	o.id = ast.Ident{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Value, Quoted: p.tok.Quoted}
	o.parts[0] = &o.id
	o.n = ast.Name{Span: o.id.Span, Parts: o.parts[:]}
	p.next()
	return &o.n
}

// oneColumn is a single-part column reference in one allocation.
type oneColumn struct {
	c ast.ColumnRef
	oneName
}

// columnRef1 returns the current identifier as a one-part column reference.
func (p *parser) columnRef1() *ast.ColumnRef {
	o := &oneColumn{}
	o.id = ast.Ident{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Value, Quoted: p.tok.Quoted}
	o.parts[0] = &o.id
	o.n = ast.Name{Span: o.id.Span, Parts: o.parts[:]}
	o.c = ast.ColumnRef{Span: o.id.Span, Name: &o.n}
	p.next()
	return &o.c
}

func (p *parser) identList() []*ast.Ident {
	ids := []*ast.Ident{p.ident()}
	for p.got(token.COMMA) {
		ids = append(ids, p.ident())
	}
	return ids
}

func (p *parser) parenIdentList() []*ast.Ident {
	p.expect(token.LPAREN)
	ids := p.identList()
	p.expect(token.RPAREN)
	return ids
}

func (p *parser) span(from token.Pos) ast.Span { return ast.Span{From: from, To: p.prevEnd()} }
