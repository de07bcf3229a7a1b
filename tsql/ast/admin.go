package ast

// ReconfigureStmt is RECONFIGURE [WITH OVERRIDE] (after sp_configure).
type ReconfigureStmt struct {
	Span
	WithOverride bool
}

// ExecuteAsStmt is EXECUTE AS LOGIN|USER = 'name' [WITH NO REVERT | WITH
// COOKIE INTO @v] or EXECUTE AS CALLER (Kind "LOGIN", "USER" or "CALLER").
// Cookie is the variable's name with its '@'.
type ExecuteAsStmt struct {
	Span
	Kind     string
	Name     Expr
	NoRevert bool
	Cookie   string
}

// RevertStmt is REVERT [WITH COOKIE = @v] (Cookie: the variable's name).
type RevertStmt struct {
	Span
	Cookie string
}

// UpdateStatisticsStmt is UPDATE STATISTICS table [(statistics, …)]
// [WITH options].
type UpdateStatisticsStmt struct {
	Span
	Table      *Name
	Statistics []*Ident
	Options    []*Option
}

// AlterTableCheck is [WITH CHECK|NOCHECK] CHECK|NOCHECK CONSTRAINT ALL |
// name [, …]: enables (Enable) or disables foreign key and check
// constraints.
type AlterTableCheck struct {
	Span
	Check  uint8 // WITH CHECK (1) or WITH NOCHECK (2) before it, 0 if absent
	Enable bool
	All    bool
	Names  []*Ident
}

// AlterIndexStmt is ALTER INDEX { name | ALL } ON table { REBUILD |
// REORGANIZE | DISABLE | SET } [WITH] [(options)]: the index maintenance of
// DBA scripts. Index is nil for ALL; Action is the upper-case verb.
type AlterIndexStmt struct {
	Span
	Index   *Ident
	Table   *Name
	Action  string
	Options []*Option
	// Partition is REBUILD PARTITION = n; PartitionAll is PARTITION = ALL.
	Partition    Expr
	PartitionAll bool
}
