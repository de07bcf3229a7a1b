package ast

// AlterSchemaStmt is ALTER SCHEMA name TRANSFER [class ::] securable: it
// moves an object (class OBJECT, the default) or a type (TYPE) into the
// schema.
type AlterSchemaStmt struct {
	Span
	Name   *Ident
	Class  string // "OBJECT", "TYPE" or "XML SCHEMA COLLECTION"; "" when not written
	Object *Name
}

func (*AlterSchemaStmt) stmtNode() {}

// SQL renders the node as T-SQL.
func (x *AlterSchemaStmt) SQL() string { return Format(x) }

func (p *printer) alterSchema(n Node) bool {
	s, ok := n.(*AlterSchemaStmt)
	if !ok {
		return false
	}
	p.w("ALTER SCHEMA ")
	p.ident(s.Name)
	p.w(" TRANSFER ")
	if s.Class != "" {
		p.w(s.Class + "::")
	}
	p.name(s.Object)
	return true
}

// AlterTableRebuild is ALTER TABLE t REBUILD [PARTITION = ALL | n] [WITH
// (options)]: a heap or clustered index rebuild, which changes no row.
type AlterTableRebuild struct {
	Span
	Partition Expr // nil, or the partition number; ALL is PartitionAll
	All       bool
	Options   []*Option
}

func (*AlterTableRebuild) alterTableAction() {}

// SQL renders the node as T-SQL.
func (x *AlterTableRebuild) SQL() string { return Format(x) }

func (p *printer) alterTableRebuild(n Node) bool {
	a, ok := n.(*AlterTableRebuild)
	if !ok {
		return false
	}
	p.w("REBUILD")
	switch {
	case a.All:
		p.w(" PARTITION = ALL")
	case a.Partition != nil:
		p.w(" PARTITION = ")
		p.node(a.Partition)
	}
	if len(a.Options) > 0 {
		p.w(" WITH (")
		for i, o := range a.Options {
			if i > 0 {
				p.w(", ")
			}
			p.node(o)
		}
		p.w(")")
	}
	return true
}
