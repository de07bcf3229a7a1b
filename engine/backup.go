package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

func hasOption(opts []*ast.Option, name string) bool {
	for _, o := range opts {
		if strings.EqualFold(o.Name, name) {
			return true
		}
	}
	return false
}

func intOption(opts []*ast.Option, name string, def int) int {
	for _, o := range opts {
		if strings.EqualFold(o.Name, name) && o.Value != nil {
			var n int
			if _, err := fmt.Sscan(literalText(o.Value), &n); err == nil {
				return n
			}
		}
	}
	return def
}

func backupDatabaseName(s *exec.Session, e ast.Expr) string {
	switch x := e.(type) {
	case *ast.ColumnRef:
		return x.Name.Last()
	case nil:
		return ""
	}
	name, _ := s.EvalString(context.Background(), e)
	return name
}

func devicePath(s *exec.Session, devs []*ast.Device) (string, error) {
	f, err := deviceFamily(s, devs)
	return f.Path, err
}

// deviceFamily is the media family devs name: its file, and the logical
// device's name when it is one (sys.backup_devices; msdb's
// backupmediafamily shows it).
func deviceFamily(s *exec.Session, devs []*ast.Device) (mediaFamily, error) {
	if len(devs) != 1 || devs[0].Path == nil {
		return mediaFamily{}, exec.ErrNotSupported.New("Backup devices other than one DISK")
	}
	var f mediaFamily
	var err error
	if devs[0].Kind == "" {
		f.Logical, f.Path, err = logicalDevice(s, devs[0]) // backup_devices.go
	} else {
		f.Path, err = s.EvalString(context.Background(), devs[0].Path)
	}
	if err != nil {
		return f, err
	}
	f.Path, err = instanceOf(s).defaultDirPath(f.Path)
	return f, err
}

// errBackupOfMirror is SQL Server's refusal of BACKUP of a mirror copy (ref
// §1.13); 3013 follows it as after every failed BACKUP.
var errBackupOfMirror = &exec.Error{Number: 3059, Severity: 16, State: 1, Message: "This BACKUP or RESTORE command is not supported on a database mirror or secondary replica."}

// backupWhat names st as its 3013 message does.
func backupWhat(st *ast.BackupStmt) string {
	if st.Log {
		return "BACKUP LOG"
	}
	return "BACKUP DATABASE"
}

