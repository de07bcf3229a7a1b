-- rowversion / timestamp columns: a new value from the database's counter on
-- every insert and update (EF Core's concurrency tokens); explicit values are
-- refused (273); @@DBTS is the last value handed out.
CREATE TABLE dbo.orders (id int NOT NULL PRIMARY KEY, total int NOT NULL, rv rowversion)
CREATE TABLE dbo.legacy (id int NOT NULL PRIMARY KEY, [RowVer] [timestamp] NOT NULL)
INSERT dbo.orders (id, total) VALUES (1, 10), (2, 20)
INSERT dbo.legacy (id) VALUES (1)
SELECT COUNT(DISTINCT rv) AS distinct_versions, COUNT(*) AS n, MAX(DATALENGTH(rv)) AS len FROM dbo.orders
-- expect: distinct_versions | n | len
-- 2 | 2 | 8
GO
SELECT CASE WHEN @@DBTS = (SELECT RowVer FROM dbo.legacy) THEN 'last' ELSE 'other' END AS dbts
-- expect: dbts
-- last
GO
-- Optimistic concurrency: the update bumps the version, a second update
-- with the old one finds no row.
DECLARE @old binary(8) = (SELECT rv FROM dbo.orders WHERE id = 1), @r1 int, @r2 int
UPDATE dbo.orders SET total = 11 WHERE id = 1 AND rv = @old
SET @r1 = @@ROWCOUNT
UPDATE dbo.orders SET total = 12 WHERE id = 1 AND rv = @old
SET @r2 = @@ROWCOUNT
SELECT @r1 AS first_update, @r2 AS second_update, CASE WHEN (SELECT rv FROM dbo.orders WHERE id = 1) > @old THEN 'newer' ELSE 'same' END AS v
-- expect: first_update | second_update | v
-- 1 | 0 | newer
GO
INSERT dbo.orders (id, total, rv) VALUES (3, 30, 0x01)
-- error: 273 Cannot insert an explicit value into a timestamp column. Use INSERT with a column list to exclude the timestamp column, or insert a DEFAULT into the timestamp column.
GO
INSERT dbo.orders (id, total, rv) VALUES (3, 30, DEFAULT)
SELECT COUNT(*) AS n FROM dbo.orders WHERE rv IS NOT NULL
-- expect: n
-- 3
GO
