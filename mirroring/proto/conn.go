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

// WriteMessage encodes m into the write buffer. Bytes reach the stream when the
// buffer fills or on Flush; callers flush once per batch of messages.
func (c *Conn) WriteMessage(m Message) error {
	c.out = AppendFrame(c.out[:0], m)
	_, err := c.w.Write(c.out)
	return err
}

// Flush writes buffered frames to the stream.
func (c *Conn) Flush() error { return c.w.Flush() }