func (inst *Instance) backup(ctx context.Context, s *exec.Session, st *ast.BackupStmt, out exec.Output) (err error) {
	defer func() { err = terminatingAbnormally(backupWhat(st), err) }()
	name := backupDatabaseName(s, st.Database)
	db := inst.Database(name)
	if e := inst.Entry(name); e != nil && e.SnapshotOf != 0 {
		return errSnapshotBackup
	}
	if db == nil {
		return &exec.Error{Number: 911, Severity: 16, State: 11, Message: "Database '" + name + "' does not exist. Make sure that the name is entered correctly."}
	}
	e := inst.Entry(db.name)
	if db.State() != StateOnline {
		if db.isMirrorCopy() {
			return errBackupOfMirror
		}
		// Any other state refuses as opening the database does: 927 while
		// it restores, 942 offline, 926 suspect.
		if err := db.CheckAccess(); err != nil {
			return err
		}
	}
	if st.Log && hasOption(st.Options, "NORECOVERY") && inst.mirroringStatus(db.name) {
		// The tail-log backup takes the database offline (RESTORING below):
		// on a mirrored principal that leaves a principal nobody can use
		// while mirroring still serves it as one. SQL Server refuses it
		// ("Backup of the principal database is allowed, but BACKUP LOG WITH
		// NORECOVERY is not allowed", Database Mirroring and Backup and
		// Restore), as it refuses the other operations a mirrored database
		// does not allow, with 1468; nothing is written. Only SET PARTNER
		// OFF first makes it a tail-log backup of an ordinary database.
		return errMirroredDatabaseOp(db.name)
	}
	primary, mirrors, err := backupMirrors(s, st) // backup_mirror.go
	if err != nil {
		return err
	}
	family, err := deviceFamily(s, primary)
	if err != nil {
		return err
	}
	path := family.Path
	if strings.EqualFold(db.name, "tempdb") {
		return &exec.Error{Number: 3147, Severity: 16, State: 1, Message: "Backup and restore operations are not allowed on database tempdb."}
	}
	// SQL Server on Linux creates a backup file's missing directories
	// (backup jobs there, Ola Hallengren's included, do not make them);
	// a directory that cannot be made is reported by the open below (3201).
	flags := os.O_CREATE | os.O_WRONLY
	if hasOption(st.Options, "INIT") || hasOption(st.Options, "FORMAT") {
		flags = os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	}
	h := &backupHeader{Version: backupVersion, Database: db.name, DatabaseID: db.id, RecoveryModel: e.RecoveryModel,
		ServerName: inst.cfg.ServerName, FamilyGUID: e.FamilyGUID, CopyOnly: hasOption(st.Options, "COPY_ONLY"),
		Checksum: backupDefault(st.Options, "CHECKSUM", inst.runConfig("backup checksum default")), Start: time.Now().UTC(),
		Name: optionText(st.Options, "NAME"), MirrorCount: len(mirrors) + 1}
	if h.FamilyGUID == "" {
		h.FamilyGUID = uuid.NewString()
	}
	if h.Expires, err = backupExpiry(ctx, s, st.Options, h.Start); err != nil { // backup_expiry.go
		return err
	}
	inst.describeBackup(s, st, db, e, h) // backup_headeronly.go
	files := fileSettings(e)
	h.Files = []string{files[0].Name, files[1].Name}
	for _, f := range db.files() { // files.go: the data directory layout
		h.Physical = append(h.Physical, f.physical)
	}
	media, err := openMedia(st, h, path, inst.runConfig("backup compression default")) // backup_media.go
	if err != nil {
		return err
	}
	codec, err := inst.backupCodec(st, h, media.position > 1)
	if err != nil {
		return err
	}
	started, appendFrom := time.Now(), mirrorAppendFrom(path, flags) // backup_mirror.go
	var w written
	if st.Log {
		if e.RecoveryModel == "SIMPLE" {
			return &exec.Error{Number: 4208, Severity: 16, State: 1, Message: "The statement BACKUP LOG is not allowed while the recovery model is SIMPLE. Use BACKUP DATABASE or change the recovery model using ALTER DATABASE."}
		}
		if !e.LogChainStarted() {
			return &exec.Error{Number: 4214, Severity: 16, State: 1, Message: "BACKUP LOG cannot be performed because there is no current database backup."}
		}
		h.Type = "LOG"
		h.BeginsLogChain = !h.CopyOnly && !e.LogBackedUp
		if h.ForceOffline && (inst.databaseInUse(db.name, s.SPID) || strings.EqualFold(s.Database().Name(), db.name)) {
			return &exec.Error{Number: 3101, Severity: 16, State: 1, Message: "Exclusive access could not be obtained because the database is in use."}
		}
		w, err = inst.backupLog(ctx, db, e, h, path, flags, codec)
	} else {
		h.Type = "DATABASE"
		if h.Differential = hasOption(st.Options, "DIFFERENTIAL"); h.Differential && !inst.hasDifferentialBase(db.name) {
			return &exec.Error{Number: 3035, Severity: 16, State: 1, Message: "Cannot perform a differential backup for database \"" + db.name + "\", because a current database backup does not exist. Perform a full database backup by reissuing BACKUP DATABASE, omitting the WITH DIFFERENTIAL option."}
		}
		w, err = inst.backupDatabase(ctx, db, h, path, flags, codec)
	}
	if err != nil {
		return err
	}
	if err := writeMirrors(path, mirrors, appendFrom); err != nil {
		return err
	}
	if chain, family := backupChainChange(e, h); chain || family {
		started := false
		if err := inst.UpdateServer(func(srv *catalog.Server) error {
			if x := srv.Database(db.name); x != nil {
				if chain {
					// The first log backup of a chain begins it
					// (HEADERONLY's BeginsLogChain); a full or
					// differential backup that starts the chain again
					// makes the next one the first.
					switch {
					case h.Type == "LOG":
						x.LogBackedUp = true
					case !x.LogChainStarted():
						x.LogBackedUp = false
					}
					x.StartLogChain(h.LastOffset)
				}
				if family {
					x.FamilyGUID = h.FamilyGUID
				}
				started = x.LogChainStarted()
			}
			return nil
		}); err != nil {
			return err
		}
		db.backupChainStarted.Store(started)
		db.truncateLog()
	}
	inst.recordBackup(ctx, h, w.file, append([]mediaFamily{family}, mirrors...))
	if h.ForceOffline {
		// A tail-log backup WITH NORECOVERY leaves the database RESTORING
		// (backup_headeronly.go's IsForceOffline): the restore sequence
		// that follows needs no REPLACE (3159 is for a tail not backed up),
		// and RESTORE … WITH RECOVERY brings it back as it was.
		db.SetState(StateRestoring)
		if err := inst.setEntryState(db.name, StateRestoring); err != nil {
			return err
		}
	}
	processed := []processedFile{{h.Files[0], w.rows}, {h.Files[1], w.log}}
	what := backupWhat(st)
	switch {
	case st.Log:
		processed = processed[1:]
	case h.Differential:
		what += " WITH DIFFERENTIAL"
	}
	if err := sendStats(out, st.Options); err != nil { // backup_media.go
		return err
	}
	return sendProcessed(out, what, db.name, media.position, processed, time.Since(started))
}

