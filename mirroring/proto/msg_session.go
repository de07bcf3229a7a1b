package proto

import (
	"encoding/binary"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// SessionStart opens or re-opens one database's mirroring session on a connection
// (reference/mirroring.md §2.3: the principal contacts the mirror; also sent after
// every reconnect so the partners compare role sequences, §1.3 rule 8). Either
// partner may send it; the one with the lower role sequence learns its role from the
// other.
type SessionStart struct {
	Database    string
	MirroringID uuid.UUID
	RoleSeq     uint32
	SafetySeq   uint32
	SuspendSeq  uint32
	Role        Role // the sender's role
	Suspended   bool
	EndOfLog    txlog.LSN // sender's flushed end of log
	Hardened    txlog.LSN // sender's hardened log (mirror: what it has received)
	FailoverLSN txlog.LSN
	// ForkLSN is where the sender's timeline began at RoleSeq (the new principal's
	// end of log at the role change); a mirror whose log was written under an older
	// role sequence discards its log after ForkLSN before receiving more (§1.9.3).
	ForkLSN    txlog.LSN
	Safety     Safety
	TimeoutSec uint16 // mirroring_connection_timeout, 5..32767
	Witness    string // witness network address, "" for none
	// CutAfter (version 2), when not 0, is the principal's answer to a mirror whose
	// TailBlocks diverge from the principal's log: the end of the common prefix. The
	// mirror discards its log after CutAfter before accepting (partner/doc.go
	// "Finding the fork point").
	CutAfter txlog.LSN
}

// Type implements Message.
func (*SessionStart) Type() MsgType { return TypeSessionStart }

// AppendPayload implements Message.
func (m *SessionStart) AppendPayload(b []byte) []byte {
	b = appendString(b, m.Database)
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.RoleSeq))
	b = appendUvarint(b, uint64(m.SafetySeq))
	b = appendUvarint(b, uint64(m.SuspendSeq))
	b = append(b, byte(m.Role))
	b = appendBool(b, m.Suspended)
	b = appendLSN(b, m.EndOfLog)
	b = appendLSN(b, m.Hardened)
	b = appendLSN(b, m.FailoverLSN)
	b = appendLSN(b, m.ForkLSN)
	b = append(b, byte(m.Safety))
	b = appendUvarint(b, uint64(m.TimeoutSec))
	b = appendString(b, m.Witness)
	return appendLSN(b, m.CutAfter)
}

func (m *SessionStart) decode(d *decoder) {
	m.Database = d.str("Database")
	m.MirroringID = d.guid("MirroringID")
	m.RoleSeq = d.u32("RoleSeq")
	m.SafetySeq = d.u32("SafetySeq")
	m.SuspendSeq = d.u32("SuspendSeq")
	m.Role = Role(d.enum("Role", roleLimit))
	m.Suspended = d.boolean("Suspended")
	m.EndOfLog = d.lsn("EndOfLog")
	m.Hardened = d.lsn("Hardened")
	m.FailoverLSN = d.lsn("FailoverLSN")
	m.ForkLSN = d.lsn("ForkLSN")
	m.Safety = Safety(d.enum("Safety", safetyLimit))
	m.TimeoutSec = d.u16("TimeoutSec")
	m.Witness = d.str("Witness")
	m.CutAfter = d.lsn("CutAfter")
}

// SessionAccept accepts a SessionStart. Hardened is where the sender of the log
// resumes: the principal sends log after this LSN.
type SessionAccept struct {
	MirroringID uuid.UUID
	RoleSeq     uint32
	Role        Role // the acceptor's role
	Hardened    txlog.LSN
	Redone      txlog.LSN
	// TailBlocks (version 2) are the sums of the acceptor's last hardened log
	// blocks, oldest first, at most MaxTailBlocks: the principal compares them with
	// its own blocks at the same offsets to find the fork point.
	TailBlocks []txlog.BlockSum
}

// MaxTailBlocks bounds SessionAccept.TailBlocks.
const MaxTailBlocks = 256

// Type implements Message.
func (*SessionAccept) Type() MsgType { return TypeSessionAccept }

// AppendPayload implements Message.
func (m *SessionAccept) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.RoleSeq))
	b = append(b, byte(m.Role))
	b = appendLSN(b, m.Hardened)
	b = appendLSN(b, m.Redone)
	b = appendUvarint(b, uint64(len(m.TailBlocks)))
	for _, s := range m.TailBlocks {
		b = appendUvarint(b, s.Offset)
		b = appendUvarint(b, uint64(s.Size))
		b = appendUvarint(b, uint64(s.Count))
		b = binary.BigEndian.AppendUint32(b, s.CRC)
	}
	return b
}

func (m *SessionAccept) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.RoleSeq = d.u32("RoleSeq")
	m.Role = Role(d.enum("Role", roleLimit))
	m.Hardened = d.lsn("Hardened")
	m.Redone = d.lsn("Redone")
	n := d.count("TailBlocks", 7) // 3 one-byte uvarints and a 4-byte CRC at least
	if n > MaxTailBlocks {
		d.fail("TailBlocks", "too many")
		return
	}
	if n > 0 {
		m.TailBlocks = make([]txlog.BlockSum, n)
	}
	for i := range m.TailBlocks {
		m.TailBlocks[i] = txlog.BlockSum{Offset: d.uvarint("TailBlocks.Offset"),
			Size: d.u32("TailBlocks.Size"), Count: d.u16("TailBlocks.Count"), CRC: d.crc("TailBlocks.CRC")}
	}
}

// SessionReject refuses a SessionStart with a SQL Server error (e.g. 1416 not
// configured, 1448 no remote copy, 1419 remote copy cannot be opened, 1460
// already mirrored elsewhere).
type SessionReject struct {
	MirroringID uuid.UUID
	ErrorBody
}

// Type implements Message.
func (*SessionReject) Type() MsgType { return TypeSessionReject }

// AppendPayload implements Message.
func (m *SessionReject) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	return m.ErrorBody.append(b)
}

func (m *SessionReject) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.ErrorBody.decode(d)
}
