package engine

import (
	"fmt"
	"strconv"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// Who waits for whom, from the lock manager's queue: sys.dm_exec_requests
// (requests.go), sys.dm_os_waiting_tasks and the compatibility view
// sys.sysprocesses — what sp_WhoIsActive, sp_BlitzWho and sp_BlitzFirst read
// to show a blocking chain.

// lockWait is a session's waiting lock request.
type lockWait struct {
	waitType, resource string
	blocker            int32 // a session holding a conflicting grant, 0 if none
}

// waitResource names a waited-for lock as sys.dm_exec_requests.wait_resource
// does: for a key, "KEY: database_id:hobt_id (hash)" with the hobt_id and
// hash sys.dm_tran_locks shows (lockResource, dmv_os.go), so DBAs can
// match the two.
func waitResource(r txn.Resource) string {
	if r.Kind == txn.Key {
		return fmt.Sprintf("KEY: %d:%d %s", exec.LockDatabaseID(r.Database), exec.HobtID(r.Object), lockResource(r))
	}
	return r.String()
}

// lockWaitOf finds spid's waiting request among locks (ok false: not waiting).
func lockWaitOf(locks []txn.LockInfo, spid int32) (lockWait, bool) {
	for _, l := range locks {
		if l.SPID != spid || l.Status == txn.StatusGrant {
			continue
		}
		w := lockWait{waitType: lockWaitTypes[l.Mode], resource: waitResource(l.Resource)}
		for _, h := range locks {
			if h.Resource == l.Resource && h.Status == txn.StatusGrant && h.SPID != spid && !txn.Compatible(h.Mode, l.Mode) {
				w.blocker = h.SPID
				break
			}
		}
		return w, true
	}
	return lockWait{}, false
}

// lastRequest is when the session's last request started and ended
// (sys.dm_exec_sessions.last_request_start_time / _end_time,
// sys.sysprocesses.last_batch). A session that has run none shows its login
// time, as SQL Server does: the columns are never NULL, and sp_BlitzWho
// copies last_batch into a NOT NULL column.
func lastRequest(si exec.SessionInfo) (start, end time.Time) {
	start, end = si.Request.Start, si.Request.End
	if start.IsZero() {
		start = si.LoginTime
	}
	if end.IsZero() {
		end = si.LoginTime
	}
	return start, end
}

// taskAddress stands in for a task's memory address (SQL Server's
// waiting_task_address): unique per session, never 0.
func taskAddress(spid int32) types.Value {
	return types.NewVarBinary([]byte{0, 0, 0, 0, 0, 1, byte(spid >> 8), byte(spid)})
}

func init() {
	addr := types.Type{ID: types.VarBinary, Length: 8}
	exec.RegisterView("sys.dm_os_waiting_tasks", []exec.ViewColumn{col("waiting_task_address", addr), col("session_id", tSmallInt),
		col("exec_context_id", tInt), col("wait_duration_ms", tBigInt), col("wait_type", tDesc), col("resource_address", addr),
		col("blocking_task_address", addr), col("blocking_session_id", tSmallInt), col("blocking_exec_context_id", tInt),
		col("resource_description", types.NVarCharType(3072))},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			locks := s.Server().Locks().Locks()
			now := time.Now()
			var out []exec.Row
			for _, si := range s.Server().SessionList() {
				w, ok := lockWaitOf(locks, si.SPID)
				if !ok {
					continue
				}
				waited := int64(0)
				if !si.Request.Start.IsZero() {
					waited = now.Sub(si.Request.Start).Milliseconds()
				}
				blockAddr, blocker, blockCtx := types.Null(types.VarBinary), types.Null(types.SmallInt), types.Null(types.Int)
				if w.blocker != 0 {
					blockAddr, blocker, blockCtx = taskAddress(w.blocker), types.NewSmallInt(int16(w.blocker)), in(0)
				}
				out = append(out, exec.Row{taskAddress(si.SPID), types.NewSmallInt(int16(si.SPID)), in(0), types.NewBigInt(waited),
					nv(w.waitType), types.Null(types.VarBinary), blockAddr, blocker, blockCtx, nv(w.resource)})
			}
			return out, nil
		})
	// sys.sysprocesses: SQL Server 2000's view of sessions, still read by
	// many scripts (blocked, waittype, open_tran …).
	exec.RegisterView("sys.sysprocesses", []exec.ViewColumn{col("spid", tSmallInt), col("kpid", tSmallInt), col("blocked", tSmallInt),
		col("waittype", types.Type{ID: types.Binary, Length: 2}), col("waittime", tBigInt), col("lastwaittype", ncharType(32)),
		col("waitresource", ncharType(256)), col("dbid", tSmallInt), col("uid", tSmallInt), col("cpu", tInt),
		col("physical_io", tBigInt), col("memusage", tInt), col("login_time", tDateTime), col("last_batch", tDateTime),
		col("ecid", tSmallInt), col("open_tran", tSmallInt), col("status", ncharType(30)),
		col("sid", types.Type{ID: types.Binary, Length: 86}), col("hostname", ncharType(128)),
		col("program_name", ncharType(128)), col("hostprocess", ncharType(10)), col("cmd", ncharType(26)),
		col("nt_domain", ncharType(128)), col("nt_username", ncharType(128)), col("net_address", ncharType(12)),
		col("net_library", ncharType(12)), col("loginame", ncharType(128)),
		col("context_info", types.Type{ID: types.Binary, Length: 128}), col("sql_handle", types.Type{ID: types.Binary, Length: 20}),
		col("stmt_start", tInt), col("stmt_end", tInt), col("request_id", tInt)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			inst := instanceOf(s)
			s.Publish()
			locks := s.Server().Locks().Locks()
			now := time.Now()
			nchar := func(v string, n int) types.Value { return types.NewString(types.NChar, padRight(v, n)) }
			var out []exec.Row
			for _, si := range s.Server().SessionList() {
				blocked, waittime, lastwait, resource := int64(0), int64(0), "", ""
				waittype := []byte{0, 0}
				status := "sleeping"
				if si.Request.Running {
					status = "runnable"
				}
				if w, ok := lockWaitOf(locks, si.SPID); ok {
					blocked, lastwait, resource, status = int64(w.blocker), w.waitType, w.resource, "suspended"
					waittype = []byte{0, 1}
					if !si.Request.Start.IsZero() {
						waittime = now.Sub(si.Request.Start).Milliseconds()
					}
				}
				dbID := int64(0)
				if d := inst.Database(si.Database); d != nil {
					dbID = int64(d.id)
				}
				lastBatch, _ := lastRequest(si)
				cmd, stmtStart, stmtEnd := "AWAITING COMMAND", 0, -1
				if si.Request.Running {
					cmd = runningCommand(si.Request) // requests.go
					stmtStart, stmtEnd, _ = si.Request.StatementRange()
				}
				out = append(out, exec.Row{types.NewSmallInt(int16(si.SPID)), types.NewSmallInt(0), types.NewSmallInt(int16(blocked)),
					types.NewBinaryString(types.Binary, string(waittype)), types.NewBigInt(waittime), nchar(lastwait, 32), nchar(resource, 256),
					types.NewSmallInt(int16(dbID)), types.NewSmallInt(1), in(0), types.NewBigInt(0), in(0), dtv(si.LoginTime), dtv(lastBatch),
					types.NewSmallInt(0), types.NewSmallInt(int16(si.OpenTrans)), nchar(status, 30), types.NewBinaryString(types.Binary, "\x01"),
					nchar(si.Host, 128), nchar(si.Program, 128), nchar(strconv.FormatUint(uint64(si.ClientPID), 10), 10), nchar(cmd, 26), nchar("", 128), nchar("", 128),
					nchar(si.ClientAddr, 12), nchar("TCP/IP", 12), nchar(si.Login, 128), types.NewBinaryString(types.Binary, ""),
					types.NewBinaryString(types.Binary, string(si.Request.SQLHandle(si.SPID))), in(int64(stmtStart)), in(int64(stmtEnd)), in(0)})
			}
			return out, nil
		})
}

