package mirroring_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewLogChainAcrossFailover (review, issues #4 #6): a mirrored
// database's log backups are taken on whichever partner is principal, as
// DBAs schedule them, while writers commit: one on the first principal,
// then a manual failover, then two on the new principal. The chain — the
// full and log backup that seeded the mirror, then those three — restored
// under a new name on a third instance must be unbroken (no 4305 "too
// recent" or gap) and hold every row acknowledged before the last log
// backup began, and none never attempted.
func TestReviewLogChainAcrossFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	const n = 3
	dir := c.backupDir
	backupLog := func(s *harness.Server, name string) string {
		f := filepath.Join(dir, name)
		c.mustExec(s, fmt.Sprintf("BACKUP LOG %s TO DISK = '%s' WITH INIT", dbName, f))
		return f
	}

	w1 := startPinnedWriters(t, p.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, 1_000_000)
	time.Sleep(700 * time.Millisecond)
	l1 := backupLog(p, "chain1.trn")
	time.Sleep(300 * time.Millisecond)
	w1.stop()
	c.manualFailover(p, m)
	w2 := startPinnedWriters(t, m.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, 2_000_000)
	time.Sleep(700 * time.Millisecond)
	l2 := backupLog(m, "chain2.trn")
	time.Sleep(300 * time.Millisecond)
	w2.stop()
	l3 := backupLog(m, "chain3.trn")

	other := harness.Start(t, harness.Options{Name: "restorer"})
	conn, err := other.DB("master").Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	script := fmt.Sprintf("RESTORE DATABASE copy FROM DISK = '%s' WITH NORECOVERY\nGO\nRESTORE LOG copy FROM DISK = '%s' WITH NORECOVERY",
		filepath.Join(dir, dbName+".bak"), filepath.Join(dir, dbName+".trn"))
	for i, f := range []string{l1, l2, l3} {
		with := "NORECOVERY"
		if i == 2 {
			with = "RECOVERY"
		}
		script += fmt.Sprintf("\nGO\nRESTORE LOG copy FROM DISK = '%s' WITH %s", f, with)
	}
	if err := harness.RunScript(context.Background(), conn, script); err != nil {
		t.Fatalf("restore of the chain taken across the failover: %v", err)
	}
	ids := map[int]bool{}
	rows, err := other.DB("copy").Query("SELECT id FROM dbo.events")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[id] = true
	}
	rows.Close()
	w1.check(t, "restored chain (first principal's writers)", ids, 1_000_000, n)
	w2.check(t, "restored chain (new principal's writers)", ids, 2_000_000, n)
	a1, _ := w1.counts()
	a2, _ := w2.counts()
	t.Logf("%d rows in the restored copy; %d + %d acknowledged", len(ids), a1, a2)
}
