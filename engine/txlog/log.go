package txlog

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure Open.
type Options struct {
	// Start is the stream offset at which a new, empty log begins (a multiple of
	// BlockAlign). A fresh database starts at 0; a mirror restored from its
	// principal's backup starts where the principal's log continues, so both logs
	// hold the same LSNs. Ignored when the directory already holds a log.
	Start uint64

	// SegmentSize sets the size of a new log's segment files (0: SegmentSize); an
	// existing log keeps the size recorded in its control file. It
	// exists for tests, where 64 MiB preallocated per segment is costly: a multiple
	// of BlockAlign, at least MinSegmentSize. Both partners of a mirroring session
	// must use the same size (blocks never cross segments, and AppendBlocks checks
	// that).
	// LSN.String and Numeric always count in SegmentSize units, so with another
	// size the displayed VLF number no longer matches the segment file names.
	SegmentSize uint64

	// BufferedWrites makes the log write blocks with pwrite + fdatasync
	// instead of one O_DIRECT|O_DSYNC write (direct.go); for comparisons and
	// for file systems where direct writes are unwelcome. The log falls back to
	// buffered writes by itself where direct writes are refused.
	BufferedWrites bool
}

// Log is one database's transaction log.
//
// Contracts:
//   - LSNs only grow. Append assigns them in call order; a record's LSN is known
//     when Append returns, before it is durable.
//   - A record is durable once WaitDurable for its LSN (or a later one) has returned
//     nil; it then survives a crash. Records are made durable in LSN order: when
//     LSN n is durable, so is every LSN below n.
//   - A record is visible to readers (Reader, Scan, Notify) only after it is
//     durable: nothing that a crash could take back is redone into the page store
//     or backed up. The one exception is explicit: a written reader
//     (NewWrittenReader, WrittenNotify, WrittenLSN) also sees blocks the flusher
//     has written to the operating system but not yet fdatasync'd, so that
//     mirroring ships log in parallel with the local flush (written.go).
//   - Durability is per block: sealing a block for one waiter makes every record in
//     it durable at once (group commit).
//
// A Log is safe for concurrent use. A log is used either as a principal's log
// (Append) or as a mirror's log (AppendBlocks); after a role change the same Log
// switches use once the other kind of writing has stopped (AppendBlocks refuses to
// run while appended records are pending).
//
// Lock order: flushMu, then ioMu, then ctlMu, then mu, then the segments' own lock; the flusher
// never holds mu while it waits for ioMu or does I/O.
type Log struct {
	dir     string
	segSize uint64
	segs    *segments

	// flushMu is held by whoever runs flushOnce: the flusher goroutine, or a
	// committer in WaitDurable that found no flush running and leads one itself
	// (TryLock, so a committer never queues behind a flush: it waits for the
	// flush's channel instead). It comes before mu and ioMu in the lock order;
	// WaitDurable tries it while holding mu, which a TryLock may (it never
	// waits).
	flushMu sync.Mutex
	// ioMu serializes writes to segment files: the flusher's write+fdatasync,
	// AppendBlocks, truncation, tail repair. Appenders never take it.
	ioMu sync.Mutex
	// ctlMu serializes control file updates.
	ctlMu sync.Mutex
	// flushBuf is the flusher's reusable write buffer (ioMu).
	flushBuf []byte
	// lazyF is the lazytail marker file once a lazy append opened it (ioMu;
	// lazytail.go), lazy the range recovery found recorded there.
	lazyF *os.File
	lazy  lazyRange
	// syncFile is the flusher's fdatasync (datasync); tests replace it, before
	// the first Append, to hold a flush between its write and its sync.
	syncFile func(*os.File) error

	mu          sync.Mutex
	cur         blockBuilder  // the open block; cur.offset is the append position
	sealed      []sealedBlock // sealed blocks not yet written, in order
	sealedBytes int
	lastLSN     LSN           // last appended record
	durable     uint64        // end of the durable log: every block below it is on disk
	durableLSN  LSN           // last durable record
	want        uint64        // waiters need every block below this offset durable
	notify      chan struct{} // readers and Notify: closed when the durable log changes
	written     uint64        // end of the blocks written to the OS (≥ durable; see written.go)
	writtenLSN  LSN           // last record below written
	wnotify     chan struct{} // written readers and WrittenNotify: closed when written changes
	inflight    chan struct{} // closed when the flush in progress completes (nil: none)
	inflightEnd uint64        // end of the blocks the flush in progress writes
	next        chan struct{} // closed when the flush after the one in progress completes
	nextWaiters int           // waiters registered on next
	active      int           // committers seen in the last flush cycle (see gather)
	gathered    chan struct{} // closed when nextWaiters reaches active (WaitGathered); nil when nobody waits
	ctl         control
	gen         uint64 // incremented when TruncateAfter discards durable log
	cuts        []cut  // every TruncateAfter of this Log, oldest first
	err         error  // sticky write failure: the log is unusable
	closed      bool
	parker      CommitParker // SetCommitParker: parks WaitCommit's committers
	recent      recentLog    // a mirror's newest hardened log, for Scan (recent.go)

	onWritten atomic.Pointer[func()]                  // SetWrittenHook; publishWritten calls it without mu
	flushGate atomic.Pointer[func()]                  // SetFlushGate; flushOnce calls it without mu
	onShip    atomic.Pointer[func([]BatchBlock) bool] // SetShipHook; writeBatch calls it without mu
	// shipBlocks is shipBatch's reusable view of a batch (flushMu).
	shipBlocks []BatchBlock
	// gatherLocked's state (gatherwait.go), all flushMu's: the last flush's
	// write time, the timer bounding a wait, the flushes left ungathered
	// after misses and the misses in a row; gatherFor, when set by a test,
	// replaces the bound.
	lastWrite    time.Duration
	gatherTimer  *time.Timer
	gatherSkip   int
	gatherMisses int
	gatherFor    time.Duration
	// gateGathered: the flush gate has waited for this flush's committers
	// (WaitGathered), so gatherLocked does not wait for them again.
	gateGathered bool

	flushes      atomic.Uint64 // log flushes (write + fdatasync) done
	flushedBytes atomic.Uint64 // bytes written by them
	writeNanos   atomic.Uint64 // time spent in their writes and syncs (Stats.WriteNanos)
	rechecks     atomic.Uint64 // WaitDurable rechecks that fired (Stats.WaitRechecks)
	parks        atomic.Uint64 // times a committer parked in WaitDurable (tests wait for it)
	gathers      atomic.Uint64 // flushes that waited for committers before sealing (Stats.GatherWaits)
	gatherMissed atomic.Uint64 // those whose wait reached its bound (Stats.GatherMisses)
	rc           recheckClock  // WaitDurable's recheck clock (recheck.go)

	// recheck is waitRecheck; tests set it (before the first WaitDurable) to
	// 0, which disables the recheck, to see a lost wake-up as a hang.
	recheck time.Duration

	kick chan struct{} // wakes the flusher (capacity 1)
	stop chan struct{} // closed by Close
	done chan struct{} // closed when the flusher exits
}

