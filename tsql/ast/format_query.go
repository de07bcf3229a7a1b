package ast

func (p *printer) query(n Node) bool {
	switch n := n.(type) {
	case *Query:
		if n.With != nil {
			p.node(n.With)
			p.w(" ")
		}
		p.node(n.Body)
		if n.OrderBy != nil {
			p.w(" ORDER BY ")
			p.orderItems(n.OrderBy)
		}
		if n.Offset != nil {
			p.w(" OFFSET ")
			p.node(n.Offset)
			p.w(" ROWS")
		}
		if n.Fetch != nil {
			p.w(" FETCH NEXT ")
			p.node(n.Fetch)
			p.w(" ROWS ONLY")
		}
		if n.For != nil {
			p.w(" ")
			p.node(n.For)
		}
		if n.Options != nil {
			p.w(" OPTION (")
			p.hints(n.Options)
			p.w(")")
		}
	case *ForClause:
		p.w("FOR ", n.Kind, " ", n.Mode)
		if n.Arg != nil {
			p.w("(")
			p.node(n.Arg)
			p.w(")")
		}
		for _, d := range n.Directives {
			p.w(", ", d.Name)
			if d.Word != "" {
				p.w(" ", d.Word)
			}
			if d.Value != nil {
				p.w("(")
				p.node(d.Value)
				p.w(")")
			}
		}
	case *WithClause:
		p.w("WITH ")
		if n.Namespaces != nil {
			p.w("XMLNAMESPACES (")
			for i, x := range n.Namespaces {
				if i > 0 {
					p.w(", ")
				}
				p.node(x)
			}
			p.w(")")
			if len(n.CTEs) > 0 {
				p.w(", ")
			}
		}
		for i, c := range n.CTEs {
			if i > 0 {
				p.w(", ")
			}
			p.node(c)
		}
	case *XMLNamespace:
		if n.Prefix == nil {
			p.w("DEFAULT ")
		}
		p.node(n.URI)
		if n.Prefix != nil {
			p.w(" AS ")
			p.ident(n.Prefix)
		}
	case *CTE:
		p.ident(n.Name)
		if n.Columns != nil {
			p.w(" ")
			p.parenIdents(n.Columns)
		}
		p.w(" AS (")
		p.node(n.Query)
		p.w(")")
	case *SelectCore:
		p.selectCore(n)
	case *Top:
		p.w("TOP (")
		p.node(n.Count)
		p.w(")")
		if n.Percent {
			p.w(" PERCENT")
		}
		if n.WithTies {
			p.w(" WITH TIES")
		}
	case *SelectItem:
		if n.Var != nil {
			p.w(n.Var.Name, " ", n.Op.String(), " ")
		}
		p.node(n.Expr)
		if n.Alias != nil {
			p.w(" AS ")
			p.ident(n.Alias)
		}
	case *SetOp:
		p.node(n.Left)
		p.w(" ", n.Op.String(), " ")
		p.node(n.Right)
	case *ParenQuery:
		p.w("(")
		p.node(n.Query)
		p.w(")")
	case *OrderItem:
		p.node(n.Expr)
		if n.Desc {
			p.w(" DESC")
		}
	case *TableName:
		p.name(n.Name)
		if n.SystemTime != nil {
			p.w(" ")
			p.node(n.SystemTime)
		}
		p.alias(n.Alias, nil)
		if n.Hints != nil {
			p.w(" WITH (")
			for i, h := range n.Hints {
				if i > 0 {
					p.w(", ")
				}
				p.w(h.Name)
				switch {
				case h.Name == "FORCESEEK" && h.Value != nil:
					// FORCESEEK (ix (c1, c2)): the columns are in Sub.
					p.w("(")
					p.node(h.Value)
					p.w(" (")
					for j, c := range h.Sub {
						if j > 0 {
							p.w(", ")
						}
						p.node(c.Value)
					}
					p.w("))")
				case h.Value != nil || h.Word != "":
					// INDEX (a, b, …): the values after the first are in Sub.
					p.w("(")
					for j, o := range append([]*Option{h}, h.Sub...) {
						if j > 0 {
							p.w(", ")
						}
						if o.Value != nil {
							p.node(o.Value)
						} else {
							p.w(o.Word)
						}
					}
					p.w(")")
				}
			}
			p.w(")")
		}
	case *DerivedTable:
		p.w("(")
		p.node(n.Query)
		p.w(")")
		p.alias(n.Alias, n.Columns)
	case *DMLTable:
		p.w("(")
		p.node(n.Stmt)
		p.w(")")
		p.alias(n.Alias, n.Columns)
	case *TableFunc:
		if n.WithTable != nil || isOpenXML(n.Call.Name) {
			// A reserved word: written bare, never as a quoted name.
			p.w("OPENXML(")
			p.exprs(n.Call.Args)
			p.w(")")
		} else {
			p.node(n.Call)
		}
		if n.With != nil {
			p.w(" WITH (")
			for i, c := range n.With {
				if i > 0 {
					p.w(", ")
				}
				p.node(c)
			}
			p.w(")")
		}
		if n.WithTable != nil {
			p.w(" WITH ")
			p.node(n.WithTable)
		}
		p.alias(n.Alias, n.Columns)
	case *XMLNodesTable:
		p.node(n.Method)
		p.alias(n.Alias, n.Columns)
	case *JSONColumn:
		p.ident(n.Name)
		p.w(" ")
		p.node(n.Type)
		if n.Path != nil {
			p.w(" ")
			p.node(n.Path)
		}
		if n.AsJSON {
			p.w(" AS JSON")
		}
	case *GroupingSets:
		p.w("GROUPING SETS (")
		for i, s := range n.Sets {
			if i > 0 {
				p.w(", ")
			}
			p.node(s)
		}
		p.w(")")
	case *GroupingSet:
		p.w("(")
		p.exprs(n.Items)
		p.w(")")
	case *ValuesTable:
		p.w("(VALUES ")
		p.rows(n.Rows)
		p.w(")")
		p.alias(n.Alias, n.Columns)
	case *VariableTable:
		p.w(n.Var.Name)
		p.alias(n.Alias, nil)
	case *Join:
		p.node(n.Left)
		p.w(" ", n.Kind.String(), " ")
		p.node(n.Right)
		if n.On != nil {
			p.w(" ON ")
			p.node(n.On)
		}
	case *ParenTable:
		p.w("(")
		p.node(n.Table)
		p.w(")")
	default:
		return false
	}
	return true
}

