package ast

import "strings"

func (p *printer) expr(n Node) bool {
	switch n := n.(type) {
	case *Literal:
		p.literal(n)
	case *NullLit:
		p.w("NULL")
	case *DefaultExpr:
		p.w("DEFAULT")
	case *Variable:
		p.w(n.Name)
	case *GlobalVar:
		p.w(n.Name)
	case *ColumnRef:
		p.name(n.Name)
	case *Star:
		if n.Qualifier != nil {
			p.name(n.Qualifier)
			p.w(".")
		}
		p.w("*")
	case *UnaryExpr:
		p.w(n.Op.String())
		if n.Op == OpNot {
			p.w(" ")
		}
		min := precUnary
		if n.Op == OpNot {
			min = precNot
		}
		s := formatOperand(n.X, min)
		if (n.Op == OpNeg || n.Op == OpPlus) && (strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+")) {
			p.w(" ")
		}
		p.w(s)
	case *BinaryExpr:
		pr := binaryPrec(n.Op)
		p.operand(n.X, pr)
		p.w(" ", n.Op.String(), " ")
		p.operand(n.Y, pr+1)
	case *ParenExpr:
		p.w("(")
		p.node(n.X)
		p.w(")")
	case *FuncCall:
		p.funcCall(n)
	case *OverClause:
		p.over(n)
	case *WindowDef:
		p.ident(n.Name)
		p.w(" AS ")
		p.windowSpec(n.Spec)
	case *WindowFrame:
		if n.Unit == FrameRows {
			p.w("ROWS ")
		} else {
			p.w("RANGE ")
		}
		if n.Until != nil {
			p.w("BETWEEN ")
			p.node(n.Start)
			p.w(" AND ")
			p.node(n.Until)
		} else {
			p.node(n.Start)
		}
	case *FrameBound:
		switch n.Kind {
		case UnboundedPreceding:
			p.w("UNBOUNDED PRECEDING")
		case Preceding:
			p.node(n.Offset)
			p.w(" PRECEDING")
		case CurrentRow:
			p.w("CURRENT ROW")
		case Following:
			p.node(n.Offset)
			p.w(" FOLLOWING")
		case UnboundedFollowing:
			p.w("UNBOUNDED FOLLOWING")
		}
	case *CaseExpr:
		p.w("CASE")
		if n.Operand != nil {
			p.w(" ")
			p.node(n.Operand)
		}
		for _, wh := range n.Whens {
			p.w(" ")
			p.node(wh)
		}
		if n.Else != nil {
			p.w(" ELSE ")
			p.node(n.Else)
		}
		p.w(" END")
	case *When:
		p.w("WHEN ")
		p.node(n.Cond)
		p.w(" THEN ")
		p.node(n.Result)
	case *CastExpr:
		if n.Try {
			p.w("TRY_")
		}
		p.w("CAST(")
		p.node(n.X)
		p.w(" AS ")
		p.node(n.Type)
		p.w(")")
	case *ConvertExpr:
		if n.Try {
			p.w("TRY_")
		}
		p.w("CONVERT(")
		p.node(n.Type)
		p.w(", ")
		p.node(n.X)
		if n.Style != nil {
			p.w(", ")
			p.node(n.Style)
		}
		p.w(")")
	case *DataType:
		p.dataType(n)
	case *SubqueryExpr:
		p.w("(")
		p.node(n.Query)
		p.w(")")
	case *ExistsExpr:
		p.w("EXISTS (")
		p.node(n.Query)
		p.w(")")
	case *InExpr:
		p.operand(n.X, precCompare)
		p.not(n.Not)
		p.w(" IN (")
		if n.Query != nil {
			p.node(n.Query)
		} else {
			p.exprs(n.List)
		}
		p.w(")")
	case *BetweenExpr:
		p.operand(n.X, precCompare)
		p.not(n.Not)
		p.w(" BETWEEN ")
		p.operand(n.Low, precAdd)
		p.w(" AND ")
		p.operand(n.High, precAdd)
	case *LikeExpr:
		p.operand(n.X, precCompare)
		p.not(n.Not)
		p.w(" LIKE ")
		p.operand(n.Pattern, precAdd)
		if n.Escape != nil {
			p.w(" ESCAPE ")
			p.operand(n.Escape, precAdd)
		}
	case *IsNullExpr:
		p.operand(n.X, precCompare)
		p.w(" IS ")
		if n.Not {
			p.w("NOT ")
		}
		p.w("NULL")
	case *DistinctExpr:
		p.operand(n.X, precCompare)
		p.w(" IS ")
		if n.Not {
			p.w("NOT ")
		}
		p.w("DISTINCT FROM ")
		p.operand(n.Y, precAdd)
	case *QuantifiedExpr:
		p.operand(n.X, precCompare)
		p.w(" ", n.Op.String(), " ", n.Quantifier.String(), " (")
		p.node(n.Query)
		p.w(")")
	case *CollateExpr:
		p.operand(n.X, precPrimary)
		p.w(" COLLATE ", n.Collation)
	case *AtTimeZoneExpr:
		p.operand(n.X, precPrimary)
		p.w(" AT TIME ZONE ")
		p.operand(n.Zone, precPrimary)
	case *XMLMethodExpr:
		p.operand(n.X, precPrimary)
		p.w(".", strings.ToLower(n.Method), "(")
		p.exprs(n.Args)
		p.w(")")
	default:
		return false
	}
	return true
}

