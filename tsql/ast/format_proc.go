package ast

import "strings"

func (p *printer) proc(n Node) bool {
	switch n := n.(type) {
	case *VarDecl:
		p.w(n.Name, " ")
		if n.Table != nil {
			p.w("TABLE ")
			p.tableBody(n.Table)
		} else {
			p.node(n.Type)
		}
		if n.Value != nil {
			p.w(" = ")
			p.node(n.Value)
		}
	case *DeclareStmt:
		p.w("DECLARE ")
		for i, v := range n.Vars {
			if i > 0 {
				p.w(", ")
			}
			p.node(v)
		}
	case *SetVariableStmt:
		if m, ok := n.Value.(*XMLMethodExpr); ok && m.Method == "MODIFY" && m.X == Expr(n.Var) {
			p.w("SET ")
			p.node(m) // SET @x.modify('…')
			break
		}
		p.w("SET ", n.Var.Name, " ", n.Op.String(), " ")
		p.node(n.Value)
	case *SetOptionStmt:
		p.w("SET ", strings.Join(n.Options, ", "))
		if n.Table != nil {
			p.w(" ")
			p.name(n.Table)
		}
		switch n.Kind {
		case SetOnOff:
			if n.On {
				p.w(" ON")
			} else {
				p.w(" OFF")
			}
		case SetWord:
			p.w(" ", n.Word)
		case SetExpr:
			p.w(" ")
			p.node(n.Arg)
		}
	case *IfStmt:
		p.w("IF ")
		p.node(n.Cond)
		p.w(" ")
		p.node(n.Then)
		if n.Else != nil {
			// The parser binds ELSE to the nearest IF, so a tree it built
			// never needs braces here.
			p.w(" ELSE ")
			p.node(n.Else)
		}
	case *WhileStmt:
		p.w("WHILE ")
		p.node(n.Cond)
		p.w(" ")
		p.node(n.Body)
	case *BreakStmt:
		p.w("BREAK")
	case *ContinueStmt:
		p.w("CONTINUE")
	case *BlockStmt:
		p.w("BEGIN")
		p.body(n.Body)
		p.w(" END")
	case *TryCatchStmt:
		p.w("BEGIN TRY")
		p.body(n.Try)
		p.w(" END TRY BEGIN CATCH")
		p.body(n.Catch)
		p.w(" END CATCH")
	case *ThrowStmt:
		p.w("THROW")
		if n.Number != nil {
			p.w(" ")
			p.exprs([]Expr{n.Number, n.Message, n.State})
		}
	case *RaiserrorStmt:
		p.w("RAISERROR(")
		p.exprs(append([]Expr{n.Message, n.Severity, n.State}, n.Args...))
		p.w(")")
		if n.Options != nil {
			p.w(" WITH ", strings.Join(n.Options, ", "))
		}
	case *PrintStmt:
		p.w("PRINT ")
		p.node(n.X)
	case *ReturnStmt:
		p.w("RETURN")
		if n.X != nil {
			p.w(" ")
			p.node(n.X)
		}
	case *WaitforStmt:
		if n.Delay {
			p.w("WAITFOR DELAY ")
		} else {
			p.w("WAITFOR TIME ")
		}
		p.node(n.X)
	case *ExecArg:
		if n.Name != "" {
			p.w(n.Name, " = ")
		}
		p.node(n.Value)
		if n.Output {
			p.w(" OUTPUT")
		}
	case *ExecStmt:
		p.exec(n)
	case *ResultSets:
		p.resultSets(n)
	case *ResultSetDef:
		p.w("(")
		for i, c := range n.Columns {
			if i > 0 {
				p.w(", ")
			}
			p.node(c)
		}
		p.w(")")
	case *UseStmt:
		p.w("USE ")
		p.ident(n.Database)
	case *TransactionStmt:
		p.tran(n)
	case *GotoStmt:
		p.w("GOTO ")
		p.ident(n.Label)
	case *LabelStmt:
		p.ident(n.Label)
		p.w(":")
	default:
		return p.cursor(n)
	}
	return true
}

