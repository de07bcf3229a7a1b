package tests

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine"
	execpkg "github.com/mirrorsql/mirrorsql/engine/exec"
)

// Recovery time after a crash with a long redo ("Recovery after a crash with
// 1 GB of log since the last checkpoint: under 10 s", issue 4).
//
// TestRecoveryTime re-runs this test binary as a child process
// (TestRecoveryChild, selected by recoveryChildEnv) that opens an instance with
// automatic checkpoints off (Config.CheckpointInterval and CheckpointLogBytes
// negative), writes MIRRORSQL_RECOVERY_MB (default 1024) MiB of log in
// 1 MiB transactions and reports the acknowledged row count; the parent then
// SIGKILLs it (no shutdown checkpoint), opens the same data directory
// in-process and times engine.Open, which returns once every database is
// recovered (ONLINE). Long: runs only with MIRRORSQL_LONG=1.
// MIRRORSQL_RECOVERY_PROFILE=file writes a CPU profile of the recovery.

const recoveryChildEnv = "MIRRORSQL_RECOVERY_CHILD"

// recoveryConfig is the instance configuration of both processes.
func recoveryConfig(dir string) engine.Config {
	return engine.Config{DataDir: dir, ServerName: "recovery", SAPassword: "Recovery!Passw0rd", Version: "bench",
		CheckpointInterval: -1, CheckpointLogBytes: -1}
}

const (
	recoveryRowBytes = 5000
	recoveryTxnRows  = 200
)

