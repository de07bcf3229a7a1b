package ast

// PivotTable is Source PIVOT (Agg FOR Column IN ([v1], [v2] …)) [AS] Alias:
// one output row per group of Source's other columns, one output column
// per IN value holding Agg over the rows whose Column equals that value.
type PivotTable struct {
	Span
	Source TableExpr
	Agg    *FuncCall
	Column *Ident
	In     []*Ident
	Alias  *Ident
}

// UnpivotTable is Source UNPIVOT (Value FOR Column IN (c1, c2 …)) [AS]
// Alias: each Source row becomes one row per non-NULL IN column, with the
// column's name in Column and its value in Value.
type UnpivotTable struct {
	Span
	Source TableExpr
	Value  *Ident
	Column *Ident
	In     []*Ident
	Alias  *Ident
}

func (*PivotTable) tableNode()   {}
func (*UnpivotTable) tableNode() {}

// SQL returns the node as T-SQL text.
func (x *PivotTable) SQL() string { return Format(x) }

// SQL returns the node as T-SQL text.
func (x *UnpivotTable) SQL() string { return Format(x) }

// pivotNode prints PIVOT and UNPIVOT; false for other nodes.
func (p *printer) pivotNode(n Node) bool {
	switch n := n.(type) {
	case *PivotTable:
		p.node(n.Source)
		p.w(" PIVOT (")
		p.node(n.Agg)
		p.w(" FOR ")
		p.ident(n.Column)
		p.pivotIn(n.In)
		p.alias(n.Alias, nil)
	case *UnpivotTable:
		p.node(n.Source)
		p.w(" UNPIVOT (")
		p.ident(n.Value)
		p.w(" FOR ")
		p.ident(n.Column)
		p.pivotIn(n.In)
		p.alias(n.Alias, nil)
	default:
		return false
	}
	return true
}

func (p *printer) pivotIn(in []*Ident) {
	p.w(" IN (")
	p.idents(in)
	p.w("))")
}
