package tds

import (
	"encoding/binary"
	"net"
)

// FeatureExt ids ([MS-TDS] 2.2.6.4 FeatureExt).
const (
	FeatureSessionRecovery  = 0x01
	FeatureFedAuth          = 0x02
	FeatureColumnEncryption = 0x04
	FeatureGlobalTxn        = 0x05
	FeatureAzureSQLSupport  = 0x08
	FeatureDataClass        = 0x09
	FeatureUTF8Support      = 0x0A
	FeatureAzureDNSCaching  = 0x0B
	featureTerminator       = 0xFF
)

// LOGIN7 OptionFlags3 bits ([MS-TDS] 2.2.6.4).
const (
	login7ChangePassword = 0x01
	login7Extension      = 0x10
)

// Fixed part of LOGIN7 ([MS-TDS] 2.2.6.4): 94 bytes from TDS 7.2, which added
// ibChangePassword/cchChangePassword and cbSSPILong at offsets 86-93; a TDS 7.1
// client's fixed part ends at 86 and its variable data may start there.
const (
	login7FixedSize   = 94
	login7FixedSize71 = 86
)

// LoginRequest is a decoded LOGIN7 message ([MS-TDS] 2.2.6.4) plus what the
// connection knows about itself. Strings are the client's, unvalidated.
type LoginRequest struct {
	UserName, Password, Database, AppName, HostName, ServerName string
	Language, LibraryName, AttachDBFile, ChangePassword         string

	TDSVersion    uint32 // as the client sent it, e.g. 0x74000004
	PacketSize    int    // as proposed by the client (0 = server default)
	ClientProgVer uint32
	ClientPID     uint32
	ConnectionID  uint32
	OptionFlags1  byte
	OptionFlags2  byte
	TypeFlags     byte
	OptionFlags3  byte
	ClientTZ      int32
	ClientLCID    uint32
	ClientID      [6]byte
	SSPI          []byte // integrated-auth blob, if any (not supported by this server)

	// Features maps FeatureExt ids to their data. FeatureExt reports that the
	// client sent a FeatureExt block (fExtension with a non-zero cbExtension);
	// only then does the login response carry FEATUREEXTACK.
	Features   map[byte][]byte
	FeatureExt bool

	// Disconnect closes the connection: the socket is closed and the running
	// request, if any, has its context cancelled; Session.Close follows on the
	// connection's goroutine. It is safe to call from any goroutine, any number
	// of times, also after the connection has ended (KILL, and mirroring
	// failover dropping the old principal's clients). Set by the server before
	// Handler.Login; nil for requests decoded by DecodeLogin7 alone.
	Disconnect func()

	RemoteAddr, LocalAddr net.Addr
	// Encryption is ModeOff, ModeLoginOnly, ModeOn or ModeStrict.
	Encryption string
}

// ODBC reports OptionFlags2 fODBC ([MS-TDS] 2.2.6.4 v20240423): the server
// starts the session with ANSI_DEFAULTS ON, CURSOR_CLOSE_ON_COMMIT and
// IMPLICIT_TRANSACTIONS OFF, TEXTSIZE and ROWCOUNT unlimited. go-mssqldb,
// FreeTDS tsql and ODBC set it; FreeTDS dblib (bsqldb, fisql) and tedious
// do not.
func (l *LoginRequest) ODBC() bool { return l.OptionFlags2&0x02 != 0 }

// ReadOnlyIntent reports TypeFlags fReadOnlyIntent (ApplicationIntent=ReadOnly).
func (l *LoginRequest) ReadOnlyIntent() bool { return l.TypeFlags&0x20 != 0 }

