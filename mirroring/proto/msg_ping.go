package proto

import (
	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// DBState summarizes one mirrored database as its sender sees it. Pings carry one per
// database shared by the two instances, so pings double as state exchange
// (reference/mirroring.md §1.4: every instance pings every open mirroring connection
// at a fixed interval; §1.7 states; §3.1 columns).
type DBState struct {
	MirroringID uuid.UUID // mirroring_guid
	RoleSeq     uint32    // mirroring_role_sequence the sender knows
	Role        Role
	State       State
	Safety      Safety
	SafetySeq   uint32 // configuration sequence (safety, timeout, witness)
	Suspended   bool
	SuspendSeq  uint32
	EndOfLog    txlog.LSN // sender's flushed end of log (mirroring_end_of_log_lsn)
	Hardened    txlog.LSN // mirror: hardened log received from the principal
	FailoverLSN txlog.LSN // mirroring_failover_lsn
	SeesPartner bool      // sender currently has a live link to the other partner
	SeesWitness bool      // sender currently has a live link to the witness
	TimeoutSec  uint16    // mirroring_connection_timeout the sender applies
	Witness     string    // witness network address the sender has configured
	// Clock is the sender's tick count for this database; Echo is the latest Clock the
	// sender has received from the recipient. The partner machine uses the echo to
	// know the recipient still hears it (a one-way link must not keep quorum).
	Clock uint64
	Echo  uint64
	// Database is the mirrored database's name and Partner the sender's partner
	// instance name (the other partner): a witness learns from them which session a
	// ping belongs to (sys.database_mirroring_witnesses database_name,
	// principal_server_name, mirror_server_name, §3.5), and a partner that a ping
	// names as Partner knows it is addressed as partner, not as witness.
	Database string
	Partner  string
}

const dbStateMinSize = 16 + 16 // GUID + one byte per remaining field at least

func (s *DBState) append(b []byte) []byte {
	b = appendGUID(b, s.MirroringID)
	b = appendUvarint(b, uint64(s.RoleSeq))
	b = append(b, byte(s.Role), byte(s.State), byte(s.Safety))
	b = appendUvarint(b, uint64(s.SafetySeq))
	b = appendBool(b, s.Suspended)
	b = appendUvarint(b, uint64(s.SuspendSeq))
	b = appendLSN(b, s.EndOfLog)
	b = appendLSN(b, s.Hardened)
	b = appendLSN(b, s.FailoverLSN)
	b = appendBool(b, s.SeesPartner)
	b = appendBool(b, s.SeesWitness)
	b = appendUvarint(b, uint64(s.TimeoutSec))
	b = appendString(b, s.Witness)
	b = appendUvarint(b, s.Clock)
	b = appendUvarint(b, s.Echo)
	b = appendString(b, s.Database)
	return appendString(b, s.Partner)
}

func (s *DBState) decode(d *decoder) {
	s.MirroringID = d.guid("MirroringID")
	s.RoleSeq = d.u32("RoleSeq")
	s.Role = Role(d.enum("Role", roleLimit))
	s.State = State(d.enum("State", stateLimit))
	s.Safety = Safety(d.enum("Safety", safetyLimit))
	s.SafetySeq = d.u32("SafetySeq")
	s.Suspended = d.boolean("Suspended")
	s.SuspendSeq = d.u32("SuspendSeq")
	s.EndOfLog = d.lsn("EndOfLog")
	s.Hardened = d.lsn("Hardened")
	s.FailoverLSN = d.lsn("FailoverLSN")
	s.SeesPartner = d.boolean("SeesPartner")
	s.SeesWitness = d.boolean("SeesWitness")
	s.TimeoutSec = d.u16("TimeoutSec")
	s.Witness = d.str("Witness")
	s.Clock = d.uvarint("Clock")
	s.Echo = d.uvarint("Echo")
	s.Database = d.str("Database")
	s.Partner = d.str("Partner")
}

func appendStates(b []byte, states []DBState) []byte {
	b = appendUvarint(b, uint64(len(states)))
	for i := range states {
		b = states[i].append(b)
	}
	return b
}

func decodeStates(d *decoder) []DBState {
	n := d.count("Databases", dbStateMinSize)
	if n == 0 {
		return nil
	}
	out := make([]DBState, n)
	for i := range out {
		out[i].decode(d)
	}
	return out
}

// Ping is sent on every open mirroring connection once per ping interval (1 s). Seq
// increases per connection; the receiver answers with a Pong echoing it.
type Ping struct {
	Seq       uint64
	Databases []DBState
}

// Type implements Message.
func (*Ping) Type() MsgType { return TypePing }

// AppendPayload implements Message.
func (m *Ping) AppendPayload(b []byte) []byte {
	b = appendUvarint(b, m.Seq)
	return appendStates(b, m.Databases)
}

func (m *Ping) decode(d *decoder) {
	m.Seq = d.uvarint("Seq")
	m.Databases = decodeStates(d)
}

// Pong answers a Ping with the same Seq and the responder's own summaries.
type Pong struct {
	Seq       uint64
	Databases []DBState
}

// Type implements Message.
func (*Pong) Type() MsgType { return TypePong }

// AppendPayload implements Message.
func (m *Pong) AppendPayload(b []byte) []byte {
	b = appendUvarint(b, m.Seq)
	return appendStates(b, m.Databases)
}

func (m *Pong) decode(d *decoder) {
	m.Seq = d.uvarint("Seq")
	m.Databases = decodeStates(d)
}
