package tds

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"runtime/debug"
	"sync"
	"time"
)

// Attention handling ([MS-TDS] 2.2.1.7, 3.3.5.3; tds-clients.md §6.6).
//
// The connection goroutine reads a request, runs it and writes the response;
// nothing else reads the socket while it is idle, so a request costs no
// goroutine hand-off. A request that is still running attnDelay after it
// started gets a watcher goroutine that reads the socket (into the same
// connReader buffer the loop reads from) until it sees a whole packet:
//
//   - an Attention while the request runs: the watcher consumes it, marks the
//     request attention-cancelled and cancels its context; the response ends
//     with DONE(ATTN);
//   - an Attention once the request is ending (its cancel cleared), or any
//     other packet (a pipelined request): the watcher leaves it in the buffer
//     and stops; the loop reads it next. An Attention read by the loop is a
//     stray one and is answered with its own DONE(ATTN) message, which is also
//     what an Attention sent during a request shorter than attnDelay gets.
//
// When the request ends, the loop stops the watcher by setting a read
// deadline in the past (a timeout leaves both net.Conn and tls.Conn usable,
// and the bytes read so far stay buffered), waits for it and clears the
// deadline before it reads again. The loop and the watcher therefore never
// read at the same time.

// attnDelay is how long a request runs before its Attention watcher starts,
// at least and at most twice that. Requests that end sooner (nearly all) cost
// no goroutine, no read and no scheduler switch; a longer one is cancelled
// within 2×attnDelay of its start or at once after it.
//
// The watchers are started by the server's attention clock (attnClock), one
// goroutine ticking every attnDelay while connections serve requests, not by
// a timer per connection: a connection's time.AfterFunc timer, armed by its
// requests and firing every attnDelay while they came back to back, cost a
// goroutine per firing plus the timer's Reset, ~4 % of the server's CPU per
// `SELECT 1` round trip at 16 connections (issue #2). A request now only
// counts itself (conn.reqSeq) under the lock it already takes; the clock
// starts the watcher of a request it sees running at two ticks in a row.
const attnDelay = 2 * time.Millisecond

// watchState is the Attention watcher's state, guarded by conn.mu.
type watchState uint8

const (
	watchIdle    watchState = iota // no request, or the watcher was stopped
	watchArmed                     // a request runs; the clock will start the watcher
	watchRunning                   // the watcher reads the socket
)

// attnClock is a server's attention clock. While any of its connections has
// started a request since the previous tick, a goroutine ticks every
// attnDelay over those connections: a connection whose request count has not
// moved since the last tick and whose request still runs gets its watcher
// (that request has run for attnDelay at least); one that has been idle for
// a whole tick leaves the clock until its next request, and the goroutine
// ends when no connection is left. The clock's work is thus per tick and per
// active connection, not per request, and an idle server has no ticks.
type attnClock struct {
	mu      sync.Mutex
	joining []*conn // connections that joined since the last tick
	running bool    // the tick goroutine runs
}

// join adds c to the clock (its first request since it left); c.mu is held
// (lock order: conn.mu, then attnClock.mu; the clock never holds its own
// lock while it takes a connection's).
func (a *attnClock) join(c *conn) {
	a.mu.Lock()
	a.joining = append(a.joining, c)
	if !a.running {
		a.running = true
		go a.run()
	}
	a.mu.Unlock()
}

// run is the tick goroutine.
func (a *attnClock) run() {
	t := time.NewTicker(attnDelay)
	defer t.Stop()
	var conns []*conn
	for range t.C {
		a.mu.Lock()
		conns = append(conns, a.joining...)
		clear(a.joining)
		a.joining = a.joining[:0]
		if len(conns) == 0 {
			a.running = false
			a.mu.Unlock()
			return
		}
		a.mu.Unlock()
		kept := conns[:0]
		for _, c := range conns {
			if c.tick() {
				kept = append(kept, c)
			}
		}
		clear(conns[len(kept):]) // no references to connections that left
		conns = kept
	}
}

// armWatchLocked counts the request that is starting and puts the connection
// on the clock if it is not on it; c.mu is held (handle sets the request's
// context under the same lock).
func (c *conn) armWatchLocked() {
	c.watch = watchArmed
	c.reqSeq++
	if !c.onClock {
		c.onClock = true
		c.srv.attn.join(c)
	}
}

