package ast

// CreateTypeStmt is CREATE TYPE name FROM base_type [NULL | NOT NULL] (an
// alias type) or CREATE TYPE name AS TABLE (columns and constraints) (a table
// type). Exactly one of Base and Table is set; Table's Name is nil.
type CreateTypeStmt struct {
	Span
	Name    *Name
	Base    *DataType
	NotNull bool
	Table   *CreateTableStmt
}

func (*CreateTypeStmt) stmtNode()     {}
func (x *CreateTypeStmt) SQL() string { return Format(x) }

// userType prints CREATE TYPE. An explicit NULL is the default and is not
// printed, so both spellings have one canonical form.
func (p *printer) userType(n Node) bool {
	s, ok := n.(*CreateTypeStmt)
	if !ok {
		return false
	}
	p.w("CREATE TYPE ")
	p.name(s.Name)
	if s.Table != nil {
		p.w(" AS TABLE ")
		p.tableBody(s.Table)
		return true
	}
	p.w(" FROM ")
	p.node(s.Base)
	if s.NotNull {
		p.w(" NOT NULL")
	}
	return true
}
