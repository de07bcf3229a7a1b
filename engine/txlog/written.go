package txlog

// Written log: blocks the flusher has handed to the operating system (pwrite
// done) but not yet fdatasync'd.
//
// Database mirroring ships the principal's log in parallel with the principal's
// own flush, as SQL Server does (reference/mirroring.md §1.5 step 2: the
// principal flushes the log locally "and, in parallel, sends" it to the mirror), so
// that the mirror's harden overlaps the local one and a SAFETY FULL commit waits
// for the slower of the two rather than for their sum. Only the sender may read
// this far: redo, backup and Scan read durable log only (the WAL rule: nothing
// reaches the page store before it is durable here).
//
// Consequence the mirroring layer handles: a mirror may harden log that this
// log loses in a crash (an OS crash between the pwrite and the fdatasync). No
// commit in that tail was acknowledged — Commit waits for local durability too —
// so when the partners meet again the mirror discards what lies beyond this
// log's end (partner.Machine's session start) and nothing acknowledged is lost.
//
// Invariant: durable ≤ written ≤ the end of the sealed log. written moves
// forward when the flusher has written a batch (publishWritten), follows durable
// up when blocks become durable by other means (AppendBlocks), and comes down
// with durable when TruncateAfter cuts the log or a write fails.

// publishWritten makes the blocks of a written (not yet synced) batch visible to
// written readers. The flusher calls it with ioMu held, before fdatasync.
func (l *Log) publishWritten(batch []sealedBlock) {
	last := batch[len(batch)-1]
	l.mu.Lock()
	if l.err != nil {
		l.mu.Unlock()
		return
	}
	l.written = last.offset + last.size
	for i := len(batch) - 1; i >= 0; i-- {
		if batch[i].last != 0 {
			l.writtenLSN = batch[i].last
			break
		}
	}
	close(l.wnotify)
	l.wnotify = make(chan struct{})
	l.mu.Unlock()
	if f := l.onWritten.Load(); f != nil {
		(*f)()
	}
}

// SetWrittenHook installs f (nil removes it), called each time the flusher has
// written a batch of blocks to the operating system and published it (WrittenLSN
// moved, WrittenNotify closed), before the batch's fdatasync.
//
// Why: the mirroring sender ships the written log from the flushing goroutine
// itself, so the send starts without waking another goroutine first (on a busy
// two-core machine that wake-up cost tens of µs, the longest step before the
// mirror's fsync; docs/benchmarks-mirroring.md). The local fdatasync starts only
// when f returns, so f must be short and must never block.
//
// Contract: f runs on the goroutine that leads the flush (a committer in
// WaitDurable or the flusher), with the log's flush and I/O locks held. It may
// read the log (WrittenLSN, WrittenEnd, NewWrittenReader, Reader.TryNextRaw)
// but must not call anything that flushes, appends, truncates or waits for the
// log (WaitDurable, Flush, Append, AppendBlocks, TruncateAfter, Close): that
// deadlocks. It must not wait for a lock whose holders may do so either (the
// mirroring manager only tries its lock and leaves the work to its watcher
// goroutine when the lock is busy).
func (l *Log) SetWrittenHook(f func()) {
	if f == nil {
		l.onWritten.Store(nil)
		return
	}
	l.onWritten.Store(&f)
}

// syncWrittenLocked restores written ≥ durable after the durable end moved
// other than through the flusher (AppendBlocks), and drops written back to
// durable after a failure (the unsynced blocks' fate on disk is unknown).
func (l *Log) syncWrittenLocked() {
	if l.durable > l.written || l.err != nil {
		l.written, l.writtenLSN = l.durable, l.durableLSN
	}
}

// WrittenLSN is the LSN of the last record written to the operating system (0
// if there is none). It is at or above FlushedLSN; records between the two may
// still be lost in a crash. Mirroring ships up to it.
func (l *Log) WrittenLSN() LSN {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.writtenLSN
}

// WrittenEnd is the stream offset just past the last written block: where a
// written reader's stream currently ends (≥ DurableEnd).
func (l *Log) WrittenEnd() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.written
}

// WrittenNotify returns a channel that is closed when the written log changes
// (new written blocks, truncation, failure, close). The same close-and-replace
// contract as Notify applies: take the channel, check, then wait.
func (l *Log) WrittenNotify() <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.wnotify
}

// NewWrittenReader is NewReader for the mirroring sender: the Reader also returns
// blocks that are written but not yet durable, and Next waits on WrittenNotify.
// Everything else (positioning, ErrTruncated, ErrDiverged) is as for NewReader.
func (l *Log) NewWrittenReader(from LSN) (*Reader, error) {
	r, err := l.NewReader(from)
	if err != nil {
		return nil, err
	}
	r.written = true
	return r, nil
}
