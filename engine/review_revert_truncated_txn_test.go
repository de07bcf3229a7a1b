package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestReviewRevertTruncatedTransactionStart: truncateLog lets a principal drop
// log segments wholly below the mirror's hardened LSN (and its checkpoint).
// With SAFETY OFF the mirror may have hardened only part of a transaction
// that spans a segment boundary when the principal checkpoints; the segment
// holding the transaction's first records then goes, and a forced failover's
// fork (the mirror's hardened end, inside the transaction) makes RevertTo
// undo only the records still in the log: openAt's scan starts at the
// retained log, after them.
func TestReviewRevertTruncatedTransactionStart(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	defer inst.Close()
	mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(4000)); INSERT t VALUES (0, 'before')")
	db := inst.Database("d")
	f := newFakeMirroring()
	mirrorAsPrincipal(inst, f, db, db.RedoneLSN())
	start := db.RedoneLSN()
	// One transaction larger than a log segment: it spans a segment boundary.
	var sb strings.Builder
	sb.WriteString("USE d; BEGIN TRAN; ")
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&sb, "INSERT t VALUES (%d, REPLICATE('x', 3000)); ", i)
	}
	sb.WriteString("COMMIT")
	mustExec(t, s, sb.String())

	// The fork: the end of the transaction's first block in a later segment.
	seg := func(l txlog.LSN) uint64 { return l.BlockOffset() / LogSegmentSize }
	var first, fork, commit txlog.LSN
	err := db.Log().Scan(start+1, func(at txlog.LSN, rec txlog.Record) error {
		switch rec.(type) {
		case txlog.Insert:
			if first == 0 {
				first = at
			}
			if seg(at) > seg(first) && (fork == 0 || fork.BlockOffset() == at.BlockOffset()) {
				fork = at
			}
		case txlog.Commit:
			if first != 0 && commit == 0 {
				commit = at
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fork == 0 || commit <= fork {
		t.Skipf("no segment boundary inside the transaction (first %s, commit %s)", first, commit)
	}
	// SAFETY OFF: the mirror hardened up to the fork; the principal
	// checkpoints and truncates below it.
	f.set("d", 1, fork)
	if err := db.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
	// truncateLog keeps the first record of a transaction open at the
	// mirror's hardened LSN.
	if db.Log().RetainedFrom() > first.BlockOffset() {
		t.Fatalf("the principal truncated its log to %d, past the first record %s of a transaction open at the mirror's hardened %s",
			db.Log().RetainedFrom(), first, fork)
	}
	if err := db.RevertTo(context.Background(), fork); err != nil {
		t.Logf("RevertTo failed (acceptable: it cannot see the whole transaction): %v", err)
		return
	}
	if got := mustExec(t, s, "USE d; SELECT COUNT(*) FROM t"); fmt.Sprint(got) != "[1]" {
		t.Errorf("rows after reverting to %s (transaction %s..%s, log retained from %d): %v, want [1]", fork, first, commit, db.Log().RetainedFrom(), got)
	}
}
