package engine

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Store versions and forks.
//
// Writes reach the store at version = LSN + versionOffset. The offset only
// matters after a fork: when a former principal rejoins as mirror, the part of
// its log after the failover LSN was never hardened by the partner (commits
// that no client saw acknowledged) and is cut off. Their effects are already in
// the store at versions above the fork, and badger cannot remove versions, so
// RevertTo writes the rows' values as of the fork at a version above every
// reverted one, and raises the offset so that the new fork's redo, whose LSNs
// reuse the same numbers, lands above that again.

// metaKeyVersionOffset holds the offset under catalog.ObjectMeta.
var metaKeyVersionOffset = []byte("version_offset")

// version is the store version of the writes of the commit at lsn.
func (db *Database) version(lsn txlog.LSN) txlog.LSN {
	return lsn + txlog.LSN(db.versionOffset.Load())
}

func (db *Database) loadVersionOffset() error {
	b, ok, err := db.store.Get(context.Background(), catalog.ObjectMeta, metaKeyVersionOffset, storage.Latest)
	if err != nil {
		return fmt.Errorf("load version offset of %s: %w", db.name, err)
	}
	if ok && len(b) == 8 {
		db.versionOffset.Store(binary.BigEndian.Uint64(b))
	}
	return nil
}

type objKey struct {
	obj uint32
	key string
}

// revertFault, when set (tests only), is called by RevertTo before it writes
// the reverted values; a non-nil result fails the revert there, as a store
// error would.
var revertFault func(db string) error

// RevertTo undoes, in the store, every committed transaction after lsn: the
// mirroring manager calls it before it cuts a divergent log tail (a former
// principal rejoining, forced service then RESUME). Afterwards the database
// holds exactly the effects of the log up to lsn, and redo continues after it.
//
// On failure the database is marked SUSPECT (in memory: a restart's recovery
// starts again from the log, which the caller must keep intact) and the error
// is logged: the store may still hold the effects of the tail, so cutting the
// log now would leave a store that contradicts it, and serving or redoing on
// top of it would spread the divergence.
func (db *Database) RevertTo(ctx context.Context, lsn txlog.LSN) error {
	err := db.revertTo(ctx, lsn)
	if err != nil {
		db.SetState(StateSuspect)
		db.inst.logger.Error("reverting the transactions after the fork failed; database marked SUSPECT, its log is kept",
			"database", db.name, "fork_lsn", lsn.String(), "err", err)
	}
	return err
}

