package txlog

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"time"
)

// maxRecordLen is the largest encoded record this log accepts: MaxRecordSize, and
// small enough that a block holding it fits one segment.
func (l *Log) maxRecordLen() int {
	return min(MaxRecordSize, int(l.segSize)-headerSize-binary.MaxVarintLen64)
}

// Append adds records to the log, in order, and returns the LSN of the last one.
// The records are buffered in the open block: they are not durable until
// WaitDurable(lsn) returns, and readers do not see them before. Append never waits
// for the disk except when more than maxPendingBytes of sealed log is waiting to be
// written (backpressure). Concurrent Appends are serialized; each call's records
// get consecutive LSNs.
func (l *Log) Append(recs ...Record) (LSN, error) {
	if len(recs) == 0 {
		return 0, fmt.Errorf("append: no records")
	}
	// Encode outside the lock; appenders only copy bytes while holding it.
	e := GetEncoded()
	defer e.Release()
	for _, r := range recs {
		Add(e, r)
	}
	return l.AppendEncoded(e)
}

// AppendEncoded is Append of the records in e (Add), with the same contract;
// e is not retained. The commit path uses it: its records are never boxed in
// a Record (Encoded).
func (l *Log) AppendEncoded(e *Encoded) (LSN, error) {
	if e.Len() == 0 {
		return 0, fmt.Errorf("append: no records")
	}
	if err := e.checkLens(l.maxRecordLen()); err != nil {
		return 0, err
	}
	enc, ends := e.buf, e.ends

	l.mu.Lock()
	for {
		for l.err == nil && !l.closed && l.sealedBytes > maxPendingBytes {
			ch := l.notify
			l.mu.Unlock()
			l.wake()
			<-ch
			l.mu.Lock()
		}
		if err := l.usableLocked(); err != nil {
			l.mu.Unlock()
			return 0, fmt.Errorf("append: %w", err)
		}
		idx, missing := l.missingSegmentLocked(len(enc), len(ends))
		if !missing {
			break
		}
		// The records could reach a segment that is not preallocated yet:
		// create it first, so that a full disk fails this Append (ErrLogFull)
		// before anything is logged, rather than the flusher afterwards.
		l.mu.Unlock()
		if err := l.segs.ensure(idx); err != nil {
			return 0, fmt.Errorf("append: %w", err)
		}
		l.mu.Lock()
	}
	var lsn LSN
	start := 0
	full := false
	for _, end := range ends {
		lsn = l.addLocked(enc[start:end])
		start = end
		if len(l.cur.buf) >= maxBlockSize {
			l.sealLocked()
			full = true
		}
	}
	l.lastLSN = lsn
	l.mu.Unlock()
	if full {
		l.wake()
	}
	return lsn, nil
}

// pendingLocked reports whether records appended with Append are not yet
// durable: in the open block, sealed, or in the batch of a flush in progress
// (taken out of sealed, maybe still waiting for ioMu). AppendBlocks and
// TruncateAfter, which write the log themselves under ioMu, refuse to run
// then (ErrPending): the flush would afterwards write its batch over what
// they wrote or cut, and move the durable end past it.
func (l *Log) pendingLocked() bool {
	return l.cur.count > 0 || len(l.sealed) > 0 || l.inflight != nil || l.lastLSN > l.durableLSN
}

func (l *Log) usableLocked() error {
	if l.closed {
		return ErrClosed
	}
	return l.err
}

// addLocked puts one encoded record into the open block, sealing it first when the
// record does not fit (block size or segment end), and returns the record's LSN.
func (l *Log) addLocked(enc []byte) LSN {
	n := binary.PutUvarint(make([]byte, binary.MaxVarintLen64), uint64(len(enc))) + len(enc)
	segEnd := (l.cur.offset/l.segSize + 1) * l.segSize
	room := segEnd - l.cur.offset
	if l.cur.count > 0 && !l.cur.fits(n, min(maxBlockSize, room)) {
		l.sealLocked()
		segEnd = (l.cur.offset/l.segSize + 1) * l.segSize
		room = segEnd - l.cur.offset
	}
	if l.cur.count == 0 && alignUp(uint64(headerSize+n)) > room {
		// Pad the rest of the segment with a filler block; the record starts the
		// next segment (blocks never cross segments).
		l.queueLocked(sealedBlock{offset: l.cur.offset, raw: fillerHeader(l.cur.offset, room, l.durable), size: room})
		l.cur.reset(segEnd)
	}
	return l.cur.add(enc)
}

