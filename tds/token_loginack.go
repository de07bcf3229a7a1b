package tds

import (
	"encoding/binary"
	"sort"
)

// TDS74 is the TDS version a LOGINACK reports, sent as the bytes 74 00 00 04
// (read big-endian by every client; tds-clients.md §0 item 7).
const TDS74 uint32 = 0x74000004

// DefaultProgName is LOGINACK's program name.
const DefaultProgName = "Microsoft SQL Server"

// DefaultServerVersion is the version reported in PRELOGIN and LOGINACK (16.0.4218).
var DefaultServerVersion = [4]byte{16, 0, 0x10, 0x7A}

// loginAckToken is the LOGINACK token ([MS-TDS] 2.2.7.14).
type loginAckToken struct {
	Interface  byte
	TDSVersion uint32
	ProgName   string
	Version    [4]byte // major, minor, build high, build low
}

func appendLoginAck(b []byte, a loginAckToken) []byte {
	b = append(b, tokenLoginAck, 0, 0)
	at := len(b)
	b = append(b, a.Interface)
	b = binary.BigEndian.AppendUint32(b, a.TDSVersion)
	b = appendBVarchar(b, a.ProgName)
	b = append(b, a.Version[:]...)
	binary.LittleEndian.PutUint16(b[at-2:], uint16(len(b)-at))
	return b
}

func readLoginAck(r *rd) loginAckToken {
	body := r.take(int(r.u16()))
	br := &rd{b: body}
	a := loginAckToken{Interface: br.u8()}
	if p := br.take(4); p != nil {
		a.TDSVersion = binary.BigEndian.Uint32(p)
	}
	a.ProgName = br.bVarchar()
	copy(a.Version[:], br.take(4))
	if br.err != nil {
		r.fail(br.err)
	}
	return a
}

// appendFeatureExtAck appends FEATUREEXTACK ([MS-TDS] 2.2.7.11): per feature
// FeatureId BYTE, DataLen DWORD, data; then 0xFF. Features are sorted by id.
func appendFeatureExtAck(b []byte, acks map[byte][]byte) []byte {
	ids := make([]int, 0, len(acks))
	for id := range acks {
		ids = append(ids, int(id))
	}
	sort.Ints(ids)
	b = append(b, tokenFeatureExtAck)
	for _, id := range ids {
		b = append(b, byte(id))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(acks[byte(id)])))
		b = append(b, acks[byte(id)]...)
	}
	return append(b, featureTerminator)
}

func readFeatureExtAck(r *rd) map[byte][]byte {
	acks := map[byte][]byte{}
	for r.err == nil {
		id := r.u8()
		if id == featureTerminator {
			break
		}
		acks[id] = r.take(int(r.u32()))
	}
	return acks
}
