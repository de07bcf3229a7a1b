package engine

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Deferred physical drops.
//
// DROP TABLE, TRUNCATE TABLE, DROP INDEX, ALTER TABLE … DROP CONSTRAINT and a
// heap's clustering replace or remove storage objects (ddlPayload.Drops). The
// catalog change is logged and applied like any commit, but the object's data
// is removed with storage's DropObject, which deletes every version at once:
// nothing could bring it back. A drop in a log tail that RevertTo later undoes
// (a former principal rejoining as mirror) must find the data still there, so
// the removal waits until the drop can no longer be reverted:
//
//   - applyCommitted records each dropped object as a pending drop, a key under
//     catalog.ObjectMeta written in the same store batch (at the same version)
//     as the DDL's catalog. Redo writes the same entries from the same log
//     record, so crash recovery and a mirror's redo rebuild exactly the list a
//     live commit made: the list is consistent with the log, which stays the
//     truth.
//   - The object is invisible at once (the catalog no longer names it) and its
//     id is never reused (catalog.Database.NextStore only grows).
//   - reclaimDrops performs DropObject for the entries that are safe and then
//     deletes them (dropSafety): on a mirrored principal once the mirror has
//     hardened the drop's LSN (a failover's fork is never below what the
//     mirror hardened); on a mirror once redone and made durable by the
//     principal too (a principal's crash can cut the mirror's tail beyond
//     that: dropSafety); in a database that is not mirrored at
//     once, at the next pass. While this process has no mirroring wired (a
//     restart before cmd installs it) only drops committed while the database
//     was not a mirrored principal (ddlPayload.WaitMirror false) go.
//   - RevertTo removes the entries of drops after the fork and restores the
//     catalog as of the fork, which names the objects again: their data was
//     never touched.
//
// When space comes back: a non-mirrored database's at its next checkpoint (the
// CHECKPOINT statement, the automatic one, shutdown); a mirrored principal's at
// the first checkpoint or checkpoint-loop tick (Config.CheckpointInterval, one
// minute by default) after the mirror hardened the drop; a mirror's when redo
// has applied the drop and later log shows the principal made it durable. A crash between an entry's DropObject and its deletion
// only repeats the DropObject (removing nothing) at the next pass.

// pendingDropPrefix starts the key of every pending-drop entry under
// catalog.ObjectMeta; the 4-byte big-endian object id follows.
var pendingDropPrefix = []byte("pending_drop/")

// pendingDrop is one entry: the storage object, the LSN of the commit that
// dropped it, the store version that commit was applied at (the entry's own
// version), and whether the removal must wait for the mirror.
type pendingDrop struct {
	obj        uint32
	lsn        txlog.LSN
	version    txlog.LSN
	waitMirror bool
}

func pendingDropKey(obj uint32) []byte {
	return binary.BigEndian.AppendUint32(append([]byte(nil), pendingDropPrefix...), obj)
}

// encodePendingDrop is the entry's value: LSN (8 bytes), version (8), flags (1;
// bit 0 = waitMirror).
func encodePendingDrop(d pendingDrop) []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 17), uint64(d.lsn))
	b = binary.BigEndian.AppendUint64(b, uint64(d.version))
	var flags byte
	if d.waitMirror {
		flags = 1
	}
	return append(b, flags)
}

var errBadPendingDrop = errors.New("malformed pending drop entry")

func decodePendingDrop(key, value []byte) (pendingDrop, error) {
	if len(key) != len(pendingDropPrefix)+4 || len(value) != 17 {
		return pendingDrop{}, errBadPendingDrop
	}
	return pendingDrop{
		obj:        binary.BigEndian.Uint32(key[len(pendingDropPrefix):]),
		lsn:        txlog.LSN(binary.BigEndian.Uint64(value)),
		version:    txlog.LSN(binary.BigEndian.Uint64(value[8:])),
		waitMirror: value[16]&1 != 0,
	}, nil
}

// putPendingDrops adds to b (the DDL's store batch) an entry for every object
// ddl drops, for the commit at lsn applied at version at.
func putPendingDrops(b *storage.Batch, ddl *ddlPayload, lsn, at txlog.LSN) {
	for _, obj := range ddl.Drops {
		b.Put(catalog.ObjectMeta, pendingDropKey(obj), encodePendingDrop(pendingDrop{obj: obj, lsn: lsn, version: at, waitMirror: ddl.WaitMirror}))
	}
}