func TestRecoveryTime(t *testing.T) {
	if os.Getenv("MIRRORSQL_LONG") != "1" {
		t.Skip("long benchmark: set MIRRORSQL_LONG=1 (MIRRORSQL_RECOVERY_MB sizes the log, default 1024)")
	}
	mb := 1024
	if v, err := strconv.Atoi(os.Getenv("MIRRORSQL_RECOVERY_MB")); err == nil && v > 0 {
		mb = v
	}
	dir := t.TempDir()
	child := exec.Command(os.Args[0], "-test.run=^TestRecoveryChild$", "-test.v")
	child.Env = append(os.Environ(), recoveryChildEnv+"="+dir, fmt.Sprintf("MIRRORSQL_RECOVERY_MB=%d", mb))
	child.Stderr = os.Stderr
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	var rows, logBytes int64
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if _, err := fmt.Sscanf(sc.Text(), "READY rows=%d log=%d", &rows, &logBytes); err == nil {
			break
		}
	}
	if rows == 0 {
		child.Process.Kill()
		child.Wait()
		t.Fatalf("child did not report READY (%v)", sc.Err())
	}
	load := time.Since(start)
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	child.Wait()

	if p := os.Getenv("MIRRORSQL_RECOVERY_PROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			t.Fatal(err)
		}
	}
	if p := os.Getenv("MIRRORSQL_RECOVERY_TRACE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := trace.Start(f); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Now()
	inst, err := engine.Open(recoveryConfig(dir))
	trace.Stop()
	recovery := time.Since(t0)
	pprof.StopCPUProfile()
	if err != nil {
		t.Fatalf("open after SIGKILL: %v", err)
	}
	defer inst.Close()
	db := inst.Database("rb")
	if db == nil || db.State() != engine.StateOnline {
		t.Fatalf("database rb not ONLINE after recovery")
	}
	s, err := inst.NewSession("sa", "rb", execpkg.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.EndSession(s)
	got := countRows(t, s)
	if got < rows {
		t.Fatalf("%d rows after recovery, %d acknowledged", got, rows)
	}
	t.Logf("log since checkpoint %.0f MiB (load %.1f s, %.0f MiB/s); recovery (engine.Open until ONLINE) %.2f s = %.0f MiB/s of log; rows %d (acked %d)",
		float64(logBytes)/(1<<20), load.Seconds(), float64(logBytes)/(1<<20)/load.Seconds(), recovery.Seconds(), float64(logBytes)/(1<<20)/recovery.Seconds(), got, rows)
}

// countRows counts dbo.r in session s.
func countRows(t *testing.T, s *execpkg.Session) int64 {
	t.Helper()
	c := &rowCollector{}
	if err := s.ExecBatch(context.Background(), "SELECT COUNT_BIG(*) FROM dbo.r", c); err != nil || c.err != nil || len(c.rows) != 1 {
		t.Fatalf("count rows: %v %v %v", err, c.err, c.rows)
	}
	n, err := strconv.ParseInt(c.rows[0], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRecoveryChild is the writer process of TestRecoveryTime; it does nothing
// unless started by it.
func TestRecoveryChild(t *testing.T) {
	dir := os.Getenv(recoveryChildEnv)
	if dir == "" {
		t.Skip("child process of TestRecoveryTime")
	}
	mb, _ := strconv.Atoi(os.Getenv("MIRRORSQL_RECOVERY_MB"))
	inst, err := engine.Open(recoveryConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	m, err := inst.NewSession("sa", "master", execpkg.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	execOK(t, m, "CREATE DATABASE rb")
	execOK(t, m, "USE rb; CREATE TABLE dbo.r (id bigint NOT NULL PRIMARY KEY, payload varchar(8000) NOT NULL)")
	db := inst.Database("rb")
	if err := db.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
	base := db.Log().EndOfLog().BlockOffset()
	target := uint64(mb) << 20

	var rows atomic.Int64
	var next atomic.Int64
	var wg sync.WaitGroup
	done := func() bool { return db.Log().EndOfLog().BlockOffset()-base >= target }
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := inst.NewSession("sa", "rb", execpkg.SessionInfo{})
			if err != nil {
				t.Error(err)
				return
			}
			for !done() {
				first := next.Add(recoveryTxnRows) - recoveryTxnRows
				var b strings.Builder
				b.WriteString("INSERT dbo.r (id, payload) VALUES ")
				for i := range int64(recoveryTxnRows) {
					if i > 0 {
						b.WriteString(", ")
					}
					fmt.Fprintf(&b, "(%d, REPLICATE(CHAR(65 + %d %% 26), %d))", first+i, (first+i)%26, recoveryRowBytes)
				}
				if err := execErr(s, b.String()); err != nil {
					t.Error(err)
					return
				}
				rows.Add(recoveryTxnRows)
			}
		}()
	}
	wg.Wait()
	fmt.Printf("READY rows=%d log=%d\n", rows.Load(), db.Log().EndOfLog().BlockOffset()-base)
	os.Stdout.Sync()
	time.Sleep(time.Hour) // killed by the parent
}

// rowCollector is an exec.Output keeping the first column of each row as text.
type rowCollector struct {
	execpkg.Output
	rows []string
	err  error
}

func (c *rowCollector) Columns([]execpkg.ResultColumn) error { return nil }
func (c *rowCollector) Row(r execpkg.Row) error {
	c.rows = append(c.rows, r[0].String())
	return nil
}
func (c *rowCollector) Done(execpkg.Cmd, int64, bool, bool, bool) error { return nil }
func (c *rowCollector) Message(*execpkg.Error) error                    { return nil }
func (c *rowCollector) Error(err error) error {
	if c.err == nil {
		c.err = err
	}
	return nil
}
func (c *rowCollector) Transaction(execpkg.TranEvent, uint64) error { return nil }
func (c *rowCollector) DatabaseChanged(string, string) error        { return nil }
func (c *rowCollector) ReturnStatus(int32) error                    { return nil }

func execErr(s *execpkg.Session, sql string) error {
	c := &rowCollector{}
	if err := s.ExecBatch(context.Background(), sql, c); err != nil {
		return err
	}
	return c.err
}

func execOK(t *testing.T, s *execpkg.Session, sql string) {
	t.Helper()
	if err := execErr(s, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}
