package ast

// LitKind classifies a literal constant.
type LitKind uint8

// Literal kinds.
const (
	LitInt     LitKind = iota + 1 // 42
	LitDecimal                    // 4.20 (numeric with a point, no exponent)
	LitFloat                      // 4.2E1
	LitMoney                      // $4.20
	LitString                     // 'text' or N'text' (see Literal.National)
	LitBinary                     // 0x1F
)

var litKindNames = [...]string{"?", "Int", "Decimal", "Float", "Money", "String", "Binary"}

func (k LitKind) String() string {
	if int(k) < len(litKindNames) {
		return litKindNames[k]
	}
	return "?"
}

// Literal is a constant. Text is the source spelling (including quotes, N
// prefix, $ and 0x); Value is the string content with doubled quotes resolved for
// strings, and the digits without $ or 0x for money and binary (money keeps
// its sign and point: "-12.50").
type Literal struct {
	Span
	Kind     LitKind
	National bool // N'…'
	Text     string
	Value    string
}

// NullLit is the NULL constant.
type NullLit struct{ Span }

// DefaultExpr is the DEFAULT keyword where a value may appear (INSERT
// VALUES, EXEC arguments, procedure calls).
type DefaultExpr struct{ Span }

// Variable is a local variable or parameter, Name including the '@'.
type Variable struct {
	Span
	Name string
}

// GlobalVar is a system function written @@NAME; Name is upper case
// including "@@" (@@ROWCOUNT, @@TRANCOUNT, @@ERROR …).
type GlobalVar struct {
	Span
	Name string
}

// ColumnRef is a column or other name used as a value; also used for bare
// words such as DBCC SQLPERF(LOGSPACE).
type ColumnRef struct {
	Span
	Name *Name
}

// Star is * or qualifier.* in a select list.
type Star struct {
	Span
	Qualifier *Name // nil for a bare *
}

// UnaryOp is a prefix operator.
type UnaryOp uint8

// Unary operators.
const (
	OpNeg    UnaryOp = iota + 1 // -x
	OpPlus                      // +x
	OpBitNot                    // ~x
	OpNot                       // NOT x
)

// BinaryOp is an infix operator.
type BinaryOp uint8

// Binary operators. OpAdd is also string concatenation (typed by the binder).
const (
	OpAdd        BinaryOp = iota + 1 // +
	OpSub                            // -
	OpMul                            // *
	OpDiv                            // /
	OpMod                            // %
	OpBitAnd                         // &
	OpBitOr                          // |
	OpBitXor                         // ^
	OpEq                             // =
	OpNe                             // <> (also written !=)
	OpLt                             // <
	OpLe                             // <=
	OpGt                             // >
	OpGe                             // >=
	OpNotLt                          // !<
	OpNotGt                          // !>
	OpAnd                            // AND
	OpOr                             // OR
	OpShiftLeft                      // << (SQL Server 2022; LEFT_SHIFT)
	OpShiftRight                     // >> (RIGHT_SHIFT)
)

var unaryText = [...]string{"?", "-", "+", "~", "NOT"}

var binaryText = [...]string{"?", "+", "-", "*", "/", "%", "&", "|", "^", "=", "<>", "<", "<=", ">", ">=", "!<", "!>", "AND", "OR", "<<", ">>"}

func (o UnaryOp) String() string {
	if int(o) < len(unaryText) {
		return unaryText[o]
	}
	return "?"
}

func (o BinaryOp) String() string {
	if int(o) < len(binaryText) {
		return binaryText[o]
	}
	return "?"
}

// UnaryExpr is Op X.
type UnaryExpr struct {
	Span
	Op UnaryOp
	X  Expr
}

// BinaryExpr is X Op Y.
type BinaryExpr struct {
	Span
	Op   BinaryOp
	X, Y Expr
}

// ParenExpr is a parenthesized expression.
type ParenExpr struct {
	Span
	X Expr
}

// FuncCall is a scalar, aggregate or window function call, also used for
// the keyword functions COALESCE, NULLIF, LEFT, RIGHT and the niladic
// CURRENT_TIMESTAMP, CURRENT_USER, SESSION_USER, SYSTEM_USER, USER (Niladic
// set, no parentheses).
type FuncCall struct {
	Span
	Name     *Name
	Args     []Expr
	Distinct bool // COUNT(DISTINCT x)
	Star     bool // COUNT(*)
	Niladic  bool // written without parentheses
	// WithinGroup is the ORDER BY of WITHIN GROUP (STRING_AGG,
	// PERCENTILE_CONT …), or nil.
	WithinGroup []*OrderItem
	Over        *OverClause // window specification, or nil
	// The special argument syntax of a few built-ins; all zero for an
	// ordinary call:
	//
	//   - TRIM([LEADING|TRAILING|BOTH] [chars FROM] s): Trim is the keyword
	//     ("" when absent), TrimFrom is set when chars FROM was written;
	//     Args are [s] or [s, chars] (the string first, as in LTRIM(s, chars)).
	//   - JSON_OBJECT(k:v, …) and JSON_ARRAY(v, …): JSONPairs is set for
	//     JSON_OBJECT (Args alternate key, value); JSONNull is "NULL" or
	//     "ABSENT" when NULL ON NULL / ABSENT ON NULL was written, else "".
	//   - PARSE / TRY_PARSE(s AS type [USING culture]): As is the type;
	//     Args are [s] or [s, culture].
	Trim     string
	TrimFrom bool
	// Nulls is "IGNORE" or "RESPECT" for FIRST_VALUE, LAST_VALUE, LAG and
	// LEAD's IGNORE NULLS / RESPECT NULLS (SQL Server 2022), else "".
	Nulls     string
	JSONPairs bool
	JSONNull  string
	As        *DataType
}

