package harness

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/microsoft/go-mssqldb" // registers the "sqlserver" driver
)

// DefaultPassword is the sa password servers get unless Options says otherwise.
const DefaultPassword = "Harness!Passw0rd"

// ReadyTimeout bounds how long Start and Restart wait for a server to answer.
var ReadyTimeout = 60 * time.Second

// Options configure a server process.
type Options struct {
	Name     string   // --name (@@SERVERNAME); default "mirrorsql"
	Password string   // sa password; default DefaultPassword
	DataDir  string   // --data; default a fresh t.TempDir()
	Port     int      // --port; default a free loopback port
	Args     []string // extra arguments after the serve flags
	Env      []string // extra environment (KEY=value)
	// Binary is the mirrorsql binary to run; default Binary(tb), this
	// tree's. ReleaseBinary builds an earlier release's (upgrade tests).
	Binary string
}

// Server is one mirrorsql process. Its port and data directory stay the same
// across Restart, so clients can reconnect with the same DSN.
type Server struct {
	tb       testing.TB
	Name     string
	Password string
	Port     int
	DataDir  string
	opts     Options

	mu      sync.Mutex
	cmd     *exec.Cmd
	exited  chan struct{} // closed when the current process has exited
	waitErr error
	log     *syncBuffer // stderr (and stdout) of every process run so far
	dbs     []*sql.DB
}

// syncBuffer is a bytes.Buffer safe for the process's writer goroutine and
// the test reading it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// pickPort chooses a server's client port when Options leave it 0 (a
// variable so that the harness's own test can hand out a taken port).
var pickPort = FreePort

// Start builds the binary if needed, starts a server and waits until it
// accepts a login. The server is killed at the end of the test; if the test
// failed, its output is written to the test log.
func Start(tb testing.TB, opts Options) *Server {
	tb.Helper()
	if opts.Binary == "" {
		opts.Binary = Binary(tb)
	}
	bin := opts.Binary
	if opts.Name == "" {
		opts.Name = "mirrorsql"
	}
	if opts.Password == "" {
		opts.Password = DefaultPassword
	}
	if opts.DataDir == "" {
		opts.DataDir = tb.TempDir()
	}
	autoPort := opts.Port == 0
	if autoPort {
		opts.Port = pickPort(tb)
	}
	s := &Server{tb: tb, Name: opts.Name, Password: opts.Password, Port: opts.Port, DataDir: opts.DataDir, opts: opts, log: &syncBuffer{}}
	tb.Cleanup(func() {
		s.closeDBs()
		s.Kill()
		if tb.Failed() {
			tb.Logf("output of server %s (port %d):\n%s", s.Name, s.Port, s.Output())
		}
	})
	// A port FreePort found free can be taken by another process (another
	// test package running in parallel) before the server binds it; a server
	// on a port of our choosing then moves to another free port.
	for attempt := 1; ; attempt++ {
		from := len(s.Output())
		s.launch(bin)
		err := s.waitReady()
		if err == nil {
			return s
		}
		if !autoPort || attempt == 3 || s.Running() || !strings.Contains(s.Output()[from:], "address already in use") {
			s.tb.Fatal(err)
		}
		s.Port = pickPort(tb)
		fmt.Fprintf(s.log, "=== harness: client port taken, retrying on port %d\n", s.Port)
	}
}

