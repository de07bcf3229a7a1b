package engine

import (
	"context"
	"strings"
	"sync"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// DBCC SQLPERF: LOGSPACE (or no argument) reports each database's log
// space; DBCC SQLPERF('sys.dm_os_wait_stats', CLEAR) — what wait-stats
// scripts run before measuring an interval — resets sys.dm_os_wait_stats:
// the figures accumulated so far become a baseline the view subtracts (the
// longest single wait restarts at 0). 'sys.dm_os_latch_stats' and
// 'sys.dm_os_spinlock_stats' have nothing to reset and are accepted. Any
// other argument is 2526, as on SQL Server. Like every DBCC SQLPERF it is
// sysadmin's (checkDbcc, perm.go).

// waitBaseline is the figures sys.dm_os_wait_stats subtracts, per wait
// type, since the last CLEAR.
type waitBaseline struct {
	mu   sync.Mutex
	rows map[string]waitRow
}

func (b *waitBaseline) set(rows []waitRow) {
	m := make(map[string]waitRow, len(rows))
	for _, r := range rows {
		m[r.name] = r
	}
	b.mu.Lock()
	b.rows = m
	b.mu.Unlock()
}

// apply subtracts the baseline from rows, in place.
func (b *waitBaseline) apply(rows []waitRow) []waitRow {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.rows == nil {
		return rows
	}
	for i, r := range rows {
		base, ok := b.rows[r.name]
		if !ok {
			continue
		}
		rows[i].count = max(r.count-base.count, 0)
		rows[i].totalMS = max(r.totalMS-base.totalMS, 0)
		rows[i].signalWaitMS = max(r.signalWaitMS-base.signalWaitMS, 0)
		if rows[i].count == 0 || r.maxMS == base.maxMS {
			rows[i].maxMS = 0
		}
	}
	return rows
}

// dbccSQLPerf is DBCC SQLPERF; ok is false for LOGSPACE, which the caller
// reports.
func (inst *Instance) dbccSQLPerf(ctx context.Context, s *exec.Session, st *ast.DbccStmt, out exec.Output) (ok bool, err error) {
	if len(st.Args) == 0 {
		return false, nil
	}
	what, err := dbccNameArg(ctx, s, st.Args[0]) // dbcc_updateusage.go
	if err != nil {
		return true, err
	}
	what = strings.ToLower(strings.TrimSpace(what))
	if what == "logspace" && len(st.Args) == 1 {
		return false, nil
	}
	clear := len(st.Args) == 2
	if clear {
		c, err := dbccNameArg(ctx, s, st.Args[1])
		clear = err == nil && strings.EqualFold(strings.TrimSpace(c), "CLEAR")
	}
	switch {
	case !clear || what != "sys.dm_os_wait_stats" && what != "sys.dm_os_latch_stats" && what != "sys.dm_os_spinlock_stats":
		return true, &exec.Error{Number: 2526, Severity: 16, State: 3, Message: "Incorrect DBCC statement. Check the documentation for the correct DBCC syntax and options."}
	case what == "sys.dm_os_wait_stats":
		inst.waitBase.set(inst.rawWaitStats(s))
	}
	return true, out.Message(msgDBCCDone)
}
