package proto

import "github.com/google/uuid"

// maxProof bounds the authentication proof (a signature or certificate chain).
const maxProof = 16 << 10

// Hello opens a connection: the dialing instance names itself and says which
// endpoint role it speaks as and which protocol versions it understands
// (reference/mirroring.md §2.4: every participant has one endpoint with ROLE
// PARTNER, WITNESS or ALL). The acceptor answers HelloAck or HelloReject.
type Hello struct {
	InstanceName string    // @@SERVERNAME-style name, HOST[\INSTANCE]
	InstanceID   uuid.UUID // stable id of the instance
	Role         EndpointRole
	MinVersion   uint8
	MaxVersion   uint8
	// AuthProof is a placeholder for the authentication exchange (certificate
	// signature); opaque here, at most 16 KB.
	AuthProof []byte
}

// Type implements Message.
func (*Hello) Type() MsgType { return TypeHello }

// AppendPayload implements Message.
func (m *Hello) AppendPayload(b []byte) []byte {
	b = appendString(b, m.InstanceName)
	b = appendGUID(b, m.InstanceID)
	b = append(b, byte(m.Role), m.MinVersion, m.MaxVersion)
	return appendBytes(b, m.AuthProof)
}

func (m *Hello) decode(d *decoder) {
	m.InstanceName = d.str("InstanceName")
	m.InstanceID = d.guid("InstanceID")
	m.Role = EndpointRole(d.enum("Role", endpointLimit))
	m.MinVersion = d.byte1("MinVersion")
	m.MaxVersion = d.byte1("MaxVersion")
	if d.err == nil && m.MinVersion > m.MaxVersion {
		d.fail("MaxVersion", "below MinVersion")
	}
	m.AuthProof = d.bytes("AuthProof", maxProof)
	if len(m.AuthProof) == 0 {
		m.AuthProof = nil
	}
}

// HelloAck accepts a Hello and fixes the protocol version for the connection.
type HelloAck struct {
	InstanceName string
	InstanceID   uuid.UUID
	Role         EndpointRole
	Version      uint8
}

// Type implements Message.
func (*HelloAck) Type() MsgType { return TypeHelloAck }

// AppendPayload implements Message.
func (m *HelloAck) AppendPayload(b []byte) []byte {
	b = appendString(b, m.InstanceName)
	b = appendGUID(b, m.InstanceID)
	return append(b, byte(m.Role), m.Version)
}

func (m *HelloAck) decode(d *decoder) {
	m.InstanceName = d.str("InstanceName")
	m.InstanceID = d.guid("InstanceID")
	m.Role = EndpointRole(d.enum("Role", endpointLimit))
	m.Version = d.byte1("Version")
}

// ErrorBody is a SQL Server error carried by a rejection (number, severity, state
// and the exact message text; reference/mirroring.md §5).
type ErrorBody struct {
	Number   int32
	Severity uint8
	State    uint8
	Message  string
}

// Err returns the body as a *RemoteError.
func (e ErrorBody) Err() *RemoteError {
	return &RemoteError{Number: e.Number, Severity: e.Severity, State: e.State, Message: e.Message}
}

func (e ErrorBody) append(b []byte) []byte {
	b = appendVarint(b, int64(e.Number))
	b = append(b, e.Severity, e.State)
	return appendString(b, e.Message)
}

func (e *ErrorBody) decode(d *decoder) {
	e.Number = d.i32("Number")
	e.Severity = d.byte1("Severity")
	e.State = d.byte1("State")
	e.Message = d.str("Message")
}

// HelloReject refuses a Hello, e.g. 1418 (endpoint not reachable for this role) or
// 1434 (unexpected message); the acceptor closes the connection after sending it.
type HelloReject struct {
	ErrorBody
}

// Type implements Message.
func (*HelloReject) Type() MsgType { return TypeHelloReject }

// AppendPayload implements Message.
func (m *HelloReject) AppendPayload(b []byte) []byte { return m.ErrorBody.append(b) }

func (m *HelloReject) decode(d *decoder) { m.ErrorBody.decode(d) }
