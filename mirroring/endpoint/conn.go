package endpoint

import (
	"errors"
	"net"
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
// a catch-up's big blocks, are encoded by the writer goroutine.
const maxDirect = 256 << 10

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
// writes them itself with one non-blocking write (the fast path: no hand-off to
// another goroutine, which on the SAFETY FULL commit path costs a wake-up on
// each side per log flush); whatever the socket does not take at once, and
// every Send that finds the connection busy, goes to a queue that one writer
// goroutine drains, flushing once per batch. Frames reach the stream in the
// order of the Send calls. Recv must be called from a single goroutine. Close
// may be called any number of times from anywhere.
type Conn struct {
	nc       net.Conn
	pc       *proto.Conn
	peer     Peer
	isAccept bool
	sec      Negotiated
	id       uuid.UUID
	start    time.Time
	// direct is the non-blocking write of the fast path, nil when the
	// connection has none (TLS, non-TCP): every Send then queues.
	direct func([]byte) (int, error)

	mu     sync.Mutex
	cond   *sync.Cond
	queue  []proto.Message
	queued int
	// busy: a goroutine (the writer or a Send on the fast path) is writing to
	// the stream; nobody else may. rest holds the tail of a fast-path write the
	// socket did not take, which the writer sends before the queue.
	busy   bool
	rest   []byte
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

func newConn(nc net.Conn, pc *proto.Conn, cnt *counters, peer Peer, isAccept bool, sec Negotiated) *Conn {
	c := &Conn{nc: nc, pc: pc, cnt: cnt, peer: peer, isAccept: isAccept, sec: sec, id: uuid.New(), start: time.Now(),
		done: make(chan struct{})}
	c.cond = sync.NewCond(&c.mu)
	c.direct = directWriter(nc)
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
	if c.direct != nil && !c.busy && len(c.queue) == 0 && c.rest == nil && size <= maxDirect {
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
// writes what the socket takes without waiting and leaves the rest, and any
// frames queued meanwhile, to the writer.
func (c *Conn) sendDirect(buf []byte, msgs []proto.Message) {
	for _, m := range msgs {
		buf = c.pc.AppendFrame(buf, m)
	}
	n, err := c.direct(buf)
	c.cnt.sent.Add(uint64(n))
	c.framesSent.Add(uint64(len(msgs)))
	c.sends.Add(1)
	c.lastActivity.Store(time.Now().UnixNano())
	c.mu.Lock()
	defer c.mu.Unlock()
	c.busy = false
	switch {
	case err != nil:
		c.closeLocked(err)
		return
	case n < len(buf):
		c.rest = buf[n:] // the writer's now; the next fast path allocates anew
	default:
		c.enc = buf
	}
	if c.rest != nil || len(c.queue) > 0 {
		c.cond.Signal()
	}
}

func (c *Conn) writeLoop() {
	var batch []proto.Message
	for {
		c.mu.Lock()
		for (c.busy || len(c.queue) == 0 && c.rest == nil) && !c.closed {
			c.cond.Wait()
		}
		if c.closed {
			c.mu.Unlock()
			return
		}
		c.busy = true
		rest := c.rest
		c.rest = nil
		batch, c.queue = c.queue, batch[:0]
		c.queued = 0
		c.mu.Unlock()
		var err error
		if len(rest) > 0 {
			// The tail of a fast-path write goes first, straight to the stream
			// (the buffered writer is empty between batches).
			var n int
			n, err = c.nc.Write(rest)
			c.cnt.sent.Add(uint64(n))
		}
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
	_ = c.nc.Close()
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

// counters count a connection's bytes from the first handshake byte on.
type counters struct{ sent, recv atomic.Uint64 }

// countingConn counts bytes for Stats.
type countingConn struct {
	net.Conn
	cnt *counters
}

func (cc countingConn) Read(p []byte) (int, error) {
	n, err := cc.Conn.Read(p)
	cc.cnt.recv.Add(uint64(n))
	return n, err
}

func (cc countingConn) Write(p []byte) (int, error) {
	n, err := cc.Conn.Write(p)
	cc.cnt.sent.Add(uint64(n))
	return n, err
}
