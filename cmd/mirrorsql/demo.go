package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "github.com/microsoft/go-mssqldb" // the "sqlserver" driver
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/urfave/cli/v2"
)

func demoCommand() *cli.Command {
	return &cli.Command{
		Name:  "demo",
		Usage: "run principal, mirror and witness on loopback and fail over under a live writer",
		// Its own variables, not serve's: --data here holds three instances,
		// and a MIRRORSQL_DATA exported for serve must not become the demo's.
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "data", Usage: "directory for the three instances (default: a new temporary directory, removed at the end)", EnvVars: []string{"MIRRORSQL_DEMO_DATA"}},
			&cli.DurationFlag{Name: "before", Value: 4 * time.Second, Usage: "how long the writer runs before the principal is killed", EnvVars: []string{"MIRRORSQL_DEMO_BEFORE"}},
			&cli.DurationFlag{Name: "after", Value: 4 * time.Second, Usage: "how long the writer runs after it resumed on the new principal", EnvVars: []string{"MIRRORSQL_DEMO_AFTER"}},
			&cli.IntFlag{Name: "timeout", Value: 5, Usage: "mirroring TIMEOUT in seconds (SQL Server's minimum is 5)", EnvVars: []string{"MIRRORSQL_DEMO_TIMEOUT"}},
		},
		Action: func(c *cli.Context) error {
			ctx, stop := signal.NotifyContext(c.Context, syscall.SIGTERM, os.Interrupt)
			defer stop()
			return runDemo(ctx, c.App.Writer, c.String("data"), c.Duration("before"), c.Duration("after"), c.Int("timeout"))
		},
	}
}

const demoPassword = "Demo_Passw0rd!"

// demoInstance is one child `mirrorsql serve` process.
type demoInstance struct {
	name     string
	dir      string
	port     int
	endpoint int
	cmd      *exec.Cmd
	logFile  *os.File
}

func (d *demoInstance) dsn(db string) string {
	return fmt.Sprintf("sqlserver://sa:%s@127.0.0.1:%d?database=%s&encrypt=disable&connection+timeout=3&dial+timeout=2", url.QueryEscape(demoPassword), d.port, db)
}

func (d *demoInstance) endpointURL() string { return fmt.Sprintf("TCP://127.0.0.1:%d", d.endpoint) }

// freePorts returns n distinct TCP ports on 127.0.0.1 that were free a moment
// ago. Every listener stays open until all n are chosen: closed one by one,
// the kernel may hand the same port out twice (seen: alpha's and bravo's
// mirroring endpoints on one port, CREATE ENDPOINT failing with "address
// already in use").
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// start launches the instance as a child process and waits until it answers.
func (d *demoInstance) start(ctx context.Context) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	if d.logFile == nil {
		if d.logFile, err = os.OpenFile(filepath.Join(d.dir, "..", d.name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
			return err
		}
	}
	d.cmd = exec.Command(exe, "serve", "--name", d.name, "--port", strconv.Itoa(d.port), "--data", d.dir, "--sa-password", demoPassword)
	d.cmd.Stdout, d.cmd.Stderr = d.logFile, d.logFile
	if err := d.cmd.Start(); err != nil {
		return err
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if db, err := sql.Open("sqlserver", d.dsn("master")); err == nil {
			pctx, cancel := context.WithTimeout(ctx, time.Second)
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
	return fmt.Errorf("%s did not start; see %s", d.name, d.logFile.Name())
}

func (d *demoInstance) kill() {
	if d.cmd != nil && d.cmd.Process != nil {
		_ = d.cmd.Process.Kill()
		_, _ = d.cmd.Process.Wait()
	}
}

func (d *demoInstance) stop() {
	if d.cmd != nil && d.cmd.Process != nil {
		_ = d.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _, _ = d.cmd.Process.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			d.kill()
		}
	}
}

// exec runs T-SQL batches (split on GO lines) against the instance.
func (d *demoInstance) exec(ctx context.Context, script string) error {
	db, err := sql.Open("sqlserver", d.dsn("master"))
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
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
			return fmt.Errorf("%s: %w\n  in: %s", d.name, err, text)
		}
	}
	return nil
}

// mirroringRow reads sys.database_mirroring for the demo database.
func (d *demoInstance) mirroringRow(ctx context.Context) (role, state string, seq int64, err error) {
	db, err := sql.Open("sqlserver", d.dsn("master"))
	if err != nil {
		return "", "", 0, err
	}
	defer db.Close()
	qctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	var r, s sql.NullString
	var n sql.NullInt64
	err = db.QueryRowContext(qctx, `SELECT m.mirroring_role_desc, m.mirroring_state_desc, m.mirroring_role_sequence
		FROM sys.database_mirroring m JOIN sys.databases d ON d.database_id = m.database_id WHERE d.name = 'demo'`).Scan(&r, &s, &n)
	return r.String, s.String, n.Int64, err
}

