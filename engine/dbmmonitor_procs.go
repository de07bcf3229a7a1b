package engine

import (
	"context"
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// alertSetting is one warning threshold of a database (reference §4.4).
type alertSetting struct {
	threshold int
	enabled   bool
}

// sysadminOnly is p for sysadmin, 21089 for anyone else: every monitor
// procedure but sp_dbmmonitorresults, which dbm_monitor members may call
// too (reference §4.1), checks it before anything else.
func sysadminOnly(p exec.SystemProc) exec.SystemProc {
	return func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		if !s.Sysadmin() {
			return 1, errMonitorNotSysadmin
		}
		return p(ctx, s, args, out)
	}
}

// dbmMonitorMember reports whether the caller is a member of msdb's
// dbm_monitor role (made by the first sp_dbmmonitorupdate).
func (inst *Instance) dbmMonitorMember(s *exec.Session) bool {
	msdb := inst.Database("msdb")
	if msdb == nil {
		return false
	}
	u := s.DatabaseUser(msdb)
	return u != "" && msdb.Catalog().IsRoleMember("dbm_monitor", u)
}

// The sp_dbmmonitor* procedures (reference §4.2) over msdb's monitor tables
// and job (dbmmonitor.go), with SQL Server's errors (monitor_errors.go).
func registerMonitorProcs() {
	exec.RegisterProc("sp_dbmmonitoraddmonitoring", sysadminOnly(func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		period, ok := exec.ArgInt(args, 0, "@update_period")
		if !ok {
			period = 1
		}
		if period < 1 || period > 120 {
			return 1, errMonitorPeriod(period)
		}
		if p, err := monitorPeriod(ctx, s); err != nil {
			return 1, err
		} else if p != 0 {
			return 1, errMonitorJobExists
		}
		if err := addMonitorJob(ctx, s, period); err != nil {
			return 1, err
		}
		if _, err := inst.monitorUpdate(ctx, s, ""); err != nil {
			return 1, err
		}
		inst.startMonitorLoop()
		return 0, nil
	}))
	exec.RegisterProc("sp_dbmmonitorchangemonitoring", sysadminOnly(func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		if id, _ := exec.ArgInt(args, 0, "@parameter_id"); id != 1 {
			return 1, errMonitorRange // 1, the update period, is the only parameter
		}
		v, _ := exec.ArgInt(args, 1, "@value")
		if v < 1 || v > 120 {
			return 1, errMonitorPeriod(v)
		}
		if p, err := monitorPeriod(ctx, s); err != nil {
			return 1, err
		} else if p == 0 {
			return 1, errMonitorNoJob
		}
		err := execIn(ctx, s, fmt.Sprintf(`UPDATE msdb.dbo.sysschedules SET freq_subday_interval = %d WHERE schedule_id IN
  (SELECT js.schedule_id FROM msdb.dbo.sysjobschedules js JOIN msdb.dbo.sysjobs j ON j.job_id = js.job_id WHERE j.name = N'%s')`, v, dbmJobName))
		if err != nil {
			return 1, err
		}
		instanceOf(s).startMonitorLoop() // reads the new period
		return 0, nil
	}))
	exec.RegisterProc("sp_dbmmonitorhelpmonitoring", sysadminOnly(func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		p, err := monitorPeriod(ctx, s)
		if err != nil {
			return 1, err
		}
		if p == 0 {
			return 1, errMonitorNoJob
		}
		return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("update_period", tInt)}, []exec.Row{{types.NewInt(int32(p))}})
	}))
	exec.RegisterProc("sp_dbmmonitordropmonitoring", sysadminOnly(func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		if p, err := monitorPeriod(ctx, s); err != nil || p == 0 {
			return 0, err
		}
		if err := execIn(ctx, s, "EXEC msdb.dbo.sp_delete_job @job_name = N'"+dbmJobName+"'"); err != nil {
			return 1, err
		}
		instanceOf(s).startMonitorLoop() // wakes it to find the job gone
		return 0, nil
	}))
	exec.RegisterProc("sp_dbmmonitorupdate", sysadminOnly(func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		if !inMsdb(s) {
			return 1, errMonitorNotMsdb("sp_dbmmonitorupdate")
		}
		db := exec.ArgString(args, 0, "@database_name")
		if err := inst.ensureMonitorTables(ctx); err != nil {
			return 1, err
		}
		if db != "" {
			if inst.Database(db) == nil {
				return 1, errNoDatabase(db)
			}
			mirrored := false
			if m, err := inst.mirroringImpl(); err == nil { // none in a process without mirroring
				_, mirrored = m.Status(db)
			}
			if !mirrored {
				return 1, errNotMonitored(db)
			}
		}
		raised, err := inst.monitorUpdate(ctx, s, db)
		for _, e := range raised {
			if err := out.Message(e); err != nil {
				return 1, err
			}
		}
		if err != nil {
			return 1, err
		}
		return 0, nil
	}))
	exec.RegisterProc("sp_dbmmonitorresults", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		if !exec.ArgGiven(args, 0, "@database_name") {
			return 1, &exec.Error{Number: 201, Severity: 16, State: 4, Message: "Procedure or function 'sp_dbmmonitorresults' expects parameter '@database_name', which was not supplied."}
		}
		if !s.Sysadmin() && !inst.dbmMonitorMember(s) {
			return 1, errMonitorNotReader
		}
		if !inMsdb(s) {
			return 1, errMonitorNotMsdb("sp_dbmmonitorresults")
		}
		db := exec.ArgString(args, 0, "@database_name")
		if db == "" {
			return 1, errMonitorNullParam("@database_name")
		}
		e := inst.Entry(db)
		if e == nil {
			return 1, errNoDatabase(db)
		}
		mode, _ := exec.ArgInt(args, 1, "@mode")
		if upd, _ := exec.ArgInt(args, 2, "@update_table"); upd == 1 && s.Sysadmin() {
			// Refreshed first (not within 15 s of the last row, and only by
			// sysadmin: silently not otherwise).
			if _, err := inst.monitorUpdate(ctx, s, db); err != nil {
				return 1, err
			}
		}
		if !inst.monitorTablesExist() {
			return 1, errMonitorNoTables
		}
		return 0, s.RunQuery(ctx, out, monitorResultsSQL(e.ID, mode))
	})
	exec.RegisterProc("sp_dbmmonitorchangealert", sysadminOnly(func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		db := exec.ArgString(args, 0, "@database_name")
		id, _ := exec.ArgInt(args, 1, "@alert_id")
		th, hasTh := exec.ArgInt(args, 2, "@threshold")
		en, ok := exec.ArgInt(args, 3, "@enabled")
		if !ok {
			en = 1
		}
		if isSystemDatabaseName(db) {
			return 1, errMonitorSystemDB
		}
		e := inst.Entry(db)
		if e == nil {
			return 1, errNoDatabase(db)
		}
		cols, known := alertColumns[id]
		if !known {
			return 1, errMonitorRange
		}
		if err := inst.ensureMonitorTables(ctx); err != nil {
			return 1, err
		}
		threshold := "NULL"
		if hasTh {
			threshold = fmt.Sprint(th)
		}
		set := fmt.Sprintf("%s = %s", cols[0], threshold)
		if cols[1] != "" {
			set += fmt.Sprintf(", %s = %d", cols[1], min(max(en, 0), 1))
		}
		err := execIn(ctx, s, fmt.Sprintf(`IF NOT EXISTS (SELECT 1 FROM msdb.dbo.dbm_monitor_alerts WHERE database_id = %[1]d)
  INSERT INTO msdb.dbo.dbm_monitor_alerts (database_id) VALUES (%[1]d);
UPDATE msdb.dbo.dbm_monitor_alerts SET %[2]s WHERE database_id = %[1]d;`, e.ID, set))
		if err != nil {
			return 1, err
		}
		return 0, nil
	}))
	exec.RegisterProc("sp_dbmmonitorhelpalert", sysadminOnly(func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		db := exec.ArgString(args, 0, "@database_name")
		only, has := exec.ArgInt(args, 1, "@alert_id")
		var settings map[int]alertSetting
		if e := inst.Entry(db); e != nil && inst.monitorTablesExist() {
			var err error
			if settings, err = monitorSettings(ctx, s, e.ID); err != nil {
				return 1, err
			}
		}
		var rows []exec.Row
		for id := 1; id <= 5; id++ {
			if has && int64(id) != only {
				continue
			}
			a, ok := settings[id]
			th := types.Null(types.Int)
			if ok {
				th = types.NewInt(int32(a.threshold))
			}
			rows = append(rows, exec.Row{types.NewInt(int32(id)), th, types.NewBit(ok && a.enabled)})
		}
		return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("alert_id", tInt), rc("threshold", tInt), rc("enabled", tBit)}, rows)
	}))
	exec.RegisterProc("sp_dbmmonitordropalert", sysadminOnly(func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		db := exec.ArgString(args, 0, "@database_name")
		id, has := exec.ArgInt(args, 1, "@alert_id")
		e := inst.Entry(db)
		if e == nil || !inst.monitorTablesExist() {
			return 0, nil
		}
		// "Drop" sets the threshold to NULL; without @alert_id, all of them.
		var set string
		for a := int64(1); a <= 5; a++ {
			if cols := alertColumns[a]; !has || a == id {
				if set != "" {
					set += ", "
				}
				set += cols[0] + " = NULL"
				if cols[1] != "" {
					set += ", " + cols[1] + " = NULL"
				}
			}
		}
		if set == "" {
			return 1, errMonitorRange
		}
		if err := execIn(ctx, s, fmt.Sprintf("UPDATE msdb.dbo.dbm_monitor_alerts SET %s WHERE database_id = %d", set, e.ID)); err != nil {
			return 1, err
		}
		return 0, nil
	}))
}