// written is what a BACKUP wrote: the file's bytes, and the row and log
// entries' (the data and log files' pages of its messages).
type written struct{ file, rows, log int64 }

// backupChainChange says what backup h of database e does to the log
// backup chain, as in SQL Server: a log backup moves its end, a full backup
// in FULL or BULK_LOGGED starts it again (one in SIMPLE does not: the log it
// would continue is truncated), and a differential backup starts a chain
// that broke (SIMPLE and back); COPY_ONLY backups leave it alone. family
// reports that a full backup names the backup family.
func backupChainChange(e *catalog.DatabaseEntry, h *backupHeader) (chain, family bool) {
	switch {
	case h.CopyOnly:
		return false, false
	case h.Type == "LOG":
		return true, true
	case h.Differential:
		return e.RecoveryModel != "SIMPLE" && !e.LogChainStarted(), false
	}
	return e.RecoveryModel != "SIMPLE", true
}

// backupDatabase writes a full backup: every row as of a consistent LSN, and
// the point where the log continues, so a restored copy (a future mirror) holds
// the same LSNs as this database from there on.
//
// The log it carries: SQL Server's full backup copies data pages while work
// goes on and so carries the log from the oldest active transaction (or the
// checkpoint it starts with) to the end of the copy, what makes the copy
// consistent. Ours is a snapshot at one LSN, and a transaction's records are
// appended together at its commit (Database.Commit), so no transaction is
// half-logged at that LSN and the rows need no log to be consistent. What it
// carries, as SQL Server's, is the active log from the checkpoint BACKUP
// starts with to that LSN — normally one block (the checkpoint record and the
// commits that slipped in before the snapshot) — so FirstLSN ≤ CheckpointLSN
// < LastLSN as on SQL Server, and its 4035 line for the log file counts
// real pages. RESTORE verifies it and does not redo it: the rows already hold
// those commits, and the restored log starts where this one continues.
func (inst *Instance) backupDatabase(ctx context.Context, db *Database, h *backupHeader, path string, flags int, codec *frameCodec) (written, error) {
	if err := db.Checkpoint(ctx); err != nil {
		return written{}, err
	}
	if err := db.log.Flush(ctx); err != nil {
		return written{}, err
	}
	// Quiesce commits for an instant: every commit below end is applied. The
	// pin is taken inside: outside, later commits could move the applied LSN
	// past asOf and housekeeping the discard point with it (ErrSnapshotTooOld).
	db.commitMu.Lock()
	end := db.log.EndOfLog()
	cat := db.Catalog()
	asOf := db.version(end) - 1
	release, err := db.store.Pin(asOf)
	h.Through = time.Now().UTC() // every commit stamped up to now is below end
	db.commitMu.Unlock()
	if err != nil {
		return written{}, err
	}
	defer release()
	// Hold the whole log while the checkpoint LSN is read (a checkpoint
	// running now could truncate past it), then only from the carried part.
	whole := db.logHolds.hold(0)
	cp := db.log.CheckpointLSN()
	first := min(cp.BlockOffset(), end.BlockOffset())
	if cp == 0 {
		first = end.BlockOffset()
	}
	defer db.logHolds.hold(first)()
	whole()
	h.FirstOffset, h.LastOffset, h.CheckpointLSN = first, end.BlockOffset(), uint64(cp)
	f, err := openBackupFile(path, flags) // backup_durable.go
	if err != nil {
		return written{}, err
	}
	defer f.Close()
	bw, err := newBackupWriter(f, h, codec)
	if err != nil {
		return written{}, err
	}
	if err := copyLog(db, bw, first, end.BlockOffset()); err != nil {
		return written{}, err
	}
	objects := []uint32{catalog.ObjectCatalog, catalog.ObjectIdentity}
	for _, t := range cat.Tables {
		for _, ix := range t.Indexes {
			objects = append(objects, ix.StoreID)
		}
	}
	for _, obj := range objects {
		it, err := db.store.NewIterator(obj, nil, nil, false, asOf)
		if err != nil {
			return written{}, err
		}
		for it.Next() {
			bw.row(obj, it.Key(), it.Value())
		}
		err = it.Err()
		it.Close()
		if err != nil {
			return written{}, err
		}
		if err := ctx.Err(); err != nil {
			return written{}, err
		}
	}
	if err := bw.finish(); err != nil {
		return written{}, err
	}
	return written{bw.n, bw.rowBytes, bw.logBytes}, syncBackupFile(f, path)
}

