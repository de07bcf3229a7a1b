package mirroring

import (
	"errors"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// frameTarget is the log a LogBlocks frame carries before it is cut: 60 KB, SQL
// Server's own log block limit (proto.DefaultMaxFrame's comment). A frame always
// holds whole blocks, so one larger block makes a larger frame.
const frameTarget = 60 << 10

// shipPos is the position the principal's machine is told through LogFlushed:
// the end of the log written to the OS, which may not be durable yet (§1.5 step
// 2: the principal flushes locally and, in parallel, sends; txlog/written.go),
// in the form partners compare log ends (txlog.Log.FlushedEnd: slot 0 of the
// next block). A commit is still acknowledged only once it is durable here too
// (the engine's Commit waits for both), and a mirror that hardened log this
// partner then lost in a crash discards it when the session re-forms (partner:
// session start).
func shipPos(l *txlog.Log) txlog.LSN { return txlog.MakeLSN(l.WrittenEnd(), 0) }

// sendLog ships the principal's log in (msg.Start, msg.End] as LogBlocks frames
// (§1.5 step 2). It reads with the session's written txlog.Reader, which continues
// where the previous MsgLog ended; a MsgLog that starts elsewhere (a new session, a
// resend after reconnect) repositions it. End is written (the machine never asks
// for more than LogFlushed reported, shipPos), so the reader never waits.
//
// Frame contract: FirstLSN is the position the frame continues from (the previous
// frame's EndLSN, or msg.Start), EndLSN the end of the frame's last block, both as
// log ends (slot 0 of the next block, txlog.Log.FlushedEnd): the mirror's end
// once it hardened the frame. A frame is cut only after a block that holds
// records, so fillers travel with the block that follows them (the written end
// never stops after a filler: the log writes one with the block after it).
func (s *session) sendLog(c *endpoint.Conn, msg partner.Message) {
	l := s.db.Log()
	if s.reader == nil || s.readerPos != msg.Start {
		r, err := newShipReader(l, msg.Start)
		if err != nil {
			s.mgr.log.Error("open log reader for the mirror", "database", s.name, "from", msg.Start, "err", err)
			s.reader = nil
			return
		}
		s.reader, s.readerPos = r, msg.Start
	}
	if s.sendStaged(c, msg) || s.sendLazy(c, msg) {
		return
	}
	start := msg.Start
	var buf []byte
	var deadline time.Time // waitWritten's
	flush := func(end txlog.LSN) {
		if len(buf) == 0 || end <= start {
			return
		}
		_ = c.Send(&proto.LogBlocks{MirroringID: s.guid, RoleSeq: msg.RoleSeq, FirstLSN: start, EndLSN: end, Blocks: buf})
		s.framesSent.Add(1)
		mark(stSent)
		start, buf = end, nil
	}
	last := start // the end of the last block read
	for txlog.MakeLSN(s.reader.Position(), 0) < msg.End {
		// Raw blocks straight into the frame: no Block, no record decoding (the
		// mirror's AppendBlocks verifies every record).
		var blockLast txlog.LSN
		var ok bool
		var err error
		buf, blockLast, ok, err = s.reader.TryNextRaw(buf)
		if err == nil && !ok && s.waitWritten(l, s.reader.Position(), &deadline) {
			continue // a batch shipBatch took is being written (shipstaged.go)
		}
		if err != nil || !ok {
			if err != nil {
				s.mgr.log.Error("read log for the mirror", "database", s.name, "err", err)
			}
			flush(last)
			s.reader = nil
			return
		}
		last = txlog.MakeLSN(s.reader.Position(), 0)
		if blockLast != 0 && len(buf) >= frameTarget {
			flush(last)
		}
	}
	flush(last)
	s.readerPos = msg.End
	s.shipped.Store(uint64(msg.End)) // for the flush gate (pace.go)
}

// newShipReader opens a reader that continues the mirror's log after from, the
// mirror's hardened end (a log end: the reader starts at the block there). from
// may lie in a block this log no longer has when this log itself begins later: a
// principal that was a mirror restored WITH NORECOVERY starts its log at the
// restore point, and a partner that rejoins with a log ending below it reports
// that end. The reader then starts at the first retained block; the mirror's
// Log.AppendBlocks verifies that it continues its log exactly (txlog.ErrGap when
// log is truly missing, and the session is restarted), so nothing is skipped
// silently.
func newShipReader(l *txlog.Log, from txlog.LSN) (*txlog.Reader, error) {
	r, err := l.NewWrittenReader(from)
	if err == nil || !errors.Is(err, txlog.ErrTruncated) {
		return r, err
	}
	retained := l.RetainedFrom()
	if from.BlockOffset() >= retained {
		return nil, err
	}
	if r2, err2 := l.NewWrittenReader(txlog.MakeLSN(retained, 0)); err2 == nil {
		return r2, nil
	}
	return nil, err
}
