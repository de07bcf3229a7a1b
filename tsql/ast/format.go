package ast

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// Format renders n as canonical T-SQL: upper-case keywords, single spaces,
// identifiers bracketed only when they are not regular identifiers or are
// reserved words, strings re-quoted. Statements are not terminated; use
// FormatBatch for a list.
func Format(n Node) string {
	var p printer
	p.node(n)
	return p.b.String()
}

// FormatBatch renders statements one per line, each ending with ';'.
func FormatBatch(stmts []Statement) string {
	var p printer
	for _, s := range stmts {
		p.node(s)
		p.b.WriteString(";\n")
	}
	return p.b.String()
}

type printer struct {
	b strings.Builder
}

func (p *printer) w(ss ...string) {
	for _, s := range ss {
		p.b.WriteString(s)
	}
}

// QuoteIdent returns name as written in canonical SQL: unchanged when it is
// a regular identifier that is not reserved, else in brackets with ]
// doubled. An empty name (omitted part) prints as nothing.
func QuoteIdent(name string) string {
	if name == "" || isRegular(name) {
		return name
	}
	return "[" + strings.ReplaceAll(name, "]", "]]") + "]"
}

func isRegular(s string) bool {
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i == 0 && (r == '#' || r == '$' && len(s) > 1):
		case i > 0 && (unicode.IsDigit(r) || r == '@' || r == '$' || r == '#'):
		default:
			return false
		}
	}
	if s[0] == '$' {
		r, _ := utf8.DecodeRuneInString(s[1:])
		return unicode.IsLetter(r)
	}
	if s[0] == '#' {
		// #x and ##x are temp names; a lone # or ## is not.
		return strings.TrimLeft(s, "#") != "" && !strings.HasPrefix(strings.TrimLeft(s, "#"), "$")
	}
	return !token.IsReserved(s)
}

// QuoteString returns s as a T-SQL string literal, N-prefixed when national.
func QuoteString(s string, national bool) string {
	q := "'" + strings.ReplaceAll(s, "'", "''") + "'"
	if national {
		return "N" + q
	}
	return q
}

func (p *printer) ident(id *Ident) {
	if id != nil {
		p.w(QuoteIdent(id.Name))
	}
}

func (p *printer) name(n *Name) {
	if n == nil {
		return
	}
	for i, part := range n.Parts {
		if i > 0 {
			p.w(".")
		}
		p.ident(part)
	}
}

func (p *printer) idents(ids []*Ident) {
	for i, id := range ids {
		if i > 0 {
			p.w(", ")
		}
		p.ident(id)
	}
}

func (p *printer) parenIdents(ids []*Ident) {
	p.w("(")
	p.idents(ids)
	p.w(")")
}

func (p *printer) exprs(xs []Expr) {
	for i, x := range xs {
		if i > 0 {
			p.w(", ")
		}
		p.node(x)
	}
}

func (p *printer) orderItems(items []*OrderItem) {
	for i, o := range items {
		if i > 0 {
			p.w(", ")
		}
		p.node(o)
	}
}

func (p *printer) options(opts []*Option) {
	for i, o := range opts {
		if i > 0 {
			p.w(", ")
		}
		p.node(o)
	}
}

func (p *printer) alias(a *Ident, cols []*Ident) {
	if a != nil {
		p.w(" AS ")
		p.ident(a)
	}
	if cols != nil {
		p.w(" ")
		p.parenIdents(cols)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// node dispatches on the node type; every type in nodes.go has a case
// here or in one of the format_*.go helpers it calls.
func (p *printer) node(n Node) {
	switch n := n.(type) {
	case nil:
	case *Ident:
		p.ident(n)
	case *Name:
		p.name(n)
	case *Option:
		p.w(n.Name)
		if n.Sub != nil {
			p.w(" (")
			for i, o := range n.Sub {
				if i > 0 {
					p.w(", ")
				}
				p.node(o)
			}
			p.w(")")
		}
		if n.Value != nil {
			p.w(" = ")
			p.node(n.Value)
		} else if n.Word != "" {
			p.w(" = ", n.Word)
		}
		if n.After != nil {
			p.w(" AFTER ")
			p.node(n.After)
		}
	default:
		if !p.expr(n) && !p.query(n) && !p.stmt(n) && !p.ddl(n) && !p.server(n) && !p.proc(n) && !p.programmability(n) && !p.pivotNode(n) && !p.userType(n) && !p.temporal(n) && !p.scopedConfig(n) && !p.inlineIndex(n) && !p.dbFiles(n) && !p.synonym(n) && !p.triggerState(n) && !p.alterSchema(n) && !p.alterAuthorization(n) && !p.alterTableRebuild(n) && !p.partitioning(n) {
			p.w("/* unknown node */")
		}
	}
}
