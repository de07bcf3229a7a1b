package mirroring_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// proxy is a TCP fault-injection proxy in front of one instance's mirroring
// endpoint. Mirroring addresses (SET PARTNER, SET WITNESS) name the proxy, so
// every mirroring connection to that instance passes through it.
//
// Links are cut per source instance: the proxy learns which process dialed
// an accepted connection from /proc (the owner of the client's socket, among
// the test process's children), so the one witness address both partners use
// can be cut for one partner only. Cut(src) closes the open connections from
// src and refuses new ones until Heal(src); a connection whose source is
// unknown (not a child process) is treated as its own source "?", or refused
// by a strict proxy (newStrictProxy).
//
// Concurrency: all methods are safe for concurrent use.
type proxy struct {
	t      testing.TB
	ln     net.Listener
	target string
	who    func(pid int) string // process id → instance name ("" unknown)

	// strict refuses connections whose source cannot be named (see serve);
	// set before the proxy accepts, read-only afterwards.
	strict bool

	mu    sync.Mutex
	cut   map[string]bool
	conns map[net.Conn]string // both halves of each open pair → source
	// held: sources whose new connections wait, accepted but not forwarded,
	// until Heal closes the channel (Hold); holding counts them.
	held    map[string]chan struct{}
	holding map[string]int
}

// newProxy listens on a free loopback port and forwards to target. who maps
// a process id to an instance name. The proxy is closed at the end of the test.
func newProxy(t testing.TB, target string, who func(pid int) string) *proxy {
	t.Helper()
	return startProxy(t, target, who, false)
}

// newStrictProxy is newProxy for a cluster whose every mirroring dialer is a
// child process: a connection whose source it cannot name is refused, since
// a link that cannot be named cannot be cut.
func newStrictProxy(t testing.TB, target string, who func(pid int) string) *proxy {
	t.Helper()
	return startProxy(t, target, who, true)
}

func startProxy(t testing.TB, target string, who func(pid int) string, strict bool) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("proxy listen: %v", err)
	}
	p := &proxy{t: t, ln: ln, target: target, who: who, strict: strict, cut: map[string]bool{}, conns: map[net.Conn]string{},
		held: map[string]chan struct{}{}, holding: map[string]int{}}
	go p.accept()
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		for c := range p.conns {
			c.Close()
		}
		for _, ch := range p.held {
			close(ch) // still cut: the held connections are closed
		}
		clear(p.held)
		p.mu.Unlock()
	})
	return p
}

// Port is the proxy's listening port.
func (p *proxy) Port() int { return p.ln.Addr().(*net.TCPAddr).Port }

// Address is the mirroring address of the proxy ('TCP://127.0.0.1:port').
func (p *proxy) Address() string { return fmt.Sprintf("TCP://127.0.0.1:%d", p.Port()) }

// Cut drops the link from instance src: open connections are closed and new
// ones are closed as soon as they are accepted.
func (p *proxy) Cut(src string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cutLocked(src)
}

func (p *proxy) cutLocked(src string) {
	p.cut[src] = true
	for c, s := range p.conns {
		if s == src {
			c.Close()
			delete(p.conns, c)
		}
	}
}

// Hold drops the link from src as Cut does, but new connections from src are
// held, accepted and unanswered, until Heal forwards them all at once: the
// dials two instances made while cut off from each other then reach their
// targets together, a simultaneous redial.
func (p *proxy) Hold(src string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cutLocked(src)
	if p.held[src] == nil {
		p.held[src] = make(chan struct{})
	}
}

// Holding is how many connections from src Hold is holding.
func (p *proxy) Holding(src string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.holding[src]
}

// Heal restores the link from src, forwarding the connections held from it.
func (p *proxy) Heal(src string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.cut, src)
	if ch := p.held[src]; ch != nil {
		close(ch)
		delete(p.held, src)
	}
}

func (p *proxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.serve(c)
	}
}

func (p *proxy) serve(c net.Conn) {
	src := p.source(c)
	if src == "?" && p.strict {
		// A link that cannot be named cannot be cut: passing it would let a
		// "cut" instance talk through (an isolated principal could learn its
		// new role). Refuse it; the instance redials.
		c.Close()
		return
	}
	p.mu.Lock()
	if ch := p.held[src]; ch != nil {
		p.holding[src]++
		p.mu.Unlock()
		<-ch
		p.mu.Lock()
		p.holding[src]--
	}
	if p.cut[src] {
		p.mu.Unlock()
		c.Close()
		return
	}
	p.mu.Unlock()
	u, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	if p.cut[src] {
		p.mu.Unlock()
		c.Close()
		u.Close()
		return
	}
	p.conns[c], p.conns[u] = src, src
	p.mu.Unlock()
	done := func() {
		c.Close()
		u.Close()
		p.mu.Lock()
		delete(p.conns, c)
		delete(p.conns, u)
		p.mu.Unlock()
	}
	go func() { _, _ = io.Copy(u, c); done() }()
	_, _ = io.Copy(c, u)
	done()
}

// source names the instance that dialed c, or "?". The lookup scans /proc
// and can miss a socket on a loaded machine, so it is tried a few times.
func (p *proxy) source(c net.Conn) string {
	port := c.RemoteAddr().(*net.TCPAddr).Port
	if port == 0 {
		return "?"
	}
	tries := 1
	if p.strict {
		tries = 20
	}
	for try := 0; try < tries; try++ {
		if try > 0 {
			time.Sleep(5 * time.Millisecond)
		}
		if pid, err := socketOwner(port, false); err == nil {
			if name := p.who(pid); name != "" {
				return name
			}
		}
	}
	return "?"
}

// socketOwner returns the id of the test process's child process that owns
// the IPv4 TCP socket bound to local port port (listening only when listen),
// using /proc/net/tcp and /proc/<pid>/fd (Linux).
func socketOwner(port int, listen bool) (int, error) {
	inode, err := socketInode(port, listen)
	if err != nil {
		return 0, err
	}
	want := "socket:[" + inode + "]"
	for _, pid := range childPIDs() {
		fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		for _, fd := range fds {
			if l, err := os.Readlink(filepath.Join(fmt.Sprintf("/proc/%d/fd", pid), fd.Name())); err == nil && l == want {
				return pid, nil
			}
		}
	}
	return 0, fmt.Errorf("no child process owns port %d", port)
}

// socketInode finds the inode of the socket with local port port in /proc/net/tcp.
func socketInode(port int, listen bool) (string, error) {
	f, err := os.Open("/proc/net/tcp")
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	hexPort := fmt.Sprintf(":%04X", port)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 10 || !strings.HasSuffix(fs[1], hexPort) {
			continue
		}
		if listen != (fs[3] == "0A") {
			continue
		}
		if fs[9] == "0" {
			continue
		}
		return fs[9], nil
	}
	return "", fmt.Errorf("no socket on local port %d", port)
}

// childPIDs lists the test process's direct children.
func childPIDs() []int {
	var out []int
	tasks, _ := filepath.Glob("/proc/self/task/*/children")
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		for _, f := range strings.Fields(string(b)) {
			if pid, err := strconv.Atoi(f); err == nil {
				out = append(out, pid)
			}
		}
	}
	return out
}
