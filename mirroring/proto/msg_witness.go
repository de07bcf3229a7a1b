package proto

import "github.com/google/uuid"

// WitnessState is what the witness sees for one session (reference/mirroring.md
// §1.3 rule 8, §3.5 sys.database_mirroring_witnesses): which partner it believes is
// principal at which role sequence, and which partners it currently has links to.
type WitnessState struct {
	MirroringID   uuid.UUID
	RoleSeq       uint32
	Principal     string // instance name of the partner it knows as principal
	SeesPrincipal bool
	SeesMirror    bool
	TimeoutSec    uint16 // the TIMEOUT the witness applies to the session
	Clock         uint64 // witness's tick count for the session
	Echo          uint64 // latest Clock received from the recipient
}

// Type implements Message.
func (*WitnessState) Type() MsgType { return TypeWitnessState }

// AppendPayload implements Message.
func (m *WitnessState) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.RoleSeq))
	b = appendString(b, m.Principal)
	b = appendBool(b, m.SeesPrincipal)
	b = appendBool(b, m.SeesMirror)
	b = appendUvarint(b, uint64(m.TimeoutSec))
	b = appendUvarint(b, m.Clock)
	return appendUvarint(b, m.Echo)
}

func (m *WitnessState) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.RoleSeq = d.u32("RoleSeq")
	m.Principal = d.str("Principal")
	m.SeesPrincipal = d.boolean("SeesPrincipal")
	m.SeesMirror = d.boolean("SeesMirror")
	m.TimeoutSec = d.u16("TimeoutSec")
	m.Clock = d.uvarint("Clock")
	m.Echo = d.uvarint("Echo")
}

// QuorumQuery is the mirror asking the witness whether it may take over as principal
// at RoleSeq+1 (automatic failover, §1.9.2).
type QuorumQuery struct {
	MirroringID uuid.UUID
	RoleSeq     uint32 // the mirror's current role sequence
	// Forced is set for FORCE_SERVICE_ALLOW_DATA_LOSS (§1.9.3): the witness then
	// only checks that it has lost the principal too, not that the session was
	// SYNCHRONIZED.
	Forced bool
}

// Type implements Message.
func (*QuorumQuery) Type() MsgType { return TypeQuorumQuery }

// AppendPayload implements Message.
func (m *QuorumQuery) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.RoleSeq))
	return appendBool(b, m.Forced)
}

func (m *QuorumQuery) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.RoleSeq = d.u32("RoleSeq")
	m.Forced = d.boolean("Forced")
}

// WitnessVote answers a QuorumQuery. Granted means the witness has lost the principal
// too, the query's role sequence is current, and it has recorded NewRoleSeq (the
// asker as principal), so it will never confirm the old principal again.
type WitnessVote struct {
	MirroringID uuid.UUID
	NewRoleSeq  uint32
	Granted     bool
}

// Type implements Message.
func (*WitnessVote) Type() MsgType { return TypeWitnessVote }

// AppendPayload implements Message.
func (m *WitnessVote) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.NewRoleSeq))
	return appendBool(b, m.Granted)
}

func (m *WitnessVote) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.NewRoleSeq = d.u32("NewRoleSeq")
	m.Granted = d.boolean("Granted")
}

// SessionFamily tells a session's witness the database's backup family
// (sys.database_mirroring_witnesses.family_guid, §3.5: the family_guid
// sys.database_recovery_status shows on the partners, which a restore keeps).
// A partner sends it after each ping to the witness, on connections of
// version 4 or later: an older witness does not know the type.
type SessionFamily struct {
	MirroringID uuid.UUID
	FamilyGUID  uuid.UUID
}

// Type implements Message.
func (*SessionFamily) Type() MsgType { return TypeSessionFamily }

// AppendPayload implements Message.
func (m *SessionFamily) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	return appendGUID(b, m.FamilyGUID)
}

func (m *SessionFamily) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.FamilyGUID = d.guid("FamilyGUID")
}
