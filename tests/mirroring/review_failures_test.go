package mirroring_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Failure review (issue #6, session 32): real processes fail in the ways a
// DBA meets, and afterwards every acknowledged commit is on both copies and
// nothing is there twice or uninvited.

// TestReviewMirrorKilledUnderSafetyOff: the mirror of a high-performance
// session (SAFETY OFF: the principal never waits for it, so it may be far
// behind) is SIGKILLed mid-stream and restarted. It must resume from what it
// hardened — no gap (1412), no log applied twice — and, once the session is
// made FULL and failed over, hold exactly the principal's rows.
// (TestReviewMirrorKilledDuringGroupedRedo covers SAFETY FULL.)
func TestReviewMirrorKilledUnderSafetyOff(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	c.mustAlter(p, "SET PARTNER SAFETY OFF")
	c.waitRow(m, "SAFETY OFF", func(r mirroringRow) bool { return r.Safety == "OFF" })
	const base, n = 1_000_000, 4
	w := startPinnedWriters(t, p.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, base)
	time.Sleep(1500 * time.Millisecond) // a stream in flight before the kill (not an assertion)
	m.Kill()
	time.Sleep(500 * time.Millisecond)
	m.Restart()
	c.waitRole(m, "MIRROR", "SYNCHRONIZED")
	time.Sleep(time.Second) // more stream after the restart
	w.stop()
	if a, _ := w.counts(); a == 0 {
		t.Fatal("no commit acknowledged during the test")
	}
	onPrincipal := c.mustIDs(p)
	w.check(t, p.Name, onPrincipal, base, n)
	for _, s := range []*harness.Server{p, m} {
		if c.errorLogHas(s, "has not been rolled forward to a point in time") {
			t.Errorf("%s: a log gap (1412) after the mirror's restart", s.Name)
		}
	}
	c.mustAlter(p, "SET PARTNER SAFETY FULL")
	c.manualFailover(p, m)
	sameIDs(t, c.mustIDs(m), onPrincipal, m.Name, p.Name)
}

// TestReviewWitnessRestartedDuringManualFailover: the witness is killed as
// SET PARTNER FAILOVER runs and restarted a moment later. A manual failover
// needs no witness (§1.9.1): it completes, and the restarted witness must
// learn the new principal — not bring back the old one — so that a later
// automatic failover goes the right way and loses nothing.
func TestReviewWitnessRestartedDuringManualFailover(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	p, m, wit := c.principal, c.mirror, c.witness
	c.insertEvents(p, 0, 20)
	c.waitState(p, "SYNCHRONIZED")
	done := make(chan error, 1)
	go func() { done <- c.alter(p, "SET PARTNER FAILOVER") }()
	wit.Kill()
	if err := <-done; err != nil {
		t.Fatalf("FAILOVER with the witness killed: %v", err)
	}
	time.Sleep(300 * time.Millisecond)
	wit.Restart()
	c.waitRole(m, "PRINCIPAL", "SYNCHRONIZED")
	c.waitRole(p, "MIRROR", "SYNCHRONIZED")
	for _, s := range []*harness.Server{p, m} {
		c.waitRow(s, "witness CONNECTED", func(r mirroringRow) bool { return r.WitnessState == "CONNECTED" })
	}
	seq := c.mustRow(m).Seq
	c.waitFor("the witness knows the new principal", failoverBound, func() (bool, error) {
		var principal string
		var rs int64
		err := c.master(wit).QueryRow("SELECT principal_server_name, role_sequence_number FROM sys.database_mirroring_witnesses").Scan(&principal, &rs)
		return err == nil && principal == m.Name && rs == seq, nil
	})
	c.insertEvents(m, 20, 40)

	// The witness now arbitrates for the new principal: kill it, and the
	// old principal (now mirror) takes over with every row.
	if !c.tryWaitFailoverable(m, p) {
		t.Fatalf("the session never became failover-able again; %s", c.describe())
	}
	m.Kill()
	c.waitRole(p, "PRINCIPAL", "")
	if n, err := c.count(p, "events"); err != nil || n != 40 {
		t.Errorf("rows after the automatic failover back: %d (%v), want 40", n, err)
	}
}

// TestReviewEndpointStoppedAndStarted: ALTER ENDPOINT … STATE = STOPPED on a
// partner takes its mirroring transport down (§2.4); the session is
// DISCONNECTED and, without a witness, the principal keeps serving exposed.
// STATE = STARTED brings the session back to SYNCHRONIZED with the rows
// written meanwhile — for the mirror's endpoint, then the principal's.
func TestReviewEndpointStoppedAndStarted(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	rows := 0
	for _, s := range []*harness.Server{m, p} {
		c.mustExec(s, "ALTER ENDPOINT Mirroring STATE = STOPPED")
		var state string
		if err := c.master(s).QueryRow("SELECT state_desc FROM sys.database_mirroring_endpoints").Scan(&state); err != nil || state != "STOPPED" {
			t.Errorf("%s: sys.database_mirroring_endpoints state_desc %q (%v), want STOPPED", s.Name, state, err)
		}
		c.waitState(p, "DISCONNECTED")
		c.waitState(m, "DISCONNECTED")
		c.insertEvents(p, rows, rows+20) // exposed, but serving
		rows += 20
		c.mustExec(s, "ALTER ENDPOINT Mirroring STATE = STARTED")
		c.waitRole(p, "PRINCIPAL", "SYNCHRONIZED")
		c.waitRole(m, "MIRROR", "SYNCHRONIZED")
	}
	c.manualFailover(p, m)
	if n, err := c.count(m, "events"); err != nil || n != rows {
		t.Errorf("rows on the new principal: %d (%v), want %d", n, err, rows)
	}
	if got := fmt.Sprint(c.mustRow(m).Seq); got != "2" {
		t.Errorf("role sequence after one failover: %s, want 2", got)
	}
}

// TestReviewPrincipalDiskFull: the principal's disk fills up under SAFETY
// FULL. The statement that finds no room fails with SQL Server's 1105 or
// 9002 (severity 17) and rolls back; nothing of it reaches the mirror,
// which keeps every commit it hardened. Once there is room again the
// principal writes on, the session is SYNCHRONIZED, and after a failover
// the mirror holds exactly the acknowledged rows.
func TestReviewPrincipalDiskFull(t *testing.T) {
	fs := mountSmallFS(t, mirrorDiskFS)
	c := newCluster(t, setupOptions{principalData: filepath.Join(fs, "data")})
	p, m := c.principal, c.mirror
	db := p.DB(dbName)
	harness.MustExec(t, db, "CREATE TABLE dbo.big (id int NOT NULL PRIMARY KEY, payload varchar(4000) NOT NULL)")
	const rows = 100
	insert := func(first int) error {
		var b strings.Builder
		b.WriteString("INSERT dbo.big (id, payload) VALUES ")
		for i := range rows {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "(%d, REPLICATE('p', 4000))", first+i)
		}
		_, err := db.ExecContext(context.Background(), b.String())
		return err
	}
	// Leave 24 MiB above the engine's 64 MiB reserve.
	filler := fillDisk(t, fs, (64+24)<<20)
	acked := 0
	var full mssql.Error
	for {
		if acked > 100_000 {
			t.Fatalf("no error after %d rows", acked)
		}
		err := insert(acked)
		if err == nil {
			acked += rows
			continue
		}
		if !errors.As(err, &full) || (full.Number != 1105 && full.Number != 9002) || full.Class != 17 {
			t.Fatalf("insert at %d on the full disk: %v, want 1105 or 9002 (severity 17)", acked, err)
		}
		break
	}
	t.Logf("the principal's disk full after %d rows: %d (severity %d) %s", acked, full.Number, full.Class, full.Message)
	if !p.Running() {
		t.Fatalf("the principal exited on a full disk")
	}
	if r := c.mustRow(p); r.Role != "PRINCIPAL" {
		t.Errorf("the principal with a full disk: %v", r)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := insert(acked); err != nil {
			t.Fatalf("insert after freeing space: %v", err)
		}
		acked += rows
	}
	c.manualFailover(p, m)
	var n, lo, hi int
	if err := c.master(m).QueryRow("SELECT COUNT(*), ISNULL(MIN(id), 0), ISNULL(MAX(id), -1) FROM "+dbName+".dbo.big").Scan(&n, &lo, &hi); err != nil {
		t.Fatal(err)
	}
	if n != acked || lo != 0 || hi != acked-1 {
		t.Errorf("the new principal has %d rows (ids %d..%d), want exactly the %d acknowledged (ids 0..%d)", n, lo, hi, acked, acked-1)
	}
}
