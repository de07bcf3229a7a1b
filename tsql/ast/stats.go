package ast

// CreateStatisticsStmt is CREATE STATISTICS name ON table (column, …)
// [WHERE filter] [WITH options].
type CreateStatisticsStmt struct {
	Span
	Name    *Ident
	Table   *Name
	Columns []*Ident
	Where   Expr
	Options []*Option
}

// DropStatisticsStmt is DROP STATISTICS table.statistics [, …]: each name's
// last part is the statistics, the rest its table.
type DropStatisticsStmt struct {
	Span
	Names []*Name
}

func (*CreateStatisticsStmt) stmtNode()     {}
func (*DropStatisticsStmt) stmtNode()       {}
func (x *CreateStatisticsStmt) SQL() string { return Format(x) }
func (x *DropStatisticsStmt) SQL() string   { return Format(x) }