// DecodeLogin7 decodes a LOGIN7 payload. Every offset/length pair is checked
// against the payload; the password is unmangled ([MS-TDS] 2.2.6.4: each byte
// XOR 0xA5 then nibbles swapped back). The fields after offset 86 are read only
// from clients of TDS 7.2 or later (by TDSVersion), and the FeatureExt block only
// when fExtension is set and cbExtension is not 0 (tedious at TDS 7.3 sets the
// flag with an empty extension).
func DecodeLogin7(p []byte) (*LoginRequest, error) {
	if len(p) < login7FixedSize71 {
		return nil, errorf("login7: %d bytes, shorter than the fixed part", len(p))
	}
	r := &rd{b: p}
	total := r.u32()
	if int(total) > len(p) || total < 36 {
		return nil, errorf("login7: length field %d does not match payload of %d bytes", total, len(p))
	}
	l := &LoginRequest{Features: map[byte][]byte{}}
	l.TDSVersion = r.u32()
	l.PacketSize = int(r.u32())
	l.ClientProgVer = r.u32()
	l.ClientPID = r.u32()
	l.ConnectionID = r.u32()
	l.OptionFlags1 = r.u8()
	l.OptionFlags2 = r.u8()
	l.TypeFlags = r.u8()
	l.OptionFlags3 = r.u8()
	l.ClientTZ = int32(r.u32())
	l.ClientLCID = r.u32()

	var err error
	str := func(at int) string {
		if err != nil {
			return ""
		}
		off := int(binary.LittleEndian.Uint16(p[at:]))
		n := int(binary.LittleEndian.Uint16(p[at+2:])) * 2
		var b []byte
		b, err = login7Slice(p, off, n, at)
		return ucs2(b)
	}
	l.HostName = str(36)
	l.UserName = str(40)
	if err == nil {
		off := int(binary.LittleEndian.Uint16(p[44:]))
		n := int(binary.LittleEndian.Uint16(p[46:])) * 2
		var b []byte
		if b, err = login7Slice(p, off, n, 44); err == nil {
			l.Password = ucs2(unmangle(b))
		}
	}
	l.AppName = str(48)
	l.ServerName = str(52)
	l.LibraryName = str(60)
	l.Language = str(64)
	l.Database = str(68)
	copy(l.ClientID[:], p[72:78])
	if err == nil {
		off := int(binary.LittleEndian.Uint16(p[78:]))
		n := int(binary.LittleEndian.Uint16(p[80:]))
		l.SSPI, err = login7Slice(p, off, n, 78)
	}
	l.AttachDBFile = str(82)
	if tdsAtLeast(l.TDSVersion, 0x72) && err == nil {
		if len(p) < login7FixedSize {
			return nil, errorf("login7: %d bytes, shorter than the TDS 7.2 fixed part", len(p))
		}
		off := int(binary.LittleEndian.Uint16(p[86:]))
		n := int(binary.LittleEndian.Uint16(p[88:])) * 2
		var b []byte
		if b, err = login7Slice(p, off, n, 86); err == nil {
			l.ChangePassword = ucs2(unmangle(b))
		}
	}
	if err != nil {
		return nil, err
	}
	if l.OptionFlags3&login7Extension != 0 && binary.LittleEndian.Uint16(p[58:]) != 0 {
		l.FeatureExt = true
		if err := l.decodeFeatureExt(p); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// login7Slice returns p[off:off+n] or an error naming the field at fieldAt.
func login7Slice(p []byte, off, n, fieldAt int) ([]byte, error) {
	if n == 0 {
		return nil, nil
	}
	if off < 36 || off+n > len(p) {
		return nil, errorf("login7: field at offset %d points to %d+%d beyond payload of %d bytes", fieldAt, off, n, len(p))
	}
	return p[off : off+n], nil
}

// decodeFeatureExt follows ibExtension to the FeatureExt block ([MS-TDS] 2.2.6.4:
// ibExtension points to a DWORD holding the block's offset).
func (l *LoginRequest) decodeFeatureExt(p []byte) error {
	off := int(binary.LittleEndian.Uint16(p[56:]))
	n := int(binary.LittleEndian.Uint16(p[58:]))
	if n < 4 || off+4 > len(p) {
		return errorf("login7: extension pointer %d+%d beyond payload", off, n)
	}
	at := int(binary.LittleEndian.Uint32(p[off:]))
	if at < login7FixedSize71 || at >= len(p) {
		return errorf("login7: FeatureExt offset %d beyond payload of %d bytes", at, len(p))
	}
	r := &rd{b: p, off: at}
	for {
		id := r.u8()
		if r.err != nil {
			return errorf("login7: FeatureExt without terminator")
		}
		if id == featureTerminator {
			return nil
		}
		n := r.u32()
		if int64(n) > int64(r.remaining()) {
			return errorf("login7: feature %#x of %d bytes beyond payload", id, n)
		}
		l.Features[id] = r.take(int(n))
	}
}

// unmangle reverses the LOGIN7 password obfuscation into a new slice.
func unmangle(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		c ^= 0xA5
		out[i] = c<<4 | c>>4
	}
	return out
}

// mangle applies the LOGIN7 password obfuscation (tests and clients).
func mangle(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = (c<<4 | c>>4) ^ 0xA5
	}
	return out
}
