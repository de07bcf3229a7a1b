package engine

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Database snapshots: CREATE DATABASE snap ON (NAME = …, FILENAME = …) AS
// SNAPSHOT OF src (issue #6; reference/mirroring.md §1.15, §2.8). SQL
// Server's way of reading a mirror: a read-only, static, transactionally
// consistent view of src as of the snapshot's creation, readable while src
// goes on changing (a mirror's redo, a principal's commits).
//
// A snapshot has no files. The source's store keeps every row version at its
// commit's version (badger managed mode), so the snapshot is an entry in the
// server catalog (catalog.DatabaseEntry.SnapshotOf, SnapshotVersion) and a
// reader of the source's store as of that version, which a pin
// (storage.Badger.Pin) keeps housekeeping from discarding. Its catalog is
// the one the source's store held at that version, so DDL after the
// snapshot does not show in it either.
//
// The consistency point (snapshotPoint) is a store version at which every
// committed transaction up to it is in the store and nothing else is:
//
//   - ONLINE source: with commitMu held exclusively no commit is in flight;
//     each one appended has applied its writes or queued them, and a read
//     waits for the queued writes of what it reads (storage's ApplyLater).
//     Uncommitted work never reaches the store (Commit applies after the
//     log), so the version of the newest finished commit is the point.
//   - RESTORING mirror: under redoMu the redo loop is between scans; a scan
//     first redoes everything hardened, every commit up to redone is then in
//     the store (redo flushes before redone moves) and transactions still
//     open are held by the redoer, never in the store.
//
// The snapshot survives a restart: its version is in master, and the source
// pins it as soon as its store is open, before recovery and before
// housekeeping's first pass (openDatabaseAt). It survives a role switch: it
// reads the same store, whatever role the source plays next. DROP DATABASE
// of the snapshot releases the pin; the source cannot be dropped (3709) or
// restored over (5094) while a snapshot refers to it, and drops of objects
// the snapshot still sees wait (reclaimDropsLocked).

// Snapshot is one open database snapshot; it implements exec.Database.
type Snapshot struct {
	id      int32
	name    string
	source  *Database
	version txlog.LSN
	cat     *catalog.Database
}

var _ exec.Database = (*Snapshot)(nil)

// ID implements exec.Database.
func (s *Snapshot) ID() int32 { return s.id }

// Name implements exec.Database.
func (s *Snapshot) Name() string { return s.name }

// Catalog implements exec.Database: the source's catalog as of the snapshot.
func (s *Snapshot) Catalog() *catalog.Database { return s.cat }

// Store implements exec.Database: the source's store, as of the snapshot.
func (s *Snapshot) Store() storage.Reader {
	return storage.AsOfReader{R: s.source.store, At: s.version}
}

// Commit implements exec.Database: nothing may change a snapshot.
func (s *Snapshot) Commit(_ context.Context, w *exec.Writes) error {
	if w.Empty() {
		return nil
	}
	return s.ReadOnlyError()
}

// ReadOnlyError is the error a write to the snapshot gets (exec checks it
// before a DML statement touches a row and before DDL).
func (s *Snapshot) ReadOnlyError() error { return errReadOnlyDatabase(s.name) }

// CheckAccess implements exec.Database: a snapshot is readable whatever
// its source's role (that is what it is for on a mirror), unless the
// source's store failed.
func (s *Snapshot) CheckAccess() error {
	if s.source.State() == StateSuspect {
		return exec.ErrInRestore.New(s.name)
	}
	return nil
}

// NextIdentity implements exec.Database; no insert reaches a snapshot.
func (s *Snapshot) NextIdentity(table int32, seed, increment int64) int64 { return seed }

// IdentityCurrent implements exec.Database: the counter as the snapshot
// saw it.
func (s *Snapshot) IdentityCurrent(table int32) (int64, bool) {
	v, ok, err := s.Store().Get(context.Background(), catalog.ObjectIdentity, binary.BigEndian.AppendUint32(nil, uint32(table)), storage.Latest)
	if err != nil || !ok || len(v) != 8 {
		return 0, false
	}
	return int64(binary.BigEndian.Uint64(v)), true
}

// SeeIdentity implements exec.Database; no insert reaches a snapshot.
func (s *Snapshot) SeeIdentity(int32, int64, int64) {}

