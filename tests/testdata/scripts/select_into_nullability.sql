-- SELECT ... INTO derives each new column's nullability as SQL Server does
-- (the result-metadata rule): a bare column reference keeps its column's,
-- a constant and ISNULL with a NOT NULL replacement are NOT NULL, the
-- NULL-extended side of an outer join, ROLLUP keys, aggregates and other
-- expressions are nullable.
CREATE TABLE dbo.src (id int NOT NULL PRIMARY KEY, grp int NOT NULL, v int NULL)
INSERT dbo.src VALUES (1, 10, NULL), (2, 10, 5), (3, 20, NULL)
CREATE TABLE dbo.oth (id int NOT NULL PRIMARY KEY, w int NULL)
INSERT dbo.oth VALUES (1, NULL), (4, 7)
GO
SELECT s.id, s.v, s.grp * 2 AS g2, 1 AS one, 'k' AS kind, ISNULL(s.v, 0) AS iv, o.id AS oid,
       CAST(s.id AS bigint) AS big, COUNT(*) OVER () AS cnt
INTO dbo.t1 FROM dbo.src s LEFT JOIN dbo.oth o ON o.id = s.id
SELECT c.name, c.is_nullable FROM sys.columns AS c WHERE c.object_id = OBJECT_ID('dbo.t1') ORDER BY c.column_id
-- expect: name | is_nullable
-- id | 0
-- v | 1
-- g2 | 1
-- one | 0
-- kind | 0
-- iv | 0
-- oid | 1
-- big | 1
-- cnt | 1
GO
SELECT COUNT(*) AS n, SUM(CASE WHEN oid IS NULL THEN 1 ELSE 0 END) AS unmatched FROM dbo.t1
-- expect: n | unmatched
-- 3 | 2
GO
INSERT dbo.t1 (id, one, kind, iv) VALUES (NULL, 1, 'k', 0)
-- error: 515
-- message: The statement has been terminated.
GO
SELECT d.k, d.grp, d.v INTO dbo.t2 FROM (SELECT id AS k, grp, v FROM dbo.src) AS d
SELECT c.name, c.is_nullable FROM sys.columns AS c WHERE c.object_id = OBJECT_ID('dbo.t2') ORDER BY c.column_id
-- expect: name | is_nullable
-- k | 0
-- grp | 0
-- v | 1
GO
SELECT grp, COUNT(*) AS n INTO dbo.t3 FROM dbo.src GROUP BY ROLLUP(grp)
SELECT c.name, c.is_nullable FROM sys.columns AS c WHERE c.object_id = OBJECT_ID('dbo.t3') ORDER BY c.column_id
-- expect: name | is_nullable
-- grp | 1
-- n | 1
GO
SELECT grp FROM dbo.t3 WHERE grp IS NULL
-- expect: grp
-- NULL
GO
SELECT id INTO dbo.t4 FROM dbo.src UNION ALL SELECT id FROM dbo.oth
SELECT c.name, c.is_nullable FROM sys.columns AS c WHERE c.object_id = OBJECT_ID('dbo.t4') ORDER BY c.column_id
-- expect: name | is_nullable
-- id | 0
GO
SELECT COUNT(*) AS n FROM dbo.t4
-- expect: n
-- 5
GO
SELECT 0 AS first
SELECT id INTO dbo.t5 FROM dbo.src UNION SELECT id FROM dbo.oth
SELECT COUNT(*) AS n FROM dbo.t5
-- expect: first
-- 0
-- expect: n
-- 4
GO