// backupLog writes the log from the end of the previous backup to the durable end.
func (inst *Instance) backupLog(ctx context.Context, db *Database, e *catalog.DatabaseEntry, h *backupHeader, path string, flags int, codec *frameCodec) (written, error) {
	if err := db.log.Flush(ctx); err != nil {
		return written{}, err
	}
	// The log's end and the time it is complete through are read together
	// with no commit in flight (a commit holds commitMu shared from the
	// moment it stamps its time until its record is durable): every commit
	// stamped before Through is below end, every later one above it, so a
	// STOPAT between them is decided by this backup alone (restore_stop.go).
	db.commitMu.Lock()
	start, end := e.BackupChainEnd, db.log.DurableEnd()
	h.Through = time.Now().UTC()
	db.commitMu.Unlock()
	if start < db.log.RetainedFrom() {
		return written{}, &exec.Error{Number: 4214, Severity: 16, State: 1, Message: "BACKUP LOG cannot be performed because there is no current database backup."}
	}
	h.FirstOffset, h.LastOffset, h.CheckpointLSN = start, end, uint64(db.log.CheckpointLSN())
	f, err := openBackupFile(path, flags) // backup_durable.go
	if err != nil {
		return written{}, err
	}
	defer f.Close()
	bw, err := newBackupWriter(f, h, codec)
	if err != nil {
		return written{}, err
	}
	if err := copyLog(db, bw, start, end); err != nil {
		return written{}, err
	}
	if err := bw.finish(); err != nil {
		return written{}, err
	}
	return written{bw.n, bw.rowBytes, bw.logBytes}, syncBackupFile(f, path)
}

// copyLog writes db's log blocks from offset start up to end into bw.
func copyLog(db *Database, bw *backupWriter, start, end uint64) error {
	if start >= end {
		return nil
	}
	r, err := db.log.NewReader(txlog.MakeLSN(start, 0))
	if err != nil {
		return err
	}
	for r.Position() < end {
		b, ok, err := r.TryNext()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if b.Offset < start {
			continue
		}
		bw.log(b.Raw)
	}
	return nil
}

// backupDeviceError is 3201 for a backup file BACKUP cannot write (state
// 1) or RESTORE cannot read (readSetsError: state 2), with the operating
// system error as SQL Server words it, on Linux too (osErrorText).
func backupDeviceError(path string, err error) error {
	return deviceError(path, err, 1)
}

func deviceError(path string, err error, state uint8) error {
	return &exec.Error{Number: 3201, Severity: 16, State: state, Message: fmt.Sprintf("Cannot open backup device '%s'. Operating system error %s.", path, osErrorText(path, err))}
}