func (p *printer) exec(n *ExecStmt) {
	p.w("EXECUTE ")
	if n.Dynamic != nil {
		p.w("(")
		p.node(n.Dynamic)
		p.w(")")
		if n.As != nil {
			p.w(" AS ", n.As.Kind, " = ")
			p.node(n.As.Name)
		}
		if n.ResultSets != nil {
			p.w(" WITH ")
			p.node(n.ResultSets)
		}
		return
	}
	if n.Return != nil {
		p.w(n.Return.Name, " = ")
	}
	if n.ProcVar != nil {
		p.w(n.ProcVar.Name)
	} else {
		p.name(n.Proc)
	}
	for i, a := range n.Args {
		if i > 0 {
			p.w(",")
		}
		p.w(" ")
		p.node(a)
	}
	if n.Options != nil {
		p.w(" WITH ", strings.Join(n.Options, ", "))
	}
	if n.ResultSets != nil {
		if n.Options != nil {
			p.w(",")
		} else {
			p.w(" WITH")
		}
		p.w(" ")
		p.node(n.ResultSets)
	}
}

func (p *printer) resultSets(n *ResultSets) {
	p.w("RESULT SETS ")
	switch {
	case n.Undefined:
		p.w("UNDEFINED")
		return
	case n.None:
		p.w("NONE")
		return
	}
	p.w("(")
	for i, d := range n.Sets {
		if i > 0 {
			p.w(", ")
		}
		p.node(d)
	}
	p.w(")")
}

func (p *printer) tran(n *TransactionStmt) {
	switch n.Kind {
	case BeginTran:
		p.w("BEGIN ")
		if n.Distributed {
			p.w("DISTRIBUTED ")
		}
		p.w("TRANSACTION")
	case CommitTran:
		p.w("COMMIT")
	case RollbackTran:
		p.w("ROLLBACK")
	case SaveTran:
		p.w("SAVE TRANSACTION")
	}
	if n.Kind == CommitTran || n.Kind == RollbackTran {
		switch {
		case n.Work:
			p.w(" WORK")
		case n.Name != nil || n.Var != nil:
			p.w(" TRANSACTION")
		}
	}
	switch {
	case n.Name != nil:
		p.w(" ")
		p.ident(n.Name)
	case n.Var != nil:
		p.w(" ", n.Var.Name)
	}
	if n.Mark {
		p.w(" WITH MARK")
		if n.MarkDescription != nil {
			p.w(" ")
			p.node(n.MarkDescription)
		}
	}
}

func (p *printer) cursor(n Node) bool {
	switch n := n.(type) {
	case *CursorRef:
		if n.Var != nil {
			p.w(n.Var.Name)
			return true
		}
		if n.Global {
			p.w("GLOBAL ")
		}
		p.ident(n.Name)
	case *DeclareCursorStmt:
		if n.Name != nil {
			p.w("DECLARE ")
			p.ident(n.Name)
			p.w(" ")
		}
		p.w("CURSOR")
		for _, o := range n.Options {
			p.w(" ", o)
		}
		p.w(" FOR ")
		p.node(n.Query)
		switch {
		case n.ReadOnly:
			p.w(" FOR READ ONLY")
		case n.ForUpdate:
			p.w(" FOR UPDATE")
			if n.UpdateColumns != nil {
				p.w(" OF ")
				p.idents(n.UpdateColumns)
			}
		}
	case *OpenStmt:
		p.w("OPEN ")
		p.node(n.Cursor)
	case *FetchStmt:
		p.w("FETCH ")
		if n.Direction != "" {
			p.w(n.Direction, " ")
			if n.Offset != nil {
				p.node(n.Offset)
				p.w(" ")
			}
			p.w("FROM ")
		}
		p.node(n.Cursor)
		if n.Into != nil {
			p.w(" INTO ")
			for i, v := range n.Into {
				if i > 0 {
					p.w(", ")
				}
				p.w(v.Name)
			}
		}
	case *CloseStmt:
		p.w("CLOSE ")
		p.node(n.Cursor)
	case *DeallocateStmt:
		p.w("DEALLOCATE ")
		p.node(n.Cursor)
	default:
		return false
	}
	return true
}
