package tds

import "encoding/binary"

// Token ids a server sends ([MS-TDS] 2.2.7; tds-clients.md §0 item 15 lists the
// only ids clients accept).
const (
	tokenReturnStatus  = 0x79
	tokenColMetadata   = 0x81
	tokenOrder         = 0xA9
	tokenError         = 0xAA
	tokenInfo          = 0xAB
	tokenReturnValue   = 0xAC
	tokenLoginAck      = 0xAD
	tokenFeatureExtAck = 0xAE
	tokenRow           = 0xD1
	tokenNBCRow        = 0xD2
	tokenEnvChange     = 0xE3
	tokenDone          = 0xFD
	tokenDoneProc      = 0xFE
	tokenDoneInProc    = 0xFF
)

// DoneKind selects DONE, DONEPROC or DONEINPROC ([MS-TDS] 2.2.7.6-2.2.7.8).
type DoneKind byte

const (
	Done       DoneKind = tokenDone
	DoneProc   DoneKind = tokenDoneProc
	DoneInProc DoneKind = tokenDoneInProc
)

// DONE status bits ([MS-TDS] 2.2.7.6).
const (
	DoneFinal    uint16 = 0x000
	DoneMore     uint16 = 0x001
	DoneError    uint16 = 0x002
	DoneInXact   uint16 = 0x004
	DoneCount    uint16 = 0x010
	DoneAttn     uint16 = 0x020
	DoneSrvError uint16 = 0x100
)

// CurCmd values SQL Server reports (go-mssqldb token.go; informational).
const (
	CmdSelect     uint16 = 0xC1
	CmdInsert     uint16 = 0xC3
	CmdDelete     uint16 = 0xC4
	CmdUpdate     uint16 = 0xC5
	CmdBeginXact  uint16 = 0xD4
	CmdEndXact    uint16 = 0xD5
	CmdExecute    uint16 = 0xE0
	CmdOpenCursor uint16 = 0x20
)

// DoneToken is a decoded or pending DONE/DONEPROC/DONEINPROC.
type DoneToken struct {
	Kind   DoneKind
	Status uint16
	CurCmd uint16
	Rows   uint64
}

// appendDone appends the 13-byte token of TDS 7.2 and later (8-byte row count).
func appendDone(b []byte, d DoneToken) []byte { return appendDoneRows(b, d, false) }

// appendDoneRows appends a done token; rows32 selects the 9-byte form of clients
// before TDS 7.2, whose DoneRowCount is a LONG ([MS-TDS] 2.2.7.6: "ULONGLONG
// (TDS 7.2 and later) / LONG (earlier)"). Counts beyond 32 bits are clamped.
func appendDoneRows(b []byte, d DoneToken, rows32 bool) []byte {
	b = append(b, byte(d.Kind))
	b = binary.LittleEndian.AppendUint16(b, d.Status)
	b = binary.LittleEndian.AppendUint16(b, d.CurCmd)
	if rows32 {
		return binary.LittleEndian.AppendUint32(b, uint32(min(d.Rows, 1<<31-1)))
	}
	return binary.LittleEndian.AppendUint64(b, d.Rows)
}

func readDone(r *rd, kind byte) DoneToken {
	return DoneToken{Kind: DoneKind(kind), Status: r.u16(), CurCmd: r.u16(), Rows: r.u64()}
}