// readSetsError is RESTORE's error for a media file whose sets cannot be
// read: 3169 when a newer release wrote a set (its version names the
// "server version", this release's newest set version the other), 3241 when
// its contents are damaged, 3201 when it cannot be opened.
func readSetsError(path string, err error) error {
	var newer *backupNewerError
	if errors.As(err, &newer) {
		return &exec.Error{Number: 3169, Severity: 16, State: 1, Message: fmt.Sprintf("The database was backed up on a server running version %d. That version is incompatible with this server, which is running version %d. Either restore the database on a server that supports the backup, or use a backup that is compatible with this server.", newer.version, backupVersionFramed)}
	}
	if errors.Is(err, errBackupCorrupt) {
		return &exec.Error{Number: 3241, Severity: 16, State: 0, Message: "The media family on device '" + path + "' is incorrectly formed. SQL Server cannot process this media family."}
	}
	return deviceError(path, err, 2)
}

// restore runs RESTORE DATABASE/LOG and the *ONLY forms.
func (inst *Instance) restore(ctx context.Context, s *exec.Session, st *ast.RestoreStmt, out exec.Output) (err error) {
	defer func() { err = terminatingAbnormally(restoreWhat[st.Kind], err) }()
	if len(st.Devices) == 1 && st.Devices[0].Kind == "DATABASE_SNAPSHOT" && st.Kind == ast.RestoreDatabase {
		snap, err := s.EvalString(ctx, st.Devices[0].Path)
		if err != nil {
			return err
		}
		return inst.revertToSnapshot(ctx, s, backupDatabaseName(s, st.Database), snap) // snapshot_revert.go
	}
	var path string
	if len(st.Devices) > 0 {
		p, err := devicePath(s, st.Devices)
		if err != nil {
			return err
		}
		path = p
	}
	switch st.Kind {
	case ast.RestoreHeaderOnly, ast.RestoreFileListOnly, ast.RestoreVerifyOnly, ast.RestoreLabelOnly:
		return inst.restoreInfo(s, st, path, out)
	}
	name := backupDatabaseName(s, st.Database)
	recovery := !hasOption(st.Options, "NORECOVERY") && !hasOption(st.Options, "STANDBY")
	stop, err := restoreStopPoint(ctx, s, st.Options) // restore_stop.go
	if err != nil {
		return err
	}
	e := inst.Entry(name)
	if e != nil && e.SnapshotOf != 0 {
		return errSnapshotBackup
	}
	if path == "" {
		// RESTORE DATABASE x WITH RECOVERY: bring a restoring database online.
		db := inst.Database(name)
		if db == nil {
			return &exec.Error{Number: 3201, Severity: 16, State: 2, Message: "Database '" + name + "' does not exist."}
		}
		if db.State() != StateRestoring {
			return &exec.Error{Number: 3148, Severity: 16, State: 1, Message: "This RESTORE statement is invalid in the current context. The 'Recover Data Only' option is only defined for secondary filegroups when the database is in an online state. When the database is in an offline state filegroup names cannot be specified."}
		}
		if inst.mirroringStatus(name) {
			return errRestoreMirrored(name)
		}
		// A former mirror keeps the access error mirroring left on it (927);
		// recovery makes it an ordinary database again.
		db.SetAccessError(nil)
		started := time.Now()
		if err := inst.endRestoreSequence(name); err != nil { // restore_stop.go
			return err
		}
		if err := db.BecomePrincipal(ctx); err != nil {
			return err
		}
		// SQL Server ends it with 3014 for no pages, as "Remove Database
		// Mirroring" and log-shipping scripts show; it used to print nothing.
		return sendProcessed(out, "RESTORE DATABASE", name, 1, nil, time.Since(started))
	}
	// Recovery (above) leaves the data as the snapshots saw it; a restore
	// from a backup would not.
	if e != nil && len(inst.snapshotsOf(e.ID)) > 0 {
		return errHasSnapshots
	}
	sets, err := readBackupSets(path, inst.backupKeys)
	if err != nil {
		return readSetsError(path, err)
	}
	if err := checkMediaName(st.Options, &sets[0].header, path); err != nil {
		return err
	}
	fileNo := intOption(st.Options, "FILE", 1)
	if fileNo < 1 || fileNo > len(sets) {
		return &exec.Error{Number: 3206, Severity: 16, State: 1, Message: fmt.Sprintf("No entry in sysdevices for backup device '%s'. Update sysdevices and rerun statement.", path)}
	}
	set := sets[fileNo-1]
	if set.locked != nil {
		return set.locked
	}
	if name == "" {
		name = set.header.Database
	}
	started := time.Now()
	rowBytes, logBytes := countRead(set)
	var notice *exec.Error // 4322 / 4329: the stop point lies beyond this backup
	if st.Kind == ast.RestoreLog {
		if set.header.Type != "LOG" {
			// A full backup's set (the mirroring page's "RESTORE LOG …
			// WITH FILE=1" of a file holding the full backup, then the
			// log): SQL Server names the file and what made the set.
			return &exec.Error{Number: 3135, Severity: 16, State: 2, Message: "The backup set in file '" + path + "' was created by BACKUP " + set.header.Type + " and cannot be used for this restore operation."}
		}
		// A mirror in a session takes its log from the principal only: log
		// restored beside the stream would fork it from the principal's.
		if inst.mirroringStatus(name) {
			return errRestoreMirrored(name)
		}
		if notice, err = inst.restoreLog(ctx, name, set, recovery, stop); err != nil {
			return err
		}
	} else {
		to, err := resolveMoves(s, st.Moves, &set.header) // restore_move.go
		if err != nil {
			return err
		}
		if set.header.Type != "DATABASE" {
			return &exec.Error{Number: 3135, Severity: 16, State: 2, Message: "The backup set in file '" + path + "' was created by BACKUP LOG and cannot be used for this restore operation."}
		}
		if notice, err = checkDatabaseStop(stop, &set.header); err != nil { // restore_stop.go
			return err
		}
		if err := inst.restoreDatabase(ctx, s, name, set, to, recovery && notice == nil, hasOption(st.Options, "REPLACE")); err != nil {
			return err
		}
	}
	if notice != nil {
		if err := out.Message(notice); err != nil {
			return err
		}
	}
	inst.recordRestore(ctx, restoreRecord{Database: name, User: s.OriginalLogin(), Replace: hasOption(st.Options, "REPLACE"),
		Recovery: recovery && notice == nil}, &set.header, stop) // restorehistory.go
	dataFile, logFile := set.header.logicalFiles()
	if err := sendStats(out, st.Options); err != nil {
		return err
	}
	return sendProcessed(out, restoreWhat[st.Kind], name, fileNo, []processedFile{{dataFile, *rowBytes}, {logFile, logBytes}}, time.Since(started))
}

