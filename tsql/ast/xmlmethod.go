package ast

import "strings"

// XMLMethodExpr is a call of an xml data type method on an expression:
// X.value('path', 'type'), X.query('xquery'), X.exist('xquery') or
// X.nodes('xquery'). X is a parenthesized expression, a scalar subquery
// (the string-aggregation idiom (SELECT … FOR XML PATH, TYPE).value('.',
// 'nvarchar(max)')) or a variable; a column's method (col.value(…)) parses as a
// FuncCall with a two- or more-part name, as SQL Server resolves it only
// against the columns in scope. Method is upper case.
type XMLMethodExpr struct {
	Span
	X      Expr
	Method string
	Args   []Expr
}

func (*XMLMethodExpr) exprNode()     {}
func (x *XMLMethodExpr) SQL() string { return Format(x) }

// xmlMethods are the xml data type methods usable in an expression
// (modify is only valid as SET col.modify(…) and is not one of them).
var xmlMethods = map[string]bool{"VALUE": true, "QUERY": true, "EXIST": true, "NODES": true}

// IsXMLMethod reports whether name (any case) is an xml method usable in
// an expression.
func IsXMLMethod(name string) bool { return xmlMethods[strings.ToUpper(name)] }

// XMLNamespace is one declaration of WITH XMLNAMESPACES ('uri' AS prefix,
// DEFAULT 'uri'): Prefix is nil for the DEFAULT namespace. The
// declarations scope the XQuery of the statement's xml methods and the
// element names of its FOR XML.
type XMLNamespace struct {
	Span
	URI    *Literal
	Prefix *Ident
}

func (x *XMLNamespace) SQL() string { return Format(x) }

// XMLNodesTable is a variable's or expression's nodes() method used as a
// table source: FROM @x.nodes('/r/i') AS t(c). A column's nodes()
// (CROSS APPLY tbl.col.nodes('…') AS t(c)) parses as a TableFunc with a
// multi-part name, like the column's other methods.
type XMLNodesTable struct {
	Span
	Method  *XMLMethodExpr
	Alias   *Ident
	Columns []*Ident
}

func (x *XMLNodesTable) SQL() string { return Format(x) }

func (*XMLNodesTable) tableNode() {}
