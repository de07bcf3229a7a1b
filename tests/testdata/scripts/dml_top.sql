-- INSERT, UPDATE and DELETE take TOP (n), TOP (n) PERCENT and SET ROWCOUNT
-- n, the smallest winning: INSERT TOP (2) … SELECT inserted every row.
CREATE TABLE dbo.src (v int);
INSERT dbo.src VALUES (1), (2), (3), (4), (5);
CREATE TABLE dbo.dst (v int);
GO
INSERT TOP (2) INTO dbo.dst SELECT v FROM dbo.src;
SELECT COUNT(*) AS n FROM dbo.dst;
-- expect: n
-- 2
GO
INSERT TOP (50) PERCENT INTO dbo.dst SELECT v FROM dbo.src;
SELECT COUNT(*) AS n FROM dbo.dst;
-- expect: n
-- 5
GO
SET ROWCOUNT 1;
INSERT dbo.dst SELECT v FROM dbo.src;
INSERT dbo.dst VALUES (10), (11);
SET ROWCOUNT 0;
SELECT COUNT(*) AS n FROM dbo.dst;
-- expect: n
-- 7
GO
SET ROWCOUNT 3;
INSERT TOP (2) INTO dbo.dst SELECT v FROM dbo.src;
SET ROWCOUNT 0;
SELECT COUNT(*) AS n FROM dbo.dst;
-- expect: n
-- 9
GO
UPDATE TOP (40) PERCENT dbo.src SET v = v + 100;
SELECT COUNT(*) AS n FROM dbo.src WHERE v > 100;
-- expect: n
-- 2
GO
DELETE TOP (20) PERCENT FROM dbo.src;
SELECT COUNT(*) AS n FROM dbo.src;
-- expect: n
-- 4
GO