// countRead makes set count the row entries' bytes as a restore reads them,
// and returns the count and its log entries' bytes (RESTORE's 4035 messages).
func countRead(set *backupSet) (rowBytes *int64, logBytes int64) {
	rowBytes = new(int64)
	rows := set.rows
	set.rows = func(fn func(obj uint32, key, val []byte) error) error {
		return rows(func(obj uint32, key, val []byte) error {
			*rowBytes += rowEntrySize(key, val)
			return fn(obj, key, val)
		})
	}
	for _, raw := range set.logs {
		logBytes += logEntrySize(raw)
	}
	return rowBytes, logBytes
}

// restoreWhat names each kind of RESTORE in its 3013 message.
var restoreWhat = map[ast.RestoreKind]string{ast.RestoreDatabase: "RESTORE DATABASE", ast.RestoreLog: "RESTORE LOG",
	ast.RestoreHeaderOnly: "RESTORE HEADERONLY", ast.RestoreFileListOnly: "RESTORE FILELIST",
	ast.RestoreVerifyOnly: "VERIFY DATABASE", ast.RestoreLabelOnly: "RESTORE LABELONLY"}

// terminatingAbnormally ends a failed BACKUP or RESTORE as SQL Server does:
// the cause, then 3013 "<what> is terminating abnormally." (the last error,
// so it is the one ERROR_NUMBER() and most clients report). Errors without a
// SQL Server number, and cancellations, are returned as they are.
func terminatingAbnormally(what string, err error) error {
	var se interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if err == nil || what == "" || !errors.As(err, &se) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if n, _, _ := se.SQLServerError(); n == 3013 {
		return err
	}
	prior := []error{err}
	var plan *restorePlanError // restore_move.go: each problem, then 3119
	if errors.As(err, &plan) {
		prior = append(append([]error(nil), plan.causes...), plan)
	}
	return exec.ChainErrors(prior, &exec.Error{Number: 3013, Severity: 16, State: 1, Message: what + " is terminating abnormally."})
}

