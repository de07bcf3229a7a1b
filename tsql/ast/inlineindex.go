package ast

// InlineIndex is an index declared inside CREATE TABLE or DECLARE … TABLE:
// INDEX name [UNIQUE] [CLUSTERED|NONCLUSTERED] (columns) [INCLUDE (…)]
// [WHERE …] among the table's elements, or INDEX name [CLUSTERED |
// NONCLUSTERED] after a column (Columns nil: that column).
type InlineIndex struct {
	Span
	Name    *Ident
	Unique  bool
	Cluster ClusterKind
	Columns []*OrderItem
	Include []*Ident
	Where   Expr
	Options []*Option
}

// SQL renders the node as T-SQL.
func (x *InlineIndex) SQL() string { return Format(x) }

func (p *printer) inlineIndex(n Node) bool {
	x, ok := n.(*InlineIndex)
	if !ok {
		return false
	}
	p.w("INDEX ")
	p.ident(x.Name)
	if x.Unique {
		p.w(" UNIQUE")
	}
	switch x.Cluster {
	case Clustered:
		p.w(" CLUSTERED")
	case NonClustered:
		p.w(" NONCLUSTERED")
	}
	if x.Columns != nil {
		p.w(" (")
		p.orderItems(x.Columns)
		p.w(")")
	}
	if x.Include != nil {
		p.w(" INCLUDE ")
		p.parenIdents(x.Include)
	}
	if x.Where != nil {
		p.w(" WHERE ")
		p.node(x.Where)
	}
	if x.Options != nil {
		p.w(" WITH (")
		p.options(x.Options)
		p.w(")")
	}
	return true
}