func (p *printer) rows(rows [][]Expr) {
	for i, r := range rows {
		if i > 0 {
			p.w(", ")
		}
		p.w("(")
		p.exprs(r)
		p.w(")")
	}
}

func (p *printer) tables(ts []TableExpr) {
	for i, t := range ts {
		if i > 0 {
			p.w(", ")
		}
		p.node(t)
	}
}

func (p *printer) selectCore(s *SelectCore) {
	p.w("SELECT ")
	if s.Distinct {
		p.w("DISTINCT ")
	}
	if s.Top != nil {
		p.node(s.Top)
		p.w(" ")
	}
	for i, it := range s.Items {
		if i > 0 {
			p.w(", ")
		}
		p.node(it)
	}
	if s.Into != nil {
		p.w(" INTO ")
		p.name(s.Into)
	}
	if s.From != nil {
		p.w(" FROM ")
		p.tables(s.From)
	}
	if s.Where != nil {
		p.w(" WHERE ")
		p.node(s.Where)
	}
	if s.GroupBy != nil {
		p.w(" GROUP BY ")
		p.exprs(s.GroupBy)
	}
	if s.Having != nil {
		p.w(" HAVING ")
		p.node(s.Having)
	}
	for i, w := range s.Windows {
		if i == 0 {
			p.w(" WINDOW ")
		} else {
			p.w(", ")
		}
		p.node(w)
	}
}

// hints prints options whose value follows the name after a space, as
// query hints and UPDATE STATISTICS options are written: MAXDOP 1,
// SAMPLE 50 PERCENT.
func (p *printer) hints(opts []*Option) {
	for i, o := range opts {
		if i > 0 {
			p.w(", ")
		}
		p.w(o.Name)
		if o.Value != nil {
			p.w(" ")
			p.node(o.Value)
		} else if o.Word != "" {
			p.w(" ", o.Word)
		}
	}
}

// isOpenXML reports whether a table function's name is OPENXML, which the
// parser makes from the reserved word (never a quoted or qualified name).
func isOpenXML(n *Name) bool {
	return len(n.Parts) == 1 && !n.Parts[0].Quoted && n.Parts[0].Name == "OPENXML"
}
