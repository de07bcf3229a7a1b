package engine

import (
	"sync"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// logHolds keeps log truncation behind the blocks a running BACKUP still has
// to copy. A full backup carries the log from the checkpoint it starts with
// (backupDatabase); an automatic checkpoint that ran while it copied could
// otherwise drop that segment under the reader, and the BACKUP would fail.
// SQL Server shows the same wait as log_reuse_wait_desc ACTIVE_BACKUP_OR_RESTORE.
type logHolds struct {
	mu   sync.Mutex
	from map[uint64]int // block offset → running backups that still read from it
}

// hold keeps the log from offset on until release is called (once).
func (h *logHolds) hold(offset uint64) (release func()) {
	h.mu.Lock()
	if h.from == nil {
		h.from = make(map[uint64]int)
	}
	h.from[offset]++
	h.mu.Unlock()
	return func() {
		h.mu.Lock()
		if h.from[offset]--; h.from[offset] == 0 {
			delete(h.from, offset)
		}
		h.mu.Unlock()
	}
}

// limit lowers a truncation limit to the oldest held block; active reports
// whether any hold exists.
func (h *logHolds) limit(lsn txlog.LSN) (_ txlog.LSN, active bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for off := range h.from {
		if l := txlog.MakeLSN(off, 0); l < lsn {
			lsn = l
		}
	}
	return lsn, len(h.from) > 0
}
