package engine

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Database states as sys.databases.state_desc shows them.
const (
	StateOnline     = "ONLINE"
	StateRestoring  = "RESTORING"
	StateRecovering = "RECOVERING"
	StateSuspect    = "SUSPECT"
	StateOffline    = "OFFLINE"
)

// Database is one open database: its log, its page store and its catalog.
//
// The commit pipeline (Commit) is the heart of durability: log records are
// appended and made durable (group commit), the high-safety mirror wait is
// satisfied, and only then are the writes applied to the store. The
// transaction's locks are held by the caller across all of it.
type Database struct {
	inst  *Instance
	id    int32
	name  string
	dir   string
	log   *txlog.Log
	store *storage.Badger

	writeLogWait waitCounter  // WRITELOG: commits waiting for their log (waits_writelog.go)
	logHolds     logHolds     // log a running BACKUP still copies (loghold.go)
	usage        exec.DBUsage // index usage and statistics modification counters (stats_usage.go)

	cat   atomic.Pointer[catalog.Database]
	state atomic.Value // string

	// commitMu is held shared by every commit from append until its writes
	// are applied or queued (storage.Badger.ApplyLater), and exclusively by a
	// checkpoint, whose store Sync waits for the queued ones: a checkpoint sees
	// no commit half-applied.
	commitMu sync.RWMutex
	// ddlMu serializes catalog changes (their commits publish whole catalogs).
	ddlMu sync.Mutex

	identMu  sync.Mutex
	identity map[int32]int64

	txnSeq atomic.Uint64

	// mirrorWait, when set, blocks a commit until the mirror has hardened lsn
	// (SAFETY FULL). It is the hook mirroring fills; nil means "not mirrored".
	mirrorWait atomic.Pointer[func(ctx context.Context, lsn txlog.LSN) error]

	logBytesSinceCheckpoint atomic.Int64
	lastCheckpoint          atomic.Int64 // unix nanoseconds
	transactions            atomic.Int64 // write transactions committed or tried: "Transactions/sec" (perfcounters.go)
	redone                  atomic.Uint64
	// versionOffset is added to an LSN to get the store version its writes
	// carry. It is 0 until a divergent log tail is reverted (RevertTo); then it
	// jumps so that the new fork's writes outrank the reverted ones.
	versionOffset atomic.Uint64

	accessErr atomic.Pointer[error]
	// lacksQuorum: accessErr is mirroring's 955 (ShownState).
	lacksQuorum atomic.Bool
	// onlineMu orders BecomePrincipal's ONLINE with mirroring's access
	// decision: onlinePending is a principal whose redo finished while
	// sessions still got the mirror's 954; it shows ONLINE only once the
	// manager has set the principal's access (engine/mirroring.go).
	onlineMu           sync.Mutex
	onlinePending      bool
	readOnly           atomic.Bool // ALTER DATABASE … SET READ_ONLY (readonly.go)
	backupChainStarted atomic.Bool

	// Redo of a RESTORING database (restored log, mirroring): rd keeps the
	// transactions not yet committed, redoPos is the next LSN to read.
	redoMu     sync.Mutex
	rd         *redoer
	redoPos    txlog.LSN
	redoCancel context.CancelFunc
	redoDone   chan struct{}

	// snapPins are the store pins of the database snapshots of this
	// database, by snapshot database_id (snapshot.go).
	snapMu   sync.Mutex
	snapPins map[int32]snapshotPin

	// commits and versioning serve snapshot reads (readpoint.go).
	commits    commitTracker
	versioning versioningOptions
}

var _ exec.Database = (*Database)(nil)

// openDatabase opens (creating if needed) the database stored in dir and runs
// crash recovery: redo from the last checkpoint.
func openDatabase(inst *Instance, entry *catalog.DatabaseEntry, dir string, logger *slog.Logger) (*Database, error) {
	db, err := openDatabaseAt(inst, entry, dir, logger, 0)
	if e := errDowngrade(entry.Name, err); e != nil {
		return nil, e // downgrade.go
	}
	return db, err
}

