package tests

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Community DBA queries, as their authors publish them, through go-mssqldb:
// Glenn Berry's diagnostic queries (top waits, I/O latency by file, VLF
// counts, index fragmentation), the fragmentation probe of Ola Hallengren's
// IndexOptimize (run through sp_executesql with parameters, as it runs it)
// and sp_MSforeachdb / sp_MSforeachtable. Each must run and return the
// columns the scripts read; where the figures are known (a lock wait this
// test provokes, the table's row count), the rows are checked too.

// glennBerryWaits is the "Isolate top waits for server instance" query
// (its exclusion list shortened to the benign waits of an idle server).
const glennBerryWaits = `WITH [Waits]
AS (SELECT wait_type, wait_time_ms/ 1000.0 AS [WaitS],
          (wait_time_ms - signal_wait_time_ms) / 1000.0 AS [ResourceS],
           signal_wait_time_ms / 1000.0 AS [SignalS],
           waiting_tasks_count AS [WaitCount],
           100.0 *  wait_time_ms / SUM (wait_time_ms) OVER() AS [Percentage],
           ROW_NUMBER() OVER(ORDER BY wait_time_ms DESC) AS [RowNum]
    FROM sys.dm_os_wait_stats WITH (NOLOCK)
    WHERE [wait_type] NOT IN (N'BROKER_EVENTHANDLER', N'BROKER_RECEIVE_WAITFOR', N'BROKER_TASK_STOP',
        N'CHECKPOINT_QUEUE', N'CLR_AUTO_EVENT', N'DIRTY_PAGE_POLL', N'LAZYWRITER_SLEEP', N'LOGMGR_QUEUE',
        N'REQUEST_FOR_DEADLOCK_SEARCH', N'SLEEP_TASK', N'SQLTRACE_BUFFER_FLUSH', N'WAITFOR', N'XE_TIMER_EVENT')
    AND waiting_tasks_count > 0)
SELECT
    MAX (W1.wait_type) AS [WaitType],
	CAST (MAX (W1.Percentage) AS DECIMAL (5,2)) AS [Wait Percentage],
	CAST ((MAX (W1.WaitS) / MAX (W1.WaitCount)) AS DECIMAL (16,4)) AS [AvgWait_Sec],
    CAST ((MAX (W1.ResourceS) / MAX (W1.WaitCount)) AS DECIMAL (16,4)) AS [AvgRes_Sec],
    CAST ((MAX (W1.SignalS) / MAX (W1.WaitCount)) AS DECIMAL (16,4)) AS [AvgSig_Sec],
    CAST (MAX (W1.WaitS) AS DECIMAL (16,2)) AS [Wait_Sec],
    CAST (MAX (W1.ResourceS) AS DECIMAL (16,2)) AS [Resource_Sec],
    CAST (MAX (W1.SignalS) AS DECIMAL (16,2)) AS [Signal_Sec],
    MAX (W1.WaitCount) AS [Wait Count]
FROM Waits AS W1
INNER JOIN Waits AS W2
ON W2.RowNum <= W1.RowNum
GROUP BY W1.RowNum, W1.wait_type
HAVING SUM (W2.Percentage) - MAX (W1.Percentage) < 99
OPTION (RECOMPILE);`

// glennBerryIOLatency is "Drive level latency / I/O statistics by file".
const glennBerryIOLatency = `SELECT DB_NAME(fs.database_id) AS [Database Name], CAST(fs.io_stall_read_ms/(1.0 + fs.num_of_reads) AS NUMERIC(10,1)) AS [avg_read_latency_ms],
CAST(fs.io_stall_write_ms/(1.0 + fs.num_of_writes) AS NUMERIC(10,1)) AS [avg_write_latency_ms],
CAST((fs.io_stall_read_ms + fs.io_stall_write_ms)/(2.0 + fs.num_of_reads + fs.num_of_writes) AS NUMERIC(10,1)) AS [avg_io_latency_ms],
CONVERT(DECIMAL(18,2), mf.size/128.0) AS [File Size (MB)], mf.physical_name, mf.type_desc, fs.io_stall_read_ms, fs.num_of_reads,
fs.io_stall_write_ms, fs.num_of_writes, fs.io_stall_read_ms + fs.io_stall_write_ms AS [io_stalls], fs.num_of_reads + fs.num_of_writes AS [total_io],
io_stall_queued_read_ms AS [Resource Governor Total Read IO Latency (ms)], io_stall_queued_write_ms AS [Resource Governor Total Write IO Latency (ms)]
FROM sys.dm_io_virtual_file_stats(null,null) AS fs
INNER JOIN sys.master_files AS mf WITH (NOLOCK)
ON fs.database_id = mf.database_id
AND fs.[file_id] = mf.[file_id]
ORDER BY avg_io_latency_ms DESC OPTION (RECOMPILE);`