func (p *printer) not(not bool) {
	if not {
		p.w(" NOT")
	}
}

func (p *printer) literal(l *Literal) {
	switch l.Kind {
	case LitString:
		p.w(QuoteString(l.Value, l.National))
	case LitBinary:
		p.w("0x", l.Value)
	case LitMoney:
		p.w("$", l.Value) // a sign stays after the $: $-1.50
	default:
		p.w(l.Text)
	}
}

// keywordFuncs are reserved words that are also function names; they
// print without brackets.
var keywordFuncs = map[string]bool{
	"COALESCE": true, "NULLIF": true, "LEFT": true, "RIGHT": true, "UPDATE": true, "CURRENT_TIMESTAMP": true,
	"CURRENT_USER": true, "SESSION_USER": true, "SYSTEM_USER": true, "USER": true,
	"CURRENT_DATE": true, "CURRENT_TIME": true,
}

func (p *printer) funcCall(f *FuncCall) {
	if f.Name != nil && len(f.Name.Parts) == 1 && keywordFuncs[strings.ToUpper(f.Name.Parts[0].Name)] {
		p.w(strings.ToUpper(f.Name.Parts[0].Name))
	} else {
		p.name(f.Name)
	}
	if !f.Niladic {
		p.w("(")
		if f.Distinct {
			p.w("DISTINCT ")
		}
		if f.Star {
			p.w("*")
		}
		if f.SpecialSyntax() {
			p.callSyntax(f)
		} else {
			p.exprs(f.Args)
		}
		p.w(")")
	}
	if f.WithinGroup != nil {
		p.w(" WITHIN GROUP (ORDER BY ")
		p.orderItems(f.WithinGroup)
		p.w(")")
	}
	if f.Nulls != "" {
		p.w(" ", f.Nulls, " NULLS")
	}
	if f.Over != nil {
		p.w(" ")
		p.over(f.Over)
	}
}

func (p *printer) over(o *OverClause) {
	if o.Bare && o.Window != nil {
		p.w("OVER ")
		p.ident(o.Window)
		return
	}
	p.w("OVER ")
	p.windowSpec(o)
}

// windowSpec prints ([window] [PARTITION BY …] [ORDER BY …] [frame]).
func (p *printer) windowSpec(o *OverClause) {
	p.w("(")
	sep := ""
	if o.Window != nil {
		p.ident(o.Window)
		sep = " "
	}
	if o.PartitionBy != nil {
		p.w(sep, "PARTITION BY ")
		p.exprs(o.PartitionBy)
		sep = " "
	}
	if o.OrderBy != nil {
		p.w(sep, "ORDER BY ")
		p.orderItems(o.OrderBy)
		sep = " "
	}
	if o.Frame != nil {
		p.w(sep)
		p.node(o.Frame)
	}
	p.w(")")
}