// LogSegmentSize is the size of the log segment files of every database. Both
// mirroring partners must agree on it; smaller than txlog's default so that a
// new database does not preallocate 128 MiB.
const LogSegmentSize = 8 << 20

// openDatabaseAt is openDatabase for a database whose new log starts at stream
// offset start (a restore continues its backup's log at the same LSNs).
func openDatabaseAt(inst *Instance, entry *catalog.DatabaseEntry, dir string, logger *slog.Logger, start uint64) (*Database, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	lg, err := txlog.Open(filepath.Join(dir, "log"), txlog.Options{Start: start, SegmentSize: LogSegmentSize})
	if err != nil {
		return nil, fmt.Errorf("open log of %s: %w", entry.Name, err)
	}
	st, err := storage.OpenBadger(storage.Options{Dir: filepath.Join(dir, "data"), Logger: logger, MinFreeBytes: inst.cfg.MinFreeBytes, CacheBudget: inst.bufferPool})
	if err != nil {
		lg.Close()
		return nil, fmt.Errorf("open store of %s: %w", entry.Name, err)
	}
	db := &Database{inst: inst, id: entry.ID, name: entry.Name, dir: dir, log: lg, store: st, identity: map[int32]int64{}}
	st.OnApplyFailure(db.applyFailed)
	db.pinSnapshots(inst.Server()) // before recovery: see pinSnapshots
	db.state.Store(entry.State)
	db.backupChainStarted.Store(entry.LogChainStarted())
	if err := db.recover(); err != nil {
		db.close()
		return nil, err
	}
	if db.Catalog() == nil {
		db.cat.Store(catalog.NewDatabase(entry.Name, entry.ID, time.Now().UTC()))
	}
	db.loadOptions()         // dboptions.go
	db.migrateOptions(entry) // a catalog written before the options moved into it
	db.lastCheckpoint.Store(time.Now().UnixNano())
	if db.State() == StateRestoring {
		db.startRedo()
	}
	return db, nil
}

// recover replays the log from the last checkpoint's redo start into the store
// and loads the catalog.
func (db *Database) recover() error {
	start := txlog.LSN(0)
	if cp := db.log.CheckpointLSN(); cp != 0 {
		err := db.log.Scan(cp, func(lsn txlog.LSN, rec txlog.Record) error {
			if c, ok := rec.(txlog.Checkpoint); ok && lsn == cp {
				start = c.RedoStart
			}
			return errStopScan
		})
		if err != nil && !errors.Is(err, errStopScan) {
			return fmt.Errorf("read checkpoint of %s: %w", db.name, err)
		}
	}
	if err := db.loadCatalog(); err != nil {
		return err
	}
	if err := db.loadVersionOffset(); err != nil {
		return err
	}
	db.rd = newRedoer(db.store, db.version, db.publishCatalog)
	db.redoPos = start
	db.rd.skipPresent = true
	err := db.scanRedo()
	db.rd.skipPresent = false
	if err != nil {
		if errors.Is(err, txlog.ErrCorrupt) {
			db.state.Store(StateSuspect)
			return nil
		}
		return fmt.Errorf("recover %s: %w", db.name, err)
	}
	db.txnSeq.Store(uint64(db.log.EndOfLog())) // transaction ids only need to be unique per log
	return db.loadIdentities()
}

var errStopScan = errors.New("stop scan")

func (db *Database) loadCatalog() error {
	b, ok, err := db.store.Get(context.Background(), catalog.ObjectCatalog, catalogKey, storage.Latest)
	if err != nil {
		return fmt.Errorf("load catalog of %s: %w", db.name, err)
	}
	if !ok {
		return nil
	}
	c, err := catalog.Decode(b)
	if err != nil {
		return err
	}
	// A catalog restored under another name, or renamed, names the
	// database it was written for; what reads cat.Name (the session's
	// user in it, its owner: engine/exec/owner.go) wants this one.
	c.Name = db.name
	db.resolveLegacyOwner(c) // owner.go
	db.publishCatalog(c)     // dboptions.go
	return nil
}