// pendingDrops lists the database's entries, in object id order.
func (db *Database) pendingDrops() ([]pendingDrop, error) {
	drops, err := listPendingDrops(db.store)
	if err != nil {
		return nil, fmt.Errorf("list pending drops of %s: %w", db.name, err)
	}
	return drops, nil
}

// listPendingDrops lists the entries of store r, in object id order.
func listPendingDrops(r storage.Reader) ([]pendingDrop, error) {
	upper := append(append([]byte(nil), pendingDropPrefix...), 0xFF)
	it, err := r.NewIterator(catalog.ObjectMeta, pendingDropPrefix, upper, false, storage.Latest)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []pendingDrop
	for it.Next() {
		d, err := decodePendingDrop(it.Key(), it.Value())
		if err != nil {
			return nil, fmt.Errorf("key %x: %w", it.Key(), err)
		}
		out = append(out, d)
	}
	return out, it.Err()
}

// newDDLPayload is the DDL log record's body for a commit of catalog enc that
// drops objects drops. WaitMirror is set when the database is a mirrored
// principal now (the mirroring session installs the commit wait on a
// principal, whatever its safety level, and removes it when the session ends).
func (db *Database) newDDLPayload(enc []byte, drops []uint32) *ddlPayload {
	return &ddlPayload{Catalog: enc, Drops: drops, WaitMirror: db.mirrorWait.Load() != nil}
}

// dropSafety is what mirroring allows reclaimDrops to perform now.
type dropSafety struct {
	// wired is false when this process has no mirroring (yet: cmd installs
	// it after opening the databases, and its sessions resume then).
	wired bool
	// ok: drops at or below safe can no longer be reverted. When wired and
	// not ok (a role in transition) nothing is performed.
	ok   bool
	safe txlog.LSN
}

// allows reports whether d may be performed. Without mirroring wired only a
// drop committed while the database was not a mirrored principal may go
// (ddlPayload.WaitMirror): the session may yet resume. With mirroring wired
// every drop waits for the safe point, whatever it was committed under: a
// drop made just before SET PARTNER reaches the new mirror only through the
// log, and a forced failover before it arrives would revert it.
func (s dropSafety) allows(d pendingDrop) bool {
	if !s.wired {
		return !d.waitMirror
	}
	return s.ok && d.lsn <= s.safe
}

// dropSafety asks mirroring how far the database's drops are safe.
func (db *Database) dropSafety() dropSafety {
	m, err := db.inst.mirroringImpl()
	if err != nil {
		return dropSafety{}
	}
	st, ok := m.Status(db.name)
	if !ok {
		// Not mirrored: nothing reverts.
		return dropSafety{wired: true, ok: true, safe: math.MaxUint64}
	}
	switch st.Role {
	case 1: // principal: a failover's fork is at or above what the mirror hardened
		return dropSafety{wired: true, ok: true, safe: st.HardenedLSN}
	case 2:
		// Mirror: what redo applied came from the principal's log, but the
		// principal ships log before its own fdatasync, so a crash of the
		// principal may lose a tail this mirror hardened and redid, and the
		// re-formed session cuts it here (partner acceptSession → cutTail →
		// RevertTo). Only log the principal had made durable is safe: below
		// the synced field of our last block (txlog.SourceSyncedEnd).
		//
		// And only while a session with the principal is up (SYNCHRONIZING
		// or SYNCHRONIZED): a former principal that has just become mirror
		// still holds its own divergent tail, whose synced field is its own,
		// until the session start reverts and cuts it (the state is reported
		// only after that); SUSPENDED keeps the tail until RESUME. Reclaimed
		// before the cut, a drop in that tail lost the table's rows for good.
		if st.State != mirrorStateSynchronizing && st.State != mirrorStateSynchronized {
			return dropSafety{wired: true}
		}
		if db.State() == StateRestoring && db.log != nil {
			synced, err := db.log.SourceSyncedEnd()
			return mirrorDropSafety(db.RedoneLSN(), synced, err)
		}
	}
	return dropSafety{wired: true} // in transition
}

