package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// ddlPayload is the body of a DDL log record: the whole new catalog and the
// storage objects the transaction dropped. Carrying the whole catalog keeps redo
// trivial and identical on the principal, after a crash and on a mirror.
//
// WaitMirror says the database was a mirrored principal when it committed:
// the commit stores the catalog it replaces (catalog_before.go), for RevertTo,
// and while mirroring is not wired its drops wait (drops.go). Logs written
// before the field existed decode it as false.
type ddlPayload struct {
	Catalog    json.RawMessage `json:"catalog"`
	Drops      []uint32        `json:"drops,omitempty"`
	WaitMirror bool            `json:"wait_mirror,omitempty"`
}

// catalogKey is the key under catalog.ObjectCatalog that holds the catalog.
var catalogKey = []byte("catalog")

// pendingTxn collects a transaction's records until its commit record is seen.
type pendingTxn struct {
	batch storage.Batch
	ddl   *ddlPayload
}

// redoer replays log records into a store: the records of a transaction are
// held until its commit record and then applied at the commit's LSN, so rows of
// transactions that never committed never reach the store. Applying is
// idempotent (badger versions are LSNs), which makes crash recovery and a
// mirror's continuous redo the same code.
type redoer struct {
	store storage.Store
	// version maps a commit LSN to the store version it is written at (see
	// Database.version).
	version func(txlog.LSN) txlog.LSN
	pending map[uint64]*pendingTxn
	// onCatalog is called with every catalog a committed DDL installs.
	onCatalog func(*catalog.Database)
	// redone is the LSN of the last commit applied.
	redone txlog.LSN
	// hold, set by a revert, keeps redo from applying the reverted tail
	// again before it is cut from the log (revert_hold.go).
	hold *revertHold
	// skipPresent (crash recovery only) skips commits whose writes the store
	// already holds at their version (storage.Badger.Present), so redo after a
	// process crash reads instead of rewriting. A mirror's continuous redo
	// leaves it off: its commits are new to the store.
	skipPresent bool
	// sawDeferred is set when a redone DDL recorded pending drops or a
	// catalog before image, so that the mirror's redo loop reclaims them after
	// the scan (drops.go).
	sawDeferred bool

	// group holds committed row-only transactions not yet written to the
	// store; flush writes them with one storage.GroupApplier call. groupEnd is
	// the LSN of the last commit in group, groupSize its approximate bytes.
	group     []storage.Versioned
	groupEnd  txlog.LSN
	groupSize int64
	// groupTxns are the pendingTxns whose batches group points at; after a
	// group write they go to free, to be reused by later transactions.
	groupTxns []*pendingTxn
	free      []*pendingTxn
}

// maxFreeTxns bounds redoer.free, and maxFreeOps the batch capacity a reused
// pendingTxn may keep: a mirror's redo takes a few hundred transactions per
// scan, mostly of a few rows, and one large transaction must not pin its
// operation slice.
const (
	maxFreeTxns = 1024
	maxFreeOps  = 64
)

// Bounds on a redo group: past either, apply queues a flush (crash recovery
// of a long log must not hold it all in memory).
const (
	maxGroupTxns  = 4096
	maxGroupBytes = 8 << 20
)

// presentChecker is the optional store ability skipPresent uses.
type presentChecker interface {
	Present(b *storage.Batch, at txlog.LSN) (bool, error)
}

func newRedoer(store storage.Store, version func(txlog.LSN) txlog.LSN, onCatalog func(*catalog.Database)) *redoer {
	return &redoer{store: store, version: version, pending: map[uint64]*pendingTxn{}, onCatalog: onCatalog}
}

func (r *redoer) txn(id uint64) *pendingTxn {
	p := r.pending[id]
	if p == nil {
		if n := len(r.free); n > 0 {
			p = r.free[n-1]
			r.free[n-1] = nil
			r.free = r.free[:n-1]
		} else {
			p = &pendingTxn{}
		}
		r.pending[id] = p
	}
	return p
}