// glennBerryHardware is "Hardware information from SQL Server" (2019).
const glennBerryHardware = `SELECT cpu_count AS [Logical CPU Count], scheduler_count,
       (socket_count * cores_per_socket) AS [Physical Core Count],
       socket_count AS [Socket Count], cores_per_socket, numa_node_count,
       physical_memory_kb/1024 AS [Physical Memory (MB)],
       max_workers_count AS [Max Workers Count],
	   affinity_type_desc AS [Affinity Type],
       sqlserver_start_time AS [SQL Server Start Time],
	   DATEDIFF(hour, sqlserver_start_time, GETDATE()) AS [SQL Server Up Time (hrs)],
	   virtual_machine_type_desc AS [Virtual Machine Type],
       softnuma_configuration_desc AS [Soft NUMA Configuration],
	   sql_memory_model_desc,
	   container_type_desc
FROM sys.dm_os_sys_info WITH (NOLOCK) OPTION (RECOMPILE);`

// glennBerryVLFs is "Get VLF Counts for all databases on the instance".
const glennBerryVLFs = `SELECT [name] AS [Database Name], [VLF Count]
FROM sys.databases AS db WITH (NOLOCK)
CROSS APPLY (SELECT file_id, COUNT(*) AS [VLF Count]
		     FROM sys.dm_db_log_info(db.database_id)
			 GROUP BY file_id) AS li
ORDER BY [VLF Count] DESC OPTION (RECOMPILE);`

// glennBerryFragmentation is "Get fragmentation info for all indexes above
// a certain size in the current database", with its page_count threshold
// as a parameter (the published query reads > 2500 pages).
const glennBerryFragmentation = `SELECT DB_NAME(ps.database_id) AS [Database Name], SCHEMA_NAME(o.[schema_id]) AS [Schema Name],
OBJECT_NAME(ps.OBJECT_ID) AS [Object Name], i.[name] AS [Index Name], ps.index_id,
ps.index_type_desc, ps.avg_fragmentation_in_percent,
ps.fragment_count, ps.page_count, i.fill_factor, i.has_filter,
i.filter_definition, i.[allow_page_locks]
FROM sys.dm_db_index_physical_stats(DB_ID(),NULL, NULL, NULL , N'LIMITED') AS ps
INNER JOIN sys.indexes AS i WITH (NOLOCK)
ON ps.[object_id] = i.[object_id]
AND ps.index_id = i.index_id
INNER JOIN sys.objects AS o WITH (NOLOCK)
ON i.[object_id] = o.[object_id]
WHERE ps.database_id = DB_ID()
AND ps.page_count > @minPages
ORDER BY ps.avg_fragmentation_in_percent DESC OPTION (RECOMPILE);`

// olaFragmentation is IndexOptimize's probe of one index.
const olaFragmentation = `SELECT @ParamFragmentationLevel = MAX(avg_fragmentation_in_percent), @ParamPageCount = SUM(page_count) FROM sys.dm_db_index_physical_stats(@ParamDatabaseID, @ParamObjectID, @ParamIndexID, @ParamPartitionNumber, 'LIMITED') WHERE alloc_unit_type_desc = 'IN_ROW_DATA' AND index_level = 0`

