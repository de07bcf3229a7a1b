-- Database-scoped DDL triggers (issue #5): CREATE TRIGGER … ON DATABASE,
-- the examples of the CREATE TRIGGER, DDL Triggers and EVENTDATA pages
-- (learn.microsoft.com/sql/t-sql/statements/create-trigger-transact-sql,
-- …/relational-databases/triggers/ddl-triggers,
-- …/t-sql/functions/eventdata-transact-sql, …/triggers/ddl-event-groups).
-- An unknown event type is 1084.
CREATE TRIGGER bad ON DATABASE FOR DROP_TABEL AS PRINT 'x';
-- error: 1084 'DROP_TABEL' is an invalid event type.
GO
-- EVENTDATA() outside a DDL trigger is NULL.
SELECT CASE WHEN EVENTDATA() IS NULL THEN 1 ELSE 0 END AS is_null;
-- expect: is_null
-- 1
GO
-- The DDL Triggers page's audit log: DDL_DATABASE_LEVEL_EVENTS, EVENTDATA()
-- read with value().
CREATE TABLE ddl_log (PostTime datetime, DB_User nvarchar(100), Event nvarchar(100), TSQL nvarchar(2000));
GO
CREATE TRIGGER log
ON DATABASE
FOR DDL_DATABASE_LEVEL_EVENTS
AS
DECLARE @data XML
SET @data = EVENTDATA()
INSERT ddl_log
   (PostTime, DB_User, Event, TSQL)
   VALUES
   (GETDATE(),
   CONVERT(nvarchar(100), CURRENT_USER),
   @data.value('(/EVENT_INSTANCE/EventType)[1]', 'nvarchar(100)'),
   @data.value('(/EVENT_INSTANCE/TSQLCommand)[1]', 'nvarchar(2000)') ) ;
GO
CREATE TABLE TestTable (a int);
DROP TABLE TestTable ;
GO
SELECT DB_User, Event, TSQL FROM ddl_log ORDER BY Event;
-- expect: DB_User | Event | TSQL
-- dbo | CREATE_TABLE | CREATE TABLE TestTable (a int)
-- dbo | DROP_TABLE | DROP TABLE TestTable
GO
-- sys.triggers: a DDL trigger's parent is the database; OBJECT_ID does not
-- find it (it is not schema-scoped); sys.sql_modules has its text.
SELECT name, parent_class, parent_class_desc, parent_id, type, is_disabled, is_instead_of_trigger FROM sys.triggers WHERE name = 'log';
SELECT OBJECT_ID('log') AS id, OBJECT_ID('dbo.log') AS dbo_id;
SELECT COUNT(*) AS n FROM sys.sql_modules AS m JOIN sys.triggers AS t ON t.object_id = m.object_id WHERE t.name = 'log' AND m.definition LIKE 'CREATE TRIGGER log%';
SELECT COUNT(*) AS n FROM sys.objects WHERE name = 'log';
-- expect: name | parent_class | parent_class_desc | parent_id | type | is_disabled | is_instead_of_trigger
-- log | 0 | DATABASE | 0 | TR | 0 | 0
-- expect: id | dbo_id
-- NULL | NULL
-- expect: n
-- 1
-- expect: n
-- 0
GO
-- DISABLE stops it firing; ENABLE … ALL brings it back.
DISABLE TRIGGER log ON DATABASE;
GO
CREATE VIEW v1 AS SELECT 1 AS x;
SELECT COUNT(*) AS n FROM ddl_log;
SELECT is_disabled FROM sys.triggers WHERE name = 'log';
-- expect: n
-- 2
-- expect: is_disabled
-- 1
GO
ENABLE TRIGGER ALL ON DATABASE;
GO
DROP VIEW v1;
SELECT Event FROM ddl_log WHERE Event LIKE '%VIEW';
-- expect: Event
-- DROP_VIEW
GO
DROP TRIGGER log ON DATABASE;
GO
-- The EVENTDATA page's example A: PRINT, the command's text, RAISERROR and
-- ROLLBACK, which undoes the CREATE TABLE and ends the batch (3609).
CREATE TRIGGER safety
ON DATABASE
FOR CREATE_TABLE
AS
    PRINT 'CREATE TABLE Issued.'
    SELECT EVENTDATA().value
        ('(/EVENT_INSTANCE/TSQLCommand/CommandText)[1]','nvarchar(max)')
   RAISERROR ('New tables cannot be created in this database.', 16, 1)
   ROLLBACK
;
GO
CREATE TABLE NewTable (Column1 int);
SELECT 'not reached' AS r;
-- message: CREATE TABLE Issued.
-- expect: -
-- CREATE TABLE NewTable (Column1 int)
-- error: 50000 New tables cannot be created in this database.
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
SELECT OBJECT_ID('NewTable') AS id;
-- expect: id
-- NULL
GO
-- "DDL triggers do not fire in response to events that affect local or
-- global temporary tables and stored procedures" (DDL Triggers page): the
-- safety trigger lets an application's temporary table through.
CREATE TABLE #t (a int);
INSERT #t VALUES (1);
SELECT a FROM #t;
DROP TABLE #t;
-- expect: a
-- 1
GO
-- A group covers its nested events: DDL_TABLE_VIEW_EVENTS covers
-- DDL_INDEX_EVENTS, DDL_PROCEDURE_EVENTS does not cover CREATE_TABLE.
DROP TRIGGER safety ON DATABASE;
GO
CREATE TRIGGER tv ON DATABASE AFTER DDL_TABLE_VIEW_EVENTS AS
    PRINT EVENTDATA().value('(/EVENT_INSTANCE/EventType)[1]', 'nvarchar(100)') + ' ' + EVENTDATA().value('(/EVENT_INSTANCE/ObjectName)[1]', 'nvarchar(100)') + ' ' + EVENTDATA().value('(/EVENT_INSTANCE/ObjectType)[1]', 'nvarchar(100)');
GO
CREATE TRIGGER procs ON DATABASE FOR DDL_PROCEDURE_EVENTS AS PRINT 'procedure event';
GO
CREATE TABLE T2 (a int);
CREATE INDEX IX_T2 ON T2 (a);
-- message: CREATE_TABLE T2 TABLE
-- message: CREATE_INDEX IX_T2 INDEX
GO
CREATE TABLE #t2 (a int);
CREATE INDEX IX_t2 ON #t2 (a);
DROP TABLE #t2;
GO
CREATE PROCEDURE #p AS SELECT 1;
GO
CREATE PROCEDURE p1 AS SELECT 1;
-- message: procedure event
GO
-- CREATE OR ALTER changes it; DROP TRIGGER … ON DATABASE of a missing one is 3701.
CREATE OR ALTER TRIGGER procs ON DATABASE FOR DROP_PROCEDURE AS PRINT 'dropped a procedure';
GO
DROP PROCEDURE p1;
-- message: dropped a procedure
GO
DROP TRIGGER tv, procs ON DATABASE;
DROP TRIGGER IF EXISTS tv ON DATABASE;
SELECT COUNT(*) AS n FROM sys.triggers;
-- expect: n
-- 0
GO
DROP TRIGGER tv ON DATABASE;
-- error: 3701 Cannot drop the trigger 'tv', because it does not exist or you do not have permission.
GO
