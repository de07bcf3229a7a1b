-- DBCC SHOW_STATISTICS and sys.dm_db_stats_histogram: the stored
-- statistics, built from the table's rows at their first need (issue #5).
CREATE TABLE dbo.h (id int NOT NULL CONSTRAINT pk_h PRIMARY KEY, g int, name varchar(10))
CREATE INDEX ix_g ON dbo.h (g, name)
GO
INSERT dbo.h SELECT value, value % 4, CONCAT('n', value % 2) FROM GENERATE_SERIES(1, 20)
INSERT dbo.h VALUES (21, NULL, 'n1'), (22, NULL, 'n0')
GO
CREATE TABLE #hdr (name sysname, updated datetime, rows bigint, rows_sampled bigint, steps smallint, density real, avg_key_length real,
  string_index char(3), filter_expression nvarchar(max), unfiltered_rows bigint, persisted_sample_percent float)
INSERT #hdr EXEC ('DBCC SHOW_STATISTICS (''dbo.h'', ix_g) WITH STAT_HEADER')
SELECT name, CASE WHEN updated = STATS_DATE(OBJECT_ID('dbo.h'), 2) THEN 'ok' ELSE 'bad' END AS updated, rows, rows_sampled, steps,
  avg_key_length, string_index, filter_expression, unfiltered_rows FROM #hdr
-- expect: name | updated | rows | rows_sampled | steps | avg_key_length | string_index | filter_expression | unfiltered_rows
-- ix_g | ok | 22 | 22 | 5 | 9.636364 | NO  | NULL | 22
GO
DBCC SHOW_STATISTICS ('dbo.h', ix_g) WITH DENSITY_VECTOR
-- expect: All density | Average Length | Columns
-- 0.2 | 3.6363637 | g
-- 0.16666667 | 5.6363635 | g, name
-- 0.045454547 | 9.636364 | g, name, id
GO
-- An nvarchar key: RANGE_HI_KEY is the column's nvarchar value, lengths
-- count its bytes (two a character); a unique index's key does not end
-- with the clustered key, so its density vector does not show it.
CREATE TABLE dbo.hn (id int NOT NULL PRIMARY KEY, n nvarchar(20) NULL)
INSERT dbo.hn VALUES (1, N'abc'), (2, N'abcd'), (3, N'x'), (4, N'abc')
CREATE INDEX ix_hn ON dbo.hn (n)
CREATE UNIQUE INDEX ux_hn ON dbo.hn (n, id)
GO
DBCC SHOW_STATISTICS ('dbo.hn', ix_hn) WITH DENSITY_VECTOR, HISTOGRAM
-- expect: All density | Average Length | Columns
-- 0.33333334 | 5.5 | n
-- 0.25 | 9.5 | n, id
-- expect: RANGE_HI_KEY | RANGE_ROWS | EQ_ROWS | DISTINCT_RANGE_ROWS | AVG_RANGE_ROWS
-- abc | 0 | 2 | 0 | 1
-- abcd | 0 | 1 | 0 | 1
-- x | 0 | 1 | 0 | 1
GO
DBCC SHOW_STATISTICS ('dbo.hn', ux_hn) WITH DENSITY_VECTOR
-- expect: All density | Average Length | Columns
-- 0.33333334 | 5.5 | n
-- 0.25 | 9.5 | n, id
GO
DBCC SHOW_STATISTICS ('dbo.h', ix_g) WITH HISTOGRAM
-- expect: RANGE_HI_KEY | RANGE_ROWS | EQ_ROWS | DISTINCT_RANGE_ROWS | AVG_RANGE_ROWS
-- NULL | 0 | 2 | 0 | 1
-- 0 | 0 | 5 | 0 | 1
-- 1 | 0 | 5 | 0 | 1
-- 2 | 0 | 5 | 0 | 1
-- 3 | 0 | 5 | 0 | 1
GO
SELECT step_number, range_high_key, range_rows, equal_rows, distinct_range_rows, average_range_rows
FROM sys.dm_db_stats_histogram(OBJECT_ID('dbo.h'), 2) ORDER BY step_number
-- expect: step_number | range_high_key | range_rows | equal_rows | distinct_range_rows | average_range_rows
-- 1 | NULL | 0 | 2 | 0 | 1
-- 2 | 0 | 0 | 5 | 0 | 1
-- 3 | 1 | 0 | 5 | 0 | 1
-- 4 | 2 | 0 | 5 | 0 | 1
-- 5 | 3 | 0 | 5 | 0 | 1
GO
-- More than 200 distinct values: 200 steps, the first and last values
-- among the upper bounds, every row in a step.
CREATE TABLE dbo.big (id int NOT NULL CONSTRAINT pk_big PRIMARY KEY)
INSERT dbo.big SELECT value FROM GENERATE_SERIES(1, 1000)
GO
SELECT COUNT(*) AS steps, MIN(CAST(range_high_key AS int)) AS lo, MAX(CAST(range_high_key AS int)) AS hi, SUM(range_rows + equal_rows) AS total
FROM sys.dm_db_stats_histogram(OBJECT_ID('dbo.big'), 1)
-- expect: steps | lo | hi | total
-- 200 | 1 | 1000 | 1000
GO
-- dm_db_stats_properties reports the stored statistics' steps: none before
-- anything built them, then those UPDATE STATISTICS built (the histogram
-- query above built dbo.big's).
CREATE TABLE dbo.big2 (id int NOT NULL CONSTRAINT pk_big2 PRIMARY KEY)
INSERT dbo.big2 SELECT value FROM GENERATE_SERIES(1, 1000)
SELECT p.steps FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.big2'), 1) p
UPDATE STATISTICS dbo.big2
SELECT p.steps FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.big2'), 1) p
SELECT p.steps FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.big'), 1) p
-- expect: steps
-- 0
-- expect: steps
-- 200
-- expect: steps
-- 200
GO
DBCC SHOW_STATISTICS ('dbo.h', nope)
-- error: 2767 Could not locate statistics 'nope' in the system catalogs.
GO
DBCC SHOW_STATISTICS ('dbo.nope', ix_g)
-- error: 2501 Cannot find a table or object with the name "dbo.nope". Check the system catalog.
GO
