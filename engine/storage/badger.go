package storage

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Badger is the badger-backed Store of one database, opened in managed mode so that
// badger versions are LSNs (see the package doc).
//
// Concurrency: every method is safe for concurrent use. Apply and DropObject are
// serialized with each other; reads run concurrently with them.
type Badger struct {
	db   *badger.DB
	opts Options

	applyMu sync.Mutex    // serializes Apply and DropObject
	applied atomic.Uint64 // applied LSN (stored under appliedKey by persistApplied)
	// persisted is the applied LSN last stored under appliedKey; guarded by
	// applyMu.
	persisted txlog.LSN
	// openedMax is the newest version badger held when the store was opened.
	// After a crash it may lie above the applied LSN read back (which lags:
	// persistApplied), and crash recovery does not raise that LSN when the
	// writes it redoes are already there (Present). Writes since the open move the
	// applied LSN past their versions, so max(AppliedLSN, openedMax) bounds
	// every version in badger (maxVersion). Guarded by applyMu.
	openedMax txlog.LSN

	pinMu     sync.Mutex
	pins      map[txlog.LSN]int // read LSN -> number of active readers
	discardTs txlog.LSN         // last value given to db.SetDiscardTs

	closed atomic.Bool
	stop   chan struct{}
	done   chan struct{}

	space *spaceGuard // nil for in-memory stores

	cache *cache // the buffer pool (cache.go); nil when Options.CacheBytes is 0

	later laterQueue // writes handed to ApplyLater and not yet in (applygroup_later.go)
}

var _ Store = (*Badger)(nil)

// smallBatchOps is the largest batch Apply writes as one badger transaction (fully
// atomic); larger batches go through a WriteBatch in chunks. At the 8 MiB memtable
// profile one badger txn holds ~10k sets.
const smallBatchOps = 4096

// smallBatchBytes bounds the bytes of a single-transaction batch (badger's limit is
// 15% of the memtable, 1.2 MiB here).
const smallBatchBytes = 512 << 10

// OpenBadger opens (or creates) the badger database in opts.Dir in managed mode with
// the small-memory profile, reads its applied LSN and starts housekeeping.
func OpenBadger(opts Options) (*Badger, error) {
	return openBadger(opts, badgerOptions(opts))
}

// openBadger is OpenBadger with explicit badger options (tests open stores
// written by an older profile with it).
func openBadger(opts Options, bo badger.Options) (*Badger, error) {
	db, err := openManaged(bo)
	if err != nil {
		return nil, fmt.Errorf("open badger %s: %w", opts.Dir, err)
	}
	s := &Badger{
		db:    db,
		opts:  opts,
		pins:  make(map[txlog.LSN]int),
		stop:  make(chan struct{}),
		done:  make(chan struct{}),
		cache: newCache(opts),
	}
	if !opts.InMemory {
		s.space = newSpaceGuard(opts.Dir, opts.MinFreeBytes)
	}
	applied, err := s.readApplied()
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	s.applied.Store(uint64(applied))
	s.persisted = applied
	s.openedMax = txlog.LSN(db.MaxVersion())
	go s.housekeeping()
	return s, nil
}

func (s *Badger) readApplied() (txlog.LSN, error) {
	txn := s.db.NewTransactionAt(math.MaxUint64, false)
	defer txn.Discard()
	item, err := txn.Get(appliedKey)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read applied LSN: %w", err)
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return 0, fmt.Errorf("read applied LSN: %w", err)
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("read applied LSN: bad length %d", len(v))
	}
	return txlog.LSN(binary.BigEndian.Uint64(v)), nil
}

// AppliedLSN implements Store.
func (s *Badger) AppliedLSN() txlog.LSN { return txlog.LSN(s.applied.Load()) }

// maxVersion is at or above every version written to badger so far (see
// openedMax). Callers hold applyMu, so that no write is half done.
func (s *Badger) maxVersion() txlog.LSN { return max(s.AppliedLSN(), s.openedMax) }

