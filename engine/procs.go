package engine

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

func rc(name string, t types.Type) exec.ResultColumn {
	return exec.ResultColumn{Name: name, Type: t, Nullable: true}
}

func init() {
	exec.RegisterProc("sp_who", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		var rows []exec.Row
		s.Publish() // this session's own row shows its state now
		locks := s.Server().Locks().Locks()
		for _, si := range s.Server().SessionList() {
			w := whoStateOf(si, locks, s.SPID)
			blk := "  0"
			if w.blocker != 0 {
				blk = fmt.Sprintf("%-5d", w.blocker)
			}
			rows = append(rows, exec.Row{types.NewSmallInt(int16(si.SPID)), types.NewSmallInt(0), nv(strings.ToLower(w.status)), nv(si.Login),
				nv(si.Host), types.NewVarChar(blk), nv(si.Database), nv(w.command), types.NewInt(0)})
		}
		return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("spid", tSmallInt), rc("ecid", tSmallInt), rc("status", types.NVarCharType(30)),
			rc("loginame", tName), rc("hostname", tName), rc("blk", types.VarCharType(5)), rc("dbname", tName), rc("cmd", types.NVarCharType(16)),
			rc("request_id", tInt)}, rows)
	})
	exec.RegisterProc("sp_who2", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		var rows []exec.Row
		s.Publish() // this session's own row shows its state now
		locks := s.Server().Locks().Locks()
		for _, si := range s.Server().SessionList() {
			w := whoStateOf(si, locks, s.SPID)
			blkBy := "  ."
			if w.blocker != 0 {
				blkBy = fmt.Sprintf("%5d", w.blocker)
			}
			rows = append(rows, exec.Row{types.NewVarChar(fmt.Sprintf("%5d", si.SPID)), nv(w.status), nv(si.Login), nv(si.Host),
				types.NewVarChar(blkBy), nv(si.Database), nv(w.command), types.NewInt(0), types.NewInt(0),
				nv(si.LoginTime.Format("01/02 15:04:05")), nv(si.Program), types.NewVarChar(fmt.Sprintf("%5d", si.SPID)), types.NewInt(0)})
		}
		return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("SPID", types.VarCharType(5)), rc("Status", types.NVarCharType(30)),
			rc("Login", tName), rc("HostName", tName), rc("BlkBy", types.VarCharType(5)), rc("DBName", tName), rc("Command", types.NVarCharType(16)),
			rc("CPUTime", tInt), rc("DiskIO", tInt), rc("LastBatch", types.NVarCharType(20)), rc("ProgramName", tName),
			rc("SPID", types.VarCharType(5)), rc("REQUESTID", tInt)}, rows)
	})
	exec.RegisterProc("sp_databases", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		var rows []exec.Row
		for _, d := range s.Server().DatabaseList() {
			rows = append(rows, exec.Row{nv(d.Entry.Name), types.NewInt(8192), types.Null(types.VarChar)})
		}
		return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("DATABASE_NAME", tName), rc("DATABASE_SIZE", tInt), rc("REMARKS", types.VarCharType(254))}, rows)
	})
	exec.RegisterProc("sp_helpdb", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		want := exec.ArgString(args, 0, "@dbname")
		var rows []exec.Row
		for _, d := range s.Server().DatabaseList() {
			if want != "" && !equalFold(want, d.Entry.Name) {
				continue
			}
			updateability := "READ_WRITE"
			if d.Entry.SnapshotOf != 0 || d.State == "EMERGENCY" || databaseOptionOn(d.Entry, "READ_ONLY", false) {
				updateability = "READ_ONLY"
			}
			status := fmt.Sprintf("Status=%s, Updateability=%s, UserAccess=%s, Recovery=%s, Version=957, Collation=SQL_Latin1_General_CP1_CI_AS, SQLSortOrder=52", d.State, updateability, d.Entry.UserAccess, d.Entry.RecoveryModel)
			// created is CONVERT(nvarchar(11), create_date) (style 0, the
			// day space-padded: "Nov  5 2026", "Nov 26 2026").
			rows = append(rows, exec.Row{nv(d.Entry.Name), nv("    8.00 MB"), nv("sa"), types.NewSmallInt(int16(d.Entry.ID)),
				nv(d.Entry.Created.Format("Jan _2 2006")), nv(status), types.NewTinyInt(160)})
		}
		if want != "" && len(rows) == 0 {
			return 1, errNoDatabase(want) // monitor_errors.go
		}
		if err := exec.SendRows(s, out, []exec.ResultColumn{rc("name", tName), rc("db_size", types.NVarCharType(13)), rc("owner", tName),
			rc("dbid", tSmallInt), rc("created", types.NVarCharType(11)), rc("status", types.NVarCharType(600)), rc("compatibility_level", tTinyInt)}, rows); err != nil {
			return 1, err
		}
		if d := instanceOf(s).Database(want); want != "" && d != nil {
			return 0, helpFileRows(s, d, "", out) // dmv_io.go: the database's files, the second result set
		}
		return 0, nil
	})
	registerMonitorProcs()
}

