package mirroring

import (
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// Shipping a flush's batch before it is written (session 10).
//
// The principal's log calls shipBatch (txlog.Log.SetShipHook) with each
// flush's blocks before it writes them. When the machine's next MsgLog would
// continue exactly where the session's reader stands, shipBatch tells the
// machine the batch's end (LogFlushed), and sendLog builds the frames from the
// batch's own bytes instead of reading them back; the reader is moved past
// them (Reader.SkipTo). The log then writes the batch with one
// O_DIRECT|O_DSYNC write instead of pwrite + fdatasync: the mirror's harden
// and the local one still overlap, as with the written hook (ship.go), and
// the principal saves the fdatasync's extra work and the read-back
// (docs/benchmarks-mirroring.md, session 10).
//
// When it cannot (Manager.mu busy, anything older pending, the gate closed,
// the reader elsewhere, a filler in the batch), shipBatch declines and the
// flush runs as before: pwrite, the written hook, fdatasync.
//
// Safety: the same as shipping written-but-unsynced log. The bytes are the
// ones the flush then writes; a commit is still acknowledged only when it is
// durable here (the engine's Commit waits for the local flush) and, under
// SAFETY FULL, hardened on the mirror; a mirror holding log this principal
// then loses in a crash discards it when the session re-forms.
//
// The machine's end of log (LogFlushed) may now pass the log written here
// while the flush's write runs. Any other MsgLog then (a Ready the hook
// deferred, a resend from tick) is sent by sendLog through the written reader,
// which waits for the write to land (waitWritten) — never on the flushing
// goroutine itself (s.inShipHook), whose own write it would wait for.

// shipBatch is the principal log's ship hook; see above. It reports whether it
// took the batch.
func (s *session) shipBatch(blocks []txlog.BatchBlock) bool {
	if len(blocks) == 0 {
		return false
	}
	if s.offShip.Load() {
		// SAFETY OFF: the watcher ships it later, from this copy
		// (lazyship.go); shipWritten signals it once the batch is written.
		s.lazyBuf.add(blocks)
		return true
	}
	s.lazyBuf.reset() // it must continue every batch since (lazybuf.go)
	for _, b := range blocks {
		if b.Last == 0 || b.Size != uint64(len(b.Raw)) {
			return false // a filler: the reader's form is the whole block
		}
	}
	m := s.mgr
	if !m.mu.TryLock() {
		return false
	}
	defer m.mu.Unlock()
	if s.removed || m.closed || s.deferred != nil || s.m.HasReady() || s.gate.closed() || s.reader == nil {
		return false
	}
	from, ships := s.m.ShipsFrom()
	if !ships || from != s.readerPos || s.reader.Position() != blocks[0].Offset {
		return false
	}
	mark(stWritten)
	defer mark(stHookDone)
	lastBlock := blocks[len(blocks)-1]
	s.stagedEnd = lastBlock.Offset + lastBlock.Size
	end := txlog.MakeLSN(s.stagedEnd, 0) // as shipPos names the written end
	s.stagedTo.Store(s.stagedEnd)
	s.staged, s.inShipHook = blocks, true
	defer func() { s.staged, s.inShipHook = nil, false }()
	s.m.LogFlushed(end)
	rd := s.m.Ready()
	if !hookSafe(&rd) {
		// The watcher applies it after this flush's write: its sendLog
		// reads the batch back through the written reader (waitWritten).
		s.deferred = &rd
		s.kickWatcher()
		return true
	}
	m.applyReady(s, rd, nil)
	if s.m.HasReady() {
		s.kickWatcher()
	}
	m.snapLocked(s)
	return true
}

// sendStaged is sendLog for the batch shipBatch holds (s.staged): when msg
// asks for exactly that batch, it sends it as LogBlocks frames from the
// batch's bytes, moves the reader past it and reports true. Frames follow
// sendLog's contract (whole blocks, cut after frameTarget bytes).
func (s *session) sendStaged(c *endpoint.Conn, msg partner.Message) bool {
	st := s.staged
	if st == nil || s.reader == nil || msg.Start != s.readerPos || s.reader.Position() != st[0].Offset ||
		msg.End != txlog.MakeLSN(st[len(st)-1].Offset+st[len(st)-1].Size, 0) {
		return false
	}
	s.staged = nil // sent once
	start := msg.Start
	n := 0
	for _, b := range st {
		n += len(b.Raw)
	}
	buf := make([]byte, 0, min(n, frameTarget+len(st[0].Raw)))
	for i, b := range st {
		buf = append(buf, b.Raw...)
		if len(buf) >= frameTarget || i == len(st)-1 {
			end := txlog.MakeLSN(b.Offset+b.Size, 0)
			_ = c.Send(&proto.LogBlocks{MirroringID: s.guid, RoleSeq: msg.RoleSeq, FirstLSN: start, EndLSN: end, Blocks: buf})
			s.framesSent.Add(1)
			mark(stSent)
			start = end
			if i < len(st)-1 {
				buf = make([]byte, 0, min(n, frameTarget+len(b.Raw)))
			}
		}
	}
	last := st[len(st)-1]
	s.reader.SkipTo(last.Offset + last.Size)
	s.readerPos = msg.End
	s.shipped.Store(uint64(msg.End)) // for the flush gate (pace.go)
	s.stagedSends.Add(1)
	return true
}

// waitWrittenMax bounds how long sendLog waits for a flush's write (waitWritten):
// far above one log write (~0.1–1 ms here); the wait happens only in the rare
// case above.
const waitWrittenMax = 2 * time.Second

// waitWritten is called by sendLog when the written reader found no block at
// off: if a batch shipBatch took ends beyond off (its flush is writing it
// now), it waits until the written log changes or *deadline passes (set on
// first use, waitWrittenMax from now) and reports true when sendLog should
// look again. It waits with Manager.mu held, which is safe: the flush's write
// needs no Manager.mu (its hooks only try it). Never on the flushing goroutine
// (s.inShipHook), whose own write it would wait for.
func (s *session) waitWritten(l *txlog.Log, off uint64, deadline *time.Time) bool {
	if s.inShipHook || off >= s.stagedEnd {
		return false
	}
	ch := l.WrittenNotify()
	if l.WrittenEnd() > off {
		return true
	}
	if deadline.IsZero() {
		*deadline = time.Now().Add(waitWrittenMax)
	}
	d := time.Until(*deadline)
	if d <= 0 {
		return false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
		return false
	}
}
