package mirroring

import "fmt"

// A partner identifies the other by its instance name (--name, @@SERVERNAME):
// the partner machine addresses it by name and the witness arbitrates between
// the two names it was given (sys.database_mirroring_witnesses'
// principal_server_name and mirror_server_name). A partner restarted under
// another name is therefore not the session's partner: its messages are
// dropped and the session stays DISCONNECTED. Adopting the new name would have
// to move the witness's record too, and one that knew the old name could then
// arbitrate for two principals; a DBA renames an instance with mirroring
// removed, as for SQL Server. What was missing is the reason: the session sat
// DISCONNECTED with nothing in either error log.

// logRenamedPartnerLocked writes to the error log, once per name, that the
// partner of s pings under a name other than the one s was set up with, as a
// 1474 connection error for the partner's address. Caller holds mu.
func (m *Manager) logRenamedPartnerLocked(s *session, name string) {
	if s.partnerName == "" || name == s.renameLogged {
		return
	}
	s.renameLogged = name
	m.log.Error(msgRenamedPartner(s.name, s.partnerName, name, s.partnerAddr),
		"error", 1474, "severity", 16, "state", 1, "database", s.name)
}

// msgRenamedPartner is the 1474 text for a partner found under another name.
func msgRenamedPartner(db, was, now, address string) string {
	return fmt.Sprintf("Database mirroring connection error 4 'The mirroring partner of database '%s' was the server instance '%s' and is now named '%s'; "+
		"the session stays disconnected. Restart that instance as '%s', or remove mirroring (ALTER DATABASE %s SET PARTNER OFF on both partners) and set it up again.' for '%s'.",
		db, was, now, was, db, address)
}
