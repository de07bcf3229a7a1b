package engine

import (
	"context"
	"fmt"
	"strings"

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
			rows = append(rows, exec.Row{nv(d.Entry.Name), databaseSizeKB(instanceOf(s).Database(d.Entry.Name)), types.Null(types.VarChar)})
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
			collation, sortOrder := "SQL_Latin1_General_CP1_CI_AS", int64(52)
			if d.Open != nil { // the database's own (ALTER DATABASE … COLLATE); 0 for a Windows collation
				c := exec.DatabaseCollation(d.Open)
				collation = c.Name()
				sortOrder, _ = c.Property("SortId")
			}
			status := fmt.Sprintf("Status=%s, Updateability=%s, UserAccess=%s, Recovery=%s, Version=957, Collation=%s, SQLSortOrder=%d", d.State, updateability, d.Entry.UserAccess, d.Entry.RecoveryModel, collation, sortOrder)
			// created is CONVERT(nvarchar(11), create_date) (style 0, the
			// day space-padded: "Nov  5 2026", "Nov 26 2026").
			// owner is SUSER_SNAME(owner_sid), ~~UNKNOWN~~ when no login
			// here has the SID, as SQL Server's sp_helpdb shows it.
			owner := d.Owner
			if owner == "" {
				owner = "~~UNKNOWN~~"
			}
			rows = append(rows, exec.Row{nv(d.Entry.Name), helpDBSize(instanceOf(s).Database(d.Entry.Name)), nv(owner), types.NewSmallInt(int16(d.Entry.ID)),
				nv(d.Entry.Created.Format("Jan _2 2006")), nv(status), types.NewTinyInt(uint8(compatibilityLevel(d.Entry)))})
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