// whoState is what sp_who and sp_who2 show of a session: sleeping and
// AWAITING COMMAND between requests; RUNNABLE with the request's command
// while one runs (the caller's own included); SUSPENDED with the session
// that holds what it waits for (BlkBy, blk) while it waits for a lock —
// the blocking chain DBAs read there, as sys.dm_exec_requests shows it.
type whoState struct {
	status, command string
	blocker         int32
}

func whoStateOf(si exec.SessionInfo, locks []txn.LockInfo, self int32) whoState {
	if !si.Request.Running && si.SPID != self {
		return whoState{status: "sleeping", command: "AWAITING COMMAND"}
	}
	w := whoState{status: "RUNNABLE", command: runningCommand(si.Request)} // requests.go
	if lw, ok := lockWaitOf(locks, si.SPID); ok {                          // waiting_views.go
		w.status, w.blocker = "SUSPENDED", lw.blocker
	}
	return w
}

func equalFold(a, b string) bool { return len(a) == len(b) && (a == b || lower(a) == lower(b)) }

// monitor is the state of the database mirroring monitor of one instance
// (sp_dbmmonitor*): its status rows and alert thresholds. Rows are kept in
// memory, as many as a day's worth at one-minute updates per database.
type monitor struct {
	mu       sync.Mutex
	period   int // minutes; 0 = monitoring job not added
	rows     []monitorRow
	alerts   map[string]map[int]alertSetting
	stop     chan struct{}
	lastSend map[string]monitorSample
}

type alertSetting struct {
	threshold int
	enabled   bool
}

type monitorSample struct {
	at       time.Time
	sentKB   int64
	redoneKB int64
}

type monitorRow struct {
	db        string
	role      int
	state     int
	witness   int
	logRate   int64
	unsent    int64
	sendRate  int64
	unrestore int64
	redoRate  int64
	txnPerSec int64 // principal's SAFETY FULL commits per second
	avgDelay  int64 // their average mirror wait, ms
	recorded  time.Time
	behind    time.Time
}

var monitors sync.Map // *Instance → *monitor

func monitorOf(inst *Instance) *monitor {
	m, _ := monitors.LoadOrStore(inst, &monitor{alerts: map[string]map[int]alertSetting{}, lastSend: map[string]monitorSample{}})
	return m.(*monitor)
}

// update records one status row per mirrored database (sp_dbmmonitorupdate).
// It returns the threshold events the new rows raise, already written to the
// error log (monitor_alerts.go).
func (mo *monitor) update(inst *Instance, only string) []*exec.Error {
	m, err := inst.mirroringImpl()
	if err != nil {
		return nil
	}
	var raised []*exec.Error
	now := time.Now()
	mo.mu.Lock()
	defer mo.mu.Unlock()
	for _, db := range inst.Databases() {
		if only != "" && !equalFold(only, db.name) {
			continue
		}
		st, ok := m.Status(db.name)
		if !ok {
			continue
		}
		row := monitorRow{db: db.name, role: st.Role, state: st.State, witness: st.WitnessState, unsent: st.SendQueueKB,
			unrestore: st.RedoQueueKB, sendRate: st.SendRateKBps, redoRate: st.RedoRateKBps, recorded: now, behind: now,
			txnPerSec: st.TransactionsPerSec, avgDelay: st.AverageDelayMS}
		if st.SendQueueKB > 0 && st.SendRateKBps > 0 {
			row.behind = now.Add(-time.Duration(st.SendQueueKB/st.SendRateKBps) * time.Second)
		}
		mo.rows = append(mo.rows, row)
		for _, e := range mo.raisedAlerts(db.name, row, st.AverageDelayMS, now) {
			inst.logger.Info(e.Message, "error", e.Number, "severity", e.Severity, "state", e.State, "database", db.name)
			raised = append(raised, e)
		}
	}
	if max := 24 * 60 * 16; len(mo.rows) > max {
		mo.rows = mo.rows[len(mo.rows)-max:]
	}
	return raised
}

