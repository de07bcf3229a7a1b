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
func TestReviewRevertForkInsideTransaction(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	defer inst.Close()
	mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(400)); INSERT t VALUES (0, 'before')")
	db := inst.Database("d")
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
