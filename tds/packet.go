package tds

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
)

// PacketType is the first byte of a packet header ([MS-TDS] 2.2.3.1.1).
type PacketType byte

// Packet types a server receives or sends ([MS-TDS] 2.2.3.1.1).
const (
	PacketSQLBatch    PacketType = 0x01
	PacketRPC         PacketType = 0x03
	PacketReply       PacketType = 0x04 // every server-to-client message
	PacketAttention   PacketType = 0x06
	PacketBulkLoad    PacketType = 0x07
	PacketFedAuth     PacketType = 0x08
	PacketTransaction PacketType = 0x0E
	PacketLogin7      PacketType = 0x10
	PacketSSPI        PacketType = 0x11
	PacketPrelogin    PacketType = 0x12 // also carries TLS handshake payload
)

// Packet header status bits ([MS-TDS] 2.2.3.1.2).
const (
	StatusEOM                   = 0x01
	StatusIgnore                = 0x02
	StatusResetConnection       = 0x08
	StatusResetConnectionNoTran = 0x10
)

// HeaderSize is the size of a packet header ([MS-TDS] 2.2.3.1).
const HeaderSize = 8

// Packet size limits: the default before LOGIN7 is processed and the range a
// client may negotiate ([MS-TDS] 2.2.6.4 PacketSize, 2.2.7.9 ENVCHANGE type 4).
const (
	DefaultPacketSize = 4096
	MinPacketSize     = 512
	MaxPacketSize     = 32767
)

// DefaultMaxMessageSize bounds a reassembled request message; a client that sends
// more is disconnected.
const DefaultMaxMessageSize = 64 << 20

// ErrMessageTooLarge is returned by MessageReader when a message exceeds its limit.
var ErrMessageTooLarge = errors.New("tds: message too large")

// Message is one reassembled client message.
type Message struct {
	Type PacketType
	// Status is the status byte of the first packet (RESETCONNECTION lives there);
	// StatusEOM is cleared.
	Status  byte
	Payload []byte
}

// MessageReader reassembles packets into messages ([MS-TDS] 2.2.3.1). It never
// trusts a length: a header length below 8 or a packet type that changes inside a
// message is an error, and the reassembled payload is bounded by MaxMessage.
// PacketID and Window are not validated (FreeTDS sends PacketID 0).
// A MessageReader is not safe for concurrent use.
type MessageReader struct {
	r          io.Reader
	hdr        [HeaderSize]byte
	MaxMessage int    // 0 means DefaultMaxMessageSize
	spare      []byte // a payload handed back by Recycle, for the next message
}

// maxRecycled bounds the payload buffer a reader keeps between messages:
// small requests (nearly all) then allocate nothing, and an idle connection
// holds at most this much for it.
const maxRecycled = 4 << 10

// Recycle hands back a payload that ReadMessage returned and that nothing
// references any more, so the next message is read into its memory.
// Payloads over maxRecycled are left to the garbage collector.
func (mr *MessageReader) Recycle(p []byte) {
	if cap(p) <= maxRecycled {
		mr.spare = p[:0]
	}
}

// NewMessageReader returns a reader of the messages on r.
func NewMessageReader(r io.Reader) *MessageReader { return &MessageReader{r: r} }

// readHeader reads one packet header and returns type, status and payload length.
func (mr *MessageReader) readHeader() (PacketType, byte, int, error) {
	if _, err := io.ReadFull(mr.r, mr.hdr[:]); err != nil {
		return 0, 0, 0, err
	}
	n := int(binary.BigEndian.Uint16(mr.hdr[2:4]))
	if n < HeaderSize {
		return 0, 0, 0, fmt.Errorf("tds: packet length %d shorter than its header", n)
	}
	return PacketType(mr.hdr[0]), mr.hdr[1], n - HeaderSize, nil
}

// ReadPacket reads one packet and appends its payload to buf.
func (mr *MessageReader) ReadPacket(buf []byte) (typ PacketType, status byte, out []byte, err error) {
	typ, status, n, err := mr.readHeader()
	if err != nil {
		return 0, 0, buf, err
	}
	start := len(buf)
	buf = append(buf, make([]byte, n)...)
	if _, err := io.ReadFull(mr.r, buf[start:]); err != nil {
		return 0, 0, buf[:start], unexpectedEOF(err)
	}
	return typ, status, buf, nil
}

