-- CREATE / UPDATE / DROP STATISTICS as SSMS scripts and tuning scripts run
-- them; user statistics are listed in sys.stats beside the indexes' own.
-- st_region is created WITH NORECOMPUTE, and the UPDATE STATISTICS without
-- NORECOMPUTE turns its automatic updates back on (the UPDATE STATISTICS
-- page): no_recompute 0.
CREATE TABLE dbo.sales (id int NOT NULL PRIMARY KEY, region varchar(10) NOT NULL, amount int NULL)
CREATE STATISTICS st_region ON dbo.sales (region, amount) WITH FULLSCAN, NORECOMPUTE
CREATE STATISTICS st_big ON dbo.sales (amount) WHERE amount > 100 WITH SAMPLE 50 PERCENT
UPDATE STATISTICS dbo.sales (st_region) WITH FULLSCAN
SELECT s.name, s.stats_id, s.user_created, s.no_recompute, s.has_filter, s.filter_definition
FROM sys.stats s WHERE s.object_id = OBJECT_ID('dbo.sales') AND s.stats_id > 1 ORDER BY s.stats_id
-- expect: name | stats_id | user_created | no_recompute | has_filter | filter_definition
-- st_region | 2 | 1 | 0 | 0 | NULL
-- st_big | 3 | 1 | 0 | 1 | ([amount]>(100))
GO
SELECT c.name FROM sys.stats_columns sc JOIN sys.columns c ON c.object_id = sc.object_id AND c.column_id = sc.column_id
WHERE sc.object_id = OBJECT_ID('dbo.sales') AND sc.stats_id = 2 ORDER BY sc.stats_column_id
-- expect: name
-- region
-- amount
GO
CREATE STATISTICS st_region ON dbo.sales (amount)
-- error: 1913 The operation failed because an index or statistics with name 'st_region' already exists on table 'dbo.sales'.
GO
CREATE STATISTICS st_x ON dbo.sales (nope)
-- error: 207 Invalid column name 'nope'.
GO
DROP STATISTICS dbo.sales.st_region, dbo.sales.st_big
SELECT COUNT(*) AS n FROM sys.stats WHERE object_id = OBJECT_ID('dbo.sales')
-- expect: n
-- 1
GO
DROP STATISTICS dbo.sales.st_region
-- error: 3701 Cannot drop the statistics 'dbo.sales.st_region', because it does not exist or you do not have permission.
GO
