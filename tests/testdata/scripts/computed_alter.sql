-- ALTER TABLE … ADD of computed columns: existing rows get the value at
-- once, later writes recompute it.
CREATE TABLE dbo.cc (a int, b int)
INSERT dbo.cc VALUES (1, 2), (10, NULL)
GO
ALTER TABLE dbo.cc ADD total AS a + b
GO
SELECT a, b, total FROM dbo.cc ORDER BY a
-- expect: a | b | total
-- 1 | 2 | 3
-- 10 | NULL | NULL
GO
ALTER TABLE dbo.cc ADD doubled AS (a * 2) PERSISTED, c varchar(5) NULL, label AS CONCAT('#', a)
GO
INSERT dbo.cc (a, b, c) VALUES (5, 5, 'x')
UPDATE dbo.cc SET b = 0 WHERE a = 10
SELECT * FROM dbo.cc ORDER BY a
-- expect: a | b | total | doubled | c | label
-- 1 | 2 | 3 | 2 | NULL | #1
-- 5 | 5 | 10 | 10 | x | #5
-- 10 | 0 | 10 | 20 | NULL | #10
GO
SELECT name, is_computed FROM sys.columns WHERE object_id = OBJECT_ID('dbo.cc') ORDER BY column_id
-- expect: name | is_computed
-- a | 0
-- b | 0
-- total | 1
-- doubled | 1
-- c | 0
-- label | 1
GO
ALTER TABLE dbo.cc ADD bad AS total + 1
-- error: 1759 Computed column 'total' in table 'cc' is not allowed to be used in another computed-column definition.
GO
ALTER TABLE dbo.cc ADD bad AS nope + 1
-- error: 207 Invalid column name 'nope'.
GO
UPDATE dbo.cc SET total = 1
-- error: 271 The column "total" cannot be modified because it is either a computed column or is the result of a UNION operator.
GO
BEGIN TRAN
ALTER TABLE dbo.cc ADD gone AS a - 1
ROLLBACK
SELECT COUNT(*) AS n FROM sys.columns WHERE object_id = OBJECT_ID('dbo.cc') AND name = 'gone'
-- expect: n
-- 0
GO
DROP TABLE dbo.cc
GO
