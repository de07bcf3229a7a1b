package ast

// Query is a complete query expression: optional WITH, a body of query
// terms, and the ORDER BY / OFFSET … FETCH that apply to the whole body.
// It appears in SELECT statements, subqueries, derived tables, CTEs, views
// and INSERT … SELECT.
type Query struct {
	Span
	With    *WithClause
	Body    QueryExpr
	OrderBy []*OrderItem
	Offset  Expr       // OFFSET n ROWS, or nil
	Fetch   Expr       // FETCH NEXT n ROWS ONLY, or nil
	Options []*Option  // OPTION (…) query hints, names upper case
	For     *ForClause // FOR XML / FOR JSON, or nil
}

// ForClause is FOR XML RAW|AUTO|PATH|EXPLICIT [('name')] [, directive …]
// or FOR JSON AUTO|PATH [, directive …] at the end of a query. Kind and
// Mode are upper case; a directive's argument (ROOT('r')) is its Value.
type ForClause struct {
	Span
	Kind       string // XML or JSON
	Mode       string // RAW, AUTO, PATH, EXPLICIT
	Arg        Expr   // the element name of RAW('x') / PATH('x'), or nil
	Directives []*Option
}

// WithClause is WITH [XMLNAMESPACES (…) ,] cte [, cte …]; with
// XMLNAMESPACES, CTEs may be empty.
type WithClause struct {
	Span
	Namespaces []*XMLNamespace // WITH XMLNAMESPACES (…), or nil
	CTEs       []*CTE
}

// CTE is one common table expression; it may refer to itself (recursive).
type CTE struct {
	Span
	Name    *Ident
	Columns []*Ident
	Query   *Query
}

// SelectCore is one SELECT … FROM … WHERE … GROUP BY … HAVING block.
type SelectCore struct {
	Span
	Distinct bool
	Top      *Top
	Items    []*SelectItem
	Into     *Name // SELECT … INTO table
	From     []TableExpr
	Where    Expr
	GroupBy  []Expr
	Having   Expr
	// Windows is the WINDOW clause (SQL Server 2022): named window
	// specifications the query's OVER clauses refer to.
	Windows []*WindowDef
}

// WindowDef is name AS (window specification) in a WINDOW clause; the
// specification may itself start from another window's name.
type WindowDef struct {
	Span
	Name *Ident
	Spec *OverClause
}

// Top is TOP (n) [PERCENT] [WITH TIES].
type Top struct {
	Span
	Count    Expr
	Percent  bool
	WithTies bool
}

// AssignOp is = or a compound assignment operator.
type AssignOp uint8

// Assignment operators.
const (
	AssignEq     AssignOp = iota + 1 // =
	AssignAdd                        // +=
	AssignSub                        // -=
	AssignMul                        // *=
	AssignDiv                        // /=
	AssignMod                        // %=
	AssignBitAnd                     // &=
	AssignBitOr                      // |=
	AssignBitXor                     // ^=
)

var assignText = [...]string{"?", "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^="}

func (o AssignOp) String() string {
	if int(o) < len(assignText) {
		return assignText[o]
	}
	return "?"
}

// SelectItem is one select-list item: Expr [AS Alias], alias = Expr (stored
// the same way), * / t.* (Expr is *Star), or a variable assignment
// @v = Expr (Var set, Op the assignment operator).
type SelectItem struct {
	Span
	Expr  Expr
	Alias *Ident
	Var   *Variable
	Op    AssignOp
}

// SetOpKind is the kind of a set operation.
type SetOpKind uint8

// Set operations.
const (
	Union SetOpKind = iota + 1
	UnionAll
	Except
	Intersect
)

var setOpText = [...]string{"?", "UNION", "UNION ALL", "EXCEPT", "INTERSECT"}

func (k SetOpKind) String() string {
	if int(k) < len(setOpText) {
		return setOpText[k]
	}
	return "?"
}

// SetOp is Left UNION [ALL] | EXCEPT | INTERSECT Right. INTERSECT binds
// tighter than UNION and EXCEPT; equal operators associate to the left.
type SetOp struct {
	Span
	Op          SetOpKind
	Left, Right QueryExpr
}

// ParenQuery is a parenthesized query used as a query term.
type ParenQuery struct {
	Span
	Query *Query
}

// OrderItem is one ORDER BY item (also index key columns).
type OrderItem struct {
	Span
	Expr Expr
	Desc bool
}

// TableName is a named table or view in FROM, with alias and hints.
type TableName struct {
	Span
	Name       *Name
	SystemTime *SystemTime // FOR SYSTEM_TIME … (temporal.go)
	Alias      *Ident
	Hints      []*Option // WITH (NOLOCK, INDEX(ix) …): name upper case; INDEX (a, b): a in Value, b in Sub; FORCESEEK (ix (c, …)): ix in Value, the columns in Sub
}

// DerivedTable is (query) AS alias [(columns)].
type DerivedTable struct {
	Span
	Query   *Query
	Alias   *Ident
	Columns []*Ident
}

// DMLTable is (INSERT | UPDATE | DELETE | MERGE … OUTPUT …) AS alias
// [(columns)]: the rows a data modification's OUTPUT clause returns, as the
// source of an INSERT … SELECT (the OUTPUT clause page's example K).
type DMLTable struct {
	Span
	Stmt    Statement
	Alias   *Ident
	Columns []*Ident
}

// TableFunc is a table-valued function call in FROM (STRING_SPLIT(@s, ',')).
type TableFunc struct {
	Span
	Call *FuncCall
	// With is OPENJSON's explicit schema, WITH (column type ['path'] [AS JSON], …),
	// or OPENXML's, WITH (column type ['colpattern'], …).
	With []*JSONColumn
	// WithTable is OPENXML's WITH table: that table's columns are the schema.
	WithTable *Name
	Alias     *Ident
	Columns   []*Ident
}

// JSONColumn is one column of OPENJSON … WITH (…): its name, type, the
// JSON path it reads (nil: '$.name') and AS JSON (the value is an object
// or array, returned as JSON text).
type JSONColumn struct {
	Span
	Name   *Ident
	Type   *DataType
	Path   Expr
	AsJSON bool
}

// GroupingSets is GROUPING SETS ((a, b), (a), ()) in a GROUP BY list.
type GroupingSets struct {
	Span
	Sets []*GroupingSet
}

// GroupingSet is one parenthesized set of GROUPING SETS (empty: the grand
// total).
type GroupingSet struct {
	Span
	Items []Expr
}

// ValuesTable is (VALUES (…), (…)) AS alias (columns).
type ValuesTable struct {
	Span
	Rows    [][]Expr
	Alias   *Ident
	Columns []*Ident
}

// VariableTable is a table variable used as a table (@t [AS alias]).
type VariableTable struct {
	Span
	Var   *Variable
	Alias *Ident
}

// JoinKind is the kind of a join or APPLY.
type JoinKind uint8

// Join kinds.
const (
	InnerJoin JoinKind = iota + 1
	LeftJoin
	RightJoin
	FullJoin
	CrossJoin
	CrossApply
	OuterApply
)

var joinText = [...]string{"?", "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN", "CROSS APPLY", "OUTER APPLY"}

func (k JoinKind) String() string {
	if int(k) < len(joinText) {
		return joinText[k]
	}
	return "?"
}

// Join is Left <kind> Right [ON On]; On is nil for CROSS JOIN and APPLY.
type Join struct {
	Span
	Kind        JoinKind
	Left, Right TableExpr
	On          Expr
}

// ParenTable is a parenthesized table source ((a JOIN b ON …)).
type ParenTable struct {
	Span
	Table TableExpr
}