// sealedBlock is a block waiting to be written. For a filler, raw holds only its
// first BlockAlign bytes (the rest of a segment is already zero) and size is larger.
type sealedBlock struct {
	offset uint64
	raw    []byte
	size   uint64
	last   LSN
}

// cut records that TruncateAfter made generation gen with the log ending at end.
type cut struct {
	gen uint64
	end uint64
}

// MinSegmentSize is the smallest Options.SegmentSize.
const MinSegmentSize = 64 << 10

// maxPendingBytes bounds the sealed-but-unwritten log: Append waits for the
// flusher when appenders outrun the disk.
const maxPendingBytes = 16 << 20

// Open opens the log in dir, creating it (and dir) when there is none. It recovers
// the end of the log: scanning from the last checkpoint (or the start), it checks
// every block's checksum and sequence, cuts off a torn tail and makes the tail
// zero again, and returns an error wrapping ErrCorrupt if damage lies inside the
// durable log. The returned Log runs one flusher goroutine until Close.
func Open(dir string, opts Options) (*Log, error) {
	if opts.Start%BlockAlign != 0 {
		return nil, fmt.Errorf("open log: start offset %d is not a multiple of %d", opts.Start, BlockAlign)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open log: %w", err)
	}
	ctl, exists, err := readControl(dir)
	if err != nil {
		return nil, fmt.Errorf("open log %s: %w", dir, err)
	}
	segSize := opts.SegmentSize
	switch {
	case exists && segSize != 0 && segSize != ctl.segSize:
		return nil, fmt.Errorf("open log %s: created with segment size %d, not %d", dir, ctl.segSize, segSize)
	case exists:
		segSize = ctl.segSize
	case segSize == 0:
		segSize = SegmentSize
	}
	if segSize%BlockAlign != 0 || segSize < MinSegmentSize || segSize > 1<<32-BlockAlign {
		return nil, fmt.Errorf("open log: segment size %d invalid", segSize)
	}
	segs, err := openSegments(dir, segSize)
	if err != nil {
		return nil, fmt.Errorf("open log: %w", err)
	}
	if opts.BufferedWrites {
		segs.direct.off.Store(true)
	}
	l := &Log{
		dir: dir, segSize: segSize, segs: segs, syncFile: datasync, recheck: waitRecheck,
		notify:  make(chan struct{}),
		wnotify: make(chan struct{}),
		next:    make(chan struct{}),
		kick:    make(chan struct{}, 1),
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	if !exists {
		ctl = control{retained: opts.Start, segSize: segSize}
	}
	if err := l.recover(ctl, exists); err != nil {
		segs.close()
		return nil, fmt.Errorf("open log %s: %w", dir, err)
	}
	go l.flusher()
	return l, nil
}

// Close makes every appended record durable, stops the flusher and closes the
// files. Appends after Close fail with ErrClosed. It returns the flush error, if any.
func (l *Log) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	l.mu.Unlock()
	close(l.stop)
	<-l.done
	l.mu.Lock()
	err := l.err
	l.signalLocked()
	l.mu.Unlock()
	l.ioMu.Lock()
	defer l.ioMu.Unlock()
	if cerr := l.segs.close(); err == nil && cerr != nil {
		err = fmt.Errorf("close log: %w", cerr)
	}
	if l.lazyF != nil {
		if cerr := l.lazyF.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close log: %w", cerr)
		}
		l.lazyF = nil
	}
	return err
}