func (db *Database) revertTo(ctx context.Context, lsn txlog.LSN) error {
	db.redoMu.Lock()
	defer db.redoMu.Unlock()
	db.commitMu.Lock()
	defer db.commitMu.Unlock()
	// Undoing the tail changes rows behind Commit's back (rowcounts.go).
	defer db.commits.forgetCounts()
	applied := txlog.LSN(db.redone.Load())
	if applied <= lsn {
		return nil
	}
	// Each key's value as of the fork comes from the log, which is the truth:
	// the first committed record after the fork that touches a key carries its
	// state there (an Insert: absent; an Update or Delete: its before image).
	// The store cannot be asked instead: nothing pins the fork version, and
	// housekeeping lets badger discard versions below the applied LSN.
	// A transaction's records are contiguous in the log (Commit appends them
	// at once) and rows are X-locked until applied, so log order is the order
	// in which committed writers touched each key.
	atFork := map[objKey]rowAtFork{}
	pending := map[uint64][]txlog.Record{}
	catalogChanged := false
	var firstDDL txlog.LSN // commit LSN of the first DDL after the fork
	// A mirror seeded from a backup starts its log at the restore point, after
	// the backup's last record, and a fork there (the partner had nothing
	// after it) lies before the retained log: the tail to undo starts at the
	// retained log's first record. No committed record can hide between the
	// fork and that start: the fork is never below what both partners hold,
	// which includes the backup, and a log is truncated only below what the
	// mirror has hardened. (Treating the scan's ErrTruncated as the end
	// instead undid nothing and reported success.)
	//
	// A fork is a hardened LSN, not a transaction boundary: a transaction
	// whose records span several blocks may have begun at or before the fork
	// and committed after it, and all of it must be undone. So the scan starts
	// at the first record of the oldest transaction open at the fork (openAt)
	// and ignores transactions that committed at or before it.
	from := lsn + 1
	if open, err := db.openAt(lsn); err == nil {
		from = min(from, open)
	} else if !errors.Is(err, txlog.ErrTruncated) {
		return fmt.Errorf("revert %s to %s: %w", db.name, lsn, err)
	}
	if retained := db.log.RetainedFrom(); from.BlockOffset() < retained {
		from = txlog.MakeLSN(retained, 0)
	}
	err := db.log.Scan(from, func(at txlog.LSN, rec txlog.Record) error {
		switch r := rec.(type) {
		case txlog.Insert, txlog.Update, txlog.Delete:
			// The scan's slices alias its read buffer: keep copies.
			txn, kept := keepRowRecord(r)
			pending[txn] = append(pending[txn], kept)
		case txlog.DDL:
			pending[r.Txn] = append(pending[r.Txn], txlog.DDL{Txn: r.Txn})
		case txlog.Commit:
			if at <= lsn {
				delete(pending, r.Txn) // committed at or before the fork: kept
				return nil
			}
			for _, rec := range pending[r.Txn] {
				noteRowAtFork(atFork, rec)
				if _, ok := rec.(txlog.DDL); ok && !catalogChanged {
					catalogChanged, firstDDL = true, at
				}
			}
			delete(pending, r.Txn)
		case txlog.Abort:
			delete(pending, r.Txn)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("revert %s to %s: %w", db.name, lsn, err)
	}
	// Write each key's value as of the fork above every version written so far.
	top := db.version(applied) + 1
	var batch storage.Batch
	for k, row := range atFork {
		if k.obj == catalog.ObjectIdentity {
			// Identity counters and sequence reservations are not protected
			// by row locks, so a before image may be older than a commit made
			// before the fork; and like SQL Server's, they never go back
			// (values may be skipped, never handed out twice). They keep the
			// furthest value reached; the partner's redo overwrites them.
			continue
		}
		if row.present {
			batch.Put(k.obj, []byte(k.key), row.value)
		} else {
			batch.Delete(k.obj, []byte(k.key))
		}
	}
	if catalogChanged {
		// A DDL record holds the new catalog, not the old one: the catalog as
		// of the fork is the first DDL's before image (catalog_before.go).
		v, ok, err := db.catalogAtFork(ctx, lsn, firstDDL)
		if err != nil {
			return fmt.Errorf("revert %s: read catalog as of fork: %w", db.name, err)
		}
		if ok {
			batch.Put(catalog.ObjectCatalog, catalogKey, v)
		} else {
			batch.Delete(catalog.ObjectCatalog, catalogKey)
		}
		// Objects the tail dropped are live again in that catalog. Their
		// data is still in the store: a drop is only performed once no
		// revert can reach it (drops.go), so only its entry goes.
		if _, err := db.revertPendingDrops(&batch, lsn); err != nil {
			return fmt.Errorf("revert %s: %w", db.name, err)
		}
		if err := db.revertCatalogBefores(&batch, lsn); err != nil {
			return fmt.Errorf("revert %s: %w", db.name, err)
		}
	}
	if revertFault != nil {
		if err := revertFault(db.name); err != nil {
			return fmt.Errorf("revert %s: %w", db.name, err)
		}
	}
	newOffset := uint64(top - lsn)
	batch.Put(catalog.ObjectMeta, metaKeyVersionOffset, binary.BigEndian.AppendUint64(nil, newOffset))
	if err := db.store.Apply(&batch, top); err != nil {
		return fmt.Errorf("revert %s: %w", db.name, err)
	}
	if err := db.store.Sync(); err != nil {
		return fmt.Errorf("revert %s: sync: %w", db.name, err)
	}
	db.versionOffset.Store(newOffset)
	db.redone.Store(uint64(lsn))
	// Redo continues after the fork, or earlier if it had not got there: a
	// former principal's position may precede commits of the shared log that
	// were logged but never applied here (see MarkApplied).
	// Never before the retained log (a seeded mirror's fork: see from).
	db.redoPos = min(db.redoPos, lsn+1)
	if retained := db.log.RetainedFrom(); db.redoPos.BlockOffset() < retained {
		db.redoPos = txlog.MakeLSN(retained, 0)
	}
	db.rd = newRedoer(db.store, db.version, db.publishCatalog)
	// Redo must not apply the tail again before the caller cuts it.
	if db.rd.hold, err = db.tailHold(lsn); err != nil {
		return fmt.Errorf("revert %s: %w", db.name, err)
	}
	if catalogChanged {
		if err := db.loadCatalog(); err != nil {
			return err
		}
	}
	// The allocators may hold values of a reservation the cut tail made.
	exec.ForgetSequences(db)
	exec.ForgetStatistics(db) // the statistics records changed too (exec/stats_persist.go)
	db.inst.logger.Warn("reverted transactions after the fork", "database", db.name, "fork_lsn", lsn.String(), "keys", len(atFork))
	return db.loadIdentities()
}

// rowAtFork is a row's state at the fork point: present with value, or absent.
type rowAtFork struct {
	present bool
	value   []byte
}

// noteRowAtFork records, for a committed row record, the row's state before
// it, unless an earlier record already gave the state at the fork.
func noteRowAtFork(atFork map[objKey]rowAtFork, rec txlog.Record) {
	var k objKey
	var row rowAtFork
	switch r := rec.(type) {
	case txlog.Insert:
		k = objKey{r.Object, string(r.Key)}
	case txlog.Update:
		k, row = objKey{r.Object, string(r.Key)}, rowAtFork{present: true, value: r.Before}
	case txlog.Delete:
		k, row = objKey{r.Object, string(r.Key)}, rowAtFork{present: true, value: r.Before}
	default:
		return
	}
	if _, seen := atFork[k]; !seen {
		atFork[k] = row
	}
}

// keepRowRecord returns a row record's transaction and a copy of what
// noteRowAtFork reads (key and before image; not the after image).
func keepRowRecord(rec txlog.Record) (uint64, txlog.Record) {
	switch r := rec.(type) {
	case txlog.Insert:
		return r.Txn, txlog.Insert{Txn: r.Txn, Object: r.Object, Key: bytes.Clone(r.Key)}
	case txlog.Update:
		return r.Txn, txlog.Update{Txn: r.Txn, Object: r.Object, Key: bytes.Clone(r.Key), Before: bytes.Clone(r.Before)}
	case txlog.Delete:
		return r.Txn, txlog.Delete{Txn: r.Txn, Object: r.Object, Key: bytes.Clone(r.Key), Before: bytes.Clone(r.Before)}
	}
	return 0, rec
}