// recycle makes p, whose batch no store holds any longer, available to a later
// transaction (txn). Why: a mirror's redo sees every transaction its principal
// commits, and a pendingTxn and its operation slice were two of the
// allocations each one cost.
func (r *redoer) recycle(p *pendingTxn) {
	if len(r.free) >= maxFreeTxns || cap(p.batch.Ops()) > maxFreeOps {
		return
	}
	p.batch.Reset()
	p.ddl = nil
	r.free = append(r.free, p)
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

// clone2 copies a row's key and image into one allocation (the two slices
// share it; nil stays nil): redo keeps both until the commit is written.
func clone2(key, row []byte) ([]byte, []byte) {
	if len(key) == 0 || len(row) == 0 {
		return clone(key), clone(row)
	}
	buf := make([]byte, len(key)+len(row))
	copy(buf, key)
	copy(buf[len(key):], row)
	return buf[:len(key):len(key)], buf[len(key):]
}

// apply takes one log record. Byte slices in rec may alias a reused buffer, so
// everything kept is copied. Row records go through applyRow, the form
// Database.scanRedo hands them in (txlog.ScanRows: not boxed).
func (r *redoer) apply(lsn txlog.LSN, rec txlog.Record) error {
	switch rec := rec.(type) {
	case txlog.Begin:
		return r.applyRow(lsn, &txlog.RowRecord{Kind: txlog.KindBegin, Txn: rec.Txn})
	case txlog.Insert:
		return r.applyRow(lsn, &txlog.RowRecord{Kind: txlog.KindInsert, Txn: rec.Txn, Object: rec.Object, Key: rec.Key, After: rec.After})
	case txlog.Update:
		return r.applyRow(lsn, &txlog.RowRecord{Kind: txlog.KindUpdate, Txn: rec.Txn, Object: rec.Object, Key: rec.Key, Before: rec.Before, After: rec.After})
	case txlog.Delete:
		return r.applyRow(lsn, &txlog.RowRecord{Kind: txlog.KindDelete, Txn: rec.Txn, Object: rec.Object, Key: rec.Key, Before: rec.Before})
	case txlog.Abort:
		return r.applyRow(lsn, &txlog.RowRecord{Kind: txlog.KindAbort, Txn: rec.Txn})
	case txlog.Commit:
		return r.applyRow(lsn, &txlog.RowRecord{Kind: txlog.KindCommit, Txn: rec.Txn})
	case txlog.DDL:
		var p ddlPayload
		if err := json.Unmarshal(rec.Payload, &p); err != nil {
			return fmt.Errorf("redo DDL at %s: %w", lsn, err)
		}
		r.txn(rec.Txn).ddl = &p
	}
	return nil
}

// applyRow is apply for a row record (txlog.RowRecord's kinds).
func (r *redoer) applyRow(lsn txlog.LSN, rec *txlog.RowRecord) error {
	switch rec.Kind {
	case txlog.KindBegin:
		r.txn(rec.Txn)
	case txlog.KindInsert, txlog.KindUpdate:
		k, v := clone2(rec.Key, rec.After)
		r.txn(rec.Txn).batch.Put(rec.Object, k, v)
	case txlog.KindDelete:
		r.txn(rec.Txn).batch.Delete(rec.Object, clone(rec.Key))
	case txlog.KindAbort:
		if p := r.pending[rec.Txn]; p != nil {
			delete(r.pending, rec.Txn)
			r.recycle(p)
		}
	case txlog.KindCommit:
		return r.commit(lsn, rec.Txn)
	}
	return nil
}

// commit applies (or groups) transaction txn, whose commit record is at lsn.
func (r *redoer) commit(lsn txlog.LSN, txn uint64) error {
	// A commit that fails to apply stays pending: the scan stops before
	// its record and retries it (applying is idempotent).
	p := r.pending[txn]
	if p == nil {
		return nil
	}
	if p.ddl != nil {
		// DDL drops objects and installs a catalog: everything before it
		// is written first, and it is applied on its own.
		if err := r.flush(); err != nil {
			return err
		}
	}
	delete(r.pending, txn)
	if pc, ok := r.store.(presentChecker); ok && r.skipPresent && p.ddl == nil && p.batch.Len() > 0 {
		if present, err := pc.Present(&p.batch, r.version(lsn)); err == nil && present {
			r.committed(lsn)
			return nil
		}
	}
	if p.ddl == nil {
		r.group = append(r.group, storage.Versioned{Batch: &p.batch, At: r.version(lsn)})
		r.groupTxns = append(r.groupTxns, p)
		r.groupEnd = lsn
		r.groupSize += p.batch.Size()
		if len(r.group) >= maxGroupTxns || r.groupSize >= maxGroupBytes {
			return r.flush()
		}
		return nil
	}
	if err := applyCommitted(r.store, &p.batch, p.ddl, lsn, r.version(lsn)); err != nil {
		r.pending[txn] = p
		return fmt.Errorf("redo commit at %s: %w", lsn, err)
	}
	r.redone = lsn
	r.sawDeferred = r.sawDeferred || len(p.ddl.Drops) > 0 || p.ddl.WaitMirror
	if p.ddl != nil && r.onCatalog != nil {
		c, err := catalog.Decode(p.ddl.Catalog)
		if err != nil {
			return fmt.Errorf("redo DDL at %s: %w", lsn, err)
		}
		r.onCatalog(c)
	}
	return nil
}

// committed records that the commit at lsn needs no write: it is redone as
// soon as the commits grouped before it are.
func (r *redoer) committed(lsn txlog.LSN) {
	if len(r.group) > 0 {
		r.groupEnd = lsn
		return
	}
	r.redone = lsn
}

// flushed reports whether every commit apply has seen is in the store.
func (r *redoer) flushed() bool { return len(r.group) == 0 }

// flush writes the grouped commits to the store, with one ApplyGroup when the
// store can (one badger write for all of them instead of one each), and then
// advances redone. On error the group is kept, so the next flush retries it
// (applying is idempotent).
func (r *redoer) flush() error {
	if len(r.group) == 0 {
		return nil
	}
	if ga, ok := r.store.(storage.GroupApplier); ok {
		if err := ga.ApplyGroup(r.group); err != nil {
			return fmt.Errorf("redo commits up to %s: %w", r.groupEnd, err)
		}
		// ApplyGroup retains no batch after it returns (its contract).
		for _, p := range r.groupTxns {
			r.recycle(p)
		}
	} else {
		for i, v := range r.group {
			if err := r.store.Apply(v.Batch, v.At); err != nil {
				r.group = r.group[:copy(r.group, r.group[i:])]
				r.groupTxns = r.groupTxns[:copy(r.groupTxns, r.groupTxns[i:])]
				return fmt.Errorf("redo commit at version %s: %w", v.At, err)
			}
		}
	}
	clear(r.group)
	r.group = r.group[:0]
	clear(r.groupTxns)
	r.groupTxns = r.groupTxns[:0]
	r.groupSize = 0
	r.redone = r.groupEnd
	return nil
}

// applyCommitted writes the transaction committed at lsn to the store at
// version at: its rows, its catalog, the catalog it replaces when RevertTo
// may need it (catalog_before.go) and, for each object it dropped, a
// pending-drop entry, all in one batch. The dropped objects' data stays until
// reclaimDrops finds the drop safe (drops.go): removing it now could not be
// undone if a role change reverts this commit.
func applyCommitted(store storage.Store, b *storage.Batch, ddl *ddlPayload, lsn, at txlog.LSN) error {
	if ddl != nil {
		if err := putCatalogBefore(store, b, ddl, lsn, at); err != nil {
			return err
		}
		putPendingDrops(b, ddl, lsn, at)
		b.Put(catalog.ObjectCatalog, catalogKey, []byte(ddl.Catalog))
	}
	if b.Len() == 0 {
		return nil
	}
	return store.Apply(b, at)
}

// MarkApplied moves a principal's redo position past the log it has already
// applied; mirroring calls it when the principal gives up its role, before
// BecomeMirror starts redo.
//
// Why: a principal applies its commits to the store itself, so its redo
// position stays where redo last stopped (when it became principal, or where
// crash recovery started). Without this, the mirror's redo would first replay
// every transaction committed meanwhile — all already in the store — and a
// failback's BecomePrincipal waits for that replay (about 1.4 s after a
// benchmark's load; docs/benchmarks.md "the first failback is slow").
//
// Contract: not every logged commit is in the store. A commit whose mirror
// wait failed (the role change shut it, or quorum was lost) was logged, and
// possibly hardened by the partner, so it may belong to the new principal's
// timeline; it was never applied here. unapplied returns the lowest such
// commit record's LSN, 0 for none. It is called after every commit in flight
// has finished (commitMu held exclusively), so their failures count. Redo then
// restarts at the first record of the oldest transaction still open at that
// commit (later commits before it are in the store and are skipped as
// transactions redo never saw begin), or after the last durable record when
// nothing failed. The position never moves backwards, and a database whose
// redo is running (already a mirror) is left alone.
func (db *Database) MarkApplied(ctx context.Context, unapplied func() txlog.LSN) error {
	db.redoMu.Lock()
	defer db.redoMu.Unlock()
	if db.redoCancel != nil {
		return nil
	}
	db.commitMu.Lock()
	floor, end := unapplied(), db.log.FlushedLSN()
	db.commitMu.Unlock()
	target := end + 1
	if retained := txlog.MakeLSN(db.log.RetainedFrom(), 0); target < retained {
		// No record of its own (end 0: a copy restored WITH NORECOVERY that
		// took over and wrote nothing): redo starts where its log begins, not
		// at LSN 1, which that log never held ("LSN is no longer in the log").
		target = retained
	}
	if floor != 0 && floor <= end {
		start, err := db.openAt(floor)
		if err != nil {
			return fmt.Errorf("mark applied in %s: %w", db.name, err)
		}
		target = start
	}
	if target <= db.redoPos {
		return nil
	}
	db.redoPos = target
	db.rd = newRedoer(db.store, db.version, db.publishCatalog)
	return nil
}

// openAt scans the log from redoPos to the record at lsn and returns the LSN of
// the first record of the oldest transaction open there (lsn itself when none
// is). It only decodes; nothing is applied. Callers hold redoMu.
func (db *Database) openAt(lsn txlog.LSN) (txlog.LSN, error) {
	// Not below the retained log: after a restart redoPos may lie in log a
	// checkpoint has since let go, and no transaction is open across that
	// point (the log is truncated only below a checkpoint's redo start and
	// the first record of a transaction open at the mirror's hardened LSN:
	// truncateLog).
	from := db.redoPos
	if retained := txlog.MakeLSN(db.log.RetainedFrom(), 0); from < retained {
		from = retained
	}
	return db.openFrom(from, lsn)
}

// openFrom is openAt scanning from from, which must lie where no transaction
// is open. It reads only the durable log and needs no lock.
func (db *Database) openFrom(from, lsn txlog.LSN) (txlog.LSN, error) {
	open := map[uint64]txlog.LSN{}
	first := func(txn uint64, at txlog.LSN) {
		if _, ok := open[txn]; !ok {
			open[txn] = at
		}
	}
	err := db.log.Scan(from, func(at txlog.LSN, rec txlog.Record) error {
		switch r := rec.(type) {
		case txlog.Begin:
			first(r.Txn, at)
		case txlog.Insert:
			first(r.Txn, at)
		case txlog.Update:
			first(r.Txn, at)
		case txlog.Delete:
			first(r.Txn, at)
		case txlog.DDL:
			first(r.Txn, at)
		case txlog.Commit:
			if at < lsn {
				delete(open, r.Txn)
			}
		case txlog.Abort:
			delete(open, r.Txn)
		}
		if at >= lsn {
			return errStopScan
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStopScan) {
		return 0, err
	}
	start := lsn
	for _, at := range open {
		start = min(start, at)
	}
	return start, nil
}

// scanRedo applies the durable log from redoPos on. Callers hold redoMu or own
// the database exclusively (open).
//
// Committed transactions are grouped (redoer.flush) and written to the store
// when the scan reaches the durable end of the log, so a mirror's redo makes
// one store write per log scan rather than one per transaction. The redone
// LSN (the mirror's redo queue, RevertTo's applied point) only moves past a
// record once every commit up to it is in the store; every return path
// flushes first, so callers of scanRedo see the store complete.
func (db *Database) scanRedo() error {
	if hold, err := db.holdingRevertedTail(); hold || err != nil {
		return err // revert_hold.go: the reverted tail is not cut yet
	}
	var last txlog.LSN
	scanned := false
	advance := func(lsn txlog.LSN) {
		db.redoPos = lsn + 1
		last, scanned = lsn, true
	}
	settle := func(lsn txlog.LSN) {
		if db.rd.flushed() {
			db.redone.Store(uint64(lsn))
		}
	}
	// Row records come unboxed (txlog.ScanRows): three allocations fewer
	// per single-row commit on a mirror.
	err := db.log.ScanRows(db.redoPos, func(lsn txlog.LSN, rec *txlog.RowRecord) error {
		if err := db.rd.applyRow(lsn, rec); err != nil {
			return err
		}
		advance(lsn)
		settle(lsn)
		return nil
	}, func(lsn txlog.LSN, rec txlog.Record) error {
		if err := db.rd.apply(lsn, rec); err != nil {
			return err
		}
		advance(lsn)
		if _, ok := rec.(txlog.Checkpoint); ok && db.State() == StateRestoring {
			// The checkpoint syncs the store: what precedes it must be there.
			if err := db.rd.flush(); err != nil {
				return err
			}
			db.mirrorCheckpoint(lsn)
		}
		settle(lsn)
		return nil
	})
	if ferr := db.rd.flush(); ferr != nil {
		return errors.Join(err, ferr)
	}
	if scanned && db.rd.flushed() {
		db.redone.Store(uint64(last))
	}
	if scanned {
		// Redo wrote rows Commit did not count (rowcounts.go).
		db.commits.forgetCounts()
	}
	return err
}

// mirrorCheckpoint follows the principal's checkpoint on a RESTORING database:
// when redo reaches a checkpoint record every commit before it is applied (a
// checkpoint is logged while no commit is in flight), so once the store is
// synced, recovery may start there. At most one every mirrorCheckpointEvery.
func (db *Database) mirrorCheckpoint(lsn txlog.LSN) {
	last := time.Unix(0, db.lastCheckpoint.Load())
	if time.Since(last) < mirrorCheckpointEvery {
		return
	}
	if err := db.store.Sync(); err != nil {
		db.inst.logger.Warn("mirror checkpoint: sync", "database", db.name, "err", err)
		return
	}
	if err := db.log.SetCheckpoint(lsn); err != nil {
		db.inst.logger.Warn("mirror checkpoint", "database", db.name, "err", err)
		return
	}
	db.lastCheckpoint.Store(time.Now().UnixNano())
}

const mirrorCheckpointEvery = 30 * time.Second

// catchUp redoes everything durable in the log now, then reclaims the
// storage of objects the redone DDL dropped (drops.go).
func (db *Database) catchUp(ctx context.Context) error {
	db.redoMu.Lock()
	defer db.redoMu.Unlock()
	if err := db.scanRedo(); err != nil {
		return err
	}
	if db.rd.sawDeferred {
		db.rd.sawDeferred = false
		if err := db.reclaimDropsLocked(); err != nil {
			db.inst.logger.Warn("reclaiming dropped objects failed; retried after the next drop or checkpoint", "database", db.name, "err", err)
		}
	}
	return nil
}

// startRedo starts the redo loop of a RESTORING database: it tails the log and
// applies committed transactions as their commit records arrive.
func (db *Database) startRedo() {
	db.redoMu.Lock()
	defer db.redoMu.Unlock()
	if db.redoCancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	db.redoCancel, db.redoDone = cancel, done
	go func() {
		defer close(done)
		coalesce := time.NewTimer(redoCoalesce)
		defer coalesce.Stop()
		for {
			ch := db.log.Notify()
			if err := db.catchUp(ctx); err != nil {
				db.inst.logger.Error("redo failed", "database", db.name, "err", err)
				// A failing log keeps notifying; do not spin on it.
				select {
				case <-ctx.Done():
					return
				case <-time.After(time.Second):
				}
				continue
			}
			select {
			case <-ctx.Done():
				return
			case <-ch:
			}
			// Let the log that arrives meanwhile join this scan (see
			// redoCoalesce).
			coalesce.Reset(redoCoalesce)
			select {
			case <-ctx.Done():
				return
			case <-coalesce.C:
			}
		}
	}()
}

// redoCoalesce is how long a mirror's redo waits after the log grew before it
// scans. A busy principal's log arrives one group commit at a time (every
// ~0.1-0.2 ms at 16 sessions); scanning each at once would make one store
// write, one log read and two goroutine wake-ups per flush on the mirror, CPU
// taken from the principal on a shared machine. Waiting lets the flushes of
// the window share one scan and one ApplyGroup.
//
// Why 20 ms (docs/benchmarks-mirroring.md, session 7): the per-scan cost
// (timer and notify wake-ups, the badger write request and its goroutine
// hand-off, the log reads, the applied-LSN commit) is paid once per window, so
// a longer window cuts the mirror's CPU per commit (end to end, interleaved,
// with the proto change of the same session: 0.76–0.84× at 16 sessions,
// 0.84–0.86× at one); what is left of redo's cost is per row. What the window costs:
// nothing on the commit path — commits never wait for redo (SAFETY FULL waits
// for the mirror's hardened log) — and a bounded redo lag: a scan takes
// everything durable, so the redo queue never holds more than one window of
// log (a few hundred commits, tens of KB, at the principal's top rate), and
// BecomePrincipal catches that up synchronously (stopRedo) before the
// database serves, so a failover redoes at most one window more.
const redoCoalesce = 20 * time.Millisecond

// stopRedo stops the redo loop after a last catch-up to the durable end of the
// log; the database can then serve as a principal.
func (db *Database) stopRedo(ctx context.Context) error {
	db.redoMu.Lock()
	cancel, done := db.redoCancel, db.redoDone
	db.redoCancel, db.redoDone = nil, nil
	db.redoMu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
	if err := db.catchUp(ctx); err != nil {
		return err
	}
	db.redoMu.Lock()
	db.rd.pending = map[uint64]*pendingTxn{} // never committed: discarded
	db.redoMu.Unlock()
	if end := uint64(db.log.EndOfLog()); end > db.txnSeq.Load() {
		db.txnSeq.Store(end)
	}
	return db.loadIdentities()
}
