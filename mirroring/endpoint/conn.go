package endpoint

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// MaxFrame is the payload limit of mirroring connections: a LogBlocks frame holds
// at least one whole log block, and a block holds a record of up to
// txlog.MaxRecordSize (16 MB).
const MaxFrame = 20 << 20

// maxQueued bounds the bytes waiting in a connection's send queue; a peer that
// does not read that much is treated as failed (the connection is closed, which
// the partner machine handles as a hard error, §1.4).
const maxQueued = 256 << 20

// maxDirect bounds the log bytes Send encodes on the caller's goroutine (the
// fast path runs under the mirroring manager's lock); larger batches, such as
// a catch-up's big blocks, are encoded by the writer goroutine. Under TLS the
// bound is lower (maxDirectTLS): the caller encrypts them there too.
const (
	maxDirect    = 256 << 10
	maxDirectTLS = 64 << 10
)

// ErrClosed is returned by Send after the connection was closed.
var ErrClosed = errors.New("endpoint: connection closed")

// Peer is what the handshake told about the other end.
type Peer struct {
	Name string // @@SERVERNAME of the peer
	ID   uuid.UUID
	Role proto.EndpointRole
}

// Stats are a connection's counters (sys.dm_db_mirroring_connections, §3.6).
type Stats struct {
	ConnectionID  uuid.UUID
	Peer          Peer
	IsAccept      bool
	ConnectTime   time.Time
	LastActivity  time.Time
	BytesSent     uint64
	BytesReceived uint64
	FramesSent    uint64
	FramesRecv    uint64
	Sends         uint64
	Closed        bool
	Security      Negotiated
}

// Conn is one established mirroring connection after the Hello handshake.
//
// Concurrency: Send may be called from any goroutine and never blocks on the
// network. When nothing is being written or queued, Send encodes the frames and
// writes them itself — encrypting them first under TLS — with one non-blocking
// write (the fast path: no hand-off to another goroutine, which on the SAFETY
// FULL commit path costs a wake-up on each side per log flush); whatever the
// socket does not take at once is left in the socket's tail (socket.go), and
// every Send that finds the connection busy goes to a queue; one writer
// goroutine sends the tail, then the queue, flushing once per batch. Frames
// reach the stream in the order of the Send calls. Recv must be called from a
// single goroutine. Close may be called any number of times from anywhere.
type Conn struct {
	// w is what frames are written to: the socket, or the tls.Conn over it.
	w        io.Writer
	sock     *socket
	pc       *proto.Conn
	peer     Peer
	isAccept bool
	sec      Negotiated
	id       uuid.UUID
	start    time.Time
	// direct is the fast path's bound on a Send's log bytes; 0 when the
	// connection has none (no non-blocking write here): every Send queues.
	direct int

	mu     sync.Mutex
	cond   *sync.Cond
	queue  []proto.Message
	queued int
	// busy: a goroutine (the writer or a Send on the fast path) is writing to
	// the stream, and to the TLS state; nobody else may. tail: a fast-path
	// write left bytes in the socket's tail, which the writer sends before
	// anything else.
	busy   bool
	tail   bool
	enc    []byte // the fast path's reusable encode buffer (owned while busy)
	closed bool
	err    error

	done chan struct{}

	lastActivity atomic.Int64
	cnt          *counters
	framesSent   atomic.Uint64
	framesRecv   atomic.Uint64
	sends        atomic.Uint64
}

// newConn starts the connection the handshake established on sock; w is sock
// or the tls.Conn over it, pc reads and writes frames through w.
func newConn(w io.Writer, sock *socket, pc *proto.Conn, peer Peer, isAccept bool, sec Negotiated) *Conn {
	c := &Conn{w: w, sock: sock, pc: pc, cnt: sock.cnt, peer: peer, isAccept: isAccept, sec: sec, id: uuid.New(), start: time.Now(),
		done: make(chan struct{})}
	c.cond = sync.NewCond(&c.mu)
	if sock.arm() {
		c.direct = maxDirect
		if sec.Encrypted {
			c.direct = maxDirectTLS
		}
	}
	c.lastActivity.Store(time.Now().UnixNano())
	go c.writeLoop()
	return c
}

// Peer returns the handshake identity of the other end.
func (c *Conn) Peer() Peer { return c.peer }

// Version is the mirroring protocol version the handshake agreed: the highest
// both ends speak, so below proto.Version exactly when the peer is an older
// release (docs/compatibility.md).
func (c *Conn) Version() uint8 { return c.pc.Version() }

// Security is what the handshake settled: encryption and authentication.
func (c *Conn) Security() Negotiated { return c.sec }

// IsAccept reports whether the connection was accepted (true) or dialed.
func (c *Conn) IsAccept() bool { return c.isAccept }

