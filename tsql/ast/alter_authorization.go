package ast

// AlterAuthorizationStmt is ALTER AUTHORIZATION ON [class ::] entity TO
// { principal | SCHEMA OWNER }: it changes the owner of a securable.
type AlterAuthorizationStmt struct {
	Span
	Class       string // "OBJECT", "SCHEMA", "DATABASE", "ROLE", "TYPE", …; "" when not written (an object)
	Object      *Name
	Principal   *Ident // nil with SchemaOwner
	SchemaOwner bool   // TO SCHEMA OWNER: the object goes back to its schema's owner
}

func (*AlterAuthorizationStmt) stmtNode() {}

// SQL renders the node as T-SQL.
func (x *AlterAuthorizationStmt) SQL() string { return Format(x) }

func (p *printer) alterAuthorization(n Node) bool {
	s, ok := n.(*AlterAuthorizationStmt)
	if !ok {
		return false
	}
	p.w("ALTER AUTHORIZATION ON ")
	if s.Class != "" {
		p.w(s.Class + "::")
	}
	p.name(s.Object)
	p.w(" TO ")
	if s.SchemaOwner {
		p.w("SCHEMA OWNER")
	} else {
		p.ident(s.Principal)
	}
	return true
}