// Get implements Reader.
func (s *Badger) Get(ctx context.Context, objectID uint32, key []byte, asOf txlog.LSN) ([]byte, bool, error) {
	if !ValidObject(objectID) {
		return nil, false, ErrInvalidObject
	}
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	if err := s.later.waitKey(objectID, key); err != nil {
		return nil, false, err
	}
	if s.cache != nil {
		// No pin for the cache: cachedGet checks the floor and takes an
		// (immutable) entry under the object's lock, and the entry holds
		// every version a read at or above the floor needs.
		s.ensureLoaded(objectID)
		if v, found, ok := s.cachedGet(objectID, key, asOf); ok {
			return v, found, nil
		}
		s.noteRead(objectID, 1)
	}
	release, err := s.Pin(asOf)
	if err != nil {
		return nil, false, err
	}
	defer release()
	txn := s.db.NewTransactionAt(uint64(asOf), false)
	defer txn.Discard()
	item, err := txn.Get(AppendObjectKey(make([]byte, 0, prefixLen+len(key)), objectID, key))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("get: %w", err)
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return nil, false, fmt.Errorf("get value: %w", err)
	}
	return v, true, nil
}

// Apply implements Store. Batches of up to smallBatchOps operations are written in
// one badger transaction. Larger batches are written through a WriteBatch (many
// badger transactions, all at version at). Either way the applied LSN moves only
// after the writes are in, and it reaches badger only at the next Sync or Close
// (persistApplied), so a crash leaves the stored AppliedLSN at or below every
// batch whose writes may be missing, and redo rewrites them. Writes queued by
// ApplyLater before the call are in the store before b is written.
func (s *Badger) Apply(b *Batch, at txlog.LSN) error {
	if err := s.later.waitAll(); err != nil {
		return err
	}
	return s.apply(b, at)
}

// apply is Apply without waiting for ApplyLater's queue (its applier calls it).
func (s *Badger) apply(b *Batch, at txlog.LSN) error {
	if at == 0 {
		return ErrZeroLSN
	}
	if s.closed.Load() {
		return ErrClosed
	}
	if err := b.normalize(); err != nil {
		return err
	}
	if s.cache != nil && s.cache.eager {
		s.loadBatchObjects(b)
	}
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	advance := at > s.AppliedLSN()
	if b.Len() <= smallBatchOps && b.Size() <= smallBatchBytes {
		err := s.applyTxn(b, at)
		if !errors.Is(err, badger.ErrTxnTooBig) {
			if err != nil {
				s.cacheFailed()
				return fmt.Errorf("apply at %s: %w", at, err)
			}
			s.cacheApplied(b, at, s.onceFloor())
			s.noteApplied(at, advance)
			return nil
		}
	}
	if err := s.applyChunked(b, at); err != nil {
		s.cacheFailed()
		return fmt.Errorf("apply at %s: %w", at, err)
	}
	s.cacheApplied(b, at, s.onceFloor())
	if advance {
		if err := s.writeApplied(at); err != nil {
			return fmt.Errorf("apply at %s: %w", at, err)
		}
	}
	s.noteApplied(at, advance)
	return nil
}

func (s *Badger) noteApplied(at txlog.LSN, advance bool) {
	if advance {
		s.applied.Store(uint64(at))
	}
}

// applyTxn writes b in one badger transaction.
func (s *Badger) applyTxn(b *Batch, at txlog.LSN) error {
	txn := s.db.NewTransactionAt(uint64(at), true)
	defer txn.Discard()
	var buf []byte
	for _, op := range b.ops {
		start := len(buf)
		buf = AppendObjectKey(buf, op.ObjectID, op.Key)
		k := buf[start:len(buf):len(buf)]
		var err error
		if op.Delete {
			err = txn.Delete(k)
		} else {
			err = txn.Set(k, op.Value)
		}
		if err != nil {
			return err
		}
	}
	return txn.CommitAt(uint64(at), nil)
}

// applyChunked writes b through a managed WriteBatch at version at.
func (s *Badger) applyChunked(b *Batch, at txlog.LSN) error {
	wb := s.db.NewWriteBatchAt(uint64(at))
	defer wb.Cancel()
	for _, op := range b.ops {
		k := AppendObjectKey(make([]byte, 0, prefixLen+len(op.Key)), op.ObjectID, op.Key)
		var err error
		if op.Delete {
			err = wb.Delete(k)
		} else {
			err = wb.Set(k, op.Value)
		}
		if err != nil {
			return err
		}
	}
	return wb.Flush()
}

// writeApplied records that every write up to at is in the store (moves the
// applied LSN up to at). Callers hold applyMu. It writes nothing to badger: the
// applied LSN reaches badger at the next Sync or Close (persistApplied).
//
// Why: the applied LSN used to be written with every commit, one more badger
// entry per commit (and, for a group, one more badger commit), whose thousands
// of versions then had to be compacted away. Nothing needs it on disk sooner:
// crash recovery starts from the checkpoint and checks each commit's writes
// (Present), and a stored value that lags only makes the discard point after a
// restart lower, never wrong (it never passes a write that is not in badger).
func (s *Badger) writeApplied(at txlog.LSN) error {
	if at > s.AppliedLSN() {
		s.applied.Store(uint64(at))
	}
	return nil
}