// Done is closed when the connection has been closed.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Send writes messages, in order, or queues them for the writer goroutine (see
// Conn). It returns ErrClosed (or the write error) once the connection is
// closed; a write that fails after Send returned closes the connection.
func (c *Conn) Send(msgs ...proto.Message) error {
	c.mu.Lock()
	if c.closed {
		err := c.err
		c.mu.Unlock()
		if err != nil {
			return err
		}
		return ErrClosed
	}
	size := 0
	for _, m := range msgs {
		if lb, ok := m.(*proto.LogBlocks); ok {
			size += len(lb.Blocks)
		}
	}
	if c.direct > 0 && size <= c.direct && !c.busy && len(c.queue) == 0 && !c.tail {
		c.busy = true
		buf := c.enc[:0]
		c.enc = nil
		c.mu.Unlock()
		c.sendDirect(buf, msgs)
		return nil
	}
	defer c.mu.Unlock()
	c.queued += size
	c.queue = append(c.queue, msgs...)
	if c.queued > maxQueued {
		c.closeLocked(errors.New("endpoint: send queue overflow"))
		return c.err
	}
	c.cond.Signal()
	return nil
}

// sendDirect is Send's fast path: the caller holds busy (and not mu). It
// writes through w (the socket, or TLS over it), which never waits: what the
// socket does not take stays in its tail for the writer, as do any frames
// queued meanwhile.
func (c *Conn) sendDirect(buf []byte, msgs []proto.Message) {
	for _, m := range msgs {
		buf = c.pc.AppendFrame(buf, m)
	}
	_, err := c.w.Write(buf)
	tail := err == nil && c.sock.pending()
	c.framesSent.Add(uint64(len(msgs)))
	c.sends.Add(1)
	c.lastActivity.Store(time.Now().UnixNano())
	c.mu.Lock()
	defer c.mu.Unlock()
	c.busy = false
	c.enc = buf
	if err != nil {
		c.closeLocked(err)
		return
	}
	c.tail = tail
	if c.tail || len(c.queue) > 0 {
		c.cond.Signal()
	}
}

func (c *Conn) writeLoop() {
	var batch []proto.Message
	for {
		c.mu.Lock()
		for (c.busy || len(c.queue) == 0 && !c.tail) && !c.closed {
			c.cond.Wait()
		}
		if c.closed {
			c.mu.Unlock()
			return
		}
		c.busy = true
		c.tail = false
		batch, c.queue = c.queue, batch[:0]
		c.queued = 0
		c.mu.Unlock()
		// The tail of a fast-path write goes first (the buffered writer is
		// empty between batches); then this goroutine's writes wait for the
		// socket, which is the back-pressure on the queue.
		err := c.sock.beginBlocking()
		for _, m := range batch {
			if err != nil {
				break
			}
			if err = c.pc.WriteMessage(m); err == nil {
				c.framesSent.Add(1)
			}
		}
		if err == nil && len(batch) > 0 {
			err = c.pc.Flush()
			c.sends.Add(1)
		}
		c.sock.endBlocking()
		clear(batch)
		c.mu.Lock()
		c.busy = false
		if err != nil {
			c.closeLocked(err)
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		c.lastActivity.Store(time.Now().UnixNano())
	}
}

// Recv reads the next message. Any error ends the connection (the stream is out of
// sync after a framing error); the caller reports it and stops reading.
func (c *Conn) Recv() (proto.Message, error) {
	m, err := c.pc.ReadMessage()
	if err != nil {
		c.closeWith(err)
		return nil, err
	}
	c.framesRecv.Add(1)
	c.lastActivity.Store(time.Now().UnixNano())
	return m, nil
}

func (c *Conn) closeWith(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closeLocked(err)
}

func (c *Conn) closeLocked(err error) {
	if c.closed {
		return
	}
	c.closed = true
	c.err = err
	c.queue = nil
	c.cond.Broadcast()
	// The socket, not the tls.Conn: its close_notify alert would be written
	// here, under mu, and may wait for the network.
	_ = c.sock.Close()
	close(c.done)
}

// Close closes the connection; queued messages not yet written are dropped.
func (c *Conn) Close() error {
	c.closeWith(nil)
	return nil
}

// Err returns why the connection closed (nil while open or after Close).
func (c *Conn) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Stats returns the connection's counters.
func (c *Conn) Stats() Stats {
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	return Stats{
		ConnectionID: c.id, Peer: c.peer, IsAccept: c.isAccept, ConnectTime: c.start,
		LastActivity:  time.Unix(0, c.lastActivity.Load()),
		BytesSent:     c.cnt.sent.Load(),
		BytesReceived: c.cnt.recv.Load(),
		FramesSent:    c.framesSent.Load(), FramesRecv: c.framesRecv.Load(),
		Sends: c.sends.Load(), Closed: closed, Security: c.sec,
	}
}
