package exec

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// sysViewNullable lists, for each system view whose column nullability
// follows SQL Server's, the columns SQL Server declares NULL; every other
// column of a listed view is NOT NULL. Result metadata reports it
// (COLMETADATA's fNullable, which go-mssqldb's ColumnTypes().Nullable and
// .NET's GetSchemaTable read; sp_describe_first_result_set), SELECT … INTO
// creates NOT NULL columns from it and a view over a catalog view inherits
// it. A view not listed keeps every column nullable, the safe default: a
// column declared NOT NULL must never carry a NULL
// (TestSystemViewNullability reads every row of every listed view).
//
// Sources: the view's reference page (learn.microsoft.com "sys.objects
// (Transact-SQL)" …: sysname is nvarchar(128) NOT NULL, a column is NULL
// where the page says "NULL", "Is NULL if" or "can be NULL") and, for
// sys.objects, sys.tables, sys.views, sys.schemas and sys.columns, the
// is_nullable SQL Server 2022's sys.system_columns reports for them, which
// also makes the computed _desc columns and sys.columns.name nullable.
var sysViewNullable = map[string][]string{
	// Captured from SQL Server 2022 (sys.system_columns.is_nullable and the
	// COLMETADATA of SELECT * FROM the view): the computed type and _desc
	// columns are nullable, principal_id is NULL unless ALTER AUTHORIZATION
	// gave the object an owner of its own.
	"sys.objects":        objectsNullable,
	"sys.all_objects":    objectsNullable,
	"sys.system_objects": objectsNullable,
	"sys.views":          objectsNullable,
	"sys.procedures":     objectsNullable,
	"sys.tables": append(append([]string(nil), objectsNullable...), "is_memory_optimized", "temporal_type",
		"temporal_type_desc", "history_table_id", "ledger_type", "ledger_type_desc", "ledger_view_id",
		"is_dropped_ledger_table", "lock_escalation", "lock_escalation_desc"),
	"sys.schemas": {"principal_id"},
	// sys.columns.name is nullable in SQL Server's own declaration; so are
	// the flags computed from the column's status bits.
	"sys.columns": columnsNullable, "sys.all_columns": columnsNullable, "sys.system_columns": columnsNullable,
	// From the reference pages ("NULL = heap", "NULL if …"); the _desc
	// columns, computed from a code as in the captured views above.
	"sys.types":               {},
	"sys.indexes":             {"name", "type_desc", "filter_definition"},
	"sys.index_columns":       {},
	"sys.foreign_keys":        {"type", "type_desc", "delete_referential_action_desc", "update_referential_action_desc", "key_index_id"},
	"sys.foreign_key_columns": {},
	"sys.key_constraints":     {"type", "type_desc"},
	"sys.check_constraints":   append(append([]string(nil), objectsNullable...), "definition"),
	"sys.default_constraints": append(append([]string(nil), objectsNullable...), "definition"),
	"sys.sequences":           {"type", "type_desc", "cache_size", "last_used_value"},
	// sys.databases: "If a database is not ONLINE … the values of some
	// columns may be NULL" (a mirror is RESTORING), so only the identity
	// columns are NOT NULL.
	"sys.databases": nullableExcept("name", "database_id", "create_date", "compatibility_level"),
	"sys.database_principals": {"type_desc", "default_schema_name", "owning_principal_id", "sid",
		"authentication_type_desc", "default_language_name", "default_language_lcid"},
	"sys.server_principals": {"type_desc", "default_database_name", "default_language_name", "credential_id", "owning_principal_id"},
	// definition: "NULL = Encrypted"; execute_as_principal_id: NULL is
	// EXECUTE AS CALLER.
	"sys.sql_modules": {"definition", "execute_as_principal_id"},
	"sys.parameters": {"default_value", "encryption_type", "encryption_type_desc", "encryption_algorithm_name",
		"column_encryption_key_id", "column_encryption_key_database_name"},
	// Every mirroring column is NULL for a database that is not mirrored.
	"sys.database_mirroring": nullableExcept("database_id"),
	// sys.endpoints' page gives each column's nullability.
	"sys.endpoints":                    endpointsNullable,
	"sys.database_mirroring_endpoints": append(append([]string(nil), endpointsNullable...), "role_desc", "connection_auth_desc", "encryption_algorithm_desc"),
	// The DMV pages say "Is nullable." / "Is not nullable." per column; a
	// column the page says nothing of is left nullable.
	"sys.dm_exec_sessions": {"host_name", "program_name", "host_process_id", "client_version", "client_interface_name",
		"nt_domain", "nt_user_name", "context_info", "last_request_end_time", "language", "date_format",
		"last_successful_logon", "last_unsuccessful_logon", "unsuccessful_logons", "contained_availability_group_id"},
	"sys.dm_exec_requests": {"sql_handle", "statement_start_offset", "statement_end_offset", "plan_handle", "connection_id",
		"blocking_session_id", "wait_type", "context_info", "task_address", "language", "date_format", "query_hash",
		"query_plan_hash", "statement_sql_handle", "statement_context_id", "dop", "parallel_worker_count",
		"external_script_request_id", "is_resumable", "page_resource", "page_server_reads", "dist_statement_id"},
	// INFORMATION_SCHEMA views are T-SQL over the catalog views: the
	// catalog comes from DB_NAME(), the schema from SCHEMA_NAME() or an outer
	// join, the type from a CASE without ELSE, so only the object's own name
	// (sys.objects.name) is NOT NULL, beside constants and dates.
	"information_schema.tables":            nullableExcept("TABLE_NAME"),
	"information_schema.columns":           nullableExcept("TABLE_NAME"),
	"information_schema.routines":          nullableExcept("SPECIFIC_NAME", "ROUTINE_NAME", "CREATED", "LAST_ALTERED"),
	"information_schema.key_column_usage":  nullableExcept("CONSTRAINT_NAME", "TABLE_NAME"),
	"information_schema.table_constraints": nullableExcept("CONSTRAINT_NAME", "TABLE_NAME", "IS_DEFERRABLE", "INITIALLY_DEFERRED"),
}

