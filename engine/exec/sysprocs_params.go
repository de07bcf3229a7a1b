package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The parameters of the built-in procedures, in SQL Server's order and with
// SQL Server's names (each procedure's documentation page, "Syntax"), so a
// call is bound as SQL Server binds a call of its T-SQL system procedures
// before their first line runs: a required parameter left out is 201, one
// argument too many 8144, a name the procedure does not have 8145, a
// parameter given twice 8143 (checkProcArgs). A name ending in "=" has a
// default; "a|b" accepts either spelling (sp_special_columns' @qualifier,
// which drivers also send as @table_qualifier). Where SQL Server's text
// declares a default and then raises its own error for a missing value,
// the parameter is listed with "=" and the procedure keeps its own error.
//
// Every procedure the engine implements is either here or in
// uncheckedProcs; TestSystemProcArguments (tests/) fails for one in neither.
var sysProcParams = map[string][]string{
	// sysprocs.go and the files it dispatches to
	"sp_help":                {"@objname="},
	"sp_helpfilegroup":       {"@filegroupname="},
	"sp_refreshview":         {"@viewname"},
	"sp_refreshsqlmodule":    {"@name", "@namespace="},
	"sp_recompile":           {"@objname"},
	"sp_cycle_errorlog":      {},
	"sp_helpsrvrolemember":   {"@srvrolename="},
	"sp_helptrigger":         {"@tabname", "@triggertype="},
	"sp_helpserver":          {"@server=", "@optname=", "@show_topology="},
	"sp_helplanguage":        {"@language="},
	"sp_helptext":            {"@objname", "@columnname="},
	"sp_helpindex":           {"@objname"},
	"sp_helpconstraint":      {"@objname", "@nomsg="},
	"sp_depends":             {"@objname"},
	"sp_helprole":            {"@rolename="},
	"sp_helprolemember":      {"@rolename="},
	"sp_rename":              {"@objname", "@newname", "@objtype="},
	"sp_getapplock":          {"@Resource", "@LockMode", "@LockOwner=", "@LockTimeout=", "@DbPrincipal="},
	"sp_releaseapplock":      {"@Resource", "@LockOwner=", "@DbPrincipal="},
	"sp_updatestats":         {"@resample="},
	"sp_addrolemember":       {"@rolename", "@membername"},
	"sp_droprolemember":      {"@rolename", "@membername"},
	"sp_set_session_context": {"@key", "@value", "@read_only="},
	"sp_sequence_get_range": {"@sequence_name", "@range_size", "@range_first_value", "@range_last_value=",
		"@range_cycle_count=", "@sequence_increment=", "@sequence_min_value=", "@sequence_max_value="},
	"sp_serveroption": {"@server", "@optname", "@optvalue"},

	// ODBC catalog procedures (catalogprocs*.go, compat_sptables.go, spcolumns.go)
	"sp_tables":            {"@table_name=", "@table_owner=", "@table_qualifier=", "@table_type=", "@fUsePattern="},
	"sp_columns":           {"@table_name", "@table_owner=", "@table_qualifier=", "@column_name=", "@ODBCVer="},
	"sp_pkeys":             {"@table_name", "@table_owner=", "@table_qualifier="},
	"sp_fkeys":             {"@pktable_name=", "@pktable_owner=", "@pktable_qualifier=", "@fktable_name=", "@fktable_owner=", "@fktable_qualifier="},
	"sp_statistics":        {"@table_name", "@table_owner=", "@table_qualifier=", "@index_name=", "@is_unique=", "@accuracy="},
	"sp_special_columns":   {"@table_name", "@table_owner=", "@qualifier|@table_qualifier=", "@col_type=", "@scope=", "@nullable=", "@ODBCVer="},
	"sp_stored_procedures": {"@sp_name=", "@sp_owner=", "@sp_qualifier=", "@fUsePattern="},
	"sp_sproc_columns":     {"@procedure_name=", "@procedure_owner=", "@procedure_qualifier=", "@column_name=", "@ODBCVer=", "@fUsePattern="},
	"sp_datatype_info":     {"@data_type=", "@ODBCVer="},
	"sp_datatype_info_90":  {"@data_type=", "@ODBCVer="},
	"sp_datatype_info_100": {"@data_type=", "@ODBCVer="},
	"sp_server_info":       {"@attribute_id="},
	"sp_table_privileges":  {"@table_name", "@table_owner=", "@table_qualifier=", "@fUsePattern="},
	"sp_column_privileges": {"@table_name", "@table_owner=", "@table_qualifier=", "@column_name="},

	// registered by engine/exec
	"sp_addtype":                        {"@typename", "@phystype", "@nulltype=", "@owner="},
	"sp_droptype":                       {"@typename"},
	"sp_describe_first_result_set":      {"@tsql", "@params=", "@browse_information_mode="},
	"sp_describe_undeclared_parameters": {"@tsql", "@params="},
	"sp_change_users_login":             {"@Action", "@UserNamePattern=", "@LoginName=", "@Password="},
	"sp_helprotect":                     {"@name=", "@username=", "@grantorname=", "@permissionarea="},
	"sp_helpuser":                       {"@name_in_db="},
	"sp_changedbowner":                  {"@loginame", "@map="}, // owner.go
	"sp_autostats":                      {"@tblname", "@flagc=", "@indname="},
	"sp_MSforeachdb":                    {"@command1", "@replacechar=", "@command2=", "@command3=", "@precommand=", "@postcommand="},
	"sp_MSforeachtable":                 {"@command1", "@replacechar=", "@command2=", "@command3=", "@whereand=", "@precommand=", "@postcommand="},
	"sp_addextendedproperty":            {"@name", "@value=", "@level0type=", "@level0name=", "@level1type=", "@level1name=", "@level2type=", "@level2name="},
	"sp_updateextendedproperty":         {"@name", "@value=", "@level0type=", "@level0name=", "@level1type=", "@level1name=", "@level2type=", "@level2name="},
	"sp_dropextendedproperty":           {"@name", "@level0type=", "@level0name=", "@level1type=", "@level1name=", "@level2type=", "@level2name="},
	"sp_describe_cursor":                {"@cursor_return", "@cursor_source", "@cursor_identity"},
	"sp_describe_cursor_columns":        {"@cursor_return", "@cursor_source", "@cursor_identity"},
	"sp_cursor_list":                    {"@cursor_return", "@cursor_scope"},
	"sp_settriggerorder":                {"@triggername", "@order", "@stmttype", "@namespace="},
	"sp_addmessage":                     {"@msgnum=", "@severity=", "@msgtext=", "@lang=", "@with_log=", "@replace="},
	"sp_dropmessage":                    {"@msgnum=", "@lang="},
	"sp_db_vardecimal_storage_format":   {"@dbname=", "@vardecimal_storage_format="},
	"sp_fulltext_database":              {"@action"},

	// registered by engine
	"sp_dbmmonitoraddmonitoring":    {"@update_period="},
	"sp_dbmmonitorchangemonitoring": {"@parameter_id", "@value"},
	"sp_dbmmonitorhelpmonitoring":   {},
	"sp_dbmmonitordropmonitoring":   {},
	"sp_dbmmonitorupdate":           {"@database_name="},
	"sp_dbmmonitorresults":          {"@database_name", "@mode=", "@update_table="},
	"sp_dbmmonitorchangealert":      {"@database_name", "@alert_id", "@threshold", "@enabled="},
	"sp_dbmmonitorhelpalert":        {"@database_name", "@alert_id="},
	"sp_dbmmonitordropalert":        {"@database_name", "@alert_id="},
	"sp_helpfile":                   {"@filename="},
	"sp_lock":                       {"@spid1=", "@spid2="},
	"sp_who":                        {"@loginame="},
	"sp_who2":                       {"@loginame="},
	"sp_databases":                  {},
	"sp_helpdb":                     {"@dbname="},
	"sp_helplogins":                 {"@LoginNamePattern="},
	"sp_validatelogins":             {},
	"sp_renamedb":                   {"@dbname", "@newname"},
	"sp_addumpdevice":               {"@devtype", "@logicalname", "@physicalname", "@cntrltype=", "@devstatus="},
	"sp_dropdevice":                 {"@logicalname", "@delfile="},
	"sp_spaceused":                  {"@objname=", "@updateusage=", "@mode=", "@oneresultset=", "@include_total_xtp_storage="},
	"sp_configure":                  {"@configname=", "@configvalue="},
	"sp_readerrorlog":               {"@p1=", "@p2=", "@p3=", "@p4="},
	"sp_addsrvrolemember":           {"@loginame", "@rolename"},
	"sp_dropsrvrolemember":          {"@loginame", "@rolename"},
}