// padRight pads s with spaces to n characters, as a nchar(n) value reads.
func padRight(s string, n int) string {
	r := []rune(s)
	if len(r) >= n {
		return string(r[:n])
	}
	for len(r) < n {
		r = append(r, ' ')
	}
	return string(r)
}

// ncharType is nchar(n).
func ncharType(n int) types.Type { return types.Type{ID: types.NChar, Length: n} }

// sys.dm_db_task_space_usage and sys.dm_db_session_space_usage: tempdb
// pages each task and session allocated. Temp tables live in the same
// store as any table here and are not counted per session, so the counts
// are 0; the rows (one per running request, one per session) are there
// for the joins sp_WhoIsActive makes.
func init() {
	spaceCols := func(lead ...exec.ViewColumn) []exec.ViewColumn {
		return append(lead, col("database_id", tSmallInt), col("user_objects_alloc_page_count", tBigInt),
			col("user_objects_dealloc_page_count", tBigInt), col("internal_objects_alloc_page_count", tBigInt),
			col("internal_objects_dealloc_page_count", tBigInt), col("user_objects_deferred_dealloc_page_count", tBigInt))
	}
	zeros := func(r exec.Row) exec.Row {
		z := types.NewBigInt(0)
		return append(r, types.NewSmallInt(2), z, z, z, z, z) // database_id 2: tempdb
	}
	exec.RegisterView("sys.dm_db_task_space_usage", spaceCols(col("session_id", tSmallInt), col("request_id", tInt), col("exec_context_id", tInt)),
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			s.Publish()
			var out []exec.Row
			for _, si := range s.Server().SessionList() {
				if si.Request.Running || si.SPID == s.SPID {
					out = append(out, zeros(exec.Row{types.NewSmallInt(int16(si.SPID)), in(0), in(0)}))
				}
			}
			return out, nil
		})
	exec.RegisterView("sys.dm_db_session_space_usage", spaceCols(col("session_id", tSmallInt)),
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			for _, si := range s.Server().SessionList() {
				out = append(out, zeros(exec.Row{types.NewSmallInt(int16(si.SPID))}))
			}
			return out, nil
		})
}
