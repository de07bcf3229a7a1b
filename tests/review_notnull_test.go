package tests

import (
	"testing"
)

// TestReviewNoNullUnderNotNull (review, session 7): since e6b26f3 a result
// column reported NOT NULL goes out as a fixed-length TDS type (INT4TYPE …),
// which cannot carry NULL in a ROW token — an NBCROW rescues TDS 7.3B+
// clients, older ones get an encoding error, and every client is told the
// column never holds NULL. So whatever reaches a client under the NOT NULL
// flag must never be NULL. This reads every row of queries whose inputs are
// NOT NULL but whose results can be NULL (window functions, subqueries,
// PIVOT, CASE without ELSE, NULLIF, views over outer joins, cursors,
// INSERT … EXEC, sp_executesql, catalog views and procedures built in Go)
// and fails on any NULL in a column go-mssqldb reports NOT NULL.
func TestReviewNoNullUnderNotNull(t *testing.T) {
	db := nullabilityDB(t, "reviewnotnull")
	for _, q := range []string{
		"CREATE VIEW dbo.rv_outer AS SELECT b.id, s.id AS sid, s.w FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id",
		"CREATE FUNCTION dbo.rv_tvf (@k int) RETURNS TABLE AS RETURN SELECT b.id, s.id AS sid FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id + @k",
		"CREATE PROCEDURE dbo.rv_proc AS SELECT b.id, s.id AS sid FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id",
		"CREATE TABLE dbo.rv_target (id int NOT NULL, sid int NULL)",
	} {
		mustExec(t, db, q)
	}
	tests := []struct{ name, query string }{
		{"lag", "SELECT id, LAG(id) OVER (ORDER BY id) AS prev, LEAD(grp) OVER (ORDER BY id) AS nxt FROM dbo.nl_big"},
		{"first_value frame", "SELECT id, FIRST_VALUE(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 1 FOLLOWING) AS f FROM dbo.nl_big"},
		{"windowed max over empty frame", "SELECT id, MAX(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 1 FOLLOWING) AS m FROM dbo.nl_big"},
		{"correlated subquery", "SELECT b.id, (SELECT s.id FROM dbo.nl_small s WHERE s.id = b.id) AS sid FROM dbo.nl_big b"},
		{"pivot", "SELECT * FROM (SELECT grp, id FROM dbo.nl_big) p PIVOT (MAX(id) FOR grp IN ([10], [30])) pv"},
		{"case without else", "SELECT id, CASE WHEN id > 1 THEN id END AS c, IIF(id > 1, id, NULL) AS i FROM dbo.nl_big"},
		{"nullif", "SELECT id, NULLIF(id, 1) AS n FROM dbo.nl_big"},
		{"view over outer join", "SELECT id, sid, w FROM dbo.rv_outer"},
		{"view star", "SELECT * FROM dbo.rv_outer"},
		{"inline tvf over outer join", "SELECT * FROM dbo.rv_tvf(0)"},
		{"outer apply tvf", "SELECT b.id, f.sid FROM dbo.nl_big b OUTER APPLY dbo.rv_tvf(100) f WHERE f.id = b.id OR f.id IS NULL"},
		{"variables", "DECLARE @a int; DECLARE @b int = 1; SELECT @a AS a, @b AS b"},
		{"variable from empty select", "DECLARE @a int; SELECT @a = id FROM dbo.nl_big WHERE id < 0; SELECT @a AS a"},
		{"scalar aggregate empty", "SELECT MAX(id) AS m, MIN(grp) AS g, SUM(id) AS s, AVG(id) AS a FROM dbo.nl_big WHERE id < 0"},
		{"grouped aggregates raw", "SELECT grp, MIN(id) AS mn, MAX(v) AS mx, SUM(v) AS s FROM dbo.nl_big GROUP BY grp"},
		{"procedure result", "EXEC dbo.rv_proc"},
		{"insert exec", "INSERT dbo.rv_target EXEC dbo.rv_proc; SELECT id, sid FROM dbo.rv_target"},
		{"sp_executesql", "EXEC sp_executesql N'SELECT b.id, s.id AS sid FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id WHERE b.id > @k', N'@k int', 0"},
		{"union of null constant", "SELECT id FROM dbo.nl_big UNION ALL SELECT NULL"},
		{"top with ties outer", "SELECT TOP (10) WITH TIES b.id, s.id AS sid FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id ORDER BY b.id"},
		{"merge output", "MERGE dbo.rv_target AS t USING dbo.nl_small AS s ON t.id = s.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id, sid) VALUES (s.id, s.w) OUTPUT $action, inserted.id, deleted.id;"},
		{"cursor fetch", "DECLARE c CURSOR LOCAL FOR SELECT b.id, s.id AS sid FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id ORDER BY b.id; OPEN c; FETCH NEXT FROM c; FETCH NEXT FROM c; CLOSE c; DEALLOCATE c"},
		{"sys.objects", "SELECT * FROM sys.objects"},
		{"sys.all_objects", "SELECT * FROM sys.all_objects"},
		{"sys.columns", "SELECT * FROM sys.columns"},
		{"sys.all_columns", "SELECT * FROM sys.all_columns"},
		{"sys.tables", "SELECT * FROM sys.tables"},
		{"sys.views", "SELECT * FROM sys.views"},
		{"sys.indexes", "SELECT * FROM sys.indexes"},
		{"sys.index_columns", "SELECT * FROM sys.index_columns"},
		{"sys.stats", "SELECT * FROM sys.stats"},
		{"sys.stats_columns", "SELECT * FROM sys.stats_columns"},
		{"sys.types", "SELECT * FROM sys.types"},
		{"sys.schemas", "SELECT * FROM sys.schemas"},
		{"sys.databases", "SELECT * FROM sys.databases"},
		{"sys.database_files", "SELECT * FROM sys.database_files"},
		{"sys.master_files", "SELECT * FROM sys.master_files"},
		{"sys.default_constraints", "SELECT * FROM sys.default_constraints"},
		{"sys.key_constraints", "SELECT * FROM sys.key_constraints"},
		{"sys.foreign_keys", "SELECT * FROM sys.foreign_keys"},
		{"sys.sql_modules", "SELECT * FROM sys.sql_modules"},
		{"sys.parameters", "SELECT * FROM sys.parameters"},
		{"sys.database_principals", "SELECT * FROM sys.database_principals"},
		{"sys.server_principals", "SELECT * FROM sys.server_principals"},
		{"sys.database_role_members", "SELECT * FROM sys.database_role_members"},
		{"sys.configurations", "SELECT * FROM sys.configurations"},
		{"sys.dm_exec_sessions", "SELECT * FROM sys.dm_exec_sessions"},
		{"sys.dm_exec_requests", "SELECT * FROM sys.dm_exec_requests"},
		{"sys.dm_exec_connections", "SELECT * FROM sys.dm_exec_connections"},
		{"sys.dm_tran_locks", "SELECT * FROM sys.dm_tran_locks"},
		{"sys.dm_os_sys_info", "SELECT * FROM sys.dm_os_sys_info"},
		{"sys.dm_os_performance_counters", "SELECT * FROM sys.dm_os_performance_counters"},
		{"sys.database_mirroring", "SELECT * FROM sys.database_mirroring"},
		{"sys.database_mirroring_endpoints", "SELECT * FROM sys.database_mirroring_endpoints"},
		{"information_schema.columns", "SELECT * FROM INFORMATION_SCHEMA.COLUMNS"},
		{"information_schema.tables", "SELECT * FROM INFORMATION_SCHEMA.TABLES"},
		{"information_schema.routines", "SELECT * FROM INFORMATION_SCHEMA.ROUTINES"},
		{"sp_columns", "EXEC sp_columns 'nl_big'"},
		{"sp_tables", "EXEC sp_tables"},
		{"sp_spaceused", "EXEC sp_spaceused"},
		{"sp_spaceused table", "EXEC sp_spaceused 'dbo.nl_big'"},
		{"sp_helpdb", "EXEC sp_helpdb"},
		{"sp_helpdb master", "EXEC sp_helpdb 'master'"},
		{"sp_help table", "EXEC sp_help 'dbo.nl_big'"},
		{"sp_who", "EXEC sp_who"},
		{"sp_who2", "EXEC sp_who2"},
		{"sp_configure", "EXEC sp_configure"},
		{"sp_readerrorlog", "EXEC sp_readerrorlog"},
		{"sp_helpindex", "EXEC sp_helpindex 'dbo.nl_big'"},
		{"sp_pkeys", "EXEC sp_pkeys 'nl_big'"},
		{"sp_stored_procedures", "EXEC sp_stored_procedures"},
		{"sp_databases", "EXEC sp_databases"},
		{"sp_server_info", "EXEC sp_server_info"},
		{"sp_statistics", "EXEC sp_statistics 'nl_big'"},
		{"sp_special_columns", "EXEC sp_special_columns 'nl_big'"},
		{"sp_fkeys", "EXEC sp_fkeys 'nl_big'"},
		{"sp_helpuser", "EXEC sp_helpuser"},
		{"sp_helpuser user", "EXEC sp_helpuser 'dbo'"},
		{"sp_helpuser role", "EXEC sp_helpuser 'db_owner'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := db.Query(tc.query)
			if err != nil {
				t.Fatalf("query refused: %v", err) // every case here must run: a refusal hides what it checks
			}
			defer rows.Close()
			for set := 0; ; set++ {
				cts, err := rows.ColumnTypes()
				if err != nil {
					t.Fatal(err)
				}
				vals := make([]any, len(cts))
				ptrs := make([]any, len(cts))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				n := 0
				for rows.Next() {
					if err := rows.Scan(ptrs...); err != nil {
						t.Fatalf("result %d row %d: %v", set, n+1, err)
					}
					n++
					for i, v := range vals {
						nullable, ok := cts[i].Nullable()
						if v == nil && ok && !nullable {
							t.Errorf("result %d row %d: column %d (%s, %s) reported NOT NULL carries NULL", set, n, i, cts[i].Name(), cts[i].DatabaseTypeName())
						}
					}
				}
				if err := rows.Err(); err != nil {
					t.Fatalf("result %d: %v", set, err)
				}
				if !rows.NextResultSet() {
					break
				}
			}
		})
	}
}