// uncheckedProcs are the built-in procedures whose arguments are not bound
// by sysProcParams: sp_executesql takes the statement's own parameters
// after its two; extended procedures (xp_*, sp_xml_*) are DLL entry points
// that read their arguments themselves and raise their own errors; the
// API procedures sp_prepare … are for RPC, and EXEC of them is refused
// before any binding; sp_reset_connection, sp_dboption and
// sp_MSgetalertinfo are accepted and ignored.
var uncheckedProcs = map[string]bool{
	"sp_executesql": true, "sp_prepare": true, "sp_execute": true, "sp_unprepare": true, "sp_prepexec": true,
	"sp_xml_preparedocument": true, "sp_xml_removedocument": true,
	"xp_readerrorlog": true, "xp_create_subdir": true, "xp_delete_file": true,
	"sp_reset_connection": true, "sp_dboption": true, "sp_MSgetalertinfo": true,
}

// SystemProcNames lists the built-in procedures: those registered with
// RegisterProc and those systemProc dispatches itself, spelled as SQL
// Server spells them where sysProcParams declares them.
func SystemProcNames() []string {
	seen := map[string]bool{}
	var names []string
	add := func(n string) {
		if k := strings.ToLower(n); !seen[k] {
			seen[k] = true
			names = append(names, n)
		}
	}
	for n := range sysProcParams {
		add(n)
	}
	for n := range uncheckedProcs {
		add(n)
	}
	for n := range systemProcs {
		add(n)
	}
	return names
}

