// Package proto is the wire format spoken between the database-mirroring endpoints of
// two mirrorsql instances (design.md "Mirroring transport").
//
// One TCP connection per pair of instances carries every mirrored database between
// them. The stream is a sequence of frames; each frame is a fixed 16-byte header
// followed by a payload:
//
//	offset size field
//	0      4    magic "MSDM"
//	4      1    protocol version: the connection's, agreed in the Hello exchange
//	            (HandshakeVersion for the handshake's own frames; see Version)
//	5      1    message type (MsgType)
//	6      2    flags, reserved, must be 0
//	8      4    payload length, big endian, at most the reader's max frame size
//	12     4    CRC32C (Castagnoli) of the payload, big endian
//
// The payload is encoded compactly: unsigned integers and LSNs as uvarints
// (encoding/binary), signed error numbers as zig-zag varints, strings and byte slices
// as a uvarint length followed by the bytes, GUIDs as their 16 raw bytes (RFC 4122
// order, not SQL Server's mixed-endian order), booleans as one byte 0/1. Every message
// type has one encoder (AppendPayload) and one decoder; decoders reject trailing
// bytes, oversize lengths and unknown enum values with a *FrameError or *DecodeError,
// never a panic. The connection is ended by the caller on any such error.
//
// Semantics of the messages (which partner sends what, in which order) belong to
// mirroring/partner and mirroring/witness; this package only moves bytes. The
// mirroring concepts the fields carry are described in reference/mirroring.md
// (§1.3 quorum, §1.4 pings and TIMEOUT, §1.5 the hardening sequence, §1.7 states,
// §1.9 role switching, §1.10 SUSPEND/RESUME, §1.11 OFF).
package proto
