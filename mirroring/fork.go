package mirroring

import (
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// tailWindow is how many of its last hardened blocks a mirror describes in its
// SessionAccept. Only blocks the principal had written but not yet fdatasync'd
// when it crashed can differ (the flush batches in flight, each at most a few
// blocks, see partner/doc.go "Finding the fork point"), so 64 blocks cover every
// realistic crash; a wider divergence is reported (1412) and the session
// SUSPENDED until the mirror is re-seeded.
const tailWindow = 64

// tailBlocks returns the sums the mirror reports in its SessionAccept: its last
// blocks up to hardened, the position the accept reports (below the log's end
// when a SUSPENDED mirror keeps a tail from an older role sequence), or none if
// the log cannot be read (the principal then compares nothing and the old rule
// holds: identical overlapping blocks are skipped, differing ones refused).
func (m *Manager) tailBlocks(s *session, l *txlog.Log, hardened txlog.LSN) []txlog.BlockSum {
	sums, err := l.TailBlocksThrough(tailWindow, hardened)
	if err != nil {
		m.log.Error("list hardened log blocks", "database", s.name, "err", err)
		return nil
	}
	return sums
}

// checkFork is the principal owner's half of the fork-point rule: it compares the
// mirror's reported block sums (oldest first) with its own blocks at the same
// offsets and puts the verdict into msg for the machine (partner.Machine.forkCheck).
// The common point is the end of the last block of the longest matching prefix
// of the list, as a log end (txlog.Log.FlushedEnd); blocks below the
// principal's retained log are skipped (they cannot be compared and precede any
// divergence the window is for). If the first comparable block
// already differs, there is no common point in the window: the error is logged as
// SQL Server reports a mirror that does not fit the principal's log (1412).
func (m *Manager) checkFork(s *session, v *proto.SessionAccept, msg *partner.Message) {
	if hs := s.m.HardState(); hs.Role != partner.RolePrincipal || hs.Suspended || len(v.TailBlocks) == 0 {
		return
	}
	l := s.db.Log()
	retained := l.RetainedFrom()
	var common txlog.LSN
	matched := false
	for _, sum := range v.TailBlocks {
		own, ok, err := l.BlockSumAt(sum.Offset)
		if err != nil {
			m.log.Error("compare mirror's log blocks", "database", s.name, "offset", sum.Offset, "err", err)
			return // no verdict: the session starts as before
		}
		if !ok && sum.Offset < retained {
			continue
		}
		if !ok || own != sum {
			if !matched || common == 0 {
				msg.NoCommonPoint = true
				m.log.Error(errNotBeyond(s.name).Error(), "database", s.name, "error", 1412,
					"reason", "the mirror's log differs from the principal's before the compared window; re-seed the mirror",
					"mirror_block", sum.Offset, "mirror_hardened", v.Hardened)
				return
			}
			msg.CutAfter = common
			m.log.Warn("mirror's log diverges from the principal's; the mirror discards its tail after the common point",
				"database", s.name, "common", common, "mirror_hardened", v.Hardened)
			return
		}
		matched = true
		common = txlog.MakeLSN(sum.Offset+uint64(sum.Size), 0) // the log end after it
	}
}
