package harness

import (
	"fmt"
	"net"
	"strings"
	"testing"
)

// TestStartRetriesTakenPort: when the port FreePort chose is taken before the
// server binds it (another test process got it meanwhile), Start moves the
// server to another free port instead of failing the test.
func TestStartRetriesTakenPort(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	takenPort := taken.Addr().(*net.TCPAddr).Port
	calls := 0
	pickPort = func(tb testing.TB) int {
		calls++
		if calls == 1 {
			return takenPort
		}
		return FreePort(tb)
	}
	defer func() { pickPort = FreePort }()

	s := Start(t, Options{Name: "retry"})
	if s.Port == takenPort {
		t.Fatalf("server reports the taken port %d", takenPort)
	}
	if calls != 2 {
		t.Errorf("ports chosen: %d, want 2 (the taken one, then a free one)", calls)
	}
	if err := s.DB("master").Ping(); err != nil {
		t.Fatalf("ping on port %d: %v", s.Port, err)
	}
	if out := s.Output(); !strings.Contains(out, "address already in use") || !strings.Contains(out, "retrying on port") {
		t.Errorf("output does not show the retry:\n%s", out)
	}
}

// TestFreePortOutsideEphemeralRange: FreePort's ports lie below the kernel's
// ephemeral range, so no outgoing connection can take one while its server is
// down for a restart, and they can be bound.
func TestFreePortOutsideEphemeralRange(t *testing.T) {
	lo, hi := portPool()
	if lo < 1024 || hi <= lo {
		t.Fatalf("port pool [%d, %d)", lo, hi)
	}
	seen := map[int]bool{}
	for range 50 {
		p := FreePort(t)
		if p < lo || p >= hi {
			t.Fatalf("FreePort = %d, outside [%d, %d)", p, lo, hi)
		}
		seen[p] = true
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			t.Fatalf("bind FreePort's %d: %v", p, err)
		}
		ln.Close()
	}
	if len(seen) < 40 {
		t.Errorf("50 FreePort calls gave %d distinct ports: not drawn at random", len(seen))
	}
}
