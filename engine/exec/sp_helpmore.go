package exec

import (
	"context"
	"strconv"
	"strings"
)

// Three more of the system procedures DBA scripts call, which failed with
// 2812 (Could not find stored procedure), written as SQL Server's T-SQL
// procedures are, over the catalog views:
//
//   - sp_helpfilegroup [@filegroupname]: groupname, groupid, filecount;
//     with a name, that filegroup and then its files (file_in_group …
//     usage) with sizes as sp_helpdb writes them ("8192 KB");
//   - sp_helptrigger @tabname [, @triggertype]: the table's DML triggers
//     with flags for their events and kind (15009 for an unknown table,
//     15305 for a type other than INSERT, UPDATE, DELETE);
//   - sp_helpserver [@server]: the servers of sys.servers with their
//     options as a list (status), 15015 for an unknown name.

// sqlQuote is s as an N'…' literal.
func sqlQuote(s string) string { return "N'" + strings.ReplaceAll(s, "'", "''") + "'" }

func (s *Session) spHelpFilegroup(ctx context.Context, args []*ProcArg, out Output) error {
	name := ArgString(args, 0, "@filegroupname")
	where := ""
	if name != "" {
		where = " WHERE fg.name = " + sqlQuote(name)
	}
	text := `SELECT fg.name AS groupname, CONVERT(smallint, fg.data_space_id) AS groupid,
 (SELECT COUNT(*) FROM sys.database_files AS f WHERE f.data_space_id = fg.data_space_id) AS filecount
FROM sys.filegroups AS fg` + where + ` ORDER BY fg.data_space_id;`
	if name != "" {
		text += `
SELECT f.name AS file_in_group, CONVERT(smallint, f.file_id) AS fileid, CONVERT(nchar(260), f.physical_name) AS filename,
 CONVERT(nvarchar(18), CONVERT(nvarchar(15), CONVERT(bigint, f.size) * 8) + N' KB') AS size,
 CONVERT(nvarchar(18), CASE f.max_size WHEN -1 THEN N'Unlimited' ELSE CONVERT(nvarchar(15), CONVERT(bigint, f.max_size) * 8) + N' KB' END) AS maxsize,
 CONVERT(nvarchar(18), CASE f.is_percent_growth WHEN 1 THEN CONVERT(nvarchar(15), f.growth) + N'%' ELSE CONVERT(nvarchar(15), CONVERT(bigint, f.growth) * 8) + N' KB' END) AS growth,
 CONVERT(varchar(9), 'data only') AS usage
FROM sys.database_files AS f JOIN sys.filegroups AS fg ON fg.data_space_id = f.data_space_id` + where + ` ORDER BY f.file_id;`
	}
	return s.runQueryText(ctx, out, text)
}

func (s *Session) spHelpTrigger(ctx context.Context, args []*ProcArg, out Output) (int32, error) {
	table := ArgString(args, 0, "@tabname")
	kind := strings.ToUpper(strings.TrimSpace(ArgString(args, 1, "@triggertype")))
	id, ok := s.objectID(table)
	if !ok || table == "" {
		return 1, &Error{Number: 15009, Severity: 16, State: 1, Message: "The object '" + table + "' does not exist in database '" + s.db.Name() + "' or is invalid for this operation."}
	}
	filter := ""
	switch kind {
	case "":
	case "INSERT", "UPDATE", "DELETE":
		filter = " AND OBJECTPROPERTY(tr.object_id, 'ExecIs" + kind[:1] + strings.ToLower(kind[1:]) + "Trigger') = 1"
	default:
		return 1, &Error{Number: 15305, Severity: 16, State: 1, Message: "The @TriggerType parameter value must be 'insert', 'update', or 'delete'."}
	}
	return 0, s.runQueryText(ctx, out, `SELECT tr.name AS trigger_name, USER_NAME(OBJECTPROPERTY(tr.object_id, 'OwnerId')) AS trigger_owner,
 OBJECTPROPERTY(tr.object_id, 'ExecIsUpdateTrigger') AS isupdate, OBJECTPROPERTY(tr.object_id, 'ExecIsDeleteTrigger') AS isdelete,
 OBJECTPROPERTY(tr.object_id, 'ExecIsInsertTrigger') AS isinsert, OBJECTPROPERTY(tr.object_id, 'ExecIsAfterTrigger') AS isafter,
 OBJECTPROPERTY(tr.object_id, 'ExecIsInsteadOfTrigger') AS isinsteadof, OBJECT_SCHEMA_NAME(tr.object_id) AS trigger_schema
FROM sys.triggers AS tr WHERE tr.parent_id = `+strconv.Itoa(int(id))+filter+` ORDER BY tr.name;`)
}

func (s *Session) spHelpServer(ctx context.Context, args []*ProcArg, out Output) (int32, error) {
	name := ArgString(args, 0, "@server")
	where := ""
	if name != "" {
		where = " WHERE s.name = " + sqlQuote(name)
		probe := &captureOutput{Output: discardOutput{}} // proc.go
		if err := s.runQueryText(ctx, probe, "SELECT 1 FROM sys.servers AS s"+where); err != nil {
			return 1, err
		}
		if len(probe.rows) == 0 {
			return 1, &Error{Number: 15015, Severity: 16, State: 1, Message: "The server '" + name + "' does not exist. Use sp_helpserver to show available servers."}
		}
	}
	return 0, s.runQueryText(ctx, out, `SELECT s.name, s.data_source AS network_name,
 CONVERT(varchar(70), STUFF(CASE WHEN s.is_remote_login_enabled = 1 THEN ',rpc' ELSE '' END
  + CASE WHEN s.is_rpc_out_enabled = 1 THEN ',rpc out' ELSE '' END
  + CASE WHEN s.is_data_access_enabled = 1 THEN ',data access' ELSE '' END
  + CASE WHEN s.is_collation_compatible = 1 THEN ',collation compatible' ELSE '' END
  + CASE WHEN s.uses_remote_collation = 1 THEN ',use remote collation' ELSE '' END
  + CASE WHEN s.lazy_schema_validation = 1 THEN ',lazy schema validation' ELSE '' END
  + CASE WHEN s.is_publisher = 1 THEN ',pub' ELSE '' END
  + CASE WHEN s.is_subscriber = 1 THEN ',sub' ELSE '' END
  + CASE WHEN s.is_distributor = 1 THEN ',dist' ELSE '' END, 1, 1, '')) AS status,
 CONVERT(char(4), s.server_id) AS id, s.collation_name, s.connect_timeout, s.query_timeout
FROM sys.servers AS s`+where+` ORDER BY s.server_id;`)
}
