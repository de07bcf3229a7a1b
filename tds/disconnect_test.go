package tds

import (
	"context"
	"testing"
	"time"
)

// disconnectHandler hands out LoginRequest.Disconnect and reports Session.Close.
type disconnectHandler struct {
	disconnect chan func()
	closed     chan struct{}
	started    chan struct{}
}

type disconnectSession struct {
	echoSession
	h *disconnectHandler
}

func (h *disconnectHandler) Login(_ context.Context, req *LoginRequest) (Session, error) {
	h.disconnect <- req.Disconnect
	return disconnectSession{h: h}, nil
}

func (s disconnectSession) Batch(ctx context.Context, r *BatchRequest, w ResultWriter) error {
	if r.Text == "block" {
		close(s.h.started)
		<-ctx.Done() // cancelled by Disconnect
		return ctx.Err()
	}
	return w.Done(Done, 0, 0, 0)
}

func (s disconnectSession) Close() { close(s.h.closed) }

// TestDisconnect ends connections from another goroutine through
// LoginRequest.Disconnect (KILL, mirroring failover): idle, and during a request
// whose context it cancels. Session.Close follows; repeated calls are harmless.
func TestDisconnect(t *testing.T) {
	for _, tt := range []struct {
		name  string
		batch string
	}{{"idle", ""}, {"running request", "block"}} {
		t.Run(tt.name, func(t *testing.T) {
			h := &disconnectHandler{disconnect: make(chan func(), 1), closed: make(chan struct{}), started: make(chan struct{})}
			_, addr := startHandler(t, h, 10*time.Second)
			rc := dialRaw(t, addr)
			rc.login()
			disconnect := <-h.disconnect
			if disconnect == nil {
				t.Fatal("LoginRequest.Disconnect not set")
			}
			if tt.batch != "" {
				rc.send(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, tt.batch)...))
				<-h.started
			}
			go disconnect()
			rc.expectClose()
			<-h.closed // Session.Close runs after the connection ends
			disconnect()
		})
	}
}
