package proto

// Encryption is an endpoint's ENCRYPTION setting (reference/mirroring.md §2.4).
type Encryption uint8

// Encryption settings.
const (
	EncryptionDisabled  Encryption = 0
	EncryptionSupported Encryption = 1
	EncryptionRequired  Encryption = 2
	encryptionLimit                = 3
)

func (e Encryption) String() string {
	switch e {
	case EncryptionDisabled:
		return "DISABLED"
	case EncryptionSupported:
		return "SUPPORTED"
	case EncryptionRequired:
		return "REQUIRED"
	}
	return "?"
}

// AuthMethod is one way an endpoint authenticates its peers (AUTHENTICATION,
// §2.4): Windows (which, having no Windows accounts, means the instances trust
// each other) or the endpoint's certificate over mutual TLS.
type AuthMethod uint8

// Authentication methods.
const (
	AuthWindows     AuthMethod = 1
	AuthCertificate AuthMethod = 2
	authLimit                  = 3
)

// maxAuthMethods bounds Negotiate.Auth: AUTHENTICATION lists at most two.
const maxAuthMethods = 2

// Negotiate is the first frame a dialer sends, always in the clear (as TDS's
// PRELOGIN is): its endpoint's ENCRYPTION setting and AUTHENTICATION methods in
// preference order. The acceptor answers NegotiateAck, or HelloReject when the
// two endpoints cannot agree; after the ack the stream switches to TLS if
// Encrypt says so, and the Hello exchange follows on it.
type Negotiate struct {
	Encryption Encryption
	Auth       []AuthMethod
}

// Type implements Message.
func (*Negotiate) Type() MsgType { return TypeNegotiate }

// AppendPayload implements Message.
func (m *Negotiate) AppendPayload(b []byte) []byte {
	b = append(b, byte(m.Encryption))
	b = appendUvarint(b, uint64(len(m.Auth)))
	for _, a := range m.Auth {
		b = append(b, byte(a))
	}
	return b
}

func (m *Negotiate) decode(d *decoder) {
	m.Encryption = Encryption(d.enum("Encryption", encryptionLimit))
	n, ok := d.fieldLen("Auth", maxAuthMethods)
	if !ok || n == 0 {
		return
	}
	m.Auth = make([]AuthMethod, 0, n)
	for range n {
		a := AuthMethod(d.enum("Auth", authLimit))
		if d.err == nil && a == 0 {
			d.fail("Auth", "zero method")
		}
		m.Auth = append(m.Auth, a)
	}
}

// NegotiateAck is the acceptor's decision: whether the connection runs TLS from
// the next byte on, and which authentication method it uses.
type NegotiateAck struct {
	Encrypt bool
	Auth    AuthMethod
}

// Type implements Message.
func (*NegotiateAck) Type() MsgType { return TypeNegotiateAck }

// AppendPayload implements Message.
func (m *NegotiateAck) AppendPayload(b []byte) []byte {
	b = appendBool(b, m.Encrypt)
	return append(b, byte(m.Auth))
}

func (m *NegotiateAck) decode(d *decoder) {
	m.Encrypt = d.boolean("Encrypt")
	m.Auth = AuthMethod(d.enum("Auth", authLimit))
	if d.err == nil && m.Auth == 0 {
		d.fail("Auth", "zero method")
	}
}
