package engine

import (
	"context"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Database options set by ALTER DATABASE … SET (the recovery model, user
// access, READ_ONLY, READ_COMMITTED_SNAPSHOT, ALLOW_SNAPSHOT_ISOLATION,
// COMPATIBILITY_LEVEL, AUTO_CLOSE, PAGE_VERIFY …) are kept where SQL Server
// keeps them: in the database (catalog.DatabaseOptions, in its catalog), so
// each change is a logged DDL commit that crash recovery and a mirror's redo
// replay, a backup carries and a revert to a database snapshot puts back.
// TRUSTWORTHY and DB_CHAINING are the instance's and stay in master.
//
// Master's DatabaseEntry keeps a copy (RecoveryModel, UserAccess, Options),
// which sys.databases, DATABASEPROPERTYEX and log truncation read: every
// catalog a database publishes — its own commit, redo (recovery, a mirror,
// RESTORE LOG), a revert — brings the copy and the open database's
// versioning and read-only flags in step (publishCatalog). A catalog written
// before the options moved here has none; such a database is given master's
// at open (migrateOptions) unless it cannot be written then (restoring: a
// mirror takes its principal's), and until then master's are its options.
//
// ALLOW_SNAPSHOT_ISOLATION and READ_COMMITTED_SNAPSHOT change how sessions
// read the database (readpoint.go, exec/snapshot.go); READ_ONLY refuses
// writes (readonly.go); the others are kept and shown only.

// compatibilityLevels are the levels SQL Server 2022 accepts.
var compatibilityLevels = map[string]bool{"100": true, "110": true, "120": true, "130": true, "140": true, "150": true, "160": true}

func (inst *Instance) setDatabaseOption(ctx context.Context, s *exec.Session, e *catalog.DatabaseEntry, o *ast.SetDBOption) error {
	name, value := strings.ToUpper(o.Name), strings.ToUpper(o.Value)
	if name == "COMPATIBILITY_LEVEL" && !compatibilityLevels[value] {
		return &exec.Error{Number: 15048, Severity: 16, State: 1, Message: "Valid values of the database compatibility level are 100, 110, 120, 130, 140, 150, or 160."}
	}
	if catalog.InstanceOption(name) {
		return inst.UpdateServer(func(s *catalog.Server) error {
			if x := s.Database(e.Name); x != nil {
				if x.Options == nil {
					x.Options = map[string]string{}
				}
				x.Options[name] = value
			}
			return nil
		})
	}
	return inst.changeOptions(ctx, s, e, func(opts *catalog.DatabaseOptions) {
		if opts.Set == nil {
			opts.Set = map[string]string{}
		}
		opts.Set[name] = value
	})
}

// changeOptions applies change to database e's options in the statement's
// transaction (exec.Session.AlterDatabaseOptions); they take effect when it
// commits (publishCatalog). It is the one way to change the recovery model,
// the user access or a database-kept option: a write of master's copy alone
// (DatabaseEntry.RecoveryModel, UserAccess, Options) is undone by the next
// publish or open, which copies the database's catalog over it.
func (inst *Instance) changeOptions(ctx context.Context, s *exec.Session, e *catalog.DatabaseEntry, change func(*catalog.DatabaseOptions)) error {
	db := inst.Database(e.Name)
	if db == nil {
		// Not open: recovery failed at start (SUSPECT); only DROP or
		// RESTORE help, as the database's access check says.
		return exec.ErrInRestore.New(e.Name)
	}
	return s.AlterDatabaseOptions(ctx, db, func(cat *catalog.Database) {
		if cat.Options == nil {
			cat.Options = catalog.EntryOptions(e)
		}
		change(cat.Options)
	})
}

// options are db's options: its catalog's, or master's for a catalog that
// records none.
func (db *Database) options() *catalog.DatabaseOptions {
	if c := db.Catalog(); c != nil && c.Options != nil {
		return c.Options
	}
	if e := db.inst.Server().DatabaseByID(db.id); e != nil {
		return catalog.EntryOptions(e)
	}
	return &catalog.DatabaseOptions{}
}

// publishCatalog makes c db's catalog and, when its options differ from the
// previous catalog's, brings the open database and master's copy in step
// (loadOptions).
func (db *Database) publishCatalog(c *catalog.Database) {
	prev := db.cat.Swap(c)
	if prev == nil || c == nil || !c.Options.Equal(prev.Options) {
		db.loadOptions()
	}
}

// loadOptions sets the open database's versioning and read-only flags from
// its options and, if its catalog records them, makes master's entry show
// them. A database in SIMPLE recovery has no log backup chain: switching to
// it breaks the chain, and BACKUP LOG gets 4214 after switching back until
// a full or differential backup (backup.go). A failed write of master's
// copy is logged: the database's catalog is the truth, and the next publish
// or open writes the copy again.
func (db *Database) loadOptions() {
	opts := db.options()
	db.versioning.load(db.name, opts) // readpoint.go
	db.readOnly.Store(opts.On("READ_ONLY", false))
	if c := db.Catalog(); c == nil || c.Options == nil {
		return
	}
	e := db.inst.Server().DatabaseByID(db.id)
	if e == nil {
		return
	}
	breakChain := opts.RecoveryModel == "SIMPLE" && e.LogChainStarted()
	if opts.ShownBy(e) && !breakChain {
		return
	}
	if breakChain {
		db.backupChainStarted.Store(false)
	}
	err := db.inst.UpdateServer(func(s *catalog.Server) error {
		if x := s.DatabaseByID(db.id); x != nil {
			opts.ShowIn(x)
			if breakChain {
				x.BreakLogChain()
			}
		}
		return nil
	})
	if err != nil {
		db.inst.logger.Warn("master's copy of the database options was not updated", "database", db.name, "err", err)
	}
}

// migrateOptions gives a database whose catalog records no options (one
// created before they moved into the database, or a new one) master's, in
// one logged commit, so that from now on they travel with it. Only an
// online database is written: a restoring one (a mirror, a restore in
// progress) takes the principal's or the backup's. A mirrored principal
// is written too (at open, before mirroring resumes: its role is
// mirroring's, not DatabaseEntry.Mirroring, which nothing sets), and its
// mirror redoes the commit when the session resumes, so that both partners
// show the principal's options. Should the principal have lost its role
// while it was down, the commit lies beyond the failover point and is
// undone with the rest when it rejoins as mirror (revert.go).
func (db *Database) migrateOptions(e *catalog.DatabaseEntry) {
	c := db.Catalog()
	if c == nil || c.Options != nil || db.State() != StateOnline || e.SnapshotOf != 0 {
		return
	}
	cat := c.Clone()
	cat.Options = catalog.EntryOptions(e)
	w := &exec.Writes{TxnID: db.NewTxnID(), Set: storage.NewWriteSet(0), Catalog: cat, DatabaseOptions: true}
	if err := db.Commit(context.Background(), w); err != nil {
		db.inst.logger.Warn("the database options were not written into the database; master's stay in use", "database", db.name, "err", err)
	}
}

// databaseOptionOn reports whether option is ON for e (def when never set).
func databaseOptionOn(e *catalog.DatabaseEntry, option string, def bool) bool {
	return catalog.OptionOn(e.Options, option, def)
}

// compatibilityLevel is e's COMPATIBILITY_LEVEL (160, SQL Server 2022's, by default).
func compatibilityLevel(e *catalog.DatabaseEntry) int64 {
	if n, err := strconv.Atoi(e.Options["COMPATIBILITY_LEVEL"]); err == nil {
		return int64(n)
	}
	return 160
}

// pageVerify is e's PAGE_VERIFY option and its code.
func pageVerify(e *catalog.DatabaseEntry) (int64, string) {
	switch e.Options["PAGE_VERIFY"] {
	case "NONE":
		return 0, "NONE"
	case "TORN_PAGE_DETECTION":
		return 1, "TORN_PAGE_DETECTION"
	}
	return 2, "CHECKSUM"
}
