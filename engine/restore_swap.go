package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
)

// The RESTORE swap and what a crash leaves of it.
//
// RESTORE DATABASE builds the new copy under a staging name
// (restoreStagingName) in a directory of its own. Once every row is loaded
// and synced, restoreComplete is written into that directory (fsynced, and
// the directory too); then ONE server-catalog write (temp file, fsync, rename:
// writeFileAtomic) removes the replaced copy's entry and gives the staging
// entry the database's name; only then is the replaced copy's directory
// deleted. A crash therefore leaves one of:
//
//   - the old entry and a staging entry: the swap never happened, so the
//     RESTORE was never acknowledged. Roll back: the staging copy goes and the
//     old copy serves as before.
//   - the new entry under the name, and the old directory with no entry:
//     the swap happened. Finish: the directory goes; the new copy is
//     RESTORING until RESTORE … WITH RECOVERY (the RESTORE that crashed was
//     never acknowledged, as after a crash in SQL Server).
//   - a staging entry and no entry of that name: the restore of a database
//     that did not exist was interrupted (or, before this file existed, the
//     old copy was dropped before the new one was named). With restoreComplete
//     the copy is whole: it takes the name, RESTORING (RESTORE … WITH RECOVERY
//     brings it online, or RESTORE LOG continues it). Without it the copy may
//     be partial, but it may also be the only copy there is: it takes the name
//     as SUSPECT, refused to clients, for the DBA to restore again or drop; it
//     is never deleted here.
//
// recoverRestoreSwaps applies these rules when the instance opens, before any
// database is opened.

// restoreComplete is the file that marks a staging copy as fully loaded.
const restoreComplete = "restore-complete"

// Crash points of the swap, for tests (restoreCrash).
const (
	crashBeforeSwap = "before-swap" // complete, not yet published
	crashAfterSwap  = "after-swap"  // published, replaced copy's files not yet deleted
)

// restoreCrash, when set (tests only), is called at each crash point; a test
// process exits there to simulate a crash.
var restoreCrash func(point string)

func restoreCrashPoint(point string) {
	if restoreCrash != nil {
		restoreCrash(point)
	}
}

// markRestoreComplete durably records that the copy in dir is whole.
func markRestoreComplete(dir string) error {
	if err := writeFileAtomic(filepath.Join(dir, restoreComplete), []byte("complete\n")); err != nil {
		return fmt.Errorf("mark restored copy complete: %w", err)
	}
	return nil
}

// publishRestored gives a complete restored database its name and, in the
// same catalog write, removes the entry of the copy it replaces (old, nil when
// the database is new). Afterwards the name resolves to db.
func (inst *Instance) publishRestored(db, old *Database, staging, name string) error {
	err := inst.UpdateServer(func(s *catalog.Server) error {
		var out []*catalog.DatabaseEntry
		var found *catalog.DatabaseEntry
		for _, e := range s.Databases {
			switch {
			case old != nil && e.ID == old.id:
				continue
			case e.ID == db.id:
				found = e
			case strings.EqualFold(e.Name, name):
				return &errDatabaseNameTaken{name}
			}
			out = append(out, e)
		}
		if found == nil {
			return fmt.Errorf("publish restored %s: entry %d not found", name, db.id)
		}
		found.Name = name
		s.Databases = out
		return nil
	})
	if err != nil {
		return err
	}
	inst.mu.Lock()
	delete(inst.dbs, strings.ToLower(staging))
	inst.dbs[strings.ToLower(name)] = db
	inst.mu.Unlock()
	_ = os.Remove(filepath.Join(db.dir, restoreComplete))
	return nil
}

// errDatabaseNameTaken is 1801: another database took the name meanwhile.
type errDatabaseNameTaken struct{ name string }

func (e *errDatabaseNameTaken) Error() string {
	return "Database '" + e.name + "' already exists. Choose a different database name."
}