// errRestoreMirrored is 3104: RESTORE of a database in a mirroring session.
func errRestoreMirrored(name string) *exec.Error {
	return &exec.Error{Number: 3104, Severity: 16, State: 1, Message: "RESTORE cannot operate on database '" + name + "' because it is configured for database mirroring or has joined an availability group. If you intend to restore the database, use ALTER DATABASE to remove mirroring or to remove the database from its availability group."}
}

func (inst *Instance) restoreDatabase(ctx context.Context, s *exec.Session, name string, set *backupSet, moveTo [2]string, recovery, replace bool) error {
	restorer := inst.loginSID(s) // owner.go
	var old *Database
	if e := inst.Entry(name); e != nil {
		if e.System {
			return &exec.Error{Number: 3108, Severity: 16, State: 1, Message: "To restore the master database, the server must be running in single-user mode."}
		}
		if inst.mirroringStatus(name) {
			return errRestoreMirrored(name)
		}
		if !strings.EqualFold(set.header.Database, name) && !replace {
			return &exec.Error{Number: 3154, Severity: 16, State: 4, Message: "The backup set holds a backup of a database other than the existing '" + name + "' database."}
		}
		if e.State == StateOnline && !replace && e.RecoveryModel != "SIMPLE" && e.LogChainStarted() {
			return &exec.Error{Number: 3159, Severity: 16, State: 1, Message: "The tail of the log for the database \"" + name + "\" has not been backed up. Use BACKUP LOG WITH NORECOVERY to back up the log if it contains work you do not want to lose. Use the WITH REPLACE or WITH STOPAT clause of the RESTORE statement to just overwrite the contents of the log."}
		}
		if inst.databaseInUse(name, s.SPID) || strings.EqualFold(s.Database().Name(), name) {
			return &exec.Error{Number: 3101, Severity: 16, State: 1, Message: "Exclusive access could not be obtained because the database is in use."}
		}
		// Exclusive access for the restore: the database being replaced
		// refuses new users meanwhile, and serves again if the restore fails.
		if old = inst.Database(name); old != nil {
			prev := old.State()
			old.SetState(StateRestoring)
			defer func() {
				if old != nil {
					old.SetState(prev)
				}
			}()
		}
	}
	// The new copy is built under a staging name and replaces an existing
	// database only once it is complete: a restore that fails midway (a file
	// that passes its checksum but cannot be loaded, a full disk) leaves the
	// previous copy as it was, and the half-built one is dropped.
	plan, err := inst.planMoves(moveTo, &set.header, name, old, replace) // restore_move.go
	if err != nil {
		return err
	}
	staging := restoreStagingName(name)
	db, err := inst.createRestoredDatabase(name, staging, set.header, plan)
	if err != nil {
		return err
	}
	// Rows are loaded at the version just below the first LSN the log continues
	// with, so every later redo (restored log, mirroring) writes newer versions.
	version := txlog.MakeLSN(set.header.LastOffset, 0) - 1
	if version == 0 {
		version = 1
	}
	// A backup lists each object's rows in key order: bulk-load them (no
	// memtables, no compactions; storage.Badger.Load).
	err = db.store.Load(version, func(put func(obj uint32, key, val []byte) error) error {
		return set.rows(put)
	})
	if err == nil {
		err = db.store.Sync()
	}
	if err == nil {
		err = db.loadCatalog()
	}
	if err == nil {
		err = db.loadIdentities()
	}
	if err == nil {
		err = markRestoreComplete(db.dir)
	}
	if err == nil {
		restoreCrashPoint(crashBeforeSwap)
		// One catalog write drops the replaced copy and names the new one
		// (restore_swap.go): a crash leaves either of them, never neither.
		err = inst.publishRestored(db, old, staging, name)
	}
	if err != nil {
		_ = inst.DropDatabase(staging)
		return fmt.Errorf("restore %s: %w", name, err)
	}
	if old != nil {
		restoreCrashPoint(crashAfterSwap)
		inst.discardReplaced(old)
		old = nil
	}
	db.redone.Store(uint64(version))
	if err := inst.UpdateServer(func(srv *catalog.Server) error {
		if x := srv.Database(name); x != nil {
			x.FamilyGUID, x.RecoveryModel = set.header.FamilyGUID, set.header.RecoveryModel
			// sys.databases.owner_sid is the restoring login's, as in SQL
			// Server; dbo's SID in the database is the backup's (owner.go).
			x.OwnerSID = restorer
			// The chain is broken again by loadOptions when the backup's
			// database is SIMPLE; a point-in-time restore starts from the
			// backup's end (restore_stop.go).
			x.StartLogChain(set.header.LastOffset)
			x.RolledForwardTo, x.RestoreStopped = set.header.finished(), false
		}
		return nil
	}); err != nil {
		return err
	}
	// The backup's catalog holds the database's options (dboptions.go);
	// the header's recovery model stands only for a catalog without them.
	db.loadOptions()
	if recovery {
		return db.BecomePrincipal(ctx)
	}
	db.startRedo()
	return nil
}

