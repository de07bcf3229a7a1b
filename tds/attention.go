package tds

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"runtime/debug"
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
// The timer is not armed and stopped per request: arming it (Reset) and
// stopping it took ~4 % of the server's CPU per `SELECT 1` round trip at 16
// connections (issue #2). A request arms it only when it is not pending
// already; a request that ends leaves it pending; when it fires it starts
// the watcher if the request it was armed for still runs, and otherwise, if
// a later request runs, arms itself again for that one (which has run for
// less than attnDelay). A connection answering requests back to back thus
// sees one timer callback per attnDelay, not a Reset and a Stop per request.
const attnDelay = 2 * time.Millisecond

// watchState is the Attention watcher's state, guarded by conn.mu.
type watchState uint8

const (
	watchIdle    watchState = iota // no request, or the watcher was stopped
	watchArmed                     // a request runs; the timer will start the watcher
	watchRunning                   // the watcher reads the socket
)

// armWatchLocked schedules the watcher for the request that is starting;
// c.mu is held (handle sets the request's context under the same lock).
func (c *conn) armWatchLocked() {
	c.watch = watchArmed
	c.reqSeq++
	if !c.timerPending {
		c.timerPending, c.timerSeq = true, c.reqSeq
		if c.timer == nil {
			c.timer = time.AfterFunc(attnDelay, c.watchAttention)
		} else {
			c.timer.Reset(attnDelay)
		}
	}
}

// stopWatch ends the watcher of the request that ended and clears the
// request's context (c.cur), under one lock; the loop may read the socket
// when it returns. A pending timer is left to fire: it finds the state idle,
// or a later request armed, which it then watches.
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

// watchAttention is the watcher (the timer's goroutine).
func (c *conn) watchAttention() {
	c.mu.Lock()
	c.timerPending = false
	if c.watch != watchArmed {
		c.mu.Unlock()
		return
	}
	if c.timerSeq != c.reqSeq {
		// Armed for a request that has ended: the one running now started
		// since, less than attnDelay ago; watch it attnDelay from now.
		c.timerPending, c.timerSeq = true, c.reqSeq
		c.timer.Reset(attnDelay)
		c.mu.Unlock()
		return
	}
	c.watch = watchRunning
	done := make(chan struct{})
	c.watchDone = done
	c.mu.Unlock()
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
