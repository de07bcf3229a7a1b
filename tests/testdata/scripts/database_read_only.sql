-- ALTER DATABASE … SET READ_ONLY: DML and DDL fail with 3906, reads work,
-- sys.databases and DATABASEPROPERTYEX say so; READ_WRITE undoes it.
CREATE TABLE dbo.t (id int PRIMARY KEY, v varchar(10));
INSERT INTO dbo.t VALUES (1, 'a');
GO
ALTER DATABASE CURRENT SET READ_ONLY WITH ROLLBACK IMMEDIATE;
GO
SELECT is_read_only, CONVERT(varchar(20), DATABASEPROPERTYEX(DB_NAME(), 'Updateability')) AS u FROM sys.databases WHERE name = DB_NAME();
-- expect: is_read_only | u
-- 1 | READ_ONLY
GO
INSERT INTO dbo.t VALUES (2, 'b');
-- error: 3906
GO
UPDATE dbo.t SET v = 'z';
-- error: 3906
GO
DELETE FROM dbo.t;
-- error: 3906
GO
CREATE TABLE dbo.u (id int);
-- error: 3906
GO
SELECT id, v FROM dbo.t;
-- expect: id | v
-- 1 | a
GO
CREATE TABLE #scratch (id int);
INSERT INTO #scratch VALUES (7);
SELECT id FROM #scratch;
-- expect: id
-- 7
GO
ALTER DATABASE CURRENT SET READ_WRITE;
GO
INSERT INTO dbo.t VALUES (2, 'b');
SELECT is_read_only, CONVERT(varchar(20), DATABASEPROPERTYEX(DB_NAME(), 'Updateability')) AS u FROM sys.databases WHERE name = DB_NAME();
-- expect: is_read_only | u
-- 0 | READ_WRITE
GO
ALTER DATABASE master SET READ_ONLY;
-- error: 5058 Option 'READ_ONLY' cannot be set in database 'master'.
GO