// restoreStagingName is the server-catalog name a database being restored
// has until it is complete and published ('#' cannot start a user database
// name). A copy left under this name by a crash is dealt with at the next
// start (recoverRestoreSwaps).
func restoreStagingName(name string) string { return "#restoring#" + name }

// createRestoredDatabase makes an empty RESTORING database whose log starts
// where the backup's log continues, registered under staging (see
// publishRestored); the Database itself is already called name.
func (inst *Instance) createRestoredDatabase(name, staging string, h backupHeader, plan [2]*fileMove) (*Database, error) {
	var entry *catalog.DatabaseEntry
	err := inst.UpdateServer(func(s *catalog.Server) error {
		if s.Database(staging) != nil {
			return fmt.Errorf("restore %s: a restore of this database is already in progress", name)
		}
		id := s.NextDatabase
		s.NextDatabase++
		entry = &catalog.DatabaseEntry{ID: id, Name: staging, Dir: fmt.Sprintf("db%d", id), RecoveryModel: h.RecoveryModel,
			State: StateRestoring, Created: time.Now().UTC(), UserAccess: "MULTI_USER", OwnerSID: catalog.SASID,
			BackupChainEnd: h.LastOffset, LogChain: true, FamilyGUID: h.FamilyGUID}
		// The backed-up database's logical file names, and where MOVE put them.
		entry.Files = movedFiles(name, h.Files, plan) // restore_move.go
		s.Databases = append(s.Databases, entry)
		return nil
	})
	if err != nil {
		return nil, err
	}
	dir := inst.dbDir(entry)
	_ = removeDatabaseFiles(dir)
	if err := placeMovedFiles(dir, entry.ID, plan); err != nil {
		return nil, err
	}
	named := *entry
	named.Name = name
	db, err := openDatabaseAt(inst, &named, dir, inst.logger, h.LastOffset)
	if err != nil {
		return nil, err
	}
	inst.mu.Lock()
	inst.dbs[strings.ToLower(staging)] = db
	inst.mu.Unlock()
	return db, nil
}

func numericLSN(offset uint64) string {
	return txlog.MakeLSN(offset, 1).Numeric().String()
}

// fileHasData reports whether path is a file with something in it (a BACKUP
// without INIT or FORMAT appends to it).
func fileHasData(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Size() > 0
}

// backupDefault is whether BACKUP does what option names: asked for by
// option or refused by NO_option, otherwise the server's sp_configure
// default ("backup compression default", "backup checksum default").
func backupDefault(opts []*ast.Option, option string, def int64) bool {
	switch {
	case hasOption(opts, option):
		return true
	case hasOption(opts, "NO_"+option):
		return false
	}
	return def == 1
}
