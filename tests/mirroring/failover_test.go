package mirroring_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestStreamingAndSafety: rows committed on the principal reach the mirror
// (read after a manual failover, the only way to read a mirror copy), and
// SAFETY switches live between FULL and OFF (§1.2) as both partners report.
func TestStreamingAndSafety(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	insert := func(from, to int) {
		t.Helper()
		for id := from; id < to; id++ {
			harness.MustExec(t, c.master(p), fmt.Sprintf("INSERT INTO %s.dbo.events (id, written_on) VALUES (%d, @@SERVERNAME)", dbName, id))
		}
	}
	insert(0, 50)
	for _, safety := range []string{"OFF", "FULL"} {
		c.mustAlter(p, "SET PARTNER SAFETY "+safety)
		for _, s := range []*harness.Server{p, m} {
			c.waitFor(s.Name+" safety "+safety, 30*time.Second, func() (bool, error) {
				r, err := c.row(s)
				return err == nil && r.Safety == safety, err
			})
		}
		if safety == "OFF" {
			if r := c.mustRow(p); r.State != "SYNCHRONIZING" && r.State != "SYNCHRONIZED" {
				t.Errorf("SAFETY OFF: principal state %s, want SYNCHRONIZING (§2.2; SYNCHRONIZED tolerated)", r.State)
			}
			insert(50, 100)
		}
	}
	if err := c.alter(m, "SET PARTNER SAFETY OFF"); err == nil {
		t.Errorf("SET PARTNER SAFETY on the mirror succeeded, want an error (principal only)")
	} else {
		t.Logf("SAFETY on the mirror: %v", err)
	}
	insert(100, 150)
	c.waitState(p, "SYNCHRONIZED")
	c.mustAlter(p, "SET PARTNER FAILOVER")
	c.waitRole(m, "PRINCIPAL", "")
	n, err := c.count(m, "events")
	if err != nil || n != 150 {
		t.Fatalf("events on the former mirror after failover: %d (%v), want 150", n, err)
	}
}

// TestManualFailover: SET PARTNER FAILOVER swaps the roles and increments the
// role sequence (§2.5); an application on a failover-partner DSN keeps
// writing; FAILOVER is refused with SAFETY OFF (1477) and on the mirror. The
// time from the ALTER to the first write acknowledged by the new principal is
// logged (median of the runs).
func TestManualFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	w := startWriter(t, c.failoverDSN(c.principal), 1)
	cur, oth := c.principal, c.mirror
	w.waitAckBy(time.Time{}, cur.Name, 30*time.Second)

	t.Run("on the mirror", func(t *testing.T) {
		c := c.in(t)
		err := c.alter(oth, "SET PARTNER FAILOVER")
		t.Logf("FAILOVER on the mirror: %v", err)
		if err == nil {
			t.Fatal("FAILOVER on the mirror succeeded")
		}
	})
	t.Run("safety off", func(t *testing.T) {
		c := c.in(t)
		c.mustAlter(cur, "SET PARTNER SAFETY OFF")
		err := c.alter(cur, "SET PARTNER FAILOVER")
		if errNumber(err) != 1477 {
			t.Errorf("FAILOVER with SAFETY OFF: %v, want error 1477", err)
		}
		c.mustAlter(cur, "SET PARTNER SAFETY FULL")
		c.waitState(cur, "SYNCHRONIZED")
	})

	runs := 3
	if long() {
		runs = 10
	}
	var times []time.Duration
	for i := 0; i < runs; i++ {
		c.waitState(cur, "SYNCHRONIZED")
		c.waitState(oth, "SYNCHRONIZED")
		before := c.mustRow(cur)
		start := time.Now()
		// 1404 (mirror busy) asks to reissue the command later (§5): retry it.
		for err := c.alter(cur, "SET PARTNER FAILOVER"); err != nil; err = c.alter(cur, "SET PARTNER FAILOVER") {
			if errNumber(err) != 1404 || time.Since(start) > failoverBound {
				t.Fatalf("run %d: FAILOVER on %s: %v; %s", i, cur.Name, err, c.describe())
			}
			t.Logf("run %d: FAILOVER: %v; reissuing", i, err)
			time.Sleep(100 * time.Millisecond)
			start = time.Now()
		}
		at := w.waitAckBy(start, oth.Name, failoverBound)
		times = append(times, at.Sub(start))
		after := c.waitRole(oth, "PRINCIPAL", "")
		if _, ok := c.tryWaitRow(cur, func(r mirroringRow) bool { return r.Role == "MIRROR" && r.State == "SYNCHRONIZED" }); !ok {
			// Liveness (a known-bug skip until a straggler commit could no longer
			// land after the former principal's log cut, engine Commit).
			t.Fatalf("run %d: %s did not become a SYNCHRONIZED mirror: %s", i, cur.Name, c.describe())
		}
		if after.Seq != before.Seq+1 {
			t.Errorf("run %d: role sequence %d → %d, want +1", i, before.Seq, after.Seq)
		}
		if i == 0 { // the error log's 1480, which DBAs alert on
			c.wantRoleChangeLogged(oth, "MIRROR", "PRINCIPAL", "manual failover")
			c.wantRoleChangeLogged(cur, "PRINCIPAL", "MIRROR", "manual failover")
		}
		t.Logf("run %d: %s → %s, ALTER → first write on the new principal %v", i, cur.Name, oth.Name, at.Sub(start).Round(time.Millisecond))
		cur, oth = oth, cur
	}
	w.stop()
	med, worst := durationStats(times)
	t.Logf("manual failover, ALTER → first acknowledged write: median %v, worst %v over %d runs", med.Round(time.Millisecond), worst.Round(time.Millisecond), runs)
	c.waitState(cur, "SYNCHRONIZED")
	present, err := c.ids(cur)
	if err != nil {
		t.Fatal(err)
	}
	if lost := missing(w.acked(), present); len(lost) > 0 {
		t.Errorf("%d acknowledged rows missing on %s: %v", len(lost), cur.Name, head(lost))
	}
}