// tick is the clock's look at the connection; it reports whether the
// connection stays on the clock. A request that was already running at the
// previous tick (same count) and still runs gets its watcher.
func (c *conn) tick() (stay bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	seq := c.reqSeq
	moved := seq != c.tickSeq
	c.tickSeq = seq
	switch {
	case moved:
		return true
	case c.watch == watchArmed:
		c.watch = watchRunning
		done := make(chan struct{})
		c.watchDone = done
		go c.watchAttention(done)
		return true
	default:
		// Idle since the last tick, or the request is watched: the next
		// request joins again.
		c.onClock = false
		return false
	}
}

// stopWatch ends the watcher of the request that ended and clears the
// request's context (c.cur), under one lock; the loop may read the socket
// when it returns.
func (c *conn) stopWatch() {
	c.mu.Lock()
	c.cur = nil
	st, done := c.watch, c.watchDone
	c.watch, c.watchDone = watchIdle, nil
	c.mu.Unlock()
	if st == watchRunning {
		c.rd.SetReadDeadline(time.Unix(1, 0))
		<-done
		c.rd.SetReadDeadline(time.Time{})
	}
}

// watchAttention is the watcher; it closes done when it returns.
func (c *conn) watchAttention(done chan struct{}) {
	defer close(done)
	defer func() {
		if r := recover(); r != nil {
			c.srv.logger().Error("tds: panic in attention watcher", "panic", r, "stack", string(debug.Stack()))
			c.close()
		}
	}()
	for {
		if typ, status, n, ok := c.in.peekPacket(); ok {
			if typ != PacketAttention || status&StatusEOM == 0 {
				return // a request: the loop's to read
			}
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.cur != nil {
				c.in.discard(n)
				c.attn.Store(true)
				c.cur.cancel()
			}
			return
		}
		if err := c.in.fill(); err != nil {
			return
		}
	}
}

// connReaderSize is the read buffer of a connection: most requests (a batch,
// an sp_executesql call) fit, so one read returns a whole message; larger
// reads bypass it. Idle connections keep it, so it is small.
const connReaderSize = 2048

// errReaderFull stops the watcher when a packet does not fit the buffer.
var errReaderFull = errors.New("tds: read buffer full")

// connReader buffers the request stream for the loop (Read) and the
// Attention watcher (fill, peekPacket, discard), never both at once. A read
// error other than a timeout seen by the watcher is kept and returned to the
// loop once the buffered bytes are consumed.
type connReader struct {
	src        io.Reader
	buf        []byte
	start, end int
	err        error
}

func newConnReader(src io.Reader) *connReader {
	return &connReader{src: src, buf: make([]byte, connReaderSize)}
}

// Read implements io.Reader for the MessageReader.
func (r *connReader) Read(p []byte) (int, error) {
	if r.start == r.end {
		if r.err != nil {
			return 0, r.err
		}
		if len(p) >= len(r.buf) {
			return r.src.Read(p)
		}
		r.start, r.end = 0, 0
		n, err := r.src.Read(r.buf)
		r.end = n
		if n == 0 {
			return 0, err
		}
	}
	n := copy(p, r.buf[r.start:r.end])
	r.start += n
	return n, nil
}

// fill reads more bytes into the buffer (the watcher). A timeout is
// returned and forgotten; other errors are also kept for Read.
func (r *connReader) fill() error {
	if r.err != nil {
		return r.err
	}
	if r.end == len(r.buf) {
		if r.start == 0 {
			return errReaderFull
		}
		r.end = copy(r.buf, r.buf[r.start:r.end])
		r.start = 0
	}
	n, err := r.src.Read(r.buf[r.end:])
	r.end += n
	if err != nil {
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			r.err = err
		}
	}
	return err
}

// peekPacket reports the header of the first buffered packet and its length,
// ok when the whole packet is buffered. A length below the header size
// reports a zero type: the loop's MessageReader rejects it.
func (r *connReader) peekPacket() (typ PacketType, status byte, n int, ok bool) {
	b := r.buf[r.start:r.end]
	if len(b) < HeaderSize {
		return 0, 0, 0, false
	}
	n = int(binary.BigEndian.Uint16(b[2:4]))
	if n < HeaderSize {
		return 0, 0, n, true
	}
	return PacketType(b[0]), b[1], n, len(b) >= n
}

// discard drops the first n buffered bytes.
func (r *connReader) discard(n int) { r.start += n }