func registerMonitorProcs() {
	exec.RegisterProc("sp_dbmmonitoraddmonitoring", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		mo := monitorOf(inst)
		period, ok := exec.ArgInt(args, 0, "@update_period")
		if !ok {
			period = 1
		}
		if period < 1 || period > 120 {
			return 1, errMonitorPeriod(period)
		}
		mo.mu.Lock()
		if mo.period != 0 {
			mo.mu.Unlock()
			return 1, errMonitorJobExists
		}
		mo.stop = make(chan struct{})
		go mo.loop(inst, mo.stop)
		mo.period = int(period)
		mo.mu.Unlock()
		mo.update(inst, "")
		return 0, nil
	})
	exec.RegisterProc("sp_dbmmonitorchangemonitoring", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		mo := monitorOf(instanceOf(s))
		if id, _ := exec.ArgInt(args, 0, "@parameter_id"); id != 1 {
			return 1, errMonitorRange // 1, the update period, is the only parameter
		}
		v, _ := exec.ArgInt(args, 1, "@value")
		if v < 1 || v > 120 {
			return 1, errMonitorPeriod(v)
		}
		mo.mu.Lock()
		defer mo.mu.Unlock()
		if mo.period == 0 {
			return 1, errMonitorNoJob
		}
		mo.period = int(v)
		return 0, nil
	})
	exec.RegisterProc("sp_dbmmonitorhelpmonitoring", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		mo := monitorOf(instanceOf(s))
		mo.mu.Lock()
		p := mo.period
		mo.mu.Unlock()
		if p == 0 {
			return 1, errMonitorNoJob
		}
		return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("update_period", tInt)}, []exec.Row{{types.NewInt(int32(p))}})
	})
	exec.RegisterProc("sp_dbmmonitordropmonitoring", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		mo := monitorOf(instanceOf(s))
		mo.mu.Lock()
		if mo.stop != nil {
			close(mo.stop)
			mo.stop = nil
		}
		mo.period = 0
		mo.mu.Unlock()
		return 0, nil
	})
	exec.RegisterProc("sp_dbmmonitorupdate", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		if !inMsdb(s) {
			return 1, errMonitorNotMsdb("sp_dbmmonitorupdate")
		}
		db := exec.ArgString(args, 0, "@database_name")
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
		for _, e := range monitorOf(inst).update(inst, db) {
			if err := out.Message(e); err != nil {
				return 1, err
			}
		}
		return 0, nil
	})
	exec.RegisterProc("sp_dbmmonitorresults", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		db := exec.ArgString(args, 0, "@database_name")
		if !exec.ArgGiven(args, 0, "@database_name") {
			return 1, &exec.Error{Number: 201, Severity: 16, State: 4, Message: "Procedure or function 'sp_dbmmonitorresults' expects parameter '@database_name', which was not supplied."}
		}
		if !inMsdb(s) {
			return 1, errMonitorNotMsdb("sp_dbmmonitorresults")
		}
		if db == "" {
			return 1, errMonitorNullParam("@database_name")
		}
		mode, _ := exec.ArgInt(args, 1, "@mode")
		if upd, _ := exec.ArgInt(args, 2, "@update_table"); upd == 1 {
			monitorOf(inst).update(inst, db)
		}
		mo := monitorOf(inst)
		mo.mu.Lock()
		var rows []monitorRow
		for _, r := range mo.rows {
			if equalFold(r.db, db) {
				rows = append(rows, r)
			}
		}
		mo.mu.Unlock()
		rows = selectMonitorRows(rows, int(mode))
		var res []exec.Row
		for _, r := range rows {
			res = append(res, exec.Row{nv(r.db), types.NewInt(int32(r.role)), types.NewInt(int32(r.state)), types.NewInt(int32(r.witness)),
				types.NewInt(int32(r.logRate)), types.NewInt(int32(r.unsent)), types.NewInt(int32(r.sendRate)), types.NewInt(int32(r.unrestore)),
				types.NewInt(int32(r.redoRate)), types.NewInt(int32(r.txnPerSec * r.avgDelay)), types.NewInt(int32(r.txnPerSec)), types.NewInt(int32(r.avgDelay)),
				dtv(r.recorded), dtv(r.behind), dtv(r.recorded)})
		}
		return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("database_name", tName), rc("role", tInt), rc("mirroring_state", tInt),
			rc("witness_status", tInt), rc("log_generation_rate", tInt), rc("unsent_log", tInt), rc("send_rate", tInt), rc("unrestored_log", tInt),
			rc("recovery_rate", tInt), rc("transaction_delay", tInt), rc("transactions_per_sec", tInt), rc("average_delay", tInt),
			rc("time_recorded", tDateTime), rc("time_behind", tDateTime), rc("local_time", tDateTime)}, res)
	})
	exec.RegisterProc("sp_dbmmonitorchangealert", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		mo := monitorOf(instanceOf(s))
		db := exec.ArgString(args, 0, "@database_name")
		id, _ := exec.ArgInt(args, 1, "@alert_id")
		th, _ := exec.ArgInt(args, 2, "@threshold")
		en, ok := exec.ArgInt(args, 3, "@enabled")
		if !ok {
			en = 1
		}
		if isSystemDatabaseName(db) {
			return 1, errMonitorSystemDB
		}
		if instanceOf(s).Database(db) == nil {
			return 1, errNoDatabase(db)
		}
		if id < 1 || id > 5 {
			return 1, errMonitorRange
		}
		mo.mu.Lock()
		if mo.alerts[lower(db)] == nil {
			mo.alerts[lower(db)] = map[int]alertSetting{}
		}
		mo.alerts[lower(db)][int(id)] = alertSetting{threshold: int(th), enabled: en != 0}
		mo.mu.Unlock()
		return 0, nil
	})
	exec.RegisterProc("sp_dbmmonitorhelpalert", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		mo := monitorOf(instanceOf(s))
		db := exec.ArgString(args, 0, "@database_name")
		only, has := exec.ArgInt(args, 1, "@alert_id")
		mo.mu.Lock()
		defer mo.mu.Unlock()
		var rows []exec.Row
		for id := 1; id <= 5; id++ {
			if has && int64(id) != only {
				continue
			}
			a, ok := mo.alerts[lower(db)][id]
			th := types.Null(types.Int)
			if ok {
				th = types.NewInt(int32(a.threshold))
			}
			rows = append(rows, exec.Row{types.NewInt(int32(id)), th, types.NewBit(ok && a.enabled)})
		}
		return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("alert_id", tInt), rc("threshold", tInt), rc("enabled", tBit)}, rows)
	})
	exec.RegisterProc("sp_dbmmonitordropalert", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		mo := monitorOf(instanceOf(s))
		db := exec.ArgString(args, 0, "@database_name")
		id, has := exec.ArgInt(args, 1, "@alert_id")
		mo.mu.Lock()
		defer mo.mu.Unlock()
		if !has {
			delete(mo.alerts, lower(db))
		} else if m := mo.alerts[lower(db)]; m != nil {
			delete(m, int(id))
		}
		return 0, nil
	})
}

