-- ALTER DATABASE … MODIFY NAME and sp_renamedb: the database keeps its
-- rows under the new name, DB_ID, DB_NAME and sys.databases follow, and the
-- old name is gone (911). The errors one session can meet: 1801 for a name
-- in use, 15010 for sp_renamedb of a missing database.
CREATE DATABASE rename_a;
GO
CREATE TABLE rename_a.dbo.t (id int);
INSERT INTO rename_a.dbo.t VALUES (1);
DECLARE @id int = DB_ID('rename_a');
ALTER DATABASE rename_a MODIFY NAME = rename_b;
SELECT CASE WHEN DB_ID('rename_a') IS NULL THEN 1 ELSE 0 END AS old_gone, CASE WHEN DB_ID('rename_b') = @id THEN 1 ELSE 0 END AS same_id,
  DB_NAME(@id) AS name, (SELECT COUNT(*) FROM sys.databases WHERE name = 'rename_b') AS listed;
SELECT id FROM rename_b.dbo.t;
-- message: The database name 'rename_b' has been set.
-- expect: old_gone | same_id | name | listed
-- 1 | 1 | rename_b | 1
-- expect: id
-- 1
GO
USE rename_a;
-- error: 911 Database 'rename_a' does not exist. Make sure that the name is entered correctly.
GO
EXEC sp_renamedb 'rename_b', 'rename_c';
SELECT id FROM rename_c.dbo.t;
-- message: The database name 'rename_c' has been set.
-- expect: id
-- 1
GO
ALTER DATABASE rename_c MODIFY NAME = master;
-- error: 1801 Database 'master' already exists. Choose a different database name.
GO
EXEC sp_renamedb 'rename_missing', 'rename_d';
-- error: 15010 The database 'rename_missing' does not exist. Supply a valid database name. To see available databases, use sys.databases.
GO
BEGIN TRAN;
GO
EXEC sp_renamedb 'rename_c', 'rename_e';
-- error: 15002 The procedure 'sys.sp_renamedb' cannot be executed within a transaction.
GO
ALTER DATABASE rename_c MODIFY NAME = rename_e;
-- error: 226 ALTER DATABASE statement not allowed within multi-statement transaction.
GO
ROLLBACK;
GO
SELECT DB_ID('rename_e') AS renamed;
-- expect: renamed
-- NULL
GO
DROP DATABASE rename_c;
GO
