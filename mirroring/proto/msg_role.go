package proto

import (
	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// FailoverRequest starts a manual failover (reference/mirroring.md §1.9.1 step 1):
// the principal has stopped accepting commits and sent its log up to EndOfLog.
type FailoverRequest struct {
	MirroringID uuid.UUID
	RoleSeq     uint32 // the current role sequence
	EndOfLog    txlog.LSN
}

// Type implements Message.
func (*FailoverRequest) Type() MsgType { return TypeFailoverRequest }

// AppendPayload implements Message.
func (m *FailoverRequest) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.RoleSeq))
	return appendLSN(b, m.EndOfLog)
}

func (m *FailoverRequest) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.RoleSeq = d.u32("RoleSeq")
	m.EndOfLog = d.lsn("EndOfLog")
}

// FailoverPrepared is the mirror's answer: it has hardened the log up to FailoverLSN
// (§1.9.1 step 2) and has persisted the new role sequence NewRoleSeq.
type FailoverPrepared struct {
	MirroringID uuid.UUID
	NewRoleSeq  uint32
	FailoverLSN txlog.LSN
}

// Type implements Message.
func (*FailoverPrepared) Type() MsgType { return TypeFailoverPrepared }

// AppendPayload implements Message.
func (m *FailoverPrepared) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.NewRoleSeq))
	return appendLSN(b, m.FailoverLSN)
}

func (m *FailoverPrepared) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.NewRoleSeq = d.u32("NewRoleSeq")
	m.FailoverLSN = d.lsn("FailoverLSN")
}

// FailoverCommit ends the handshake: the old principal has persisted the mirror role
// at NewRoleSeq; the receiver becomes principal (§1.9.1 step 4).
type FailoverCommit struct {
	MirroringID uuid.UUID
	NewRoleSeq  uint32
}

// Type implements Message.
func (*FailoverCommit) Type() MsgType { return TypeFailoverCommit }

// AppendPayload implements Message.
func (m *FailoverCommit) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	return appendUvarint(b, uint64(m.NewRoleSeq))
}

func (m *FailoverCommit) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.NewRoleSeq = d.u32("NewRoleSeq")
}

// Suspend carries SET PARTNER SUSPEND from either partner (§1.10). SuspendSeq is the
// sender's new suspend sequence; the higher sequence wins.
type Suspend struct {
	MirroringID uuid.UUID
	RoleSeq     uint32
	Role        Role // the sender's role (on equal sequences the principal wins)
	SuspendSeq  uint32
}

// Type implements Message.
func (*Suspend) Type() MsgType { return TypeSuspend }

// AppendPayload implements Message.
func (m *Suspend) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.RoleSeq))
	b = append(b, byte(m.Role))
	return appendUvarint(b, uint64(m.SuspendSeq))
}

func (m *Suspend) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.RoleSeq = d.u32("RoleSeq")
	m.Role = Role(d.enum("Role", roleLimit))
	m.SuspendSeq = d.u32("SuspendSeq")
}

// Resume carries SET PARTNER RESUME (§1.10). After forced service, ForkLSN is the
// point the receiving (former principal's) log is truncated back to (§1.9.3).
type Resume struct {
	MirroringID uuid.UUID
	RoleSeq     uint32
	Role        Role
	SuspendSeq  uint32
	ForkLSN     txlog.LSN
}

// Type implements Message.
func (*Resume) Type() MsgType { return TypeResume }

// AppendPayload implements Message.
func (m *Resume) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.RoleSeq))
	b = append(b, byte(m.Role))
	b = appendUvarint(b, uint64(m.SuspendSeq))
	return appendLSN(b, m.ForkLSN)
}

func (m *Resume) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.RoleSeq = d.u32("RoleSeq")
	m.Role = Role(d.enum("Role", roleLimit))
	m.SuspendSeq = d.u32("SuspendSeq")
	m.ForkLSN = d.lsn("ForkLSN")
}

// PartnerOff carries SET PARTNER OFF from either partner (§1.11): the receiver drops
// the session.
type PartnerOff struct {
	MirroringID uuid.UUID
}

// Type implements Message.
func (*PartnerOff) Type() MsgType { return TypePartnerOff }

// AppendPayload implements Message.
func (m *PartnerOff) AppendPayload(b []byte) []byte { return appendGUID(b, m.MirroringID) }

func (m *PartnerOff) decode(d *decoder) { m.MirroringID = d.guid("MirroringID") }