func errReadOnlyDatabase(name string) error {
	return &exec.Error{Number: 3906, Severity: 16, State: 1, Message: "Failed to update database \"" + name + "\" because the database is read-only."}
}

// errOnSnapshot is 5093, what ALTER DATABASE, BACKUP and the like get on a
// snapshot.
var errOnSnapshot = &exec.Error{Number: 5093, Severity: 16, State: 1, Message: "The operation cannot be performed on a database snapshot."}

// errSnapshotBackup is 3002: a snapshot has nothing of its own to back up.
var errSnapshotBackup = &exec.Error{Number: 3002, Severity: 16, State: 1, Message: "Cannot BACKUP or RESTORE a database snapshot."}

// errHasSnapshots is 5094, what RESTORE over a database with snapshots gets.
var errHasSnapshots = &exec.Error{Number: 5094, Severity: 16, State: 1, Message: "The operation cannot be performed on a database with database snapshots or active DBCC replicas."}

// errSnapshotNotOnline is 1822: the source is neither ONLINE nor a
// SYNCHRONIZED mirror.
var errSnapshotNotOnline = &exec.Error{Number: 1822, Severity: 16, State: 1, Message: "The database must be online to have a database snapshot."}

// snapshotPin is a source's hold on one of its snapshots' versions.
type snapshotPin struct {
	version txlog.LSN
	release func()
}

// pinSnapshots pins, in a source's freshly opened store, the versions of the
// snapshots master records for it. It runs before recovery: housekeeping's
// first pass may come before Open is done with every database.
func (db *Database) pinSnapshots(srv *catalog.Server) {
	for _, e := range srv.Databases {
		if e.SnapshotOf != db.id || e.SnapshotVersion == 0 {
			continue
		}
		release, err := db.store.Pin(txlog.LSN(e.SnapshotVersion))
		if err != nil {
			db.inst.logger.Error("database snapshot cannot be pinned; it is left unopened", "snapshot", e.Name, "database", db.name, "err", err)
			continue
		}
		db.addSnapshotPin(e.ID, txlog.LSN(e.SnapshotVersion), release)
	}
}

func (db *Database) addSnapshotPin(id int32, v txlog.LSN, release func()) {
	db.snapMu.Lock()
	defer db.snapMu.Unlock()
	if db.snapPins == nil {
		db.snapPins = map[int32]snapshotPin{}
	}
	db.snapPins[id] = snapshotPin{version: v, release: release}
}

// releaseSnapshot lets housekeeping discard what only snapshot id needed.
func (db *Database) releaseSnapshot(id int32) {
	db.snapMu.Lock()
	p, ok := db.snapPins[id]
	delete(db.snapPins, id)
	db.snapMu.Unlock()
	if ok {
		p.release()
	}
}

// hasSnapshotPin reports whether snapshot id is pinned in db's store.
func (db *Database) hasSnapshotPin(id int32) bool {
	db.snapMu.Lock()
	defer db.snapMu.Unlock()
	_, ok := db.snapPins[id]
	return ok
}

// snapshotFloor is the lowest version a snapshot of db reads as of, or
// Latest when it has none: a drop committed above it is still seen.
func (db *Database) snapshotFloor() txlog.LSN {
	db.snapMu.Lock()
	defer db.snapMu.Unlock()
	floor := storage.Latest
	for _, p := range db.snapPins {
		floor = min(floor, p.version)
	}
	return floor
}

// snapshotPoint returns the consistency point of a new snapshot of db (see
// the comment at the top of this file), pinned.
func (db *Database) snapshotPoint() (txlog.LSN, func(), error) {
	switch db.State() {
	case StateRestoring:
		db.redoMu.Lock()
		defer db.redoMu.Unlock()
		if err := db.scanRedo(); err != nil {
			return 0, nil, fmt.Errorf("redo before snapshot of %s: %w", db.name, err)
		}
	case StateOnline:
		db.commitMu.Lock()
		defer db.commitMu.Unlock()
	default:
		return 0, nil, errSnapshotNotOnline
	}
	v := max(db.version(db.RedoneLSN()), db.store.AppliedLSN(), 1)
	release, err := db.store.Pin(v)
	if err != nil {
		return 0, nil, fmt.Errorf("pin snapshot of %s at %d: %w", db.name, v, err)
	}
	return v, release, nil
}

