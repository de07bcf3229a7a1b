package ast

func (p *printer) with(w *WithClause) {
	if w != nil {
		p.node(w)
		p.w(" ")
	}
}

func (p *printer) top(t *Top) {
	if t != nil {
		p.w(" ")
		p.node(t)
	}
}

func (p *printer) output(o *OutputClause) {
	if o != nil {
		p.w(" ")
		p.node(o)
	}
}

func (p *printer) fromWhere(from []TableExpr, where Expr) {
	if from != nil {
		p.w(" FROM ")
		p.tables(from)
	}
	if where != nil {
		p.w(" WHERE ")
		p.node(where)
	}
}

// currentOf prints a positioned UPDATE's or DELETE's WHERE CURRENT OF.
func (p *printer) currentOf(c *CursorRef) {
	if c != nil {
		p.w(" WHERE CURRENT OF ")
		p.cursor(c)
	}
}

func (p *printer) stmt(n Node) bool {
	switch n := n.(type) {
	case *SelectStmt:
		p.node(n.Query)
	case *OutputClause:
		p.w("OUTPUT ")
		for i, it := range n.Items {
			if i > 0 {
				p.w(", ")
			}
			p.node(it)
		}
		if n.Into != nil {
			p.w(" INTO ")
			p.node(n.Into)
			if n.IntoColumns != nil {
				p.w(" ")
				p.parenIdents(n.IntoColumns)
			}
		}
		if n.Then != nil {
			p.w(" ")
			p.node(n.Then)
		}
	case *InsertStmt:
		p.with(n.With)
		p.w("INSERT")
		p.top(n.Top)
		p.w(" INTO ")
		p.node(n.Target)
		if n.Columns != nil {
			p.w(" ")
			p.parenIdents(n.Columns)
		}
		p.output(n.Output)
		switch {
		case n.DefaultValues:
			p.w(" DEFAULT VALUES")
		case n.Query != nil:
			p.w(" ")
			p.node(n.Query)
		case n.Exec != nil:
			p.w(" ")
			p.node(n.Exec)
		default:
			p.w(" VALUES ")
			p.rows(n.Values)
		}
	case *SetClause:
		if n.Var != nil {
			p.w(n.Var.Name, " ")
			if n.Column != nil {
				p.w("= ")
			} else {
				p.w(n.Op.String(), " ")
			}
		}
		if m, ok := n.Value.(*XMLMethodExpr); ok && (m.Method == "MODIFY" || m.Method == "WRITE") && n.Var == nil {
			p.node(m) // SET column.modify('…'), SET column.write(x, offset, length)
			break
		}
		if n.Column != nil {
			p.name(n.Column)
			p.w(" ", n.Op.String(), " ")
		}
		p.node(n.Value)
	case *UpdateStmt:
		p.with(n.With)
		p.w("UPDATE")
		p.top(n.Top)
		p.w(" ")
		p.node(n.Target)
		p.w(" SET ")
		p.setClauses(n.Set)
		p.output(n.Output)
		p.fromWhere(n.From, n.Where)
		p.currentOf(n.CurrentOf)
	case *DeleteStmt:
		p.with(n.With)
		p.w("DELETE")
		p.top(n.Top)
		p.w(" FROM ")
		p.node(n.Target)
		p.output(n.Output)
		p.fromWhere(n.From, n.Where)
		p.currentOf(n.CurrentOf)
	case *TruncateStmt:
		p.w("TRUNCATE TABLE ")
		p.name(n.Table)
		if n.Partitions != nil {
			p.w(" WITH (PARTITIONS (")
			for i, r := range n.Partitions {
				if i > 0 {
					p.w(", ")
				}
				p.node(r)
			}
			p.w("))")
		}
	case *MergeStmt:
		p.with(n.With)
		p.w("MERGE")
		p.top(n.Top)
		p.w(" INTO ")
		p.node(n.Target)
		p.w(" USING ")
		p.node(n.Source)
		p.w(" ON ")
		p.node(n.On)
		for _, wh := range n.Whens {
			p.w(" ")
			p.node(wh)
		}
		p.output(n.Output)
	case *MergeWhen:
		p.mergeWhen(n)
	default:
		return false
	}
	return true
}

func (p *printer) setClauses(cs []*SetClause) {
	for i, c := range cs {
		if i > 0 {
			p.w(", ")
		}
		p.node(c)
	}
}

func (p *printer) mergeWhen(n *MergeWhen) {
	switch n.Match {
	case Matched:
		p.w("WHEN MATCHED")
	case NotMatched:
		p.w("WHEN NOT MATCHED")
	case NotMatchedBySource:
		p.w("WHEN NOT MATCHED BY SOURCE")
	}
	if n.Cond != nil {
		p.w(" AND ")
		p.node(n.Cond)
	}
	p.w(" THEN ")
	switch n.Action {
	case MergeUpdate:
		p.w("UPDATE SET ")
		p.setClauses(n.Set)
	case MergeDelete:
		p.w("DELETE")
	case MergeInsert:
		p.w("INSERT")
		if n.Columns != nil {
			p.w(" ")
			p.parenIdents(n.Columns)
		}
		if n.DefaultValues {
			p.w(" DEFAULT VALUES")
		} else {
			p.w(" VALUES (")
			p.exprs(n.Values)
			p.w(")")
		}
	}
}
