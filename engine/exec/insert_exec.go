package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// execCaptureTo runs INSERT … EXEC's procedure or batch and returns the
// rows of its result sets. Its errors and messages still reach the client,
// as in SQL Server: a maintenance job whose dynamic query fails inside
// INSERT … EXEC must see the error (and @@ERROR, batch.go), not an empty
// table. Result-set metadata and DONE tokens are not sent.
func (s *Session) execCaptureTo(ctx context.Context, st *ast.ExecStmt, out Output) ([]Row, error) {
	co := &captureOutput{Output: messagesOnly{out}}
	if err := s.runExec(ctx, st, co); err != nil {
		return nil, err
	}
	return co.rows, nil
}

// messagesOnly passes errors and informational messages to Output and
// drops everything else.
type messagesOnly struct{ out Output }

func (messagesOnly) Columns([]ResultColumn) error            { return nil }
func (messagesOnly) Row(Row) error                           { return nil }
func (messagesOnly) Done(Cmd, int64, bool, bool, bool) error { return nil }
func (m messagesOnly) Message(e *Error) error                { return m.out.Message(e) }
func (m messagesOnly) Error(err error) error                 { return m.out.Error(err) }
func (messagesOnly) Transaction(TranEvent, uint64) error     { return nil }
func (messagesOnly) DatabaseChanged(string, string) error    { return nil }
func (messagesOnly) ReturnStatus(int32) error                { return nil }