func (db *Database) loadIdentities() error {
	it, err := db.store.NewIterator(catalog.ObjectIdentity, nil, nil, false, storage.Latest)
	if err != nil {
		return err
	}
	defer it.Close()
	db.identMu.Lock()
	defer db.identMu.Unlock()
	for it.Next() {
		if len(it.Key()) == 4 && len(it.Value()) == 8 {
			db.identity[int32(binary.BigEndian.Uint32(it.Key()))] = int64(binary.BigEndian.Uint64(it.Value()))
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	// Heap row ids continue after the largest stored one.
	cat := db.Catalog()
	if cat == nil {
		return nil
	}
	for _, t := range cat.Tables {
		rs := t.RowStore()
		if !rs.IsHeap() {
			continue
		}
		rit, err := db.store.NewIterator(rs.StoreID, nil, nil, true, storage.Latest)
		if err != nil {
			return err
		}
		if rit.Next() && len(rit.Key()) == 8 {
			if v := int64(binary.BigEndian.Uint64(rit.Key())); v > db.identity[-t.ID] {
				db.identity[-t.ID] = v
			}
		}
		rit.Close()
	}
	return nil
}

// ID implements exec.Database.
func (db *Database) ID() int32 { return db.id }

// Name implements exec.Database.
func (db *Database) Name() string { return db.name }

// Catalog implements exec.Database.
func (db *Database) Catalog() *catalog.Database { return db.cat.Load() }

// Store implements exec.Database.
func (db *Database) Store() storage.Reader { return db.store }

// Log is the database's transaction log.
func (db *Database) Log() *txlog.Log { return db.log }

// State is sys.databases.state_desc.
func (db *Database) State() string { return db.state.Load().(string) }

// SetState changes the database state (RESTORE, mirroring role changes).
func (db *Database) SetState(s string) { db.state.Store(s) }

// isMirrorCopy reports whether db is the mirror side of a mirroring session.
func (db *Database) isMirrorCopy() bool {
	if m, err := db.inst.mirroringImpl(); err == nil {
		if st, ok := m.Status(db.name); ok && st.Role == 2 {
			return true
		}
	}
	return false
}

// CheckAccess implements exec.Database.
func (db *Database) CheckAccess() error {
	if e := db.accessErr.Load(); e != nil {
		return *e
	}
	switch db.State() {
	case StateRestoring:
		if db.isMirrorCopy() {
			return exec.ErrCannotOpenMirror.New(db.name)
		}
		return exec.ErrInRestore.New(db.name)
	case StateOffline:
		// ALTER DATABASE … SET OFFLINE (offline.go) or a failed log
		// (diskfull.go): SQL Server answers 942 for both.
		return errDatabaseOffline(db.name)
	case StateSuspect:
		// Marked while open (a durable commit's apply failed): SQL Server
		// answers 926, as USE of one recovery could not open does.
		return errDatabaseSuspect(db.name)
	case StateRecovering:
		return exec.ErrInRestore.New(db.name)
	}
	return nil
}

// SetMirrorWait installs (or with nil removes) the high-safety commit wait.
// Commit calls it with context.Background(): once appended, a commit waits
// for the mirror whatever happens to the client's request, and f must read
// no values from its context.
func (db *Database) SetMirrorWait(f func(ctx context.Context, lsn txlog.LSN) error) {
	if f == nil {
		db.mirrorWait.Store(nil)
		return
	}
	db.mirrorWait.Store(&f)
}

// NewTxnID returns a transaction id unique in this database's log.
func (db *Database) NewTxnID() uint64 { return db.txnSeq.Add(1) }

// Commit implements exec.Database: the commit pipeline.
//
// Order (design.md "The log is the truth"):
//  1. build log records (before images read under the caller's X locks);
//  2. append them with the commit record;
//  3. wait until the mirror has hardened the commit (high safety; the log is
//     shipped in parallel with the local flush) and until it is durable here
//     (group commit);
//  4. apply the writes to the store at the commit LSN — for a row-only
//     commit, queue them (storage.Badger.ApplyLater): every store read that
//     starts after Commit returns sees them, the ones of the written keys and
//     objects waiting for the write, so the commit is visible as if applied;
//
// and only then does the caller release its locks and answer the client.
//
// Why queue: the store write of a lone commit (badger's writer goroutine and
// back) was ~25 µs on the critical path of every 1-session INSERT/UPDATE
// (docs/benchmarks-txlog.md, 2026-11-26 h3); queued, it runs while the
// response goes out and the client sends its next request.
func (db *Database) Commit(ctx context.Context, w *exec.Writes) error {
	if w.Empty() {
		return nil
	}
	if err := db.ReadOnlyError(); err != nil && !(w.DatabaseOptions && w.Set.Len() == 0 && len(w.Drops) == 0) {
		// A transaction that wrote before SET READ_ONLY (readonly.go); DML
		// and DDL after it fail before they touch a row. A change of the
		// database's options alone (SET READ_WRITE …, dboptions.go) passes.
		return err
	}
	db.transactions.Add(1)
	if w.Catalog != nil {
		db.ddlMu.Lock()
		defer db.ddlMu.Unlock()
	}
	db.commitMu.RLock()
	defer db.commitMu.RUnlock()
	// A database that stopped serving (mirroring: a principal becoming mirror,
	// without quorum, in a manual failover) appends nothing more: mirroring sets
	// the access error before it cuts the log and takes commitMu exclusively
	// (RevertTo), so no commit can append after the cut (engine/revert.go).
	if e := db.accessErr.Load(); e != nil {
		return *e
	}

	batch := w.Set.Batch()
	if err := db.checkSpace(batch); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	// The records are encoded as they are built (txlog.Encoded): boxed in
	// txlog.Record interfaces they were an allocation each.
	recs := txlog.GetEncoded()
	defer recs.Release()
	txlog.Add(recs, txlog.Begin{Txn: w.TxnID})
	size := int64(0)
	db.refreshIdentityCounters(batch)
	// The executor read most single-row writes' before images already, under
	// the X locks the caller still holds (exec/beforehint.go); DDL commits
	// read them all here.
	hints := w.Catalog == nil && len(w.Drops) == 0
	// Each object's change in entries and bytes, for the row counts
	// (rowcounts.go): on the stack for the usual few objects.
	var deltaBuf [8]objDelta
	deltas := deltaBuf[:0]
	for _, op := range batch.Ops() {
		before, found, known := []byte(nil), false, false
		if hints {
			before, found, known = w.BeforeImage(op.ObjectID, op.Key)
		}
		if !known {
			var err error
			if before, found, err = db.store.Get(ctx, op.ObjectID, op.Key, storage.Latest); err != nil {
				return fmt.Errorf("commit: read before image: %w", err)
			}
		}
		switch {
		case op.Delete && found:
			txlog.Add(recs, txlog.Delete{Txn: w.TxnID, Object: op.ObjectID, Key: op.Key, Before: before})
			deltas = addDelta(deltas, op.ObjectID, -1, -int64(len(op.Key)+len(before)))
		case op.Delete:
			continue
		case found:
			txlog.Add(recs, txlog.Update{Txn: w.TxnID, Object: op.ObjectID, Key: op.Key, Before: before, After: op.Value})
			deltas = addDelta(deltas, op.ObjectID, 0, int64(len(op.Value)-len(before)))
		default:
			txlog.Add(recs, txlog.Insert{Txn: w.TxnID, Object: op.ObjectID, Key: op.Key, After: op.Value})
			deltas = addDelta(deltas, op.ObjectID, 1, int64(len(op.Key)+len(op.Value)))
		}
		size += int64(len(op.Key) + len(op.Value) + len(before))
	}
	var ddl *ddlPayload
	if w.Catalog != nil {
		enc, err := w.Catalog.Encode()
		if err != nil {
			return fmt.Errorf("commit: encode catalog: %w", err)
		}
		ddl = db.newDDLPayload(enc, w.Drops)
		payload, err := json.Marshal(ddl)
		if err != nil {
			return fmt.Errorf("commit: encode DDL: %w", err)
		}
		txlog.Add(recs, txlog.DDL{Txn: w.TxnID, Payload: payload})
		size += int64(len(payload))
	}
	commit := txlog.Commit{Txn: w.TxnID, Time: time.Now().UTC()}
	if w.Mark != nil {
		commit.Mark, commit.MarkDescription = w.Mark.Name, w.Mark.Description
	}
	txlog.Add(recs, commit)

	lsn, err := db.appendCommit(recs) // readpoint.go
	if err != nil {
		return fmt.Errorf("commit: append log: %w", db.logFailure(err))
	}
	// Read points (readpoint.go) stay below this commit until its writes are
	// applied or queued, or it fails.
	// The row counts take the commit's changes only once its writes are
	// applied (rowcounts.go); a failed commit just leaves the in-flight list.
	var counted []objDelta
	defer func() { db.commits.done(lsn, counted, w.Drops) }()
	// Once appended, the commit runs to completion even if the client goes away:
	// the outcome is decided by the log, not by the session.
	//
	// The mirror receives the log as soon as the flusher has written it, while
	// the local fdatasync runs (§1.5 step 2, txlog/written.go), so the two
	// hardens overlap and the commit needs both: local durability, then (SAFETY
	// FULL) the mirror's hardened ack, usually already there or close behind.
	// WaitDurable comes first because it is what asks the flusher to seal and
	// write the commit's block: nothing would ship before it. Nothing is applied
	// to the store before the log is durable here (the WAL rule).
	// WaitDurable reads nothing of ctx but its Done channel: Background is
	// the same as a WithoutCancel of ctx, without its allocation per commit.
	//
	// Under a mirror wait the log's WaitCommit parks the committer in
	// mirroring's commit parker (mirroring/parker.go) until its block is
	// durable here and the mirror has released it, whichever comes last: one
	// wake-up instead of one for each; the mirror wait below then returns at
	// once. The log still checks its own durable end before it returns.
	// WRITELOG counts the wait up to local durability, not the part a parked
	// commit then spent waiting for the mirror (DBMIRROR_DBM_EVENT's).
	waitStart := time.Now()
	var mirrorPart time.Duration
	if db.mirrorWait.Load() != nil {
		mirrorPart, err = db.log.WaitCommit(lsn)
	} else {
		err = db.log.WaitDurable(context.Background(), lsn)
	}
	db.writeLogWait.add(time.Since(waitStart) - mirrorPart)
	if err != nil {
		return fmt.Errorf("commit: harden log: %w", db.logFailure(err))
	}
	// A failed mirror wait (the database stopped serving, changed roles or
	// left its mirroring session) leaves the outcome unknown to the client
	// (§6.6), but the transaction is committed in this log, which is the
	// truth: a log backup, a restore or the mirror's redo replays it. So it is
	// applied all the same, and the error is returned after. Were it left out
	// of the store, a database that serves on as principal (quorum regained,
	// SET PARTNER OFF) would show data its own log contradicts, and a
	// checkpoint would make that permanent. A principal becoming mirror undoes
	// it again if it lies beyond the failover point (RevertTo waits for this
	// commit: it holds commitMu).
	// The mirror wait, too, reads only its context's Done (it must not end
	// with the client's request), so Background is WithoutCancel(ctx)
	// without an allocation per mirrored commit.
	var waitErr error
	if wait := db.mirrorWait.Load(); wait != nil {
		waitErr = (*wait)(context.Background(), lsn)
	}
	if ddl == nil && batch.Len() > 0 {
		// Row-only commits (nearly all) are queued; the store's applier
		// combines concurrent ones into one write. DDL applies alone and at
		// once (it drops objects first; the store writes the queue before).
		// Under a TDS session the write starts once the session's
		// response is out (DeferredApply).
		err = db.applyRows(ctx, batch, lsn)
	} else {
		err = applyCommitted(db.store, batch, ddl, lsn, db.version(lsn))
	}
	if err != nil {
		// The commit is durable in the log but missing from the store: serving
		// on would show data the log contradicts, and a checkpoint would make
		// it permanent. SUSPECT stops both; a restart's recovery redoes it.
		db.SetState(StateSuspect)
		db.inst.logger.Error("applying a durable commit to the store failed; database marked SUSPECT", "database", db.name, "lsn", lsn, "err", err)
		return fmt.Errorf("commit: apply: %w", err)
	}
	counted = deltas
	if w.Catalog != nil {
		db.publishCatalog(w.Catalog) // dboptions.go
	}
	if w.Mark != nil {
		w.MarkLSN, w.MarkTime = uint64(lsn), commit.Time // marks.go records it in msdb
	}
	// Concurrent commits apply in any order: redone only moves forward.
	for {
		cur := db.redone.Load()
		if uint64(lsn) <= cur || db.redone.CompareAndSwap(cur, uint64(lsn)) {
			break
		}
	}
	if n := db.inst.cfg.CheckpointLogBytes; n > 0 && db.logBytesSinceCheckpoint.Add(size) > n {
		db.inst.requestCheckpoint(db)
	}
	if allow, rcsi := db.ReadVersioning(); allow || rcsi {
		// Versioned reads only: a locking read of an older commit's rows
		// waits for its X locks anyway (readpoint.go).
		db.commits.waitOlder(lsn)
	}
	return waitErr
}

// applyFailed is the store's hook for a queued commit whose write failed
// (storage.Badger.ApplyLater): as when Commit's own apply fails, the database
// is marked SUSPECT; the store fails every read from then on, and a restart's
// recovery redoes the commit from the log.
func (db *Database) applyFailed(err error) {
	db.SetState(StateSuspect)
	db.inst.logger.Error("applying a durable commit to the store failed; database marked SUSPECT", "database", db.name, "err", err)
}

// checkpointLogBytes is how much logged row data triggers an automatic
// checkpoint by default (Config.CheckpointLogBytes), bounding recovery time.
const checkpointLogBytes = 256 << 20

// Checkpoint syncs the store and records a checkpoint so that recovery starts
// from here. It waits for commits in flight to finish applying. First it
// reclaims the storage of dropped objects whose drop is safe (drops.go).
func (db *Database) Checkpoint(ctx context.Context) error {
	if db.State() != StateOnline {
		return nil
	}
	db.reclaimDropsLogged()
	// The statistics modification counters that moved since the last one
	// (exec/stats_persist.go): a restart continues from here. Not the
	// checkpoint's failure if it cannot be written.
	if err := exec.SaveStatisticsCounters(ctx, db); err != nil {
		db.inst.logger.Warn("saving statistics counters failed", "database", db.name, "err", err)
	}
	if err := db.checkpointQuiesced(ctx); err != nil {
		return err
	}
	// Outside commitMu: a mirrored principal's truncation reads the log since
	// the last one (openFrom), which commits need not wait for.
	db.truncateLog()
	return nil
}

// checkpointQuiesced is Checkpoint's part that runs with commits quiesced.
func (db *Database) checkpointQuiesced(ctx context.Context) error {
	db.commitMu.Lock()
	defer db.commitMu.Unlock()
	// Each stage's failure is mapped to SQL Server's error, and sets the
	// database's state, by checkpointFailure (storage_errors.go).
	if err := db.store.Sync(); err != nil {
		return db.checkpointFailure(checkpointStore, fmt.Errorf("checkpoint %s: sync store: %w", db.name, err))
	}
	redoStart := db.log.EndOfLog()
	lsn, err := db.log.Append(txlog.Checkpoint{RedoStart: redoStart})
	if err == nil {
		err = db.log.WaitDurable(ctx, lsn)
	}
	if err != nil {
		return db.checkpointFailure(checkpointLog, fmt.Errorf("checkpoint %s: %w", db.name, err))
	}
	if err := db.log.SetCheckpoint(lsn); err != nil {
		return db.checkpointFailure(checkpointControl, fmt.Errorf("checkpoint %s: %w", db.name, err))
	}
	db.logBytesSinceCheckpoint.Store(0)
	db.lastCheckpoint.Store(time.Now().UnixNano())
	return nil
}

// truncateLog drops log segments nothing needs any more: before the last
// checkpoint, and in FULL recovery also before the end of the last log backup
// and before what the mirror has hardened.
func (db *Database) truncateLog() {
	limit := db.log.CheckpointLSN()
	e := db.inst.Entry(db.name)
	if e == nil || limit == 0 {
		return
	}
	if e.RecoveryModel != "SIMPLE" && e.LogChainStarted() {
		if l := txlog.MakeLSN(e.BackupChainEnd, 0); l < limit {
			limit = l
		}
	}
	if m, err := db.inst.mirroringImpl(); err == nil {
		if st, ok := m.Status(db.name); ok && st.HardenedLSN < limit {
			limit = st.HardenedLSN
			// A failover may fork at the hardened LSN, and RevertTo then
			// undoes every transaction open there from its first record
			// (revert.go): keep those records. The scan reads the log
			// since the last truncation, which a lagging mirror retains
			// anyway.
			open, err := db.openFrom(txlog.MakeLSN(db.log.RetainedFrom(), 0), limit)
			if err != nil {
				db.inst.logger.Warn("log truncation skipped", "database", db.name, "err", err)
				return
			}
			limit = min(limit, open)
		}
	}
	limit, _ = db.logHolds.limit(limit)
	if limit > 0 {
		if err := db.log.TruncateBefore(limit); err != nil {
			db.inst.logger.Warn("log truncation failed", "database", db.name, "err", err)
		}
	}
}

// NextIdentity implements exec.Database.
func (db *Database) NextIdentity(table int32, seed, increment int64) int64 {
	db.identMu.Lock()
	defer db.identMu.Unlock()
	cur, ok := db.identity[table]
	next := seed
	if ok {
		next = cur + increment
	}
	db.identity[table] = next
	return next
}

// refreshIdentityCounters rewrites the identity counters a transaction
// writes (catalog.ObjectIdentity, 4-byte table keys) with the counters'
// values now. A transaction records a table's counter as it was at its
// INSERT, without a lock, so one that inserted first and commits last would
// store a counter behind values others already committed, and after a
// restart hand them out again (2627). The in-memory counter only moves
// forward (identity values are never given back, as in SQL Server), so
// storing it at commit keeps the stored one moving forward too.
func (db *Database) refreshIdentityCounters(b *storage.Batch) {
	ops := b.Ops()
	for i := range ops {
		op := &ops[i]
		if op.ObjectID != catalog.ObjectIdentity || op.Delete || len(op.Key) != 4 || len(op.Value) != 8 {
			continue
		}
		if cur, ok := db.IdentityCurrent(int32(binary.BigEndian.Uint32(op.Key))); ok {
			op.Value = binary.BigEndian.AppendUint64(nil, uint64(cur))
		}
	}
}

// IdentityCurrent implements exec.Database.
func (db *Database) IdentityCurrent(table int32) (int64, bool) {
	db.identMu.Lock()
	defer db.identMu.Unlock()
	v, ok := db.identity[table]
	return v, ok
}

// SeeIdentity implements exec.Database.
func (db *Database) SeeIdentity(table int32, v int64, increment int64) {
	db.identMu.Lock()
	defer db.identMu.Unlock()
	cur, ok := db.identity[table]
	if !ok || (increment >= 0 && v > cur) || (increment < 0 && v < cur) {
		db.identity[table] = v
	}
}

// close closes the database's log and then its store (DROP, RESTORE, SET
// ONLINE's reopen: the store's files and lock are released).
func (db *Database) close() error { return db.closeStore(db.store.Close) }

// closeForExit is close at the instance's shutdown: on a full file system the
// store is left to recovery rather than flushed (storage.Badger.CloseForExit).
func (db *Database) closeForExit() error { return db.closeStore(db.store.CloseForExit) }

// closeStore stops redo, closes the log and then the store with closeStore.
func (db *Database) closeStore(closeStore func() error) error {
	db.redoMu.Lock()
	cancel, done := db.redoCancel, db.redoDone
	db.redoCancel, db.redoDone = nil, nil
	db.redoMu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
	err := db.log.Close()
	if e := closeStore(); err == nil {
		err = e
	}
	return err
}

// bufferPoolBytes is Config.BufferPoolBytes with its default applied
// (storage.Options.CacheBytes: 0 is off).
func (c Config) bufferPoolBytes() int64 {
	switch {
	case c.BufferPoolBytes == 0:
		return storage.DefaultCacheBytes
	case c.BufferPoolBytes < 0:
		return 0
	}
	return c.BufferPoolBytes
}
