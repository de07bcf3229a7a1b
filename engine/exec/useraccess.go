package exec

// DatabaseGate is implemented by a database that limits who may use it:
// SINGLE_USER, RESTRICTED_USER and the EMERGENCY state (the engine's
// useraccess.go). Enter checks that session s may use the database and, if
// so, runs enter — the session's switch to it (USE), or nil for a reference
// by a multi-part name — in one step with the check, so that two sessions
// cannot both take a single-user database between check and switch.
type DatabaseGate interface {
	Enter(s *Session, enter func()) error
}

// enterDatabase runs enter once db admits the session (DatabaseGate); a
// database without a gate admits everyone its permissions do.
func (s *Session) enterDatabase(db Database, enter func()) error {
	if g, ok := db.(DatabaseGate); ok {
		return g.Enter(s, enter)
	}
	if enter != nil {
		enter()
	}
	return nil
}
