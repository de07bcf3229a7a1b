-- UPDATE / DELETE naming the target by table name while FROM names that
-- table once under an alias: the target is that reference (SQL Server's
-- UPDATE rule), not a second instance cross-joined to it. sp_BlitzFirst does
-- UPDATE #BlitzFirstResults SET Details = Details + … FROM #BlitzFirstResults abr.
CREATE TABLE #r (CheckID int, Details nvarchar(100))
INSERT #r VALUES (1, N'a'), (2, N'c')
UPDATE #r SET Details = Details + N'b' FROM #r AS abr WHERE abr.CheckID = 1
SELECT CheckID, Details FROM #r ORDER BY CheckID
-- expect: CheckID | Details
-- 1 | ab
-- 2 | c
GO
CREATE TABLE dbo.d (id int, v int)
INSERT dbo.d VALUES (1, 10), (2, 20), (3, 30)
DELETE dbo.d FROM dbo.d AS z WHERE z.id = 2
SELECT id FROM dbo.d ORDER BY id
-- expect: id
-- 1
-- 3
GO
-- Joined to another table, the aliased reference is still the target.
CREATE TABLE dbo.src (id int, nv int)
INSERT dbo.src VALUES (3, 33)
UPDATE dbo.d SET v = s.nv FROM dbo.d AS x JOIN dbo.src AS s ON s.id = x.id
SELECT id, v FROM dbo.d ORDER BY id
-- expect: id | v
-- 1 | 10
-- 3 | 33
GO
-- A self-join with one unaliased reference: that one is the target.
UPDATE dbo.d SET v = o.v + 1 FROM dbo.d JOIN dbo.d AS o ON o.id = 1 WHERE dbo.d.id = 3
SELECT id, v FROM dbo.d ORDER BY id
-- expect: id | v
-- 1 | 10
-- 3 | 11
GO
