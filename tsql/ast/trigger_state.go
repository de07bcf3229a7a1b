package ast

// TriggerStateStmt is { ENABLE | DISABLE } TRIGGER { name [, …] | ALL } ON
// { object | DATABASE | ALL SERVER }.
type TriggerStateStmt struct {
	Span
	Enable   bool
	All      bool
	Names    []*Name
	Table    *Name // ON object; nil for DATABASE / ALL SERVER
	Database bool  // ON DATABASE
	Server   bool  // ON ALL SERVER
}

// AlterTableTrigger is ALTER TABLE t { ENABLE | DISABLE } TRIGGER { ALL |
// name [, …] }.
type AlterTableTrigger struct {
	Span
	Enable bool
	All    bool
	Names  []*Ident
}

func (*TriggerStateStmt) stmtNode()          {}
func (*AlterTableTrigger) alterTableAction() {}

// SQL renders the node as T-SQL.
func (x *TriggerStateStmt) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *AlterTableTrigger) SQL() string { return Format(x) }

func (p *printer) triggerState(n Node) bool {
	switch s := n.(type) {
	case *TriggerStateStmt:
		p.w(enableWord(s.Enable) + " TRIGGER ")
		if s.All {
			p.w("ALL")
		} else {
			for i, nm := range s.Names {
				if i > 0 {
					p.w(", ")
				}
				p.name(nm)
			}
		}
		switch {
		case s.Database:
			p.w(" ON DATABASE")
		case s.Server:
			p.w(" ON ALL SERVER")
		default:
			p.w(" ON ")
			p.name(s.Table)
		}
	case *AlterTableTrigger:
		p.w(enableWord(s.Enable) + " TRIGGER ")
		if s.All {
			p.w("ALL")
		} else {
			p.idents(s.Names)
		}
	default:
		return false
	}
	return true
}

func enableWord(enable bool) string {
	if enable {
		return "ENABLE"
	}
	return "DISABLE"
}
