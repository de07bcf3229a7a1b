package ast

// SelectStmt is a query used as a statement.
type SelectStmt struct {
	Span
	Query *Query
}

// OutputClause is OUTPUT items [INTO target [(columns)]]; items refer to
// the pseudo tables inserted and deleted.
type OutputClause struct {
	Span
	Items       []*SelectItem
	Into        TableExpr // *TableName or *VariableTable, or nil
	IntoColumns []*Ident
	// Then is a second clause, OUTPUT items without INTO, after an OUTPUT
	// … INTO: SQL Server allows one of each in a statement (the OUTPUT
	// clause page's example J), the first filling a table, the second
	// returning rows.
	Then *OutputClause
}

// InsertStmt is INSERT [TOP] [INTO] target [(columns)] [OUTPUT] source.
// Exactly one source is set: Values (one slice per row), Query, Exec or
// DefaultValues.
type InsertStmt struct {
	Span
	With          *WithClause
	Top           *Top
	Target        TableExpr // *TableName or *VariableTable
	Columns       []*Ident
	Output        *OutputClause
	Values        [][]Expr
	Query         *Query
	Exec          *ExecStmt
	DefaultValues bool
}

// SetClause is one UPDATE assignment: column op value, @v op value, or
// @v = column = value (both Var and Column set, Op applies to the column).
type SetClause struct {
	Span
	Var    *Variable
	Column *Name
	Op     AssignOp
	Value  Expr
}

// UpdateStmt is UPDATE [TOP] target SET … [OUTPUT] [FROM …] [WHERE …].
// Target is a *TableName (never aliased; it may name an alias defined in
// From) or a *VariableTable.
type UpdateStmt struct {
	Span
	With   *WithClause
	Top    *Top
	Target TableExpr
	Set    []*SetClause
	Output *OutputClause
	From   []TableExpr
	Where  Expr
	// CurrentOf is WHERE CURRENT OF cursor (a positioned update), in
	// place of Where.
	CurrentOf *CursorRef
}

// DeleteStmt is DELETE [TOP] [FROM] target [OUTPUT] [FROM …] [WHERE …].
// Target is as in UpdateStmt.
type DeleteStmt struct {
	Span
	With   *WithClause
	Top    *Top
	Target TableExpr
	Output *OutputClause
	From   []TableExpr
	Where  Expr
	// CurrentOf is WHERE CURRENT OF cursor (a positioned delete), in
	// place of Where.
	CurrentOf *CursorRef
}

// TruncateStmt is TRUNCATE TABLE name [WITH (PARTITIONS (…))].
type TruncateStmt struct {
	Span
	Table *Name
	// Partitions is WITH (PARTITIONS (n, m TO k, …)), nil when absent.
	Partitions []*PartitionRange
}

// MergeAction is what a WHEN clause of MERGE does.
type MergeAction uint8

// MERGE actions.
const (
	MergeUpdate MergeAction = iota + 1
	MergeDelete
	MergeInsert
)

// MergeMatch says which rows a WHEN clause of MERGE applies to.
type MergeMatch uint8

// MERGE match kinds.
const (
	Matched            MergeMatch = iota + 1 // WHEN MATCHED
	NotMatched                               // WHEN NOT MATCHED [BY TARGET]
	NotMatchedBySource                       // WHEN NOT MATCHED BY SOURCE
)

// MergeWhen is WHEN [NOT] MATCHED [BY SOURCE|TARGET] [AND Cond] THEN action.
type MergeWhen struct {
	Span
	Match         MergeMatch
	Cond          Expr
	Action        MergeAction
	Set           []*SetClause // MergeUpdate
	Columns       []*Ident     // MergeInsert
	Values        []Expr       // MergeInsert
	DefaultValues bool         // MergeInsert DEFAULT VALUES
}

// MergeStmt is MERGE [TOP] [INTO] target USING source ON cond WHEN ….
// Target is a *TableName (with optional alias) or *VariableTable.
type MergeStmt struct {
	Span
	With   *WithClause
	Top    *Top
	Target TableExpr
	Source TableExpr
	On     Expr
	Whens  []*MergeWhen
	Output *OutputClause
}
