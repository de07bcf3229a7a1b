package proto

import (
	"bufio"
	"io"
)

// Conn reads and writes frames over a byte stream (normally one TCP or TLS
// connection between two endpoints).
//
// Concurrency: one goroutine may call ReadMessage while another calls WriteMessage
// and Flush; neither method is safe for concurrent use with itself. After any read
// error other than io.EOF the stream is out of sync and the caller must close it.
type Conn struct {
	r        *bufio.Reader
	w        *bufio.Writer
	maxFrame int
	version  uint8 // agreed in the Hello exchange; 0 before (HandshakeVersion)
	hdr      [HeaderSize]byte
	out      []byte
}

// NewConn wraps rw. maxFrame bounds incoming payloads (DefaultMaxFrame if ≤ 0).
func NewConn(rw io.ReadWriter, maxFrame int) *Conn {
	if maxFrame <= 0 {
		maxFrame = DefaultMaxFrame
	}
	return &Conn{r: bufio.NewReaderSize(rw, 64<<10), w: bufio.NewWriterSize(rw, 64<<10), maxFrame: maxFrame}
}

// ReadMessage reads and decodes the next frame. It returns io.EOF on a clean end of
// stream between frames, io.ErrUnexpectedEOF inside one, and the errors of
// DecodeFrame otherwise. The message owns its bytes: nothing it holds is
// reused by later reads.
func (c *Conn) ReadMessage() (Message, error) {
	if _, err := io.ReadFull(c.r, c.hdr[:]); err != nil {
		return nil, err
	}
	h, err := ParseHeader(c.hdr[:], c.maxFrame)
	if err != nil {
		return nil, err
	}
	if c.version != 0 && h.Version != c.version {
		return nil, &VersionError{Got: h.Version, Want: c.version}
	}
	payload := make([]byte, h.Length)
	if _, err := io.ReadFull(c.r, payload); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if err := checkPayload(h, payload); err != nil {
		return nil, err
	}
	// payload was allocated for this frame alone: the message may keep it
	// (a LogBlocks' Blocks are not copied again).
	return decodePayload(h.Type, payload, true)
}

// SetVersion fixes the connection's protocol version once the Hello exchange has
// agreed it: later frames are written at v, and a frame read at another version
// is an error. Before it, frames are written at HandshakeVersion and read at any
// version this package speaks. Not safe for use concurrently with the other
// methods (the handshake calls it before the connection is shared).
func (c *Conn) SetVersion(v uint8) { c.version = v }

// Version is the agreed protocol version (HandshakeVersion before SetVersion).
func (c *Conn) Version() uint8 {
	if c.version == 0 {
		return HandshakeVersion
	}
	return c.version
}

// AppendFrame appends m's frame at the connection's version to b (for a caller
// that writes the stream itself).
func (c *Conn) AppendFrame(b []byte, m Message) []byte { return AppendFrameVersion(b, c.Version(), m) }

// WriteMessage encodes m into the write buffer. Bytes reach the stream when the
// buffer fills or on Flush; callers flush once per batch of messages.
func (c *Conn) WriteMessage(m Message) error {
	c.out = c.AppendFrame(c.out[:0], m)
	_, err := c.w.Write(c.out)
	return err
}

// Flush writes buffered frames to the stream.
func (c *Conn) Flush() error { return c.w.Flush() }
