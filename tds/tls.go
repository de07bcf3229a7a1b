package tds

import (
	"encoding/binary"
	"io"
	"net"
)

// prelogConn carries a TLS handshake inside PRELOGIN messages ([MS-TDS] 2.2.6.5:
// "the packet data is simply the raw bytes of the SSL handshake payload";
// tds-clients.md §2.3). During the handshake, reads return the payload of the
// client's 0x12 messages and writes are buffered; before every read the buffered
// flight is sent as exactly one 0x12 message (EOM on its last packet), and the
// caller must call flush once more after Handshake returns (with TLS 1.2 the
// server's ChangeCipherSpec+Finished are still buffered then). After pass() the
// TLS records travel directly on the socket.
//
// With exact set (login-only encryption), reads in pass-through mode never go past
// the end of the current TLS record, so after the one encrypted LOGIN7 packet no
// plaintext byte is swallowed by the TLS engine.
type prelogConn struct {
	net.Conn
	mr      *MessageReader
	mw      *MessageWriter
	rbuf    []byte
	writing bool
	through bool
	exact   bool
	recLeft int
	hdr     []byte
}

// newPrelogConn wraps raw. Handshake flights are split into 512-byte packets:
// the client's packet size is not known before LOGIN7, and go-mssqldb rejects a
// packet longer than its (DSN "packet size") buffer.
func newPrelogConn(raw net.Conn) *prelogConn {
	c := &prelogConn{Conn: raw, mr: NewMessageReader(raw), mw: NewMessageWriter(raw)}
	c.mw.SetPacketSize(MinPacketSize)
	return c
}

func (c *prelogConn) Read(p []byte) (int, error) {
	if c.through {
		if c.exact {
			return c.readExact(p)
		}
		return c.Conn.Read(p)
	}
	if err := c.flush(); err != nil {
		return 0, err
	}
	for len(c.rbuf) == 0 {
		m, err := c.mr.ReadMessage()
		if err != nil {
			return 0, err
		}
		if m.Type != PacketPrelogin {
			return 0, errorf("TLS handshake: packet type %#x, want 0x12", byte(m.Type))
		}
		c.rbuf = m.Payload
	}
	n := copy(p, c.rbuf)
	c.rbuf = c.rbuf[n:]
	return n, nil
}

// readExact returns bytes of at most the current TLS record.
func (c *prelogConn) readExact(p []byte) (int, error) {
	if len(c.hdr) > 0 {
		n := copy(p, c.hdr)
		c.hdr = c.hdr[n:]
		return n, nil
	}
	if c.recLeft == 0 {
		h := make([]byte, 5)
		if _, err := io.ReadFull(c.Conn, h); err != nil {
			return 0, err
		}
		c.recLeft = int(binary.BigEndian.Uint16(h[3:]))
		c.hdr = h
		return c.readExact(p)
	}
	if len(p) > c.recLeft {
		p = p[:c.recLeft]
	}
	n, err := c.Conn.Read(p)
	c.recLeft -= n
	return n, err
}

func (c *prelogConn) Write(p []byte) (int, error) {
	if c.through {
		return c.Conn.Write(p)
	}
	if !c.writing {
		c.mw.Begin(PacketPrelogin)
		c.writing = true
	}
	return c.mw.Write(p)
}

// flush sends the buffered handshake flight as one message.
func (c *prelogConn) flush() error {
	if !c.writing {
		return nil
	}
	c.writing = false
	return c.mw.End()
}

// pass switches to raw TLS records on the socket.
func (c *prelogConn) pass() { c.through = true }

// prefixConn returns already-peeked bytes before reading from the connection.
type prefixConn struct {
	net.Conn
	prefix []byte
}

func (c *prefixConn) Read(p []byte) (int, error) {
	if len(c.prefix) > 0 {
		n := copy(p, c.prefix)
		c.prefix = c.prefix[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}
