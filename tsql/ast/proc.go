package ast

// VarDecl is one variable of DECLARE: @name type [= value], or @name TABLE
// (…) (Table set, Type nil).
type VarDecl struct {
	Span
	Name  string // including '@'
	Type  *DataType
	Value Expr
	Table *CreateTableStmt // Name nil; columns and constraints of a table variable
}

// DeclareStmt is DECLARE var [, …].
type DeclareStmt struct {
	Span
	Vars []*VarDecl
}

// SetVariableStmt is SET @v op value.
type SetVariableStmt struct {
	Span
	Var   *Variable
	Op    AssignOp
	Value Expr
}

// SetValueKind says what a SetOptionStmt sets its options to.
type SetValueKind uint8

// SET option value kinds.
const (
	SetOnOff SetValueKind = iota + 1 // ON or OFF (On)
	SetWord                          // a word: DATEFORMAT dmy, ISOLATION LEVEL READ COMMITTED (Word)
	SetExpr                          // a value: LOCK_TIMEOUT 1000, LANGUAGE N'us_english' (Arg)
)

// SetOptionStmt is SET option [, option …] value: SET NOCOUNT ON, SET
// ANSI_NULLS, QUOTED_IDENTIFIER ON, SET TRANSACTION ISOLATION LEVEL READ
// COMMITTED (option "TRANSACTION ISOLATION LEVEL", Word "READ COMMITTED"),
// SET LOCK_TIMEOUT 1000, SET IDENTITY_INSERT t ON (Table set, SetOnOff).
// Option names and Word are upper case.
type SetOptionStmt struct {
	Span
	Options []string
	Kind    SetValueKind
	On      bool
	Word    string
	Arg     Expr
	Table   *Name
}

// IfStmt is IF cond then [ELSE else].
type IfStmt struct {
	Span
	Cond Expr
	Then Statement
	Else Statement
}

// WhileStmt is WHILE cond body.
type WhileStmt struct {
	Span
	Cond Expr
	Body Statement
}

// BreakStmt is BREAK.
type BreakStmt struct{ Span }

// ContinueStmt is CONTINUE.
type ContinueStmt struct{ Span }

// BlockStmt is BEGIN … END.
type BlockStmt struct {
	Span
	Body []Statement
}

// TryCatchStmt is BEGIN TRY … END TRY BEGIN CATCH … END CATCH.
type TryCatchStmt struct {
	Span
	Try, Catch []Statement
}

// ThrowStmt is THROW [number, message, state]; all nil for a rethrow.
type ThrowStmt struct {
	Span
	Number, Message, State Expr
}

// RaiserrorStmt is RAISERROR(msg, severity, state [, args]) [WITH opts].
type RaiserrorStmt struct {
	Span
	Message         Expr
	Severity, State Expr
	Args            []Expr
	Options         []string // NOWAIT, LOG, SETERROR
}

// PrintStmt is PRINT expr.
type PrintStmt struct {
	Span
	X Expr
}

// ReturnStmt is RETURN [expr].
type ReturnStmt struct {
	Span
	X Expr
}

// WaitforStmt is WAITFOR DELAY|TIME value.
type WaitforStmt struct {
	Span
	Delay bool // DELAY; otherwise TIME
	X     Expr
}

// ExecArg is one argument of EXEC: [@name =] value [OUTPUT]; Value is
// *DefaultExpr for DEFAULT. A bare word (EXEC sp_helpdb master) is a
// single-part *ColumnRef, which SQL Server passes as a string.
type ExecArg struct {
	Span
	Name   string // "@name" or ""
	Value  Expr
	Output bool
}

// ExecStmt is EXEC[UTE] [@rc =] proc args, or EXEC (string expr) (Dynamic
// set). The procedure is Proc (a name) or ProcVar (a variable holding the
// name).
type ExecStmt struct {
	Span
	Return  *Variable
	Proc    *Name
	ProcVar *Variable
	Args    []*ExecArg
	Dynamic Expr
	Options []string // WITH RECOMPILE …
	// ResultSets is WITH RESULT SETS (…), or nil.
	ResultSets *ResultSets
	// As is EXECUTE ('…') AS { LOGIN | USER } = name: the context the
	// dynamic batch runs in (Kind and Name only), or nil.
	As *ExecuteAsStmt
}

// ResultSets is EXECUTE's WITH RESULT SETS clause: UNDEFINED, NONE, or
// the columns of each result set the call sends, in order.
type ResultSets struct {
	Span
	Undefined, None bool
	Sets            []*ResultSetDef
}

// ResultSetDef is one result set of WITH RESULT SETS: its columns' names,
// types and nullability.
type ResultSetDef struct {
	Span
	Columns []*ColumnDef
}

// UseStmt is USE database.
type UseStmt struct {
	Span
	Database *Ident
}

// TranKind is the kind of a transaction statement.
type TranKind uint8

// Transaction statement kinds.
const (
	BeginTran TranKind = iota + 1
	CommitTran
	RollbackTran
	SaveTran
)

// TransactionStmt is BEGIN [DISTRIBUTED] TRAN[SACTION] [name],
// COMMIT [TRAN[SACTION] [name] | WORK], ROLLBACK [TRAN[SACTION] [name] |
// WORK], SAVE TRAN[SACTION] name. The name is Name or Var. Mark is BEGIN
// TRAN name WITH MARK ['description'] (MarkDescription nil without one).
type TransactionStmt struct {
	Span
	Kind            TranKind
	Distributed     bool
	Name            *Ident
	Var             *Variable
	Work            bool
	Mark            bool
	MarkDescription Expr
}

// GotoStmt is GOTO label.
type GotoStmt struct {
	Span
	Label *Ident
}

// LabelStmt is label: (a GOTO target).
type LabelStmt struct {
	Span
	Label *Ident
}
