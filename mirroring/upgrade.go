package mirroring

import (
	"fmt"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// The rolling-upgrade rule (docs/compatibility.md; reference/mirroring.md
// §1.10, §7.4): a mirror may run a newer release than its principal, so that
// the mirror is upgraded first and the database failed over to it; a principal
// never ships its log to a mirror of an older release, which may not read what
// the newer release writes (a log record, a catalog field it would drop). As
// SQL Server does after a failover to the upgraded partner, the session is
// SUSPENDED (persisted, on both partners: the older one adopts the suspension
// as any SUSPEND) and the principal keeps serving, exposed, until the other
// partner runs this release too and RESUME resynchronizes it. A RESUME before
// then is accepted and suspended again at once, as SQL Server's is when the
// older mirror fails to redo the log.
//
// A partner's release is the protocol version its connection agreed: the
// highest both ends speak, below proto.Version exactly when the peer's newest
// version is older than ours.

// holdForOlderMirrorLocked suspends s if this instance is its principal and the
// partner is connected with an older release, and reports whether it did. It
// runs before each Ready is applied (applyLocked), so the suspension goes out
// in the same Ready as whatever made this instance principal, before any log.
// Caller holds Manager.mu.
func (m *Manager) holdForOlderMirrorLocked(s *session) bool {
	st := s.m.Status()
	if st.Role != partner.RolePrincipal || st.Suspended || st.Off {
		return false
	}
	c := m.peers[s.partnerName]
	if c == nil || c.Version() >= proto.Version {
		return false
	}
	if err := s.m.Suspend(); err != nil {
		return false
	}
	m.log.Error(msgOlderMirror(s.partnerName, s.name), "error", 1453, "database", s.name,
		"partner_version", c.Version(), "version", proto.Version)
	m.log.Error(txlog.DowngradeMessage(s.name, int(proto.Version), int(c.Version())), "error", 948, "database", s.name, "partner", s.partnerName)
	return true
}

// msgOlderMirror is SQL Server's error-log message 1453 (severity 17) as a
// principal logs it when its mirror cannot take its log: here the partner's
// release is older, which on SQL Server is the mirror's error 948 (severity 20)
// on the newer database version; the 948 logged after it
// (txlog.DowngradeMessage) names protocol versions for database versions:
// this release's, and the newest the partner speaks.
func msgOlderMirror(partnerName, db string) string {
	return fmt.Sprintf("'%s', the remote mirroring partner for database '%s', encountered error %d, status %d, severity %d. "+
		"Database mirroring has been suspended. Resolve the error on the remote server and resume mirroring, or remove mirroring and re-establish the mirror server instance.",
		partnerName, db, 948, 1, 20)
}