var (
	objectsNullable = []string{"principal_id", "type", "type_desc"}
	columnsNullable = []string{"name", "collation_name", "is_nullable", "is_computed", "is_replicated",
		"is_non_sql_subscribed", "is_merge_published", "is_dts_replicated", "is_sparse", "is_column_set",
		"generated_always_type", "generated_always_type_desc", "encryption_type", "encryption_type_desc",
		"encryption_algorithm_name", "column_encryption_key_id", "column_encryption_key_database_name", "is_hidden",
		"graph_type", "graph_type_desc", "is_data_deletion_filter_column", "ledger_view_column_type",
		"ledger_view_column_type_desc", "is_dropped_ledger_column"}
	endpointsNullable = []string{"principal_id", "protocol_desc", "type_desc", "state", "state_desc"}
)

// nullableExceptMarker starts a sysViewNullable entry that names the NOT
// NULL columns instead (nullableExcept): for views where most columns are
// nullable. The columns of such a view are only known once it is
// registered, so the entry is resolved in applySysViewNullability.
const nullableExceptMarker = "\x00except"

func nullableExcept(notNull ...string) []string {
	return append([]string{nullableExceptMarker}, notNull...)
}

var sysViewNullableOnce sync.Once

// notNullColumns is vt's per-column NOT NULL flags. They are filled in on
// first use rather than at init: the engine registers sys.databases and
// the mirroring views (RegisterView) after this package's init has run.
func (vt *virtualTable) notNullColumns() []bool {
	sysViewNullableOnce.Do(applySysViewNullability)
	if vt.notNull == nil {
		return make([]bool, len(vt.cols))
	}
	return vt.notNull
}

func applySysViewNullability() {
	for name, nullable := range sysViewNullable {
		vt := systemViews[name]
		if vt == nil {
			continue
		}
		nn := make([]bool, len(vt.cols))
		except := len(nullable) > 0 && nullable[0] == nullableExceptMarker
		for i, c := range vt.cols {
			named := slices.ContainsFunc(nullable, func(n string) bool { return strings.EqualFold(n, c.name) })
			nn[i] = named == except
		}
		vt.notNull = nn
	}
}

// SysViewNullableUnknown lists the columns sysViewNullable names that its
// view does not have (a misspelt name would silently make the real column
// NOT NULL); the tests require it to be empty.
func SysViewNullableUnknown() []string {
	var out []string
	for name, nullable := range sysViewNullable {
		vt := systemViews[name]
		if vt == nil {
			out = append(out, name)
			continue
		}
		for _, n := range nullable {
			if n == nullableExceptMarker {
				continue
			}
			if !slices.ContainsFunc(vt.cols, func(c vcol) bool { return strings.EqualFold(c.name, n) }) {
				out = append(out, name+"."+n)
			}
		}
	}
	slices.Sort(out)
	return out
}

// SystemObjectsDate is the create_date and modify_date of the objects the
// server ships (sys.objects of system views, the fixed server roles in
// sys.server_principals), whose date columns are NOT NULL.
func SystemObjectsDate() time.Time { return systemObjectsDate }