func TestClientDBAQueries(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "dmvs"})
	admin := srv.DB("master")
	mustExec(t, admin, "CREATE DATABASE dmvs")
	db := srv.DB("dmvs")
	mustExec(t, db, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v nvarchar(40) NULL); CREATE INDEX ix_v ON dbo.t (v)")
	for i := 0; i < 20; i++ {
		mustExec(t, db, "INSERT INTO dbo.t VALUES (@p1, N'row')", i)
	}

	// A lock wait: one connection holds a row X, another asks for it
	// with a 200 ms lock timeout and gets 1222 after queueing.
	ctx := context.Background()
	holder, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(ctx, "BEGIN TRAN; UPDATE dbo.t SET v = N'held' WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	waiter, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer waiter.Close()
	if _, err := waiter.ExecContext(ctx, "SET LOCK_TIMEOUT 200; UPDATE dbo.t SET v = N'w' WHERE id = 1"); err == nil || !strings.Contains(err.Error(), "Lock request time out") {
		t.Fatalf("blocked update: %v, want error 1222", err)
	}
	// sp_lock, from a third session, shows the holder's grants.
	lockSets := queryAll(t, db, "EXEC sp_lock")
	var keyX bool
	for _, r := range lockSets[0] {
		keyX = keyX || strings.TrimSpace(r[4]) == "KEY" && r[6] == "X" && r[7] == "GRANT"
	}
	if !keyX {
		t.Errorf("sp_lock: no KEY X GRANT in %v", lockSets[0])
	}
	if _, err := holder.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}

	waits := queryAll(t, admin, glennBerryWaits)[0]
	var lockWait bool
	for _, r := range waits {
		lockWait = lockWait || strings.HasPrefix(r[0], "LCK_M_") && r[8] != "0"
	}
	if !lockWait {
		t.Errorf("top waits: no LCK_M_ row in %v", waits)
	}

	io := queryAll(t, admin, glennBerryIOLatency)[0]
	var logWrites bool
	for _, r := range io {
		logWrites = logWrites || r[0] == "dmvs" && r[6] == "LOG" && r[10] != "0"
	}
	if !logWrites {
		t.Errorf("I/O by file: no writes counted on dmvs's log in %v", io)
	}

	hw := queryAll(t, admin, glennBerryHardware)[0]
	if len(hw) != 1 || hw[0][0] == "0" || hw[0][2] != hw[0][0] || hw[0][3] != "1" {
		t.Errorf("hardware info: %v, want one row, one socket of cpu_count cores", hw)
	}

	vlfs := queryAll(t, admin, glennBerryVLFs)[0]
	var dmvsVLFs bool
	for _, r := range vlfs {
		dmvsVLFs = dmvsVLFs || r[0] == "dmvs" && r[1] != "0"
	}
	if !dmvsVLFs {
		t.Errorf("VLF counts: no row for dmvs in %v", vlfs)
	}

	if rows := queryAll(t, db, glennBerryFragmentation, sql.Named("minPages", 2500))[0]; len(rows) != 0 {
		t.Errorf("fragmentation above 2500 pages: %v, want none", rows)
	}
	frag := queryAll(t, db, glennBerryFragmentation, sql.Named("minPages", 0))[0]
	if len(frag) != 2 || frag[0][2] != "t" || frag[0][6] != "0" || frag[0][8] != "1" {
		t.Errorf("fragmentation of dbo.t's indexes: %v, want 2 rows, 0%%, 1 page", frag)
	}

	var level sql.NullFloat64
	var pages sql.NullInt64
	if _, err := db.Exec("EXEC sp_executesql @stmt, N'@ParamDatabaseID int, @ParamObjectID int, @ParamIndexID int, @ParamPartitionNumber int, @ParamFragmentationLevel float OUTPUT, @ParamPageCount bigint OUTPUT', @p1, @p2, 1, 1, @p3 OUTPUT, @p4 OUTPUT",
		sql.Named("stmt", olaFragmentation), sql.Named("p1", 0), sql.Named("p2", 0), sql.Named("p3", sql.Out{Dest: &level}), sql.Named("p4", sql.Out{Dest: &pages})); err != nil {
		t.Fatalf("IndexOptimize probe: %v", err)
	}

	sets := queryAll(t, db, "EXEC sp_MSforeachdb 'USE [?]; SELECT DB_NAME() AS db'")
	var names []string
	for _, s := range sets {
		for _, r := range s {
			names = append(names, r[0])
		}
	}
	if !strings.Contains(","+strings.Join(names, ",")+",", ",master,") || !strings.Contains(","+strings.Join(names, ",")+",", ",dmvs,") {
		t.Errorf("sp_MSforeachdb: databases %v", names)
	}
	counts := queryAll(t, db, "EXEC sp_MSforeachtable 'SELECT ''?'' AS t, COUNT(*) AS n FROM ?'")
	if len(counts) != 1 || len(counts[0]) != 1 || counts[0][0][0] != "[dbo].[t]" || counts[0][0][1] != "20" {
		t.Errorf("sp_MSforeachtable: %v", counts)
	}
	if got := queryAll(t, db, "SELECT DB_NAME()")[0]; got[0][0] != "dmvs" {
		t.Errorf("database after sp_MSforeachdb: %v", got)
	}

	// Every column of every new view and procedure: the TDS encoder
	// refuses a value that does not fit its declared type, which the
	// client would see as an error.
	for _, q := range []string{
		"SELECT * FROM sys.dm_os_wait_stats", "SELECT * FROM sys.dm_os_schedulers", "SELECT * FROM sys.dm_db_file_space_usage",
		"SELECT * FROM sys.dm_tran_database_transactions", "SELECT * FROM sys.dm_db_index_usage_stats",
		"SELECT * FROM sys.dm_db_missing_index_details", "SELECT * FROM sys.dm_db_missing_index_groups",
		"SELECT * FROM sys.dm_db_missing_index_group_stats", "SELECT * FROM sys.dm_db_mirroring_auto_page_repair",
		"SELECT * FROM sys.dm_exec_query_stats", "SELECT * FROM sys.dm_exec_cached_plans",
		"SELECT * FROM sys.dm_db_index_physical_stats(NULL, NULL, NULL, NULL, 'DETAILED')",
		"SELECT * FROM sys.dm_db_index_physical_stats(DB_ID(), NULL, NULL, NULL, NULL)",
		"SELECT * FROM sys.dm_db_log_info(DB_ID())", "SELECT * FROM sys.dm_io_virtual_file_stats(NULL, NULL)",
		"DBCC LOGINFO", "EXEC sp_helpfile", "EXEC sp_helplogins", "EXEC sp_helpdb 'dmvs'", "EXEC sp_lock",
		"BEGIN TRAN; UPDATE dbo.t SET v = N'x' WHERE id = 2; SELECT * FROM sys.dm_tran_database_transactions; EXEC sp_lock @@SPID; ROLLBACK",
	} {
		if sets := queryAll(t, db, q); len(sets) == 0 {
			t.Errorf("%s: no result set", q)
		}
	}
}

// query runs q and returns every result set as text.
func queryAll(t *testing.T, db interface {
	Query(string, ...any) (*sql.Rows, error)
}, q string, args ...any) [][][]string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%.60s…: %v", q, err)
	}
	return readAllSets(t, rows)
}
