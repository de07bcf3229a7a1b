-- ALTER DATABASE … MODIFY FILE: the size, growth and name settings setup
-- scripts give a database's files, kept and shown by sys.database_files.
-- The database's name differs between runs, so the statements are built.
DECLARE @db sysname = DB_NAME(), @sql nvarchar(max)
SET @sql = N'ALTER DATABASE ' + QUOTENAME(@db) + N' MODIFY FILE (NAME = N''' + @db + N'_log'', SIZE = 512MB, FILEGROWTH = 10%, MAXSIZE = 2GB)'
EXEC (@sql)
SET @sql = N'ALTER DATABASE ' + QUOTENAME(@db) + N' MODIFY FILE (NAME = ''' + @db + N''', FILEGROWTH = 256MB, MAXSIZE = UNLIMITED, NEWNAME = ''' + @db + N'_data'')'
EXEC (@sql)
SELECT file_id, type_desc, CASE WHEN name = @db + N'_data' OR name = @db + N'_log' THEN 'named' ELSE name END AS name,
    CASE WHEN type = 1 THEN size END AS log_size, max_size, growth, is_percent_growth
FROM sys.database_files ORDER BY file_id
-- expect: file_id | type_desc | name | log_size | max_size | growth | is_percent_growth
-- 1 | ROWS | named | NULL | -1 | 32768 | 0
-- 2 | LOG | named | 65536 | 262144 | 10 | 1
GO
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME()) + N' MODIFY FILE (NAME = no_such_file, SIZE = 1GB)'
EXEC (@sql)
-- error: 5041 MODIFY FILE failed. File 'no_such_file' does not exist.
GO
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME()) + N' MODIFY FILE (NAME = ''' + DB_NAME() + N'_log'', SIZE = 8MB)'
EXEC (@sql)
-- error: 5039 MODIFY FILE failed. Specified size is less than or equal to current size.
GO
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME()) + N' ADD LOG FILE (NAME = extra_log, FILENAME = ''/tmp/extra.ldf'')'
EXEC (@sql)
-- error: 40508 ALTER DATABASE … ADD LOG FILE (a database keeps its rows in one store and its log in one segmented log that grows by itself) is not supported.
GO
-- Sizes past 2147483647 pages (16 TB), growth past 2147483647 pages or
-- percent, and numbers too large to read are SQL Server's 1842, not a
-- wrapped size (9000000000 TB was -8 pages, shown as a file of 0 bytes).
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME()) + N' MODIFY FILE (NAME = ''' + DB_NAME() + N'_log'', SIZE = 9000000000TB)'
EXEC (@sql)
-- error: 1842 The file size, max size cannot be greater than 2147483647 in units of a page size. The file growth cannot be greater than 2147483647 in units of both page size and percentage.
GO
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME()) + N' MODIFY FILE (NAME = ''' + DB_NAME() + N'_log'', SIZE = 16TB)'
EXEC (@sql)
-- error: 1842 The file size, max size cannot be greater than 2147483647 in units of a page size. The file growth cannot be greater than 2147483647 in units of both page size and percentage.
GO
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME()) + N' MODIFY FILE (NAME = ''' + DB_NAME() + N'_log'', MAXSIZE = 99999999999999999999MB)'
EXEC (@sql)
-- error: 1842 The file size, max size cannot be greater than 2147483647 in units of a page size. The file growth cannot be greater than 2147483647 in units of both page size and percentage.
GO
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME()) + N' MODIFY FILE (NAME = ''' + DB_NAME() + N'_log'', FILEGROWTH = 3000000000%)'
EXEC (@sql)
-- error: 1842 The file size, max size cannot be greater than 2147483647 in units of a page size. The file growth cannot be greater than 2147483647 in units of both page size and percentage.
GO
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME()) + N' MODIFY FILE (NAME = ''' + DB_NAME() + N'_log'', FILEGROWTH = 17179869184KB)'
EXEC (@sql)
-- error: 1842 The file size, max size cannot be greater than 2147483647 in units of a page size. The file growth cannot be greater than 2147483647 in units of both page size and percentage.
GO
-- The largest sizes that fit are taken.
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME()) + N' MODIFY FILE (NAME = ''' + DB_NAME() + N'_log'', MAXSIZE = 17179869176KB, FILEGROWTH = 2147483647%)'
EXEC (@sql)
SELECT max_size, growth, is_percent_growth FROM sys.database_files WHERE file_id = 2
-- expect: max_size | growth | is_percent_growth
-- 2147483647 | 2147483647 | 1
GO
