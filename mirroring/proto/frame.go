package proto

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// The protocol versions this package speaks. A connection speaks one version,
// the highest both ends speak, agreed in the Hello exchange (Hello advertises
// [MinVersion, Version], HelloAck names the choice); every frame after the
// HelloAck carries it in byte 4. The handshake messages themselves are framed at
// HandshakeVersion, so that any release can read any other's Hello and answer it,
// if only with a refusal (docs/compatibility.md).
//
//	2  SessionStart.CutAfter and SessionAccept.TailBlocks (the fork-point
//	   handshake); the release of 2e399cb, which speaks only 2.
//	3  version negotiation. No message changed its layout: 3 names this
//	   release, so that partners can tell a newer release from an older one
//	   (a principal does not ship its log to a mirror of an older release).
//
// A release that changes a message, a log record or the catalog's encoding adds
// a version; one that stops speaking an old one raises MinVersion.
const (
	Version          uint8 = 4
	MinVersion       uint8 = 2
	HandshakeVersion uint8 = 2
)

// CommonVersion is the version a connection with a peer that speaks
// [peerMin, peerMax] speaks: the highest both speak; ok is false when there is
// none.
func CommonVersion(peerMin, peerMax uint8) (v uint8, ok bool) {
	v = min(peerMax, Version)
	if peerMin > peerMax || v < max(peerMin, MinVersion) {
		return 0, false
	}
	return v, true
}

// Supported reports whether this package speaks version v.
func Supported(v uint8) bool { return v >= MinVersion && v <= Version }

// HeaderSize is the size of the fixed frame header (see the package comment).
const HeaderSize = 16

// DefaultMaxFrame is the payload limit a Conn uses unless told otherwise: large
// enough for a batch of log blocks (the principal sends up to 60 KB of log per
// LogBlocks message, SQL Server's own log block limit), small enough that a hostile
// length cannot make the reader allocate much.
const DefaultMaxFrame = 1 << 20

var magic = [4]byte{'M', 'S', 'D', 'M'}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Header is a decoded frame header.
type Header struct {
	Version uint8
	Type    MsgType
	Length  uint32 // payload length
	CRC     uint32 // CRC32C of the payload
}

// AppendFrame appends m's complete frame (header and payload) to b, at Version.
func AppendFrame(b []byte, m Message) []byte { return AppendFrameVersion(b, Version, m) }

// AppendFrameVersion appends m's complete frame at protocol version v (a
// connection's agreed version, or HandshakeVersion).
func AppendFrameVersion(b []byte, v uint8, m Message) []byte {
	start := len(b)
	b = append(b, make([]byte, HeaderSize)...)
	b = m.AppendPayload(b)
	payload := b[start+HeaderSize:]
	h := b[start : start+HeaderSize]
	copy(h[0:4], magic[:])
	h[4] = v
	h[5] = byte(m.Type())
	binary.BigEndian.PutUint16(h[6:8], 0)
	binary.BigEndian.PutUint32(h[8:12], uint32(len(payload)))
	binary.BigEndian.PutUint32(h[12:16], crc32.Checksum(payload, castagnoli))
	return b
}

// Marshal returns m's complete frame.
func Marshal(m Message) []byte { return AppendFrame(nil, m) }

// ParseHeader decodes a frame header from the first HeaderSize bytes of b and checks
// magic, version (one this package speaks), reserved flags and the payload length
// against maxPayload. The
// message type is not checked here (the payload must be skipped or read first).
func ParseHeader(b []byte, maxPayload int) (Header, error) {
	if len(b) < HeaderSize {
		return Header{}, &FrameError{Reason: "truncated header"}
	}
	if [4]byte(b[0:4]) != magic {
		return Header{}, &FrameError{Reason: "bad magic"}
	}
	h := Header{
		Version: b[4],
		Type:    MsgType(b[5]),
		Length:  binary.BigEndian.Uint32(b[8:12]),
		CRC:     binary.BigEndian.Uint32(b[12:16]),
	}
	if !Supported(h.Version) && h.Version != HandshakeVersion {
		return h, &VersionError{Got: h.Version}
	}
	if binary.BigEndian.Uint16(b[6:8]) != 0 {
		return h, &FrameError{Reason: "reserved flags set"}
	}
	if uint64(h.Length) > uint64(maxPayload) {
		return h, &FrameError{Reason: fmt.Sprintf("payload length %d", h.Length), Err: ErrFrameTooLarge}
	}
	return h, nil
}

// checkPayload verifies the payload's length and checksum against h.
func checkPayload(h Header, payload []byte) error {
	if uint32(len(payload)) != h.Length {
		return &FrameError{Reason: "truncated payload"}
	}
	if crc32.Checksum(payload, castagnoli) != h.CRC {
		return &FrameError{Reason: "payload checksum mismatch"}
	}
	return nil
}

// DecodeFrame decodes one complete frame at the start of b and reports how many bytes
// it used. Errors: *FrameError (bad header, too large, truncated, checksum),
// *VersionError, *UnknownTypeError, *DecodeError. It never panics.
func DecodeFrame(b []byte, maxPayload int) (Message, int, error) {
	h, err := ParseHeader(b, maxPayload)
	if err != nil {
		return nil, 0, err
	}
	end := HeaderSize + int(h.Length)
	if len(b) < end {
		return nil, 0, &FrameError{Reason: "truncated payload"}
	}
	payload := b[HeaderSize:end]
	if err := checkPayload(h, payload); err != nil {
		return nil, 0, err
	}
	m, err := DecodePayload(h.Type, payload)
	if err != nil {
		return nil, 0, err
	}
	return m, end, nil
}
