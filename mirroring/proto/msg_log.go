package proto

import (
	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// LogBlocks carries raw log blocks from the principal to the mirror, exactly as they
// are written in the principal's log (reference/mirroring.md §1.5 step 2). FirstLSN
// is the LSN of the first block; EndLSN is the end of log the blocks reach (the LSN
// the mirror acknowledges once it has hardened them). The bytes are opaque here.
type LogBlocks struct {
	MirroringID uuid.UUID
	RoleSeq     uint32 // the sender's role sequence; the mirror drops older ones
	FirstLSN    txlog.LSN
	EndLSN      txlog.LSN
	Blocks      []byte
}

// Type implements Message.
func (*LogBlocks) Type() MsgType { return TypeLogBlocks }

// AppendPayload implements Message.
func (m *LogBlocks) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.RoleSeq))
	b = appendLSN(b, m.FirstLSN)
	b = appendLSN(b, m.EndLSN)
	return appendBytes(b, m.Blocks)
}

func (m *LogBlocks) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.RoleSeq = d.u32("RoleSeq")
	m.FirstLSN = d.lsn("FirstLSN")
	m.EndLSN = d.lsn("EndLSN")
	if d.err == nil && m.EndLSN < m.FirstLSN {
		d.fail("EndLSN", "before FirstLSN")
	}
	// The frame's largest field, hardened as it is by the mirror: not copied
	// when the payload is the message's own (ReadMessage).
	m.Blocks = d.view("Blocks", len(d.b))
	if len(m.Blocks) == 0 {
		m.Blocks = nil
	}
}

// Ack is the mirror's acknowledgement (§1.5 step 3): log up to Hardened is on the
// mirror's disk (it is sent only after the fsync), redo has reached Redone.
// SendQueue and RedoQueue are in bytes (§1.6 "Log Send Queue KB", "Redo Queue KB").
type Ack struct {
	MirroringID uuid.UUID
	RoleSeq     uint32
	Hardened    txlog.LSN
	Redone      txlog.LSN
	SendQueue   uint64
	RedoQueue   uint64
}

// Type implements Message.
func (*Ack) Type() MsgType { return TypeAck }

// AppendPayload implements Message.
func (m *Ack) AppendPayload(b []byte) []byte {
	b = appendGUID(b, m.MirroringID)
	b = appendUvarint(b, uint64(m.RoleSeq))
	b = appendLSN(b, m.Hardened)
	b = appendLSN(b, m.Redone)
	b = appendUvarint(b, m.SendQueue)
	return appendUvarint(b, m.RedoQueue)
}

func (m *Ack) decode(d *decoder) {
	m.MirroringID = d.guid("MirroringID")
	m.RoleSeq = d.u32("RoleSeq")
	m.Hardened = d.lsn("Hardened")
	m.Redone = d.lsn("Redone")
	m.SendQueue = d.uvarint("SendQueue")
	m.RedoQueue = d.uvarint("RedoQueue")
}
