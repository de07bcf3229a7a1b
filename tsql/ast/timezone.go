package ast

// AtTimeZoneExpr is X AT TIME ZONE Zone: X (smalldatetime, datetime,
// datetime2 or datetimeoffset) as a datetimeoffset in the time zone that
// Zone names (a Windows time zone name such as 'Pacific Standard Time').
// It is a postfix operator that binds like COLLATE and chains:
// d AT TIME ZONE 'UTC' AT TIME ZONE 'Tokyo Standard Time'.
type AtTimeZoneExpr struct {
	Span
	X    Expr
	Zone Expr
}

func (*AtTimeZoneExpr) exprNode()     {}
func (x *AtTimeZoneExpr) SQL() string { return Format(x) }
