package ast

// AlterScopedConfigStmt is ALTER DATABASE SCOPED CONFIGURATION [FOR
// SECONDARY] SET name = value, or … CLEAR PROCEDURE_CACHE [plan_handle].
type AlterScopedConfigStmt struct {
	Span
	Secondary bool
	Set       *Option // name upper case; Word for ON/OFF/PRIMARY/DEFAULT/AUTO, else Value
	Clear     bool
	Handle    Expr // CLEAR PROCEDURE_CACHE's plan_handle, or nil
}

func (*AlterScopedConfigStmt) stmtNode() {}

// SQL renders the node as T-SQL.
func (x *AlterScopedConfigStmt) SQL() string { return Format(x) }

func (p *printer) scopedConfig(n Node) bool {
	s, ok := n.(*AlterScopedConfigStmt)
	if !ok {
		return false
	}
	p.w("ALTER DATABASE SCOPED CONFIGURATION ")
	if s.Secondary {
		p.w("FOR SECONDARY ")
	}
	if s.Clear {
		p.w("CLEAR PROCEDURE_CACHE")
		if s.Handle != nil {
			p.w(" ")
			p.node(s.Handle)
		}
		return true
	}
	p.w("SET ")
	p.node(s.Set)
	return true
}
