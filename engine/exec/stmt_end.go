package exec

// Statement-end callbacks: what the engine has to settle once a statement's
// own (autocommit) transaction has committed or been discarded. ALTER
// DATABASE … SET SINGLE_USER writes the new mode into that transaction
// and, until it ends, keeps newcomers out by the new mode; whether the
// commit succeeded decides whether the setter holds the database
// (engine/useraccess.go).

// OnStatementEnd registers f to run once the running statement's
// transaction has ended — committed or discarded — or, for a statement
// inside a user transaction, once the statement has, or when the session
// closes first. f runs on the session's goroutine, without any of the
// session's locks.
func (s *Session) OnStatementEnd(f func()) {
	s.stmtEnd = append(s.stmtEnd, f)
}

// runStatementEnd runs and forgets the registered callbacks.
func (s *Session) runStatementEnd() {
	for len(s.stmtEnd) > 0 {
		fs := s.stmtEnd
		s.stmtEnd = nil
		for _, f := range fs {
			f()
		}
	}
}
