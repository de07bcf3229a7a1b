package harness

import (
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
)

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
//
// It is drawn at random from below the kernel's ephemeral range
// (ip_local_port_range), never from it: a port of that range can be taken as
// the source port of any outgoing connection on the machine, and a server that
// is down for a Restart (or an endpoint that is stopped) would then fail to bind
// its port again — "address already in use", a test failure that no retry can
// fix since clients and partners know the port. Drawn at random, ports of test
// processes running side by side rarely meet; the bind check skips taken ones.
func FreePort(tb testing.TB) int {
	tb.Helper()
	lo, hi := portPool()
	for range 200 {
		p := lo + rand.IntN(hi-lo)
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err == nil {
			_ = ln.Close()
			return p
		}
	}
	tb.Fatalf("find free port: none free of 200 tried in [%d, %d)", lo, hi)
	return 0
}

// portPool is the range FreePort draws from: the lower half of the ports
// below the ephemeral range (16384–32767 with Linux's default 32768–60999).
func portPool() (lo, hi int) {
	hi = 32768
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			if v, err := strconv.Atoi(f[0]); err == nil && v > 2048 {
				hi = v
			}
		}
	}
	return max(1024, hi/2), hi
}
