package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// connWatch notices the end of sqlcmd's connection under go-mssqldb. When
// the server drops the connection in the middle of a batch (KILL, or a
// mirroring failover ending the old principal's clients), go-mssqldb's
// message-queue mode puts the read error on its token channel only and never
// on the message queue, so a loop waiting for the next message would wait
// forever. The connections go-mssqldb dials through Dial report their first
// read error here, and connRunner ends the batch on it as sqlcmd does: a
// communication link failure, exit code 1.
type connWatch struct {
	once sync.Once
	done chan struct{}
	err  error
}

func newConnWatch() *connWatch { return &connWatch{done: make(chan struct{})} }

// DialContext implements mssql.Dialer.
func (w *connWatch) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{KeepAlive: 30 * time.Second}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &watchedConn{Conn: c, w: w}, nil
}

// lost records the connection's end (the first error wins).
func (w *connWatch) lost(err error) {
	w.once.Do(func() {
		w.err = fmt.Errorf("communication link failure: %w", err)
		close(w.done)
	})
}

// Err is the connection's end, or nil while it is alive.
func (w *connWatch) Err() error {
	if w == nil {
		return nil
	}
	select {
	case <-w.done:
		return w.err
	default:
		return nil
	}
}

// Done is closed when the connection has ended (never for a nil watch).
func (w *connWatch) Done() <-chan struct{} {
	if w == nil {
		return nil
	}
	return w.done
}

type watchedConn struct {
	net.Conn
	w *connWatch
}

func (c *watchedConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	var ne net.Error
	// A deadline (the login time-out) is the driver's business, not the
	// connection's end.
	if err != nil && !(errors.As(err, &ne) && ne.Timeout()) {
		c.w.lost(err)
	}
	return n, err
}
