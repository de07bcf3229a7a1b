package engine

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// RESTORE DATABASE src FROM DATABASE_SNAPSHOT = 'snap': the source goes back
// to what its only snapshot shows. SQL Server copies the snapshot's pages
// back and rebuilds the log, which breaks the log backup chain (the next
// BACKUP LOG fails with 4214 until a full backup). Here the revert is one
// logged transaction, written like any DDL commit: for every row store and
// index the snapshot names, the rows that differ from it are put back or
// deleted; the catalog becomes the snapshot's; objects created since are
// dropped (their data goes as every drop's does, drops.go) and objects
// dropped since, whose data the snapshot kept from being reclaimed, lose
// their pending-drop entries. Crash recovery redoes it like any commit. The
// backup chain is broken all the same, as SQL Server's is.
//
// Refused, as SQL Server refuses: a mirrored database (3104: the mirror could
// not follow a rebuilt log), master (3139), a name that is not the source's
// only snapshot (3137), a database in use (3101/3102).

var errRevertNames = &exec.Error{Number: 3137, Severity: 16, State: 1, Message: "Database cannot be reverted. Either the primary or the snapshot names are improperly specified, all other snapshots have not been dropped, or there are missing files."}

// revertToSnapshot runs the revert of database name to snapshot snapName
// for session s.
func (inst *Instance) revertToSnapshot(ctx context.Context, s *exec.Session, name, snapName string) error {
	e := inst.Entry(name)
	if e == nil {
		return exec.ErrDatabaseNotExist.New(name)
	}
	if strings.EqualFold(e.Name, "master") {
		return &exec.Error{Number: 3139, Severity: 16, State: 1, Message: "Restore to snapshot is not allowed with the master database."}
	}
	if inst.mirroringStatus(e.Name) {
		return errRestoreMirrored(e.Name)
	}
	sn := inst.Entry(snapName)
	db, snap := inst.Database(e.Name), inst.snapshot(snapName)
	if sn == nil || sn.SnapshotOf != e.ID || len(inst.snapshotsOf(e.ID)) != 1 || db == nil || snap == nil || db.State() != StateOnline {
		return errRevertNames
	}
	if strings.EqualFold(s.Database().Name(), e.Name) || strings.EqualFold(s.Database().Name(), sn.Name) {
		return &exec.Error{Number: 3102, Severity: 16, State: 1, Message: "RESTORE cannot process database '" + e.Name + "' because it is in use by this session. It is recommended that the master database be used when performing this operation."}
	}
	if inst.databaseInUse(e.Name, s.SPID) || inst.databaseInUse(sn.Name, s.SPID) {
		return &exec.Error{Number: 3101, Severity: 16, State: 1, Message: "Exclusive access could not be obtained because the database is in use."}
	}
	w, err := db.revertWrites(ctx, snap)
	if err != nil {
		return fmt.Errorf("revert %s to %s: %w", e.Name, sn.Name, err)
	}
	// The counters go back with the rows: Commit stores the in-memory
	// counter for an identity write (refreshIdentityCounters), so they are
	// forgotten first and loaded again from the store after.
	db.identMu.Lock()
	clear(db.identity)
	db.identMu.Unlock()
	err = db.Commit(ctx, w)
	exec.ForgetSequences(db)
	exec.ForgetStatistics(db) // the statistics records changed too (exec/stats_persist.go)
	if lerr := db.loadIdentities(); err == nil {
		err = lerr
	}
	if err != nil {
		return fmt.Errorf("revert %s to %s: %w", e.Name, sn.Name, err)
	}
	db.backupChainStarted.Store(false)
	return inst.UpdateServer(func(sc *catalog.Server) error {
		if x := sc.Database(e.Name); x != nil {
			x.BreakLogChain()
		}
		return nil
	})
}

// revertWrites is the transaction that makes db what snap shows (see the
// comment at the top of this file).
func (db *Database) revertWrites(ctx context.Context, snap *Snapshot) (*exec.Writes, error) {
	cur := db.Catalog()
	cat := snap.Catalog().Clone()
	cat.Name, cat.ID = cur.Name, cur.ID
	// Ids only grow: an object made after the snapshot is dropped by this
	// commit, and its storage id must never be handed out again.
	cat.NextStore = max(cat.NextStore, cur.NextStore)
	cat.NextObject = max(cat.NextObject, cur.NextObject)
	// The options go back to the snapshot's too (dboptions.go), unless its
	// catalog predates options kept in the database: then they stay.
	if cat.Options == nil && cur.Options != nil {
		o := *cur.Options
		o.Set = maps.Clone(o.Set)
		cat.Options = &o
	}

	then, now := storeObjects(cat), storeObjects(cur)
	w := &exec.Writes{TxnID: db.NewTxnID(), Set: storage.NewWriteSet(1 << 40), Catalog: cat}
	for _, obj := range slices.Sorted(maps.Keys(now)) {
		if !then[obj] {
			w.Drops = append(w.Drops, obj)
		}
	}
	for _, obj := range slices.Sorted(maps.Keys(then)) {
		if !now[obj] {
			if err := w.Set.Delete(catalog.ObjectMeta, pendingDropKey(obj)); err != nil {
				return nil, err
			}
		}
		if err := diffObject(ctx, db.store, w.Set, obj, snap.version); err != nil {
			return nil, err
		}
	}
	if err := diffObject(ctx, db.store, w.Set, catalog.ObjectIdentity, snap.version); err != nil {
		return nil, err
	}
	return w, nil
}

// storeObjects lists the storage objects (row stores and indexes) of c.
func storeObjects(c *catalog.Database) map[uint32]bool {
	out := map[uint32]bool{}
	for _, t := range c.Tables {
		for _, ix := range t.Indexes {
			out[ix.StoreID] = true
		}
	}
	return out
}

// diffObject adds to ws what turns obj's rows now into its rows as of v:
// both are read in key order and merged.
func diffObject(ctx context.Context, r storage.Reader, ws *storage.WriteSet, obj uint32, v txlog.LSN) error {
	now, err := r.NewIterator(obj, nil, nil, false, storage.Latest)
	if err != nil {
		return err
	}
	defer now.Close()
	then, err := r.NewIterator(obj, nil, nil, false, v)
	if err != nil {
		return err
	}
	defer then.Close()
	hasNow, hasThen := now.Next(), then.Next()
	for hasNow || hasThen {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := 0
		switch {
		case !hasNow:
			c = 1
		case !hasThen:
			c = -1
		default:
			c = bytes.Compare(now.Key(), then.Key())
		}
		switch {
		case c < 0: // only now: delete
			if err := ws.Delete(obj, bytes.Clone(now.Key())); err != nil {
				return err
			}
			hasNow = now.Next()
		case c > 0: // only then: put back
			if err := ws.Put(obj, bytes.Clone(then.Key()), bytes.Clone(then.Value())); err != nil {
				return err
			}
			hasThen = then.Next()
		default:
			if !bytes.Equal(now.Value(), then.Value()) {
				if err := ws.Put(obj, bytes.Clone(then.Key()), bytes.Clone(then.Value())); err != nil {
					return err
				}
			}
			hasNow, hasThen = now.Next(), then.Next()
		}
	}
	if err := now.Err(); err != nil {
		return err
	}
	return then.Err()
}
