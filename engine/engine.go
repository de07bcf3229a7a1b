// Package engine is a mirrorsql instance: its databases (each a log, a page store
// and a catalog), crash recovery, the commit pipeline, checkpoints, the server
// catalog in master, and the sessions that run T-SQL through engine/exec.
//
// engine never imports mirroring: it declares what it needs from it (Mirroring)
// and cmd wires the two together.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/errorlog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// Config configures an instance.
type Config struct {
	// DataDir holds every database and the server catalog.
	DataDir string
	// ServerName is @@SERVERNAME and what mirroring partners call this instance.
	ServerName string
	// SAPassword is the sa login's password, set at first start.
	SAPassword string
	// Version is the product version shown in @@VERSION.
	Version string
	// Logger receives operational messages (nil: slog.Default()).
	Logger *slog.Logger
	// CheckpointInterval is the automatic checkpoint period (0: one minute;
	// negative: no periodic checkpoints).
	CheckpointInterval time.Duration
	// CheckpointLogBytes is how much logged row data since the last checkpoint
	// triggers an automatic one (0: 256 MiB; negative: never). Together with a
	// negative CheckpointInterval it lets benchmarks build up a long redo.
	CheckpointLogBytes int64
	// MinFreeBytes is the free disk space a commit requires on a database's file
	// system, else it fails with error 1105 (0: storage.DefaultMinFreeBytes;
	// negative: no check). See engine/storage/space.go.
	MinFreeBytes int64
	// BufferPoolBytes is the buffer pool budget the instance's databases
	// share: hot tables and indexes kept in memory for scans and point reads,
	// least recently used evicted first (0:
	// storage.DefaultCacheBytes; negative: off). See engine/storage/cache.go.
	BufferPoolBytes int64
	// ErrorLog, when set, holds the instance's recent log records for
	// sp_readerrorlog and xp_readerrorlog (errorlog_procs.go); nil: they
	// return no rows.
	ErrorLog *errorlog.Ring
}

// Instance is one running mirrorsql server.
type Instance struct {
	cfg    Config
	logger *slog.Logger
	// dirLock keeps other processes out of cfg.DataDir until Close.
	dirLock *dataDirLock
	locks   *txn.Manager
	// bufferPool is the buffer pool budget all databases share (nil: off).
	bufferPool *storage.CacheBudget

	mu     sync.RWMutex
	server *catalog.Server
	dbs    map[string]*Database // key: lower-case name
	snaps  map[string]*Snapshot // database snapshots, key: lower-case name (snapshot.go)
	// unrecovered holds the user databases whose log Open refused as
	// corrupt (txlog.ErrCorrupt), key lower-case name: they are not open,
	// and sys.databases reports them SUSPECT until the next start.
	unrecovered map[string]bool

	sessions sync.Map // spid → *Session
	// access admits sessions to databases whose user access is limited
	// (useraccess.go).
	access   accessGates
	nextSPID atomic.Int32

	mirroring atomic.Pointer[Mirroring]
	killers   sync.Map // spid → func() that closes the session's connection

	historyMu     sync.Mutex
	backupHistory []backupRecord

	started   time.Time
	checkpReq chan *Database
	stop      chan struct{}
	closing   sync.Once // Close runs once; a second call returns its result
	closeErr  error
	// closingDBs holds the names of the databases Close is checkpointing or
	// closing, so that a close that hangs on failed storage can say which
	// (close_bounded.go).
	closingDBs sync.Map
	wg         sync.WaitGroup
	// waitBase is what sys.dm_os_wait_stats subtracts since DBCC SQLPERF('sys.dm_os_wait_stats', CLEAR) (waitstats_clear.go).
	waitBase waitBaseline
	// exiting is set by CloseWithin, the shutdown of a process about to
	// exit: a store on a full file system is then left to recovery rather
	// than flushed into a SIGBUS (Database.closeForExit). A plain Close
	// (tests, reopening a data directory in the same process) closes all.
	exiting atomic.Bool
}

// System databases, created at first start, in database_id order.
var systemDatabases = []string{"master", "tempdb", "model", "msdb"}

