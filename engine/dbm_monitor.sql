-- The database mirroring monitor's tables in msdb, as sp_dbmmonitorupdate
-- makes them the first time it runs (reference §4.1, §4.3): one status row
-- per update and mirrored database with the raw counters the rates are
-- computed from, the warning thresholds, and the dbm_monitor role that
-- may read the status. Made by engine/dbmmonitor.go when msdb has no
-- dbo.dbm_monitor_data.
CREATE TABLE dbo.dbm_monitor_data (
    database_id smallint NOT NULL,
    role bit NULL,
    status tinyint NULL,
    witness_status tinyint NULL,
    log_flush_rate bigint NULL,
    send_queue_size bigint NULL,
    send_rate bigint NULL,
    redo_queue_size bigint NULL,
    redo_rate bigint NULL,
    transaction_delay bigint NULL,
    transactions_per_sec bigint NULL,
    time datetime NOT NULL,
    end_of_log_lsn numeric(25,0) NULL,
    failover_lsn numeric(25,0) NULL,
    local_time datetime NULL
)
GO
CREATE CLUSTERED INDEX dbmmonitor1 ON dbo.dbm_monitor_data (database_id, time)
GO
CREATE TABLE dbo.dbm_monitor_alerts (
    database_id smallint NOT NULL,
    retention_period int NULL,
    time_behind int NULL,
    enable_time_behind bit NULL,
    send_queue int NULL,
    enable_send_queue bit NULL,
    redo_queue int NULL,
    enable_redo_queue bit NULL,
    average_delay int NULL,
    enable_average_delay bit NULL
)
GO
CREATE ROLE dbm_monitor
GO
GRANT SELECT ON dbo.dbm_monitor_data TO dbm_monitor