// signalLocked wakes everyone waiting (readers and committers) and replaces the
// channels; waiters re-check the state they wait for.
//
// A flush may be in progress (TruncateBefore signals without flushMu): its
// inflight channel is replaced, not dropped, so that the flush still closes
// what its woken committers wait on when it completes. Dropping it (inflight =
// nil, as before session 9) lost their wake-up: a committer whose block that
// flush was writing found no flush in progress, registered on next and woke
// the flusher, whose flush then found nothing to write and left next open —
// every committer of that flush parked for good unless another commit came
// (TestSignalDuringFlushKeepsWaitersServed, TestStressGroupCommit).
func (l *Log) signalLocked() {
	close(l.notify)
	l.notify = make(chan struct{})
	l.syncWrittenLocked()
	close(l.wnotify)
	l.wnotify = make(chan struct{})
	if l.inflight != nil {
		close(l.inflight)
		l.inflight = make(chan struct{})
	}
	close(l.next)
	l.next = make(chan struct{})
	l.nextWaiters = 0 // they look again and register on the new next
	if l.gathered != nil {
		// A gathering flush (or flush gate) looks again too: the log may
		// have failed or closed, and the count it waits for was reset.
		close(l.gathered)
		l.gathered = nil
	}
	l.durableChangedLocked(true)
}

// Notify returns a channel that is closed when the durable log changes (new durable
// blocks, truncation, failure, close). Take a new channel after each wake-up
// (close-and-replace, like litestream's DB.Notify); check the state you wait for
// after taking the channel, then wait, so no change is missed.
func (l *Log) Notify() <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.notify
}

// FlushedLSN is the LSN of the last durable record (0 if there is none): every
// record with an LSN at or below it survives a crash. To compare log ends
// across partners use FlushedEnd.
func (l *Log) FlushedLSN() LSN {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.durableLSN
}

// HardenedLSN is FlushedLSN under the name mirroring uses on the mirror: the last
// record received from the principal and hardened on disk.
func (l *Log) HardenedLSN() LSN { return l.FlushedLSN() }

// EndOfLog is the position where the next block will be written, as an LSN with
// slot 0: every appended record's LSN is below it. It includes appended records
// that are not durable yet; the durable end, which partners compare, is
// FlushedEnd.
func (l *Log) EndOfLog() LSN {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur.count > 0 {
		return MakeLSN(l.cur.offset+alignUp(uint64(len(l.cur.buf))), 0)
	}
	return MakeLSN(l.cur.offset, 0)
}

// DurableEnd is the stream offset just past the last durable block: where a
// mirror's next AppendBlocks must start, and where a reader's stream currently ends.
func (l *Log) DurableEnd() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.durable
}

