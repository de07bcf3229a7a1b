package txlog

// BatchBlock is one block of a flush's batch as a ship hook sees it
// (SetShipHook), before the flush writes it.
type BatchBlock struct {
	// Offset is the block's stream offset.
	Offset uint64
	// Raw is the block's bytes exactly as they will be on disk, except for a
	// filler: then Raw holds only its first BlockAlign bytes and Size is
	// larger (the rest of the segment stays as it is). Raw is valid only
	// during the hook's call: copy what you keep.
	Raw []byte
	// Size is the block's size in the stream.
	Size uint64
	// Last is the LSN of the block's last record (0 for a filler).
	Last LSN
}

// SetShipHook installs f (nil removes it), called by a flush with its batch
// before the batch is written, when a written hook is installed
// (SetWrittenHook) — that is, on a mirroring principal.
//
// Why: a mirroring principal shipped its log from the written hook, between
// the flush's pwrite and its fdatasync, so that the mirror's harden overlaps
// the local one; that kept such a principal off the cheaper one-write
// O_DIRECT|O_DSYNC path (direct.go), which has no point between the write and
// the sync. A ship hook sends the batch from the flush's own bytes before
// anything is written (which also saves the sender its read of the log
// back), and then the flush may write it directly: both partners' hardens
// still run in parallel (docs/benchmarks-mirroring.md, session 10).
//
// f returns true when it has taken the batch (shipped it, queued it to be
// shipped from its own copy, or will ship it later from the written log, as
// a SAFETY OFF principal does: mirroring/lazyship.go): the flush then writes
// it with the direct write where the file system allows. It returns false when it did not (it could not
// ship now); the flush then writes as without a ship hook — pwrite, the
// written hook, fdatasync — and the written hook ships as before. Either way
// the written log (WrittenLSN, written readers) moves only when the batch is
// written, and durability and its notifications are unchanged: f only lets
// the log's bytes leave the process earlier, which mirroring already allowed
// for written-but-unsynced blocks (written.go: a mirror may harden log this
// partner then loses in a crash; no commit in it was acknowledged).
//
// Contract: the same as the written hook's (SetWrittenHook): f runs on the
// goroutine that leads the flush with the log's flush and I/O locks held, must
// be short, must never block, and must not call anything that flushes,
// appends, truncates or waits for the log, nor wait for a lock whose holders
// may. The blocks are contiguous and in stream order, and every later call
// continues where the previous batch ended, unless the log was cut in
// between (TruncateAfter) or a write failed.
func (l *Log) SetShipHook(f func([]BatchBlock) bool) {
	if f == nil {
		l.onShip.Store(nil)
		return
	}
	l.onShip.Store(&f)
}

// shipBatch offers batch to the ship hook and reports whether it took it.
// Caller holds flushMu and ioMu (writeBatch). The BatchBlock slice is reused
// across flushes (flushMu).
func (l *Log) shipBatch(batch []sealedBlock) bool {
	f := l.onShip.Load()
	if f == nil {
		return false
	}
	bb := l.shipBlocks[:0]
	for _, b := range batch {
		bb = append(bb, BatchBlock{Offset: b.offset, Raw: b.raw, Size: b.size, Last: b.last})
	}
	l.shipBlocks = bb
	took := (*f)(bb)
	clear(bb) // drop the references to the batch's bytes
	return took
}

// SkipTo moves the reader forward to off, past blocks its owner already has
// from a ship hook, so that the next block it returns is the one at off. off
// must be a block boundary at or after Position (the end of a batch the hook
// took); an off below Position is ignored. The blocks up to off need not be
// written yet: the reader returns nothing until they and the block at off are.
func (r *Reader) SkipTo(off uint64) {
	if off > r.pos {
		r.pos = off
	}
}