// persistApplied stores the applied LSN under appliedKey, at version = that LSN,
// when it moved since the last time. Every write it covers is in badger already,
// and written before it, so a restart never reads an applied LSN whose writes are
// missing once badger has synced both.
func (s *Badger) persistApplied() error {
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	at := s.AppliedLSN()
	if at == 0 || at == s.persisted {
		return nil
	}
	txn := s.db.NewTransactionAt(uint64(at), true)
	defer txn.Discard()
	if err := txn.Set(appliedKey, encodeLSN(at)); err != nil {
		return fmt.Errorf("record applied LSN %s: %w", at, err)
	}
	if err := txn.CommitAt(uint64(at), nil); err != nil {
		return fmt.Errorf("record applied LSN %s: %w", at, err)
	}
	s.persisted = at
	return nil
}

func encodeLSN(l txlog.LSN) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(l))
}

// DropObject implements Store with badger's DropPrefix, which blocks writes while it
// runs.
func (s *Badger) DropObject(objectID uint32, at txlog.LSN) error {
	if !ValidObject(objectID) {
		return ErrInvalidObject
	}
	if at == 0 {
		return ErrZeroLSN
	}
	if s.closed.Load() {
		return ErrClosed
	}
	// A queued write of the object must not land after the drop.
	if err := s.later.waitAll(); err != nil {
		return err
	}
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	if s.cache != nil {
		s.cache.drop(objectID)
	}
	if err := s.db.DropPrefix(objectPrefix(objectID)); err != nil {
		return fmt.Errorf("drop object %d: %w", objectID, err)
	}
	if at > s.AppliedLSN() {
		if err := s.writeApplied(at); err != nil {
			return fmt.Errorf("drop object %d: %w", objectID, err)
		}
		s.applied.Store(uint64(at))
	}
	return nil
}

// Sync implements Store (badger's db.Sync: fsync of the memtable WAL and value log).
// It first waits for the writes queued by ApplyLater, and fails if one of them
// failed: a checkpoint, which syncs the store before it lets recovery start
// after a commit, must never pass a commit whose writes are not in badger.
func (s *Badger) Sync() error {
	if s.closed.Load() {
		return ErrClosed
	}
	if err := s.later.waitAll(); err != nil {
		return err
	}
	// persistApplied writes into badger's mapped WAL: on a full file system
	// that is a SIGBUS, not an error (space.go).
	if err := s.space.check(); err != nil {
		return fmt.Errorf("sync badger: %w", err)
	}
	if err := s.persistApplied(); err != nil {
		return err
	}
	if err := s.db.Sync(); err != nil {
		return fmt.Errorf("sync badger: %w", err)
	}
	return nil
}

// CloseForExit is Close for a process about to exit, except below the
// free-space reserve: closing badger flushes its memtable into a table it
// builds in a mapped file, and on a full file system that is a SIGBUS that
// kills the process (space.go) — as it did at a SIGTERM while the disk was
// full. There the store is left open, for the exit to unmap, and the error
// wraps ErrNoSpace: the caller's log, closed first, has every commit, and
// recovery replays them at the next start. Only for an exit: an open store
// keeps its files' space and its directory lock (DROP DATABASE, which frees
// space on a full disk, uses Close).
func (s *Badger) CloseForExit() error {
	if err := s.space.check(); err != nil {
		s.later.shut()
		return fmt.Errorf("close badger: memtable not flushed: %w", err)
	}
	return s.Close()
}

// Close stops housekeeping and closes badger. It is safe to call more than once.
func (s *Badger) Close() error {
	// Writes queued by ApplyLater before Close go in (the store is still open
	// for its applier); ApplyLater refuses new ones from here on. A failed one
	// is not retried: its commit is in the log, and recovery redoes it.
	s.later.shut()
	if !s.closed.CompareAndSwap(false, true) {
		return nil
	}
	close(s.stop)
	<-s.done
	if s.cache != nil {
		s.cache.wg.Wait() // background loads read badger
		s.cache.unregister()
	}
	perr := s.persistApplied()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close badger: %w", err)
	}
	return perr
}
