package exec

import (
	"context"
	"strings"
)

// spTables is sp_tables (ODBC SQLTables, JDBC getTables/getCatalogs): the
// tables and views of the current database, filtered by @table_name and
// @table_owner, which are LIKE patterns as in SQL Server (NULL or absent:
// all), and by @table_type, a list of quoted types ('TABLE','VIEW'). As in
// SQL Server, empty-string arguments with one '%' enumerate instead
// (SQLTables' catalog functions; jTDS's getCatalogs sends the qualifier
// '%', the owner and the name empty and the type NULL):
//
//	@table_qualifier '%', owner and name empty  the databases but model
//	@table_owner '%', qualifier and name empty  the owners of tables and views
//	@table_type '%', the other three empty      the table types
//
// A qualifier other than the current database is error 15250; an empty one
// lists nothing.
func (s *Session) spTables(ctx context.Context, args []*ProcArg, out Output) error {
	arg := func(pos int, name string) (v string, given bool) {
		val, ok := argValue(args, pos, name)
		if !ok || val.IsNull() {
			return "", false
		}
		v, _ = asText(val)
		return v, true
	}
	name, nameSet := arg(0, "@table_name")
	owner, ownerSet := arg(1, "@table_owner")
	qual, qualSet := arg(2, "@table_qualifier")
	typ, typSet := arg(3, "@table_type")
	blankName, blankOwner, blankQual := nameSet && name == "", ownerSet && owner == "", qualSet && qual == ""
	const nulls = "CAST(NULL AS sysname) AS TABLE_NAME, CAST(NULL AS varchar(32)) AS TABLE_TYPE, CAST(NULL AS varchar(254)) AS REMARKS"
	switch {
	case qual == "%" && blankOwner && blankName:
		return s.runQueryText(ctx, out, "SELECT CAST(name AS sysname) AS TABLE_QUALIFIER, CAST(NULL AS sysname) AS TABLE_OWNER, "+nulls+
			" FROM sys.databases WHERE name <> 'model' ORDER BY 1")
	case owner == "%" && blankQual && blankName:
		return s.runQueryText(ctx, out, "SELECT DISTINCT CAST(NULL AS sysname) AS TABLE_QUALIFIER, CAST(SCHEMA_NAME(o.schema_id) AS sysname) AS TABLE_OWNER, "+nulls+
			" FROM sys.all_objects o WHERE o.type IN ('S', 'U', 'V') ORDER BY 2")
	case typ == "%" && blankQual && blankOwner && blankName:
		return s.runQueryText(ctx, out, "SELECT CAST(NULL AS sysname) AS TABLE_QUALIFIER, CAST(NULL AS sysname) AS TABLE_OWNER, CAST(NULL AS sysname) AS TABLE_NAME,"+
			" CAST(t AS varchar(32)) AS TABLE_TYPE, CAST(NULL AS varchar(254)) AS REMARKS FROM (VALUES ('SYSTEM TABLE'), ('TABLE'), ('VIEW')) AS types(t) ORDER BY 4")
	}
	if qualSet && !strings.EqualFold(qual, s.db.Name()) {
		if qual != "" {
			return &Error{Number: 15250, Severity: 16, State: 1, Message: "The database name component of the object qualifier must be the name of the current database."}
		}
		name, nameSet = " ", true // SQL Server forces an empty result for a blank qualifier
	}
	where := ""
	for _, f := range []struct {
		v   string
		set bool
		col string
	}{{name, nameSet, "TABLE_NAME"}, {owner, ownerSet, "TABLE_SCHEMA"}} {
		if f.set && f.v != "" {
			where += " AND " + f.col + " LIKE N'" + strings.ReplaceAll(f.v, "'", "''") + "'"
		}
	}
	if typSet && typ != "" {
		types := strings.ToUpper(typ)
		if !strings.Contains(types, "'") {
			types = "'" + types + "'" // SQL Server quotes a single unquoted type
		}
		var in []string
		for _, t := range []string{"TABLE", "VIEW"} {
			if strings.Contains(types, "'"+t+"'") {
				in = append(in, "'"+t+"'")
			}
		}
		if len(in) == 0 {
			in = []string{"''"}
		}
		where += " AND CASE TABLE_TYPE WHEN 'VIEW' THEN 'VIEW' ELSE 'TABLE' END IN (" + strings.Join(in, ", ") + ")"
	}
	return s.runQueryText(ctx, out, "SELECT DB_NAME() AS TABLE_QUALIFIER, TABLE_SCHEMA AS TABLE_OWNER, TABLE_NAME, CASE TABLE_TYPE WHEN 'VIEW' THEN 'VIEW' ELSE 'TABLE' END AS TABLE_TYPE, CAST(NULL AS varchar(254)) AS REMARKS FROM INFORMATION_SCHEMA.TABLES WHERE 1 = 1"+where+" ORDER BY TABLE_SCHEMA, TABLE_NAME")
}
