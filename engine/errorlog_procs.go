package engine

import (
	"context"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/errorlog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sp_readerrorlog [@p1 log, @p2 type, @p3 search, @p4 search] and
// xp_readerrorlog (the same first four arguments): the instance's log since
// it started (log 0; engine/errorlog keeps the newest records), as rows of
// LogDate, ProcessInfo, Text, oldest first. Both search strings, when given,
// must occur in the text (case-insensitive). Logs 1 and up are the ones
// sp_cycle_errorlog archived (errorlog_cycle.go); one not kept is SQL
// Server's error for a missing file. Type 2, the SQL Server
// Agent log, is empty: there is no Agent.
func readErrorLog(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
	arg := func(pos int, name string) string { return exec.ArgString(args, pos, name) }
	inst := instanceOf(s)
	ring := inst.cfg.ErrorLog
	var entries []errorlog.Entry
	if n := arg(0, "@p1"); n != "" && n != "0" {
		num, err := strconv.Atoi(n)
		if err != nil {
			return 1, &exec.Error{Number: 8114, Severity: 16, State: 5, Message: "Error converting data type varchar to int."}
		}
		var ok bool
		if ring != nil {
			entries, ok = ring.Archive(num) // what sp_cycle_errorlog kept (errorlog_cycle.go)
		}
		if !ok {
			return 1, &exec.Error{Number: 22004, Severity: 16, State: 1, Message: "xp_readerrorlog() returned error 2, 'The system cannot find the file specified.'"}
		}
	} else if ring != nil {
		entries = ring.Entries()
	}
	var search []string
	for i, name := range []string{"@p3", "@p4"} {
		if v := arg(2+i, name); v != "" {
			search = append(search, strings.ToLower(v))
		}
	}
	cols := []exec.ResultColumn{rc("LogDate", tDateTime), rc("ProcessInfo", types.NVarCharType(64)), rc("Text", types.NVarCharType(types.MaxLength))}
	var rows []exec.Row
	if arg(1, "@p2") != "2" {
	entries:
		for _, e := range entries {
			low := strings.ToLower(e.Text)
			for _, q := range search {
				if !strings.Contains(low, q) {
					continue entries
				}
			}
			rows = append(rows, exec.Row{dtv(e.Time), nv(processInfo(e.Text)), nv(e.Text)})
		}
	}
	return 0, exec.SendRows(s, out, cols, rows)
}

func init() {
	exec.RegisterProc("sp_readerrorlog", readErrorLog)
	exec.RegisterProc("xp_readerrorlog", readErrorLog)
}

// processInfo is the ProcessInfo column of an error log line: SQL Server
// writes 'Logon' for the lines of a login's success or failure and 'Server'
// for the instance's own messages.
func processInfo(text string) string {
	if strings.HasPrefix(text, "Login failed") || strings.HasPrefix(text, "Login succeeded") {
		return "Logon"
	}
	return "Server"
}
