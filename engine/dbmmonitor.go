package engine

import (
	"context"
	_ "embed"
	"fmt"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// The database mirroring monitor (reference §4) keeps its state where SQL
// Server keeps it, in msdb, so that it survives a restart and scripts read
// it directly: msdb.dbo.dbm_monitor_data (a status row per update and
// mirrored database: raw cumulative counters, from which
// sp_dbmmonitorresults computes rates between consecutive rows),
// msdb.dbo.dbm_monitor_alerts (the thresholds) and the SQL Server Agent job
// "Database Mirroring Monitor Job" in msdb.dbo.sysjobs, whose schedule holds
// the update period. There is no Agent service: the instance runs that one
// job itself, every period, while the job exists (monitorLoop).

//go:embed dbm_monitor.sql
var dbmMonitorScript string

const (
	dbmJobName      = "Database Mirroring Monitor Job"      // message 32047
	dbmScheduleName = "Database Mirroring Monitor Schedule" // message 32048
)

// monitor is an instance's running monitor job, if any.
type monitor struct {
	mu      sync.Mutex
	running bool          // a monitorLoop runs
	wake    chan struct{} // tells it to look at the job again (changed or dropped)
}

var monitors sync.Map // *Instance → *monitor

func monitorOf(inst *Instance) *monitor {
	m, _ := monitors.LoadOrStore(inst, &monitor{wake: make(chan struct{}, 1)})
	return m.(*monitor)
}

// ensureMonitorTables makes msdb's monitor tables unless they exist, as
// sp_dbmmonitorupdate's first run does.
func (inst *Instance) ensureMonitorTables(ctx context.Context) error {
	mo := monitorOf(inst)
	mo.mu.Lock()
	defer mo.mu.Unlock()
	return inst.installMsdbScript(ctx, "dbm_monitor.sql", dbmMonitorScript, "dbm_monitor_data") // msdbagent.go
}

// monitorTablesExist reports whether sp_dbmmonitorupdate has made them.
func (inst *Instance) monitorTablesExist() bool {
	msdb := inst.Database("msdb")
	return msdb != nil && msdb.Catalog().Table("dbo", "dbm_monitor_data") != nil
}

// rowsOf is an exec.Output that keeps the rows of the results and the first
// error.
type rowsOf struct {
	errorsOnly
	rows []exec.Row
}

func (o *rowsOf) Row(r exec.Row) error {
	o.rows = append(o.rows, append(exec.Row(nil), r...))
	return nil
}

// queryRows runs text in s and returns the rows of its results.
func queryRows(ctx context.Context, s *exec.Session, text string) ([]exec.Row, error) {
	o := &rowsOf{}
	if err := s.RunQuery(ctx, o, text); err != nil {
		return nil, err
	}
	return o.rows, o.err
}

// execIn runs text in s for its effect and returns its first error.
func execIn(ctx context.Context, s *exec.Session, text string) error {
	o := &errorsOnly{}
	if err := s.RunQuery(ctx, o, text); err != nil {
		return err
	}
	return o.err
}

// monitorPeriod returns the job's update period in minutes, 0 without a job.
func monitorPeriod(ctx context.Context, s *exec.Session) (int, error) {
	rows, err := queryRows(ctx, s, `SELECT TOP (1) sc.freq_subday_interval FROM msdb.dbo.sysjobs j
JOIN msdb.dbo.sysjobschedules js ON js.job_id = j.job_id JOIN msdb.dbo.sysschedules sc ON sc.schedule_id = js.schedule_id
WHERE j.name = N'`+dbmJobName+`'`)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	return int(rows[0][0].Int64()), nil
}

// addMonitorJob makes the job with its schedule, as sp_dbmmonitoraddmonitoring.
func addMonitorJob(ctx context.Context, s *exec.Session, period int64) error {
	return execIn(ctx, s, fmt.Sprintf(`BEGIN TRY
BEGIN TRANSACTION;
EXEC msdb.dbo.sp_add_job @job_name = N'%[1]s', @description = N'%[1]s';
EXEC msdb.dbo.sp_add_jobstep @job_name = N'%[1]s', @step_name = N'%[1]s', @subsystem = N'TSQL', @command = N'EXEC sys.sp_dbmmonitorupdate', @database_name = N'msdb';
EXEC msdb.dbo.sp_add_jobschedule @job_name = N'%[1]s', @name = N'%[2]s', @freq_type = 4, @freq_interval = 1, @freq_subday_type = 4, @freq_subday_interval = %[3]d;
EXEC msdb.dbo.sp_add_jobserver @job_name = N'%[1]s';
COMMIT;
END TRY
BEGIN CATCH
IF @@TRANCOUNT > 0 ROLLBACK;
THROW;
END CATCH`, dbmJobName, dbmScheduleName, period))
}

// startMonitorLoop runs monitorLoop unless it runs already, or wakes it to
// read a changed or dropped job.
func (inst *Instance) startMonitorLoop() {
	mo := monitorOf(inst)
	mo.mu.Lock()
	defer mo.mu.Unlock()
	if mo.running {
		select {
		case mo.wake <- struct{}{}:
		default:
		}
		return
	}
	mo.running = true
	inst.wg.Add(1)
	go inst.monitorLoop(mo)
}

// monitorLoop is SQL Server Agent running the monitor job: every update
// period it runs sp_dbmmonitorupdate for every mirrored database, reading
// the period from the job's schedule each time, and ends when the job is
// gone or the instance stops.
func (inst *Instance) monitorLoop(mo *monitor) {
	defer inst.wg.Done()
	defer func() {
		mo.mu.Lock()
		mo.running = false
		mo.mu.Unlock()
	}()
	ctx := context.Background()
	for {
		var period int
		s, err := inst.NewSession("sa", "msdb", exec.SessionInfo{ConnInfo: exec.ConnInfo{Program: "SQLAgent - " + dbmJobName}})
		if err == nil {
			period, err = monitorPeriod(ctx, s)
			inst.EndSession(s)
		}
		if err != nil || period <= 0 {
			return // no job (dropped, or never added)
		}
		select {
		case <-inst.stop:
			return
		case <-mo.wake:
			continue // the job changed: read its period again
		case <-time.After(time.Duration(period) * time.Minute):
		}
		if s, err := inst.NewSession("sa", "msdb", exec.SessionInfo{ConnInfo: exec.ConnInfo{Program: "SQLAgent - " + dbmJobName}}); err == nil {
			_, _ = inst.monitorUpdate(ctx, s, "") // its events go to the error log; a failed run waits for the next period
			inst.EndSession(s)
		}
	}
}

// monitorUpdate is sp_dbmmonitorupdate in s: a status row for each mirrored
// database (or only the one named), rows older than the retention period
// pruned, and the events of the thresholds the new row passes, already
// written to the error log.
func (inst *Instance) monitorUpdate(ctx context.Context, s *exec.Session, only string) ([]*exec.Error, error) {
	if err := inst.ensureMonitorTables(ctx); err != nil {
		return nil, err
	}
	m, err := inst.mirroringImpl()
	if err != nil {
		return nil, nil // no mirroring in this process: nothing is mirrored
	}
	var raised []*exec.Error
	for _, db := range inst.Databases() {
		if only != "" && !equalFold(only, db.name) {
			continue
		}
		e := inst.Entry(db.name)
		if _, ok := m.Status(db.name); !ok || e == nil {
			continue
		}
		if err := execIn(ctx, s, monitorInsertSQL(e.ID)); err != nil {
			return raised, err
		}
		events, err := monitorAlerts(ctx, s, e.ID)
		if err != nil {
			return raised, err
		}
		for _, ev := range events {
			inst.logger.Info(ev.Message, "error", ev.Number, "severity", ev.Severity, "state", ev.State, "database", db.name)
		}
		raised = append(raised, events...)
	}
	return raised, nil
}

// monitorInsertSQL records database id's status row from the counters
// (sys.dm_os_performance_counters) and sys.database_mirroring, as SQL
// Server's procedure does — unless one was recorded in the last 15 seconds,
// its minimum refresh interval — then prunes the rows older than the
// retention period (alert 5, 168 hours unless set).
func monitorInsertSQL(id int32) string {
	counter := func(name string) string {
		return fmt.Sprintf("(SELECT cntr_value FROM sys.dm_os_performance_counters WHERE counter_name = N'%s' AND instance_name = DB_NAME(%d))", name, id)
	}
	return fmt.Sprintf(`INSERT INTO msdb.dbo.dbm_monitor_data (database_id, role, status, witness_status, log_flush_rate, send_queue_size,
  send_rate, redo_queue_size, redo_rate, transaction_delay, transactions_per_sec, time, end_of_log_lsn, failover_lsn, local_time)
SELECT m.database_id, m.mirroring_role - 1, m.mirroring_state, m.mirroring_witness_state, %s, %s, %s, %s, %s, %s, %s,
  GETUTCDATE(), m.mirroring_end_of_log_lsn, m.mirroring_failover_lsn, GETDATE()
FROM sys.database_mirroring m WHERE m.database_id = %[8]d AND m.mirroring_guid IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM msdb.dbo.dbm_monitor_data r WHERE r.database_id = %[8]d AND r.time > DATEADD(second, -15, GETUTCDATE()));
DELETE FROM msdb.dbo.dbm_monitor_data WHERE database_id = %[9]d
  AND time < DATEADD(hour, -ISNULL((SELECT MAX(retention_period) FROM msdb.dbo.dbm_monitor_alerts WHERE database_id = %[9]d), 168), GETUTCDATE());`,
		counter("Log Bytes Flushed/sec"), counter("Log Send Queue KB"), counter("Log Bytes Sent/sec"), counter("Redo Queue KB"),
		counter("Redo Bytes/sec"), counter("Transaction Delay"), counter("Transactions/sec"), id, id)
}

// monitorResultsSQL is sp_dbmmonitorresults' query for database id: each
// stored row with the rates since the row before it (NULL after a role
// change or when a counter went back, 0 over no time), average_delay the
// delay per transaction, time_behind the time of the newest row whose end
// of log the failover LSN has reached; mode picks the rows (§4.2): 0 the
// last, 1–5 the last 2, 4, 8, 24 or 48 hours, 6–9 the last 100, 500,
// 1,000 or 1,000,000. Oldest first.
func monitorResultsSQL(id int32, mode int64) string {
	top, where := int64(1), "1 = 1"
	if h, ok := map[int64]int{1: 2, 2: 4, 3: 8, 4: 24, 5: 48}[mode]; ok {
		top, where = 1000000, fmt.Sprintf("time > DATEADD(hour, -%d, GETUTCDATE())", h)
	} else if n, ok := map[int64]int64{6: 100, 7: 500, 8: 1000, 9: 1000000}[mode]; ok {
		top = n
	}
	rate := func(col, prev, scale string) string {
		return fmt.Sprintf("CAST(CASE WHEN ms IS NULL OR %[1]s < %[2]s THEN NULL WHEN ms = 0 THEN 0 ELSE (%[1]s - %[2]s) * 1000 %[3]s / ms END AS int)", col, prev, scale)
	}
	return fmt.Sprintf(`SELECT database_name, role, mirroring_state, witness_status, log_generation_rate, unsent_log, send_rate, unrestored_log,
  recovery_rate, transaction_delay, transactions_per_sec, average_delay, time_recorded, time_behind, local_time
FROM (SELECT TOP (%d) CAST(DB_NAME(r.database_id) AS sysname) AS database_name, CAST(r.role AS int) + 1 AS role,
  CAST(r.status AS int) AS mirroring_state, CAST(r.witness_status AS int) AS witness_status,
  %s AS log_generation_rate, CAST(r.send_queue_size AS int) AS unsent_log, %s AS send_rate,
  CAST(r.redo_queue_size AS int) AS unrestored_log, %s AS recovery_rate, %s AS transaction_delay, %s AS transactions_per_sec,
  CAST(CASE WHEN ms IS NULL OR transactions_per_sec < p_txn OR transaction_delay < p_delay THEN NULL WHEN transactions_per_sec = p_txn THEN 0
    ELSE (transaction_delay - p_delay) / (transactions_per_sec - p_txn) END AS int) AS average_delay,
  r.time AS time_recorded,
  CASE WHEN r.failover_lsn IS NULL OR r.failover_lsn = 0 THEN NULL WHEN r.failover_lsn >= r.end_of_log_lsn THEN r.time
    ELSE (SELECT MAX(b.time) FROM msdb.dbo.dbm_monitor_data b WHERE b.database_id = r.database_id AND b.end_of_log_lsn <= r.failover_lsn) END AS time_behind,
  r.local_time
FROM (SELECT l.*, CASE WHEN p_time IS NULL OR p_role <> role THEN NULL ELSE DATEDIFF(millisecond, p_time, time) END AS ms
  FROM (SELECT d.*, LAG(d.time) OVER (ORDER BY d.time) AS p_time, LAG(d.role) OVER (ORDER BY d.time) AS p_role,
      LAG(d.log_flush_rate) OVER (ORDER BY d.time) AS p_flush, LAG(d.send_rate) OVER (ORDER BY d.time) AS p_send,
      LAG(d.redo_rate) OVER (ORDER BY d.time) AS p_redo, LAG(d.transaction_delay) OVER (ORDER BY d.time) AS p_delay,
      LAG(d.transactions_per_sec) OVER (ORDER BY d.time) AS p_txn
    FROM msdb.dbo.dbm_monitor_data d WHERE d.database_id = %d) l) r
WHERE %s ORDER BY r.time DESC) x ORDER BY time_recorded`,
		top, rate("log_flush_rate", "p_flush", "/ 1024"), rate("send_rate", "p_send", "/ 1024"), rate("redo_rate", "p_redo", "/ 1024"),
		rate("transaction_delay", "p_delay", ""), rate("transactions_per_sec", "p_txn", ""), id, where)
}

// alertColumns are dbm_monitor_alerts' threshold and enable columns by
// alert id (5, the retention period, has no enable column).
var alertColumns = map[int64][2]string{1: {"time_behind", "enable_time_behind"}, 2: {"send_queue", "enable_send_queue"},
	3: {"redo_queue", "enable_redo_queue"}, 4: {"average_delay", "enable_average_delay"}, 5: {"retention_period", ""}}

// monitorSettings reads database id's thresholds (alert id → setting; an
// alert without a threshold is absent).
func monitorSettings(ctx context.Context, s *exec.Session, id int32) (map[int]alertSetting, error) {
	rows, err := queryRows(ctx, s, fmt.Sprintf(`SELECT TOP (1) time_behind, enable_time_behind, send_queue, enable_send_queue, redo_queue,
  enable_redo_queue, average_delay, enable_average_delay, retention_period FROM msdb.dbo.dbm_monitor_alerts WHERE database_id = %d`, id))
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	r := rows[0]
	out := map[int]alertSetting{}
	for a := 1; a <= 4; a++ {
		if th := r[2*(a-1)]; !th.IsNull() {
			out[a] = alertSetting{threshold: int(th.Int64()), enabled: !r[2*a-1].IsNull() && r[2*a-1].Int64() != 0}
		}
	}
	if !r[8].IsNull() {
		out[5] = alertSetting{threshold: int(r[8].Int64()), enabled: true}
	}
	return out, nil
}

// monitorAlerts evaluates database id's thresholds against its newest row.
func monitorAlerts(ctx context.Context, s *exec.Session, id int32) ([]*exec.Error, error) {
	settings, err := monitorSettings(ctx, s, id)
	if err != nil || len(settings) == 0 {
		return nil, err
	}
	rows, err := queryRows(ctx, s, monitorResultsSQL(id, 0))
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	r := rows[0]
	var values [5]int64
	if behind := r[13]; !behind.IsNull() {
		values[1] = int64(r[12].Time().Sub(behind.Time()) / time.Minute)
	}
	values[2], values[3], values[4] = r[5].Int64(), r[7].Int64(), r[11].Int64()
	return raisedAlerts(int(r[1].Int64()), values, settings), nil
}
