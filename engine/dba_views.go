package engine

import (
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// Views the First Responder Kit (sp_Blitz, sp_BlitzFirst, sp_BlitzCache,
// sp_BlitzWho) and sp_WhoIsActive read, with SQL Server 2019's columns in
// its order:
//
//   - sys.dm_os_tasks and sys.dm_os_workers: one task, on one worker, per
//     running request (a session's request runs on one goroutine here, never
//     in parallel: exec_context_id 0 only). Scheduler and switch counters are
//     0; task_state is SUSPENDED for a request waiting on a lock, RUNNING
//     otherwise.
//   - sys.dm_exec_procedure_stats, _trigger_stats, _function_stats: no rows.
//     The executor keeps no per-module execution figures (dmv_plans.go says
//     why per-statement accounting stays off the hot path); h5's
//     dm_exec_query_stats work may fill them later.
//   - sys.dm_exec_session_wait_stats: no rows — waits are not accumulated
//     per session; the waits in progress are in sys.dm_os_waiting_tasks.
//   - sys.dm_server_audit_status: no rows, as on a server without SQL
//     Server Audit (there is no CREATE SERVER AUDIT here).

// moduleStatsCols are the columns sys.dm_exec_procedure_stats,
// _trigger_stats and _function_stats share.
func moduleStatsCols() []exec.ViewColumn {
	handle := types.Type{ID: types.VarBinary, Length: 64}
	cols := []exec.ViewColumn{col("database_id", tInt), col("object_id", tInt), col("type", types.Type{ID: types.Char, Length: 2}),
		col("type_desc", tDesc), col("sql_handle", handle), col("plan_handle", handle), col("cached_time", tDateTime),
		col("last_execution_time", tDateTime), col("execution_count", tBigInt)}
	for _, m := range []string{"worker_time", "physical_reads", "logical_writes", "logical_reads", "elapsed_time", "spills",
		"num_physical_reads", "page_server_reads", "num_page_server_reads"} {
		cols = append(cols, col("total_"+m, tBigInt), col("last_"+m, tBigInt), col("min_"+m, tBigInt), col("max_"+m, tBigInt))
	}
	return cols
}

// noRows serves the views that have no rows on this server.
func noRows(*exec.Session, exec.Database) ([]exec.Row, error) { return nil, nil }

func init() {
	exec.RegisterView("sys.dm_exec_procedure_stats", moduleStatsCols(), func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
		return exec.ProcedureStatsRows(s), nil
	})
	exec.RegisterView("sys.dm_exec_trigger_stats", moduleStatsCols(), noRows)
	exec.RegisterView("sys.dm_exec_function_stats", moduleStatsCols(), noRows)
	exec.RegisterView("sys.dm_exec_session_wait_stats", []exec.ViewColumn{col("session_id", tSmallInt), col("wait_type", tDesc),
		col("waiting_tasks_count", tBigInt), col("wait_time_ms", tBigInt), col("max_wait_time_ms", tBigInt),
		col("signal_wait_time_ms", tBigInt)}, noRows)
	exec.RegisterView("sys.dm_server_audit_status", []exec.ViewColumn{col("audit_id", tInt), col("name", tName),
		col("status", tSmallInt), col("status_desc", types.NVarCharType(256)), col("status_time", types.Type{ID: types.DateTime2, Scale: 7}),
		col("event_session_address", types.Type{ID: types.VarBinary, Length: 8}), col("audit_file_path", types.NVarCharType(256)),
		col("audit_file_size", tBigInt)}, noRows)

	exec.RegisterView("dbo.restorehistory", []exec.ViewColumn{col("restore_history_id", tInt), col("restore_date", tDateTime),
		col("destination_database_name", tName), col("user_name", tName), col("backup_set_id", tInt),
		col("restore_type", types.Type{ID: types.Char, Length: 1}), col("replace", tBit), col("recovery", tBit), col("restart", tBit),
		col("stop_at", tDateTime), col("device_count", tTinyInt), col("stop_at_mark_name", tName), col("stop_before", tBit)}, restoreHistoryRows)
	exec.RegisterView("dbo.restorefile", []exec.ViewColumn{col("restore_history_id", tInt), col("file_number", types.DecimalType(10, 0)),
		col("destination_phys_drive", types.NVarCharType(260)), col("destination_phys_name", types.NVarCharType(260))}, restoreFileRows) // restorehistory.go
	exec.RegisterView("dbo.restorefilegroup", []exec.ViewColumn{col("restore_history_id", tInt), col("filegroup_name", tName)}, restoreFilegroupRows)

	addr := types.Type{ID: types.VarBinary, Length: 8}
	exec.RegisterView("sys.dm_os_tasks", []exec.ViewColumn{col("task_address", addr), col("task_state", tDesc),
		col("context_switches_count", tInt), col("pending_io_count", tInt), col("pending_io_byte_count", tBigInt),
		col("pending_io_byte_average", tInt), col("scheduler_id", tInt), col("session_id", tSmallInt), col("exec_context_id", tInt),
		col("request_id", tInt), col("worker_address", addr), col("host_address", addr), col("parent_task_address", addr)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			for _, t := range runningTasks(s) {
				out = append(out, exec.Row{taskAddress(t.spid), nv(t.state), in(0), in(0), types.NewBigInt(0), in(0), in(0),
					types.NewSmallInt(int16(t.spid)), in(0), in(0), workerAddress(t.spid), nullOf(addr), nullOf(addr)})
			}
			return out, nil
		})
	workerCols := []exec.ViewColumn{col("worker_address", addr), col("status", tInt), col("is_preemptive", tBit), col("is_fiber", tBit),
		col("is_sick", tBit), col("is_in_cc_exception", tBit), col("is_fatal_exception", tBit), col("is_inside_catch", tBit),
		col("is_in_polling_io_completion_routine", tBit), col("context_switch_count", tInt), col("pending_io_count", tInt),
		col("pending_io_byte_count", tBigInt), col("pending_io_byte_average", tInt), col("wait_started_ms_ticks", tBigInt),
		col("wait_resumed_ms_ticks", tBigInt), col("task_bound_ms_ticks", tBigInt), col("worker_created_ms_ticks", tBigInt),
		col("exception_num", tInt), col("exception_severity", tInt), col("exception_address", addr), col("affinity", tBigInt),
		col("state", tDesc), col("start_quantum", tBigInt), col("end_quantum", tBigInt), col("last_wait_type", tDesc),
		col("return_code", tInt), col("quantum_used", tBigInt), col("max_quantum", tBigInt), col("boost_count", tInt),
		col("tasks_processed_count", tInt), col("fiber_address", addr), col("task_address", addr), col("memory_object_address", addr),
		col("thread_address", addr), col("signal_worker_address", addr), col("scheduler_address", addr), col("processor_group", tSmallInt),
		col("worker_migration_count", tBigInt)}
	exec.RegisterView("sys.dm_os_workers", workerCols, func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
		started := instanceOf(s).started
		var out []exec.Row
		for _, t := range runningTasks(s) {
			// ms ticks count from the instance's start, as sys.dm_os_sys_info's ms_ticks do (sysinfo.go).
			bound := types.NewBigInt(max(t.start.Sub(started).Milliseconds(), 0))
			state, lastWait := "RUNNING", ""
			waitStarted := types.NewBigInt(0)
			if t.state == "SUSPENDED" {
				state, lastWait, waitStarted = "SUSPENDED", t.waitType, bound
			}
			z, f := types.NewBigInt(0), bt(false)
			out = append(out, exec.Row{workerAddress(t.spid), in(0), f, f, f, f, f, f, f, in(0), in(0), z, in(0), waitStarted,
				bound, bound, bound, in(0), in(0), nullOf(addr), z, nv(state), z, z, nv(lastWait), in(0), z, z, in(0), in(0),
				nullOf(addr), taskAddress(t.spid), nullOf(addr), nullOf(addr), nullOf(addr), nullOf(addr), types.NewSmallInt(0), z})
		}
		return out, nil
	})
}

// task is a running request seen as SQL Server's task on a worker.
type task struct {
	spid            int32
	state, waitType string
	start           time.Time
}

// runningTasks lists one task per running request (the querying session's
// own included, as it is running the query).
func runningTasks(s *exec.Session) []task {
	s.Publish()
	locks := s.Server().Locks().Locks()
	var out []task
	for _, si := range s.Server().SessionList() {
		if !si.Request.Running && si.SPID != s.SPID {
			continue
		}
		t := task{spid: si.SPID, state: "RUNNING", start: si.Request.Start}
		if w, ok := lockWaitOf(locks, si.SPID); ok { // waiting_views.go
			t.state, t.waitType = "SUSPENDED", w.waitType
		}
		out = append(out, t)
	}
	return out
}

// workerAddress stands in for a worker's memory address: unique per
// session, never 0, distinct from its task's (taskAddress).
func workerAddress(spid int32) types.Value {
	return types.NewVarBinary([]byte{0, 0, 0, 0, 0, 2, byte(spid >> 8), byte(spid)})
}
