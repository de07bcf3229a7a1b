package engine

import (
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sys.databases with every column SQL Server 2022 has, in its order:
// maintenance and monitoring scripts select columns by name from all over
// it (Ola Hallengren's reads is_distributor, is_in_standby, source_database_id
// …), so a missing one fails the whole script. Options set by ALTER DATABASE
// … SET come from master's record of the database (dboptions.go); the rest
// are what SQL Server shows for a database without the feature.

// dbColumn is one column of sys.databases and how a row's value is made.
type dbColumn struct {
	name  string
	typ   types.Type
	value func(d exec.DatabaseInfo) types.Value
}

// onOff is a column showing an ALTER DATABASE … SET option (def if never set).
func onOff(name, option string, def bool) dbColumn {
	return dbColumn{name, tBit, func(d exec.DatabaseInfo) types.Value { return bt(databaseOptionOn(d.Entry, option, def)) }}
}

// fixed is a column with one value for every database.
func fixed(name string, t types.Type, v types.Value) dbColumn {
	return dbColumn{name, t, func(exec.DatabaseInfo) types.Value { return v }}
}

func entryColumn(name string, t types.Type, f func(e *catalog.DatabaseEntry) types.Value) dbColumn {
	return dbColumn{name, t, func(d exec.DatabaseInfo) types.Value { return f(d.Entry) }}
}

var databasesColumns = []dbColumn{
	entryColumn("name", tName, func(e *catalog.DatabaseEntry) types.Value { return nv(e.Name) }),
	entryColumn("database_id", tInt, func(e *catalog.DatabaseEntry) types.Value { return in(int64(e.ID)) }),
	entryColumn("source_database_id", tInt, func(e *catalog.DatabaseEntry) types.Value { // snapshot.go
		if e.SnapshotOf == 0 {
			return nullOf(tInt)
		}
		return in(int64(e.SnapshotOf))
	}),
	{"owner_sid", types.Type{ID: types.VarBinary, Length: 85}, func(d exec.DatabaseInfo) types.Value {
		return types.NewVarBinary(d.OwnerSID)
	}},
	entryColumn("create_date", tDateTime, func(e *catalog.DatabaseEntry) types.Value { return dtv(e.Created) }),
	entryColumn("compatibility_level", tTinyInt, func(e *catalog.DatabaseEntry) types.Value { return ti(compatibilityLevel(e)) }),
	{"collation_name", tName, func(d exec.DatabaseInfo) types.Value { // exec/dbcollation.go
		if d.Open == nil {
			return nullOf(tName) // as SQL Server shows a database that is not online
		}
		return nv(exec.DatabaseCollation(d.Open).Name())
	}},
	entryColumn("user_access", tTinyInt, func(e *catalog.DatabaseEntry) types.Value {
		return ti(map[string]int64{"MULTI_USER": 0, "SINGLE_USER": 1, "RESTRICTED_USER": 2}[e.UserAccess])
	}),
	entryColumn("user_access_desc", tDesc, func(e *catalog.DatabaseEntry) types.Value {
		if e.UserAccess == "" {
			return nv("MULTI_USER")
		}
		return nv(e.UserAccess)
	}),
	entryColumn("is_read_only", tBit, func(e *catalog.DatabaseEntry) types.Value {
		return bt(e.SnapshotOf != 0 || databaseOptionOn(e, "READ_ONLY", false)) // a snapshot is read-only
	}),
	onOff("is_auto_close_on", "AUTO_CLOSE", false),
	onOff("is_auto_shrink_on", "AUTO_SHRINK", false),
	{"state", tTinyInt, func(d exec.DatabaseInfo) types.Value { return ti(stateCodes[d.State]) }},
	{"state_desc", tDesc, func(d exec.DatabaseInfo) types.Value { return nv(d.State) }},
	fixed("is_in_standby", tBit, bt(false)),
	fixed("is_cleanly_shutdown", tBit, bt(false)),
	fixed("is_supplemental_logging_enabled", tBit, bt(false)),
	entryColumn("snapshot_isolation_state", tTinyInt, func(e *catalog.DatabaseEntry) types.Value {
		return ti(map[bool]int64{true: 1}[databaseOptionOn(e, "ALLOW_SNAPSHOT_ISOLATION", defaultAllowSnapshot(e.Name))])
	}),
	entryColumn("snapshot_isolation_state_desc", tDesc, func(e *catalog.DatabaseEntry) types.Value {
		return nv(map[bool]string{true: "ON", false: "OFF"}[databaseOptionOn(e, "ALLOW_SNAPSHOT_ISOLATION", defaultAllowSnapshot(e.Name))])
	}),
	onOff("is_read_committed_snapshot_on", "READ_COMMITTED_SNAPSHOT", false),
	entryColumn("recovery_model", tTinyInt, func(e *catalog.DatabaseEntry) types.Value { return ti(recoveryCodes[e.RecoveryModel]) }),
	entryColumn("recovery_model_desc", tDesc, func(e *catalog.DatabaseEntry) types.Value { return nv(e.RecoveryModel) }),
	entryColumn("page_verify_option", tTinyInt, func(e *catalog.DatabaseEntry) types.Value { n, _ := pageVerify(e); return ti(n) }),
	entryColumn("page_verify_option_desc", tDesc, func(e *catalog.DatabaseEntry) types.Value { _, s := pageVerify(e); return nv(s) }),
	onOff("is_auto_create_stats_on", "AUTO_CREATE_STATISTICS", true),
	fixed("is_auto_create_stats_incremental_on", tBit, bt(false)),
	onOff("is_auto_update_stats_on", "AUTO_UPDATE_STATISTICS", true),
	onOff("is_auto_update_stats_async_on", "AUTO_UPDATE_STATISTICS_ASYNC", false),
	onOff("is_ansi_null_default_on", "ANSI_NULL_DEFAULT", false),
	onOff("is_ansi_nulls_on", "ANSI_NULLS", false),
	onOff("is_ansi_padding_on", "ANSI_PADDING", false),
	onOff("is_ansi_warnings_on", "ANSI_WARNINGS", false),
	onOff("is_arithabort_on", "ARITHABORT", false),
	onOff("is_concat_null_yields_null_on", "CONCAT_NULL_YIELDS_NULL", false),
	onOff("is_numeric_roundabort_on", "NUMERIC_ROUNDABORT", false),
	onOff("is_quoted_identifier_on", "QUOTED_IDENTIFIER", false),
	onOff("is_recursive_triggers_on", "RECURSIVE_TRIGGERS", false),
	onOff("is_cursor_close_on_commit_on", "CURSOR_CLOSE_ON_COMMIT", false),
	entryColumn("is_local_cursor_default", tBit, func(e *catalog.DatabaseEntry) types.Value {
		return bt(strings.EqualFold(e.Options["CURSOR_DEFAULT"], "LOCAL"))
	}),
	fixed("is_fulltext_enabled", tBit, bt(false)),
	entryColumn("is_trustworthy_on", tBit, func(e *catalog.DatabaseEntry) types.Value {
		return bt(databaseOptionOn(e, "TRUSTWORTHY", strings.EqualFold(e.Name, "msdb")))
	}),
	onOff("is_db_chaining_on", "DB_CHAINING", false),
	entryColumn("is_parameterization_forced", tBit, func(e *catalog.DatabaseEntry) types.Value {
		return bt(strings.EqualFold(e.Options["PARAMETERIZATION"], "FORCED"))
	}),
	fixed("is_master_key_encrypted_by_server", tBit, bt(false)),
	onOff("is_query_store_on", "QUERY_STORE", false),
	fixed("is_published", tBit, bt(false)),
	fixed("is_subscribed", tBit, bt(false)),
	fixed("is_merge_published", tBit, bt(false)),
	fixed("is_distributor", tBit, bt(false)),
	fixed("is_sync_with_backup", tBit, bt(false)),
	fixed("service_broker_guid", tGUID, nullOf(tGUID)),
	onOff("is_broker_enabled", "ENABLE_BROKER", false),
	{"log_reuse_wait", tTinyInt, func(d exec.DatabaseInfo) types.Value { return ti(reuseCodes[d.LogReuseWait]) }},
	{"log_reuse_wait_desc", tDesc, func(d exec.DatabaseInfo) types.Value { return nv(d.LogReuseWait) }},
	onOff("is_date_correlation_on", "DATE_CORRELATION_OPTIMIZATION", false),
	fixed("is_cdc_enabled", tBit, bt(false)),
	fixed("is_encrypted", tBit, bt(false)),
	onOff("is_honor_broker_priority_on", "HONOR_BROKER_PRIORITY", false),
	fixed("replica_id", tGUID, nullOf(tGUID)),
	fixed("group_database_id", tGUID, nullOf(tGUID)),
	fixed("resource_pool_id", tInt, nullOf(tInt)),
	fixed("default_language_lcid", types.TypeSmallInt, nullOf(types.TypeSmallInt)),
	fixed("default_language_name", tName, nullOf(tName)),
	fixed("default_fulltext_language_lcid", tInt, nullOf(tInt)),
	fixed("default_fulltext_language_name", tName, nullOf(tName)),
	fixed("is_nested_triggers_on", tBit, nullOf(tBit)),
	fixed("is_transform_noise_words_on", tBit, nullOf(tBit)),
	fixed("two_digit_year_cutoff", types.TypeSmallInt, nullOf(types.TypeSmallInt)),
	fixed("containment", tTinyInt, ti(0)),
	fixed("containment_desc", tDesc, nv("NONE")),
	entryColumn("target_recovery_time_in_seconds", tInt, func(e *catalog.DatabaseEntry) types.Value {
		if n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(e.Options["TARGET_RECOVERY_TIME"], " SECONDS"), " MINUTES")); err == nil {
			if strings.HasSuffix(e.Options["TARGET_RECOVERY_TIME"], "MINUTES") {
				n *= 60
			}
			return in(int64(n))
		}
		return in(60)
	}),
	entryColumn("delayed_durability", tInt, func(e *catalog.DatabaseEntry) types.Value {
		return in(map[string]int64{"ALLOWED": 1, "FORCED": 2}[e.Options["DELAYED_DURABILITY"]])
	}),
	entryColumn("delayed_durability_desc", tDesc, func(e *catalog.DatabaseEntry) types.Value {
		if v := e.Options["DELAYED_DURABILITY"]; v == "ALLOWED" || v == "FORCED" {
			return nv(v)
		}
		return nv("DISABLED")
	}),
	fixed("is_memory_optimized_elevate_to_snapshot_on", tBit, bt(false)),
	fixed("is_federation_member", tBit, bt(false)),
	fixed("is_remote_data_archive_enabled", tBit, bt(false)),
	onOff("is_mixed_page_allocation_on", "MIXED_PAGE_ALLOCATION", false),
	fixed("is_temporal_history_retention_enabled", tBit, bt(true)),
	fixed("catalog_collation_type", tInt, in(0)),
	fixed("catalog_collation_type_desc", tDesc, nv("DATABASE_DEFAULT")),
	entryColumn("physical_database_name", tName, func(e *catalog.DatabaseEntry) types.Value { return nv(e.Name) }),
	fixed("is_result_set_caching_on", tBit, bt(false)),
	onOff("is_accelerated_database_recovery_on", "ACCELERATED_DATABASE_RECOVERY", false),
	fixed("is_tempdb_spill_to_remote_store", tBit, bt(false)),
	fixed("is_stale_page_detection_on", tBit, bt(false)),
	fixed("is_memory_optimized_enabled", tBit, bt(true)),
	fixed("is_data_retention_enabled", tBit, bt(false)),
	fixed("is_ledger_on", tBit, bt(false)),
	fixed("is_change_feed_enabled", tBit, bt(false)),
}

func init() {
	cols := make([]exec.ViewColumn, len(databasesColumns))
	for i, c := range databasesColumns {
		cols[i] = col(c.name, c.typ)
	}
	exec.RegisterView("sys.databases", cols, func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
		var out []exec.Row
		for _, d := range s.Server().DatabaseList() {
			row := make(exec.Row, len(databasesColumns))
			for i, c := range databasesColumns {
				row[i] = c.value(d)
			}
			out = append(out, row)
		}
		return out, nil
	})
}
