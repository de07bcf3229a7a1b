-- sys.dm_db_index_usage_stats and sys.dm_db_index_operational_stats
-- (issue #5): user_seeks / user_scans / user_lookups / user_updates count
-- statements (one per statement and index, however many rows), leaf_*_count
-- count rows.
CREATE TABLE dbo.u (id int NOT NULL CONSTRAINT pk_u PRIMARY KEY, v int, w int)
CREATE INDEX ix_v ON dbo.u (v)
GO
SELECT COUNT(*) AS n FROM sys.dm_db_index_usage_stats WHERE database_id = DB_ID() AND object_id = OBJECT_ID('dbo.u')
-- expect: n
-- 0
GO
INSERT dbo.u SELECT value, value % 4, value FROM GENERATE_SERIES(1, 20)
INSERT dbo.u VALUES (21, 1, 1)
INSERT dbo.u VALUES (22, 2, 2)
GO
SELECT i.name, s.user_seeks, s.user_scans, s.user_lookups, s.user_updates,
  CASE WHEN s.last_user_update IS NULL THEN 'null' ELSE 'set' END AS last_update,
  CASE WHEN s.last_user_seek IS NULL THEN 'null' ELSE 'set' END AS last_seek
FROM sys.dm_db_index_usage_stats s JOIN sys.indexes i ON i.object_id = s.object_id AND i.index_id = s.index_id
WHERE s.database_id = DB_ID() AND s.object_id = OBJECT_ID('dbo.u') ORDER BY s.index_id
-- expect: name | user_seeks | user_scans | user_lookups | user_updates | last_update | last_seek
-- pk_u | 0 | 0 | 0 | 3 | set | null
-- ix_v | 0 | 0 | 0 | 3 | set | null
GO
-- A point read seeks the clustered index; a full read scans it; a read
-- through ix_v seeks it and looks the rows up in the clustered index.
SELECT w FROM dbo.u WHERE id = 5
SELECT w FROM dbo.u WHERE id = 6
SELECT COUNT(*) AS n FROM dbo.u WHERE w > 10
SELECT w FROM dbo.u WITH (INDEX(ix_v)) WHERE v = 3 ORDER BY w
-- expect: w
-- 5
-- expect: w
-- 6
-- expect: n
-- 10
-- expect: w
-- 3
-- 7
-- 11
-- 15
-- 19
GO
SELECT s.index_id, s.user_seeks, s.user_scans, s.user_lookups, s.user_updates
FROM sys.dm_db_index_usage_stats s
WHERE s.database_id = DB_ID() AND s.object_id = OBJECT_ID('dbo.u') ORDER BY s.index_id
-- expect: index_id | user_seeks | user_scans | user_lookups | user_updates
-- 1 | 2 | 1 | 1 | 3
-- 2 | 1 | 0 | 0 | 3
GO
-- One UPDATE of 5 rows is one user update and 5 leaf updates.
UPDATE dbo.u SET w = w + 1 WHERE id BETWEEN 1 AND 5
DELETE dbo.u WHERE id IN (21, 22)
GO
SELECT index_id, leaf_insert_count, leaf_update_count, leaf_delete_count, row_lock_count
FROM sys.dm_db_index_operational_stats(DB_ID(), OBJECT_ID('dbo.u'), NULL, NULL) ORDER BY index_id
-- expect: index_id | leaf_insert_count | leaf_update_count | leaf_delete_count | row_lock_count
-- 1 | 22 | 5 | 2 | 0
-- 2 | 22 | 5 | 2 | 0
GO
SELECT s.index_id, s.user_updates FROM sys.dm_db_index_usage_stats s
WHERE s.database_id = DB_ID() AND s.object_id = OBJECT_ID('dbo.u') ORDER BY s.index_id
-- expect: index_id | user_updates
-- 1 | 5
-- 2 | 5
GO
SELECT COUNT(*) AS n FROM sys.dm_db_index_operational_stats(DB_ID(), OBJECT_ID('dbo.u'), 2, 1)
-- expect: n
-- 1
GO
SELECT COUNT(*) AS n FROM sys.dm_db_index_operational_stats(DB_ID(), OBJECT_ID('dbo.u'), NULL, 2)
-- expect: n
-- 0
GO
-- BETWEEN on the key is a range seek, as >= AND <= are; NOT BETWEEN scans.
-- The DELETE … WHERE id IN (21, 22) above sought the key (a seek per value).
SELECT s.user_seeks, s.user_scans FROM sys.dm_db_index_usage_stats s
WHERE s.database_id = DB_ID() AND s.object_id = OBJECT_ID('dbo.u') AND s.index_id = 1
-- expect: user_seeks | user_scans
-- 4 | 1
GO
SELECT COUNT(*) AS n FROM dbo.u WHERE id BETWEEN 3 AND 6
SELECT COUNT(*) AS n FROM dbo.u WHERE id NOT BETWEEN 3 AND 6
-- expect: n
-- 4
-- expect: n
-- 16
GO
SELECT s.user_seeks, s.user_scans FROM sys.dm_db_index_usage_stats s
WHERE s.database_id = DB_ID() AND s.object_id = OBJECT_ID('dbo.u') AND s.index_id = 1
-- expect: user_seeks | user_scans
-- 5 | 2
GO
