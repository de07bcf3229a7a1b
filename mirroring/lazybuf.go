package mirroring

import (
	"sync"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// lazyBatches keeps a copy of the batches a SAFETY OFF principal's flushes
// wrote but did not ship (lazyship.go), so that the watcher's ship sends
// them from memory. Read back through the written reader instead, they came
// from the disk: the flush writes them with O_DIRECT (shipBatch takes the
// batch), which leaves nothing in the page cache, and the read ran with
// Manager.mu held, so the flush hooks' TryLock failed meanwhile and their
// commits waited for the watcher (mirrorab, OFF at one session: +25 µs of the
// principal's CPU per commit).
//
// Invariant: buf holds the log's blocks [from, from+len(buf)) exactly as
// written, each ending at one of ends, all of them holding records (a batch
// with a filler resets it). Every flush of a principal passes its batch
// through the ship hook (txlog.SetShipHook), so a batch that does not
// continue buf — the log was cut (TruncateAfter), a flush was not lazy — resets
// it: buf never holds log that was cut and written again.
type lazyBatches struct {
	mu   sync.Mutex
	from uint64
	buf  []byte
	ends []uint64
}

// lazyBufMax bounds the copy: far above what offShipBytes lets accumulate.
const lazyBufMax = 4 * offShipBytes

// add copies a flush's batch (shipBatch under SAFETY OFF), or resets the copy
// when it cannot continue it.
func (z *lazyBatches) add(blocks []txlog.BatchBlock) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if len(z.buf) > 0 && z.from+uint64(len(z.buf)) != blocks[0].Offset || len(z.buf) > lazyBufMax {
		z.resetLocked()
	}
	for _, b := range blocks {
		if b.Last == 0 || b.Size != uint64(len(b.Raw)) {
			z.resetLocked() // a filler: the reader's form is the whole block
			return
		}
	}
	if len(z.buf) == 0 {
		z.from = blocks[0].Offset
	}
	for _, b := range blocks {
		z.buf = append(z.buf, b.Raw...)
		z.ends = append(z.ends, b.Offset+b.Size)
	}
}

func (z *lazyBatches) reset() {
	z.mu.Lock()
	z.resetLocked()
	z.mu.Unlock()
}

func (z *lazyBatches) resetLocked() {
	z.buf, z.ends = nil, nil
}

// take removes the blocks up to pos (already sent) and returns the blocks
// [pos, end) with their ends, when the copy holds exactly them; ok false
// otherwise (the caller reads the log instead).
func (z *lazyBatches) take(pos, end uint64) (raw []byte, ends []uint64, ok bool) {
	z.mu.Lock()
	defer z.mu.Unlock()
	i := 0
	for i < len(z.ends) && z.ends[i] <= pos {
		i++
	}
	if i > 0 {
		z.buf = z.buf[z.ends[i-1]-z.from:]
		z.from = z.ends[i-1]
		z.ends = z.ends[i:]
	}
	if len(z.ends) == 0 || z.from != pos || end <= pos {
		return nil, nil, false
	}
	k := 0
	for k < len(z.ends) && z.ends[k] < end {
		k++
	}
	if k == len(z.ends) || z.ends[k] != end {
		return nil, nil, false
	}
	raw, ends = z.buf[:end-z.from], z.ends[:k+1]
	z.buf, z.ends, z.from = z.buf[end-z.from:], z.ends[k+1:], end
	return raw, ends, true
}

// sendLazy is sendLog for log the lazy copy holds: when it holds exactly
// (msg.Start, msg.End] where the reader stands, it sends it as LogBlocks
// frames (sendLog's contract: whole blocks, cut after frameTarget bytes),
// moves the reader past it and reports true. Caller holds Manager.mu.
func (s *session) sendLazy(c *endpoint.Conn, msg partner.Message) bool {
	if s.reader == nil || msg.Start != s.readerPos {
		return false
	}
	pos := s.reader.Position()
	raw, ends, ok := s.lazyBuf.take(pos, msg.End.BlockOffset())
	if !ok {
		return false
	}
	start, off := msg.Start, pos
	for i, e := range ends {
		if e-off >= frameTarget || i == len(ends)-1 {
			end := txlog.MakeLSN(e, 0)
			_ = c.Send(&proto.LogBlocks{MirroringID: s.guid, RoleSeq: msg.RoleSeq, FirstLSN: start, EndLSN: end, Blocks: raw[off-pos : e-pos]})
			s.framesSent.Add(1)
			mark(stSent)
			start, off = end, e
		}
	}
	s.reader.SkipTo(ends[len(ends)-1])
	s.readerPos = msg.End
	s.shipped.Store(uint64(msg.End)) // for the flush gate (pace.go)
	s.lazySends.Add(1)
	return true
}
