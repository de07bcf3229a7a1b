package txn

import (
	"context"
	"time"
	"unsafe"
)

// Instant-duration locks: what a READ COMMITTED reader takes on each row
// (issues #4 #5). SQL Server's locking READ COMMITTED takes an S lock on a
// row, reads it and releases the lock at once: the point is to wait for a
// writer that holds the row, not to keep anyone out afterwards. Most rows
// have no lock at all, so the check comes first and costs one map lookup
// under the manager's mutex, allocating nothing; only a row some other
// owner holds in a conflicting mode is locked for real (queued FIFO, lock
// timeout 1222, deadlock detection 1205) and released once granted.

// KeyFree reports whether o (nil: an owner that holds nothing) could take
// key (db, obj, key) in mode now without waiting: nobody holds it in a
// conflicting mode and nobody waits for it. It allocates nothing.
func (m *Manager) KeyFree(o *Owner, db, obj uint32, key []byte, mode Mode) bool {
	// The lookup only: the map does not keep the string, so it may share
	// key's bytes (no copy per row read).
	res := Resource{Kind: Key, Database: db, Object: obj, Key: unsafe.String(unsafe.SliceData(key), len(key))}
	return m.Free(o, res, mode)
}

// Free reports whether o (nil: an owner that holds nothing) could take res
// in mode now without waiting.
func (m *Manager) Free(o *Owner, res Resource, mode Mode) bool {
	m.mu.Lock()
	h := m.heads[res]
	free := h == nil || (len(h.queue) == 0 && h.compatible(o, mode))
	m.mu.Unlock()
	return free
}

// LockInstant waits until o could hold res in mode and then holds nothing:
// an instant-duration lock. It returns waited = true when it had to wait
// (the holder it waited for may have changed what it protects: read it
// again) and the errors of Lock (1222, 1205, ctx.Err()).
func (m *Manager) LockInstant(ctx context.Context, o *Owner, res Resource, mode Mode, timeout time.Duration) (waited bool, err error) {
	m.mu.Lock()
	h := m.heads[res]
	var had Mode
	if g := o.find(res); g != nil {
		had = g.stmtMode
	}
	if h == nil || (len(h.queue) == 0 && h.compatible(o, mode)) {
		m.mu.Unlock()
		return false, nil
	}
	m.mu.Unlock()
	if waited, err = m.LockWaited(ctx, o, res, mode, ForStatement, timeout); err != nil {
		return waited, err
	}
	m.mu.Lock()
	if g := o.find(res); g != nil && g.stmtMode != had {
		// Back to what o held before (a statement-duration part it had
		// stays; the instant part goes).
		if had == ModeNone {
			m.releaseGrant(g, true)
		} else {
			before := g.mode()
			g.stmtMode = had
			m.noteKeyModeChange(g, before) // rangelocks.go
			if g.mode() != before {
				m.grantWaiters(res, g.head)
			}
		}
	}
	m.mu.Unlock()
	return waited, nil
}

// ReleaseKeysCovered drops o's locks on the keys of object obj of database
// db that a lock of mode on the whole object covers: S key locks under an
// S (or stronger) object lock, U under U or X. What a lock escalation
// frees; X key locks (the transaction's writes) stay. It returns how many
// were released.
func (m *Manager) ReleaseKeysCovered(o *Owner, db, obj uint32, mode Mode) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	var drop []*grant
	for _, g := range o.held {
		if g.res.Kind != Key || g.res.Database != db || g.res.Object != obj {
			continue
		}
		if km := g.mode(); km == ModeS && mode >= ModeS || km == ModeU && (mode == ModeU || mode == ModeX) {
			drop = append(drop, g)
		}
	}
	for _, g := range drop {
		m.releaseGrant(g, false)
	}
	return len(drop)
}
