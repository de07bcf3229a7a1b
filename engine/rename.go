package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// ALTER DATABASE d MODIFY NAME = e and sp_renamedb 'd', 'e' rename a
// database: its entry in master takes the new name (its files stay where
// they are: a database's directory is named by its id), and the open
// database is closed and opened again under it, so that nothing keeps the
// old name. As in SQL Server the rename needs the database to itself
// (5030 when another session is in it), is refused on a mirrored database
// (957), a system database, a snapshot or a database with snapshots, and
// when the new name is taken (1801). DB_ID, DB_NAME and sys.databases follow
// at once; USE of the old name gets 911.

// errProcInTransaction is 15002: a system procedure whose work is not part of
// a transaction (a ROLLBACK could not undo it) called inside one.
func errProcInTransaction(proc string) *exec.Error {
	return &exec.Error{Number: 15002, Severity: 16, State: 1, Message: "The procedure 'sys." + proc + "' cannot be executed within a transaction."}
}

func init() {
	exec.RegisterProc("sp_renamedb", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		if inst == nil {
			return 1, exec.ErrNotSupported.New("sp_renamedb outside an instance")
		}
		if s.TranCount() > 0 {
			// As SQL Server's own sp_renamedb: the rename is not part of a
			// transaction, so a ROLLBACK could not undo it.
			return 1, errProcInTransaction("sp_renamedb")
		}
		old, name := exec.ArgString(args, 0, "@dbname"), exec.ArgString(args, 1, "@newname")
		e := inst.Entry(old)
		if e == nil {
			return 1, errNoDatabase(old) // monitor_errors.go
		}
		if !inst.mayAlterDatabase(s, e.Name) {
			return 1, &exec.Error{Number: 15247, Severity: 16, State: 1, Message: "User does not have permission to perform this action."}
		}
		if err := inst.renameDatabase(s, e, name, out); err != nil {
			return 1, err
		}
		return 0, nil
	})
}

// renameDatabase renames database e to name for session s.
func (inst *Instance) renameDatabase(s *exec.Session, e *catalog.DatabaseEntry, name string, out exec.Output) error {
	switch {
	case e.System:
		return &exec.Error{Number: 15227, Severity: 16, State: 1, Message: "The database '" + e.Name + "' cannot be renamed."}
	case e.SnapshotOf != 0:
		return errOnSnapshot // snapshot.go
	case inst.mirroringStatus(e.Name) || e.Mirroring != nil:
		return &exec.Error{Number: 957, Severity: 17, State: 1, Message: "Database '" + e.Name + "' is enabled for database mirroring or has joined an availability group. The name of the database cannot be changed."}
	case name == "" || len(name) > 128:
		return errNoDatabase(name)
	}
	if strings.EqualFold(name, e.Name) && name != e.Name {
		// A change of case only: the name is the same to every lookup.
	} else if inst.Entry(name) != nil {
		return exec.ErrDatabaseExists.New(name)
	}
	// Entries (USE, logins, multi-part names) wait while the database is
	// counted and renamed (useraccess.go).
	g := &inst.access
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(inst.sessionsIn(e, s.SPID, nil)) > 0 || len(inst.snapshotsOf(e.ID)) > 0 {
		return &exec.Error{Number: 5030, Severity: 16, State: 2, Message: "The database could not be exclusively locked to perform the operation."}
	}
	old := inst.Database(e.Name)
	if err := inst.UpdateServer(func(srv *catalog.Server) error {
		if x := srv.Database(name); x != nil && x.ID != e.ID {
			return exec.ErrDatabaseExists.New(name)
		}
		if x := srv.DatabaseByID(e.ID); x != nil {
			x.Name = name
		}
		return nil
	}); err != nil {
		return err
	}
	inst.mu.Lock()
	delete(inst.dbs, strings.ToLower(e.Name))
	inst.mu.Unlock()
	if old != nil {
		db, err := inst.reopenDatabase(old, e.ID) // emergency.go
		if err != nil {
			return fmt.Errorf("rename %s: reopen: %w", name, err)
		}
		if s.Database() == exec.Database(old) {
			s.UseDatabase(db)
			_ = out.DatabaseChanged(name, e.Name)
		}
	}
	return out.Message(&exec.Error{Number: 5021, Severity: 10, State: 1, Message: "The database name '" + name + "' has been set."})
}
