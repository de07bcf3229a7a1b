package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestReviewRevertForkInsideTransaction: a fork is a hardened LSN (the
// mirror's end of log, partner.becomePrincipal; a cut after a block), not a
// transaction boundary, and one transaction's records may span several log
// blocks. When the fork falls between a transaction's first records and its
// commit, RevertTo must undo the whole transaction (its commit is after the
// fork), but it scans from fork+1 and only sees, in `pending`, the records
// after the fork: the transaction's rows logged at or before the fork keep
// their new values, while the partner, which never got the commit, does not
// have them. (Pre-existing: RevertTo since 1adee79.)
//
// truncated: the same after the log was truncated below the principal's redo
// position (checkpoints truncate a running principal's log; its redoPos stays
// where it became principal or recovered), where openAt's scan from redoPos
// fails with ErrTruncated, which the fix (9d52e83) ignores, falling back to
// fork+1.
func TestReviewRevertForkInsideTransaction(t *testing.T) {
	for _, truncated := range []bool{false, true} {
		t.Run(fmt.Sprint("truncated=", truncated), func(t *testing.T) { reviewRevertForkInsideTransaction(t, truncated) })
	}
}

func reviewRevertForkInsideTransaction(t *testing.T, truncated bool) {
	if truncated {
	}
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(400)); INSERT t VALUES (0, 'before')")
	if truncated {
		// A restart: recovery leaves redoPos at the end of the log (a
		// database created in this process has redoPos 0, scanned from the
		// retained start).
		inst, s = restartTestInstance(t, inst, dir, "d", s)
	}
	defer inst.Close()
	db := inst.Database("d")
	if truncated {
		// More than one 8 MiB log segment, then a checkpoint that drops it.
		mustExec(t, s, "USE d; CREATE TABLE filler (k int PRIMARY KEY, v varchar(4000))")
		for i := range 12 {
			var sb strings.Builder
			sb.WriteString("USE d; BEGIN TRAN; ")
			for j := range 300 {
				fmt.Fprintf(&sb, "INSERT filler VALUES (%d, REPLICATE('f', 3000)); ", i*1000+j)
			}
			sb.WriteString("COMMIT")
			mustExec(t, s, sb.String())
		}
		mustExec(t, s, "USE d; CHECKPOINT")
		if db.Log().RetainedFrom() <= db.redoPos.BlockOffset() {
			t.Fatalf("log retained from %d, redo position %s: not truncated past it", db.Log().RetainedFrom(), db.redoPos)
		}
	}
	start := db.RedoneLSN()
	// One transaction large enough to span several log blocks.
	var sb strings.Builder
	sb.WriteString("USE d; BEGIN TRAN; ")
	for i := 1; i <= 600; i++ {
		fmt.Fprintf(&sb, "INSERT t VALUES (%d, REPLICATE('x', 300)); ", i)
	}
	sb.WriteString("COMMIT")
	mustExec(t, s, sb.String())

	// Find the end of the first block holding that transaction's rows: a
	// fork is a block's last record (a partner's hardened end).
	var first, blockEnd, commit txlog.LSN
	var txn uint64
	err := db.Log().Scan(start+1, func(at txlog.LSN, rec txlog.Record) error {
		if first != 0 && at.BlockOffset() == first.BlockOffset() {
			blockEnd = at
		}
		switch r := rec.(type) {
		case txlog.Insert:
			if first == 0 {
				first, blockEnd, txn = at, at, r.Txn
			}
		case txlog.Commit:
			if r.Txn == txn && commit == 0 {
				commit = at
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if first == 0 || commit == 0 || first.BlockOffset() == commit.BlockOffset() {
		t.Skipf("the transaction fits one block (first %s, commit %s): no fork inside it", first, commit)
	}
	fork := blockEnd // hardened up to the end of the transaction's first block, not its commit
	if err := db.RevertTo(context.Background(), fork); err != nil {
		t.Fatal(err)
	}
	if got := mustExec(t, s, "USE d; SELECT COUNT(*) FROM t"); fmt.Sprint(got) != "[1]" {
		t.Errorf("rows after reverting to %s, inside the transaction committed at %s: %v, want [1] (the whole transaction undone)", fork, commit, got)
	}
}
