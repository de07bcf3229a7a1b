package engine

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestRestoreStopInsideBlock restores to points that lie between two
// transactions of one log block, as group commit packs them: the block is
// trimmed (txlog.TrimBlock), the first transaction is kept and the second
// left out. The database then takes new work after the trimmed block, and
// crash recovery (no checkpoint: it redoes the log) agrees. The two
// transactions are appended to d's log in one Append, so that they share a
// block whatever the load: their rows (10 and 11) are in the log only, the
// way a restore sees them. TestRestoreStopAt's points all fall on block
// boundaries (one session commits one block at a time), so it never trims.
func TestRestoreStopInsideBlock(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'blk_full.bak' WITH INIT")
	// Rows 10 and 11 inserted and deleted again: their insert records are
	// the two transactions' rows.
	mustExec(t, s, "INSERT d.dbo.t VALUES (10); INSERT d.dbo.t VALUES (11); DELETE d.dbo.t WHERE k >= 10")
	db := inst.Database("d")
	var ins []txlog.Insert
	if err := db.log.Scan(0, func(_ txlog.LSN, r txlog.Record) error {
		if i, ok := r.(txlog.Insert); ok {
			i.Key, i.After = clone(i.Key), clone(i.After)
			ins = append(ins, i)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(ins) < 2 {
		t.Fatalf("%d insert records in d's log, want the inserts of 10 and 11", len(ins))
	}
	ten, eleven := ins[len(ins)-2], ins[len(ins)-1]
	now := time.Now()
	point := now.Add(time.Microsecond)
	a, b := db.NewTxnID(), db.NewTxnID()
	ten.Txn, eleven.Txn = a, b
	last, err := db.log.Append(
		txlog.Begin{Txn: a}, ten, txlog.Commit{Txn: a, Time: now.UTC(), Mark: "m"},
		txlog.Begin{Txn: b}, eleven, txlog.Commit{Txn: b, Time: now.Add(2 * time.Microsecond).UTC()})
	if err != nil {
		t.Fatal(err)
	}
	if last.Slot() < 6 {
		t.Fatalf("the two transactions' records end at slot %d: not in one block", last.Slot())
	}
	if err := db.log.WaitDurable(context.Background(), last); err != nil {
		t.Fatal(err)
	}
	mustExec(t, s, "BACKUP LOG d TO DISK = 'blk_log.trn' WITH INIT, NORECOVERY")

	rows := "SELECT k FROM d.dbo.t ORDER BY k"
	for _, c := range []struct{ with, want string }{
		{"STOPAT = '" + point.Format("2006-01-02 15:04:05.0000000") + "'", "1 10"},
		{"STOPBEFOREMARK = 'm'", "1"},
		{"STOPATMARK = 'm'", "1 10"},
	} {
		mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'blk_full.bak' WITH NORECOVERY, REPLACE")
		mustExec(t, s, "RESTORE LOG d FROM DISK = 'blk_log.trn' WITH RECOVERY, "+c.with)
		if got := one(t, s, rows); got != c.want {
			t.Errorf("%s: rows %q, want %q", c.with, got, c.want)
		}
	}
	// New work goes after the trimmed block; recovery redoes it all.
	mustExec(t, s, "INSERT d.dbo.t VALUES (20)")
	inst.EndSession(s)
	crashInstance(t, inst)
	inst = openTestInstance(t, dir)
	s = newTestSession(t, inst, "master")
	if got := one(t, s, rows); got != "1 10 20" {
		t.Errorf("after a crash: rows %q, want 1 10 20", got)
	}
}
