package tsql

import (
	"fmt"

	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// SQL Server parse error numbers (all severity 15, state 1).
const (
	ErrSyntax            = 102   // Incorrect syntax near '%s'.
	ErrIdentifierTooLong = 103   // The identifier that starts with '%s' is too long. Maximum length is 128.
	ErrUnclosedQuote     = 105   // Unclosed quotation mark after the character string '%s'.
	ErrMissingEndComment = 113   // Missing end comment mark '*/'.
	ErrNotFirstInBatch   = 111   // '%s' must be the first statement in a query batch.
	ErrUnknownOption     = 155   // '%s' is not a recognized %s option.
	ErrSyntaxNearKeyword = 156   // Incorrect syntax near the keyword '%s'.
	ErrNestedTooDeeply   = 191   // Some part of your SQL statement is nested too deeply. …
	ErrCaseNestedTooDeep = 125   // Case expressions may only be nested to level 10.
	ErrEmptyName         = 1038  // An object or column name is missing or empty. …
	ErrMergeSemicolon    = 10713 // A MERGE statement must be terminated by a semi-colon (;).
	maxIdentifierLength  = 128
	parseErrorSeverity   = 15
	parseErrorState      = 1
)

const emptyNameMessage = `An object or column name is missing or empty. For SELECT INTO statements, verify each column has a name. For other statements, look for empty alias names. Aliases defined as "" or [] are not allowed. Change the alias to a valid name.`

// Error is a parse error as SQL Server reports it. Error() is exactly SQL
// Server's message text; Number, Severity and State are its identity
// (SQLServerError) and Line the 1-based line of the offending token in the
// batch (SQLServerLine). Debug gives a go-style "line:col: expected X,
// found Y" description for tools and tests.
type Error struct {
	Number   int32
	Severity uint8
	State    uint8
	Message  string
	Line     int32
	Col      int32
	Pos      token.Pos
	Detail   string // what the parser expected and found
}

// Error returns SQL Server's message text.
func (e *Error) Error() string { return e.Message }

// SQLServerError reports the error's number, severity and state.
func (e *Error) SQLServerError() (number int32, severity uint8, state uint8) {
	return e.Number, e.Severity, e.State
}

// SQLServerLine reports the 1-based line of the error in the batch.
func (e *Error) SQLServerLine() int32 { return e.Line }

// Debug returns "line:col: detail" (detail such as "expected ')', found
// 'FROM'"), falling back to the message.
func (e *Error) Debug() string {
	d := e.Detail
	if d == "" {
		d = e.Message
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, d)
}

func newError(file *token.File, pos token.Pos, number int32, msg, detail string) *Error {
	p := file.Position(pos)
	return &Error{
		Number:   number,
		Severity: parseErrorSeverity,
		State:    parseErrorState,
		Message:  msg,
		Line:     int32(p.Line),
		Col:      int32(p.Col),
		Pos:      pos,
		Detail:   detail,
	}
}
