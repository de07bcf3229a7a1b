package ast

// ReconfigureStmt is RECONFIGURE [WITH OVERRIDE] (after sp_configure).
type ReconfigureStmt struct {
	Span
	WithOverride bool
}

// ExecuteAsStmt is EXECUTE AS LOGIN|USER = 'name' [WITH NO REVERT] or
// EXECUTE AS CALLER (Kind "LOGIN", "USER" or "CALLER").
type ExecuteAsStmt struct {
	Span
	Kind     string
	Name     Expr
	NoRevert bool
}

// RevertStmt is REVERT.
type RevertStmt struct{ Span }

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
}
