package exec

import (
	"math"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// defClass is how a rendered piece of a stored definition binds, which
// decides whether its parent puts it in parentheses.
type defClass uint8

const (
	defAtom defClass = iota // a column, constant, function call, CASE, CONVERT
	defAdd                  // + - & | ^ and a unary minus
	defMul                  // * / %
	defPred                 // a comparison, LIKE, IS [NOT] NULL
	defAnd
	defOr
	defNot
)

// defRender renders e as SQL Server's catalog decodes a stored expression.
// The text SQL Server keeps comes from its expression tree, not from the
// source, so the user's parentheses go and the tree's own come back:
//
//   - columns are bracketed ([a], [t].[a]); numeric constants are in their
//     own parentheses ((1), (-1), (1.5)); strings, N'…', 0x… and NULL are
//     not; dates are the strings they were written as;
//   - + - & | ^ (one precedence level in T-SQL) are parenthesised wherever
//     they are an operand, so ([a]+[b])+[c] keeps the left-nested pair;
//   - / % only inside another * / % ; no spaces around operators;
//   - AND and OR chains are flat on the left; an OR under an AND, and a
//     right operand with the parent's own operator, keep their parentheses;
//   - IN becomes an OR chain of equalities, last item first; NOT IN is
//     NOT (that chain); BETWEEN becomes >= AND <=, NOT BETWEEN NOT (…);
//   - CAST and CONVERT become CONVERT([type](n),x[,(style)]), TRY_CAST and
//     TRY_CONVERT TRY_CAST(x AS [type]), IIF a searched case, YEAR/MONTH/DAY
//     datepart(…);
//   - built-in function names, case/when/then/else/end, like, escape and
//     collate are lower case; AND, OR, NOT and IS [NOT] NULL upper case;
//     user functions are bracketed and schema-qualified ([dbo].[f]()).
//
// These forms were checked against definitions SQL Server produced (SSMS
// scripts and EF Core scaffolds of real databases: AdventureWorks'
// (upper([Class])='H' OR upper([Class])='M' OR upper([Class])='L' OR
// [Class] IS NULL), computed (([FirstName]+' ')+[LastName]), (NOT [c] like
// '%[^0-9]%'), CONVERT([varchar](10),[d],(112))). A node outside them (a
// variable, a subquery) keeps its text.
func defRender(e ast.Expr) (string, defClass) {
	e = stripParens(e)
	switch x := e.(type) {
	case *ast.Literal:
		return defLiteral(x, false), defAtom
	case *ast.NullLit:
		return "NULL", defAtom
	case *ast.ColumnRef:
		return defBracketName(x.Name), defAtom
	case *ast.UnaryExpr:
		return defUnary(x)
	case *ast.BinaryExpr:
		return defBinary(x)
	case *ast.IsNullExpr:
		if x.Not {
			return defOperand(x.X) + " IS NOT NULL", defPred
		}
		return defOperand(x.X) + " IS NULL", defPred
	case *ast.LikeExpr:
		s := defOperand(x.X) + " like " + defOperand(x.Pattern)
		if x.Escape != nil {
			// SQL Server leaves a space after the escape character.
			s += " escape " + defOperand(x.Escape) + " "
		}
		if x.Not {
			return "NOT " + s, defNot
		}
		return s, defPred
	case *ast.InExpr:
		if x.Query != nil || len(x.List) == 0 {
			break
		}
		left := defOperand(x.X)
		items := make([]string, 0, len(x.List))
		for i := len(x.List) - 1; i >= 0; i-- {
			items = append(items, left+"="+defOperand(x.List[i]))
		}
		chain := strings.Join(items, " OR ")
		switch {
		case len(items) == 1 && !x.Not:
			return chain, defPred
		case len(items) == 1:
			return "NOT " + chain, defNot
		case !x.Not:
			return chain, defOr
		default:
			return "NOT (" + chain + ")", defNot
		}
	case *ast.BetweenExpr:
		v := defOperand(x.X)
		s := v + ">=" + defOperand(x.Low) + " AND " + v + "<=" + defOperand(x.High)
		if x.Not {
			return "NOT (" + s + ")", defNot
		}
		return s, defAnd
	case *ast.CastExpr:
		if x.Try {
			return "TRY_CAST(" + defValue(x.X) + " AS " + defType(x.Type) + ")", defAtom
		}
		return "CONVERT(" + defType(x.Type) + "," + defValue(x.X) + ")", defAtom
	case *ast.ConvertExpr:
		if x.Try && x.Style == nil {
			return "TRY_CAST(" + defValue(x.X) + " AS " + defType(x.Type) + ")", defAtom
		}
		name := "CONVERT("
		if x.Try {
			name = "TRY_CONVERT("
		}
		s := name + defType(x.Type) + "," + defValue(x.X)
		if x.Style != nil {
			s += "," + defValue(x.Style)
		}
		return s + ")", defAtom
	case *ast.CaseExpr:
		return defCase(x), defAtom
	case *ast.CollateExpr:
		return "(" + defValue(x.X) + ") collate " + x.Collation, defAtom
	case *ast.FuncCall:
		if s, ok := defFunc(x); ok {
			return s, defAtom
		}
	}
	return e.SQL(), defAtom
}

// defOperand is an operand of a comparison, LIKE, IN or IS NULL: an
// additive expression is parenthesised ([a]=([b]+[c])), a product not.
func defOperand(e ast.Expr) string {
	s, c := defRender(e)
	if c == defAdd {
		return "(" + s + ")"
	}
	return s
}

// defValue is an expression in a value position — a function argument, a
// CASE branch, CONVERT's operand: never parenthesised (len([s]+'x')).
func defValue(e ast.Expr) string {
	s, _ := defRender(e)
	return s
}

func defUnary(x *ast.UnaryExpr) (string, defClass) {
	in := stripParens(x.X)
	switch x.Op {
	case ast.OpPlus:
		return defRender(in)
	case ast.OpNeg:
		if l, ok := in.(*ast.Literal); ok && defNumeric(l) {
			return defLiteral(l, true), defAtom
		}
		// SQL Server writes a space before the minus of an expression:
		// ( -[a]).
		return " -" + defArith(in, false), defAdd
	case ast.OpBitNot:
		return "~" + defArith(in, false), defAtom
	case ast.OpNot:
		s, c := defRender(in)
		if c == defAnd || c == defOr {
			s = "(" + s + ")"
		}
		return "NOT " + s, defNot
	}
	return x.SQL(), defAtom
}

// defArith is an operand of an arithmetic operator: a sum is always
// parenthesised, a product only under another product (mul set).
func defArith(e ast.Expr, mul bool) string {
	s, c := defRender(e)
	if c == defAdd || c == defMul && mul {
		return "(" + s + ")"
	}
	return s
}

func defBinary(x *ast.BinaryExpr) (string, defClass) {
	op := x.Op.String()
	switch x.Op {
	case ast.OpAnd, ast.OpOr:
		cls := defAnd
		if x.Op == ast.OpOr {
			cls = defOr
		}
		l, lc := defRender(x.X)
		r, rc := defRender(x.Y)
		if cls == defAnd && lc == defOr {
			l = "(" + l + ")"
		}
		if rc == cls || cls == defAnd && rc == defOr {
			r = "(" + r + ")"
		}
		return l + " " + op + " " + r, cls
	case ast.OpMul, ast.OpDiv, ast.OpMod:
		return defArith(x.X, true) + op + defArith(x.Y, true), defMul
	case ast.OpAdd, ast.OpSub, ast.OpBitAnd, ast.OpBitOr, ast.OpBitXor, ast.OpShiftLeft, ast.OpShiftRight:
		return defArith(x.X, false) + op + defArith(x.Y, false), defAdd
	}
	// Comparisons; != is stored as <>.
	return defOperand(x.X) + op + defOperand(x.Y), defPred
}

func defCase(x *ast.CaseExpr) string {
	var b strings.Builder
	b.WriteString("case")
	if x.Operand != nil {
		b.WriteString(" " + defValue(x.Operand))
	}
	for _, w := range x.Whens {
		b.WriteString(" when " + defValue(w.Cond) + " then " + defValue(w.Result))
	}
	// SQL Server keeps the separator of an absent ELSE: "then (2)  end".
	b.WriteString(" ")
	if x.Else != nil {
		b.WriteString("else " + defValue(x.Else))
	}
	b.WriteString(" end")
	return b.String()
}

// defFunc renders a function call; ok is false for a form it does not
// know (aggregates, windows, the special argument syntaxes).
func defFunc(x *ast.FuncCall) (string, bool) {
	if x.Distinct || x.Star || x.Over != nil || x.WithinGroup != nil || x.SpecialSyntax() || x.Nulls != "" {
		return "", false
	}
	args := make([]string, len(x.Args))
	if len(x.Name.Parts) > 1 {
		// A user function: every part bracketed, [dbo].[f]([a]).
		for i, a := range x.Args {
			args[i] = defValue(a)
		}
		return defBracketName(x.Name) + "(" + strings.Join(args, ",") + ")", true
	}
	upper := strings.ToUpper(x.Name.Last())
	if x.Niladic {
		if f, ok := niladicStored[upper]; ok {
			return f, true
		}
		return strings.ToLower(x.Name.Last()), true
	}
	switch {
	case (upper == "YEAR" || upper == "MONTH" || upper == "DAY") && len(x.Args) == 1:
		return "datepart(" + strings.ToLower(upper) + "," + defValue(x.Args[0]) + ")", true
	case upper == "IIF" && len(x.Args) == 3:
		return "case when " + defValue(x.Args[0]) + " then " + defValue(x.Args[1]) + " else " + defValue(x.Args[2]) + " end", true
	}
	for i, a := range x.Args {
		if cr, ok := stripParens(a).(*ast.ColumnRef); ok && i == 0 && datepartFuncs[upper] && len(cr.Name.Parts) == 1 {
			// DATEADD(dd, …): a datepart, not a column, stored by its full name.
			p := strings.ToLower(cr.Name.Last())
			if full, ok := storedDatepart[p]; ok {
				p = full
			}
			args[i] = p
			continue
		}
		args[i] = defValue(a)
	}
	return strings.ToLower(x.Name.Last()) + "(" + strings.Join(args, ",") + ")", true
}

func defBracketName(n *ast.Name) string {
	parts := make([]string, len(n.Parts))
	for i, p := range n.Parts {
		if p != nil {
			parts[i] = "[" + strings.ReplaceAll(p.Name, "]", "]]") + "]"
		}
	}
	return strings.Join(parts, ".")
}

// storedTypeSynonyms are the ISO spellings SQL Server stores by their
// T-SQL names.
var storedTypeSynonyms = map[string]string{
	"integer": "int", "dec": "decimal", "double precision": "float",
	"character": "char", "character varying": "varchar", "char varying": "varchar",
	"national character varying": "nvarchar", "national char varying": "nvarchar",
	"national character": "nchar", "national char": "nchar", "rowversion": "timestamp",
}

// defType is CONVERT's type as stored: [varchar](10), [decimal](5,2),
// [nvarchar](max), [dbo].[udt].
func defType(t *ast.DataType) string {
	name := t.Name
	if s, ok := storedTypeSynonyms[name]; ok {
		name = s
	}
	s := "[" + strings.ReplaceAll(name, "]", "]]") + "]"
	if t.Schema != "" {
		s = "[" + strings.ReplaceAll(t.Schema, "]", "]]") + "]." + s
	}
	switch {
	case t.Params == 0:
		return s
	case t.Max:
		return s + "(max)"
	case t.Params == 2:
		return s + "(" + strconv.Itoa(t.Precision) + "," + strconv.Itoa(t.Scale) + ")"
	}
	switch ast.TypeParamKind(t.Name) {
	case 'p':
		return s + "(" + strconv.Itoa(t.Precision) + ")"
	case 's':
		return s + "(" + strconv.Itoa(t.Scale) + ")"
	}
	return s + "(" + strconv.Itoa(t.Length) + ")"
}

func defNumeric(l *ast.Literal) bool {
	return l.Kind == ast.LitInt || l.Kind == ast.LitDecimal || l.Kind == ast.LitFloat || l.Kind == ast.LitMoney
}

// defLiteral renders a constant; a number (neg: under a unary minus) in
// its own parentheses, as SQL Server prints it: leading zeros dropped
// ((1) for 0001, (0.5) for .5), an integer beyond int with a trailing
// point ((2147483648.)), a float in 17-digit scientific form
// ((1.0000000000000000e+002)).
func defLiteral(l *ast.Literal, neg bool) string {
	if !defNumeric(l) {
		return l.SQL()
	}
	n, ok := defNumber(l, neg)
	if !ok {
		n = l.SQL()
		if neg {
			n = "-" + n
		}
	}
	return "(" + n + ")"
}

func defNumber(l *ast.Literal, neg bool) (string, bool) {
	text := l.Text
	sign := ""
	if neg {
		sign = "-"
	}
	switch l.Kind {
	case ast.LitFloat:
		v, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsInf(v, 0) {
			return "", false
		}
		if neg {
			v = -v
		}
		s := strconv.FormatFloat(v, 'e', 16, 64)
		mant, exp, _ := strings.Cut(s, "e")
		esign, digits := exp[:1], strings.TrimLeft(exp[1:], "0")
		for len(digits) < 3 {
			digits = "0" + digits
		}
		return mant + "e" + esign + digits, true
	case ast.LitDecimal:
		ip, fp, ok := strings.Cut(text, ".")
		if !ok || !defDigits(ip) && ip != "" || !defDigits(fp) && fp != "" {
			return "", false
		}
		ip = strings.TrimLeft(ip, "0")
		if ip == "" {
			ip = "0"
		}
		if ip == "0" && strings.Trim(fp, "0") == "" {
			sign = ""
		}
		return sign + ip + "." + fp, true
	case ast.LitInt:
		if !defDigits(text) {
			return "", false
		}
		d := strings.TrimLeft(text, "0")
		if d == "" {
			return "0", true
		}
		limit := uint64(math.MaxInt32)
		if neg {
			limit++
		}
		if v, err := strconv.ParseUint(d, 10, 64); err != nil || v > limit {
			return sign + d + ".", true // numeric, not int
		}
		return sign + d, true
	}
	return "", false
}

func defDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