// FlushedEnd is the end of the durable log as one LSN: slot 0 of the block
// just past the last durable block (MakeLSN(DurableEnd(), 0)). It is the one
// form in which partners compare log ends (mirroring's end_of_log_lsn, the
// hardened and failover LSNs, a fork point; reference/mirroring.md §1.5):
// every record in the durable log is below it and every later record above
// it (slots start at 1), and a mirror's byte copy of its principal's log has
// the same FlushedEnd, also when the copy holds no record of its own (restored
// WITH NORECOVERY). FlushedLSN, the last record, names the same end differently
// for such a copy (or not at all), so it is only for local use.
func (l *Log) FlushedEnd() LSN {
	l.mu.Lock()
	defer l.mu.Unlock()
	return MakeLSN(l.durable, 0)
}

// SourceSyncedEnd is how much of this log is known durable where it was
// written: the synced field of its last durable block with records (the
// writer had made the log below that offset durable before sealing the block;
// see block.go). On a mirror, whose log is a byte copy of the principal's, it
// bounds what a crash of the principal can take back: the principal recovers
// at least that much, so a re-formed session never cuts the mirror's log below
// it. It is 0 for a log without records, and lags the writer's own durable end
// by up to one block.
func (l *Log) SourceSyncedEnd() (uint64, error) {
	l.mu.Lock()
	last, durable := l.durableLSN, l.durable
	l.mu.Unlock()
	if last == 0 {
		return 0, nil
	}
	sc := &scanner{segs: l.segs}
	h, _, err := sc.block(last.BlockOffset(), durable)
	if err != nil {
		return 0, fmt.Errorf("read the synced end: %w", l.readError(last.BlockOffset(), err))
	}
	return h.synced, nil
}

// RetainedFrom is the stream offset of the first block still in the log; LSNs in
// blocks below it have been truncated away (TruncateBefore).
func (l *Log) RetainedFrom() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ctl.retained
}

// CheckpointLSN is the LSN of the last checkpoint recorded with SetCheckpoint.
func (l *Log) CheckpointLSN() LSN {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ctl.checkpoint
}

// SetCheckpoint records lsn, which must be a durable Checkpoint record, as the
// place where the next Open starts its scan and recovery starts redo. Call it after
// the page store has been synced up to the checkpoint's RedoStart. The control file
// is replaced atomically.
func (l *Log) SetCheckpoint(lsn LSN) error {
	l.ctlMu.Lock()
	defer l.ctlMu.Unlock()
	l.mu.Lock()
	if lsn == 0 || lsn > l.durableLSN || lsn.BlockOffset() < l.ctl.retained {
		l.mu.Unlock()
		return fmt.Errorf("set checkpoint %s: %w", lsn, ErrNotDurable)
	}
	c := l.ctl
	l.mu.Unlock()
	c.checkpoint = lsn
	if err := writeControl(l.dir, c); err != nil {
		return fmt.Errorf("set checkpoint %s: %w", lsn, err)
	}
	l.mu.Lock()
	l.ctl.checkpoint = lsn
	l.mu.Unlock()
	return nil
}

// Stats are counters for monitoring (SQL Server's "Log Flushes/sec" and "Log Bytes
// Flushed/sec" performance counters are their rates).
type Stats struct {
	Flushes      uint64 // write + fdatasync rounds, by the flusher or AppendBlocks
	FlushedBytes uint64 // bytes of log they wrote
	// WriteNanos is the time those flushes spent writing and syncing (the
	// mirroring hooks they call are not counted): sys.dm_io_virtual_file_stats'
	// io_stall_write_ms for the log file.
	WriteNanos uint64
	// WaitRechecks counts committers that WaitDurable had parked for
	// waitRecheck without being served and that looked again: a flush slower
	// than that, or a lost wake-up (which it then repairs). Healthy logs keep
	// it near 0; a steady rise under light load is a bug to report.
	WaitRechecks uint64
	// GatherWaits counts flushes that waited, before sealing, for the last
	// cycle's committers to register (gatherLocked), GatherMisses those
	// whose wait reached its bound first.
	GatherWaits, GatherMisses uint64
}

// Stats returns the log's counters since Open.
func (l *Log) Stats() Stats {
	return Stats{Flushes: l.flushes.Load(), FlushedBytes: l.flushedBytes.Load(), WriteNanos: l.writeNanos.Load(), WaitRechecks: l.rechecks.Load(),
		GatherWaits: l.gathers.Load(), GatherMisses: l.gatherMissed.Load()}
}