func (p *printer) dataType(t *DataType) {
	if t.Schema != "" {
		p.w(QuoteIdent(t.Schema), ".")
	}
	if t.Schema == "" && t.Name == "cursor" {
		p.w("CURSOR") // DECLARE @c CURSOR: the reserved word is the type
	} else if t.Name != strings.ToLower(t.Name) {
		// The parser lower-cases an unquoted type name, so a name with
		// capitals came quoted ([MyType]) and must stay quoted to round-trip.
		p.w("[", strings.ReplaceAll(t.Name, "]", "]]"), "]")
	} else {
		p.w(QuoteIdent(t.Name))
	}
	if t.Params == 0 {
		return
	}
	p.w("(")
	switch {
	case t.Max:
		p.w("MAX")
	case t.Params == 2:
		p.w(itoa(t.Precision), ", ", itoa(t.Scale))
	default:
		switch TypeParamKind(t.Name) {
		case 'p':
			p.w(itoa(t.Precision))
		case 's':
			p.w(itoa(t.Scale))
		default:
			p.w(itoa(t.Length))
		}
	}
	p.w(")")
}

// TypeParamKind tells where a single parenthesized number of type name
// goes: 'p' precision (decimal, numeric, float), 's' scale (time,
// datetime2, datetimeoffset) or 'l' length (everything else).
func TypeParamKind(name string) byte {
	switch strings.ToLower(name) {
	case "decimal", "numeric", "dec", "float":
		return 'p'
	case "time", "datetime2", "datetimeoffset":
		return 's'
	}
	return 'l'
}

// Precedence levels of the printer, loosest first (Transact-SQL operator
// precedence). The parser keeps source parentheses as ParenExpr, so trees
// it builds never need more; trees built by hand get parentheses wherever
// an operand binds looser than its position requires.
const (
	precOr = iota + 1
	precAnd
	precNot
	precCompare // comparisons and the predicates IN, BETWEEN, LIKE, IS NULL
	precAdd     // + - & ^ | << >>
	precMul     // * / %
	precUnary   // - + ~
	precPrimary
)

func binaryPrec(op BinaryOp) int {
	switch op {
	case OpOr:
		return precOr
	case OpAnd:
		return precAnd
	case OpMul, OpDiv, OpMod:
		return precMul
	case OpAdd, OpSub, OpBitAnd, OpBitOr, OpBitXor, OpShiftLeft, OpShiftRight:
		return precAdd
	}
	return precCompare
}

// exprPrec is the precedence of the operator at the top of x.
func exprPrec(x Expr) int {
	switch x := x.(type) {
	case *BinaryExpr:
		return binaryPrec(x.Op)
	case *UnaryExpr:
		if x.Op == OpNot {
			return precNot
		}
		return precUnary
	case *InExpr, *BetweenExpr, *LikeExpr, *IsNullExpr, *DistinctExpr, *QuantifiedExpr:
		return precCompare
	}
	return precPrimary
}

// formatOperand renders x, parenthesized when it binds looser than min.
func formatOperand(x Expr, min int) string {
	if x != nil && exprPrec(x) < min {
		return "(" + Format(x) + ")"
	}
	return Format(x)
}

func (p *printer) operand(x Expr, min int) {
	if x != nil && exprPrec(x) < min {
		p.w("(")
		p.node(x)
		p.w(")")
		return
	}
	p.node(x)
}

// callSyntax prints the arguments of a call written in one of the special
// forms (TRIM … FROM, JSON_OBJECT pairs, PARSE … AS).
func (p *printer) callSyntax(f *FuncCall) {
	s := f
	switch {
	case s.As != nil:
		if len(f.Args) > 0 {
			p.node(f.Args[0])
		}
		p.w(" AS ")
		p.node(s.As)
		if len(f.Args) > 1 {
			p.w(" USING ")
			p.node(f.Args[1])
		}
		return
	case s.Trim != "" || s.TrimFrom:
		if s.Trim != "" {
			p.w(s.Trim, " ")
		}
		if s.TrimFrom && len(f.Args) > 1 {
			p.node(f.Args[1])
			p.w(" FROM ")
		}
		if len(f.Args) > 0 {
			p.node(f.Args[0])
		}
		return
	}
	for i, a := range f.Args {
		switch {
		case i == 0:
		case s.JSONPairs && i%2 == 1:
			p.w(":")
		default:
			p.w(", ")
		}
		p.node(a)
	}
	if s.JSONNull != "" {
		if len(f.Args) > 0 {
			p.w(" ")
		}
		p.w(s.JSONNull, " ON NULL")
	}
}
