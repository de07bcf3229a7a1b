package engine

import (
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// sys.dm_exec_requests: one row per session running a request now (the
// querying session's own included), with what it waits for. A session
// waiting for a lock is "suspended" with wait_type LCK_M_<mode>, the
// resource in wait_resource and, in blocking_session_id, a session holding a
// conflicting grant on it: the blocking chain DBAs read when something hangs.

var lockWaitTypes = map[txn.Mode]string{
	txn.ModeSchS: "LCK_M_SCH_S", txn.ModeIS: "LCK_M_IS", txn.ModeS: "LCK_M_S", txn.ModeU: "LCK_M_U",
	txn.ModeIX: "LCK_M_IX", txn.ModeSIX: "LCK_M_SIX", txn.ModeUIX: "LCK_M_UIX", txn.ModeX: "LCK_M_X", txn.ModeSchM: "LCK_M_SCH_M",
	txn.ModeRangeSS: "LCK_M_RS_S", txn.ModeRangeSU: "LCK_M_RS_U", txn.ModeRangeIN: "LCK_M_RIn_NL",
	txn.ModeRangeIS: "LCK_M_RIn_S", txn.ModeRangeIU: "LCK_M_RIn_U", txn.ModeRangeIX: "LCK_M_RIn_X",
	txn.ModeRangeXS: "LCK_M_RX_S", txn.ModeRangeXU: "LCK_M_RX_U", txn.ModeRangeXX: "LCK_M_RX_X",
}

// runningCommand is the command column of a running request: the kind of
// the statement it runs now (a batch SET NOCOUNT ON; WAITFOR … shows
// WAITFOR while it waits), or of its text before its first statement starts.
func runningCommand(r exec.Request) string {
	if st := r.Statement(); st != "" {
		return requestCommand(st)
	}
	return requestCommand(r.Text)
}

// requestCommand is the kind of the statement text starts with, as SQL
// Server names it: its first keyword.
func requestCommand(text string) string {
	f := strings.Fields(strings.TrimLeft(text, "(; \t\r\n"))
	if len(f) == 0 {
		return "EXECUTE"
	}
	w := strings.ToUpper(strings.Trim(f[0], ";("))
	switch w {
	case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "WAITFOR", "BACKUP", "RESTORE", "DBCC", "CREATE", "ALTER", "DROP", "DECLARE", "SET", "IF", "WHILE", "BEGIN", "COMMIT", "ROLLBACK", "TRUNCATE", "CHECKPOINT":
		return w
	case "WITH":
		return "SELECT"
	case "EXEC", "EXECUTE":
		return "EXECUTE"
	}
	return "EXECUTE"
}

func init() {
	// SQL Server 2022's columns in its order (sp_WhoIsActive compiles
	// against logical_reads, nest_level …); figures the server does not keep
	// (reads, memory grants, the session's SET options) are 0 or a new TDS
	// session's defaults.
	handle := types.Type{ID: types.VarBinary, Length: 64}
	bin8 := types.Type{ID: types.Binary, Length: 8}
	exec.RegisterView("sys.dm_exec_requests", []exec.ViewColumn{col("session_id", tSmallInt), col("request_id", tInt),
		col("start_time", tDateTime), col("status", types.NVarCharType(30)), col("command", types.NVarCharType(32)),
		col("sql_handle", handle), col("statement_start_offset", tInt), col("statement_end_offset", tInt), col("plan_handle", handle),
		col("database_id", tSmallInt), col("user_id", tInt), col("connection_id", tGUID), col("blocking_session_id", tSmallInt),
		col("wait_type", tDesc), col("wait_time", tInt), col("last_wait_type", tDesc), col("wait_resource", types.NVarCharType(256)),
		col("open_transaction_count", tInt), col("open_resultset_count", tInt), col("transaction_id", tBigInt),
		col("context_info", types.Type{ID: types.VarBinary, Length: 128}), col("percent_complete", types.TypeReal),
		col("estimated_completion_time", tBigInt), col("cpu_time", tInt), col("total_elapsed_time", tInt), col("scheduler_id", tInt),
		col("task_address", types.Type{ID: types.VarBinary, Length: 8}), col("reads", tBigInt), col("writes", tBigInt),
		col("logical_reads", tBigInt), col("text_size", tInt), col("language", tName), col("date_format", types.NVarCharType(3)),
		col("date_first", tSmallInt), col("quoted_identifier", tBit), col("arithabort", tBit), col("ansi_null_dflt_on", tBit),
		col("ansi_defaults", tBit), col("ansi_warnings", tBit), col("ansi_padding", tBit), col("ansi_nulls", tBit),
		col("concat_null_yields_null", tBit), col("transaction_isolation_level", tSmallInt), col("lock_timeout", tInt),
		col("deadlock_priority", tInt), col("row_count", tBigInt), col("prev_error", tInt), col("nest_level", tInt),
		col("granted_query_memory", tInt), col("executing_managed_code", tBit), col("group_id", tInt), col("query_hash", bin8),
		col("query_plan_hash", bin8), col("statement_sql_handle", handle), col("statement_context_id", tBigInt), col("dop", tInt),
		col("parallel_worker_count", tInt), col("external_script_request_id", tGUID), col("is_resumable", tBit),
		col("page_resource", bin8), col("page_server_reads", tBigInt), col("dist_statement_id", tGUID)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			inst := instanceOf(s)
			s.Publish()
			locks := s.Server().Locks().Locks()
			now := time.Now()
			var out []exec.Row
			for _, si := range s.Server().SessionList() {
				r := si.Request
				if !r.Running && si.SPID != s.SPID {
					continue
				}
				// wait_type is NULL while the request runs; last_wait_type and
				// wait_resource are NOT NULL (the page says so): the last wait
				// is MISCELLANEOUS until the request has waited on a lock, and
				// the resource is empty.
				status, wait, lastWait, resource := "running", types.Null(types.NVarChar), nv("MISCELLANEOUS"), nv("")
				blocker, waited := int64(0), int64(0)
				if w, ok := lockWaitOf(locks, si.SPID); ok { // waiting_views.go
					status, wait, resource, blocker = "suspended", nv(w.waitType), nv(w.resource), int64(w.blocker)
					lastWait = wait
					if !r.Start.IsZero() { // the wait is taken to start with the request, as in sys.dm_os_waiting_tasks
						waited = min(now.Sub(r.Start).Milliseconds(), 1<<31-1)
					}
				}
				dbID := int64(0)
				if d := inst.Database(si.Database); d != nil {
					dbID = int64(d.id)
				}
				elapsed := now.Sub(r.Start).Milliseconds()
				if r.Start.IsZero() {
					elapsed = 0
				}
				h := types.NewVarBinary(r.SQLHandle(si.SPID))
				zero := types.NewBigInt(0)
				stmtStart, stmtEnd, _ := r.StatementRange()
				start := r.Start
				if start.IsZero() { // start_time is NOT NULL: the querying session's own request has just arrived
					start = now
				}
				row := exec.Row{types.NewSmallInt(int16(si.SPID)), in(0), dtv(start), nv(status), nv(runningCommand(r)),
					h, in(int64(stmtStart)), in(int64(stmtEnd)), h, types.NewSmallInt(int16(dbID)), in(1), nullOf(tGUID), types.NewSmallInt(int16(blocker)),
					wait, in(waited), lastWait, resource, in(int64(si.OpenTrans)), in(1), zero,
					types.NewVarBinary(nil), types.NewReal(0), zero, in(0), in(elapsed), in(0),
					taskAddress(si.SPID), zero, zero, zero, in(2147483647)} // waiting_views.go
				row = append(row, sessionOptionValues(si.Opts)...) // sessions_view.go
				out = append(out, append(row, types.NewSmallInt(int16(si.Isolation)), in(-1),
					in(0), zero, in(0), in(1),
					in(0), bt(false), in(2), nullOf(bin8),
					nullOf(bin8), h, zero, in(1),
					in(0), nullOf(tGUID), bt(false),
					nullOf(bin8), zero, nullOf(tGUID)))
			}
			return out, nil
		})
}
