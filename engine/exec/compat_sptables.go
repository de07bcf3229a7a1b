package exec

import (
	"context"
	"strings"
)

// spTables is sp_tables (ODBC SQLTables): the tables and views of the
// current database, filtered by @table_name and @table_owner, which are
// LIKE patterns as in SQL Server (NULL or absent: all). @table_type is
// not applied: both types are listed.
func (s *Session) spTables(ctx context.Context, args []*ProcArg, out Output) error {
	where := ""
	for pos, f := range []struct{ param, col string }{{"@table_name", "TABLE_NAME"}, {"@table_owner", "TABLE_SCHEMA"}} {
		if p := ArgString(args, pos, f.param); p != "" {
			where += " AND " + f.col + " LIKE N'" + strings.ReplaceAll(p, "'", "''") + "'"
		}
	}
	return s.runQueryText(ctx, out, "SELECT DB_NAME() AS TABLE_QUALIFIER, TABLE_SCHEMA AS TABLE_OWNER, TABLE_NAME, CASE TABLE_TYPE WHEN 'VIEW' THEN 'VIEW' ELSE 'TABLE' END AS TABLE_TYPE, CAST(NULL AS varchar(254)) AS REMARKS FROM INFORMATION_SCHEMA.TABLES WHERE 1 = 1"+where+" ORDER BY TABLE_SCHEMA, TABLE_NAME")
}