type demoLog struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
}

func (l *demoLog) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "[%6.2fs] %s\n", time.Since(l.start).Seconds(), fmt.Sprintf(format, args...))
}

func runDemo(ctx context.Context, w io.Writer, dataDir string, before, after time.Duration, timeout int) (err error) {
	log := &demoLog{w: w, start: time.Now()}
	if dataDir == "" {
		if dataDir, err = os.MkdirTemp("", "mirrorsql-demo-"); err != nil {
			return err
		}
		defer os.RemoveAll(dataDir)
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	inst := make([]*demoInstance, 3)
	ports, err := freePorts(2 * len(inst))
	if err != nil {
		return err
	}
	for i, name := range []string{"alpha", "bravo", "witness"} {
		inst[i] = &demoInstance{name: name, dir: filepath.Join(dataDir, name), port: ports[2*i], endpoint: ports[2*i+1]}
	}
	a, b, wit := inst[0], inst[1], inst[2]
	defer func() {
		for _, d := range inst {
			d.stop()
			if d.logFile != nil {
				d.logFile.Close()
			}
		}
	}()
	fmt.Fprintf(w, "mirrorsql demo — principal %q, mirror %q and witness %q on 127.0.0.1 (logs in %s)\n\n", a.name, b.name, wit.name, dataDir)
	for _, d := range inst {
		if err := d.start(ctx); err != nil {
			return err
		}
		log.printf("%-7s is up: clients on 127.0.0.1,%d, mirroring endpoint %s", d.name, d.port, d.endpointURL())
	}

	log.printf("setting up mirroring with the T-SQL a DBA runs on SQL Server")
	backup := filepath.Join(dataDir, "demo.bak")
	logBackup := filepath.Join(dataDir, "demo.trn")
	steps := []struct {
		on     *demoInstance
		script string
	}{
		{a, fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = PARTNER)", a.endpoint)},
		{b, fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = ALL)", b.endpoint)},
		{wit, fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = WITNESS)", wit.endpoint)},
		{a, "CREATE DATABASE demo\nGO\nALTER DATABASE demo SET RECOVERY FULL\nGO\n" +
			"USE demo; CREATE TABLE dbo.events (id int NOT NULL PRIMARY KEY, written_on sysname NOT NULL, at datetime2 NOT NULL DEFAULT SYSUTCDATETIME())"},
		{a, fmt.Sprintf("BACKUP DATABASE demo TO DISK = '%s' WITH FORMAT, INIT\nGO\nBACKUP LOG demo TO DISK = '%s' WITH INIT", backup, logBackup)},
		{b, fmt.Sprintf("RESTORE DATABASE demo FROM DISK = '%s' WITH NORECOVERY\nGO\nRESTORE LOG demo FROM DISK = '%s' WITH NORECOVERY", backup, logBackup)},
		{b, fmt.Sprintf("ALTER DATABASE demo SET PARTNER = '%s'", a.endpointURL())},
		{a, fmt.Sprintf("ALTER DATABASE demo SET PARTNER = '%s'", b.endpointURL())},
		{a, fmt.Sprintf("ALTER DATABASE demo SET PARTNER TIMEOUT %d", timeout)},
	}
	run := func(on *demoInstance, script string) error {
		for _, batch := range tsql.SplitScript(script) {
			if text := strings.TrimSpace(batch.Text); text != "" {
				log.printf("  %-7s> %s", on.name, strings.ReplaceAll(text, "\n", " "))
			}
		}
		return on.exec(ctx, script)
	}
	for _, st := range steps {
		if err := run(st.on, st.script); err != nil {
			return err
		}
	}
	// SET WITNESS needs a SYNCHRONIZED session (error 1426 otherwise), as on SQL Server.
	if err := waitFor(ctx, 20*time.Second, func() bool {
		_, state, _, err := a.mirroringRow(ctx)
		return err == nil && state == "SYNCHRONIZED"
	}); err != nil {
		return errors.New("the session did not reach SYNCHRONIZED")
	}
	log.printf("the session is SYNCHRONIZED; adding the witness")
	if err := run(a, fmt.Sprintf("ALTER DATABASE demo SET WITNESS = '%s'", wit.endpointURL())); err != nil {
		return err
	}
	for _, d := range []*demoInstance{a, b} {
		role, state, seq, _ := d.mirroringRow(ctx)
		log.printf("sys.database_mirroring on %-7s: role %-9s state %-13s role sequence %d", d.name, role, state, seq)
	}

	// The writer: one connection string naming both partners, as applications use.
	dsn := a.dsn("demo") + fmt.Sprintf("&failoverpartner=127.0.0.1&failoverport=%d", b.port)
	log.printf("writer connects with failover partner: %s", strings.Replace(dsn, url.QueryEscape(demoPassword), "***", 1))
	wr := &demoWriter{dsn: dsn, log: log}
	wctx, stopWriter := context.WithCancel(ctx)
	defer stopWriter()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); wr.run(wctx) }()

	sleepCtx(ctx, before)
	a.kill()
	killedAt := time.Now()
	log.printf("*** kill -9 %s (the principal) with %d rows acknowledged ***", a.name, wr.acked())

	if err := waitFor(ctx, time.Duration(timeout+20)*time.Second, func() bool {
		role, _, _, err := b.mirroringRow(ctx)
		return err == nil && role == "PRINCIPAL"
	}); err != nil {
		stopWriter()
		wg.Wait()
		return errors.New("automatic failover did not happen")
	}
	role, state, seq, _ := b.mirroringRow(ctx)
	log.printf("%s is now %s (state %s, role sequence %d) %.1fs after the kill", b.name, role, state, seq, time.Since(killedAt).Seconds())
	if err := waitFor(ctx, 30*time.Second, func() bool { return wr.resumedAfter(killedAt) }); err != nil {
		log.printf("the writer has not resumed yet")
	} else {
		log.printf("the writer resumed on %s %.1fs after the kill", b.name, wr.firstAckAfter(killedAt).Sub(killedAt).Seconds())
	}

	log.printf("restarting %s", a.name)
	if err := a.start(ctx); err != nil {
		return err
	}
	if err := waitFor(ctx, 30*time.Second, func() bool {
		role, _, _, err := a.mirroringRow(ctx)
		return err == nil && role == "MIRROR"
	}); err == nil {
		role, state, seq, _ := a.mirroringRow(ctx)
		log.printf("%s returned as %s (state %s, role sequence %d) — no manual step", a.name, role, state, seq)
	} else {
		log.printf("%s has not rejoined as mirror yet", a.name)
	}
	sleepCtx(ctx, after)
	stopWriter()
	wg.Wait()

	// Every acknowledged row must be on the new principal.
	db, err := sql.Open("sqlserver", b.dsn("demo"))
	if err != nil {
		return err
	}
	defer db.Close()
	present := map[int]bool{}
	rows, err := db.QueryContext(ctx, "SELECT id FROM dbo.events")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		present[id] = true
	}
	rows.Close()
	missing := 0
	for _, id := range wr.ackedIDs() {
		if !present[id] {
			missing++
		}
	}
	log.printf("verification on %s: %d rows acknowledged, %d present, %d acknowledged rows missing", b.name, wr.acked(), len(present), missing)
	if missing > 0 {
		return cli.Exit(fmt.Sprintf("%d acknowledged rows were lost", missing), 2)
	}
	fmt.Fprintln(w, "\nno acknowledged commit was lost.")
	return nil
}

