package tds

import (
	"encoding/binary"
	"sort"
)

// PRELOGIN option tokens ([MS-TDS] 2.2.6.5).
const (
	preloginVersion    = 0x00
	preloginEncryption = 0x01
	preloginInstOpt    = 0x02
	preloginThreadID   = 0x03
	preloginMARS       = 0x04
	preloginTraceID    = 0x05
	preloginFedAuth    = 0x06
	preloginTerminator = 0xFF
)

// PRELOGIN ENCRYPTION values ([MS-TDS] 2.2.6.5).
const (
	EncryptOff    byte = 0x00 // client: encrypt the login only
	EncryptOn     byte = 0x01
	EncryptNotSup byte = 0x02
	EncryptReq    byte = 0x03
	EncryptStrict byte = 0x04 // sent by TDS 8 clients inside TLS
)

// Prelogin is a decoded PRELOGIN message ([MS-TDS] 2.2.6.5). Options holds every
// option's raw bytes by token; the typed fields mirror the common ones.
type Prelogin struct {
	Version    [6]byte // UL_VERSION (big-endian major.minor.build) + US_SUBBUILD
	Encryption byte
	HasEncrypt bool
	InstOpt    []byte
	ThreadID   []byte
	MARS       byte
	Options    map[byte][]byte
}

// DecodePrelogin decodes a PRELOGIN payload. Every option's offset and length is
// checked against the payload; the terminator is required.
func DecodePrelogin(p []byte) (*Prelogin, error) {
	pl := &Prelogin{Options: map[byte][]byte{}}
	for i := 0; ; i += 5 {
		if i >= len(p) {
			return nil, errorf("prelogin: missing terminator")
		}
		tok := p[i]
		if tok == preloginTerminator {
			break
		}
		if i+5 > len(p) {
			return nil, errorf("prelogin: truncated option table")
		}
		off := int(binary.BigEndian.Uint16(p[i+1:]))
		n := int(binary.BigEndian.Uint16(p[i+3:]))
		if off+n > len(p) {
			return nil, errorf("prelogin: option %#x at %d+%d beyond payload of %d bytes", tok, off, n, len(p))
		}
		v := p[off : off+n]
		pl.Options[tok] = v
		switch tok {
		case preloginVersion:
			copy(pl.Version[:], v)
		case preloginEncryption:
			if n != 1 {
				return nil, errorf("prelogin: ENCRYPTION option of %d bytes", n)
			}
			pl.Encryption, pl.HasEncrypt = v[0], true
		case preloginInstOpt:
			pl.InstOpt = v
		case preloginThreadID:
			pl.ThreadID = v
		case preloginMARS:
			if n >= 1 {
				pl.MARS = v[0]
			}
		}
	}
	return pl, nil
}

// AppendPrelogin appends the PRELOGIN payload of pl: options in ascending token
// order, each from pl.Options (which must hold VERSION, ENCRYPTION, INSTOPT,
// THREADID and MARS for a server response; see ServerPrelogin).
func AppendPrelogin(b []byte, pl *Prelogin) []byte {
	toks := make([]int, 0, len(pl.Options))
	for t := range pl.Options {
		toks = append(toks, int(t))
	}
	sort.Ints(toks)
	off := len(toks)*5 + 1
	for _, t := range toks {
		v := pl.Options[byte(t)]
		b = append(b, byte(t))
		b = binary.BigEndian.AppendUint16(b, uint16(off))
		b = binary.BigEndian.AppendUint16(b, uint16(len(v)))
		off += len(v)
	}
	b = append(b, preloginTerminator)
	for _, t := range toks {
		b = append(b, pl.Options[byte(t)]...)
	}
	return b
}

// ServerPrelogin builds the server's PRELOGIN response: VERSION, ENCRYPTION,
// INSTOPT 0, empty THREADID and MARS 0 (FreeTDS >= 1.5 drops to TDS 7.1 without
// MARS; go-mssqldb fails without ENCRYPTION — tds-clients.md §0 item 3).
func ServerPrelogin(version [6]byte, encryption byte) *Prelogin {
	return &Prelogin{
		Version: version, Encryption: encryption, HasEncrypt: true,
		Options: map[byte][]byte{
			preloginVersion:    version[:],
			preloginEncryption: {encryption},
			preloginInstOpt:    {0},
			preloginThreadID:   {},
			preloginMARS:       {0},
		},
	}
}

// EncryptionPolicy is the server's TLS policy.
type EncryptionPolicy int

const (
	// EncryptionOptional offers TLS (login-only or full) to clients that ask and
	// serves plaintext otherwise. It is the default when a certificate exists.
	EncryptionOptional EncryptionPolicy = iota
	// EncryptionRequired forces full TLS on every connection.
	EncryptionRequired
	// EncryptionDisabled never negotiates TLS (no certificate).
	EncryptionDisabled
)

// Encryption modes of a connection, as reported in LoginRequest.Encryption.
const (
	ModeOff       = "off"        // plaintext
	ModeLoginOnly = "login-only" // only the first LOGIN7 packet is encrypted
	ModeOn        = "on"         // TLS for the whole connection after PRELOGIN
	ModeStrict    = "strict"     // TDS 8: TLS first, then PRELOGIN inside it
)

// NegotiateEncryption picks the ENCRYPTION reply and the connection's mode for a
// client's ENCRYPTION byte (tds-clients.md §2.2, server-side table):
//
//	client NOT_SUP: NOT_SUP/off, or REQ/on when required
//	client OFF:     NOT_SUP/off without TLS, OFF/login-only, or REQ/on when required
//	client ON/REQ:  NOT_SUP/off without TLS, otherwise ON/on
func NegotiateEncryption(client byte, policy EncryptionPolicy) (reply byte, mode string) {
	if policy == EncryptionDisabled {
		return EncryptNotSup, ModeOff
	}
	switch client {
	case EncryptNotSup:
		if policy == EncryptionRequired {
			return EncryptReq, ModeOn
		}
		return EncryptNotSup, ModeOff
	case EncryptOff:
		if policy == EncryptionRequired {
			return EncryptReq, ModeOn
		}
		return EncryptOff, ModeLoginOnly
	default:
		return EncryptOn, ModeOn
	}
}
