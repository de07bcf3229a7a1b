package engine

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sp_cycle_errorlog: what maintenance jobs run nightly so that the error log
// does not grow for ever. As on SQL Server it writes "Attempting to cycle
// error log …" to the current log, which then becomes archive 1 (read with
// sp_readerrorlog 1; six are kept), and the new current log starts with
// "The error log has been reinitialized …". sysadmin only (15247).
//
// sp_helpsrvrolemember [@srvrolename]: the members of the fixed server
// roles (ServerRole, MemberName, MemberSID), ordered by role and member; a
// name that is no fixed server role is 15412.

func cycleErrorLog(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
	if !s.Sysadmin() {
		return 1, errNoPermission() // perm.go
	}
	inst := instanceOf(s)
	inst.logger.Info("Attempting to cycle error log. This is an informational message only; no user action is required.")
	if ring := inst.cfg.ErrorLog; ring != nil {
		ring.Cycle()
		inst.logger.Info("The error log has been reinitialized. See the previous log for older entries.")
	}
	return 0, out.Message(msgDBCCDone)
}

// fixedServerRoles are the roles sp_helpsrvrolemember accepts.
var fixedServerRoles = []string{"sysadmin", "securityadmin", "serveradmin", "setupadmin", "processadmin", "diskadmin", "dbcreator", "bulkadmin"}

func helpSrvRoleMember(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
	role := strings.TrimSpace(exec.ArgString(args, 0, "@srvrolename"))
	where := ""
	if role != "" {
		known := false
		for _, r := range fixedServerRoles {
			known = known || strings.EqualFold(r, role)
		}
		if !known {
			return 1, &exec.Error{Number: 15412, Severity: 11, State: 1, Message: "'" + role + "' is not a known fixed role."}
		}
		where = " AND r.name = N'" + strings.ReplaceAll(role, "'", "''") + "'"
	}
	return 0, s.RunQuery(ctx, out, `SELECT r.name AS ServerRole, m.name AS MemberName, m.sid AS MemberSID
FROM sys.server_role_members AS rm JOIN sys.server_principals AS r ON r.principal_id = rm.role_principal_id
JOIN sys.server_principals AS m ON m.principal_id = rm.member_principal_id
WHERE r.name <> N'public'`+where+` ORDER BY ServerRole, MemberName`)
}

func init() {
	exec.RegisterProc("sp_cycle_errorlog", cycleErrorLog)
	exec.RegisterProc("sp_helpsrvrolemember", helpSrvRoleMember)
}