// ReadMessage reads packets up to and including the one with StatusEOM.
func (mr *MessageReader) ReadMessage() (Message, error) {
	limit := mr.MaxMessage
	if limit <= 0 {
		limit = DefaultMaxMessageSize
	}
	var m Message
	m.Payload, mr.spare = mr.spare, nil
	for first := true; ; first = false {
		typ, status, n, err := mr.readHeader()
		if err != nil {
			if !first {
				err = unexpectedEOF(err)
			}
			return Message{}, err
		}
		if first {
			m.Type, m.Status = typ, status&^StatusEOM
		} else if typ != m.Type {
			return Message{}, fmt.Errorf("tds: packet type %#x inside a message of type %#x", byte(typ), byte(m.Type))
		}
		if len(m.Payload)+n > limit {
			return Message{}, ErrMessageTooLarge
		}
		start := len(m.Payload)
		m.Payload = append(m.Payload, make([]byte, n)...)
		if _, err := io.ReadFull(mr.r, m.Payload[start:]); err != nil {
			return Message{}, unexpectedEOF(err)
		}
		if status&StatusEOM != 0 {
			return m, nil
		}
	}
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// bufPools holds packet buffers by packet size so that idle connections own
// none and a response does not allocate one.
var bufPools sync.Map // int → *sync.Pool of *[]byte

func packetPool(size int) *sync.Pool {
	if p, ok := bufPools.Load(size); ok {
		return p.(*sync.Pool)
	}
	p, _ := bufPools.LoadOrStore(size, &sync.Pool{New: func() any { b := make([]byte, size); return &b }})
	return p.(*sync.Pool)
}

// MessageWriter splits a message into packets of at most PacketSize bytes
// ([MS-TDS] 2.2.3.1): every packet but the last has status 0x00, the last has
// exactly StatusEOM (clients treat any non-zero status as the end). Bytes are
// buffered per packet, so a packet costs one Write on the transport; the packet
// buffer is taken from a pool (per packet size) at Begin and returned at End.
// SetPacketSize must not be called between Begin and End.
//
// The writer also remembers where the first token that started in the unsent
// buffer begins (MarkToken), so Discard can drop unsent whole tokens after an
// attention without cutting a token that already partly left.
// A MessageWriter is not safe for concurrent use.
type MessageWriter struct {
	w          io.Writer
	packetSize int
	spid       uint16
	typ        PacketType
	id         byte
	buf        []byte // header + payload of the packet being filled; nil between messages
	pooled     *[]byte
	// pool is packetPool(poolSize), looked up once per packet size rather
	// than in bufPools at every Begin and End.
	pool     *sync.Pool
	poolSize int
	mark     int // offset in buf of the first token begun since the last flush, or -1
	err      error
}

// NewMessageWriter returns a writer of messages to w with the default packet size.
func NewMessageWriter(w io.Writer) *MessageWriter {
	return &MessageWriter{w: w, packetSize: DefaultPacketSize, mark: -1}
}

// SetPacketSize sets the packet size for the next message (clamped to 512..32767).
func (mw *MessageWriter) SetPacketSize(n int) { mw.packetSize = ClampPacketSize(n) }

// PacketSize returns the current packet size.
func (mw *MessageWriter) PacketSize() int { return mw.packetSize }

// SetSPID sets the session id written into packet headers.
func (mw *MessageWriter) SetSPID(spid uint16) { mw.spid = spid }

// SetWriter replaces the transport (after a TLS switch).
func (mw *MessageWriter) SetWriter(w io.Writer) { mw.w = w }

// ClampPacketSize clamps n to the negotiable range; 0 means DefaultPacketSize.
func ClampPacketSize(n int) int {
	switch {
	case n == 0:
		return DefaultPacketSize
	case n < MinPacketSize:
		return MinPacketSize
	case n > MaxPacketSize:
		return MaxPacketSize
	}
	return n
}

// Begin starts a message of type typ.
func (mw *MessageWriter) Begin(typ PacketType) {
	mw.typ, mw.id, mw.err, mw.mark = typ, 1, nil, -1
	if mw.pool == nil || mw.poolSize != mw.packetSize {
		mw.pool, mw.poolSize = packetPool(mw.packetSize), mw.packetSize
	}
	mw.pooled = mw.pool.Get().(*[]byte)
	mw.buf = (*mw.pooled)[:HeaderSize]
}

// MarkToken records that a token starts at the current position.
func (mw *MessageWriter) MarkToken() {
	if mw.mark < 0 {
		mw.mark = len(mw.buf)
	}
}

// Discard drops the unsent whole tokens of the current message (see MarkToken).
func (mw *MessageWriter) Discard() {
	if mw.mark >= 0 {
		mw.buf = mw.buf[:mw.mark]
		mw.mark = -1
	}
}

// Write appends p to the message, sending full packets as they fill.
func (mw *MessageWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if mw.err != nil {
			return 0, mw.err
		}
		if len(mw.buf) == mw.packetSize {
			mw.flush(0)
			continue
		}
		c := copy(mw.buf[len(mw.buf):mw.packetSize], p)
		mw.buf = mw.buf[:len(mw.buf)+c]
		p = p[c:]
	}
	return n, mw.err
}

// WriteByte appends one byte.
func (mw *MessageWriter) WriteByte(b byte) error {
	if len(mw.buf) == mw.packetSize {
		mw.flush(0)
	}
	if mw.err != nil {
		return mw.err
	}
	mw.buf = append(mw.buf, b)
	return nil
}

// flush sends the buffered packet with the given status.
func (mw *MessageWriter) flush(status byte) {
	if mw.err != nil {
		return
	}
	h := mw.buf[:HeaderSize]
	h[0] = byte(mw.typ)
	h[1] = status
	binary.BigEndian.PutUint16(h[2:], uint16(len(mw.buf)))
	binary.BigEndian.PutUint16(h[4:], mw.spid)
	h[6] = mw.id
	h[7] = 0
	mw.id++
	_, mw.err = mw.w.Write(mw.buf)
	mw.buf = mw.buf[:HeaderSize]
	mw.mark = -1
}

// End sends the last packet with StatusEOM, releases the buffer and returns the
// first transport error of the message.
func (mw *MessageWriter) End() error {
	if mw.buf == nil {
		return errors.New("tds: End without Begin")
	}
	mw.flush(StatusEOM)
	if mw.pooled != nil {
		mw.pool.Put(mw.pooled)
		mw.pooled = nil
	}
	mw.buf = nil
	return mw.err
}

// Err returns the first transport error of the current message.
func (mw *MessageWriter) Err() error { return mw.err }
