package proto

import "fmt"

// MsgType identifies a message; it is byte 5 of the frame header. Values are part of
// the wire format: never renumber, only append.
type MsgType uint8

// Message types of protocol version 1.
const (
	TypeHello            MsgType = 1  // connection handshake, dialer → acceptor
	TypeHelloAck         MsgType = 2  // handshake accepted
	TypeHelloReject      MsgType = 3  // handshake refused with a SQL Server error
	TypePing             MsgType = 4  // liveness + per-database state summaries
	TypePong             MsgType = 5  // answer to Ping, same body
	TypeSessionStart     MsgType = 6  // principal opens (or re-opens) a database's session
	TypeSessionAccept    MsgType = 7  // mirror accepts a session
	TypeSessionReject    MsgType = 8  // mirror refuses a session with a SQL Server error
	TypeLogBlocks        MsgType = 9  // principal → mirror: raw log blocks
	TypeAck              MsgType = 10 // mirror → principal: hardened / redone LSNs
	TypeFailoverRequest  MsgType = 11 // manual failover, principal → mirror
	TypeFailoverPrepared MsgType = 12 // mirror has the tail of the log hardened
	TypeFailoverCommit   MsgType = 13 // roles swap at the new role sequence
	TypeSuspend          MsgType = 14 // SET PARTNER SUSPEND from either partner
	TypeResume           MsgType = 15 // SET PARTNER RESUME
	TypePartnerOff       MsgType = 16 // SET PARTNER OFF
	TypeWitnessState     MsgType = 17 // witness → partner: what the witness sees
	TypeQuorumQuery      MsgType = 18 // mirror → witness: may I take over?
	TypeWitnessVote      MsgType = 19 // witness → mirror: the answer
	TypeNegotiate        MsgType = 20 // dialer → acceptor, in the clear: encryption and authentication
	TypeNegotiateAck     MsgType = 21 // the acceptor's decision; TLS follows if it says so
	TypeSessionFamily    MsgType = 22 // partner → witness: the database's backup family (version 4)
	typeLimit            MsgType = 23
)

var typeNames = [...]string{
	TypeHello: "Hello", TypeHelloAck: "HelloAck", TypeHelloReject: "HelloReject",
	TypePing: "Ping", TypePong: "Pong", TypeSessionStart: "SessionStart",
	TypeSessionAccept: "SessionAccept", TypeSessionReject: "SessionReject",
	TypeLogBlocks: "LogBlocks", TypeAck: "Ack", TypeFailoverRequest: "FailoverRequest",
	TypeFailoverPrepared: "FailoverPrepared", TypeFailoverCommit: "FailoverCommit",
	TypeSuspend: "Suspend", TypeResume: "Resume", TypePartnerOff: "PartnerOff",
	TypeWitnessState: "WitnessState", TypeQuorumQuery: "QuorumQuery",
	TypeWitnessVote: "WitnessVote", TypeNegotiate: "Negotiate", TypeNegotiateAck: "NegotiateAck",
	TypeSessionFamily: "SessionFamily",
}

func (t MsgType) String() string {
	if t > 0 && t < typeLimit {
		return typeNames[t]
	}
	return fmt.Sprintf("MsgType(%d)", uint8(t))
}

// Message is one decoded payload. The set is closed: only this package's types
// implement it.
type Message interface {
	// Type is the message's header type.
	Type() MsgType
	// AppendPayload appends the message's payload encoding to b.
	AppendPayload(b []byte) []byte
	decode(d *decoder)
}

// newMessage returns a zero message of type t, or nil for an unknown type.
func newMessage(t MsgType) Message {
	switch t {
	case TypeHello:
		return new(Hello)
	case TypeHelloAck:
		return new(HelloAck)
	case TypeHelloReject:
		return &HelloReject{}
	case TypePing:
		return &Ping{}
	case TypePong:
		return &Pong{}
	case TypeSessionStart:
		return new(SessionStart)
	case TypeSessionAccept:
		return new(SessionAccept)
	case TypeSessionReject:
		return new(SessionReject)
	case TypeLogBlocks:
		return new(LogBlocks)
	case TypeAck:
		return new(Ack)
	case TypeFailoverRequest:
		return new(FailoverRequest)
	case TypeFailoverPrepared:
		return new(FailoverPrepared)
	case TypeFailoverCommit:
		return new(FailoverCommit)
	case TypeSuspend:
		return new(Suspend)
	case TypeResume:
		return new(Resume)
	case TypePartnerOff:
		return new(PartnerOff)
	case TypeWitnessState:
		return new(WitnessState)
	case TypeQuorumQuery:
		return new(QuorumQuery)
	case TypeWitnessVote:
		return new(WitnessVote)
	case TypeNegotiate:
		return new(Negotiate)
	case TypeNegotiateAck:
		return new(NegotiateAck)
	case TypeSessionFamily:
		return new(SessionFamily)
	}
	return nil
}

// DecodePayload decodes payload as a message of type t. It returns
// *UnknownTypeError for a type this version does not know and *DecodeError for a
// payload that is truncated, has trailing bytes, or holds out-of-range values.
func DecodePayload(t MsgType, payload []byte) (Message, error) {
	return decodePayload(t, payload, false)
}

// decodePayload is DecodePayload; owned hands payload over to the message
// (decoder.owned): the caller must not touch it afterwards.
func decodePayload(t MsgType, payload []byte, owned bool) (Message, error) {
	m := newMessage(t)
	if m == nil {
		return nil, &UnknownTypeError{Type: t}
	}
	d := &decoder{typ: t, b: payload, owned: owned}
	m.decode(d)
	if err := d.finish(); err != nil {
		return nil, err
	}
	return m, nil
}
