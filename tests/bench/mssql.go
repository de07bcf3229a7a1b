package main

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/microsoft/go-mssqldb" // the "sqlserver" driver
	"github.com/mirrorsql/mirrorsql/tsql"
)

const saPassword = "Bench_Passw0rd!"

// instance is one child `mirrorsql serve` process started the way an
// operator starts it (see cmd/mirrorsql/serve.go flags).
type instance struct {
	name     string
	bin      string
	dir      string
	port     int
	endpoint int
	cmd      *exec.Cmd
	log      *os.File
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func newInstance(bin, work, name string) (*instance, error) {
	in := &instance{name: name, bin: bin, dir: filepath.Join(work, name)}
	var err error
	if in.port, err = freePort(); err != nil {
		return nil, err
	}
	if in.endpoint, err = freePort(); err != nil {
		return nil, err
	}
	return in, nil
}

// dsn is go-mssqldb's connection string for database db, with the driver's
// defaults but for the dial timeout. No "connection timeout": in go-mssqldb
// it is not a login timeout (as in ADO.NET) but a deadline set before every
// socket read and write (timeoutConn), three per SELECT 1 round trip at
// 0.24–0.65 µs each here, 4.5 % of go-mssqldb's CPU profile (session 23,
// docs/benchmarks.md); pgx on the PostgreSQL side sets none, and the
// driver's documentation advises contexts instead. Until session 23 it was
// 30 (seconds).
func (in *instance) dsn(db string) string {
	return fmt.Sprintf("sqlserver://sa:%s@127.0.0.1:%d?database=%s&encrypt=disable&dial+timeout=5",
		url.QueryEscape(saPassword), in.port, db)
}

func (in *instance) endpointURL() string { return fmt.Sprintf("TCP://127.0.0.1:%d", in.endpoint) }

// start launches the server and waits until it accepts a login.
func (in *instance) start(ctx context.Context) error {
	var err error
	if in.log == nil {
		if in.log, err = os.OpenFile(in.dir+".log", os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
			return err
		}
	}
	in.cmd = exec.Command(in.bin, "serve", "--name", in.name, "--port", strconv.Itoa(in.port), "--data", in.dir, "--sa-password", saPassword, "--log-level", "warn")
	in.cmd.Stdout, in.cmd.Stderr = in.log, in.log
	if err := in.cmd.Start(); err != nil {
		return err
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		db, err := sql.Open("sqlserver", in.dsn("master"))
		if err == nil {
			pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			err = db.PingContext(pctx)
			cancel()
			db.Close()
			if err == nil {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s did not start; see %s", in.name, in.log.Name())
}

// stop sends SIGTERM and waits (SIGKILL after 15 s).
func (in *instance) stop() {
	if in.cmd == nil || in.cmd.Process == nil {
		return
	}
	_ = in.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _, _ = in.cmd.Process.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = in.cmd.Process.Kill()
		<-done
	}
	in.cmd = nil
	if in.log != nil {
		in.log.Close()
		in.log = nil
	}
}

// exec runs T-SQL batches (split on GO lines) on one connection.
func (in *instance) exec(ctx context.Context, db, script string) error {
	pool, err := sql.Open("sqlserver", in.dsn(db))
	if err != nil {
		return err
	}
	defer pool.Close()
	conn, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, batch := range tsql.SplitScript(script) {
		text := strings.TrimSpace(batch.Text)
		if text == "" {
			continue
		}
		if _, err := conn.ExecContext(ctx, text); err != nil {
			return fmt.Errorf("%s: %w\n  in: %s", in.name, err, text)
		}
	}
	return nil
}

// mirroringState reads sys.database_mirroring for database db.
func (in *instance) mirroringState(ctx context.Context, db string) (role, state string, err error) {
	pool, err := sql.Open("sqlserver", in.dsn("master"))
	if err != nil {
		return "", "", err
	}
	defer pool.Close()
	qctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	var r, s sql.NullString
	err = pool.QueryRowContext(qctx, `SELECT m.mirroring_role_desc, m.mirroring_state_desc
		FROM sys.database_mirroring m JOIN sys.databases d ON d.database_id = m.database_id WHERE d.name = @p1`, db).Scan(&r, &s)
	return r.String, s.String, err
}

// rssKiB returns the resident set size of the server process (VmRSS).
func (in *instance) rssKiB() (int64, error) {
	return rssOf(in.cmd.Process.Pid)
}

func rssOf(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				return strconv.ParseInt(f[1], 10, 64)
			}
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", pid)
}

// waitFor polls cond every 100 ms until it holds or d passes.
func waitFor(ctx context.Context, d time.Duration, cond func() bool) error {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("condition not met within %s", d)
}
