-- SET NOEXEC, PARSEONLY and SHOWPLAN_*: statements are not run while one is
-- ON. A deployment script guarded by `SET NOEXEC ON` changes nothing, and a
-- DELETE shown under SHOWPLAN deletes nothing.
CREATE TABLE dbo.guarded (id int NOT NULL PRIMARY KEY, v varchar(10) NULL)
INSERT dbo.guarded VALUES (1, 'one'), (2, 'two')
GO
IF DB_NAME() <> N'no such database' SET NOEXEC ON
GO
DELETE FROM dbo.guarded
INSERT dbo.guarded VALUES (3, 'three')
CREATE TABLE dbo.not_created (id int)
PRINT 'not printed'
DECLARE @i int = 0
WHILE @i < 3 BEGIN INSERT dbo.guarded VALUES (10 + @i, 'loop') SET @i += 1 END
GO
-- A SELECT is still bound: its compile errors are reported.
SELECT nope FROM dbo.guarded
-- error: 207 Invalid column name 'nope'.
GO
SET NOEXEC OFF
SELECT COUNT(*) AS n, OBJECT_ID('dbo.not_created') AS created FROM dbo.guarded
-- expect: n | created
-- 2 | NULL
GO
SET PARSEONLY ON
GO
UPDATE dbo.guarded SET v = 'changed'
GO
SET PARSEONLY OFF
GO
SELECT COUNT(*) AS changed FROM dbo.guarded WHERE v = 'changed'
-- expect: changed
-- 0
GO
SET SHOWPLAN_TEXT ON
GO
DELETE FROM dbo.guarded WHERE id = 1
-- expect: StmtText
-- DELETE FROM dbo.guarded WHERE id = 1
GO
SET SHOWPLAN_TEXT OFF
GO
SET SHOWPLAN_XML ON
GO
TRUNCATE TABLE dbo.guarded
-- expect: Microsoft SQL Server 2005 XML Showplan
-- <ShowPlanXML xmlns="http://schemas.microsoft.com/sqlserver/2004/07/showplan" Version="1.564" Build="16.0.1000.6"><BatchSequence><Batch><Statements><StmtSimple StatementText="TRUNCATE TABLE dbo.guarded" StatementId="1" StatementCompId="1" StatementType="TRUNCATE" RetrievedFromCache="false" /></Statements></Batch></BatchSequence></ShowPlanXML>
GO
SET SHOWPLAN_XML OFF
GO
SELECT id, v FROM dbo.guarded ORDER BY id
-- expect: id | v
-- 1 | one
-- 2 | two
GO
