package engine

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// Views of features mirrorsql does not have, with SQL Server's exact
// columns and no rows: Always On availability groups (the instance mirrors
// databases, it has no AGs or cluster), resumable index operations (every
// index build runs to completion in one statement) and partition schemes
// (every table and index lives on PRIMARY). Maintenance and monitoring
// scripts join them on every server, whether or not the feature is in
// use, and must read "none" rather than fail on an unknown name.

func emptyView(name string, cols ...exec.ViewColumn) {
	exec.RegisterView(name, cols, func(*exec.Session, exec.Database) ([]exec.Row, error) { return nil, nil })
}

func init() {
	t256 := types.NVarCharType(256)
	tMax := types.NVarCharType(types.MaxLength)
	emptyView("sys.availability_groups", col("group_id", tGUID), col("name", tName), col("resource_id", types.NVarCharType(40)),
		col("resource_group_id", types.NVarCharType(40)), col("failure_condition_level", tInt), col("health_check_timeout", tInt),
		col("automated_backup_preference", tTinyInt), col("automated_backup_preference_desc", tDesc), col("version", tSmallInt),
		col("basic_features", tBit), col("dtc_support", tBit), col("db_failover", tBit), col("is_distributed", tBit),
		col("cluster_type", tTinyInt), col("cluster_type_desc", tDesc), col("required_synchronized_secondaries_to_commit", tInt),
		col("sequence_number", tBigInt), col("is_contained", tBit))
	emptyView("sys.availability_replicas", col("replica_id", tGUID), col("group_id", tGUID), col("replica_metadata_id", tInt),
		col("replica_server_name", t256), col("owner_sid", types.Type{ID: types.VarBinary, Length: 85}), col("endpoint_url", tName),
		col("availability_mode", tTinyInt), col("availability_mode_desc", tDesc), col("failover_mode", tTinyInt),
		col("failover_mode_desc", tDesc), col("session_timeout", tInt), col("primary_role_allow_connections", tTinyInt),
		col("primary_role_allow_connections_desc", tDesc), col("secondary_role_allow_connections", tTinyInt),
		col("secondary_role_allow_connections_desc", tDesc), col("create_date", tDateTime), col("modify_date", tDateTime),
		col("backup_priority", tInt), col("read_only_routing_url", t256), col("seeding_mode", tTinyInt),
		col("seeding_mode_desc", tDesc), col("read_write_routing_url", t256))
	emptyView("sys.dm_hadr_availability_replica_states", col("replica_id", tGUID), col("group_id", tGUID), col("is_local", tBit),
		col("role", tTinyInt), col("role_desc", tDesc), col("operational_state", tTinyInt), col("operational_state_desc", tDesc),
		col("connected_state", tTinyInt), col("connected_state_desc", tDesc), col("recovery_health", tTinyInt),
		col("recovery_health_desc", tDesc), col("synchronization_health", tTinyInt), col("synchronization_health_desc", tDesc),
		col("last_connect_error_number", tInt), col("last_connect_error_description", types.NVarCharType(1024)),
		col("last_connect_error_timestamp", tDateTime), col("write_lease_remaining_ticks", tBigInt),
		col("current_configuration_commit_start_time_utc", tDateTime))
	emptyView("sys.dm_hadr_database_replica_states", col("database_id", tInt), col("group_id", tGUID), col("replica_id", tGUID),
		col("group_database_id", tGUID), col("is_local", tBit), col("is_primary_replica", tBit), col("synchronization_state", tTinyInt),
		col("synchronization_state_desc", tDesc), col("is_commit_participant", tBit), col("synchronization_health", tTinyInt),
		col("synchronization_health_desc", tDesc), col("database_state", tTinyInt), col("database_state_desc", tDesc),
		col("is_suspended", tBit), col("suspend_reason", tTinyInt), col("suspend_reason_desc", tDesc), col("recovery_lsn", tNumeric),
		col("truncation_lsn", tNumeric), col("last_sent_lsn", tNumeric), col("last_sent_time", tDateTime),
		col("last_received_lsn", tNumeric), col("last_received_time", tDateTime), col("last_hardened_lsn", tNumeric),
		col("last_hardened_time", tDateTime), col("last_redone_lsn", tNumeric), col("last_redone_time", tDateTime),
		col("log_send_queue_size", tBigInt), col("log_send_rate", tBigInt), col("redo_queue_size", tBigInt), col("redo_rate", tBigInt),
		col("filestream_send_rate", tBigInt), col("end_of_log_lsn", tNumeric), col("last_commit_lsn", tNumeric),
		col("last_commit_time", tDateTime), col("low_water_mark_for_ghosts", tBigInt), col("secondary_lag_seconds", tBigInt))
	emptyView("sys.dm_hadr_cluster", col("cluster_name", tName), col("quorum_type", tTinyInt), col("quorum_type_desc", types.NVarCharType(50)),
		col("quorum_state", tTinyInt), col("quorum_state_desc", types.NVarCharType(50)))
	emptyView("sys.dm_hadr_physical_seeding_stats", col("local_physical_seeding_id", tGUID), col("remote_physical_seeding_id", tGUID),
		col("local_database_id", tInt), col("local_database_name", tName), col("remote_machine_name", tName), col("role_desc", tDesc),
		col("internal_state_desc", tDesc), col("transfer_rate_bytes_per_second", tBigInt), col("transferred_size_bytes", tBigInt),
		col("database_size_bytes", tBigInt), col("start_time_utc", tDateTime), col("end_time_utc", tDateTime),
		col("estimate_time_complete_utc", tDateTime), col("total_disk_io_wait_time_ms", tBigInt),
		col("total_network_wait_time_ms", tBigInt), col("failure_code", tInt), col("failure_message", tMax),
		col("failure_time_utc", tDateTime), col("is_compression_enabled", tBit))
	emptyView("sys.index_resumable_operations", col("object_id", tInt), col("index_id", tInt), col("name", tName),
		col("sql_text", tMax), col("last_max_dop_used", tSmallInt), col("partition_number", tInt), col("state", tTinyInt),
		col("state_desc", tDesc), col("start_time", tDateTime), col("last_pause_time", tDateTime),
		col("total_execution_time", tInt), col("percent_complete", types.TypeFloat), col("page_count", tBigInt))
	// sys.partition_schemes and sys.destination_data_spaces: engine/exec/partition_views.go.
}
