package engine

import (
	"os"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// Views sp_Blitz reads that describe features this server does not have
// (linked server logins, NUMA nodes, clusters, availability groups, loaded DLLs, Extended Events,
// extended procedures, TDE, change tracking, plan guides, full-text, SKU
// features): SQL Server's columns and no rows, so its checks run and find
// nothing instead of stopping the procedure with 208. Where SQL Server
// always has a row, the row is here too:
//
//   - sys.dm_os_windows_info: on Linux SQL Server's row has empty release
//     strings and the OS language (1033, English);
//   - sys.dm_os_buffer_pool_extension_configuration: "disabled";
//   - sys.dm_server_services: the database engine service, running, with
//     this process's id and start time;
//   - sys.database_query_store_options: one row per database, OFF (there
//     is no Query Store here).

func init() {
	bin8, t256 := types.Type{ID: types.VarBinary, Length: 8}, types.NVarCharType(256)
	tMax := types.NVarCharType(types.MaxLength)
	emptyView("sys.linked_logins", col("server_id", tInt), col("local_principal_id", tInt), col("uses_self_credential", tBit),
		col("remote_name", tName), col("modify_date", tDateTime))
	emptyView("sys.dm_os_nodes", col("node_id", tSmallInt), col("node_state_desc", t256), col("memory_object_address", bin8),
		col("memory_clerk_address", bin8), col("io_completion_worker_address", bin8), col("memory_node_id", tSmallInt),
		col("cpu_affinity_mask", tBigInt), col("online_scheduler_count", tSmallInt), col("idle_scheduler_count", tSmallInt),
		col("active_worker_count", tInt), col("avg_load_balance", tInt), col("timer_task_affinity_mask", tBigInt),
		col("permanent_task_affinity_mask", tBigInt), col("resource_monitor_state", tBit), col("online_scheduler_mask", tBigInt),
		col("processor_group", tSmallInt), col("cpu_count", tInt))
	emptyView("sys.dm_os_memory_nodes", col("memory_node_id", tSmallInt), col("virtual_address_space_reserved_kb", tBigInt),
		col("virtual_address_space_committed_kb", tBigInt), col("locked_page_allocations_kb", tBigInt), col("pages_kb", tBigInt),
		col("shared_memory_reserved_kb", tBigInt), col("shared_memory_committed_kb", tBigInt), col("cpu_affinity_mask", tBigInt),
		col("online_scheduler_mask", tBigInt), col("processor_group", tSmallInt), col("foreign_committed_kb", tBigInt),
		col("target_kb", tBigInt))
	emptyView("sys.dm_os_cluster_nodes", col("NodeName", tName), col("status", tInt), col("status_description", types.NVarCharType(20)),
		col("is_current_owner", tBit))
	cacheCols := []exec.ViewColumn{col("cache_address", bin8), col("name", t256), col("type", tDesc)}
	emptyView("sys.dm_os_memory_cache_counters", append(cacheCols[:3:3], col("pages_kb", tBigInt), col("pages_in_use_kb", tBigInt),
		col("entries_count", tBigInt), col("entries_in_use_count", tBigInt))...)
	hashCols := append(cacheCols[:3:3], col("table_level", tInt))
	for _, c := range []string{"buckets_count", "buckets_in_use_count", "buckets_min_length", "buckets_max_length", "buckets_avg_length", "buckets_max_length_ever"} {
		hashCols = append(hashCols, col(c, tInt))
	}
	hashCols = append(hashCols, col("hits_count", tBigInt), col("misses_count", tBigInt), col("buckets_avg_scan_hit_length", tInt),
		col("buckets_avg_scan_miss_length", tInt))
	emptyView("sys.dm_os_memory_cache_hash_tables", hashCols...)
	emptyView("sys.dm_os_loaded_modules", col("base_address", bin8), col("file_version", types.VarCharType(23)),
		col("product_version", types.VarCharType(23)), col("debug", tBit), col("patched", tBit), col("prerelease", tBit),
		col("private_build", tBit), col("special_build", tBit), col("language", tInt), col("company", t256), col("description", t256),
		col("name", types.NVarCharType(255)))
	emptyView("sys.dm_xe_sessions", col("address", bin8), col("name", t256), col("pending_buffers", tInt),
		col("total_regular_buffers", tInt), col("regular_buffer_size", tBigInt), col("total_large_buffers", tInt),
		col("large_buffer_size", tBigInt), col("total_buffer_size", tBigInt), col("buffer_policy_flags", tInt),
		col("buffer_policy_desc", t256), col("flags", tInt), col("flag_desc", t256), col("dropped_event_count", tInt),
		col("dropped_buffer_count", tInt), col("blocked_event_fire_time", tInt), col("create_time", tDateTime),
		col("largest_event_dropped_size", tInt), col("session_source", t256))
	emptyView("sys.extended_procedures", col("name", tName), col("object_id", tInt), col("principal_id", tInt), col("schema_id", tInt),
		col("parent_object_id", tInt), col("type", types.Type{ID: types.Char, Length: 2}), col("type_desc", tDesc),
		col("create_date", tDateTime), col("modify_date", tDateTime), col("is_ms_shipped", tBit), col("is_published", tBit),
		col("is_schema_published", tBit), col("dll_name", types.NVarCharType(260)))
	emptyView("sys.dm_database_encryption_keys", col("database_id", tInt), col("encryption_state", tInt), col("create_date", tDateTime),
		col("regenerate_date", tDateTime), col("modify_date", tDateTime), col("set_date", tDateTime), col("opened_date", tDateTime),
		col("key_algorithm", types.NVarCharType(32)), col("key_length", tInt), col("encryptor_thumbprint", types.Type{ID: types.VarBinary, Length: 32}),
		col("encryptor_type", types.NVarCharType(32)), col("percent_complete", types.TypeReal),
		col("encryption_state_desc", types.NVarCharType(32)), col("encryption_scan_state", tInt),
		col("encryption_scan_state_desc", types.NVarCharType(32)), col("encryption_scan_modify_date", tDateTime))
	emptyView("sys.change_tracking_databases", col("database_id", tInt), col("is_auto_cleanup_on", tTinyInt),
		col("retention_period", tInt), col("retention_period_units", tInt), col("retention_period_units_desc", tDesc),
		col("max_cleanup_version", tBigInt))
	emptyView("sys.plan_guides", col("plan_guide_id", tInt), col("name", tName), col("create_date", tDateTime),
		col("modify_date", tDateTime), col("is_disabled", tBit), col("query_text", tMax), col("scope_type", tTinyInt),
		col("scope_type_desc", tDesc), col("scope_object_id", tInt), col("scope_batch", tMax), col("parameters", tMax), col("hints", tMax))
	emptyView("sys.dm_db_persisted_sku_features", col("feature_name", tName), col("feature_id", tInt))
	emptyView("sys.fulltext_indexes", col("object_id", tInt), col("unique_index_id", tInt), col("fulltext_catalog_id", tInt),
		col("is_enabled", tBit), col("change_tracking_state", types.Type{ID: types.Char, Length: 1}),
		col("change_tracking_state_desc", tDesc), col("has_crawl_completed", tBit), col("crawl_type", types.Type{ID: types.Char, Length: 1}),
		col("crawl_type_desc", tDesc), col("crawl_start_date", tDateTime), col("crawl_end_date", tDateTime),
		col("incremental_timestamp", types.Type{ID: types.Binary, Length: 8}), col("stoplist_id", tInt), col("property_list_id", tInt),
		col("data_space_id", tInt))
	emptyView("sys.dm_hadr_availability_replica_cluster_states", col("replica_id", tGUID), col("replica_server_name", t256),
		col("group_id", tGUID), col("join_state", tTinyInt), col("join_state_desc", tDesc))
	emptyView("sys.dm_hadr_availability_group_states", col("group_id", tGUID), col("primary_replica", types.NVarCharType(128)),
		col("primary_recovery_health", tTinyInt), col("primary_recovery_health_desc", tDesc), col("secondary_recovery_health", tTinyInt),
		col("secondary_recovery_health_desc", tDesc), col("synchronization_health", tTinyInt), col("synchronization_health_desc", tDesc))
	emptyView("sys.dm_hadr_auto_page_repair", col("database_id", tInt), col("file_id", tInt), col("page_id", tBigInt),
		col("error_type", tSmallInt), col("page_status", tTinyInt), col("modification_time", tDateTime))
	// sys.fn_trace_gettable(file, count): no rows; the server keeps no
	// trace files (sys.traces is empty, config.go), and the DBA scripts
	// that read the default trace find it empty.
	var traceCols []exec.ViewColumn
	for _, c := range []struct {
		name string
		typ  types.Type
	}{{"TextData", types.Type{ID: types.NText, Length: types.MaxLength}}, {"BinaryData", types.Type{ID: types.Image, Length: types.MaxLength}},
		{"DatabaseID", tInt}, {"TransactionID", tBigInt}, {"LineNumber", tInt}, {"NTUserName", t256}, {"NTDomainName", t256},
		{"HostName", t256}, {"ClientProcessID", tInt}, {"ApplicationName", t256}, {"LoginName", t256}, {"SPID", tInt},
		{"Duration", tBigInt}, {"StartTime", tDateTime}, {"EndTime", tDateTime}, {"Reads", tBigInt}, {"Writes", tBigInt},
		{"CPU", tInt}, {"Permissions", tBigInt}, {"Severity", tInt}, {"EventSubClass", tInt}, {"ObjectID", tInt},
		{"Success", tInt}, {"IndexID", tInt}, {"IntegerData", tInt}, {"ServerName", t256}, {"EventClass", tInt},
		{"ObjectType", tInt}, {"NestLevel", tInt}, {"State", tInt}, {"Error", tInt}, {"Mode", tInt}, {"Handle", tInt},
		{"ObjectName", t256}, {"DatabaseName", t256}, {"FileName", t256}, {"OwnerName", t256}, {"RoleName", t256},
		{"TargetUserName", t256}, {"DBUserName", t256}, {"TargetLoginName", t256}, {"ColumnPermissions", tInt},
		{"LinkedServerName", t256}, {"ProviderName", t256}, {"MethodName", t256}, {"RowCounts", tBigInt}, {"RequestID", tInt},
		{"XactSequence", tBigInt}, {"EventSequence", tBigInt}, {"BigintData1", tBigInt}, {"BigintData2", tBigInt}, {"GUID", tGUID},
		{"IntegerData2", tInt}, {"ObjectID2", tBigInt}, {"Type", tInt}, {"OwnerID", tInt}, {"ParentName", t256}, {"IsSystem", tInt},
		{"Offset", tInt}, {"SourceDatabaseID", tInt}, {"SessionLoginName", t256}, {"GroupID", tInt}} {
		traceCols = append(traceCols, col(c.name, c.typ))
	}
	exec.RegisterTableFunc(exec.TableFunc{Name: "fn_trace_gettable", Cols: traceCols, MinArgs: 2, MaxArgs: 2,
		Rows: func(*exec.Session, []types.Value) ([]exec.Row, error) { return nil, nil }})
	exec.RegisterView("sys.dm_os_windows_info", []exec.ViewColumn{col("windows_release", t256), col("windows_service_pack_level", t256),
		col("windows_sku", tInt), col("os_language_version", tInt)},
		func(*exec.Session, exec.Database) ([]exec.Row, error) {
			return []exec.Row{{nv(""), nv(""), nullOf(tInt), in(1033)}}, nil
		})
	exec.RegisterView("sys.dm_os_buffer_pool_extension_configuration", []exec.ViewColumn{col("path", t256), col("file_id", tInt),
		col("state", tInt), col("state_description", tDesc), col("current_size_in_kb", tBigInt)},
		func(*exec.Session, exec.Database) ([]exec.Row, error) {
			return []exec.Row{{nullOf(t256), nullOf(tInt), in(0), nv("BUFFER POOL EXTENSION DISABLED"), types.NewBigInt(0)}}, nil
		})
	exec.RegisterView("sys.dm_server_services", []exec.ViewColumn{col("servicename", t256), col("startup_type", tInt),
		col("startup_type_desc", t256), col("status", tInt), col("status_desc", t256), col("process_id", tInt),
		col("last_startup_time", tDateTime), col("service_account", t256), col("filename", t256), col("is_clustered", types.NVarCharType(1)),
		col("cluster_nodename", t256), col("instant_file_initialization_enabled", types.NVarCharType(1))},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			exe, _ := os.Executable()
			return []exec.Row{{nv("SQL Server (MSSQLSERVER)"), in(2), nv("Automatic"), in(4), nv("Running"), in(int64(os.Getpid())),
				dtv(s.Server().StartTime()), nv("mssql"), nv(exe), nv("N"), nullOf(t256), nv("Y")}}, nil
		})
	qsCols := []exec.ViewColumn{col("desired_state", tSmallInt), col("desired_state_desc", tDesc), col("actual_state", tSmallInt),
		col("actual_state_desc", tDesc), col("readonly_reason", tInt), col("current_storage_size_mb", tBigInt),
		col("flush_interval_seconds", tBigInt), col("interval_length_minutes", tBigInt), col("max_storage_size_mb", tBigInt),
		col("stale_query_threshold_days", tBigInt), col("max_plans_per_query", tBigInt), col("query_capture_mode", tSmallInt),
		col("query_capture_mode_desc", tDesc), col("size_based_cleanup_mode", tSmallInt), col("size_based_cleanup_mode_desc", tDesc),
		col("wait_stats_capture_mode", tSmallInt), col("wait_stats_capture_mode_desc", tDesc),
		col("actual_state_additional_info", types.NVarCharType(4000))}
	exec.RegisterView("sys.database_query_store_options", qsCols, func(*exec.Session, exec.Database) ([]exec.Row, error) {
		sm, b := types.NewSmallInt, types.NewBigInt
		return []exec.Row{{sm(0), nv("OFF"), sm(0), nv("OFF"), in(0), b(0), b(900), b(60), b(1000), b(30), b(200), sm(2), nv("AUTO"),
			sm(1), nv("AUTO"), sm(1), nv("ON"), nullOf(types.NVarCharType(4000))}}, nil
	})
}
