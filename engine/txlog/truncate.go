package txlog

import (
	"fmt"
)

// TruncateAfter discards the log after the block that holds lsn; that block is kept
// whole (blocks are the unit both partners share, byte for byte). It serves forced
// service and failover reconciliation: a partner whose log went beyond the point
// the other partner continued from (the failover LSN, a Fork's ForkLSN) drops its
// divergent tail, then receives the new principal's blocks with AppendBlocks.
//
// An lsn before the retained log cuts all of it (a seeded mirror forked at its
// restore point). Readers positioned after the cut fail with ErrDiverged. If the last checkpoint
// lies in the discarded tail it is forgotten (the next Open scans from the start of
// the retained log). It requires a quiescent log (no records appended but not yet
// durable: ErrPending). It is crash-safe: the cut is recorded in the control file
// first and completed by Open if a crash interrupts it.
func (l *Log) TruncateAfter(lsn LSN) error {
	l.ioMu.Lock()
	defer l.ioMu.Unlock()
	l.ctlMu.Lock()
	defer l.ctlMu.Unlock()

	l.mu.Lock()
	if err := l.usableLocked(); err != nil {
		l.mu.Unlock()
		return fmt.Errorf("truncate after %s: %w", lsn, err)
	}
	if l.pendingLocked() {
		l.mu.Unlock()
		return fmt.Errorf("truncate after %s: %w", lsn, ErrPending)
	}
	off, durable, ctl := lsn.BlockOffset(), l.durable, l.ctl
	l.mu.Unlock()
	var newEnd uint64
	var newLast LSN
	if off < ctl.retained {
		// lsn lies before the retained log: the whole retained log comes after
		// it. That is a mirror seeded WITH NORECOVERY whose log starts at the
		// restore point, forked exactly there (the partner has nothing after
		// the backup): everything it logged since is the divergent tail, and
		// the log becomes empty again at the restore point, as RESTORE left it.
		newEnd, newLast = ctl.retained, 0
		if durable == newEnd {
			return nil // nothing after it
		}
	} else {
		if off >= durable {
			return nil // nothing after it
		}
		sc := &scanner{segs: l.segs}
		h, _, err := sc.block(off, durable)
		if err != nil {
			return fmt.Errorf("truncate after %s: %w", lsn, l.readError(off, err))
		}
		if h.count == 0 || lsn.Slot() > h.count {
			return fmt.Errorf("truncate after %s: not the LSN of a record", lsn)
		}
		newEnd, newLast = off+uint64(h.size), h.lastLSN()
		if newEnd == durable {
			return nil
		}
	}

	// Record the cut before destroying anything (Open completes it), then forget
	// a checkpoint that the cut discards.
	ctl.cut = newEnd
	if ctl.checkpoint.BlockOffset() >= newEnd {
		ctl.checkpoint = 0
	}
	if err := writeControl(l.dir, ctl); err != nil {
		return fmt.Errorf("truncate after %s: %w", lsn, err)
	}
	if err := l.discardFrom(newEnd); err != nil {
		l.fail(err)
		return fmt.Errorf("truncate after %s: %w", lsn, err)
	}
	if err := l.dropLazy(newEnd); err != nil { // lazytail.go
		l.fail(err)
		return fmt.Errorf("truncate after %s: %w", lsn, err)
	}
	ctl.cut = 0
	if err := writeControl(l.dir, ctl); err != nil {
		l.fail(err)
		return fmt.Errorf("truncate after %s: %w", lsn, err)
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	l.ctl = ctl
	l.recent = recentLog{} // its bytes past newEnd are gone (recent.go)
	l.durable = newEnd
	l.durableLSN = newLast
	l.written, l.writtenLSN = newEnd, l.durableLSN
	l.lastLSN = l.durableLSN
	l.want = 0
	l.cur.reset(newEnd)
	l.gen++
	l.cuts = append(l.cuts, cut{gen: l.gen, end: newEnd})
	l.signalLocked()
	return nil
}

// fail makes a write failure sticky.
func (l *Log) fail(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err == nil {
		l.err = fmt.Errorf("%w: %w", ErrFailed, err)
	}
	l.signalLocked()
}

// discardFrom destroys the log from stream offset end on: the rest of end's segment
// is zeroed and synced, later segments are removed. Caller holds ioMu.
func (l *Log) discardFrom(end uint64) error {
	idx := l.segs.index(end)
	for _, i := range l.segs.indexes() {
		if i > idx {
			if err := l.segs.remove(i); err != nil {
				return err
			}
		}
	}
	f, err := l.segs.zeroFrom(end)
	if err != nil {
		return err
	}
	if f != nil {
		if err := datasync(f); err != nil {
			return fmt.Errorf("sync truncated log: %w", err)
		}
	}
	return syncDir(l.dir)
}

// TruncateBefore drops the segments that hold only log before lsn: log that a
// checkpoint, a log backup and the mirror no longer need (deciding that is the
// caller's job: log_reuse_wait). Truncation is by whole segments, so RetainedFrom
// afterwards is the start of lsn's segment (or stays where it was). lsn must be
// durable and must not pass the last checkpoint, from which Open scans.
func (l *Log) TruncateBefore(lsn LSN) error {
	l.ctlMu.Lock()
	defer l.ctlMu.Unlock()
	l.mu.Lock()
	if err := l.usableLocked(); err != nil {
		l.mu.Unlock()
		return fmt.Errorf("truncate before %s: %w", lsn, err)
	}
	ctl := l.ctl
	target := lsn.BlockOffset()
	switch {
	case target > l.durable:
		l.mu.Unlock()
		return fmt.Errorf("truncate before %s: %w", lsn, ErrNotDurable)
	case ctl.checkpoint != 0 && target > ctl.checkpoint.BlockOffset():
		l.mu.Unlock()
		return fmt.Errorf("truncate before %s: passes the last checkpoint %s", lsn, ctl.checkpoint)
	}
	l.mu.Unlock()
	newRetained := l.segs.index(target) * l.segSize
	if newRetained <= ctl.retained {
		return nil
	}
	ctl.retained = newRetained
	if err := writeControl(l.dir, ctl); err != nil {
		return fmt.Errorf("truncate before %s: %w", lsn, err)
	}
	// Publish the new start before removing files, so that a reader whose read
	// fails on a removed segment learns it was truncated (readError).
	l.mu.Lock()
	l.ctl.retained = newRetained
	l.signalLocked()
	l.mu.Unlock()
	return l.removeBelow(newRetained)
}

// removeBelow removes the segment files that end at or before retained.
func (l *Log) removeBelow(retained uint64) error {
	removed := false
	for _, i := range l.segs.indexes() {
		if (i+1)*l.segSize <= retained {
			if err := l.segs.remove(i); err != nil {
				return fmt.Errorf("truncate log: %w", err)
			}
			removed = true
		}
	}
	if removed {
		return syncDir(l.dir)
	}
	return nil
}
