package engine

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestDBADMVs runs the monitoring and maintenance surface of DBA scripts
// against a database with a table, an index and rows: each case is one
// batch and the rows it must return (comma-joined values), or a check of
// the rows.
func TestDBADMVs(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, "USE d")
	mustExec(t, s, "CREATE TABLE dbo.t (id int PRIMARY KEY, v nvarchar(50)); CREATE INDEX ix_v ON dbo.t(v); CREATE TABLE dbo.h (a int)")
	for i := 0; i < 50; i++ {
		mustExec(t, s, "INSERT INTO dbo.t VALUES ("+strconv.Itoa(i)+", N'value number "+strconv.Itoa(i)+"'); INSERT INTO dbo.h VALUES (1)")
	}
	cases := []struct {
		name string
		sql  string
		want []string // exact rows, when check is nil
		rowf func(t *testing.T, rows []string)
	}{
		{name: "physical stats limited", sql: `SELECT OBJECT_NAME(ps.object_id), ps.index_id, ps.index_type_desc, ps.avg_fragmentation_in_percent, ps.page_count, ps.record_count
			FROM sys.dm_db_index_physical_stats(DB_ID(), NULL, NULL, NULL, 'LIMITED') ps ORDER BY 1, 2`,
			want: []string{"h,0,HEAP,0,1,NULL", "t,1,CLUSTERED INDEX,0,1,NULL", "t,2,NONCLUSTERED INDEX,0,1,NULL"}},
		{name: "physical stats detailed one index", sql: `SELECT index_id, record_count, CASE WHEN avg_record_size_in_bytes > 0 THEN 1 ELSE 0 END
			FROM sys.dm_db_index_physical_stats(DB_ID(), OBJECT_ID('dbo.t'), 1, NULL, 'DETAILED')`,
			want: []string{"1,50,1"}},
		{name: "physical stats page_count matches partition stats", sql: `SELECT COUNT(*) FROM sys.dm_db_index_physical_stats(DB_ID(), NULL, NULL, NULL, NULL) ps
			JOIN sys.dm_db_partition_stats p ON p.object_id = ps.object_id AND p.index_id = ps.index_id WHERE p.used_page_count <> ps.page_count`,
			want: []string{"0"}},
		{name: "physical stats cross apply", sql: `SELECT i.index_id, ps.page_count FROM sys.indexes i
			CROSS APPLY sys.dm_db_index_physical_stats(DB_ID(), i.object_id, i.index_id, NULL, 'LIMITED') ps WHERE i.object_id = OBJECT_ID('dbo.t') ORDER BY i.index_id`,
			want: []string{"1,1", "2,1"}},
		{name: "missing indexes empty", sql: `SELECT (SELECT COUNT(*) FROM sys.dm_db_missing_index_details)
			+ (SELECT COUNT(*) FROM sys.dm_db_missing_index_groups) + (SELECT COUNT(*) FROM sys.dm_db_missing_index_group_stats) + (SELECT COUNT(*) FROM sys.dm_db_mirroring_auto_page_repair)`,
			want: []string{"0"}},
		{name: "log info", sql: `SELECT CASE WHEN COUNT(*) >= 1 THEN 1 ELSE 0 END, CASE WHEN SUM(CAST(vlf_active AS int)) >= 1 THEN 1 ELSE 0 END,
			MIN(file_id), MIN(vlf_sequence_number) FROM sys.dm_db_log_info(DB_ID())`,
			want: []string{"1,1,2,1"}},
		{name: "virtual file stats", sql: `SELECT file_id, CASE WHEN num_of_writes > 0 THEN 1 ELSE 0 END, CASE WHEN num_of_bytes_written > 0 THEN 1 ELSE 0 END
			FROM sys.dm_io_virtual_file_stats(DB_ID(), NULL) ORDER BY file_id`,
			want: []string{"1,0,0", "2,1,1"}},
		{name: "wait stats lock types", sql: `SELECT COUNT(*) FROM sys.dm_os_wait_stats WHERE wait_type IN ('LCK_M_X', 'LCK_M_S', 'WRITELOG', 'DBMIRROR_DBM_EVENT')`,
			want: []string{"4"}},
		{name: "writelog counts commits", sql: `SELECT CASE WHEN waiting_tasks_count >= 50 AND max_wait_time_ms <= wait_time_ms THEN 1 ELSE 0 END FROM sys.dm_os_wait_stats WHERE wait_type = 'WRITELOG'`,
			want: []string{"1"}},
		{name: "schedulers", sql: `SELECT COUNT(*) FROM sys.dm_os_schedulers WHERE status = 'VISIBLE ONLINE'`,
			rowf: func(t *testing.T, rows []string) {
				if len(rows) != 1 || rows[0] == "0" {
					t.Errorf("schedulers = %v", rows)
				}
			}},
		{name: "file space usage", sql: `SELECT file_id, filegroup_id FROM sys.dm_db_file_space_usage`, want: []string{"1,1"}},
		{name: "database transactions", sql: `BEGIN TRAN; INSERT INTO dbo.h VALUES (2); SELECT COUNT(*) FROM sys.dm_tran_database_transactions WHERE database_id = DB_ID(); ROLLBACK`,
			want: []string{"1"}},
		{name: "sp_lock in a transaction", sql: `BEGIN TRAN; UPDATE dbo.t SET v = N'x' WHERE id = 1; EXEC sp_lock @@SPID; ROLLBACK`,
			rowf: func(t *testing.T, rows []string) {
				var tab, key bool
				for _, r := range rows {
					tab = tab || strings.Contains(r, ",TAB ,") && strings.Contains(r, ",IX,GRANT")
					key = key || strings.Contains(r, ",KEY ,") && strings.Contains(r, ",X,GRANT")
				}
				if !tab || !key {
					t.Errorf("sp_lock rows %v: want a TAB IX and a KEY X grant", rows)
				}
			}},
		{name: "sp_helpfile", sql: `EXEC sp_helpfile`, rowf: func(t *testing.T, rows []string) {
			if len(rows) != 2 || !strings.Contains(rows[0], "data only") || !strings.Contains(rows[1], "log only") {
				t.Errorf("sp_helpfile = %v", rows)
			}
		}},
		{name: "DBCC LOGINFO", sql: `DBCC LOGINFO`, rowf: func(t *testing.T, rows []string) {
			if len(rows) == 0 || !strings.HasPrefix(rows[0], "0,2,") {
				t.Errorf("DBCC LOGINFO = %v", rows)
			}
		}},
		{name: "foreachtable", sql: `CREATE TABLE #n (name sysname); EXEC sp_MSforeachtable 'INSERT INTO #n SELECT ''?'''; SELECT name FROM #n ORDER BY name; DROP TABLE #n`,
			want: []string{"[dbo].[h]", "[dbo].[t]"}},
		{name: "foreachtable whereand and replacechar", sql: `CREATE TABLE #n (name sysname, c int); EXEC sp_MSforeachtable @command1 = 'INSERT INTO #n SELECT ''$'', COUNT(*) FROM $', @replacechar = '$', @whereand = 'AND o.name = ''t'''; SELECT name, c FROM #n; DROP TABLE #n`,
			want: []string{"[dbo].[t],50"}},
		{name: "foreachdb keeps the database", sql: `CREATE TABLE #n (name sysname); EXEC sp_MSforeachdb 'USE [?]; INSERT INTO #n SELECT DB_NAME()', @precommand = 'INSERT INTO #n VALUES (''pre'')'; SELECT COUNT(*) FROM #n WHERE name IN ('master', 'd', 'pre'); SELECT DB_NAME(); DROP TABLE #n`,
			want: []string{"3", "d"}},
		{name: "sp_helplogins", sql: `CREATE LOGIN lg WITH PASSWORD = 'p@ss-Word1'; CREATE USER ug FOR LOGIN lg; ALTER ROLE db_datareader ADD MEMBER ug; EXEC sp_helplogins 'l%'`,
			rowf: func(t *testing.T, rows []string) {
				if len(rows) != 3 || !loginSIDText.MatchString(rows[0]) || !strings.HasSuffix(rows[0], ",master,us_english,yes  ,no     ") ||
					rows[1] != "lg,d,ug,User    " || rows[2] != "lg,d,db_datareader,MemberOf" {
					t.Errorf("sp_helplogins = %q", rows)
				}
			}},
		{name: "sp_helpdb files", sql: `EXEC sp_helpdb 'd'`, rowf: func(t *testing.T, rows []string) {
			if len(rows) != 3 || !strings.HasPrefix(rows[0], "d,") || !strings.Contains(rows[1], "data only") || !strings.Contains(rows[2], "log only") {
				t.Errorf("sp_helpdb d = %v", rows)
			}
		}},
		{name: "freeproccache", sql: `DBCC FREEPROCCACHE; DBCC FREESYSTEMCACHE('ALL'); SELECT 1`, want: []string{"1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows := mustExec(t, s, c.sql)
			if c.rowf != nil {
				c.rowf(t, rows)
				return
			}
			if strings.Join(rows, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// loginSIDText is a SQL login's row of sp_helplogins up to its SID: 16
// bytes (random, as SQL Server makes them).
var loginSIDText = regexp.MustCompile(`^lg,0x[0-9A-F]{32},`)