// sealLocked closes the open block (if it holds records) and queues it for writing.
func (l *Log) sealLocked() {
	if l.cur.count == 0 {
		return
	}
	raw, h := l.cur.seal(l.durable)
	l.queueLocked(sealedBlock{offset: h.offset, raw: raw, size: uint64(h.size), last: h.lastLSN()})
	l.cur.reset(h.offset + uint64(h.size))
}

func (l *Log) queueLocked(b sealedBlock) {
	l.sealed = append(l.sealed, b)
	l.sealedBytes += len(b.raw)
}

// wake asks the flusher to run (it coalesces: one pending wake-up is enough).
func (l *Log) wake() {
	select {
	case l.kick <- struct{}{}:
	default:
	}
}

// WaitDurable returns nil once every record up to and including lsn is durable
// (fdatasync'd). Concurrent waiters share flushes: the flush seals the open block
// and one write + fdatasync serves every record in it (group commit). When no flush
// is running the caller leads one on its own goroutine (a lone committer pays one
// fdatasync and no goroutine hand-off); callers that find a flush running wait for
// it or for the next one, which the flusher goroutine runs. ctx is not checked
// while the caller leads a flush (one write + fdatasync). It returns
// ctx's error if ctx ends first (the record may still become durable later), the
// sticky write error if the log failed, and ErrNotDurable for an LSN that was
// never appended.
func (l *Log) WaitDurable(ctx context.Context, lsn LSN) error {
	_, err := l.waitDurable(ctx, lsn, false)
	return err
}

// waitDurable is WaitDurable, and with commit WaitCommit (commitpark.go),
// which also reports the parker's share of the wait.
func (l *Log) waitDurable(ctx context.Context, lsn LSN, commit bool) (after time.Duration, err error) {
	var registered chan struct{} // the next channel this call is counted on
	var last chan struct{}       // the channel of the previous park
	parked := false              // counted by the recheck clock (parkLocked)
	quiet := false               // woken by a tick before the recheck was due
	var since uint64             // the recheck clock when this call parked
	for {
		l.mu.Lock()
		if parked {
			l.unparkLocked()
			parked = false
		}
		if lsn.BlockOffset() < l.durable || lsn == 0 {
			l.mu.Unlock()
			return after, nil
		}
		if l.err != nil {
			err := l.err
			l.mu.Unlock()
			return after, fmt.Errorf("wait for %s: %w", lsn, err)
		}
		if lsn > l.lastLSN {
			l.mu.Unlock()
			return after, fmt.Errorf("wait for %s beyond last appended %s: %w", lsn, l.lastLSN, ErrNotDurable)
		}
		if l.closed {
			// Close flushes everything before it stops the flusher; wait for that.
			l.mu.Unlock()
			<-l.done
			l.mu.Lock()
			err := l.err
			if lsn.BlockOffset() < l.durable {
				err = nil
			} else if err == nil {
				err = ErrClosed
			}
			l.mu.Unlock()
			if err != nil {
				return after, fmt.Errorf("wait for %s: %w", lsn, err)
			}
			return after, nil
		}
		// Wait for the flush that writes lsn's block: the one in progress if it
		// covers it, else the next one (which will include it: the flusher seals
		// the open block for us). Waiters are woken only by their own flush, or
		// by signalLocked, after which they look again.
		var ch chan struct{}
		lead := false
		if l.inflight != nil && lsn.BlockOffset() < l.inflightEnd {
			ch = l.inflight
		} else {
			// No flush is running: lead one on this goroutine (below). flushMu
			// is only tried here, never waited for, so taking it under mu
			// cannot deadlock with a flush that holds it and wants mu.
			lead = l.inflight == nil && l.flushMu.TryLock()
			l.want = max(l.want, lsn.BlockOffset()+1)
			ch = l.next
			if registered != ch {
				// Counted once per next channel: a recheck that finds the
				// same channel must not count this waiter twice (gather
				// would then wait for committers that do not exist).
				l.nextWaiters++
				if l.nextWaiters == 1 {
					traceCycle(evFirstReg)
				}
				registered = ch
				l.countGatheredLocked() // WaitGathered (gatherwait.go)
			}
		}
		if lead {
			// Lead the flush instead of waking the flusher and waiting to be
			// woken (two goroutine hand-offs around one fdatasync). Our
			// registration on next counts us as served. A leader does not park,
			// so it neither counts on nor starts the recheck clock: a lone
			// committer would otherwise start the clock's goroutine (a thread
			// wake-up before its log write) every time the clock had stopped.
			l.mu.Unlock()
			l.flushOnce(false)
			l.flushMu.Unlock()
			quiet = false
			continue
		}
		var parker CommitParker
		if commit {
			parker = l.parker
		}
		var tick <-chan struct{}
		if l.recheck > 0 {
			tick = l.parkLocked()
			parked = true
			if !quiet || ch != last {
				since = l.rc.gen.Load()
			}
		}
		l.mu.Unlock()
		if !quiet || ch != last {
			// A tick that found the recheck not yet due changes nothing: the
			// same wait goes on, already counted and already announced.
			l.wake()
			l.parks.Add(1)
		}
		last, quiet = ch, false
		ticked := false
		if parker != nil {
			// The parker wakes us once the flush that makes lsn durable has
			// ended and its own condition holds (commitpark.go), not at the
			// end of the flush alone: one wake-up instead of two.
			var d time.Duration
			ticked, d = parker.Park(lsn, tick)
			after += d
		} else {
			select {
			case <-ch:
			case <-tick:
				ticked = true
			case <-ctx.Done():
				if parked {
					l.mu.Lock()
					l.unparkLocked()
					l.mu.Unlock()
				}
				return after, fmt.Errorf("wait for %s: %w", lsn, ctx.Err())
			}
		}
		if ticked {
			if !l.rechecksDue(since) {
				quiet = true
				continue
			}
			// Not served within l.recheck: look again, register and wake the
			// flusher (see waitRecheck).
			l.rechecks.Add(1)
		}
	}
}