func (s *Server) launch(bin string) {
	s.tb.Helper()
	args := []string{"serve", "--name", s.Name, "--host", "127.0.0.1", "--port", strconv.Itoa(s.Port), "--data", s.DataDir}
	args = append(args, s.opts.Args...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "MSSQL_SA_PASSWORD="+s.Password)
	cmd.Env = append(cmd.Env, s.opts.Env...)
	cmd.Stdout, cmd.Stderr = s.log, s.log
	DieWithParent(cmd)
	fmt.Fprintf(s.log, "=== harness: start %v\n", args)
	if err := cmd.Start(); err != nil {
		s.tb.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	s.mu.Lock()
	s.cmd, s.exited = cmd, exited
	s.mu.Unlock()
	go func() {
		err := cmd.Wait()
		s.mu.Lock()
		s.waitErr = err
		s.mu.Unlock()
		fmt.Fprintf(s.log, "=== harness: process exited: %v\n", err)
		close(exited)
	}()
}

// WaitReady polls until the server accepts a TCP connection and a go-mssqldb
// Ping succeeds, failing the test if the process exits or ReadyTimeout passes.
func (s *Server) WaitReady() {
	s.tb.Helper()
	if err := s.waitReady(); err != nil {
		s.tb.Fatal(err)
	}
}

// waitReady is WaitReady that returns the failure.
func (s *Server) waitReady() error {
	deadline := time.Now().Add(ReadyTimeout)
	// connection timeout bounds the login too: go-mssqldb's Ping does not
	// give up on a listener that accepts but never answers (a port taken by
	// something else) when only its context expires.
	db, err := sql.Open("sqlserver", s.DSN("master", "connection timeout=5"))
	if err != nil {
		return fmt.Errorf("open: %v", err)
	}
	defer db.Close()
	var last error
	for time.Now().Before(deadline) {
		select {
		case <-s.exitedChan():
			return fmt.Errorf("server %s exited before it was ready: %v\n%s", s.Name, s.exitErr(), s.Output())
		default:
		}
		c, err := net.DialTimeout("tcp", s.Addr(), time.Second)
		if err == nil {
			c.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			err = db.PingContext(ctx)
			cancel()
			if err == nil {
				return nil
			}
		}
		last = err
		select {
		case <-s.exitedChan():
		case <-time.After(25 * time.Millisecond):
		}
	}
	return fmt.Errorf("server %s not ready within %v: %v\n%s", s.Name, ReadyTimeout, last, s.Output())
}

func (s *Server) exitedChan() chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exited
}

func (s *Server) exitErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.waitErr
}

// Addr is host:port of the client listener.
func (s *Server) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port)) }

// SqlcmdAddr is the server as sqlcmd's -S names it: host,port.
func (s *Server) SqlcmdAddr() string { return "127.0.0.1," + strconv.Itoa(s.Port) }

// Output returns everything the server processes wrote so far.
func (s *Server) Output() string { return s.log.String() }

// DSN returns a go-mssqldb connection string for sa in database db
// (encrypt=disable); extra "key=value" pairs are added or override.
func (s *Server) DSN(db string, extra ...string) string {
	return DSNFor(s.Addr(), "sa", s.Password, db, extra...)
}

// DSNFor builds a sqlserver:// URL for addr, login and password.
func DSNFor(addr, user, password, db string, extra ...string) string {
	q := url.Values{}
	q.Set("database", db)
	q.Set("encrypt", "disable")
	q.Set("dial timeout", "5")
	for _, kv := range extra {
		k, v, _ := cut(kv, '=')
		q.Set(k, v)
	}
	u := url.URL{Scheme: "sqlserver", User: url.UserPassword(user, password), Host: addr, RawQuery: q.Encode()}
	return u.String()
}

func cut(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// DB opens a client pool for database db; it is closed at the end of the test.
func (s *Server) DB(db string, extra ...string) *sql.DB {
	s.tb.Helper()
	d, err := sql.Open("sqlserver", s.DSN(db, extra...))
	if err != nil {
		s.tb.Fatalf("sql.Open: %v", err)
	}
	s.mu.Lock()
	s.dbs = append(s.dbs, d)
	s.mu.Unlock()
	return d
}

func (s *Server) closeDBs() {
	s.mu.Lock()
	dbs := s.dbs
	s.dbs = nil
	s.mu.Unlock()
	for _, d := range dbs {
		d.Close()
	}
}

// PID is the process id of the current server process (its CPU time is
// read from /proc by the benchmarks that report server CPU per operation).
func (s *Server) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cmd.Process.Pid
}

