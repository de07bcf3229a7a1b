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
	txn.ModeIX: "LCK_M_IX", txn.ModeSIX: "LCK_M_SIX", txn.ModeX: "LCK_M_X", txn.ModeSchM: "LCK_M_SCH_M",
}

// requestCommand is the command column: the request's first keyword, as
// SQL Server names the statement kind it runs.
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
	exec.RegisterView("sys.dm_exec_requests", []exec.ViewColumn{col("session_id", tSmallInt), col("request_id", tInt),
		col("start_time", tDateTime), col("status", types.NVarCharType(30)), col("command", types.NVarCharType(32)),
		col("sql_handle", types.Type{ID: types.VarBinary, Length: 64}), col("database_id", tSmallInt), col("blocking_session_id", tSmallInt),
		col("wait_type", tDesc), col("wait_time", tInt), col("last_wait_type", tDesc), col("wait_resource", types.NVarCharType(256)),
		col("open_transaction_count", tInt), col("transaction_isolation_level", tSmallInt), col("cpu_time", tInt),
		col("total_elapsed_time", tInt)},
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
				status, wait, resource := "running", types.Null(types.NVarChar), types.Null(types.NVarChar)
				blocker := int64(0)
				if w, ok := lockWaitOf(locks, si.SPID); ok { // waiting_views.go
					status, wait, resource, blocker = "suspended", nv(w.waitType), nv(w.resource), int64(w.blocker)
				}
				dbID := int64(0)
				if d := inst.Database(si.Database); d != nil {
					dbID = int64(d.id)
				}
				elapsed := now.Sub(r.Start).Milliseconds()
				if r.Start.IsZero() {
					elapsed = 0
				}
				out = append(out, exec.Row{types.NewSmallInt(int16(si.SPID)), in(0), dtv(r.Start), nv(status), nv(requestCommand(r.Text)),
					types.NewVarBinary(exec.SQLHandle(si.SPID, r.ID)), types.NewSmallInt(int16(dbID)), types.NewSmallInt(int16(blocker)),
					wait, in(0), wait, resource, in(int64(si.OpenTrans)), types.NewSmallInt(int16(si.Isolation)), in(0), in(elapsed)})
			}
			return out, nil
		})
}