// waitRecheck bounds how long a parked committer trusts that the flush it
// waits for will come; after it (more than half of it and at most all of it:
// one clock per log ticks every waitRecheck/2, recheck.go) the committer
// looks at the log again, re-registers and wakes the flusher. It was added (session 8) when servers
// under load were found with committers parked for good on a block no flush
// would seal: the cause was signalLocked (a TruncateBefore during a flush)
// forgetting the flush in progress, fixed in session 9 (see signalLocked).
// It stays as a defence: a lost wake-up turns into one short stall, not a
// hung database whose checkpoint then waits on the hung commits. A recheck
// that fires is counted (Stats.WaitRechecks): it means a flush slower than
// this (a long fdatasync under load) or a lost wake-up.
const waitRecheck = 100 * time.Millisecond

// Flush makes every record appended so far durable.
func (l *Log) Flush(ctx context.Context) error {
	l.mu.Lock()
	lsn := l.lastLSN
	l.mu.Unlock()
	return l.WaitDurable(ctx, lsn)
}

// flusher is the single goroutine that writes and fdatasyncs sealed blocks. It holds
// l.mu only to take the batch and to publish the result, never during I/O, so
// appenders keep filling the next block while a flush runs.
func (l *Log) flusher() {
	defer close(l.done)
	for {
		select {
		case <-l.kick:
		case <-l.stop:
			l.flushMu.Lock()
			for l.flushOnce(true) {
			}
			l.flushMu.Unlock()
			return
		}
		l.flushMu.Lock()
		for l.flushOnce(false) {
		}
		l.flushMu.Unlock()
	}
}