// SystemProcParams returns a built-in procedure's parameters as
// sysProcParams declares them (a trailing "=": it has a default) and
// whether its arguments are checked.
func SystemProcParams(name string) ([]string, bool) {
	p, ok := sysProcParamsLower[strings.ToLower(name)]
	return p, ok
}

// UncheckedSystemProc reports whether a built-in procedure reads its
// arguments itself (uncheckedProcs).
func UncheckedSystemProc(name string) bool { return uncheckedLower[strings.ToLower(name)] }

var uncheckedLower = func() map[string]bool {
	m := make(map[string]bool, len(uncheckedProcs))
	for n := range uncheckedProcs {
		m[strings.ToLower(n)] = true
	}
	return m
}()

var sysProcParamsLower, sysProcNameOf = func() (map[string][]string, map[string]string) {
	m, names := make(map[string][]string, len(sysProcParams)), make(map[string]string, len(sysProcParams))
	for n, p := range sysProcParams {
		m[strings.ToLower(n)], names[strings.ToLower(n)] = p, n
	}
	return m, names
}()

// argErrors are the errors of binding a call's arguments: SQL Server
// raises them before the procedure's first line, naming the procedure and
// line 0 (sqlcmd: "Msg 201, Level 16, State 4, Procedure p, Line 0").
var (
	ErrProcArgTwice   = errorKind{8143, 16, 1, "Parameter '%s' was supplied multiple times.", AbortStatement}
	ErrProcNotParam   = errorKind{8145, 16, 1, "%s is not a parameter for procedure %s.", AbortStatement}
	errNamedThenPlain = errorKind{119, 15, 1, "Must pass parameter number %d and subsequent parameters as '@name = value'. After the form '@name = value' has been used, all subsequent parameters must be passed in the form '@name = value'.", AbortBatch}
)

// isArgError reports whether an error number is one of binding a call.
func isArgError(num int32) bool {
	switch num {
	case ErrProcMissingArg.number, ErrProcTooManyArgs.number, ErrProcNotParam.number, ErrProcArgTwice.number:
		return true
	}
	return false
}

// argError marks a binding error as raised by the call of proc at line 0.
func argError(e *Error, proc string) *Error {
	e.Proc, e.NoLine = proc, true
	return e
}

// checkProcArgs binds a built-in procedure's arguments (pname: its name in
// lower case) to its declared parameters and returns SQL Server's error
// for a call that does not fit. The errors spell the procedure's name as
// SQL Server's object is spelled (sp_MSforeachdb), as a user procedure's
// name in them is its catalog name.
func checkProcArgs(pname string, args []*ProcArg) error {
	params, ok := sysProcParamsLower[pname]
	if !ok {
		return nil
	}
	shown := sysProcNameOf[pname]
	seen, given := make([]bool, len(params)), make([]bool, len(params))
	positional := 0
	for _, a := range args {
		idx := -1
		if a.Name != "" {
			idx = paramIndex(params, a.Name)
			if idx < 0 {
				return argError(ErrProcNotParam.New(a.Name, shown), shown)
			}
			if seen[idx] {
				return argError(ErrProcArgTwice.New(a.Name), shown)
			}
		} else {
			idx = positional
			positional++
			if idx >= len(params) {
				return argError(ErrProcTooManyArgs.New(shown), shown)
			}
		}
		seen[idx], given[idx] = true, !a.Default
	}
	for i, p := range params {
		if !given[i] && !strings.HasSuffix(p, "=") {
			name, _, _ := strings.Cut(p, "|")
			return argError(ErrProcMissingArg.New(shown, name), shown)
		}
	}
	return nil
}

// paramIndex finds a named argument among declared parameters.
func paramIndex(params []string, name string) int {
	for i, p := range params {
		for _, alt := range strings.Split(strings.TrimSuffix(p, "="), "|") {
			if strings.EqualFold(alt, name) {
				return i
			}
		}
	}
	return -1
}

// checkArgOrder is SQL Server's 119: once an argument is passed as @name =
// value, the ones after it must be too. SQL Server refuses the batch when
// it compiles; here the EXEC fails and the batch ends.
func checkArgOrder(args []*ast.ExecArg) error {
	named := false
	for i, a := range args {
		if a.Name != "" {
			named = true
		} else if named {
			return errNamedThenPlain.New(i + 1)
		}
	}
	return nil
}
