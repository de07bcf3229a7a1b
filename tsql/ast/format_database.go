package ast

func (p *printer) fileSpecs(fs []*FileSpec) {
	for i, f := range fs {
		if i > 0 {
			p.w(", ")
		}
		p.node(f)
	}
}

func (p *printer) database(n Node) bool {
	switch n := n.(type) {
	case *FileSpec:
		if n.Filegroup == "PRIMARY" {
			p.w("PRIMARY ")
		} else if n.Filegroup != "" {
			p.w("FILEGROUP ", QuoteIdent(n.Filegroup), " ")
		}
		p.w("(")
		p.options(n.Options)
		p.w(")")
	case *CreateDatabaseStmt:
		p.w("CREATE DATABASE ")
		p.ident(n.Name)
		if n.Files != nil {
			p.w(" ON ")
			p.fileSpecs(n.Files)
		}
		if n.LogFiles != nil {
			p.w(" LOG ON ")
			p.fileSpecs(n.LogFiles)
		}
		if n.Collation != "" {
			p.w(" COLLATE ", n.Collation)
		}
		if n.ForAttach {
			p.w(" FOR ATTACH")
		}
		if n.Options != nil {
			p.w(" WITH ")
			p.options(n.Options)
		}
		if n.SnapshotOf != nil {
			p.w(" AS SNAPSHOT OF ")
			p.ident(n.SnapshotOf)
		}
	case *DropDatabaseStmt:
		p.w("DROP DATABASE ")
		p.ifExists(n.IfExists)
		p.idents(n.Names)
	case *SetRecovery:
		p.w("RECOVERY ", n.Model)
	case *SetPartner:
		p.w("PARTNER ")
		switch n.Action {
		case PartnerAddress:
			p.w("= ", QuoteString(n.Address, false))
		case PartnerTimeout:
			p.w("TIMEOUT ", itoa(n.Timeout))
		default:
			p.w(n.Action.String())
		}
	case *SetWitness:
		if n.Off {
			p.w("WITNESS OFF")
		} else {
			p.w("WITNESS = ", QuoteString(n.Address, false))
		}
	case *SetDBState:
		p.w(n.State)
	case *SetDBOption:
		p.w(n.Name)
		if n.Equals {
			p.w(" =")
		}
		if n.Value != "" {
			p.w(" ", n.Value)
		}
	case *ModifyName:
		p.w("MODIFY NAME = ")
		p.ident(n.NewName)
	case *CollateDB:
		p.w("COLLATE ", n.Collation)
	case *AlterDatabaseStmt:
		p.w("ALTER DATABASE ")
		if n.Name == nil {
			p.w("CURRENT")
		} else {
			p.ident(n.Name)
		}
		set := false
		for i, o := range n.Options {
			switch o.(type) {
			case *ModifyName, *CollateDB, *ModifyFile, *AddFile:
				p.w(" ")
			default:
				if !set {
					p.w(" SET ")
					set = true
				} else if i > 0 {
					p.w(", ")
				}
			}
			p.node(o)
		}
		switch n.Termination {
		case TermRollbackImmediate:
			p.w(" WITH ROLLBACK IMMEDIATE")
		case TermRollbackAfter:
			p.w(" WITH ROLLBACK AFTER ", itoa(n.RollbackAfter))
		case TermNoWait:
			p.w(" WITH NO_WAIT")
		}
	default:
		return false
	}
	return true
}
