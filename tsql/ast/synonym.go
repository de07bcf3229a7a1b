package ast

// CreateSynonymStmt is CREATE SYNONYM [schema.]name FOR [server.][db.][schema.]object.
type CreateSynonymStmt struct {
	Span
	Name   *Name
	Target *Name
}

func (*CreateSynonymStmt) stmtNode() {}

// SQL renders the node as T-SQL.
func (x *CreateSynonymStmt) SQL() string { return Format(x) }

func (p *printer) synonym(n Node) bool {
	s, ok := n.(*CreateSynonymStmt)
	if !ok {
		return false
	}
	p.w("CREATE SYNONYM ")
	p.name(s.Name)
	p.w(" FOR ")
	p.name(s.Target)
	return true
}
