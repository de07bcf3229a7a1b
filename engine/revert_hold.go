package engine

import (
	"fmt"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Redo holds still between a revert and the cut of the reverted tail.
//
// RevertTo undoes in the store the commits after the fork, moves redo back to
// the fork and releases the redo lock; the mirroring manager cuts the tail
// from the log afterwards (txlog.Log.TruncateAfter). Until that cut the tail
// is still in the log, and a redo pass that ran in between — the redo loop
// woken by any log notification, or already waiting for the lock during the
// revert — scanned from the fork and applied the tail again: the store then
// held commits the log was about to lose (a dropped table gone for good, rows
// the new principal never had). Seen as 1-in-20 failures of
// TestReviewRevertFromBeforeRetainedLog and TestRejoiningPrincipalKeepsTailDrops
// under -race; TestReviewRedoHoldsUntilTailCut reproduces it deterministically.
//
// So revertTo records the block that follows the fork (the first block the
// cut removes) and redo does nothing while that same block is still in the
// log. Once it is gone (the cut), or replaced by another (the new principal's
// log after the cut), redo goes on from the fork.

// revertHold is the first block of a reverted tail, as it was when reverted.
type revertHold struct {
	off uint64
	sum txlog.BlockSum
}

// tailHold returns the hold for a revert to lsn: the block where the cut
// after lsn begins (the one after lsn's block; lsn's own block for a slot-0
// LSN, as the mirroring manager's cut treats it), nil when the log has no
// block there.
func (db *Database) tailHold(lsn txlog.LSN) (*revertHold, error) {
	off := lsn.BlockOffset()
	if retained := db.log.RetainedFrom(); off < retained {
		// A fork before the retained log (a seeded mirror's restore point:
		// revertTo's from): the whole retained log is the tail, and the cut
		// begins at its first block (txlog.Log.TruncateAfter).
		off = retained
	} else if lsn.Slot() != 0 {
		s, ok, err := db.log.BlockSumAt(off)
		if err != nil || !ok {
			return nil, err
		}
		off += uint64(s.Size)
	}
	s, ok, err := db.log.BlockSumAt(off)
	if err != nil || !ok {
		return nil, err
	}
	return &revertHold{off: off, sum: s}, nil
}

// holdingRevertedTail reports whether redo must wait: the reverted tail's
// first block is still in the log. It drops the hold once the block is gone
// or different. Caller holds redoMu.
func (db *Database) holdingRevertedTail() (bool, error) {
	h := db.rd.hold
	if h == nil {
		return false, nil
	}
	s, ok, err := db.log.BlockSumAt(h.off)
	if err != nil {
		return true, fmt.Errorf("redo of %s: look for the reverted tail: %w", db.name, err)
	}
	if ok && s == h.sum {
		return true, nil
	}
	db.rd.hold = nil
	return false, nil
}
