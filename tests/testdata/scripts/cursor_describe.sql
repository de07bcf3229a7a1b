-- sp_describe_cursor, sp_describe_cursor_columns and sp_cursor_list return
-- their report in a CURSOR OUTPUT variable (the procedures' reference
-- pages): what older tools call to learn what a cursor became.
CREATE TABLE dbo.cd (id int PRIMARY KEY, v int NULL, s varchar(20) NULL)
INSERT dbo.cd VALUES (1, 10, 'a'), (2, 20, 'b')
CREATE TABLE dbo.cdh (v int)
GO
DECLARE @r CURSOR
DECLARE k CURSOR LOCAL SCROLL KEYSET FOR SELECT id, v AS val, s FROM dbo.cd
OPEN k
FETCH NEXT FROM k
EXEC sp_describe_cursor @r OUTPUT, N'local', N'k'
FETCH NEXT FROM @r
SELECT CURSOR_STATUS('variable', '@r') AS report_status
CLOSE @r
DEALLOCATE @r
EXEC sp_describe_cursor_columns @cursor_return = @r OUTPUT, @cursor_source = N'local', @cursor_identity = N'k'
FETCH NEXT FROM @r
FETCH NEXT FROM @r
FETCH NEXT FROM @r
FETCH NEXT FROM @r
SELECT @@FETCH_STATUS AS columns_end
-- expect: id | val | s
-- 1 | 10 | a
-- expect: reference_name | cursor_name | cursor_scope | status | model | concurrency | scrollable | open_status | cursor_rows | fetch_status | column_count | row_count | last_operation | cursor_handle
-- k | k | 1 | 1 | 2 | 3 | 1 | 1 | 2 | 0 | 3 | 1 | 2 | 1
-- expect: report_status
-- 1
-- expect: column_name | ordinal_position | column_characteristics_flags | column_size | data_type_sql | column_precision | column_scale | order_position | order_direction | hidden_column | columnid | objectid | dbid | dbname
-- id | 0 | 2 | 4 | 56 | 10 | 0 | 0 | NULL | 0 | -1 | -1 | -1 | NULL
-- expect: column_name | ordinal_position | column_characteristics_flags | column_size | data_type_sql | column_precision | column_scale | order_position | order_direction | hidden_column | columnid | objectid | dbid | dbname
-- val | 1 | 6 | 4 | 56 | 10 | 0 | 0 | NULL | 0 | -1 | -1 | -1 | NULL
-- expect: column_name | ordinal_position | column_characteristics_flags | column_size | data_type_sql | column_precision | column_scale | order_position | order_direction | hidden_column | columnid | objectid | dbid | dbname
-- s | 2 | 4 | 20 | 167 | 0 | 0 | 0 | NULL | 0 | -1 | -1 | -1 | NULL
-- expect: column_name | ordinal_position | column_characteristics_flags | column_size | data_type_sql | column_precision | column_scale | order_position | order_direction | hidden_column | columnid | objectid | dbid | dbname
-- expect: columns_end
-- -1
GO
-- A KEYSET cursor over a heap became STATIC: the report says so (model 1,
-- read-only); sp_cursor_list reports every cursor of the scope asked.
DECLARE @r CURSOR
DECLARE h CURSOR GLOBAL KEYSET FOR SELECT v FROM dbo.cdh
DECLARE d CURSOR LOCAL FORWARD_ONLY FOR SELECT id FROM dbo.cd
OPEN h
EXEC sp_cursor_list @r OUTPUT, 2
FETCH NEXT FROM @r
FETCH NEXT FROM @r
DEALLOCATE @r
EXEC sp_cursor_list @r OUTPUT, 1
FETCH NEXT FROM @r
CLOSE h
DEALLOCATE h
-- expect: reference_name | cursor_name | cursor_scope | status | model | concurrency | scrollable | open_status | cursor_rows | fetch_status | column_count | row_count | last_operation | cursor_handle
-- h | h | 2 | 0 | 1 | 1 | 1 | 1 | 0 | -9 | 1 | 0 | 1 | 4
-- expect: reference_name | cursor_name | cursor_scope | status | model | concurrency | scrollable | open_status | cursor_rows | fetch_status | column_count | row_count | last_operation | cursor_handle
-- expect: reference_name | cursor_name | cursor_scope | status | model | concurrency | scrollable | open_status | cursor_rows | fetch_status | column_count | row_count | last_operation | cursor_handle
-- d | d | 1 | -1 | 3 | 3 | 0 | 0 | 0 | -9 | 0 | 0 | 0 | 5
GO
DECLARE @r CURSOR
DECLARE k CURSOR LOCAL FOR SELECT id FROM dbo.cd
EXEC sp_describe_cursor @r OUTPUT, N'global', N'k'
-- error: 16916 A cursor with the name 'k' does not exist.
GO
DECLARE @r CURSOR
DECLARE k CURSOR LOCAL FOR SELECT id FROM dbo.cd
EXEC sp_describe_cursor @r OUTPUT, N'local', N'k'
EXEC sp_describe_cursor @r OUTPUT, N'local', N'k'
-- error: 16951 The variable '@r' cannot be used as a parameter because a CURSOR OUTPUT parameter must not have a cursor allocated to it before execution of the procedure.
GO
DROP TABLE dbo.cd, dbo.cdh
GO
