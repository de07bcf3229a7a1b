package clients

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// The server every test in this package talks to, started once by TestMain.
var (
	binary     string // the built mirrorsql binary
	serverHost = "127.0.0.1"
	serverPort string
	serverName = "CLIENTTEST"
	saPassword = "Clients#Passw0rd"
	serverLog  syncBuffer // the server's stderr, printed when a test fails
)

// startupLimit bounds the wait for "mirrorsql ready"; it is a hang guard, not
// a speed assertion.
const startupLimit = 2 * time.Minute

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "mirrorsql-clients-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "clients:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	binary = filepath.Join(tmp, "mirrorsql")
	build := exec.Command("go", "build", "-o", binary, "github.com/mirrorsql/mirrorsql/cmd/mirrorsql")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "clients: go build:", err)
		return 1
	}
	stop, err := startServer(filepath.Join(tmp, "data"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "clients: start server:", err)
		fmt.Fprint(os.Stderr, serverLog.String())
		return 1
	}
	code := m.Run()
	stop()
	if code != 0 {
		log := serverLog.String()
		if len(log) > 20000 {
			log = log[len(log)-20000:]
		}
		fmt.Fprintf(os.Stderr, "--- server log (tail):\n%s", log)
	}
	return code
}

var readyAddr = regexp.MustCompile(`mirrorsql ready.*address=([0-9.]+):([0-9]+)`)

// startServer runs `mirrorsql serve --port 0` and waits for its ready line,
// which carries the chosen port. stop ends the process with SIGTERM.
func startServer(dataDir string) (stop func(), err error) {
	cmd := exec.Command(binary, "serve", "--name", serverName, "--host", serverHost, "--port", "0",
		"--data", dataDir, "--sa-password", saPassword)
	// Killed with this process even when TestMain's stop never runs (the
	// -timeout panic, a SIGKILL): an orphan would hold its port and CPU.
	harness.DieWithParent(cmd)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			serverLog.WriteString(line + "\n")
			if m := readyAddr.FindStringSubmatch(line); m != nil {
				select {
				case ready <- m[2]:
				default:
				}
			}
		}
		_, _ = io.Copy(&serverLog, stderr)
		close(ready)
	}()
	stop = func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	select {
	case port, ok := <-ready:
		if !ok {
			stop()
			return nil, errors.New("server exited before it was ready")
		}
		serverPort = port
		return stop, nil
	case <-time.After(startupLimit):
		stop()
		return nil, fmt.Errorf("server not ready after %v", startupLimit)
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) WriteString(str string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.WriteString(str)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// result is a finished client process.
type result struct {
	stdout, stderr string
	code           int
}

// clientLimit bounds one client run so a hung client fails the test instead
// of the whole package timing out; it is not a speed assertion.
const clientLimit = 2 * time.Minute

// runClient runs name with args, stdin and extra environment (KEY=VALUE) and
// returns its output and exit code. It fails the test only if the program
// cannot be started or hangs.
func runClient(t *testing.T, stdin string, env []string, name string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), clientLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	res := result{stdout: out.String(), stderr: errOut.String()}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("%s %q did not finish within %v\nstdout:\n%s\nstderr:\n%s", name, args, clientLimit, res.stdout, res.stderr)
	case errors.As(err, &ee):
		res.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("run %s: %v", name, err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("%s %q\nexit %d\nstdout:\n%s\nstderr:\n%s", name, args, res.code, res.stdout, res.stderr)
		}
	})
	return res
}

// needTool skips the test when program is not on PATH.
func needTool(t *testing.T, program, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(program)
	if err != nil {
		t.Skipf("%s not installed (install the %s package; .ci/run does)", program, pkg)
	}
	return p
}

// uniqueName returns a table name unique to the test, so tests sharing the
// server do not collide.
func uniqueName(t *testing.T, prefix string) string {
	t.Helper()
	r := strings.NewReplacer("/", "_", " ", "_", "-", "_", ".", "_", "=", "_")
	return prefix + "_" + strings.ToLower(r.Replace(t.Name()))
}

// wantContains fails the test for each want missing from got.
func wantContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, got)
		}
	}
}