// catalogAt is db's catalog as its store held it at version v, named and
// numbered as the snapshot id, name.
func (db *Database) catalogAt(v txlog.LSN, id int32, name string, created time.Time) (*catalog.Database, error) {
	b, ok, err := db.store.Get(context.Background(), catalog.ObjectCatalog, catalogKey, v)
	if err != nil {
		return nil, fmt.Errorf("read catalog of %s as of %d: %w", db.name, v, err)
	}
	if !ok {
		return catalog.NewDatabase(name, id, created), nil
	}
	c, err := catalog.Decode(b)
	if err != nil {
		return nil, err
	}
	c.Name, c.ID = name, id
	return c, nil
}

// snapshot returns an open database snapshot by name, or nil.
func (inst *Instance) snapshot(name string) *Snapshot {
	inst.mu.RLock()
	defer inst.mu.RUnlock()
	return inst.snaps[strings.ToLower(name)]
}

// snapshotsOf lists the names of the snapshots whose source is id.
func (inst *Instance) snapshotsOf(id int32) []string {
	var out []string
	for _, e := range inst.Server().Databases {
		if e.SnapshotOf == id {
			out = append(out, e.Name)
		}
	}
	return out
}

// killSnapshotSessions ends the sessions using a snapshot of database id:
// on a role switch SQL Server restarts the database and its snapshots,
// disconnecting their users (§1.15). The snapshots stay, with their rows.
func (inst *Instance) killSnapshotSessions(id int32) {
	for _, name := range inst.snapshotsOf(id) {
		inst.killSessionsIn(name)
	}
}

// filesDatabase is the open database whose files name shows: the database,
// or a snapshot's source (a snapshot has no files of its own; SQL Server's
// carry its source's logical names).
func (inst *Instance) filesDatabase(name string) *Database {
	if db := inst.Database(name); db != nil {
		return db
	}
	if snap := inst.snapshot(name); snap != nil {
		return snap.source
	}
	return nil
}

// openSnapshots opens the snapshots master records, after every database is
// open (their pins were taken as each source's store opened). A snapshot
// whose source did not open, or whose pin failed, is reported SUSPECT, as
// an unrecovered database is, and can be dropped.
func (inst *Instance) openSnapshots() {
	for _, e := range inst.server.Databases {
		if e.SnapshotOf == 0 {
			continue
		}
		src := inst.databaseByIDLocked(e.SnapshotOf)
		var snap *Snapshot
		if src != nil && src.hasSnapshotPin(e.ID) {
			cat, err := src.catalogAt(txlog.LSN(e.SnapshotVersion), e.ID, e.Name, e.Created)
			if err == nil {
				snap = &Snapshot{id: e.ID, name: e.Name, source: src, version: txlog.LSN(e.SnapshotVersion), cat: cat}
			} else {
				inst.logger.Error("database snapshot cannot be opened", "snapshot", e.Name, "err", err)
			}
		}
		if snap == nil {
			if inst.unrecovered == nil {
				inst.unrecovered = map[string]bool{}
			}
			inst.unrecovered[strings.ToLower(e.Name)] = true
			continue
		}
		inst.snaps[strings.ToLower(e.Name)] = snap
	}
}

