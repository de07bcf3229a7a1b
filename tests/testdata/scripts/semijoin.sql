-- Semi-joins (issue #5): col IN (SELECT …), col IN (SELECT value FROM
-- OPENJSON(@ids)) — Entity Framework Core 8's ids.Contains(x.Id) — and a
-- correlated EXISTS seek the outer table once per distinct value of the
-- subquery instead of reading it whole. The rows must be the ones a scan
-- finds: duplicates in the subquery never duplicate an outer row, NULLs
-- never match, an empty subquery matches nothing; the SET STATISTICS IO
-- lines show the seeks (a point read counts no scan).
CREATE TABLE dbo.big (id int PRIMARY KEY, cat int NULL, name varchar(20) NULL, INDEX ix_cat (cat))
CREATE TABLE dbo.small (k int PRIMARY KEY, big_id int NULL, cat int NULL, tag varchar(10) NULL)
CREATE TABLE dbo.nothing (big_id int NULL)
INSERT dbo.big SELECT value, NULLIF(value % 7, 3), CONCAT('n', value % 5) FROM GENERATE_SERIES(1, 2000)
INSERT dbo.small VALUES (1, 5, 1, 'a'), (2, 77, 1, 'b'), (3, 1234, NULL, 'a'), (4, 77, 2, 'c'), (5, NULL, 3, 'A'), (6, 99999, NULL, 'b')
GO
SET STATISTICS IO ON
SELECT id, cat, name FROM dbo.big WHERE id IN (SELECT big_id FROM dbo.small) ORDER BY id
SET STATISTICS IO OFF
-- expect: id | cat | name
-- 5 | 5 | n0
-- 77 | 0 | n2
-- 1234 | 2 | n4
-- message: Table 'small'. Scan count 1, logical reads 1, physical reads 0, page server reads 0, read-ahead reads 0, page server read-ahead reads 0, lob logical reads 0, lob physical reads 0, lob page server reads 0, lob read-ahead reads 0, lob page server read-ahead reads 0.
-- message: Table 'big'. Scan count 0, logical reads 4, physical reads 0, page server reads 0, read-ahead reads 0, page server read-ahead reads 0, lob logical reads 0, lob physical reads 0, lob page server reads 0, lob read-ahead reads 0, lob page server read-ahead reads 0.
GO
-- An empty subquery, one of NULLs only, and a value no row has.
SELECT COUNT(*) AS n FROM dbo.big WHERE id IN (SELECT big_id FROM dbo.nothing)
SELECT COUNT(*) AS n FROM dbo.big WHERE id IN (SELECT big_id FROM dbo.small WHERE k = 5)
SELECT COUNT(*) AS n FROM dbo.big WHERE id IN (SELECT big_id FROM dbo.small WHERE k = 6)
-- expect: n
-- 0
-- expect: n
-- 0
-- expect: n
-- 0
GO
-- The nonclustered index on cat, duplicates (1 twice) and NULLs (the rows
-- whose cat is NULL never match, nor does small's NULL).
SELECT COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM dbo.big WHERE cat IN (SELECT cat FROM dbo.small)
SELECT COUNT(*) AS n FROM dbo.big WHERE cat IN (SELECT cat FROM dbo.small WHERE cat IS NULL)
-- expect: n | lo | hi
-- 572 | 1 | 1997
-- expect: n
-- 0
GO
-- SET ANSI_NULLS OFF changes only comparisons with a NULL variable or
-- literal; IN compares with the subquery's column, so NULLs still never
-- match.
SET ANSI_NULLS OFF
SELECT COUNT(*) AS n FROM dbo.big WHERE cat IN (SELECT cat FROM dbo.small)
SELECT COUNT(*) AS n FROM dbo.big b WHERE EXISTS (SELECT 1 FROM dbo.small s WHERE s.cat = b.cat)
SET ANSI_NULLS ON
-- expect: n
-- 572
-- expect: n
-- 572
GO
-- NOT IN keeps its NULL semantics: small's NULL makes it UNKNOWN for every
-- row; without it, the rows not in the list.
SELECT COUNT(*) AS n FROM dbo.big WHERE id NOT IN (SELECT big_id FROM dbo.small)
SELECT COUNT(*) AS n FROM dbo.big WHERE id NOT IN (SELECT big_id FROM dbo.small WHERE big_id IS NOT NULL)
-- expect: n
-- 0
-- expect: n
-- 1997
GO
-- Entity Framework Core 8's parameterized collection, and STRING_SPLIT:
-- the nvarchar values convert to int (int has the higher precedence), so
-- big's key is still sought; a value that is no int is error 245, as the
-- comparison raises it.
DECLARE @ids nvarchar(max) = N'[5,77,1234,77,null,424242]'
SET STATISTICS IO ON
SELECT [b].[id], [b].[name] FROM [big] AS [b] WHERE [b].[id] IN (SELECT [i].[value] FROM OPENJSON(@ids) WITH ([value] int '$') AS [i])
SELECT id FROM dbo.big WHERE id IN (SELECT value FROM OPENJSON(@ids)) ORDER BY id
SET STATISTICS IO OFF
-- expect: id | name
-- 5 | n0
-- 77 | n2
-- 1234 | n4
-- message: Table 'big'. Scan count 0, logical reads 4, physical reads 0, page server reads 0, read-ahead reads 0, page server read-ahead reads 0, lob logical reads 0, lob physical reads 0, lob page server reads 0, lob read-ahead reads 0, lob page server read-ahead reads 0.
-- expect: id
-- 5
-- 77
-- 1234
-- message: Table 'big'. Scan count 0, logical reads 4, physical reads 0, page server reads 0, read-ahead reads 0, page server read-ahead reads 0, lob logical reads 0, lob physical reads 0, lob page server reads 0, lob read-ahead reads 0, lob page server read-ahead reads 0.
GO
DECLARE @p nvarchar(100) = N'7,8,7,9'
SELECT id FROM dbo.big WHERE id IN (SELECT value FROM STRING_SPLIT(@p, ',')) ORDER BY id DESC
-- expect: id
-- 9
-- 8
-- 7
GO
DECLARE @p nvarchar(100) = N'7,x'
SELECT id FROM dbo.big WHERE id IN (SELECT value FROM STRING_SPLIT(@p, ','))
-- expect: id
-- error: 245 Conversion failed when converting the nvarchar value 'x' to data type int.
GO
-- sp_executesql twice with different values: one cached plan, each run
-- seeks its own values.
EXEC sp_executesql N'SELECT id FROM dbo.big WHERE id IN (SELECT value FROM OPENJSON(@ids)) ORDER BY id', N'@ids nvarchar(max)', @ids = N'[10,11]'
EXEC sp_executesql N'SELECT id FROM dbo.big WHERE id IN (SELECT value FROM OPENJSON(@ids)) ORDER BY id', N'@ids nvarchar(max)', @ids = N'[12,1999,3000]'
-- expect: id
-- 10
-- 11
-- expect: id
-- 12
-- 1999
GO
CREATE PROCEDURE dbo.by_ids @ids nvarchar(max) AS
SELECT id, cat FROM dbo.big WHERE id IN (SELECT CAST(value AS int) FROM OPENJSON(@ids)) ORDER BY id
GO
EXEC dbo.by_ids N'[1,2]'
EXEC dbo.by_ids @ids = N'[]'
EXEC dbo.by_ids N'[2000]'
-- expect: id | cat
-- 1 | 1
-- 2 | 2
-- expect: id | cat
-- expect: id | cat
-- 2000 | 5
GO
-- A correlated EXISTS: duplicates in small (77 twice) return big's row
-- once; conditions on small only narrow the values.
SET STATISTICS IO ON
SELECT b.id FROM dbo.big AS b WHERE EXISTS (SELECT 1 FROM dbo.small AS s WHERE s.big_id = b.id) ORDER BY b.id
SET STATISTICS IO OFF
-- expect: id
-- 5
-- 77
-- 1234
-- message: Table 'small'. Scan count 4, logical reads 4, physical reads 0, page server reads 0, read-ahead reads 0, page server read-ahead reads 0, lob logical reads 0, lob physical reads 0, lob page server reads 0, lob read-ahead reads 0, lob page server read-ahead reads 0.
-- message: Table 'big'. Scan count 0, logical reads 4, physical reads 0, page server reads 0, read-ahead reads 0, page server read-ahead reads 0, lob logical reads 0, lob physical reads 0, lob page server reads 0, lob read-ahead reads 0, lob page server read-ahead reads 0.
GO
SELECT b.id, b.name FROM dbo.big b WHERE EXISTS (SELECT * FROM dbo.small s WHERE b.id = s.big_id AND s.tag = 'a') ORDER BY b.id
SELECT b.id FROM dbo.big b WHERE EXISTS (SELECT 1 FROM dbo.small s WHERE s.big_id = b.id AND s.k > 100)
SELECT COUNT(*) AS n FROM dbo.big b WHERE NOT EXISTS (SELECT 1 FROM dbo.small s WHERE s.big_id = b.id)
-- expect: id | name
-- 5 | n0
-- 1234 | n4
-- expect: id
-- expect: n
-- 1997
GO
-- An aggregate makes the subquery return a row whatever its WHERE: every
-- big row exists.
SELECT COUNT(*) AS n FROM dbo.big b WHERE EXISTS (SELECT MAX(s.k) FROM dbo.small s WHERE s.big_id = b.id)
-- expect: n
-- 2000
GO
-- In a join's WHERE, and beside a condition of the outer table.
SELECT b.id, s.tag FROM dbo.big AS b JOIN dbo.small AS s ON s.k = b.cat + 1 WHERE b.id IN (SELECT big_id FROM dbo.small WHERE tag = 'b') ORDER BY b.id, s.tag
SELECT id FROM dbo.big WHERE id IN (SELECT big_id FROM dbo.small) AND name = 'n0'
-- expect: id | tag
-- 77 | a
-- expect: id
-- 5
GO
-- Collation: a case-sensitive column compares under its own collation (it
-- outranks the parameter's default), so the seek finds 'ABC' only; a
-- case-insensitive one finds both spellings.
CREATE TABLE dbo.names (id int IDENTITY PRIMARY KEY, cs varchar(10) COLLATE Latin1_General_CS_AS NULL, ci varchar(10) NULL, INDEX ix_cs (cs), INDEX ix_ci (ci))
INSERT dbo.names (cs, ci) VALUES ('abc', 'abc'), ('ABC', 'ABC'), ('abd', 'abd'), (NULL, NULL)
GO
DECLARE @names nvarchar(100) = N'ABC,zzz'
SELECT id, cs FROM dbo.names WHERE cs IN (SELECT value FROM STRING_SPLIT(@names, ',')) ORDER BY id
SELECT id, ci FROM dbo.names WHERE ci IN (SELECT value FROM STRING_SPLIT(@names, ',')) ORDER BY id
SELECT id, ci FROM dbo.names WHERE ci IN (SELECT [value] FROM OPENJSON(N'["abc ","ABD"]')) ORDER BY id
-- expect: id | cs
-- 2 | ABC
-- expect: id | ci
-- 1 | abc
-- 2 | ABC
-- expect: id | ci
-- 1 | abc
-- 2 | ABC
-- 3 | abd
GO
-- DELETE and UPDATE whose WHERE is a semi-join: the triggers see exactly
-- the rows changed in inserted and deleted.
CREATE TABLE dbo.audit (act char(1), id int, old_cat int NULL, new_cat int NULL)
GO
CREATE TRIGGER dbo.big_upd ON dbo.big AFTER UPDATE AS
INSERT dbo.audit SELECT 'U', d.id, d.cat, i.cat FROM deleted AS d JOIN inserted AS i ON i.id = d.id
GO
CREATE TRIGGER dbo.big_del ON dbo.big AFTER DELETE AS
INSERT dbo.audit SELECT 'D', id, cat, NULL FROM deleted
GO
UPDATE dbo.big SET cat = 100 WHERE id IN (SELECT big_id FROM dbo.small)
SELECT @@ROWCOUNT AS updated
DELETE FROM dbo.big WHERE id IN (SELECT big_id FROM dbo.small WHERE k = 3)
SELECT @@ROWCOUNT AS deleted
UPDATE b SET name = 'seen' FROM dbo.big AS b WHERE EXISTS (SELECT 1 FROM dbo.small AS s WHERE s.big_id = b.id AND s.tag = 'b')
SELECT act, id, old_cat, new_cat FROM dbo.audit ORDER BY act, id, old_cat
SELECT id, cat, name FROM dbo.big WHERE cat = 100 OR name = 'seen' ORDER BY id
-- expect: updated
-- 3
-- expect: deleted
-- 1
-- expect: act | id | old_cat | new_cat
-- D | 1234 | 100 | NULL
-- U | 5 | 5 | 100
-- U | 77 | 0 | 100
-- U | 77 | 100 | 100
-- U | 1234 | 2 | 100
-- expect: id | cat | name
-- 5 | 100 | n0
-- 77 | 100 | seen
GO
-- The outer table's lock hints lock the rows the seeks read: with UPDLOCK
-- the two rows found (small read without locks, NOLOCK); under
-- SERIALIZABLE, the same keys.
BEGIN TRAN
SELECT id FROM dbo.big WITH (UPDLOCK) WHERE id IN (SELECT big_id FROM dbo.small WITH (NOLOCK) WHERE k <= 2) ORDER BY id
SELECT request_mode, COUNT(*) AS n FROM sys.dm_tran_locks WHERE request_session_id = @@SPID AND resource_type = 'KEY' GROUP BY request_mode
COMMIT
-- expect: id
-- 5
-- 77
-- expect: request_mode | n
-- U | 2
GO
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE
BEGIN TRAN
SELECT b.id FROM dbo.big AS b WITH (SERIALIZABLE) WHERE EXISTS (SELECT 1 FROM dbo.small AS s WITH (NOLOCK) WHERE s.big_id = b.id AND s.k <= 2) ORDER BY b.id
SELECT request_mode, COUNT(*) AS n FROM sys.dm_tran_locks WHERE request_session_id = @@SPID AND resource_type = 'KEY' GROUP BY request_mode
COMMIT
SET TRANSACTION ISOLATION LEVEL READ COMMITTED
-- expect: id
-- 5
-- 77
-- expect: request_mode | n
-- S | 2
GO