// SpecialSyntax reports whether the call uses one of the argument forms
// held in Trim, TrimFrom, JSONPairs, JSONNull and As.
func (f *FuncCall) SpecialSyntax() bool {
	return f.Trim != "" || f.TrimFrom || f.JSONPairs || f.JSONNull != "" || f.As != nil
}

// OverClause is OVER (PARTITION BY … ORDER BY … frame).
type OverClause struct {
	Span
	// Window names a window of the query's WINDOW clause (SQL Server
	// 2022) that this specification starts from, or is nil; Bare is set
	// for OVER w, written without parentheses.
	Window      *Ident
	Bare        bool
	PartitionBy []Expr
	OrderBy     []*OrderItem
	Frame       *WindowFrame
}

// FrameUnit is ROWS or RANGE.
type FrameUnit uint8

// Frame units.
const (
	FrameRows FrameUnit = iota + 1
	FrameRange
)

// WindowFrame is ROWS|RANGE start, or ROWS|RANGE BETWEEN start AND end.
type WindowFrame struct {
	Span
	Unit  FrameUnit
	Start *FrameBound
	Until *FrameBound // the AND bound of BETWEEN, or nil
}

// BoundKind says which window frame bound.
type BoundKind uint8

// Frame bounds.
const (
	UnboundedPreceding BoundKind = iota + 1
	Preceding                    // n PRECEDING
	CurrentRow
	Following // n FOLLOWING
	UnboundedFollowing
)

// FrameBound is one end of a window frame.
type FrameBound struct {
	Span
	Kind   BoundKind
	Offset Expr // for Preceding and Following
}

// CaseExpr is CASE [Operand] WHEN … THEN … [ELSE …] END.
type CaseExpr struct {
	Span
	Operand Expr // nil for a searched CASE
	Whens   []*When
	Else    Expr
}

// When is one WHEN Cond THEN Result arm.
type When struct {
	Span
	Cond, Result Expr
}

// CastExpr is CAST(X AS Type) or TRY_CAST(X AS Type).
type CastExpr struct {
	Span
	Try  bool
	X    Expr
	Type *DataType
}

// ConvertExpr is CONVERT(Type, X [, Style]) or TRY_CONVERT(…).
type ConvertExpr struct {
	Span
	Try   bool
	Type  *DataType
	X     Expr
	Style Expr
}

// DataType is a type reference: int, varchar(10), nvarchar(MAX),
// decimal(10, 2), datetime2(3), dbo.usertype.
//
// Name is lower case for unquoted names. Params is how many numbers were
// written in parentheses (0, 1 or 2), MAX counting as one. The numbers land
// by type: decimal/numeric(p[, s]) → Precision, Scale; float(n) →
// Precision; time/datetime2/datetimeoffset(s) → Scale; every other type,
// including char/varchar/nchar/nvarchar/binary/varbinary(n), → Length.
type DataType struct {
	Span
	Schema    string // "" unless schema-qualified
	Name      string
	Params    int
	Length    int
	Max       bool // (MAX)
	Precision int
	Scale     int
	// written is Name in the case it was written, where the parser
	// lower-cased it (an unquoted name, so built-in type names match): a
	// user-defined type's name compares under its database's collation,
	// case-sensitively in a case-sensitive database. Unexported, so dumps
	// and canonical SQL stay as they are.
	written string
}

// SetWrittenName records the name as written (the parser's).
func (t *DataType) SetWrittenName(s string) { t.written = s }

// WrittenName is the type's name as written: Name unless the parser
// lower-cased it.
func (t *DataType) WrittenName() string {
	if t.written != "" {
		return t.written
	}
	return t.Name
}

// SubqueryExpr is a scalar subquery (SELECT …).
type SubqueryExpr struct {
	Span
	Query *Query
}

// ExistsExpr is EXISTS (query).
type ExistsExpr struct {
	Span
	Query *Query
}

// InExpr is X [NOT] IN (list) or X [NOT] IN (query); exactly one of List
// and Query is set.
type InExpr struct {
	Span
	X     Expr
	Not   bool
	List  []Expr
	Query *Query
}

// BetweenExpr is X [NOT] BETWEEN Low AND High.
type BetweenExpr struct {
	Span
	X         Expr
	Not       bool
	Low, High Expr
}

// LikeExpr is X [NOT] LIKE Pattern [ESCAPE Escape].
type LikeExpr struct {
	Span
	X       Expr
	Not     bool
	Pattern Expr
	Escape  Expr
}

// IsNullExpr is X IS [NOT] NULL.
type IsNullExpr struct {
	Span
	X   Expr
	Not bool
}

// DistinctExpr is X IS [NOT] DISTINCT FROM Y (SQL Server 2022): a
// comparison that treats NULLs as equal values and is never UNKNOWN.
type DistinctExpr struct {
	Span
	X   Expr
	Not bool
	Y   Expr
}

// Quantifier is ALL, ANY or SOME.
type Quantifier uint8

// Quantifiers.
const (
	QuantAll Quantifier = iota + 1
	QuantAny
	QuantSome
)

var quantText = [...]string{"?", "ALL", "ANY", "SOME"}

func (q Quantifier) String() string {
	if int(q) < len(quantText) {
		return quantText[q]
	}
	return "?"
}

// QuantifiedExpr is X Op ALL|ANY|SOME (query).
type QuantifiedExpr struct {
	Span
	X          Expr
	Op         BinaryOp
	Quantifier Quantifier
	Query      *Query
}

// CollateExpr is X COLLATE Collation.
type CollateExpr struct {
	Span
	X         Expr
	Collation string
}