func (e *errDatabaseNameTaken) SQLServerError() (int32, uint8, uint8) { return 1801, 16, 3 }

// discardReplaced closes the copy a restore replaced (no longer in the
// catalog) and deletes its files. A failure leaves unreferenced files that
// the next start removes.
func (inst *Instance) discardReplaced(old *Database) {
	if err := old.close(); err != nil {
		inst.logger.Warn("close the replaced copy after restore", "database", old.name, "err", err)
	}
	if err := removeDatabaseFiles(old.dir); err != nil {
		inst.logger.Warn("delete the replaced copy after restore", "database", old.name, "dir", old.dir, "err", err)
	}
}

// recoverRestoreSwaps finishes or rolls back the restore swaps a crash
// interrupted (rules above) and deletes database directories no entry uses.
func (inst *Instance) recoverRestoreSwaps() error {
	var drop []string // directories of staging copies rolled back
	prefix := restoreStagingName("")
	interrupted := false
	for _, e := range inst.Server().Databases {
		interrupted = interrupted || strings.HasPrefix(e.Name, prefix)
	}
	if !interrupted {
		inst.removeOrphanDirs()
		return nil
	}
	err := inst.UpdateServer(func(s *catalog.Server) error {
		named := map[string]bool{}
		for _, e := range s.Databases {
			if !strings.HasPrefix(e.Name, prefix) {
				named[strings.ToLower(e.Name)] = true
			}
		}
		var out []*catalog.DatabaseEntry
		for _, e := range s.Databases {
			name, ok := strings.CutPrefix(e.Name, prefix)
			if !ok {
				out = append(out, e)
				continue
			}
			dir := inst.dbDir(e)
			switch _, statErr := os.Stat(filepath.Join(dir, restoreComplete)); {
			case named[strings.ToLower(name)]:
				inst.logger.Warn("an interrupted RESTORE is rolled back: the database keeps its previous copy", "database", name)
				drop = append(drop, dir)
				continue
			case statErr == nil:
				inst.logger.Warn("an interrupted RESTORE is finished: the restored copy takes the name, RESTORING", "database", name)
				e.Name, e.State = name, StateRestoring
			default:
				inst.logger.Error("an interrupted RESTORE left a copy that may be incomplete; it takes the name as SUSPECT: restore the database again or drop it", "database", name)
				e.Name, e.State = name, StateSuspect
			}
			out = append(out, e)
		}
		s.Databases = out
		return nil
	})
	if err != nil {
		return fmt.Errorf("recover interrupted restores: %w", err)
	}
	for _, dir := range drop {
		if err := removeDatabaseFiles(dir); err != nil {
			return fmt.Errorf("recover interrupted restores: %w", err)
		}
	}
	inst.removeOrphanDirs()
	return nil
}

// removeOrphanDirs deletes db<N> directories (those CREATE DATABASE and
// RESTORE make) that no catalog entry uses: the files of a copy replaced or
// dropped just before a crash. Entries are written before their directories
// are made, so an unused one is never a database being created.
func (inst *Instance) removeOrphanDirs() {
	s := inst.Server()
	used := map[string]bool{}
	for _, e := range s.Databases {
		used[e.Dir] = true
	}
	ents, err := os.ReadDir(inst.cfg.DataDir)
	if err != nil {
		return
	}
	for _, d := range ents {
		n, ok := strings.CutPrefix(d.Name(), "db")
		id, err := strconv.ParseInt(n, 10, 32)
		if !ok || err != nil || !d.IsDir() || used[d.Name()] || int32(id) >= s.NextDatabase || n != strconv.FormatInt(id, 10) {
			continue
		}
		dir := filepath.Join(inst.cfg.DataDir, d.Name())
		if err := removeDatabaseFiles(dir); err != nil {
			inst.logger.Warn("delete the files of a dropped database", "dir", dir, "err", err)
			continue
		}
		inst.logger.Info("deleted the files of a database dropped or replaced before a crash", "dir", dir)
	}
}
