-- sys.partitions and friends: the row counts and sizes DBA scripts read
-- without scanning tables.
CREATE TABLE dbo.parts (id int NOT NULL PRIMARY KEY, name varchar(20) NOT NULL, tag int NULL)
CREATE INDEX ix_tag ON dbo.parts (tag)
CREATE UNIQUE INDEX ux_name ON dbo.parts (name) WHERE name <> 'skip'
CREATE TABLE dbo.heap (v int)
INSERT dbo.parts SELECT value, CONCAT('n', value), value % 3 FROM GENERATE_SERIES(1, 250)
UPDATE dbo.parts SET name = 'skip' WHERE id = 1
INSERT dbo.heap VALUES (1), (2)
GO
SELECT OBJECT_NAME(p.object_id) AS tbl, p.index_id, p.partition_number, p.rows, p.data_compression_desc
FROM sys.partitions p JOIN sys.objects o ON o.object_id = p.object_id
WHERE o.is_ms_shipped = 0 ORDER BY tbl, p.index_id
-- expect: tbl | index_id | partition_number | rows | data_compression_desc
-- heap | 0 | 1 | 2 | NONE
-- parts | 1 | 1 | 250 | NONE
-- parts | 2 | 1 | 250 | NONE
-- parts | 3 | 1 | 249 | NONE
GO
-- The usual row count query, and sizes that grow with the rows.
SELECT SUM(rows) AS row_count FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.parts') AND index_id IN (0, 1)
-- expect: row_count
-- 250
GO
SELECT ps.row_count, CASE WHEN ps.used_page_count > 0 AND ps.reserved_page_count >= ps.used_page_count AND ps.reserved_page_count % 8 = 0 THEN 'ok' ELSE 'bad' END AS pages,
  CASE WHEN au.total_pages = ps.reserved_page_count THEN 'ok' ELSE 'bad' END AS alloc
FROM sys.dm_db_partition_stats ps JOIN sys.allocation_units au ON au.container_id = ps.partition_id
WHERE ps.object_id = OBJECT_ID('dbo.parts') AND ps.index_id = 1
-- expect: row_count | pages | alloc
-- 250 | ok | ok
GO
IF NOT EXISTS (SELECT name FROM sys.filegroups WHERE is_default = 1 AND name = N'PRIMARY') PRINT 'no default filegroup'
SELECT name, type_desc, is_default FROM sys.data_spaces
-- expect: name | type_desc | is_default
-- PRIMARY | ROWS_FILEGROUP | 1
GO
