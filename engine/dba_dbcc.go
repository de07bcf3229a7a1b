package engine

import (
	"context"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// dbccDBA serves the DBCC commands sp_Blitz runs to read server and database
// state (handled false: not one of them):
//
//   - DBCC TRACESTATUS [(-1 | flag, …)]: TraceFlag, Status, Global, Session;
//     no trace flag is ever on here (DBCC TRACEON is accepted and does
//     nothing), so no rows.
//   - DBCC DBINFO [(db)] WITH TABLERESULTS: the undocumented boot-page dump
//     as ParentObject, Object, Field, VALUE rows. Only the fields scripts
//     read are listed: dbi_dbname, dbi_crdate, dbi_dbccLastKnownGood (no
//     DBCC CHECKDB result is recorded: 1900-01-01, "never", as SQL Server
//     shows for a database never checked) and dbi_LastLogBackupTime (from
//     the backup history, 1900-01-01 without a log backup).
//
// Both end with message 2528 unless WITH NO_INFOMSGS.
func (inst *Instance) dbccDBA(ctx context.Context, s *exec.Session, st *ast.DbccStmt, out exec.Output) (handled bool, err error) {
	switch strings.ToUpper(st.Command) {
	case "UPDATEUSAGE":
		return true, inst.dbccUpdateUsage(ctx, s, st, out) // dbcc_updateusage.go
	case "TRACESTATUS":
		cols := []exec.ResultColumn{{Name: "TraceFlag", Type: types.TypeInt}, {Name: "Status", Type: types.TypeInt},
			{Name: "Global", Type: types.TypeInt}, {Name: "Session", Type: types.TypeInt}}
		if err := exec.SendRows(s, out, cols, nil); err != nil {
			return true, err
		}
	case "DBINFO":
		if !dbccHasOption(st, "TABLERESULTS") {
			// Without TABLERESULTS SQL Server prints to the error log
			// unless trace flag 3604 is on; here nothing is printed.
			break
		}
		name := s.Database().Name()
		if len(st.Args) > 0 {
			arg, err := s.EvalString(ctx, st.Args[0])
			if err != nil {
				return true, err
			}
			name = arg
		}
		db := inst.Database(name)
		if db == nil {
			return true, &exec.Error{Number: 2520, Severity: 16, State: 1,
				Message: "Could not find database '" + name + "'. The database either does not exist, or was dropped before a statement tried to use it. Verify if the database exists by querying the sys.databases catalog view."}
		}
		created := time.Time{}
		if e := inst.Entry(db.Name()); e != nil {
			created = e.Created
		}
		never := "1900-01-01 00:00:00.000"
		lastLog := never
		if t := inst.lastBackupFinish(db.Name(), "LOG"); !t.IsZero() {
			lastLog = t.Format("2006-01-02 15:04:05.000")
		}
		vc := types.VarCharType(255)
		cols := []exec.ResultColumn{{Name: "ParentObject", Type: vc}, {Name: "Object", Type: vc}, {Name: "Field", Type: vc}, {Name: "VALUE", Type: vc}}
		row := func(field, value string) exec.Row {
			return exec.Row{types.NewVarChar("DBINFO STRUCTURE:"), types.NewVarChar("DBINFO @0x0000000000000000"),
				types.NewVarChar(field), types.NewVarChar(value)}
		}
		rows := []exec.Row{row("dbi_dbname", db.Name()), row("dbi_crdate", created.Format("2006-01-02 15:04:05.000")),
			row("dbi_dbccLastKnownGood", never), row("dbi_LastLogBackupTime", lastLog)}
		if err := exec.SendRows(s, out, cols, rows); err != nil {
			return true, err
		}
	default:
		return false, nil
	}
	if dbccHasOption(st, "NO_INFOMSGS") {
		return true, nil
	}
	return true, out.Message(msgDBCCDone)
}

// lastBackupFinish is when the newest backup of kind ("DATABASE" or "LOG")
// of database name finished, zero without one.
func (inst *Instance) lastBackupFinish(name, kind string) time.Time {
	inst.historyMu.Lock()
	defer inst.historyMu.Unlock()
	var last time.Time
	for _, r := range inst.backupHistory {
		if strings.EqualFold(r.Header.Database, name) && r.Header.Type == kind && r.Header.Finish.After(last) {
			last = r.Header.Finish
		}
	}
	return last
}