// demoWriter inserts rows one by one and remembers which were acknowledged.
type demoWriter struct {
	dsn string
	log *demoLog
	mu  sync.Mutex
	ids []int
	at  []time.Time
}

func (dw *demoWriter) run(ctx context.Context) {
	db, err := sql.Open("sqlserver", dw.dsn)
	if err != nil {
		dw.log.printf("writer: %v", err)
		return
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	failing := false
	for id := 1; ctx.Err() == nil; id++ {
		qctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		var server string
		err := db.QueryRowContext(qctx, "INSERT INTO dbo.events (id, written_on) VALUES (@p1, @@SERVERNAME); SELECT @@SERVERNAME", id).Scan(&server)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			if !failing {
				dw.log.printf("writer: insert %d failed: %v — reconnecting", id, err)
				failing = true
			}
			time.Sleep(200 * time.Millisecond)
			continue
		}
		dw.mu.Lock()
		dw.ids = append(dw.ids, id)
		dw.at = append(dw.at, time.Now())
		n := len(dw.ids)
		dw.mu.Unlock()
		if failing || n%200 == 1 {
			dw.log.printf("writer: row %d acknowledged by %s (%d acknowledged so far)", id, server, n)
			failing = false
		}
	}
}

func (dw *demoWriter) acked() int {
	dw.mu.Lock()
	defer dw.mu.Unlock()
	return len(dw.ids)
}

func (dw *demoWriter) ackedIDs() []int {
	dw.mu.Lock()
	defer dw.mu.Unlock()
	return append([]int(nil), dw.ids...)
}

func (dw *demoWriter) firstAckAfter(t time.Time) time.Time {
	dw.mu.Lock()
	defer dw.mu.Unlock()
	for _, at := range dw.at {
		if at.After(t) {
			return at
		}
	}
	return time.Time{}
}

func (dw *demoWriter) resumedAfter(t time.Time) bool { return !dw.firstAckAfter(t).IsZero() }

func waitFor(ctx context.Context, d time.Duration, cond func() bool) error {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	return errors.New("timed out")
}

func sleepCtx(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
