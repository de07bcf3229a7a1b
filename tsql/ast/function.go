package ast

// CreateFunctionStmt is CREATE|ALTER|CREATE OR ALTER FUNCTION in one of
// three forms:
//   - scalar: RETURNS type … AS BEGIN Body END (Returns set);
//   - inline table-valued: RETURNS TABLE … AS RETURN query (Query set);
//   - multi-statement table-valued: RETURNS @var TABLE (…) … AS BEGIN Body
//     END (ReturnVar and ReturnTable set).
type CreateFunctionStmt struct {
	Span
	Mode        CreateMode
	Name        *Name
	Params      []*ProcParam
	Returns     *DataType
	ReturnVar   string // including '@'
	ReturnTable *CreateTableStmt
	Options     []string // WITH SCHEMABINDING, RETURNS NULL ON NULL INPUT …: upper case
	Query       *Query
	Body        []Statement
}
