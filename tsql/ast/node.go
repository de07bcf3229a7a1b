// Package ast declares the syntax tree of T-SQL batches produced by package
// tsql and consumed by the engine's binder and planner.
//
// Every node embeds a Span (its first and end positions in the batch text,
// see token.Pos) and prints itself as canonical T-SQL with SQL(): keywords
// in upper case, identifiers bracketed only when needed, one space between
// tokens. Parsing the output of SQL() yields the same tree (positions
// aside); Dump prints a tree without positions for tests.
//
// Conventions for consumers:
//   - Names of objects and columns are *Name values (multi-part, each *Ident
//     keeps whether it was quoted); an omitted part (db..t) is an Ident with
//     an empty Name.
//   - Keyword-like words the grammar gives meaning to (RECOVERY FULL, STATE
//     = STARTED, option names) are stored upper-cased in string fields.
//   - Optional sub-trees are nil when absent; slices are nil when empty.
package ast

import "github.com/mirrorsql/mirrorsql/tsql/token"

// Node is implemented by every syntax tree node.
type Node interface {
	// Pos is the position of the node's first character.
	Pos() token.Pos
	// End is the position just after the node's last character.
	End() token.Pos
	// SQL renders the node as canonical T-SQL.
	SQL() string
}

// Expr is a scalar expression.
type Expr interface {
	Node
	exprNode()
}

// Statement is one statement of a batch.
type Statement interface {
	Node
	stmtNode()
}

// TableExpr is an item of a FROM clause (a table source).
type TableExpr interface {
	Node
	tableNode()
}

// QueryExpr is a query term: a SELECT core, a set operation or a
// parenthesized query.
type QueryExpr interface {
	Node
	queryNode()
}

// Span holds a node's extent; embedding it gives the node Pos and End.
type Span struct {
	From, To token.Pos
}

// Pos returns the position of the node's first character.
func (s Span) Pos() token.Pos { return s.From }

// End returns the position just after the node's last character.
func (s Span) End() token.Pos { return s.To }

// SetSpan sets the node's extent (used by the parser).
func (s *Span) SetSpan(from, to token.Pos) { s.From, s.To = from, to }

// Ident is one part of a name: a regular, [bracketed] or "quoted"
// identifier, a #temp name, or an empty part of a multi-part name.
type Ident struct {
	Span
	Name   string // unquoted text, escapes resolved (]] → ])
	Quoted bool   // written as [..] or ".."
}

// Name is a multi-part name (server.db.schema.object, t.column, db..t).
// Parts are in source order; the object or column is the last part.
type Name struct {
	Span
	Parts []*Ident
}

// Last returns the last part's text (object or column name).
func (n *Name) Last() string { return n.Part(0) }

// Part returns the text of the i-th part counted from the right (0 = last),
// or "" when the name has fewer parts or the part was omitted.
func (n *Name) Part(i int) string {
	if n == nil || i >= len(n.Parts) || n.Parts[len(n.Parts)-1-i] == nil {
		return ""
	}
	return n.Parts[len(n.Parts)-1-i].Name
}

// Option is a generic NAME [= value] item of a WITH list or file
// specification (FORMAT, STATS = 10, NAME = N'x', SIZE = 10MB …). A flag
// has neither Value nor Word. A reserved word or size value (ON, OFF,
// UNLIMITED, 10MB, 10%) is Word, upper case; any other value (constants,
// variables, names as *ColumnRef) is Value.
type Option struct {
	Span
	Name  string // upper case
	Value Expr
	Word  string
	// Sub is a parenthesized list after the name, as in BACKUP's
	// COMPRESSION (ALGORITHM = QAT_DEFLATE) (SQL Server 2022), or a table
	// hint's further values (INDEX (a, b), FORCESEEK (ix (c, …))), else nil.
	Sub []*Option
	// After is RESTORE's STOPATMARK / STOPBEFOREMARK = 'mark' AFTER
	// 'datetime': the time after which the mark is looked for, else nil.
	After Expr
}