// flushOnce writes what is sealed (sealing the open block too when a waiter needs
// it, or when final) and reports whether it did any work. Caller holds flushMu:
// flushes never overlap, so blocks reach the file, the written log and the durable
// log in order, and inflight/next describe the one flush in progress.
func (l *Log) flushOnce(final bool) bool {
	traceCycle(evStart)
	if !final {
		l.gateFlush() // SetFlushGate: before the batch is gathered and sealed
	}
	traceCycle(evGated)
	l.mu.Lock()
	if l.err != nil || (l.closed && !final) {
		l.mu.Unlock()
		return false
	}
	if !final {
		l.gatherLocked()
	}
	traceCycle(evGathered)
	if final || l.want > l.cur.offset {
		l.sealLocked()
	}
	batch := l.sealed
	l.sealed, l.sealedBytes = nil, 0
	if len(batch) == 0 {
		l.mu.Unlock()
		return false
	}
	last := batch[len(batch)-1]
	served := l.nextWaiters
	l.nextWaiters = 0
	l.inflight, l.next = l.next, make(chan struct{})
	l.inflightEnd = last.offset + last.size
	l.mu.Unlock()

	l.ioMu.Lock()
	wrote := time.Now()
	err := l.writeBatch(batch, l.publishWritten)
	l.lastWrite = time.Since(wrote) // gatherLocked's bound (gatherwait.go)
	l.ioMu.Unlock()

	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		// After a failed write or fdatasync the state of the file is unknown
		// (fsyncgate): the log refuses all further work.
		l.err = fmt.Errorf("flush log: %w: %w", ErrFailed, err)
		l.endFlushLocked()
		l.signalLocked()
		return false
	}
	// Committers of this flush plus those already waiting for the next one: how
	// many the next flush can expect once the ones just released commit again.
	l.active = served + l.nextWaiters
	l.durable = last.offset + last.size
	for i := len(batch) - 1; i >= 0; i-- {
		if batch[i].last != 0 {
			l.durableLSN = batch[i].last
			break
		}
	}
	traceServed(served)
	traceCycle(evDurable)
	close(l.notify)
	l.notify = make(chan struct{})
	l.durableChangedLocked(false)
	l.endFlushLocked()
	return true
}

// endFlushLocked wakes the committers of the flush that ends (inflight) and
// records that none is in progress. Only the flush's owner calls it: inflight
// is non-nil exactly while a flushOnce is between taking its batch and
// publishing the result.
func (l *Log) endFlushLocked() {
	close(l.inflight)
	l.inflight = nil
}

// writeBatch writes contiguous blocks, one write per segment touched, calls
// onWritten (if not nil) once every block is in the OS, then fdatasyncs each touched
// segment once. When no written hook ships the blocks before their sync, or a
// ship hook took them before the write (shiphook.go), each write goes through
// the segment's direct descriptor and is durable when it returns (direct.go),
// so there is nothing left to sync. Caller holds ioMu.
func (l *Log) writeBatch(batch []sealedBlock, onWritten func([]sealedBlock)) error {
	direct := l.onWritten.Load() == nil || l.shipBatch(batch)
	var files []*os.File
	var last *os.File // the segment the batch ends in
	written := 0
	start := time.Now() // Stats.WriteNanos: the writes and syncs, not the hooks
	for i := 0; i < len(batch); {
		// Gather a run of blocks that are contiguous in memory-copy terms: a
		// filler ends its segment, so it ends the run.
		start := batch[i].offset
		j, n := i, 0
		for ; j < len(batch); j++ {
			if j > i && (batch[j-1].size != uint64(len(batch[j-1].raw)) || l.segs.index(batch[j].offset) != l.segs.index(start)) {
				break
			}
			n += len(batch[j].raw)
		}
		buf := l.flushBuf[:0]
		if direct {
			buf = alignedBuf(l.flushBuf, n)[:0]
		}
		for k := i; k < j; k++ {
			buf = append(buf, batch[k].raw...)
		}
		l.flushBuf = buf
		var f *os.File
		var err error
		synced := false
		if direct {
			f, synced, err = l.segs.writeSyncAt(buf, start)
		} else {
			f, err = l.segs.writeAt(buf, start)
		}
		if err != nil {
			return err
		}
		written += len(buf)
		if !synced && (len(files) == 0 || files[len(files)-1] != f) {
			files = append(files, f)
		}
		last = f
		i = j
	}
	stall := time.Since(start)
	if onWritten != nil {
		onWritten(batch)
	}
	start = time.Now()
	for _, f := range files {
		if err := l.syncFile(f); err != nil {
			return fmt.Errorf("fdatasync log: %w", err)
		}
	}
	if last != nil {
		if err := checkLinked(last); err != nil {
			return err
		}
	}
	l.writeNanos.Add(uint64(stall + time.Since(start)))
	l.flushes.Add(1)
	l.flushedBytes.Add(uint64(written))
	return nil
}
