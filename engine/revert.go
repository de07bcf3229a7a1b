package engine

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog"
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
	applied := txlog.LSN(db.redone.Load())
	if applied <= lsn {
		return nil
	}
	// Which keys did the transactions committed after lsn touch?
	touched := map[objKey]bool{}
	pending := map[uint64][]objKey{}
	catalogChanged := false
	err := db.log.Scan(lsn+1, func(at txlog.LSN, rec txlog.Record) error {
		switch r := rec.(type) {
		case txlog.Insert:
			pending[r.Txn] = append(pending[r.Txn], objKey{r.Object, string(r.Key)})
		case txlog.Update:
			pending[r.Txn] = append(pending[r.Txn], objKey{r.Object, string(r.Key)})
		case txlog.Delete:
			pending[r.Txn] = append(pending[r.Txn], objKey{r.Object, string(r.Key)})
		case txlog.DDL:
			pending[r.Txn] = append(pending[r.Txn], objKey{catalog.ObjectCatalog, string(catalogKey)})
		case txlog.Commit:
			for _, k := range pending[r.Txn] {
				touched[k] = true
				if k.obj == catalog.ObjectCatalog {
					catalogChanged = true
				}
			}
			delete(pending, r.Txn)
		case txlog.Abort:
			delete(pending, r.Txn)
		}
		return nil
	})
	if err != nil && !errors.Is(err, txlog.ErrTruncated) {
		return fmt.Errorf("revert %s to %s: %w", db.name, lsn, err)
	}
	// Write each key's value as of the fork above every version written so far.
	forkVersion := db.version(lsn)
	top := db.version(applied) + 1
	var batch storage.Batch
	for k := range touched {
		v, ok, err := db.store.Get(ctx, k.obj, []byte(k.key), forkVersion)
		if err != nil {
			return fmt.Errorf("revert %s: read as of fork: %w", db.name, err)
		}
		if ok {
			batch.Put(k.obj, []byte(k.key), v)
		} else {
			batch.Delete(k.obj, []byte(k.key))
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
	db.redoPos = min(db.redoPos, lsn+1)
	db.rd = newRedoer(db.store, db.version, func(c *catalog.Database) { db.cat.Store(c) })
	if catalogChanged {
		if err := db.loadCatalog(); err != nil {
			return err
		}
	}
	db.inst.logger.Warn("reverted transactions after the fork", "database", db.name, "fork_lsn", lsn.String(), "keys", len(touched))
	return db.loadIdentities()
}
