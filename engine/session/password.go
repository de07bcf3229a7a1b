package session

import (
	"context"
	"fmt"
	"strings"
)

// changePassword applies LOGIN7's fChangePassword ([MS-TDS] 2.2.6.4,
// go-mssqldb's ChangePassword): the login, authenticated with its old
// password, gets the new one before the login completes. A failure fails
// the login (18456), as SQL Server does. The old password goes with it
// (OLD_PASSWORD), which a login without ALTER ANY LOGIN must give.
func (s *session) changePassword(ctx context.Context, login, old, password string) error {
	var out discardOutput
	q := "ALTER LOGIN " + quoteName(login) + " WITH PASSWORD = N'" + strings.ReplaceAll(password, "'", "''") +
		"' OLD_PASSWORD = N'" + strings.ReplaceAll(old, "'", "''") + "'"
	err := s.es.ExecBatch(ctx, q, &out)
	if err == nil {
		err = out.err
	}
	if err != nil {
		return &loginError{18456, 14, 1, fmt.Sprintf("Login failed for user '%s'.", login)}
	}
	return nil
}
