package ast

// CursorRef names a cursor: [GLOBAL] name, or a cursor variable.
type CursorRef struct {
	Span
	Global bool
	Name   *Ident
	Var    *Variable
}

// DeclareCursorStmt is DECLARE name CURSOR [options] FOR query [FOR READ
// ONLY | FOR UPDATE [OF columns]]; with Name nil it is the CURSOR … FOR
// query assigned to a cursor variable (SetCursorStmt). Options are upper case (LOCAL, GLOBAL,
// FORWARD_ONLY, SCROLL, STATIC, KEYSET, DYNAMIC, FAST_FORWARD, READ_ONLY,
// SCROLL_LOCKS, OPTIMISTIC, TYPE_WARNING) in source order.
type DeclareCursorStmt struct {
	Span
	Name          *Ident
	Options       []string
	Query         *Query
	ReadOnly      bool     // FOR READ ONLY
	ForUpdate     bool     // FOR UPDATE
	UpdateColumns []*Ident // FOR UPDATE OF …
}

// OpenStmt is OPEN cursor.
type OpenStmt struct {
	Span
	Cursor *CursorRef
}

// FetchStmt is FETCH [direction [offset] FROM] cursor [INTO @v, …].
// Direction is "" (NEXT implied), NEXT, PRIOR, FIRST, LAST, ABSOLUTE or
// RELATIVE (the last two with Offset).
type FetchStmt struct {
	Span
	Direction string
	Offset    Expr
	Cursor    *CursorRef
	Into      []*Variable
}

// CloseStmt is CLOSE cursor.
type CloseStmt struct {
	Span
	Cursor *CursorRef
}

// DeallocateStmt is DEALLOCATE cursor.
type DeallocateStmt struct {
	Span
	Cursor *CursorRef
}

// SetCursorStmt is SET @cursor_variable = CURSOR [options] FOR query …;
// Cursor has no Name.
type SetCursorStmt struct {
	Span
	Var    *Variable
	Cursor *DeclareCursorStmt
}

func (*SetCursorStmt) stmtNode()     {}
func (x *SetCursorStmt) SQL() string { return Format(x) }
