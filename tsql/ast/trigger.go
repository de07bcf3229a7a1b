package ast

import "strings"

// CreateTriggerStmt is CREATE|ALTER|CREATE OR ALTER TRIGGER name ON table
// {AFTER|FOR|INSTEAD OF} {INSERT, UPDATE, DELETE} AS statements. Events are
// upper case in source order; For records that FOR (a synonym of AFTER)
// was written.
type CreateTriggerStmt struct {
	Span
	Mode      CreateMode
	Name      *Name
	Table     *Name
	InsteadOf bool
	For       bool
	Events    []string
	Options   []string // WITH ENCRYPTION, EXECUTE AS …: upper case
	Body      []Statement
	// Database is a DDL trigger ON DATABASE (Table nil); its Events are
	// DDL event types and groups, upper case.
	Database bool
}

// CreateSequenceStmt is CREATE SEQUENCE name [AS type] [START WITH n]
// [INCREMENT BY n] [MINVALUE n | NO MINVALUE] [MAXVALUE n | NO MAXVALUE]
// [CYCLE | NO CYCLE] [CACHE [n] | NO CACHE], or ALTER SEQUENCE name
// [RESTART [WITH n]] and the same options but AS and START (Alter set).
// Nil options were not given (for CREATE: the type's limits, start at the
// bound the increment moves away from); NoMin/NoMax/NoCycle record the NO
// forms, which ALTER needs to tell from absence.
type CreateSequenceStmt struct {
	Span
	Alter     bool
	Restart   bool
	RestartAt Expr // RESTART WITH n
	NoMin     bool
	NoMax     bool
	NoCycle   bool
	Name      *Name
	Type      *DataType
	Start     Expr
	Increment Expr
	Min       Expr
	Max       Expr
	Cycle     bool
	Cache     Expr
	NoCache   bool
}

// NextValueExpr is NEXT VALUE FOR sequence [OVER (ORDER BY …)].
type NextValueExpr struct {
	Span
	Sequence *Name
	// Over orders the rows the values are handed out in, or is nil.
	Over *OverClause
}

func (*CreateTriggerStmt) stmtNode()      {}
func (*CreateSequenceStmt) stmtNode()     {}
func (*NextValueExpr) exprNode()          {}
func (x *CreateTriggerStmt) SQL() string  { return Format(x) }
func (x *CreateSequenceStmt) SQL() string { return Format(x) }
func (x *NextValueExpr) SQL() string      { return Format(x) }

// programmability prints triggers, sequences, NEXT VALUE FOR and cursor
// variable assignment.
func (p *printer) programmability(n Node) bool {
	switch n := n.(type) {
	case *CreateTriggerStmt:
		p.mode(n.Mode)
		p.w("TRIGGER ")
		p.name(n.Name)
		p.w(" ON ")
		if n.Database {
			p.w("DATABASE")
		} else {
			p.name(n.Table)
		}
		switch {
		case n.InsteadOf:
			p.w(" INSTEAD OF ")
		case n.For:
			p.w(" FOR ")
		default:
			p.w(" AFTER ")
		}
		p.w(strings.Join(n.Events, ", "))
		if n.Options != nil {
			p.w(" WITH ", strings.Join(n.Options, ", "))
		}
		p.w(" AS")
		for i, st := range n.Body {
			if i > 0 {
				p.w(";")
			}
			p.w(" ")
			p.node(st)
		}
	case *CreateSequenceStmt:
		if n.Alter {
			p.w("ALTER SEQUENCE ")
		} else {
			p.w("CREATE SEQUENCE ")
		}
		p.name(n.Name)
		if n.Type != nil {
			p.w(" AS ")
			p.node(n.Type)
		}
		if n.Restart {
			p.w(" RESTART")
			p.seqOpt(" WITH ", n.RestartAt)
		}
		p.seqOpt(" START WITH ", n.Start)
		p.seqOpt(" INCREMENT BY ", n.Increment)
		p.seqOpt(" MINVALUE ", n.Min)
		if n.NoMin {
			p.w(" NO MINVALUE")
		}
		p.seqOpt(" MAXVALUE ", n.Max)
		if n.NoMax {
			p.w(" NO MAXVALUE")
		}
		if n.Cycle {
			p.w(" CYCLE")
		}
		if n.NoCycle {
			p.w(" NO CYCLE")
		}
		if n.NoCache {
			p.w(" NO CACHE")
		}
		p.seqOpt(" CACHE ", n.Cache)
	case *NextValueExpr:
		p.w("NEXT VALUE FOR ")
		p.name(n.Sequence)
		if n.Over != nil {
			p.w(" ")
			p.over(n.Over)
		}
	case *SetCursorStmt:
		p.w("SET ", n.Var.Name, " = ")
		p.node(n.Cursor)
	default:
		return false
	}
	return true
}

func (p *printer) seqOpt(kw string, x Expr) {
	if x != nil {
		p.w(kw)
		p.node(x)
	}
}
