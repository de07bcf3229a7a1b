package endpoint

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// TestSendOrderUnderContention: Sends from several goroutines, with frames
// small and large (larger than the socket buffer, so fast-path writes end
// part-way and the writer finishes them) and a receiver that pauses, arrive
// complete and, per sender, in order; the byte counters agree on both ends.
// In the clear and under TLS, where a record the socket took part of must be
// finished before the next one starts.
func TestSendOrderUnderContention(t *testing.T) {
	for _, enc := range []proto.Encryption{proto.EncryptionDisabled, proto.EncryptionRequired} {
		t.Run(enc.String(), func(t *testing.T) { testSendOrder(t, enc) })
	}
}

func testSendOrder(t *testing.T, enc proto.Encryption) {
	for _, tc := range []struct {
		name    string
		senders int
		size    func(i int) int
		pause   time.Duration
	}{
		{"one sender, small frames", 1, func(int) int { return 100 }, 0},
		{"one sender, frames past the socket buffer", 1, func(i int) int { return 1<<20 + i }, time.Millisecond},
		{"four senders, mixed sizes, slow reader", 4, func(i int) int { return []int{10, 70 << 10, 3 << 20, 1}[i%4] }, 200 * time.Microsecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sec := &Security{Encryption: enc}
			ln, conns, _ := listenSecure(t, sec)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			c, err := Dial(ctx, "TCP://"+ln.Addr().String(), ident("CLIENT", proto.EndpointPartner), sec)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if c.direct == 0 {
				t.Fatal("the connection has no fast path")
			}
			if c.Security().Encrypted != (enc == proto.EncryptionRequired) {
				t.Fatalf("encrypted = %v under %s", c.Security().Encrypted, enc)
			}
			s := <-conns
			const per = 40
			var wg sync.WaitGroup
			for g := 0; g < tc.senders; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < per; i++ {
						blocks := make([]byte, tc.size(i))
						for j := range blocks {
							blocks[j] = byte(g + i + j)
						}
						m := &proto.LogBlocks{RoleSeq: uint32(g), EndLSN: 1, Blocks: blocks}
						if err := c.Send(&proto.Ping{Seq: uint64(g)<<32 | uint64(i)}, m); err != nil {
							t.Error(err)
							return
						}
					}
				}()
			}
			next := make([]int, tc.senders)
			bound := c.direct + 64<<10 // one fast-path Send, its frames and TLS records
			for n := 0; n < tc.senders*per; n++ {
				if tail := int(c.sock.tailLen.Load()); tail > bound {
					t.Fatalf("the socket's tail holds %d bytes, more than one fast-path Send (%d)", tail, bound)
				}
				if tc.pause > 0 && n%5 == 0 {
					time.Sleep(tc.pause)
				}
				m, err := s.Recv()
				if err != nil {
					t.Fatalf("Recv %d: %v", n, err)
				}
				p, ok := m.(*proto.Ping)
				if !ok {
					t.Fatalf("message %d is %s, want the ping before a log frame", n, m.Type())
				}
				g, i := int(p.Seq>>32), int(p.Seq&0xffffffff)
				if g >= tc.senders || i != next[g] {
					t.Fatalf("sender %d: got message %d, want %d", g, i, next[g])
				}
				next[g]++
				m, err = s.Recv()
				if err != nil {
					t.Fatalf("Recv log frame: %v", err)
				}
				lb, ok := m.(*proto.LogBlocks)
				if !ok || int(lb.RoleSeq) != g || len(lb.Blocks) != tc.size(i) {
					t.Fatalf("sender %d message %d: got %s, want its log frame of %d bytes", g, i, m.Type(), tc.size(i))
				}
				for j, b := range lb.Blocks {
					if b != byte(g+i+j) {
						t.Fatalf("sender %d message %d: byte %d is %d", g, i, j, b)
					}
				}
			}
			wg.Wait()
			cs, ss := c.Stats(), s.Stats()
			if cs.BytesSent != ss.BytesReceived {
				t.Errorf("bytes sent %d, received %d", cs.BytesSent, ss.BytesReceived)
			}
			if want := uint64(2 * tc.senders * per); cs.FramesSent != want || ss.FramesRecv < want {
				t.Errorf("frames sent %d, received %d, want %d", cs.FramesSent, ss.FramesRecv, want)
			}
		})
	}
}

// TestSendAfterPeerGone: once the peer has closed, Sends fail (the fast path
// reports the write error and closes the connection) and never block.
func TestSendAfterPeerGone(t *testing.T) {
	ln, conns := startListener(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := Dial(ctx, "TCP://"+ln.Addr().String(), ident("CLIENT", proto.EndpointPartner), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	(<-conns).Close()
	deadline := time.Now().Add(5 * time.Second)
	for i := 0; ; i++ {
		if err := c.Send(&proto.LogBlocks{Blocks: make([]byte, 64<<10)}); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Send still succeeds %d sends after the peer closed", i)
		}
	}
	select {
	case <-c.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("connection not closed after a failed write")
	}
	if err := c.Send(&proto.Ping{}); err == nil {
		t.Error("Send on a closed connection succeeded")
	}
}
