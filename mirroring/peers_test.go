package mirroring

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// dialedConn is one TCP connection between two instances as each end sees it.
type dialedConn struct {
	dialer, acceptor *endpoint.Conn // the dialing instance's end, the other's
}

// connectAs makes a connection dialed by from to to without either manager's
// listener, so that the test decides when each side registers it: to's end
// comes from a listener of the test's that presents to's identity.
func connectAs(t *testing.T, from, to *instance) dialedConn {
	t.Helper()
	from.mgr.mu.Lock()
	fromID := from.mgr.identity()
	from.mgr.mu.Unlock()
	to.mgr.mu.Lock()
	toID := to.mgr.identity()
	to.mgr.mu.Unlock()
	accepted := make(chan *endpoint.Conn, 1)
	ln, err := endpoint.Listen(endpoint.ListenConfig{Addr: "127.0.0.1:0", Self: toID,
		Handle: func(c *endpoint.Conn) { accepted <- c; <-c.Done() }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	d, err := endpoint.Dial(ctx, "TCP://"+ln.Addr().String(), fromID, nil)
	if err != nil {
		t.Fatalf("%s dials %s: %v", from.name, to.name, err)
	}
	return dialedConn{dialer: d, acceptor: <-accepted}
}

// end returns in's end of l.
func (l dialedConn) end(in *instance) *endpoint.Conn {
	if l.dialer.Peer().Name == in.name {
		return l.acceptor
	}
	return l.dialer
}

// isOpen reports whether c has not ended.
func isOpen(c *endpoint.Conn) bool {
	select {
	case <-c.Done():
		return false
	default:
		return true
	}
}

// reader is a read loop the test started on one end of a connection.
type reader struct {
	c    *endpoint.Conn
	done chan struct{}
}

// permutations returns every order of steps.
func permutations(steps []string) [][]string {
	if len(steps) <= 1 {
		return [][]string{steps}
	}
	var out [][]string
	for i := range steps {
		rest := append(append([]string{}, steps[:i]...), steps[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]string{steps[i]}, p...))
		}
	}
	return out
}

// TestSimultaneousDialsKeepOneConnection drives two registries with both
// instances' connections to each other, registered in every order on either
// side and every interleaving of the two sides (the race of two partners
// redialing after a cut or a restart), each registration followed by what its
// end does (read, or closed when refused) until every closed end has reached
// the other side. No side may ever lose the connection it holds to the other
// (a loss is a partner lost: DISCONNECTED, 1442): a connection that loses the
// tie-break was closed at once, and a peer that had registered it first and
// not yet the winner took its end for a loss (docs/ci-flakes.md,
// TestMirrorSnapshot). At the end both sides keep the connection dialed by the
// instance whose name sorts first ("mirror", as in tests/mirroring), both close
// the other one once the kept one has carried a message, and the kept one
// stays up.
func TestSimultaneousDialsKeepOneConnection(t *testing.T) {
	// A step is an instance ("m"irror or "p"rincipal) registering its end of
	// one connection: "kept", dialed by the mirror, whose name sorts first,
	// or "other", dialed by the principal.
	for _, order := range permutations([]string{"m:kept", "m:other", "p:kept", "p:other"}) {
		t.Run(strings.Join(order, ","), func(t *testing.T) {
			m := newInstance(t, "mirror", "PARTNER")
			p := newInstance(t, "principal", "PARTNER")
			kept, other := connectAs(t, m, p), connectAs(t, p, m)
			links := map[string]dialedConn{"kept": kept, "other": other}
			var readers []reader
			// settled: every end whose other end has closed has been read
			// to its end, and its loss reported.
			settled := func() bool {
				for _, r := range readers {
					l := kept
					if r.c == other.dialer || r.c == other.acceptor {
						l = other
					}
					if isOpen(l.dialer) && isOpen(l.acceptor) {
						continue
					}
					select {
					case <-r.done:
					default:
						return false
					}
				}
				return true
			}
			holds := map[*instance]bool{}
			for i, st := range order {
				in, peer := m, p
				if strings.HasPrefix(st, "p:") {
					in, peer = p, m
				}
				link := st[2:]
				c := links[link].end(in)
				if r := in.mgr.register(c, ""); r == refused {
					_ = c.Close() // as serveConn and dialLoop do
				} else {
					rd := reader{c: c, done: make(chan struct{})}
					readers = append(readers, rd)
					in.mgr.wg.Add(1)
					go func() {
						defer in.mgr.wg.Done()
						defer close(rd.done)
						in.mgr.readLoop(c, r)
					}()
				}
				eventually(t, "every closed end reached the other side", 20*time.Second, settled)
				in.mgr.mu.Lock()
				holds[in] = holds[in] || in.mgr.peers[peer.name] != nil
				in.mgr.mu.Unlock()
				for _, side := range [][2]*instance{{m, p}, {p, m}} {
					side[0].mgr.mu.Lock()
					cur := side[0].mgr.peers[side[1].name]
					side[0].mgr.mu.Unlock()
					if holds[side[0]] && (cur == nil || !isOpen(cur)) {
						t.Fatalf("step %d (%s registers its end of %s): %s lost its connection to %s",
							i+1, in.name, link, side[0].name, side[1].name)
					}
				}
			}
			for _, in := range []*instance{m, p} {
				in.mgr.mu.Lock()
				cur := in.mgr.peers[kept.end(in).Peer().Name]
				in.mgr.mu.Unlock()
				if cur != kept.end(in) {
					t.Fatalf("%s keeps the connection the principal dialed, want the one the mirror dialed", in.name)
				}
			}
			// Let each side send on the connection it keeps, as the
			// sessions' pings do.
			for _, in := range []*instance{m, p} {
				if err := kept.end(in).Send(&proto.Ping{}); err != nil {
					t.Fatalf("%s: ping on the kept connection: %v", in.name, err)
				}
			}
			eventually(t, "both ends of the other connection closed", 20*time.Second, func() bool {
				return !isOpen(other.dialer) && !isOpen(other.acceptor)
			})
			eventually(t, "every closed end reached the other side", 20*time.Second, settled)
			for _, in := range []*instance{m, p} {
				in.mgr.mu.Lock()
				cur := in.mgr.peers[kept.end(in).Peer().Name]
				left := len(in.mgr.superseded)
				in.mgr.mu.Unlock()
				if cur != kept.end(in) || !isOpen(cur) {
					t.Fatalf("%s lost the kept connection", in.name)
				}
				if left != 0 {
					t.Fatalf("%s still holds %d superseded connections", in.name, left)
				}
			}
		})
	}
}
