package ast

// BulkInsertStmt is BULK INSERT table FROM 'data_file' [WITH (option, …)]:
// a file on the server loaded into a table. Options are as written
// (FIELDTERMINATOR = ',', FIRSTROW = 2, FORMAT = 'CSV', KEEPNULLS, …).
type BulkInsertStmt struct {
	Span
	Table   *Name
	File    Expr
	Options []*Option
}

func (*BulkInsertStmt) stmtNode()     {}
func (x *BulkInsertStmt) SQL() string { return Format(x) }
