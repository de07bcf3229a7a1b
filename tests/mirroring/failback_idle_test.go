package mirroring_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestFailbackToRestartedMirrorIdle: a DBA's rolling upgrade of an idle
// database. FAILOVER with no writes makes the restored mirror, which has no
// log record of its own, principal; the old principal is killed (-9) and
// restarted as mirror — patched — and FAILOVER back must succeed. It used to
// answer 1404 for ever: the restarted mirror named the common end of log by
// its last record, the new principal by the slot-0 LSN of its fork, and the
// mirror never counted itself caught up. A write on the principal after the
// failback reaches the mirror (it is there after one more failover).
//
// At every idle, synchronized step both partners show one end of log in
// sys.database_mirroring, and the failover LSN on both is that end (the log is
// hardened on both): the partners used to name it differently right after
// set-up (the restored mirror's log holds no record), and the mirror showed
// no failover LSN.
func TestFailbackToRestartedMirrorIdle(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	p, m := c.principal, c.mirror
	c.stable(p, m)
	c.sameLogEnd(p, m)
	c.manualFailover(p, m)
	c.stable(m, p)
	c.sameLogEnd(m, p)

	p.Kill()
	p.Restart()
	c.stable(m, p)
	c.sameLogEnd(m, p)
	c.manualFailover(m, p)

	const id = 42
	start := time.Now()
	for err := c.tryInsert(p, id); err != nil; err = c.tryInsert(p, id) {
		if time.Since(start) > failoverBound {
			t.Fatalf("%s, principal again, accepted no write: %v; %s", p.Name, err, c.describe())
		}
		time.Sleep(50 * time.Millisecond)
	}
	c.stable(p, m)
	c.manualFailover(p, m)
	ids, err := c.ids(m)
	if err != nil || !ids[id] {
		t.Fatalf("%s after failing over again: row %d present %v (%v); %s", m.Name, id, ids[id], err, c.describe())
	}
}

// sameLogEnd waits until the synchronized, idle partners show the same
// mirroring_end_of_log_lsn and mirroring_failover_lsn equal to it (reference
// §1.5: the failover LSN is the newest log hardened on both).
func (c *cluster) sameLogEnd(principal, mirror *harness.Server) {
	c.t.Helper()
	lsns := func(s *harness.Server) (end, failover sql.NullString, err error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = c.master(s).QueryRowContext(ctx, `SELECT CONVERT(varchar(30), m.mirroring_end_of_log_lsn),
			CONVERT(varchar(30), m.mirroring_failover_lsn)
			FROM sys.database_mirroring m JOIN sys.databases d ON d.database_id = m.database_id WHERE d.name = @p1`, dbName).
			Scan(&end, &failover)
		return end, failover, err
	}
	var pe, pf, me, mf sql.NullString
	deadline := time.Now().Add(failoverBound)
	for {
		var err error
		if pe, pf, err = lsns(principal); err == nil {
			me, mf, err = lsns(mirror)
		}
		if err == nil && pe.Valid && pe == pf && pe == me && pe == mf {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s end_of_log_lsn %s failover_lsn %s, %s end_of_log_lsn %s failover_lsn %s (err %v): want one end of log; %s",
				principal.Name, pe.String, pf.String, mirror.Name, me.String, mf.String, err, c.describe())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
