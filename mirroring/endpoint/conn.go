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
}

// Conn is one established mirroring connection after the Hello handshake.
//
// Concurrency: Send may be called from any goroutine and never blocks on the
// network: frames go to a queue that one writer goroutine drains, flushing once
// per batch. Recv must be called from a single goroutine. Close may be called any
// number of times from anywhere.
type Conn struct {
	nc       net.Conn
	pc       *proto.Conn
	peer     Peer
	isAccept bool
	id       uuid.UUID
	start    time.Time

	mu     sync.Mutex
	cond   *sync.Cond
	queue  []proto.Message
	queued int
	closed bool
	err    error

	done chan struct{}

	lastActivity atomic.Int64
	cnt          *counters
	framesSent   atomic.Uint64
	framesRecv   atomic.Uint64
	sends        atomic.Uint64
}

func newConn(nc net.Conn, pc *proto.Conn, cnt *counters, peer Peer, isAccept bool) *Conn {
	c := &Conn{nc: nc, pc: pc, cnt: cnt, peer: peer, isAccept: isAccept, id: uuid.New(), start: time.Now(),
		done: make(chan struct{})}
	c.cond = sync.NewCond(&c.mu)
	c.lastActivity.Store(time.Now().UnixNano())
	go c.writeLoop()
	return c
}

// Peer returns the handshake identity of the other end.
func (c *Conn) Peer() Peer { return c.peer }

// IsAccept reports whether the connection was accepted (true) or dialed.
func (c *Conn) IsAccept() bool { return c.isAccept }

// Done is closed when the connection has been closed.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Send queues messages to be written in order. It returns ErrClosed (or the
// write error) once the connection is closed.
func (c *Conn) Send(msgs ...proto.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		if c.err != nil {
			return c.err
		}
		return ErrClosed
	}
	for _, m := range msgs {
		if lb, ok := m.(*proto.LogBlocks); ok {
			c.queued += len(lb.Blocks)
		}
		c.queue = append(c.queue, m)
	}
	if c.queued > maxQueued {
		c.closeLocked(errors.New("endpoint: send queue overflow"))
		return c.err
	}
	c.cond.Signal()
	return nil
}

func (c *Conn) writeLoop() {
	var batch []proto.Message
	for {
		c.mu.Lock()
		for len(c.queue) == 0 && !c.closed {
			c.cond.Wait()
		}
		if c.closed {
			c.mu.Unlock()
			return
		}
		batch, c.queue = c.queue, batch[:0]
		c.queued = 0
		c.mu.Unlock()
		var err error
		for _, m := range batch {
			if err = c.pc.WriteMessage(m); err != nil {
				break
			}
			c.framesSent.Add(1)
		}
		if err == nil {
			err = c.pc.Flush()
		}
		c.sends.Add(1)
		clear(batch)
		if err != nil {
			c.closeWith(err)
			return
		}
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
		Sends: c.sends.Load(), Closed: closed,
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