// TestAutomaticFailover: kill -9 of the principal under a writer; the mirror
// takes over within TIMEOUT plus slack (§1.4), the writer resumes through its
// failover partner, the old principal restarts and rejoins as MIRROR and
// resynchronizes with no manual step, and no acknowledged row is lost. The
// time from the kill to the first acknowledged write on the new principal is
// logged (median and worst); 3 runs, 20 with MIRRORSQL_LONG=1.
func TestAutomaticFailover(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	w := startWriter(t, c.failoverDSN(c.principal), 1)
	cur, oth := c.principal, c.mirror
	runs := 3
	if long() {
		runs = 20
	}
	var times []time.Duration
	for i := 0; i < runs; i++ {
		c.waitRole(cur, "PRINCIPAL", "SYNCHRONIZED")
		c.waitRole(oth, "MIRROR", "SYNCHRONIZED")
		w.waitAckBy(time.Now(), cur.Name, 30*time.Second)
		seq := c.mustRow(cur).Seq
		cur.Kill()
		killed := time.Now()
		r, ok := c.tryWaitRow(oth, func(r mirroringRow) bool { return r.Role == "PRINCIPAL" })
		if !ok {
			t.Fatalf("run %d: no automatic failover: %s", i, c.describe())
		}
		took := time.Since(killed)
		at := w.waitAckBy(killed, oth.Name, failoverBound)
		times = append(times, at.Sub(killed))
		if r.Seq <= seq {
			t.Errorf("run %d: role sequence %d after failover, want > %d", i, r.Seq, seq)
		}
		if i == 0 {
			c.wantRoleChangeLogged(oth, "MIRROR", "PRINCIPAL", "automatic failover")
		}
		if r.State != "DISCONNECTED" && r.State != "SUSPENDED" {
			t.Logf("run %d: new principal state %s right after failover (expected DISCONNECTED)", i, r.State)
		}
		t.Logf("run %d: kill %s → %s PRINCIPAL after %v, first write %v", i, cur.Name, oth.Name, took.Round(time.Millisecond), at.Sub(killed).Round(time.Millisecond))
		cur.Restart()
		c.waitRole(cur, "MIRROR", "SYNCHRONIZED")
		c.waitRole(oth, "PRINCIPAL", "SYNCHRONIZED")
		if i == 0 {
			// Restarted, the former principal still held the principal role
			// and had no quorum until the others answered: SQL Server's 1445.
			text := "Bypassing recovery for database '" + dbName + "' because it is marked as an inaccessible database mirroring database."
			if !c.errorLogHas(cur, text) {
				t.Errorf("%s restarted without quorum: no error-log row with %q", cur.Name, text)
			}
		}
		cur, oth = oth, cur
	}
	w.stop()
	med, worst := durationStats(times)
	t.Logf("automatic failover, kill -9 → first acknowledged write: median %v, worst %v over %d runs (TIMEOUT %d s)", med.Round(time.Millisecond), worst.Round(time.Millisecond), runs, partnerTimeout)
	present, err := c.ids(cur)
	if err != nil {
		t.Fatal(err)
	}
	if lost := missing(w.acked(), present); len(lost) > 0 {
		t.Errorf("%d of %d acknowledged rows missing on %s: %v", len(lost), w.count(), cur.Name, head(lost))
	}
}

// head returns at most the first 10 elements of ids (for messages).
func head(ids []int) []int {
	if len(ids) > 10 {
		return ids[:10]
	}
	return ids
}