// Open opens the instance in cfg.DataDir, creating the system databases at first
// start, recreating tempdb, and recovering every database.
func Open(cfg Config) (_ *Instance, err error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.CheckpointInterval == 0 {
		cfg.CheckpointInterval = time.Minute
	}
	if cfg.CheckpointLogBytes == 0 {
		cfg.CheckpointLogBytes = checkpointLogBytes
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	dirLock, err := lockDataDir(cfg.DataDir) // datadir_lock.go: before anything is read or changed
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			dirLock.release()
		}
	}()
	inst := &Instance{
		cfg: cfg, logger: cfg.Logger, locks: txn.NewManager(), dbs: map[string]*Database{}, snaps: map[string]*Snapshot{},
		started: time.Now(), checkpReq: make(chan *Database, 16), stop: make(chan struct{}),
		bufferPool: storage.NewCacheBudget(cfg.bufferPoolBytes()),
		dirLock:    dirLock,
	}
	inst.nextSPID.Store(50) // user sessions start at 51, as in SQL Server
	if err := inst.loadServer(); err != nil {
		return nil, err
	}
	if err := inst.recoverRestoreSwaps(); err != nil {
		return nil, err
	}
	for _, e := range inst.server.Databases {
		if e.SnapshotOf != 0 {
			continue // opened after their sources (openSnapshots)
		}
		if strings.EqualFold(e.Name, "tempdb") {
			if err := removeDatabaseFiles(inst.dbDir(e)); err != nil {
				return nil, fmt.Errorf("recreate tempdb: %w", err)
			}
		}
		if !e.System {
			if err := missingDatabaseFiles(inst.dbDir(e)); err != nil { // files_missing.go
				var pe *fs.PathError
				errors.As(err, &pe)
				inst.logger.Error(msgCannotOpenFile(pe.Path), "error", 5120, "database", e.Name)
				inst.logger.Error(msgRecoveryFailed(e.Name, e.ID), "error", 3414, "database", e.Name, "err", err)
				inst.markUnrecovered(e.Name)
				continue
			}
		}
		db, err := openDatabase(inst, e, inst.dbDir(e), inst.logger)
		if err != nil && !e.System && unrecoverable(err) {
			// A user database whose log is damaged inside its durable
			// part, or whose catalog is, is refused, never half-used,
			// but alone: as SQL Server marks it SUSPECT (3414) and
			// starts the instance, so that
			// master, the other databases and the DBA's means to drop or
			// restore it stay available (a mirror's session for it stays
			// inactive, and its principal serves exposed).
			inst.logger.Error(msgRecoveryFailed(e.Name, e.ID), "error", 3414, "database", e.Name, "err", err)
			inst.markUnrecovered(e.Name)
			continue
		}
		if err != nil {
			inst.closeDatabases()
			return nil, err
		}
		inst.dbs[strings.ToLower(e.Name)] = db
	}
	inst.openSnapshots()
	if err := inst.fillEntryOwners(); err != nil { // owner.go
		inst.closeDatabases()
		return nil, err
	}
	if err := inst.loadBackupHistory(); err != nil {
		inst.closeDatabases()
		return nil, err
	}
	if err := inst.installAgentCatalog(context.Background()); err != nil { // msdbagent.go
		inst.logger.Warn("SQL Server Agent's tables and procedures were not made in msdb", "err", err)
	}
	inst.wg.Add(1)
	go inst.checkpointLoop()
	if inst.monitorTablesExist() { // dbmmonitor.go: the mirroring monitor was used; its job, if any, runs again
		inst.startMonitorLoop()
	}
	return inst, nil
}

func (inst *Instance) dbDir(e *catalog.DatabaseEntry) string {
	return filepath.Join(inst.cfg.DataDir, e.Dir)
}

// serverFile is the server catalog's file in master's directory.
func (inst *Instance) serverFile() string {
	return filepath.Join(inst.cfg.DataDir, "master", "server.json")
}

func (inst *Instance) loadServer() error {
	b, err := os.ReadFile(inst.serverFile())
	if errors.Is(err, os.ErrNotExist) {
		if inst.cfg.SAPassword == "" {
			return errors.New("first start: the sa password is required (--sa-password or MSSQL_SA_PASSWORD)")
		}
		now := time.Now().UTC()
		s := catalog.NewServer(inst.cfg.SAPassword, now)
		for i, name := range systemDatabases {
			s.Databases = append(s.Databases, &catalog.DatabaseEntry{
				ID: int32(i + 1), Name: name, Dir: name, RecoveryModel: systemRecovery(name),
				State: "ONLINE", Created: now, System: true, UserAccess: "MULTI_USER", OwnerSID: catalog.SASID,
			})
		}
		inst.server = s
		return inst.saveServer(s)
	}
	if err != nil {
		return fmt.Errorf("read server catalog: %w", err)
	}
	s, err := catalog.DecodeServer(b)
	if e := errDowngrade("master", err); e != nil {
		return e
	}
	if err != nil {
		return err
	}
	inst.server = s
	return nil
}

func systemRecovery(name string) string {
	if name == "model" {
		return "FULL"
	}
	return "SIMPLE"
}

// saveServer writes the server catalog atomically: temp file, fsync, rename,
// fsync of the directory.
func (inst *Instance) saveServer(s *catalog.Server) error {
	b, err := s.Encode()
	if err != nil {
		return err
	}
	return writeFileAtomic(inst.serverFile(), b)
}

func writeFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// UpdateServer applies fn to a copy of the server catalog and persists it. fn's
// error leaves the catalog unchanged.
func (inst *Instance) UpdateServer(fn func(s *catalog.Server) error) error {
	inst.mu.Lock()
	defer inst.mu.Unlock()
	c := inst.server.Clone()
	if err := fn(c); err != nil {
		return err
	}
	if err := inst.saveServer(c); err != nil {
		return fmt.Errorf("save server catalog: %w", err)
	}
	inst.server = c
	return nil
}

// Server returns the current server catalog (read-only).
func (inst *Instance) Server() *catalog.Server {
	inst.mu.RLock()
	defer inst.mu.RUnlock()
	return inst.server
}

// ServerName is @@SERVERNAME.
func (inst *Instance) ServerName() string { return inst.cfg.ServerName }

// Version is the product version.
func (inst *Instance) Version() string { return inst.cfg.Version }

// Locks is the instance's lock manager.
func (inst *Instance) Locks() *txn.Manager { return inst.locks }

// Database returns an open database by name (case-insensitive), or nil.
func (inst *Instance) Database(name string) *Database {
	inst.mu.RLock()
	defer inst.mu.RUnlock()
	return inst.dbs[strings.ToLower(name)]
}

// Databases lists the open databases in database_id order.
func (inst *Instance) Databases() []*Database {
	inst.mu.RLock()
	defer inst.mu.RUnlock()
	out := make([]*Database, 0, len(inst.dbs))
	for _, db := range inst.dbs {
		out = append(out, db)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// msgRecoveryFailed is SQL Server's error-log message 3414 (severity 21).
func msgRecoveryFailed(name string, id int32) string {
	return fmt.Sprintf("An error occurred during recovery, preventing the database '%s' (database ID %d) from restarting. "+
		"Diagnose the recovery errors and fix them, or restore from a known good backup. If errors are not corrected or expected, contact Technical Support.", name, id)
}

// unrecoverable reports an error of opening a database that is the damage
// of its files — its log inside the durable part, or its catalog — rather
// than of the instance: the database alone is left unrecovered.
func unrecoverable(err error) bool {
	return errors.Is(err, txlog.ErrCorrupt) || errors.Is(err, catalog.ErrCorrupt)
}

// markUnrecovered records at start that database name did not recover
// (SUSPECT, not open).
func (inst *Instance) markUnrecovered(name string) {
	if inst.unrecovered == nil {
		inst.unrecovered = map[string]bool{}
	}
	inst.unrecovered[strings.ToLower(name)] = true
}

// unrecoveredDatabase reports whether name is a database whose recovery
// failed at start (SUSPECT, not open).
func (inst *Instance) unrecoveredDatabase(name string) bool {
	inst.mu.RLock()
	defer inst.mu.RUnlock()
	return inst.unrecovered[strings.ToLower(name)]
}

// Entry returns a database's server-level entry.
func (inst *Instance) Entry(name string) *catalog.DatabaseEntry {
	return inst.Server().Database(name)
}

// CreateDatabase creates and opens an empty database with model's settings.
func (inst *Instance) CreateDatabase(name string, state string) (*Database, error) {
	var entry *catalog.DatabaseEntry
	err := inst.UpdateServer(func(s *catalog.Server) error {
		if s.Database(name) != nil {
			return errDatabaseExists
		}
		model := s.Database("model")
		recovery := "FULL"
		var options map[string]string
		if model != nil {
			recovery = model.RecoveryModel
			options = maps.Clone(model.Options) // dboptions.go
		}
		id := s.NextDatabase
		s.NextDatabase++
		entry = &catalog.DatabaseEntry{
			ID: id, Name: name, Dir: fmt.Sprintf("db%d", id), RecoveryModel: recovery,
			State: state, Created: time.Now().UTC(), UserAccess: "MULTI_USER", Options: options,
			OwnerSID: catalog.SASID, // the creator's once CREATE DATABASE commits it (perm.go setOwner)
		}
		s.Databases = append(s.Databases, entry)
		return nil
	})
	if err != nil {
		return nil, err
	}
	_ = os.RemoveAll(inst.dbDir(entry))
	db, err := openDatabase(inst, entry, inst.dbDir(entry), inst.logger)
	if err != nil {
		return nil, err
	}
	inst.mu.Lock()
	inst.dbs[strings.ToLower(name)] = db
	inst.mu.Unlock()
	return db, nil
}

var errDatabaseExists = errors.New("database exists")

// DropDatabase closes a database, removes it from the server catalog and deletes
// its files.
func (inst *Instance) DropDatabase(name string) error {
	inst.mu.Lock()
	db := inst.dbs[strings.ToLower(name)]
	delete(inst.dbs, strings.ToLower(name))
	unrecovered := inst.unrecovered[strings.ToLower(name)]
	delete(inst.unrecovered, strings.ToLower(name))
	inst.mu.Unlock()
	if db == nil && unrecovered {
		return inst.dropUnrecovered(name)
	}
	if db == nil {
		return nil
	}
	err := inst.removeEntry(db.id)
	if cerr := db.close(); err == nil {
		err = cerr
	}
	exec.DropSequences(db)
	if rerr := removeDatabaseFiles(db.dir); err == nil {
		err = rerr
	}
	return err
}

// removeEntry removes database id's entry from the server catalog.
func (inst *Instance) removeEntry(id int32) error {
	return inst.UpdateServer(func(s *catalog.Server) error {
		s.Databases = slices.DeleteFunc(s.Databases, func(e *catalog.DatabaseEntry) bool { return e.ID == id })
		return nil
	})
}

// databaseByIDLocked returns the open database with database_id id, or
// nil; callers hold inst.mu or own the instance (Open).
func (inst *Instance) databaseByIDLocked(id int32) *Database {
	for _, db := range inst.dbs {
		if db.id == id {
			return db
		}
	}
	return nil
}

// dropUnrecovered removes a database that recovery left SUSPECT and unopened
// (Open's unrecovered): its entry and its files, which is how a DBA gets rid
// of a copy with a corrupt log before restoring it again.
func (inst *Instance) dropUnrecovered(name string) error {
	var dir string
	err := inst.UpdateServer(func(s *catalog.Server) error {
		out := s.Databases[:0]
		for _, e := range s.Databases {
			if strings.EqualFold(e.Name, name) {
				dir = inst.dbDir(e)
				continue
			}
			out = append(out, e)
		}
		s.Databases = out
		return nil
	})
	if err == nil && dir != "" {
		err = removeDatabaseFiles(dir)
	}
	return err
}

func (inst *Instance) requestCheckpoint(db *Database) {
	select {
	case inst.checkpReq <- db:
	default:
	}
}

// checkpointLoop runs automatic checkpoints: on request (log volume) and
// periodically.
func (inst *Instance) checkpointLoop() {
	defer inst.wg.Done()
	var tick <-chan time.Time
	if inst.cfg.CheckpointInterval > 0 {
		t := time.NewTicker(inst.cfg.CheckpointInterval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-inst.stop:
			return
		case db := <-inst.checkpReq:
			if err := db.Checkpoint(context.Background()); err != nil {
				inst.logger.Warn("automatic checkpoint failed", "database", db.name, "err", err)
			}
		case <-tick:
			for _, db := range inst.Databases() {
				if db.logBytesSinceCheckpoint.Load() == 0 || db.State() != StateOnline {
					// No checkpoint to take (Checkpoint skips a database that
					// is not ONLINE), but drops may have become safe: a
					// mirrored database's wait for the mirror, not for more
					// log, and a principal turned mirror keeps its own
					// (drops.go).
					db.reclaimDropsLogged()
					continue
				}
				if err := db.Checkpoint(context.Background()); err != nil {
					inst.logger.Warn("automatic checkpoint failed", "database", db.name, "err", err)
				}
			}
		}
	}
}

// Close checkpoints and closes every database; calling it again returns the
// first call's result.
func (inst *Instance) Close() error {
	inst.closing.Do(func() { inst.closeErr = inst.close() })
	return inst.closeErr
}

func (inst *Instance) close() error {
	close(inst.stop)
	inst.wg.Wait()
	exec.ForgetQueryStats(execServer{inst}) // querystats.go: the sessions keyed it so
	for _, db := range inst.Databases() {
		inst.closingDBs.Store(db.name, true)
		if err := db.Checkpoint(context.Background()); err != nil {
			inst.logger.Warn("checkpoint at shutdown failed", "database", db.name, "err", err)
		}
		inst.closingDBs.Delete(db.name)
	}
	err := inst.closeDatabases()
	inst.dirLock.release()
	return err
}

// closeDatabases closes every database at once: one whose storage hangs
// (a removed data directory) must not keep the others from closing cleanly
// before a bounded shutdown gives up on it (CloseWithin).
func (inst *Instance) closeDatabases() error {
	inst.mu.Lock()
	defer inst.mu.Unlock()
	var (
		wg    sync.WaitGroup
		errMu sync.Mutex
		first error
	)
	for k, db := range inst.dbs {
		inst.closingDBs.Store(db.name, true)
		wg.Go(func() {
			defer inst.closingDBs.Delete(db.name)
			closeDB := db.close
			if inst.exiting.Load() {
				closeDB = db.closeForExit
			}
			if err := closeDB(); err != nil {
				inst.logger.Error(notClosedCleanly, "database", db.name, "err", err)
				errMu.Lock()
				if first == nil {
					first = err
				}
				errMu.Unlock()
			}
		})
		delete(inst.dbs, k)
	}
	wg.Wait()
	return first
}