// Running reports whether the current process has not exited.
func (s *Server) Running() bool {
	select {
	case <-s.exitedChan():
		return false
	default:
		return true
	}
}

// Stop sends SIGTERM and waits for a clean exit, failing the test if the
// process does not exit within ReadyTimeout or exits with an error.
func (s *Server) Stop() {
	s.tb.Helper()
	if !s.Running() {
		return
	}
	if err := s.sigterm(ReadyTimeout); err != nil {
		s.tb.Errorf("server %s exited with %v after SIGTERM", s.Name, err)
	}
}

// Terminate sends SIGTERM and waits up to deadline for the process to exit,
// whatever its exit status: for tests of a shutdown that is expected to fail
// (storage gone) but must still end. It returns the process's exit error
// (nil for status 0); if the process is still running at the deadline it is
// killed and the test fails.
func (s *Server) Terminate(deadline time.Duration) error {
	s.tb.Helper()
	if !s.Running() {
		return s.exitErr()
	}
	return s.sigterm(deadline)
}

// sigterm sends SIGTERM, waits up to deadline for the process to exit (else
// kills it and fails the test) and returns its exit error.
func (s *Server) sigterm(deadline time.Duration) error {
	s.tb.Helper()
	s.mu.Lock()
	p := s.cmd.Process
	s.mu.Unlock()
	if err := p.Signal(syscall.SIGTERM); err != nil {
		s.tb.Fatalf("SIGTERM %s: %v", s.Name, err)
	}
	select {
	case <-s.exitedChan():
	case <-time.After(deadline):
		s.Kill()
		s.tb.Fatalf("server %s did not exit within %v of SIGTERM", s.Name, deadline)
	}
	return s.exitErr()
}

// Kill sends SIGKILL (a crash: no shutdown code runs) and waits for the
// process to be gone. It does nothing if the process already exited.
func (s *Server) Kill() {
	if !s.Running() {
		return
	}
	s.mu.Lock()
	p := s.cmd.Process
	s.mu.Unlock()
	_ = p.Signal(syscall.SIGKILL)
	<-s.exitedChan()
}

// Pause freezes the process with SIGSTOP: it stays alive with its sockets
// open but runs nothing (a stalled VM, a long GC or swap storm), the case a
// partner timeout cannot tell from a crash. Kill and Restart still work on a
// paused process.
func (s *Server) Pause() {
	s.tb.Helper()
	s.signal(syscall.SIGSTOP)
}

// Resume lets a paused process run again (SIGCONT).
func (s *Server) Resume() {
	s.tb.Helper()
	s.signal(syscall.SIGCONT)
}

func (s *Server) signal(sig syscall.Signal) {
	s.tb.Helper()
	if !s.Running() {
		s.tb.Fatalf("%v %s: the process is not running", sig, s.Name)
	}
	s.mu.Lock()
	p := s.cmd.Process
	s.mu.Unlock()
	if err := p.Signal(sig); err != nil {
		s.tb.Fatalf("%v %s: %v", sig, s.Name, err)
	}
}

// Restart starts the server again on the same port and data directory,
// killing the current process first if it is still running, and waits until
// it is ready.
func (s *Server) Restart() {
	s.tb.Helper()
	s.Kill()
	s.launch(s.opts.Binary)
	s.WaitReady()
}

// Upgrade stops the server cleanly (SIGTERM), starts binary bin on the same
// port and data directory, and waits until it is ready: what a DBA's upgrade
// of the instance does. Later restarts run bin too.
func (s *Server) Upgrade(bin string) {
	s.tb.Helper()
	s.Stop()
	s.opts.Binary = bin
	s.launch(bin)
	s.WaitReady()
}

// TryRestart is Restart that returns the failure to become ready (the process
// exited, or ReadyTimeout passed) instead of failing the test: for tests of
// what a server does with damaged files, where refusing to start is the bug.
func (s *Server) TryRestart() error {
	s.tb.Helper()
	s.Kill()
	s.launch(s.opts.Binary)
	return s.waitReady()
}