// createSnapshot is CREATE DATABASE name ON (NAME = …, FILENAME = …) […]
// AS SNAPSHOT OF source.
func (inst *Instance) createSnapshot(name string, specs []fileSpecName, logFiles int, sourceName string, owner []byte) error {
	src := inst.Entry(sourceName)
	switch {
	case src == nil:
		return exec.ErrDatabaseNotExist.New(sourceName)
	case src.SnapshotOf != 0:
		return &exec.Error{Number: 1821, Severity: 16, State: 1, Message: "Cannot create a database snapshot on another database snapshot."}
	case strings.EqualFold(src.Name, "master"), strings.EqualFold(src.Name, "model"), strings.EqualFold(src.Name, "tempdb"):
		return &exec.Error{Number: 1816, Severity: 16, State: 1, Message: "Database snapshot on the system database " + src.Name + " is not allowed."}
	}
	if err := checkSnapshotFiles(src, specs, logFiles); err != nil {
		return err
	}
	db := inst.Database(src.Name)
	if db == nil {
		return errSnapshotNotOnline
	}
	if err := inst.snapshotAllowed(db); err != nil {
		return err
	}
	v, release, err := db.snapshotPoint()
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	var entry *catalog.DatabaseEntry
	err = inst.UpdateServer(func(s *catalog.Server) error {
		if s.Database(name) != nil {
			return errDatabaseExists
		}
		id := s.NextDatabase
		s.NextDatabase++
		entry = &catalog.DatabaseEntry{
			ID: id, Name: name, Dir: fmt.Sprintf("snapshot%d", id), RecoveryModel: "SIMPLE",
			State: StateOnline, Created: now, UserAccess: "MULTI_USER",
			SnapshotOf: src.ID, SnapshotVersion: uint64(v), OwnerSID: owner,
		}
		s.Databases = append(s.Databases, entry)
		return nil
	})
	if errors.Is(err, errDatabaseExists) {
		release()
		return exec.ErrDatabaseExists.New(name)
	}
	if err != nil {
		release()
		return err
	}
	db.addSnapshotPin(entry.ID, v, release)
	cat, err := db.catalogAt(v, entry.ID, name, now)
	if err != nil {
		return errors.Join(err, inst.dropSnapshot(entry))
	}
	inst.mu.Lock()
	inst.snaps[strings.ToLower(name)] = &Snapshot{id: entry.ID, name: name, source: db, version: v, cat: cat}
	inst.mu.Unlock()
	return nil
}

// snapshotAllowed checks the source's state: ONLINE and serving, or a
// mirror whose session is SYNCHRONIZED (the docs' condition for a snapshot
// of a mirror; a mirror that is still catching up, or cut off from its
// principal, holds no point worth reading).
func (inst *Instance) snapshotAllowed(db *Database) error {
	switch db.State() {
	case StateOnline:
		if e := db.accessErr.Load(); e != nil {
			return *e
		}
		return nil
	case StateRestoring:
		m, err := inst.mirroringImpl()
		if err != nil {
			return errSnapshotNotOnline
		}
		if st, ok := m.Status(db.name); ok && st.Role == 2 && st.State == mirrorStateSynchronized {
			return nil
		}
	}
	return errSnapshotNotOnline
}

// fileSpecName is one ON (NAME = …) of a snapshot's CREATE DATABASE.
type fileSpecName struct{ name string }

// checkSnapshotFiles checks the files a snapshot's CREATE DATABASE lists
// against its source's: the data file must be there (5127), the log file
// may not (5114), nor a file the source does not have.
func checkSnapshotFiles(src *catalog.DatabaseEntry, specs []fileSpecName, logFiles int) error {
	fs := fileSettings(src)
	data, logName := fs[0].Name, fs[1].Name
	seen := false
	for _, f := range specs {
		switch {
		case strings.EqualFold(f.name, data):
			seen = true
		case strings.EqualFold(f.name, logName):
			return &exec.Error{Number: 5114, Severity: 16, State: 1, Message: "Log files, offline files, restoring files, and defunct files for database snapshots should not be specified. \"" + f.name + "\" is not an eligible file for a database snapshot."}
		default:
			return &exec.Error{Number: 5014, Severity: 16, State: 1, Message: "The file '" + f.name + "' does not exist in database '" + src.Name + "'."}
		}
	}
	if logFiles > 0 {
		return &exec.Error{Number: 5114, Severity: 16, State: 1, Message: "Log files, offline files, restoring files, and defunct files for database snapshots should not be specified. \"" + logName + "\" is not an eligible file for a database snapshot."}
	}
	if !seen {
		return &exec.Error{Number: 5127, Severity: 16, State: 1, Message: "All files must be specified for database snapshot creation. Missing the file \"" + data + "\"."}
	}
	return nil
}

// dropSnapshot removes a snapshot: its sessions end, its entry goes and
// its source's pin is released.
func (inst *Instance) dropSnapshot(e *catalog.DatabaseEntry) error {
	inst.killSessionsIn(e.Name)
	inst.mu.Lock()
	delete(inst.snaps, strings.ToLower(e.Name))
	delete(inst.unrecovered, strings.ToLower(e.Name))
	src := inst.databaseByIDLocked(e.SnapshotOf)
	inst.mu.Unlock()
	err := inst.removeEntry(e.ID)
	if src != nil {
		src.releaseSnapshot(e.ID)
	}
	return err
}