// selectMonitorRows applies sp_dbmmonitorresults' @mode: 0 last row, 1–5 a
// time window, 6–9 a number of rows.
func selectMonitorRows(rows []monitorRow, mode int) []monitorRow {
	windows := map[int]time.Duration{1: 2 * time.Hour, 2: 4 * time.Hour, 3: 8 * time.Hour, 4: 24 * time.Hour, 5: 48 * time.Hour}
	counts := map[int]int{0: 1, 6: 100, 7: 500, 8: 1000, 9: 1000000}
	if w, ok := windows[mode]; ok {
		cut := time.Now().Add(-w)
		var out []monitorRow
		for _, r := range rows {
			if r.recorded.After(cut) {
				out = append(out, r)
			}
		}
		return out
	}
	n, ok := counts[mode]
	if !ok {
		n = 1
	}
	if len(rows) > n {
		rows = rows[len(rows)-n:]
	}
	return rows
}

func (mo *monitor) loop(inst *Instance, stop chan struct{}) {
	for {
		mo.mu.Lock()
		p := mo.period
		mo.mu.Unlock()
		if p <= 0 {
			p = 1
		}
		select {
		case <-stop:
			return
		case <-inst.stop:
			return
		case <-time.After(time.Duration(p) * time.Minute):
			mo.update(inst, "")
		}
	}
}
