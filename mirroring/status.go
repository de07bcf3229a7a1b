package mirroring

import (
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// Status is what sys.database_mirroring shows for one mirrored database (§3.1),
// plus the monitor figures of §4 (queues in KB, rates in KB/s).
type Status struct {
	Database          string
	GUID              uuid.UUID // mirroring_guid
	State             uint8     // mirroring_state 0–4
	StateDesc         string
	Role              uint8 // 1 principal, 2 mirror
	RoleDesc          string
	RoleSequence      uint32
	SafetyLevel       uint8 // 1 OFF, 2 FULL
	SafetyLevelDesc   string
	SafetySequence    uint32
	PartnerName       string // TCP://host:port
	PartnerInstance   string // the partner's @@SERVERNAME
	WitnessName       string // "" = NULL
	WitnessState      uint8  // 0 unknown, 1 connected, 2 disconnected (meaningless without witness)
	WitnessStateDesc  string
	FailoverLSN       txlog.LSN
	ConnectionTimeout int
	EndOfLogLSN       txlog.LSN
	ReplicationLSN    txlog.LSN
	SendQueueKB       uint64 // principal: log not yet hardened on the mirror
	RedoQueueKB       uint64 // mirror: hardened but not yet redone
	SendRateKBps      uint64
	RedoRateKBps      uint64
	// The principal's SAFETY FULL commit waits (session.mirrorWait): since
	// the process started, how many commits waited for the mirror and their
	// total wait (the "Mirrored Write Transactions/sec" and "Transaction
	// Delay" counters); over the last tick, commits per second and the
	// average wait of one (sp_dbmmonitorresults, the commit-overhead alert).
	MirroredTransactions uint64
	TransactionDelayMS   uint64
	TransactionsPerSec   uint64
	AverageDelayMS       uint64
	HardenedLSN          txlog.LSN // principal: mirror's acknowledged hardened LSN; mirror: own
	RedoneLSN            txlog.LSN // the engine's redo position (mirror)
	Suspended            bool
	Serving              bool // clients may use the database
	At                   time.Time
	// A principal's own log, read when the row is (Manager.Status): see there.
	log *txlog.Log
}

// status computes the row; caller holds mu.
func (s *session) status() Status {
	ms := s.m.Status()
	hs := s.m.HardState()
	l := s.db.Log()
	st := Status{
		Database: s.name, GUID: s.guid, State: uint8(ms.State), StateDesc: ms.State.String(),
		Role: uint8(ms.Role), RoleDesc: ms.Role.String(), RoleSequence: ms.RoleSeq,
		SafetyLevel: uint8(ms.Safety), SafetyLevelDesc: ms.Safety.String(), SafetySequence: hs.SafetySeq,
		PartnerName: s.partnerAddr, PartnerInstance: s.partnerName, WitnessName: ms.Witness,
		FailoverLSN: ms.FailoverLSN, ConnectionTimeout: ms.Timeout, EndOfLogLSN: ms.EndOfLog,
		ReplicationLSN: ms.FailoverLSN, SendRateKBps: s.sendRate, RedoRateKBps: s.redoRate,
		MirroredTransactions: s.waitedTxns.Load(), TransactionDelayMS: s.delayNanos() / 1e6,
		TransactionsPerSec: s.txnRate, AverageDelayMS: s.avgDelayMS,
		Serving: ms.Serving, Suspended: ms.Suspended, RedoneLSN: s.db.RedoneLSN(), At: time.Now(),
	}
	st.HardenedLSN = ms.EndOfLog
	if ms.Role == partner.RolePrincipal {
		st.HardenedLSN = ms.PeerHardened
		// end_of_log_lsn is the log flushed to disk (§1.5); the machine's end
		// is the written end it ships from (shipPos), up to one flush ahead.
		st.EndOfLogLSN = min(st.EndOfLogLSN, l.FlushedEnd())
		st.log = l
	}
	if ms.Witness != "" {
		st.WitnessState, st.WitnessStateDesc = 2, "DISCONNECTED"
		if ms.SeesWitness {
			st.WitnessState, st.WitnessStateDesc = 1, "CONNECTED"
		}
	}
	end := l.DurableEnd()
	switch ms.Role {
	case partner.RolePrincipal:
		// The local durable log, not the machine's end: a SAFETY OFF
		// principal tells the machine its end only when it ships
		// (lazyship.go).
		if ms.PeerHardened < ms.EndOfLog || ms.PeerHardened.BlockOffset() < end {
			st.SendQueueKB = sub(end, ms.PeerHardened.BlockOffset()) / 1024
		}
	case partner.RoleMirror:
		// Redo names the last record it applied: compare it with the last
		// hardened record, not with the log end (a slot-0 LSN past it).
		if rd := s.db.RedoneLSN(); rd < l.FlushedLSN() {
			st.RedoQueueKB = sub(end, rd.BlockOffset()) / 1024
		}
	}
	return st
}

// Status returns sys.database_mirroring's row for db; false when db is not
// mirrored on this instance. It reads a snapshot taken after every state change
// and tick, and never blocks on the manager's state.
func (m *Manager) Status(db string) (Status, bool) {
	m.snapMu.RLock()
	st, ok := m.snaps[db]
	m.snapMu.RUnlock()
	if ok && st.log != nil {
		st.liveEnd()
	}
	return st, ok
}

// liveEnd brings a principal's end_of_log_lsn and send queue up to its log as
// it is now. The snapshot is taken when the machine moves, and the flush that
// releases a commit moves it before the batch is durable (the written hook
// runs before the fdatasync), so the snapshot's end — capped at the durable
// end — lags the commit until the next event (the mirror's ack, a tick). A
// DBA, or a test, that waits for the mirror to reach the principal's
// end_of_log_lsn after a commit returned must get an end that holds that
// commit: it is the log flushed to disk (§1.5), which every acknowledged
// commit is in.
func (st *Status) liveEnd() {
	end := st.log.DurableEnd()
	if e := txlog.MakeLSN(end, 0); e > st.EndOfLogLSN {
		st.EndOfLogLSN = e
	}
	if h := st.HardenedLSN; h < st.EndOfLogLSN {
		st.SendQueueKB = sub(end, h.BlockOffset()) / 1024
	}
}

// PartnerInstance is the failover partner's instance name for the TDS ENVCHANGE 13
// (§6.2), "" when db is not mirrored.
func (m *Manager) PartnerInstance(db string) string {
	m.snapMu.RLock()
	defer m.snapMu.RUnlock()
	return m.snaps[db].PartnerInstance // no live end needed (Status)
}

// Witnessed returns sys.database_mirroring_witnesses: one row per session this
// instance is the witness of (§3.5).
func (m *Manager) Witnessed() []WitnessStatus {
	m.snapMu.RLock()
	defer m.snapMu.RUnlock()
	return append([]WitnessStatus(nil), m.wsnaps...)
}

// ConnectionStatus is one row of sys.dm_db_mirroring_connections (§3.6).
type ConnectionStatus struct {
	ConnectionID      uuid.UUID
	State             int16 // 4 LOGGED_IN while open, 5 CLOSED
	StateDesc         string
	ConnectTime       time.Time
	LoginTime         time.Time
	PrincipalName     string    // the peer instance
	PeerID            uuid.UUID // the peer's endpoint id (peer_arbitration_id)
	LastActivityTime  time.Time
	IsAccept          bool
	LoginState        int16 // 12 ONLINE
	LoginStateDesc    string
	TotalBytesSent    uint64
	TotalBytesRecv    uint64
	TotalFragmentsOut uint64
	TotalFragmentsIn  uint64
	TotalSends        uint64
	TotalReceives     uint64
	// What the handshake settled (§3.6): Encrypted with Algorithm "AES" or
	// "RC4", else "NONE"; Authentication "CERTIFICATE" or "WINDOWS"; under certificate
	// authentication the login the peer's certificate mapped to and that
	// certificate's id in master.
	Encrypted         bool
	Algorithm         string
	Authentication    string
	Login             string
	PeerCertificateID int32
}

// Connections returns sys.dm_db_mirroring_connections: the live mirroring
// connections of this instance.
func (m *Manager) Connections() []ConnectionStatus {
	m.snapMu.RLock()
	conns := append([]connRef(nil), m.connSnap...)
	m.snapMu.RUnlock()
	out := make([]ConnectionStatus, 0, len(conns))
	for _, c := range conns {
		st := c.Stats()
		cs := ConnectionStatus{ConnectionID: st.ConnectionID, State: 4, StateDesc: "LOGGED_IN",
			ConnectTime: st.ConnectTime, LoginTime: st.ConnectTime, PrincipalName: st.Peer.Name, PeerID: st.Peer.ID,
			LastActivityTime: st.LastActivity, IsAccept: st.IsAccept, LoginState: 12,
			LoginStateDesc: "Online", TotalBytesSent: st.BytesSent, TotalBytesRecv: st.BytesReceived,
			TotalFragmentsOut: st.FramesSent, TotalFragmentsIn: st.FramesRecv, TotalSends: st.Sends,
			TotalReceives: st.FramesRecv, Encrypted: st.Security.Encrypted, Algorithm: st.Security.Algorithm,
			Authentication: "WINDOWS", Login: st.Security.Principal, PeerCertificateID: st.Security.CertificateID}
		if st.Security.Auth == proto.AuthCertificate {
			cs.Authentication = "CERTIFICATE"
		}
		if st.Closed {
			cs.State, cs.StateDesc = 5, "CLOSED"
		}
		out = append(out, cs)
	}
	return out
}