// Mirroring states of MirroringStatus.State (sys.database_mirroring).
const (
	mirrorStateSynchronizing = 2
	mirrorStateSynchronized  = 4
)

// mirrorDropSafety is a mirror's dropSafety: drops redone (at or below
// redone) in blocks the principal had made durable (below synced, the synced
// field of the mirror's last block) can no longer be cut.
func mirrorDropSafety(redone txlog.LSN, synced uint64, err error) dropSafety {
	if err != nil || synced == 0 {
		return dropSafety{wired: true}
	}
	return dropSafety{wired: true, ok: true, safe: min(redone, txlog.MakeLSN(synced, 0)-1)}
}

// reclaimFault, when set (tests only), is called after an entry's DropObject
// and before the entry is deleted; a non-nil result stops the pass there, as
// a crash would.
var reclaimFault func(db string, obj uint32) error

// reclaimDrops performs the pending drops that are safe (see the comment at
// the top of this file) and deletes their entries. It takes redoMu, so it
// never runs beside RevertTo or a redo scan; callers must not hold redoMu or
// commitMu.
func (db *Database) reclaimDrops() error {
	db.redoMu.Lock()
	defer db.redoMu.Unlock()
	return db.reclaimDropsLocked()
}

// reclaimDropsLocked is reclaimDrops for callers holding redoMu.
func (db *Database) reclaimDropsLocked() error {
	if st := db.State(); st != StateOnline && st != StateRestoring {
		return nil // a SUSPECT store may contradict its log: touch nothing
	}
	drops, err := db.pendingDrops()
	if err != nil {
		return err
	}
	befores, err := db.catalogBefores()
	if err != nil || len(drops)+len(befores) == 0 {
		return err
	}
	safety := db.dropSafety()
	var done storage.Batch
	var at txlog.LSN
	for _, c := range befores {
		if safety.allows(pendingDrop{lsn: c.lsn, waitMirror: c.waitMirror}) {
			done.Delete(catalog.ObjectMeta, catalogBeforeKey(c.lsn))
			at = max(at, c.version+1)
		}
	}
	objects := 0
	// A database snapshot older than a drop still reads the object
	// (snapshot.go): its data stays until the snapshot is dropped.
	floor := db.snapshotFloor()
	for _, d := range drops {
		if !safety.allows(d) || d.version > floor {
			continue
		}
		if err := db.store.DropObject(d.obj, max(db.store.AppliedLSN(), d.version)); err != nil {
			return fmt.Errorf("reclaim dropped object %d of %s: %w", d.obj, db.name, err)
		}
		if reclaimFault != nil {
			if err := reclaimFault(db.name, d.obj); err != nil {
				return fmt.Errorf("reclaim dropped object %d of %s: %w", d.obj, db.name, err)
			}
		}
		done.Delete(catalog.ObjectMeta, pendingDropKey(d.obj))
		// A delete must outrank its entry's own version; only that key is
		// written at it, so sharing a version with another commit's writes
		// is harmless.
		at = max(at, d.version+1)
		objects++
	}
	if done.Len() == 0 {
		return nil
	}
	if err := db.store.Apply(&done, max(at, db.store.AppliedLSN())); err != nil {
		return fmt.Errorf("reclaim dropped objects of %s: %w", db.name, err)
	}
	if objects > 0 {
		db.inst.logger.Info("reclaimed the storage of dropped objects", "database", db.name, "objects", objects)
	}
	return nil
}

// reclaimDropsLogged is reclaimDrops for background callers: a failure is
// logged and retried at the next pass (the entries stay).
func (db *Database) reclaimDropsLogged() {
	if err := db.reclaimDrops(); err != nil {
		db.inst.logger.Warn("reclaiming dropped objects failed; retried at the next checkpoint", "database", db.name, "err", err)
	}
}

// revertPendingDrops adds to batch the deletion of every entry of a drop
// committed after fork: RevertTo undoes those drops, so their objects are
// live again (the catalog as of the fork names them).
func (db *Database) revertPendingDrops(batch *storage.Batch, fork txlog.LSN) (int, error) {
	drops, err := db.pendingDrops()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range drops {
		if d.lsn > fork {
			batch.Delete(catalog.ObjectMeta, pendingDropKey(d.obj))
			n++
		}
	}
	return n, nil
}
