package storage

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Versioned is one committed transaction's writes and the store version they
// are written at (ApplyGroup).
type Versioned struct {
	Batch *Batch
	At    txlog.LSN
}

// GroupApplier is the optional Store ability to apply many committed
// transactions at once; *Badger has it. Callers without it apply each
// transaction with Store.Apply.
type GroupApplier interface {
	ApplyGroup(g []Versioned) error
}

var _ GroupApplier = (*Badger)(nil)

// ApplyGroup writes the transactions of g, each at its own version, with one
// badger write (a managed WriteBatch whose entries carry their own versions)
// and then records the highest version as the applied LSN. Within a batch the
// last operation of a key wins, as in Apply; versions must be distinct and
// non-zero. ApplyGroup may reorder each batch in place; the batches' slices are
// not retained after it returns.
//
// Why: a mirror's redo applies every transaction its principal commits. Apply
// costs one badger commit per transaction (a hand-off to badger's writer
// goroutine and a WAL write each), which made redo the largest part of the
// mirror's CPU per commit; redo hands the transactions of one log scan to
// ApplyGroup instead.
//
// Crash contract, the same as Apply's for batches too large for one badger
// transaction: entries written with per-entry versions carry no badger
// transaction marker, so after a crash part of the group may be present; the
// applied LSN moves only after the whole group is in the store and reaches
// badger only at the next Sync or Close (writeApplied), so the stored
// AppliedLSN never passes a version whose writes are missing, and redo
// (idempotent at the same versions) rewrites the rest.
//
// Writes queued by ApplyLater before the call are in the store before g is
// written.
func (s *Badger) ApplyGroup(g []Versioned) error {
	if err := s.later.waitAll(); err != nil {
		return err
	}
	return s.applyGroup(g)
}

// applyGroup is ApplyGroup without waiting for ApplyLater's queue (its applier
// calls it).
func (s *Badger) applyGroup(g []Versioned) error {
	switch len(g) {
	case 0:
		return nil
	case 1:
		// One transaction: apply writes it in a single atomic badger commit.
		return s.apply(g[0].Batch, g[0].At)
	}
	if s.closed.Load() {
		return ErrClosed
	}
	var top txlog.LSN
	n := 0
	for _, v := range g {
		if v.At == 0 {
			return ErrZeroLSN
		}
		if err := v.Batch.normalize(); err != nil {
			return err
		}
		top = max(top, v.At)
		n += v.Batch.Len()
	}
	if s.cache != nil && s.cache.eager {
		for _, v := range g {
			s.loadBatchObjects(v.Batch)
		}
	}
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	if err := s.writeGroup(g, n); err != nil {
		s.cacheFailed()
		return fmt.Errorf("apply group up to %s: %w", top, err)
	}
	floor := s.onceFloor()
	for _, v := range g {
		s.cacheApplied(v.Batch, v.At, floor)
	}
	if top > s.AppliedLSN() {
		if err := s.writeApplied(top); err != nil {
			return fmt.Errorf("apply group up to %s: %w", top, err)
		}
		s.applied.Store(uint64(top))
	}
	return nil
}

// writeGroup writes every operation of g (n in all) through one managed
// WriteBatch, which splits into several badger transactions only when the
// group exceeds badger's transaction size.
func (s *Badger) writeGroup(g []Versioned, n int) error {
	if n == 0 {
		return nil
	}
	wb := s.db.NewManagedWriteBatch()
	defer wb.Cancel()
	// One allocation for the entries and one growing buffer for the keys: the
	// write batch keeps both until Flush. Keys already sliced from buf stay
	// valid when append moves buf (they keep the old array).
	ents := make([]badger.Entry, 0, n)
	var buf []byte
	for _, v := range g {
		for _, op := range v.Batch.ops {
			start := len(buf)
			buf = AppendObjectKey(buf, op.ObjectID, op.Key)
			k := buf[start:len(buf):len(buf)]
			var err error
			if op.Delete {
				err = wb.DeleteAt(k, uint64(v.At))
			} else {
				ents = append(ents, badger.Entry{Key: k, Value: op.Value})
				err = wb.SetEntryAt(&ents[len(ents)-1], uint64(v.At))
			}
			if err != nil {
				return err
			}
		}
	}
	return wb.Flush()
}
