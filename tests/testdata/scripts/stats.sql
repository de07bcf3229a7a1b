-- Statistics objects and their modification counters (issue #5): every
-- row inserted, updated or deleted counts once for each statistics object
-- of the table (mirrorsql counts per table, not per leading column);
-- UPDATE STATISTICS starts the counter again from zero and moves
-- STATS_DATE / last_updated.
CREATE TABLE dbo.st (id int NOT NULL CONSTRAINT pk_st PRIMARY KEY, v int, w varchar(10))
CREATE INDEX ix_v ON dbo.st (v)
GO
INSERT dbo.st SELECT value, value % 5, 'w' FROM GENERATE_SERIES(1, 30)
GO
SELECT s.name, s.stats_id, p.modification_counter
FROM sys.stats s CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) p
WHERE s.object_id = OBJECT_ID('dbo.st') ORDER BY s.stats_id
-- expect: name | stats_id | modification_counter
-- pk_st | 1 | 30
-- ix_v | 2 | 30
GO
UPDATE dbo.st SET w = 'x' WHERE id <= 4
DELETE dbo.st WHERE id > 27
INSERT dbo.st VALUES (100, 1, 'y')
GO
SELECT p.modification_counter FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.st'), 2) p
-- expect: modification_counter
-- 38
GO
-- A rolled-back change counts, as SQL Server's counter is not transactional.
BEGIN TRAN
DELETE dbo.st WHERE id = 100
ROLLBACK
SELECT p.modification_counter FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.st'), 2) p
-- expect: modification_counter
-- 39
GO
-- One statistics object named without parentheses, as IndexOptimize writes it.
UPDATE STATISTICS dbo.st [ix_v] WITH FULLSCAN
SELECT s.stats_id, p.rows, p.rows_sampled, p.modification_counter
FROM sys.stats s CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) p
WHERE s.object_id = OBJECT_ID('dbo.st') ORDER BY s.stats_id
-- expect: stats_id | rows | rows_sampled | modification_counter
-- 1 | 28 | 28 | 39
-- 2 | 28 | 28 | 0
GO
INSERT dbo.st VALUES (101, 2, 'z'), (102, 3, 'z')
UPDATE STATISTICS dbo.st WITH SAMPLE 50 PERCENT, NORECOMPUTE
INSERT dbo.st VALUES (103, 4, 'z')
SELECT s.stats_id, p.rows, p.modification_counter, CASE WHEN p.last_updated = STATS_DATE(s.object_id, s.stats_id) THEN 'ok' ELSE 'bad' END AS d
FROM sys.stats s CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) p
WHERE s.object_id = OBJECT_ID('dbo.st') ORDER BY s.stats_id
-- expect: stats_id | rows | modification_counter | d
-- 1 | 30 | 1 | ok
-- 2 | 30 | 1 | ok
GO
-- CREATE STATISTICS is made from the rows there are: its counter starts at 0.
CREATE STATISTICS st_w ON dbo.st (w)
UPDATE dbo.st SET w = 'q' WHERE id = 1
SELECT s.name, s.user_created, p.rows, p.modification_counter
FROM sys.stats s CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) p
WHERE s.object_id = OBJECT_ID('dbo.st') AND s.name = 'st_w'
-- expect: name | user_created | rows | modification_counter
-- st_w | 1 | 31 | 1
GO
-- WITH COLUMNS updates only column statistics, WITH INDEX only the indexes'.
UPDATE STATISTICS dbo.st WITH COLUMNS
SELECT s.name, p.modification_counter
FROM sys.stats s CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) p
WHERE s.object_id = OBJECT_ID('dbo.st') ORDER BY s.stats_id
-- expect: name | modification_counter
-- pk_st | 2
-- ix_v | 2
-- st_w | 0
GO
UPDATE STATISTICS dbo.st (ix_v, st_w) WITH RESAMPLE, INCREMENTAL = OFF
SELECT COUNT(*) AS stale FROM sys.stats s CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) p
WHERE s.object_id = OBJECT_ID('dbo.st') AND p.modification_counter > 0
-- expect: stale
-- 1
GO
UPDATE STATISTICS dbo.st nope
-- error: 1088 Cannot find the object "nope" because it does not exist or you do not have permissions.
GO
UPDATE STATISTICS dbo.nope
-- error: 1088
GO
SELECT STATS_DATE(OBJECT_ID('dbo.st'), 99) AS d, CASE WHEN STATS_DATE(OBJECT_ID('dbo.st'), 3) IS NULL THEN 'null' ELSE 'date' END AS user_stats
-- expect: d | user_stats
-- NULL | date
GO
-- sp_updatestats updates what changed and reports the rest as not needed.
CREATE TABLE dbo.st2 (id int NOT NULL CONSTRAINT pk_st2 PRIMARY KEY)
GO
EXEC sp_updatestats
-- message: Updating [dbo].[st]
-- message:     [pk_st] has been updated...
-- message:     [ix_v], update is not necessary...
-- message:     [st_w], update is not necessary...
-- message:     1 index(es)/statistic(s) have been updated, 2 did not require update.
-- message: Updating [dbo].[st2]
-- message:     [pk_st2], update is not necessary...
-- message:     0 index(es)/statistic(s) have been updated, 1 did not require update.
-- message: Statistics for all tables have been updated.
GO
SELECT COUNT(*) AS stale FROM sys.stats s CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) p
WHERE s.object_id IN (OBJECT_ID('dbo.st'), OBJECT_ID('dbo.st2')) AND p.modification_counter > 0
-- expect: stale
-- 0
GO
EXEC sp_autostats 'dbo.st', 'OFF'
-- message: Automatic statistics maintenance turned OFF for 3 indices.
GO
-- sp_autostats … 'OFF' is kept: sys.stats.no_recompute shows it, and an
-- UPDATE STATISTICS without NORECOMPUTE turns automatic updates back on.
SELECT name, no_recompute FROM sys.stats WHERE object_id = OBJECT_ID('dbo.st') ORDER BY stats_id
-- expect: name | no_recompute
-- pk_st | 1
-- ix_v | 1
-- st_w | 1
GO
UPDATE STATISTICS dbo.st ix_v
SELECT name, no_recompute FROM sys.stats WHERE object_id = OBJECT_ID('dbo.st') ORDER BY stats_id
-- expect: name | no_recompute
-- pk_st | 1
-- ix_v | 0
-- st_w | 1
GO
